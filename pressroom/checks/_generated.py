"""The words pressroom writes itself obey the rules it enforces.

The texts of the layout's ``words.yml`` (see :mod:`source.own_words`), as a publication's readers
meet them (with its noun), are checked by the same writing rules as the editor's text, for the
publication's profile and settings. Each text becomes a paragraph of a stand-in page whose lines
are the lines of ``words.yml``, so every finding points at the line to change there.
Rules about a page's shape (pictures beside rows, rows per page, averages over a page), about
the whole publication (glossary, length, sign-off) and about Markdown are not run: the words
have no pictures, pages or Markdown of their own.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..model import Block, Finding, Location, Page, Publication, plain_span
from ..source.own_words import Words, checked_texts, load_words

WORD_RULES = (
    "sentence-length",
    "hard-words",
    "acronyms",
    "number-words",
    "percentages",
    "roman-numerals",
    "semicolons",
    "ampersands",
    "latin-abbreviations",
    "brackets",
    "all-caps",
    "passive-voice",
    "double-negatives",
    "negative-contractions",
    "invisible-characters",
)


def words_pages(pub: Publication, words: Words) -> tuple[Page, ...]:
    """Stand-in pages, one per ``words.yml``, holding each generated text at its line."""
    by_file: dict[str, list[tuple[Location, str]]] = {}
    for checked in checked_texts(pub, words):
        by_file.setdefault(checked.place.path, []).append((checked.place, checked.text))
    return tuple(_page(rel, texts) for rel, texts in by_file.items())


def _page(rel: str, texts: list[tuple[Location, str]]) -> Page:
    body_lines = [""] * max(place.line for place, _ in texts)
    blocks: list[Block] = []
    for place, text in texts:
        body_lines[place.line - 1] = text
        blocks.append(Block("paragraph", place, (plain_span(text, place.line, place.col),)))
    return Page(
        path=Path(rel),
        display_path=rel,
        number=0,
        name="words",
        kind="content",
        title="",
        meta={"kind": "content", "title": "", "in_contents": False},
        body="\n".join(body_lines),
        body_line=1,
        blocks=tuple(blocks),
    )


def check_words(pub: Publication, words: Words) -> list[Finding]:
    """The findings of the writing rules on the generated words, for this publication."""
    from . import run_checks  # the registry imports this module's package

    pages = words_pages(pub, words)
    if not pages:
        return list(words.findings)
    wanted = [rule for rule in WORD_RULES if rule in pub.audience.rules]
    stand_in = replace(pub, pages=pages, glossary=())
    nouns = {
        (c.place.path, c.place.line, column)
        for c in checked_texts(pub, words)
        for span in c.noun_columns
        for column in span
    }
    found = run_checks(stand_in, only=wanted)
    return [*words.findings, *(_at_the_noun(pub, f, nouns) for f in found)]


def _at_the_noun(pub: Publication, finding: Finding, nouns: set[tuple[str, int, int]]) -> Finding:
    """A finding about the publication's noun belongs where the editor chose it: its ``format``
    setting in publication.yml (the file's top when the noun is the profile's default)."""
    loc = finding.location
    if (loc.path, loc.line, loc.col) not in nouns:
        return finding
    return replace(finding, location=pub.config_location("format"))


def check_generated_words(pub: Publication, layouts_root: Path) -> list[Finding]:
    """Check the words of ``layouts/<profile>/words.yml`` over ``layouts/base/words.yml`` for
    ``pub`` (its profile, noun and ``checks:`` settings)."""
    folders = [layouts_root / pub.profile, layouts_root / "base"]
    return check_words(pub, load_words([f for f in folders if f.is_dir()], layouts_root))
