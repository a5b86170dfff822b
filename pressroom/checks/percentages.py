"""Rule percentages: easy read says "most", "half" or "1 in 4", not "25%" or "25 per cent".

Source: easy-read-rules.md 6.3 (Inclusion Europe and Leichte Sprache: avoid percentages;
copian.ca Canadian literacy guide: percentages are hard; COGA: give alternatives to numbers).
Each "%", "per cent" or "percent" is reported once, from the number in front of it when there is
one. The fix turns the number into words a reader can picture ("1 in 4", "most").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, prose_pages

PERCENT_RE = re.compile(
    r"(?:(?P<number>\d+(?:\.\d+)?)[ \u00a0]?)?(?P<sign>%|\bper[ \u00a0]?cent\b)", re.IGNORECASE
)
EXACT_DENOMINATORS = (2, 3, 4, 5, 10)
ONE_IN = (20, 25, 50, 100)
NEAR_DENOMINATORS = (3, 4, 5, 10)


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each percentage in running text and headings."""
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            for match in PERCENT_RE.finditer(sentence.text):
                found = " ".join(match.group(0).split())
                number = match.group("number")
                words = plain_share(float(number)) if number else ""
                fix = (
                    f"Say it in words, such as '{words}'."
                    if words
                    else "Say it in words, such as 'most', 'half' or '1 in 4'."
                )
                yield ctx.finding(
                    sentence.location_at(match.start()),
                    f"Percentage '{found}': many readers find percentages hard.",
                    fix,
                )


def plain_share(percent: float) -> str:
    """A percentage in words a reader can picture: 'all', 'half', '1 in 4', 'about 4 in 10'."""
    if percent <= 0:
        return "none"
    if percent >= 100:
        return "all"
    if percent == 50:
        return "half"
    for bottom in EXACT_DENOMINATORS:
        top = percent * bottom / 100
        if abs(top - round(top)) < 1e-9:
            return f"{round(top)} in {bottom}"
    if 100 / percent in ONE_IN:
        return f"1 in {round(100 / percent)}"
    for bottom in NEAR_DENOMINATORS:
        top = round(percent * bottom / 100)
        if 1 <= top < bottom and abs(top * 100 / bottom - percent) <= 1.0:
            return f"about {top} in {bottom}"
    if percent >= 95:
        return "almost all"
    if percent >= 5:
        return f"about {round(percent / 10)} in 10"
    if percent < 1:
        return "less than 1 in 100"
    if percent == round(percent):
        return f"{round(percent)} in 100"
    return f"about {round(percent)} in 100"


RULE = Rule(
    id="percentages",
    severity=Severity.WARNING,
    rationale="Percentages are hard; say 'most', 'half' or '1 in 4' (Inclusion Europe, COGA).",
    check=check,
    scope=PAGE,
)
