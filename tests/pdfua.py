"""pressroom's own check of PDF/UA-1 points a WeasyPrint pipeline can get wrong (Matterhorn subset).

It is not a validator and does not count as one: the independent validators (page and outloud)
run in tests/test_pdfua.py. This adds what only pressroom knows, such as the expected title and
language, and returns (checkpoint, message) pairs for the structure tree, figures' alternative
text, heading order, untagged content, fonts and annotations. What a person must still judge:
whether the alt text is good, whether the reading order makes sense, whether the headings match
the look.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

import pikepdf

BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}  # fmt: skip
PAINT = {"Tj", "TJ", "'", '"', "Do", "sh", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*"}


def check(pdf: pikepdf.Pdf, title: str, lang: str = "en-GB") -> list[tuple[str, str]]:
    """All findings for a tagged PDF; an empty list means every checked point passes."""
    found = _catalog(pdf, title, lang)
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, pikepdf.Dictionary):
        return [*found, ("01-005", "no structure tree")]
    elements = list(_walk(root))
    found += _types(elements)
    found += _figures(elements)
    found += _headings(elements)
    found += _annotations(pdf)
    found += _fonts(pdf)
    found += _untagged(pdf)
    return found


def _catalog(pdf: pikepdf.Pdf, title: str, lang: str) -> list[tuple[str, str]]:
    found = []
    root = pdf.Root
    mark = root.get("/MarkInfo")
    if not (isinstance(mark, pikepdf.Dictionary) and bool(mark.get("/Marked", False))):
        found.append(("UA1 7.1", "not marked as tagged"))
    pdf_lang = str(root.get("/Lang", ""))
    if not BCP47.match(pdf_lang) or pdf_lang != lang:
        found.append(("11-006", f"document language is '{pdf_lang}'"))
    prefs = root.get("/ViewerPreferences")
    if not (isinstance(prefs, pikepdf.Dictionary) and bool(prefs.get("/DisplayDocTitle", False))):
        found.append(("07-001", "the viewer does not show the title"))
    meta = pdf.open_metadata()
    if meta.get("pdfuaid:part") != "1":
        found.append(("06-002", "no PDF/UA-1 identification in XMP"))
    if not str(meta.get("dc:title", "")).strip() or str(pdf.docinfo.get("/Title", "")) != title:
        found.append(("06-003", f"title is '{pdf.docinfo.get('/Title', '')}'"))
    return found


def _walk(node: pikepdf.Object, depth: int = 0) -> Iterator[pikepdf.Dictionary]:
    if depth > 200:
        return
    kids = node.get("/K")
    items = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for kid in items:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _walk(kid, depth + 1)


def _types(elements: list[pikepdf.Dictionary]) -> list[tuple[str, str]]:
    unknown = {str(e.S)[1:] for e in elements} - STANDARD
    return [("02-001", f"non-standard structure type {t}") for t in sorted(unknown)]


def _figures(elements: list[pikepdf.Dictionary]) -> list[tuple[str, str]]:
    found = []
    for element in elements:
        if str(element.S) in ("/Figure", "/Formula"):
            alt = str(element.get("/Alt", element.get("/ActualText", ""))).strip()
            if not alt:
                found.append(("13-004", "a figure has no alternative text"))
            elif re.search(r"\.(svg|png|jpe?g)$", alt, re.I):
                found.append(("X-alt", f"a figure's alt text is a file name: {alt}"))
    return found


def _headings(elements: list[pikepdf.Dictionary]) -> list[tuple[str, str]]:
    levels = [int(str(e.S)[2]) for e in elements if re.fullmatch(r"/H[1-6]", str(e.S))]
    found = []
    if not levels:
        return [("14-002", "no headings")]
    if levels[0] != 1:
        found.append(("14-002", f"the first heading is H{levels[0]}"))
    for before, after in pairwise(levels):
        if after > before + 1:
            found.append(("14-003", f"heading level skips from H{before} to H{after}"))
            break
    return found


def _annotations(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        annots = page.obj.get("/Annots")
        if not annots:
            continue
        if page.obj.get("/Tabs") != "/S":
            found.append(("28-002", f"page {number} has annotations but no /Tabs /S"))
        for annot in annots:
            if annot.get("/Subtype") == "/Link" and not str(annot.get("/Contents", "")).strip():
                found.append(("28-011", f"a link on page {number} has no description"))
            if "/StructParent" not in annot:
                found.append(("28-008", f"an annotation on page {number} is not tagged"))
            if annot.get("/Subtype") == "/Widget" and not str(annot.get("/TU", "")).strip():
                found.append(("28-005", f"a form field on page {number} has no description"))
    return found


def _fonts(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    found = []
    for page in pdf.pages:
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        for _name, font in resources.get("/Font", pikepdf.Dictionary()).items():
            target = font["/DescendantFonts"][0] if font.get("/Subtype") == "/Type0" else font
            descriptor = target.get("/FontDescriptor", pikepdf.Dictionary())
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                found.append(("31-001", f"font {font.get('/BaseFont')} is not embedded"))
            if "/ToUnicode" not in font:
                found.append(("31-027", f"font {font.get('/BaseFont')} has no ToUnicode"))
    return sorted(set(found))


def _untagged(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    """Painting operators outside both marked content with an MCID and /Artifact."""
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        stack: list[str] = []
        untagged = 0
        for instruction in pikepdf.parse_content_stream(page.obj):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                continue
            op = str(instruction.operator)
            if op in ("BDC", "BMC"):
                tag = str(instruction.operands[0])
                props = instruction.operands[1] if op == "BDC" else None
                has_mcid = isinstance(props, pikepdf.Dictionary) and "/MCID" in props
                stack.append("A" if tag == "/Artifact" else "M" if has_mcid else "-")
            elif op == "EMC" and stack:
                stack.pop()
            elif op in PAINT and not any(s in ("A", "M") for s in stack):
                untagged += 1
        if untagged:
            found.append(("01-005", f"page {number} paints {untagged} things outside the tags"))
    return found
