"""Rule ampersands: write "and", never "&".

Source: easy-read-rules.md 7.5 (GOV.UK A to Z style: "and", not "&"; ONS style guide: no
ampersands; Woking Borough Council: no symbols in place of words). Symbols are harder to read than
words and screen readers say them in different ways. Character references are already decoded in
the sentence text (``&amp;`` is an "&", ``&nbsp;`` a space). An organisation whose official name
has "&" can keep it with an allow marker on that line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, prose_pages

AMPERSAND_RE = re.compile(r"&")
SHORT_FORMS = {
    "A&E": "accident and emergency",
    "Q&A": "questions and answers",
}
PAIR_RE = re.compile(r"(?<![A-Za-z])([A-Z])\s?$")
AFTER_RE = re.compile(r"^\s?([A-Z])(?![A-Za-z])")


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each "&" in running text and headings."""
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            text = sentence.text
            for match in AMPERSAND_RE.finditer(text):
                yield ctx.finding(
                    sentence.location_at(match.start()),
                    f"Ampersand '{match.group(0)}': {ctx.audience} writes 'and'.",
                    _fix(text[: match.start()], text[match.end() :]),
                )


def _fix(before: str, after: str) -> str:
    """Write 'and'; for a short form such as A&E, suggest the words in full."""
    first, second = PAIR_RE.search(before), AFTER_RE.search(after)
    if first and second:
        pair = f"{first.group(1)}&{second.group(1)}"
        words = SHORT_FORMS.get(pair)
        if words:
            return f"Write '{words}' instead of '{pair}'."
        return f"Write '{first.group(1)} and {second.group(1)}', or the words in full."
    return "Write the word 'and'. If '&' is part of an official name, add an allow marker."


RULE = Rule(
    id="ampersands",
    severity=Severity.ERROR,
    rationale="Write 'and', not '&': symbols are harder to read (GOV.UK style, ONS, Woking).",
    check=check,
    scope=PAGE,
)
