"""Rule average-sentence-length: the sentences of a page are short on average.

Source: easy-read-rules.md 2.2 and §0 (Access Easy English measured UK easy read at 11 to 14
words a sentence on average; Readability Guidelines and the Oxford Guide to Plain English aim for
an average of 15; Plain English Campaign 15 to 20). pressroom defaults: easy read 12 or fewer,
young people 15 or fewer. The mean is taken per page file over the running text (paragraphs, row
lines, list items and quotes; headings are left out), and only when the page has enough sentences
for a mean to say something (``min_sentences``). Each sentence is still held to its own limit by
sentence-length; this rule catches a page where every sentence is just under it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, prose_pages, quote


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """One warning per page whose mean sentence length is above ``max``."""
    limit = float(ctx.settings["max"])
    min_sentences = int(ctx.settings["min_sentences"])
    for page in prose_pages(pub):
        sentences = ctx.analysis.body(page)
        if not sentences or len(sentences) < min_sentences:
            continue
        mean = round(sum(s.word_count for s in sentences) / len(sentences), 1)
        if mean <= limit:
            continue
        longest = max(sentences, key=lambda s: s.word_count)
        yield ctx.finding(
            sentences[0].location,
            f"Sentences on this page average {mean:.1f} words; "
            f"{ctx.audience} aims for {limit:g} or fewer.",
            f"Split the longest sentences first: '{quote(longest.text)}' on line "
            f"{longest.location.line} has {longest.word_count} words.",
        )


RULE = Rule(
    id="average-sentence-length",
    severity=Severity.WARNING,
    rationale="Easy read averages 11 to 14 words a sentence; aim for 12 (AEE; plain English 15).",
    check=check,
    scope=PAGE,
)
