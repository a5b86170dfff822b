"""Join in the structure tree what WeasyPrint splits at page breaks.

WeasyPrint 70 builds the structure tree page by page (weasyprint/pdf/tags.py): the one ``<main>``
becomes one ``<Part>`` per page, and a page section, its body or a list that runs onto the next
page becomes two elements, so a screen reader announces a 23-word glossary as a list of 13 and a
list of 10. pressroom starts every page section on a new page with an id (``page-…`` or
``filler-…``), so a page where no such id lands continues the section before it; there the
section, its body and a list that ends one page and starts the next are joined. Paragraphs and
rows are left alone: a page break between two of them cannot be told from one split in two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pikepdf

if TYPE_CHECKING:
    from .tagged_pdf import _Fixer

SECTION_IDS = ("page-", "filler-")
SECTIONS = ("/Sect", "/Art", "/NonStruct")  # <section>, <article> and <nav> page sections


def join_page_splits(fixer: _Fixer) -> None:
    """Make one ``<Part>`` of the per-page ones, and join sections that carry over a page."""
    top = [kid for kid in _kids(fixer.root) if isinstance(kid, pikepdf.Dictionary)]
    if len(top) != 1:
        return
    document = top[0]
    starts = _section_start_pages(fixer)
    kept: list[pikepdf.Object] = []
    for kid in _kids(document):
        before = kept[-1] if kept else None
        if (
            isinstance(kid, pikepdf.Dictionary)
            and isinstance(before, pikepdf.Dictionary)
            and _struct(kid, "/Part")
            and _struct(before, "/Part")
        ):
            page = _page(fixer, kid)
            continues = page is not None and page not in starts
            _append(fixer, before, kid, SECTIONS if continues else ())
            continue
        kept.append(kid)
    document.K = pikepdf.Array(kept)


def _append(
    fixer: _Fixer, into: pikepdf.Dictionary, source: pikepdf.Dictionary, joinable: tuple[str, ...]
) -> None:
    """Move ``source``'s kids to the end of ``into``, first joining ``source``'s first kid to
    ``into``'s last one when both have the same type, one of ``joinable``."""
    kids = _kids(source)
    last = _kids(into)[-1] if _kids(into) else None
    if kids and isinstance(last, pikepdf.Dictionary) and str(last.get("/S")) in joinable:
        first = kids[0]
        if isinstance(first, pikepdf.Dictionary) and first.get("/S") == last.S:
            _append(fixer, last, first, _inside(str(last.S)))
            kids = kids[1:]
    moved = [fixer._rehome(kid, source, into) for kid in kids]
    into.K = pikepdf.Array([*_kids(into), *moved])


def _inside(kind: str) -> tuple[str, ...]:
    """What may carry over inside a carried-over element: a section's body and lists."""
    if kind in SECTIONS:
        return ("/Div", "/L")
    if kind == "/Div":
        return ("/L",)
    return ()


def _section_start_pages(fixer: _Fixer) -> set[int]:
    names = fixer.pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return set()
    starts = set()
    for name, dest in pikepdf.NameTree(names.Dests).items():
        target = dest.get("/D") if isinstance(dest, pikepdf.Dictionary) else dest
        if str(name).startswith(SECTION_IDS) and isinstance(target, pikepdf.Array) and target:
            index = fixer.page_index.get(target[0].objgen)
            if index is not None:
                starts.add(index)
    return starts


def _page(fixer: _Fixer, element: pikepdf.Dictionary) -> int | None:
    page = element.get("/Pg")
    return None if page is None else fixer.page_index.get(page.objgen)


def _struct(kid: object, kind: str) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == kind


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]
