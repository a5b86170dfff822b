"""Sentences and words with their exact place in the source, for the checks and the report.

A block's spans (what markdown-it read, see :class:`~pressroom.model.Span`) give its printed text:
pictures, link addresses, emphasis marks and raw HTML print no words, while every character
remembers its source line and column. Sentences are
split on full stops, question marks and exclamation marks; a heading or a list item is always a
unit of its own, with or without a full stop. Positions are computed once, here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from ..model import Block, Location, Page, Span
from ._words import WORD_RE, words_of

HIDDEN = set(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
)
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "e.g", "i.e", "vs", "approx"}
END_PUNCT = ".!?"
CLOSERS = "\"'”’)]"
TEXT_KINDS = ("heading", "paragraph", "row", "list-item", "quote")


class Char(NamedTuple):
    """One plain-text character and where it was written (a named tuple: a page has thousands,
    made on every check)."""

    char: str
    line: int
    col: int


@dataclass(frozen=True)
class Word:
    """A word (or a number, counted as one word) and its place."""

    text: str
    location: Location
    start: int = 0

    @property
    def is_number(self) -> bool:
        """True for digits such as 3, 2026 or 0800 1111."""
        return self.text[0].isdigit()


@dataclass(frozen=True)
class Sentence:
    """A sentence of a block, its words, and how it sits on the source lines."""

    text: str
    location: Location
    words: tuple[Word, ...]
    block: Block
    lines: tuple[int, ...]
    shares_line: bool
    chars: tuple[Char, ...] = ()

    @property
    def word_count(self) -> int:
        """Words in the sentence (numbers and hyphenated words count as one)."""
        return len(self.words)

    def location_at(self, index: int) -> Location:
        """The source position of character ``index`` of :attr:`text`."""
        if not self.chars:
            return self.location
        char = self.chars[max(0, min(index, len(self.chars) - 1))]
        return Location(self.location.path, char.line, char.col)


def span_chars(span: Span) -> list[Char]:
    """The printed characters of one leaf span, each where it is written.

    Words (``text``, ``code``) keep their characters; raw HTML is a word break (``us<br>at``
    is two words) and a comment nothing; styles and pictures print no words of their own.
    """
    if span.kind in ("text", "code"):
        if span.literal:
            return [
                Char(c, span.line, span.col + i) for i, c in enumerate(span.text) if c not in HIDDEN
            ]  # hidden characters are reported by the invisible-characters rule, not read
        return [Char(c, span.line, span.col) for c in span.text]
    if span.kind == "html" and not span.text.startswith("<!--"):
        return [Char(" ", span.line, span.col)]
    return []


def block_chars(block: Block) -> list[Char]:
    """All printed characters of a block; a line break is a newline just after the line's
    last character (none before the first character)."""
    chars: list[Char] = []
    for span in block.spans:
        if span.kind == "break":
            if chars:
                last = chars[-1]
                chars.append(Char("\n", last.line, last.col + 1))
        else:
            chars.extend(span_chars(span))
    return chars


def sentences(block: Block, path: str, split_lines: bool = False) -> list[Sentence]:
    """Split a block into sentences with positions.

    With ``split_lines`` (easy read, where every source line is printed as its own line) a line
    break also ends a unit, so a line without a full stop ("Childline", then "0800 1111") is not
    joined to the next one.
    """
    chars = block_chars(block)
    result: list[Sentence] = []
    start = 0
    previous_end_line = -1
    for end in _sentence_ends(chars, split_lines):
        piece = chars[start:end]
        sentence = _make_sentence(piece, block, path, previous_end_line)
        if sentence is not None:
            result.append(sentence)
            previous_end_line = sentence.lines[-1]
        start = end
    return result


def _sentence_ends(chars: list[Char], split_lines: bool) -> Iterator[int]:
    text = "".join(c.char for c in chars)
    i = 0
    while i < len(text):
        if split_lines and text[i] == "\n":
            yield i
        elif text[i] in END_PUNCT:
            j = i + 1
            while j < len(text) and (text[j] in END_PUNCT or text[j] in CLOSERS):
                j += 1
            if (j == len(text) or text[j].isspace()) and not _is_abbreviation(text, i):
                nxt = text[j:].lstrip()
                if not nxt or nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"'“‘(*":
                    yield j
                    i = j
                    continue
        i += 1
    yield len(text)


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    before = re.search(r"([A-Za-z.]+)$", text[:dot])
    if before is None:
        return (
            dot > 0 and text[dot - 1].isdigit() and dot + 1 < len(text) and text[dot + 1].isdigit()
        )
    word = before.group(1).lower().strip(".")
    if word == "no":  # "No. 5" is a number; "You can say no." ends a sentence
        return text[dot + 1 :].lstrip()[:1].isdigit()
    return word in ABBREVIATIONS


def _make_sentence(
    piece: list[Char], block: Block, path: str, previous_end_line: int
) -> Sentence | None:
    while piece and piece[0].char.isspace():
        piece = piece[1:]
    while piece and piece[-1].char.isspace():
        piece = piece[:-1]
    if not piece:
        return None
    text = "".join(" " if c.char == "\n" else c.char for c in piece)
    words = tuple(
        Word(m.group(0), Location(path, piece[m.start()].line, piece[m.start()].col), m.start())
        for m in WORD_RE.finditer(text)
    )
    if not words:
        return None
    lines = tuple(sorted({c.line for c in piece if c.char != "\n"}))
    first = piece[0]
    return Sentence(
        text=text,
        location=Location(path, first.line, first.col),
        words=words,
        block=block,
        lines=lines,
        shares_line=first.line == previous_end_line,
        chars=tuple(piece),
    )


def page_sentences(page: Page, split_lines: bool = False) -> tuple[Sentence, ...]:
    """Every sentence of a page's running text, in order (see :func:`sentences`)."""
    found: list[Sentence] = []
    for block in page.blocks:
        if block.kind in TEXT_KINDS:
            found.extend(sentences(block, page.display_path, split_lines))
    return tuple(found)


__all__ = ["WORD_RE", "Sentence", "Word", "page_sentences", "sentences", "words_of"]
