"""What each marked-content sequence of a PDF page says, in the order the page paints it.

WeasyPrint writes text with Type0 fonts and a ToUnicode map for each; this module reads a page's
content stream (and the form XObjects it draws) and returns, for every MCID, the text painted
inside it. The post-processing of tagged PDFs uses it to name links by their words, and the tests
use it to read the structure tree as a screen reader would.
"""

from __future__ import annotations

import re

import pikepdf

TEXT_OPERATORS = ("Tj", "TJ", "'", '"')


Fonts = dict[tuple[int, ...] | tuple[int, int, str], dict[int, str]]
"""Each font's character codes → text, read from its ToUnicode map, by the font's object."""


def marked_text(page: pikepdf.Object, fonts: Fonts | None = None) -> dict[int, str]:
    """Each MCID on a page and the text painted inside it, in paint order. The pages of one PDF
    share their fonts: pass the same ``fonts`` for each, and each font's map is read once."""
    return painted_text(page, fonts)[0]


def painted_text(
    page: pikepdf.Object, fonts: Fonts | None = None
) -> tuple[dict[int, str], list[tuple[str, str]]]:
    """A page's tagged text by MCID, and the text of each artifact as (artifact type, text)."""
    found: dict[int, str] = {}
    artifacts: list[tuple[str, str]] = []
    _scan(page, {} if fonts is None else fonts, found, artifacts, [], set())
    return found, artifacts


Mark = int | str | None  # an MCID, an artifact's type, or other marked content


def _scan(
    holder: pikepdf.Object,
    fonts: Fonts,
    found: dict[int, str],
    artifacts: list[tuple[str, str]],
    stack: list[Mark],
    seen: set[tuple[int, int]],
) -> None:
    resources = holder.get("/Resources", pikepdf.Dictionary())
    font = ""
    for instruction in pikepdf.parse_content_stream(holder):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        op, operands = str(instruction.operator), instruction.operands
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" else None
            mark: Mark = None
            if str(operands[0]) == "/Artifact":
                kind = props.get("/Type") if isinstance(props, pikepdf.Dictionary) else None
                mark = str(kind or "/Artifact")
                artifacts.append((mark, ""))
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mark = int(props.MCID)
                found.setdefault(mark, "")
            stack.append(mark)
        elif op == "EMC" and stack:
            stack.pop()
        elif op == "Tf":
            font = str(operands[0])
        elif op in TEXT_OPERATORS:
            key = _font_key(holder, resources, font)
            if key not in fonts:
                fonts[key] = _to_unicode(resources, font)
            text = _decode(operands[-1], fonts[key])
            inner = next((m for m in reversed(stack) if m is not None), None)
            if isinstance(inner, int):
                found[inner] += text
            elif isinstance(inner, str) and artifacts:
                artifacts[-1] = (artifacts[-1][0], artifacts[-1][1] + text)
        elif op == "Do":
            xobjects = resources.get("/XObject", pikepdf.Dictionary())
            xobject = xobjects.get(str(operands[0]))
            if (
                isinstance(xobject, pikepdf.Stream)
                and xobject.get("/Subtype") == "/Form"
                and xobject.objgen not in seen
            ):
                seen.add(xobject.objgen)
                _scan(xobject, fonts, found, artifacts, stack, seen)


def _font_key(
    holder: pikepdf.Object, resources: pikepdf.Object, name: str
) -> tuple[int, ...] | tuple[int, int, str]:
    """The font's own object where it is one (shared by the pages that use it), else the font's
    name on the page or form that uses it."""
    font = resources.get("/Font", pikepdf.Dictionary()).get(name)
    if font is not None and font.is_indirect:
        return font.objgen
    return (*holder.objgen, name)


def _to_unicode(resources: pikepdf.Object, name: str) -> dict[int, str]:
    font = resources.get("/Font", pikepdf.Dictionary()).get(name)
    if font is None or "/ToUnicode" not in font:
        return {}
    text = font.ToUnicode.read_bytes().decode("latin-1")
    cmap: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            cmap[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be", errors="replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for start, end, uni in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            for offset in range(min(int(end, 16) - int(start, 16) + 1, 65536)):
                cmap[int(start, 16) + offset] = chr(int(uni, 16) + offset)
    return cmap


def _decode(operand: pikepdf.Object, cmap: dict[int, str]) -> str:
    parts = list(operand) if isinstance(operand, pikepdf.Array) else [operand]
    out = []
    for part in parts:
        if isinstance(part, pikepdf.String):
            raw = bytes(part)
            codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw) - 1, 2)]
            out.append("".join(cmap.get(code, "") for code in codes))
    return "".join(out)
