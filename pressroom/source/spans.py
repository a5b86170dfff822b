"""Inline spans: what markdown-it read in each paragraph, heading and row, with file positions.

markdown-it gives block tokens their source lines (``map``) but inline tokens no position. This
module adds them without reading the Markdown a second time:

* :func:`track_ends` wraps the inline rules whose source length is not in their tokens (links,
  pictures, code and autolinks): each notes in its last token's ``meta["end"]`` where markdown-it
  stopped reading;
* :func:`record_spans`, a core rule run straight after the inline pass (before the picture rows
  change the tokens and before escapes and entities are joined into plain text), walks each
  inline token's children along its source. Every child's source length is known (its text,
  its ``markup``, or the ``end`` noted above), so each span's line and column are exact; the
  result is stored as ``meta["spans"]`` of the inline token (see :class:`~pressroom.model.Span`).

The first line of the text is ``env["first_line"]`` (1 when not given).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..model import Span
from ..model import printed as printed  # the words spans print, for the renderer

InlineRule = Callable[[StateInline, bool], bool]
TRACKED = {"link": "link_close", "image": "image", "backticks": "code_inline", "autolink": ""}
BLANKS = " \t"
STYLES = {"em_open": "italic", "strong_open": "bold", "link_open": "link"}
CLOSERS = ("em_close", "strong_close", "link_close")


def install(md: MarkdownIt, before: str) -> None:
    """Record spans in ``md``'s parse: a core rule run before the core rule ``before``."""
    track_ends(md)
    md.core.ruler.before(before, "spans", record_spans)


def track_ends(md: MarkdownIt) -> None:
    """Make the link, picture, code and autolink rules note where their source ends."""
    for name, last_type in TRACKED.items():
        md.inline.ruler.at(name, _noting_end(_rule(md, name), last_type))


def _rule(md: MarkdownIt, name: str) -> InlineRule:
    ruler = md.inline.ruler
    fn: InlineRule = ruler.__rules__[ruler.__find__(name)].fn
    return fn


def _noting_end(rule: InlineRule, last_type: str) -> InlineRule:
    def noting(state: StateInline, silent: bool) -> bool:
        count = len(state.tokens)
        found = rule(state, silent)
        if found and not silent and len(state.tokens) > count:
            last = state.tokens[-1]
            if not last_type or last.type == last_type:
                last.meta["end"] = state.pos
        return found

    return noting


def record_spans(state: StateCore) -> None:
    """Give every inline token its spans (``meta["spans"]``), with file positions."""
    lines = state.src.split("\n")
    first_line = int(state.env.get("first_line", 1)) if isinstance(state.env, dict) else 1
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.map or token.children is None:
            continue
        opener = tokens[index - 1] if index else None
        atx = opener is not None and opener.type == "heading_open" and opener.markup[:1] == "#"
        places = _Places(token.content, lines, token.map[0], first_line, atx, opener)
        token.meta["spans"] = tuple(_walk(token.children, token.content, places))


class _Places:
    """Turns an offset in an inline token's content into a (line, column) of the file."""

    def __init__(
        self, content: str, lines: list[str], first: int, first_line: int, atx: bool, opener: Any
    ) -> None:
        self.starts: list[int] = []
        self.places: list[tuple[int, int]] = []
        offset = 0
        for number, text in enumerate(content.split("\n")):
            index = first + number
            source = lines[index] if index < len(lines) else ""
            self.starts.append(offset)
            self.places.append((first_line + index, _start_column(text, source, atx, opener)))
            offset += len(text) + 1

    def at(self, offset: int) -> tuple[int, int]:
        number = bisect_right(self.starts, offset) - 1
        line, col = self.places[number]
        return line, col + offset - self.starts[number]


def _start_column(text: str, source: str, atx: bool, opener: Any) -> int:
    """The column (from 1) where a line of an inline token's content is written.

    A paragraph line is the end of its source line (its indent, list or quote marks taken
    off; the last line also loses trailing blanks). An ATX heading's text starts after its
    ``#`` marks and the blanks after them.
    """
    if atx:
        start = source.find(opener.markup) + len(opener.markup)
        while start < len(source) and source[start] in BLANKS:
            start += 1
        return start + 1
    kept = source if source.endswith(text) else source.rstrip()
    if kept.endswith(text):
        return len(kept) - len(text) + 1
    return 1  # a tab inside the indent is widened to spaces by markdown-it: the line's start


