"""Planning the printed page order: tear-out pages on their own leaf, and a multiple of 4 pages.

After a first layout pressroom knows where each page file starts and how many printed pages it
takes. From that, this module decides where to add designed filler pages (a notes page or a
doodle page):

* a tear-out page must be the front of a leaf (an odd page), or the back of a leaf whose front
  is another tear-out page (two cards on one leaf). The back of a tear-out leaf must be part of
  the same tear-out, another tear-out, a notes page, a doodle page or a filler, so that nothing
  the reader still needs is torn out with it;
* a card the reader shows to staff (``shown_to_staff``) must not have a personal page (notes or
  doodle, where the reader writes for themselves) on its back: its back is another tear-out page
  or a blank filler;
* the booklet must have a multiple of 4 pages for saddle stitching: fillers go before the back
  cover (the last page file).

It also checks the final order and explains each tear-out leaf: its back and its conjugate leaf.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...source.kinds import has_own_leaf as _own_leaf
from ...source.kinds import is_spare
from .leaves import conjugate, is_cover_leaf, leaf_of, other_side

PERSONAL_KINDS = ("notes", "doodle")  # the reader writes or draws there for themselves
BLANK = "blank"  # the filler behind a card shown to staff
FILLER_CYCLE = ("notes", "doodle")  # a profile's ``fillers`` says which spare kinds pad its print


def _spare(kind: str) -> bool:
    """May back a tear-out: a spare kind, an added filler, or the blank back of a card."""
    return is_spare(kind) or kind == BLANK


@dataclass(frozen=True)
class Span:
    """A page file (or a filler) in the printed booklet: its first page and how many pages."""

    index: int  # position of the page file in the publication; -1 for a filler
    kind: str
    title: str
    source: str
    start: int
    count: int
    shown: bool = False  # a tear-out card the reader shows to staff

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
    last_tear_out = 0  # the printed page where the last tear-out ended
    files = [s for s in spans if s.index >= 0]
    for position, span in enumerate(files):
        if not _own_leaf(span.kind):
            continue
        start = span.start + shift
        if start % 2 == 0 and start - 1 != last_tear_out:
            # on the back of a leaf whose front is not a tear-out: push it to the next front
            fillers.setdefault(span.index, []).append("notes")
            shift += 1
            start += 1
        last_tear_out = start + span.count - 1
        following = files[position + 1] if position + 1 < len(files) else None
        back = _back_filler(span, last_tear_out, following)
        if back:
            slot = following.index if following is not None else span.index + 1
            fillers.setdefault(slot, []).append(back)
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


def _back_filler(span: Span, end: int, following: Span | None) -> str:
    """The filler a tear-out needs on the back of its last leaf, or an empty string."""
    if end % 2 == 0 or (following is not None and _own_leaf(following.kind)):
        return ""  # its own page is the back, or the next tear-out shares the leaf
    if span.shown:
        return BLANK  # never the reader's own notes on the back of a card staff will read
    if following is None or _spare(following.kind):
        return ""
    return "notes"


def without_fillers(spans: list[Span]) -> list[Span]:
    """The page files' spans as they would be with no filler pages in between."""
    result, start = [], 1
    for span in sorted(spans, key=lambda s: s.start):
        if span.index < 0:
            continue
        result.append(replace(span, start=start))
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
    fix: str = ""


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
    if back is None or back is span or _own_leaf(back.kind):
        pass  # nothing else on the leaf, or cards that are torn out together
    elif span.shown and back.kind in PERSONAL_KINDS:
        notes.append(
            LeafNote(
                "error",
                span.source,
                f"Page {other_side(page)} ('{back.title or back.kind}') is on the back of "
                f"'{span.title or span.kind}', a card the reader shows to staff: staff would "
                "see what the reader wrote or drew for themselves.",
                "Put another card (or a second page of this card) on its back, or move the "
                "personal page away; pressroom adds a blank back when nothing else fits.",
            )
        )
    elif not _spare(back.kind):
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
