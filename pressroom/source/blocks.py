"""Blocks for the checks: a page's Markdown tokens turned into blocks (headings, paragraphs,
rows, list items, quotes, activities, raw HTML) holding their inline spans (see :mod:`spans`),
every link target with its place, and the ``allow`` markers that switch a rule off for one line.

:mod:`load` calls it for each page; it reads no files.
"""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it.token import Token

from ..model import Allow, Block, Link, Location, Span, plain_span, printed
from . import markdown

CONTAINERS = {
    "bullet_list_open": "list-item",
    "ordered_list_open": "list-item",
    "blockquote_open": "quote",
}


def extract_blocks(tokens: list[Token], body_line: int, rel: str) -> tuple[list[Block], list[Link]]:
    """Blocks with their spans, and every link target, from a page's tokens.

    The tokens come from :func:`markdown.parse` called with ``first_line=body_line``, so their
    spans already hold file positions. Allow markers are not blocks; :func:`extract_allows`
    collects them.
    """
    blocks: list[Block] = []
    links: list[Link] = []
    context: list[str] = []
    for i, token in enumerate(tokens):
        if token.type in CONTAINERS:
            context.append(CONTAINERS[token.type])
        elif token.type.endswith("_close") and token.type.replace("_close", "_open") in CONTAINERS:
            context.pop()
        elif token.type in ("paragraph_open", "row_open", "heading_open") and token.map:
            kind = _block_kind(token, context)
            found_blocks, found = _text_block(kind, token, tokens[i + 1], body_line, rel)
            blocks.extend(found_blocks)
            links.extend(found)
        elif token.type == "html_block" and markdown.ALLOW_RE.match(token.content.strip()):
            continue
        elif token.type in ("html_block", "activity") and token.map:
            line = body_line + token.map[0]
            kind = token.type.replace("_block", "")
            span = plain_span(token.content.strip(), line, 1)
            blocks.append(Block(kind, Location(rel, line, 1), (replace(span, kind=kind),)))
    return blocks, links


def _block_kind(token: Token, context: list[str]) -> str:
    if token.type == "heading_open":
        return "heading"
    if token.type == "row_open":
        return "row"
    return context[-1] if context else "paragraph"


def _text_block(
    kind: str, token: Token, inline: Token, body_line: int, rel: str
) -> tuple[list[Block], list[Link]]:
    """A text block, the raw HTML inside it (a block of its own for the raw-html rule), and
    its links, each where its ``[`` is written (an autolink where its address is)."""
    assert token.map is not None
    spans: tuple[Span, ...] = inline.meta.get("spans", ())
    first = body_line + token.map[0]
    col = next((s.col for s in spans if s.line == first), 1)
    links: list[Link] = []
    extra: list[Block] = []
    for index, span in enumerate(spans):
        if span.kind == "html" and not markdown.ALLOW_RE.match(span.text.strip()):
            shown = _rest_of_line(spans[index:])
            extra.append(
                Block("html", Location(rel, span.line, span.col), (replace(span, text=shown),))
            )
        elif span.kind == "link":
            col_shift = len(span.mark) if span.mark == "<" else 0
            links.append(Link(span.target, Location(rel, span.line, span.col + col_shift)))
    level = int(token.tag[1]) if kind == "heading" else 0
    return [Block(kind, Location(rel, first, col), spans, level), *extra], links


def _rest_of_line(spans: tuple[Span, ...]) -> str:
    """What is printed from the first span to the end of its line (raw HTML shows as text)."""
    shown: list[str] = []
    for span in spans:
        if span.kind == "break":
            break
        shown.append(printed((span,)))
    return "".join(shown).strip()


MARKER_RE = re.compile(r"<!--\s*allow\b.*?-->")


def extract_allows(body: str, body_line: int, rel: str, blocks: list[Block]) -> list[Allow]:
    """``<!-- allow rule-id: reason -->`` markers: alone on a line they cover the next line
    (past blank lines and lines that show only a picture), after text they cover their own
    line."""
    allows: list[Allow] = []
    lines = body.split("\n")
    pictures_only = {line - body_line for line in _picture_lines(blocks)}
    for index, line in enumerate(lines):
        for match in MARKER_RE.finditer(line):
            parsed = markdown.ALLOW_RE.match(match.group(0))
            if parsed is None:
                continue
            alone = not line[: match.start()].strip() and not line[match.end() :].strip()
            target = index + 1 if alone else index
            while (
                alone
                and target < len(lines) - 1
                and (not lines[target].strip() or target in pictures_only)
            ):
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


def _picture_lines(blocks: list[Block]) -> set[int]:
    """The file lines on which the blocks show pictures and print no words."""
    pictures: set[int] = set()
    words: set[int] = set()
    for block in blocks:
        for span in block.spans:
            if span.kind == "picture":
                pictures.add(span.line)
            elif span.kind in ("text", "code", "html") and span.text.strip():
                words.add(span.line)
    return pictures - words