class _Open:
    """A style or picture being read: where it starts, and its leaves so far."""

    __slots__ = ("kind", "mark", "start", "target")

    def __init__(self, kind: str, start: int, target: str, mark: str) -> None:
        self.kind, self.start, self.target, self.mark = kind, start, target, mark


def _walk(children: Sequence[Token], src: str, places: _Places) -> list[Span]:
    """The spans of one inline token, read along its source ``src``."""
    spans: list[Span | _Open] = []
    stack: list[int] = []
    cursor = 0

    def leaf(kind: str, text: str, start: int, end: int, literal: bool = True) -> None:
        line, col = places.at(start)
        spans.append(Span(kind, text, line, col, places.at(end), literal=literal))

    for token in children:
        kind = token.type
        if kind == "text" and token.content:
            literal = src.startswith(token.content, cursor)
            leaf("text", token.content, cursor, cursor + len(token.content), literal)
            cursor += len(token.content) if literal else 0  # autolink text: read to its end
        elif kind == "text_special":
            end = cursor + len(token.markup)
            if token.info == "escape" and len(token.content) < len(token.markup):
                leaf("text", token.content, cursor + 1, end)  # at the escaped character
            else:
                leaf("text", token.content, cursor, end, token.content == token.markup)
            cursor = end
        elif kind in ("softbreak", "hardbreak"):
            start = cursor
            cursor = _skip_blanks(src, cursor)
            cursor += src.startswith("\\\n", cursor)
            cursor += src.startswith("\n", cursor)
            cursor = _skip_blanks(src, cursor)
            leaf("break", "\n", start, cursor)
        elif kind in STYLES:
            mark = ("<" if token.markup == "autolink" else "[") if kind == "link_open" else ""
            target = str(token.attrGet("href") or "") if kind == "link_open" else ""
            stack.append(len(spans))
            spans.append(_Open(STYLES[kind], cursor, target, mark or token.markup))
            cursor += len(mark or token.markup)
        elif kind in CLOSERS:
            if kind == "link_close":
                cursor = int(token.meta.get("end", cursor))
            else:
                cursor += len(token.markup)
            if stack:
                _close(spans, stack.pop(), cursor, places)
        elif kind == "image":
            end = int(token.meta.get("end", cursor))
            line, col = places.at(cursor)
            alt = printed_alt(token.children or [])
            src_name = str(token.attrGet("src") or "")
            spans.append(Span("picture", alt, line, col, places.at(end), target=src_name))
            cursor = end
        elif kind == "code_inline":
            end = int(token.meta.get("end", cursor))
            inner = cursor + len(token.markup)
            if not src.startswith(token.content, inner):
                inner += 1  # one blank each side is taken off
            leaf("code", token.content, inner, end, src.startswith(token.content, inner))
            cursor = end
        elif kind == "html_inline":
            leaf(
                "html",
                token.content,
                cursor,
                cursor + len(token.content),
                "\n" not in token.content,
            )
            cursor += len(token.content)
    return [s for s in spans if isinstance(s, Span)]


def _close(spans: list[Span | _Open], index: int, end: int, places: _Places) -> None:
    """Turn the open style at ``index`` into a span covering the leaves after it."""
    opened = spans[index]
    assert isinstance(opened, _Open)
    text = printed(s for s in spans[index + 1 :] if isinstance(s, Span))
    line, col = places.at(opened.start)
    spans[index] = Span(
        opened.kind, text, line, col, places.at(end), target=opened.target, mark=opened.mark
    )


def _skip_blanks(src: str, pos: int) -> int:
    while pos < len(src) and src[pos] in BLANKS:
        pos += 1
    return pos


def printed_alt(children: Sequence[Token]) -> str:
    """A picture's alt text as markdown-it read it (marks gone, entities decoded)."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(printed_alt(child.children or []))
    return "".join(parts)
