"""Planning the printed page order: tear-out pages on their own leaf, and a multiple of 4 pages.

After a first layout pressroom knows where each page file starts and how many printed pages it
takes. From that, this module decides where to add designed filler pages (a notes page or a
doodle page):

* a tear-out page must be the front of a leaf (an odd page), and the back of that leaf must be
  part of the same tear-out, a notes page, a doodle page or a filler, so that nothing the reader
  still needs is torn out with it;
* the booklet must have a multiple of 4 pages for saddle stitching: fillers go before the back
  cover (the last page file).

It also checks the final order and explains each tear-out leaf: its back and its conjugate leaf.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...source.kinds import has_own_leaf as _own_leaf
from ...source.kinds import is_spare
from .leaves import conjugate, is_cover_leaf, leaf_of, other_side

FILLER_CYCLE = ("notes", "doodle")  # a profile's ``fillers`` says which spare kinds pad its print


@dataclass(frozen=True)
class Span:
    """A page file (or a filler) in the printed booklet: its first page and how many pages."""

    index: int  # position of the page file in the publication; -1 for a filler
    kind: str
    title: str
    source: str
    start: int
    count: int

    @property
    def pages(self) -> range:
        """The printed page numbers it covers."""
        return range(self.start, self.start + self.count)


# page-file index -> fillers printed before that page file (the number of page files: at the end)
Fillers = dict[int, tuple[str, ...]]


def plan_fillers(
    spans: list[Span], multiple_of: int = 4, cycle: tuple[str, ...] = FILLER_CYCLE
) -> Fillers:
    """Where to put filler pages, given the page files' spans WITHOUT any fillers."""
    fillers: dict[int, list[str]] = {}
    shift = 0
    files = [s for s in spans if s.index >= 0]
    for position, span in enumerate(files):
        if not _own_leaf(span.kind):
            continue
        start = span.start + shift
        if start % 2 == 0:  # on the back of a leaf: push it to the front of the next one
            fillers.setdefault(span.index, []).append("notes")
            shift += 1
        end = start + (1 if start % 2 == 0 else 0) + span.count - 1
        following = files[position + 1] if position + 1 < len(files) else None
        back_is_spare = following is None or is_spare(following.kind)
        if end % 2 == 1 and not back_is_spare and following is not None:
            fillers.setdefault(following.index, []).append("notes")
            shift += 1
    total = sum(s.count for s in files) + shift
    missing = (-total) % multiple_of if multiple_of else 0
    if files and _own_leaf(files[-1].kind):
        # No back cover: pad after the tear-out, and keep it off the outer (cover) sheet.
        slot = files[-1].index + 1
        if missing < 2:
            missing += multiple_of
    elif files:
        slot = files[-1].index  # before the back cover
    if missing and files:
        padding = [cycle[i % len(cycle)] for i in range(missing)]
        fillers[slot] = fillers.get(slot, []) + padding
    return {index: tuple(kinds) for index, kinds in fillers.items()}


def without_fillers(spans: list[Span]) -> list[Span]:
    """The page files' spans as they would be with no filler pages in between."""
    result, start = [], 1
    for span in sorted(spans, key=lambda s: s.start):
        if span.index < 0:
            continue
        result.append(Span(span.index, span.kind, span.title, span.source, start, span.count))
        start += span.count
    return result


def extra_padding(
    fillers: Fillers,
    spans: list[Span],
    page_count: int,
    cycle: tuple[str, ...] = FILLER_CYCLE,
    multiple_of: int = 4,
) -> Fillers:
    """More padding if a layout with ``fillers`` still misses a multiple of 4 (say a filler or
    the back cover ran onto a second page)."""
    missing = (-page_count) % multiple_of
    if not missing:
        return fillers
    slot = max(fillers) if fillers else max(s.index for s in spans)
    padding = tuple(cycle[i % len(cycle)] for i in range(missing))
    return {**fillers, slot: fillers.get(slot, ()) + padding}


@dataclass(frozen=True)
class LeafNote:
    """What the build found about one tear-out leaf."""

    severity: str  # "error" or "warning"
    source: str
    message: str


def check_tear_outs(spans: list[Span], page_count: int) -> list[LeafNote]:
    """Explain every tear-out leaf and report any that would lose or loosen needed pages."""
    by_page = {page: span for span in spans for page in span.pages}
    notes: list[LeafNote] = []
    for span in spans:
        if not _own_leaf(span.kind):
            continue
        for page in span.pages:
            notes.extend(_check_page(span, page, by_page, page_count))
    return _unique(notes)


def _check_page(span: Span, page: int, by_page: dict[int, Span], page_count: int) -> list[LeafNote]:
    leaf = leaf_of(page)
    back = by_page.get(other_side(page))
    notes = []
    if back is not None and back is not span and not is_spare(back.kind):
        notes.append(
            LeafNote(
                "error",
                span.source,
                f"Tearing out page {page} would also tear out page {other_side(page)} "
                f"('{back.title or back.kind}'), which readers still need.",
            )
        )
    if page_count % 4 == 0 and is_cover_leaf(leaf, page_count):
        notes.append(
            LeafNote(
                "error",
                span.source,
                f"Page {page} is on the cover sheet; tearing it out would loosen the covers.",
            )
        )
    return notes


def _unique(notes: list[LeafNote]) -> list[LeafNote]:
    seen: set[LeafNote] = set()
    result = []
    for note in notes:
        if note not in seen:
            seen.add(note)
            result.append(note)
    return result


def conjugates(leaves: list[tuple[int, int]], page_count: int) -> list[dict[str, list[int]]]:
    """For the job sheet: each perforated leaf and the leaf joined to it at the fold."""
    if page_count % 4:
        return []
    result = []
    for front, back in leaves:
        joined = conjugate(leaf_of(front), page_count)
        result.append({"leaf": [front, back], "conjugate": [joined.front, joined.back]})
    return result


def tear_out_leaves(spans: list[Span]) -> list[tuple[int, int]]:
    """The leaves (front, back) that carry tear-out pages, for the perforation guide."""
    leaves = {leaf_of(page).pages for span in spans if _own_leaf(span.kind) for page in span.pages}
    return sorted(leaves)
