"""Rule glossary-unused: every word in glossary.yml is used in the publication.

Source: easy-read-rules.md 4.4 and 14.5 (every glossary entry is used in the text; GOV.UK
accessible communication formats and People First: the hard words page explains the hard words of
this document). A words-to-know page that explains words the reader never meets is longer than it
needs to be, and an unused entry is often a misspelling or a word that was changed in the text.
A word counts as used if it, or one of its ``forms``, appears anywhere in the pages other than the
words-to-know page itself: running text, headings and page titles (ignoring case, whole words).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Page, Publication, Severity
from ._api import Context, Fact, facts_rule
from .glossary_terms import term_pattern


def page_facts(page: Page, pub: Publication, ctx: Context) -> list[Fact]:
    """The page's title and sentences, one per line (nothing from the words-to-know page)."""
    if page.kind == "glossary" or not pub.glossary:
        return []
    texts = [page.title, *(sentence.text for sentence in ctx.analysis.sentences(page))]
    return [("\n".join(texts), None)]


def combine(pub: Publication, ctx: Context, facts: list[list[Fact]]) -> Iterator[Finding]:
    """Warn at each glossary entry whose word and forms never appear in the pages."""
    if not pub.glossary:
        return
    everything = "\n".join(text for page in facts for text, _none in page)
    for term in pub.glossary:
        pattern = term_pattern(term)
        if pattern is None or pattern.search(everything):
            continue
        yield ctx.finding(
            term.location,
            f"'{term.word}' is in glossary.yml but is never used.",
            "Remove it from glossary.yml, or check its spelling; if the text uses another "
            "form of the word (a plural, say), add it to the entry's forms.",
        )


RULE = facts_rule(
    id="glossary-unused",
    severity=Severity.WARNING,
    rationale="A words-to-know page explains only words the reader meets (GOV.UK, People First).",
    page_facts=page_facts,
    combine=combine,
)
