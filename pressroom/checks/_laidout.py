"""What WeasyPrint laid out: every marked unit of a publication, page by page, and what of it a
reader can really see.

The HTML given to WeasyPrint marks each unit of content with ``data-src="path:line"`` (a heading,
a paragraph or row of sentences, a list item, a picture, a glossary entry, a space to write) and
each page file's section with ``data-page="path"``. After layout this module walks WeasyPrint's
boxes, the same boxes it paints, and records for each unit the text it was given and the text
that ends up visible: inside the page, inside the safe area, not clipped by a box that hides its
overflow, not painted in the colour behind it, and not covered by a box painted later.

It is the only module that reads WeasyPrint's box tree; :mod:`_fit` turns what it finds into
findings. Painting order follows CSS 2.1 appendix E as WeasyPrint implements it: backgrounds of
a stacking context before its text, and positioned, clipped or translucent boxes (which make
stacking contexts) after the content of their parent context.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

SAFE_MM = 5.0  # text and pictures stay this far inside the trim (print.md: 5 mm at least)
PX_PER_MM = 96 / 25.4
SKIPPED_TAGS = {"textarea", "script", "style", "title"}


@dataclass
class Unit:
    """One marked unit of content and what of it was laid out."""

    src: str  # "path:line" of its source
    page_file: str  # the page file it belongs to ("" outside one)
    kind: str  # "text" or "picture" (or "space": a box to write or draw in)
    expected: str  # its own text, as given to WeasyPrint ("\n" between source lines)
    pages: set[int] = field(default_factory=set)  # printed pages (from 1) it appears on
    visible: list[str] = field(default_factory=list)  # visible text pieces, in order
    hidden: dict[str, str] = field(default_factory=dict)  # why pieces are hidden → their text
    shown: bool = False  # for pictures and spaces: some of it is visible


@dataclass
class LaidOut:
    """Every unit in document order, and the printed pages each page file's section covers."""

    units: list[Unit]
    sections: dict[str, list[int]]  # page file → the printed pages its section is on
    page_count: int


def read_document(document: Any, section_ids: dict[str, str], unit_ids: dict[str, str]) -> LaidOut:
    """Read a rendered WeasyPrint ``Document``: where each unit went and what is visible.

    Units are the elements marked ``data-src``, and those whose id ``unit_ids`` maps to a
    source line; ``section_ids`` maps the id of each page file's section to the page file.
    """
    units: dict[int, Unit] = {}
    order: list[int] = []
    sections: dict[str, list[int]] = {}
    pages = document.pages
    root = pages[0]._page_box.children[0].element if pages and pages[0]._page_box.children else None
    if root is not None:
        for element in root.iter():
            src = element.get("data-src") or unit_ids.get(element.get("id") or "")
            if src:
                units[id(element)] = _unit(element, src)
                order.append(id(element))
    for number, page in enumerate(pages, start=1):
        _Page(page._page_box, number, units, sections, section_ids).walk()
    return LaidOut([units[key] for key in order], sections, len(pages))


def page_starts(laid: LaidOut | None) -> dict[int, str]:
    """Each printed page → the source ("path:line") of the first unit that begins on it."""
    starts: dict[int, str] = {}
    for unit in laid.units if laid is not None else ():
        if unit.pages:
            starts.setdefault(min(unit.pages), unit.src)
    return starts


def _unit(element: Any, src: str) -> Unit:
    kind = "picture" if _tag(element) in ("img", "svg") else "text"
    if "activity" in (element.get("class") or ""):
        kind = "space"
    return Unit(src, "", kind, own_text(element) if kind == "text" else "")


def own_text(element: Any) -> str:
    """The text of ``element`` that is its own: nested units and hidden elements left out."""
    parts: list[str] = []

    def visit(node: Any, top: bool) -> None:
        tag = _tag(node)
        if not top and (node.get("data-src") or tag in SKIPPED_TAGS or node.get("aria-hidden")):
            pass
        else:  # (a <br> adds nothing: the source's line break follows it as "\n")
            if node.text:
                parts.append(node.text)
            for child in node:
                visit(child, False)
        if not top and node.tail:
            parts.append(node.tail)

    visit(element, True)
    return "".join(parts)


def _tag(element: Any) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


Rect = tuple[float, float, float, float]  # left, top, right, bottom in CSS px


