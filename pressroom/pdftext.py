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


def marked_text(page: pikepdf.Object) -> dict[int, str]:
    """Each MCID on a page and the text painted inside it, in paint order."""
    found: dict[int, str] = {}
    _scan(page, {}, found, [], set())
    return found


def _scan(
    holder: pikepdf.Object,
    fonts: dict[tuple[int, int, str], dict[int, str]],
    found: dict[int, str],
    stack: list[int | None],
    seen: set[tuple[int, int]],
) -> None:
    resources = holder.get("/Resources", pikepdf.Dictionary())
    font = ""
    for instruction in pikepdf.parse_content_stream(holder):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        op, operands = str(instruction.operator), instruction.operands
        if op == "BDC":
            props = operands[1]
            has_mcid = isinstance(props, pikepdf.Dictionary) and "/MCID" in props
            mcid = int(props.MCID) if has_mcid else None
            stack.append(mcid)
            if mcid is not None:
                found.setdefault(mcid, "")
        elif op == "BMC":
            stack.append(None)
        elif op == "EMC" and stack:
            stack.pop()
        elif op == "Tf":
            font = str(operands[0])
        elif op in TEXT_OPERATORS:
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is not None:
                key = (*holder.objgen, font)
                if key not in fonts:
                    fonts[key] = _to_unicode(resources, font)
                found[mcid] += _decode(operands[-1], fonts[key])
        elif op == "Do":
            xobjects = resources.get("/XObject", pikepdf.Dictionary())
            xobject = xobjects.get(str(operands[0]))
            if (
                isinstance(xobject, pikepdf.Stream)
                and xobject.get("/Subtype") == "/Form"
                and xobject.objgen not in seen
            ):
                seen.add(xobject.objgen)
                _scan(xobject, fonts, found, stack, seen)


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
