"""Rule row-length: each picture row or paragraph carries one small piece of information.

Source: easy-read-rules.md 3.2 and §0 (Photosymbols: 4 to 5 sentences a paragraph at most, fewer
if the subject changes; COGA: split a paragraph of more than 50 words; lucid-lint's easy-to-read
profile: 3 sentences and 60 words; NHS content style guide: 3 sentences). pressroom defaults: easy
read 3 sentences and 60 words a row, young people 4 sentences and 80 words a paragraph. Picture
rows and plain paragraphs are measured; list items and headings are units of their own, and pages
that fill themselves in (contents, words to know, credits) are left out.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Block, Finding, Publication, Severity
from ._api import PAGE, Context, Rule, prose_pages
from ._text import Sentence

MEASURED = ("row", "paragraph")


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """One warning per block over ``max_sentences`` sentences or ``max_words`` words."""
    max_sentences = int(ctx.settings["max_sentences"])
    max_words = int(ctx.settings["max_words"])
    for page in prose_pages(pub):
        for block, sentences in _by_block(ctx.analysis.body(page)):
            if block.kind not in MEASURED:
                continue
            count = len(sentences)
            words = sum(s.word_count for s in sentences)
            too_many = count > max_sentences
            too_long = words > max_words
            if not (too_many or too_long):
                continue
            name = "row" if block.kind == "row" else "paragraph"
            if too_many and too_long:
                found = f"{count} sentences and {words} words"
                allowed = f"{max_sentences} sentences and {max_words} words"
            elif too_many:
                found, allowed = f"{count} sentences", f"{max_sentences}"
            else:
                found, allowed = f"{words} words", f"{max_words}"
            yield ctx.finding(
                block.location,
                f"This {name} has {found}; {ctx.audience} keeps each {name} to {allowed}.",
                _fix(block),
            )


def _by_block(sentences: tuple[Sentence, ...]) -> Iterator[tuple[Block, list[Sentence]]]:
    """The sentences of a page grouped by the block they belong to, in page order."""
    group: list[Sentence] = []
    for sentence in sentences:
        if group and sentence.block is not group[0].block:
            yield group[0].block, group
            group = []
        group.append(sentence)
    if group:
        yield group[0].block, group


def _fix(block: Block) -> str:
    if block.kind == "row":
        return "Split it into two rows, each with its own picture and one idea."
    return "Split it into two paragraphs, each with one idea, or make a list."


RULE = Rule(
    id="row-length",
    severity=Severity.WARNING,
    rationale="One idea per row: at most 3 sentences and 60 words (Photosymbols, COGA, NHS).",
    check=check,
    scope=PAGE,
)