@dataclass
class _Paint:
    """A painted background: its rectangle, colour and paint rank."""

    rect: Rect
    rgba: tuple[float, float, float, float]
    rank: tuple[int, ...]
    box: Any


class _Page:
    """One printed page: its boxes walked once, in tree order."""

    def __init__(
        self,
        page_box: Any,
        number: int,
        units: dict[int, Unit],
        sections: dict[str, list[int]],
        section_ids: dict[str, str],
    ) -> None:
        self.page_box = page_box
        self.section_ids = section_ids
        self.number = number
        self.units = units
        self.sections = sections
        width, height = page_box.margin_width(), page_box.margin_height()
        bleed = page_box.bleed
        self.trim: Rect = (0.0, 0.0, width, height)
        self.media: Rect = (
            -bleed["left"],
            -bleed["top"],
            width + bleed["right"],
            height + bleed["bottom"],
        )
        safe = SAFE_MM * PX_PER_MM
        self.safe: Rect = (safe, safe, width - safe, height - safe)
        self.backgrounds: list[_Paint] = []
        self.texts: list[tuple[Any, Unit, Rect, tuple[int, ...], Rect]] = []
        self.pictures: list[tuple[Any, Unit, Rect, tuple[int, ...], Rect]] = []
        self.all_texts: list[tuple[Any, Rect]] = []  # every piece of text, marked or not
        self.serial = 0

    def walk(self) -> None:
        """Collect the page's units, then judge what of each can be seen."""
        for child in self.page_box.children:
            if type(child).__name__ == "MarginBox":
                continue  # running heads and page numbers: pressroom's own, not content
            self._visit(child, None, (0,), self.media, "")
        for box, unit, rect, rank, clip in self.texts:
            text = box.text or ""
            reason = self._hidden(box, rect, rank, clip)
            if reason:
                unit.hidden[reason] = unit.hidden.get(reason, "") + text
            else:
                unit.visible.append(text)
        for box, unit, rect, rank, clip in self.pictures:
            reason = self._hidden(box, rect, rank, clip, picture=True)
            if reason:
                unit.hidden.setdefault(reason, "")
            else:
                unit.shown = True

    def _visit(
        self,
        box: Any,
        unit: Unit | None,
        rank: tuple[int, ...],
        clip: Rect,
        page_file: str,
    ) -> None:
        element = getattr(box, "element", None)
        pseudo = "::" in (getattr(box, "element_tag", "") or "")
        if element is not None and not pseudo:
            page_file = self.section_ids.get(element.get("id") or "", page_file)
            if id(element) in self.units:
                unit = self.units[id(element)]
                unit.pages.add(self.number)
                unit.page_file = unit.page_file or page_file
        if page_file:
            pages = self.sections.setdefault(page_file, [])
            if self.number not in pages:
                pages.append(self.number)
        style = box.style
        if _makes_context(box):
            self.serial += 1
            z_index = style["z_index"]
            rank = (*rank, z_index if isinstance(z_index, int) else 0, self.serial)
        background = _colour(style["background_color"]) if hasattr(box, "padding_width") else None
        if background and background[3] > 0.5 and box.width and box.height:
            self.backgrounds.append(_Paint(_border_rect(box), background, rank, box))
        kind = type(box).__name__
        if kind == "TextBox" and (box.text or "").strip():
            rect = _text_rect(box)
            self.all_texts.append((box, rect))
            if unit is not None and not pseudo:
                self.texts.append((box, unit, rect, rank, clip))
        elif (
            unit is not None
            and unit.kind != "text"
            and element is not None
            and (id(element) in self.units and self.units[id(element)] is unit)
        ):
            self.pictures.append((box, unit, _border_rect(box), rank, clip))
        if style["overflow"] != "visible" and kind != "PageBox":
            clip = _intersect(clip, _padding_rect(box))
        for child in getattr(box, "children", ()):
            self._visit(child, unit, rank, clip, page_file)

    def _hidden(
        self,
        box: Any,
        rect: Rect,
        rank: tuple[int, ...],
        clip: Rect,
        picture: bool = False,
    ) -> str:
        """Why a piece of text (or a picture) cannot be seen, or "" if it can."""
        style = box.style
        if rect[2] - rect[0] <= 0.5 or rect[3] - rect[1] <= 0.5:
            return "has no room"
        if style["visibility"] != "visible" or style["opacity"] == 0:
            return "is hidden"
        if _share(rect, self.trim) < 0.5:
            return "falls outside the page"
        if _share(rect, clip) < 0.5:
            return "is cut off by the box around it"
        if not _inside(rect, self.safe, slack=1.0):
            return "is too close to the edge of the page (it may be trimmed off)"
        centre = ((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2)
        behind: tuple[float, float, float, float] = (1.0, 1.0, 1.0, 1.0)
        for paint in self.backgrounds:  # in tree order; a later rank is painted later
            if paint.box is box or not _contains(paint.rect, centre):
                continue
            if paint.rank > rank:
                return "is covered by another box"
            behind = paint.rgba
        if picture:
            return ""
        for other in self.all_texts:
            if other[0] is not box and _share(rect, other[1]) > 0.25:
                return "is printed over other text"
        ink = _colour(style["color"]) or (0.0, 0.0, 0.0, 1.0)
        if ink[3] < 0.3 or contrast(ink, behind) < 1.5:
            return "is printed in the same colour as the background behind it"
        return ""


def _makes_context(box: Any) -> bool:
    style = box.style
    return bool(
        style["position"] != "static"
        or style["opacity"] < 1
        or style["transform"]
        or (style["overflow"] != "visible" and type(box).__name__ != "PageBox")
    )


def _colour(value: Any) -> tuple[float, float, float, float] | None:
    """An RGBA colour (0 to 1) from a computed colour: sRGB, or device CMYK (print) converted
    the naive way, which is enough to compare lightness."""
    space = getattr(value, "space", None)
    if space is None:
        return None
    try:
        coordinates = [float(c or 0) for c in value.coordinates]
        alpha = float(value.alpha)
        if space == "device-cmyk":
            cyan, magenta, yellow, black = coordinates[:4]
            rgb = [(1 - ink) * (1 - black) for ink in (cyan, magenta, yellow)]
        else:
            converted = value if space == "srgb" else value.to("srgb")
            rgb = [float(c or 0) for c in converted.coordinates]
    except (AttributeError, NotImplementedError, TypeError, ValueError):
        return None
    return (rgb[0], rgb[1], rgb[2], alpha)


def contrast(one: tuple[float, ...], two: tuple[float, ...]) -> float:
    """The WCAG contrast ratio of two sRGB colours (components 0 to 1)."""

    def luminance(rgb: tuple[float, ...]) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _text_rect(box: Any) -> Rect:
    """The box of a piece of text, trimmed to the glyphs' usual height (a line box has room
    above and below its text, which may overlap the next line without hiding anything)."""
    x, y, width, height = box.position_x, box.position_y, box.width, box.height
    inset = height * 0.15
    return (x, y + inset, x + width, y + height - inset)


def _border_rect(box: Any) -> Rect:
    x, y = box.border_box_x(), box.border_box_y()
    return (x, y, x + box.border_width(), y + box.border_height())


def _padding_rect(box: Any) -> Rect:
    x, y = box.padding_box_x(), box.padding_box_y()
    return (x, y, x + box.padding_width(), y + box.padding_height())


def _intersect(one: Rect, two: Rect) -> Rect:
    return (max(one[0], two[0]), max(one[1], two[1]), min(one[2], two[2]), min(one[3], two[3]))


def _area(rect: Rect) -> float:
    return max(0.0, rect[2] - rect[0]) * max(0.0, rect[3] - rect[1])


def _share(rect: Rect, area: Rect) -> float:
    """How much of ``rect`` lies inside ``area`` (0 to 1)."""
    whole = _area(rect)
    return _area(_intersect(rect, area)) / whole if whole else 0.0


def _inside(rect: Rect, area: Rect, slack: float) -> bool:
    return (
        rect[0] >= area[0] - slack
        and rect[1] >= area[1] - slack
        and rect[2] <= area[2] + slack
        and rect[3] <= area[3] + slack
    )


def _contains(rect: Rect, point: tuple[float, float]) -> bool:
    return rect[0] <= point[0] <= rect[2] and rect[1] <= point[1] <= rect[3]


def iter_pieces(laid: LaidOut) -> Iterator[tuple[Unit, str]]:
    """Every unit with its visible text joined (for tests and debugging)."""
    for unit in laid.units:
        yield unit, "".join(unit.visible)
