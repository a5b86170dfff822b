"""Blocks for the checks: a page's Markdown tokens turned into blocks (headings, paragraphs,
rows, list items, quotes, activities, raw HTML) with the file position of every line, every link
target, and the ``allow`` markers that switch a rule off for one line.

:mod:`load` calls it for each page; it reads no files.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from ..model import Allow, Block, Link, Location, Picture, TextLine
from . import markdown

CONTAINERS = {
    "bullet_list_open": "list-item",
    "ordered_list_open": "list-item",
    "blockquote_open": "quote",
}


def extract_blocks(
    tokens: list[Token], body: str, body_line: int, rel: str
) -> tuple[list[Block], list[Link]]:
    """Blocks with file positions, and every link target, from a page's tokens.

    Allow markers are not blocks; :func:`extract_allows` collects them.
    """
    source_lines = body.split("\n")
    blocks: list[Block] = []
    links: list[Link] = []
    context: list[str] = []
    for i, token in enumerate(tokens):
        if token.type in CONTAINERS:
            context.append(CONTAINERS[token.type])
        elif token.type.endswith("_close") and token.type.replace("_close", "_open") in CONTAINERS:
            context.pop()
        elif token.type in ("paragraph_open", "row_open", "heading_open") and token.map:
            inline = tokens[i + 1]
            kind = _block_kind(token, context)
            found_blocks, found = _text_block(kind, token, inline, source_lines, body_line, rel)
            blocks.extend(found_blocks)
            links.extend(found)
        elif token.type == "html_block" and markdown.ALLOW_RE.match(token.content.strip()):
            continue
        elif token.type in ("html_block", "activity") and token.map:
            line = body_line + token.map[0]
            text = (TextLine(token.content.strip(), line, 1),)
            blocks.append(Block(token.type.replace("_block", ""), Location(rel, line, 1), text))
    return blocks, links


def _block_kind(token: Token, context: list[str]) -> str:
    if token.type == "heading_open":
        return "heading"
    if token.type == "row_open":
        return "row"
    return context[-1] if context else "paragraph"


def _text_block(
    kind: str, token: Token, inline: Token, source: list[str], body_line: int, rel: str
) -> tuple[list[Block], list[Link]]:
    assert token.map is not None
    first = token.map[0]
    lines: list[TextLine] = []
    for offset, content_line in enumerate(inline.content.split("\n")):
        src_index = first + offset
        src_line = source[src_index] if src_index < len(source) else ""
        col = src_line.find(content_line.strip()) if content_line.strip() else 0
        lines.append(TextLine(content_line.strip(), body_line + src_index, max(col, 0) + 1))
    raw_lines = list(lines)
    start = Location(rel, body_line + first, lines[0].col if lines else 1)
    if kind == "row":
        lines = _without_leading_picture(lines)
    pics: list[Picture] = []
    links: list[Link] = []
    picture = (token.meta or {}).get("picture")
    images = ([picture] if picture is not None else []) + [
        c for c in (inline.children or []) if c.type == "image"
    ]
    for image in images:
        ref = str(image.attrGet("src") or "")
        alt = "".join(c.content for c in (image.children or []) if c.type == "text")
        pics.append(Picture(ref, alt, _find_picture(raw_lines, ref, start)))
    extra: list[Block] = []
    for child in inline.children or []:
        if child.type == "html_inline" and not markdown.ALLOW_RE.match(child.content.strip()):
            loc = _find(raw_lines, child.content, start)
            origin = next((t for t in raw_lines if t.line == loc.line), None)
            text = origin.text[loc.col - origin.col :] if origin else child.content
            extra.append(Block("html", loc, (TextLine(text, loc.line, loc.col),)))
        if child.type == "link_open":
            target = str(child.attrGet("href") or "")
            links.append(Link(target, _find_link(raw_lines, target, start)))
    level = int(token.tag[1]) if kind == "heading" else 0
    return [Block(kind, start, tuple(lines), tuple(pics), level), *extra], links


LEADING_PICTURE_RE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*")


def _without_leading_picture(lines: list[TextLine]) -> list[TextLine]:
    """A row's text lines without the picture markup that starts it."""
    if not lines:
        return lines
    match = LEADING_PICTURE_RE.match(lines[0].text)
    if not match:
        return lines
    rest = lines[0].text[match.end() :]
    if not rest:
        return lines[1:]
    first = TextLine(rest, lines[0].line, lines[0].col + match.end())
    return [first, *lines[1:]]


def _find_picture(lines: list[TextLine], ref: str, default: Location) -> Location:
    """Where the ``![alt](ref)`` markup of a picture starts."""
    return _find_markup(lines, ref, "![", default.path) or default


def _find_link(lines: list[TextLine], target: str, default: Location) -> Location:
    """Where the ``[text](target)`` markup of a link starts."""
    return _find_markup(lines, target, "[", default.path) or _find(lines, target, default)


def _find_markup(lines: list[TextLine], target: str, opener: str, path: str) -> Location | None:
    """The start of the first ``opener…](target)`` on the lines, or None."""
    for line in lines:
        index = line.text.find(f"]({target}")
        if index < 0:
            index = line.text.find(f"](<{target}")
        if index >= 0:
            start = line.text.rfind(opener, 0, index)
            return Location(path, line.line, line.col + max(start, 0))
    return None


def _find(lines: list[TextLine], needle: str, default: Location) -> Location:
    """The position of ``needle`` in the block's source lines (its first occurrence)."""
    for line in lines:
        index = line.text.find(needle) if needle else -1
        if index >= 0:
            return Location(default.path, line.line, line.col + index)
    return default


MARKER_RE = re.compile(r"<!--\s*allow\b.*?-->")


def extract_allows(body: str, body_line: int, rel: str) -> list[Allow]:
    """``<!-- allow rule-id: reason -->`` markers: alone on a line they cover the next line,
    after text they cover their own line."""
    allows: list[Allow] = []
    lines = body.split("\n")
    for index, line in enumerate(lines):
        for match in MARKER_RE.finditer(line):
            parsed = markdown.ALLOW_RE.match(match.group(0))
            if parsed is None:
                continue
            alone = not line[: match.start()].strip() and not line[match.end() :].strip()
            target = index + 1 if alone else index
            while alone and target < len(lines) - 1 and _not_text(lines[target]):
                target += 1
            allows.append(
                Allow(
                    rule=parsed["rule"],
                    reason=parsed["reason"].strip(),
                    location=Location(rel, body_line + index, match.start() + 1),
                    target_line=body_line + target,
                )
            )
    return allows


def _not_text(line: str) -> bool:
    """A blank line, or a line holding only a picture: an allow marker looks past it."""
    return not line.strip() or bool(re.fullmatch(r"\s*!\[[^\]]*\]\([^)]*\)\s*", line))
