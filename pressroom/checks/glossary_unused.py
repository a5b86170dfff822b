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

from ..model import Finding, Publication, Severity
from ._api import PUBLICATION, Context, Rule
from .glossary_terms import term_pattern


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Warn at each glossary entry whose word and forms never appear in the pages."""
    if not pub.glossary:
        return
    texts: list[str] = []
    for page in pub.pages:
        if page.kind == "glossary":
            continue
        texts.append(page.title)
        texts.extend(sentence.text for sentence in ctx.analysis.sentences(page))
    everything = "\n".join(texts)
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


RULE = Rule(
    id="glossary-unused",
    severity=Severity.WARNING,
    rationale="A words-to-know page explains only words the reader meets (GOV.UK, People First).",
    check=check,
    scope=PUBLICATION,
)
