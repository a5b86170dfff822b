"""Rule semicolons: easy read text has no semicolons.

Source: easy-read-rules.md 7.2 (Social Security Scotland style guide: no semicolons; Age UK;
GOV.UK style: semicolons are often misread, so split the sentence). A semicolon joins two ideas
in one sentence, and easy read keeps one idea to a sentence. Character references such as
``&nbsp;`` are decoded before the rule sees the text, so their semicolons never count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, prose_pages, quote

SEMICOLON_RE = re.compile(r";")
WORD_BEFORE_RE = re.compile(r"([\w'’-]+)\W*$")


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report every semicolon in running text and headings."""
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            text = sentence.text
            for match in SEMICOLON_RE.finditer(text):
                before = WORD_BEFORE_RE.search(text[: match.start()])
                where = f" after '{quote(before.group(1))}'" if before else ""
                yield ctx.finding(
                    sentence.location_at(match.start()),
                    f"Semicolon{where}: {ctx.audience} does not use semicolons.",
                    "Split the sentence in two: put a full stop where the semicolon is. For "
                    "a list of things, use a bulleted list.",
                )


RULE = Rule(
    id="semicolons",
    severity=Severity.ERROR,
    rationale="No semicolons: they are often misread (Social Security Scotland, GOV.UK style).",
    check=check,
    scope=PAGE,
)
