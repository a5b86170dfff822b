"""Two PDFs from one layout: the print PDF and the digital PDF written from one WeasyPrint
``Document``.

A publication is laid out once, for print (CMYK colours and pictures, bleed, filler pages,
writing lines with a field over them on tear-out cards). The print PDF is that layout written as
PDF/X-4 without form fields. The digital PDF is the same layout written again as tagged PDF/UA-1,
with what differs decided at write time, never by laying out again:

- colours: each layout colour is drawn with its screen (sRGB) value instead of its CMYK one;
- pictures: each picture is drawn from its own file (sRGB) instead of its CMYK copy; both
  have the same size, so nothing moves;
- bleed: the page's media box is the trim (bleed only ever changes the media box);
- filler pages (notes or doodle pages added for printing) are left out; PDF page labels keep
  the printed page numbers, so that "page 14" means the same page in both PDFs;
- what only print needs (the tear cue, the words of a cut line: ``class="print-only"``) is
  not drawn, and so is not tagged either.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from .layout import Layout

PRINT_ONLY = "print-only"


def screen_colours(layout: Layout) -> dict[tuple[float, ...], Any]:
    """Each layout colour's CMYK value (as WeasyPrint holds it) → its screen colour."""
    from tinycss2.color5 import parse_color  # type: ignore[import-untyped]

    table: dict[tuple[float, ...], Any] = {}
    for value in layout.colours.values():
        cmyk = tuple(round(float(v) / 100, 4) for v in value["print"])
        table.setdefault(cmyk, parse_color(str(value["screen"])))
    return table


@contextmanager
def drawn_in_screen_colours(table: Mapping[tuple[float, ...], Any]) -> Iterator[None]:
    """While writing: CMYK layout colours are drawn as their screen colours.

    A CMYK colour that is not a layout colour (none is, today) is drawn as the plain
    conversion, so that the digital PDF never depends on a print profile.
    """
    from tinycss2.color5 import Color
    from weasyprint.pdf.stream import Stream

    original: Callable[..., Any] = Stream.set_color

    def set_color(self: Any, color: Any, stroke: bool = False) -> Any:
        if color.space == "device-cmyk":
            key = tuple(round(float(v), 4) for v in color.coordinates)
            screen = table.get(key)
            if screen is None:
                c, m, y, k = key
                rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
                screen = Color("srgb", rgb, 1.0)
            color = Color("srgb", screen.coordinates, color.alpha)
        return original(self, color, stroke)

    Stream.set_color = set_color
    try:
        yield
    finally:
        Stream.set_color = original


@contextmanager
def pictures_from_files(
    pages: list[Any], sources: Mapping[str, str], load: Callable[[str, Any], Any]
) -> Iterator[None]:
    """While writing: each picture drawn from ``sources[its CMYK URL]`` (a file URL) instead."""
    swapped: list[tuple[Any, Any]] = []
    loaded: dict[str, Any] = {}
    for page in pages:
        for box in _descendants(page._page_box):
            replacement = getattr(box, "replacement", None)
            element = getattr(box, "element", None)
            src = element.get("src") if replacement is not None and element is not None else None
            if src is None or src not in sources:
                continue
            url = sources[src]
            if url not in loaded:  # an SVG is drawn with the layout's context (fonts, sizes)
                loaded[url] = load(url, getattr(replacement, "_context", None))
            if loaded[url] is not None:
                swapped.append((box, replacement))
                box.replacement = loaded[url]
    try:
        yield
    finally:
        for box, replacement in swapped:
            box.replacement = replacement


@contextmanager
def without_print_only(pages: list[Any]) -> Iterator[None]:
    """While writing: boxes of ``class="print-only"`` elements are taken out (and put back)."""
    taken: list[tuple[Any, list[Any]]] = []
    for page in pages:
        for box in _descendants(page._page_box):
            children = getattr(box, "children", None)
            if not children or not any(_print_only(child) for child in children):
                continue
            taken.append((box, children))
            box.children = [child for child in children if not _print_only(child)]
    try:
        yield
    finally:
        for box, children in taken:
            box.children = children


def _print_only(box: Any) -> bool:
    element = getattr(box, "element", None)
    if element is None or "::" in (getattr(box, "element_tag", "") or ""):
        return False
    return PRINT_ONLY in (element.get("class") or "").split()


def _descendants(box: Any) -> Iterator[Any]:
    yield box
    for child in box.all_children() if hasattr(box, "all_children") else ():
        yield from _descendants(child)


def print_pages(document: Any) -> list[Any]:
    """The pages for the print PDF: no form fields (PDF/X allows none)."""
    pages = []
    for page in document.pages:
        page = copy.copy(page)
        page.forms = {None: []}
        pages.append(page)
    return pages


def digital_pages(document: Any, fillers: set[int]) -> list[Any]:
    """The pages for the digital PDF: no bleed, and no filler pages (0-based ``fillers``)."""
    pages = []
    for number, page in enumerate(document.pages):
        if number in fillers:
            continue
        page = copy.copy(page)
        page.bleed = dict.fromkeys(page.bleed, 0)
        pages.append(page)
    return pages


def page_labels(printed: list[int]) -> list[tuple[int, int]]:
    """PDF page label ranges (first PDF page, first printed number) for pages whose printed
    numbers are ``printed`` (1-based, rising, with gaps where filler pages were left out)."""
    ranges: list[tuple[int, int]] = []
    for index, number in enumerate(printed):
        if index == 0 or number != printed[index - 1] + 1:
            ranges.append((index, number))
    return ranges


def with_page_labels(data: bytes, ranges: list[tuple[int, int]]) -> bytes:
    """``data`` with PDF page labels for ``ranges``; unchanged when the numbers run on from 1."""
    if ranges == [(0, 1)] or not ranges:
        return data
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        nums: list[Any] = []
        for index, number in ranges:
            nums += [index, pikepdf.Dictionary(S=pikepdf.Name.D, St=number)]
        pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(nums))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
        return out.getvalue()
