"""Where the printed pages turn, for the formats that have no printed pages of their own.

The print PDF's layout tells which printed page each page file starts on (its spans) and which
unit of content comes first on every later page (``page_starts``). This module puts the two
together as a list of page turns, so that the EPUB's page list and the braille's print page
numbers name the same pages as the print PDF and its job sheet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Publication
from .printing.plan import Span


@dataclass(frozen=True)
class PageTurn:
    """Printed page ``number`` begins in page file ``page`` (its ``rel``): at the top of the
    file, or, with ``src`` ("path:line"), just before the unit of content written there."""

    number: int
    page: str
    src: str = ""

    @property
    def line(self) -> tuple[str, int]:
        """``src`` as (path, line); ("", 0) for the top of the page file."""
        path, _, line = self.src.rpartition(":")
        return (path, int(line)) if line.isdigit() else ("", 0)


@dataclass(frozen=True)
class PageMap:
    """Every printed page that holds content, in order, and how many pages the print has."""

    turns: tuple[PageTurn, ...]
    page_count: int

    def in_page(self, rel: str) -> list[PageTurn]:
        """The page turns inside one page file, in order."""
        return [turn for turn in self.turns if turn.page == rel]


def page_map(pub: Publication, spans: Sequence[Span], starts: Mapping[int, str]) -> PageMap:
    """The page turns of the print PDF. Filler pages (notes and doodle pages added for
    printing) have no content, so they have no turn; their numbers are simply skipped."""
    turns: list[PageTurn] = []
    for span in sorted(spans, key=lambda s: s.start):
        if span.index < 0:
            continue
        rel = pub.pages[span.index].display_path
        turns.append(PageTurn(span.start, rel))
        for number in span.pages[1:]:
            turns.append(PageTurn(number, rel, starts.get(number, "")))
    count = max((s.start + s.count - 1 for s in spans), default=0)
    return PageMap(tuple(turns), count)
