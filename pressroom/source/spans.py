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

from markdown_it import MarkdownIt, rules_inline
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..model import Span
from ..model import printed as printed  # the words spans print, for the renderer

InlineRule = Callable[[StateInline, bool], bool]
TRACKED: dict[str, tuple[InlineRule, str]] = {  # rule name: (markdown-it's rule, its last token)
    "link": (rules_inline.link, "link_close"),
    "image": (rules_inline.image, "image"),
    "backticks": (rules_inline.backtick, "code_inline"),
    "autolink": (rules_inline.autolink, "link_close"),
}
BLANKS = " \t"
STYLES = {"em_open": "italic", "strong_open": "bold", "link_open": "link"}
CLOSERS = ("em_close", "strong_close", "link_close")


def install(md: MarkdownIt, before: str) -> None:
    """Record spans in ``md``'s parse: a core rule run before the core rule ``before``."""
    track_ends(md)
    md.core.ruler.before(before, "spans", record_spans)


def track_ends(md: MarkdownIt) -> None:
    """Make the link, picture, code and autolink rules note where their source ends."""
    for name, (rule, last_type) in TRACKED.items():
        md.inline.ruler.at(name, _noting_end(rule, last_type))


def _noting_end(rule: InlineRule, last_type: str) -> InlineRule:
    def noting(state: StateInline, silent: bool) -> bool:
        count = len(state.tokens)
        found = rule(state, silent)
        if found and not silent and len(state.tokens) > count:
            last = state.tokens[-1]
            if last.type == last_type:
                last.meta["end"] = state.pos
        return found

    return noting


def record_spans(state: StateCore) -> None:
    """Give every inline token its spans (``meta["spans"]``), with file positions."""
    lines = state.src.split("\n")
    first_line = int(state.env.get("first_line", 1))
    for index, token in enumerate(state.tokens):
        if token.type != "inline" or not token.map or token.children is None:
            continue
        opener = state.tokens[index - 1]  # an inline token always follows its block's opener
        hashes = opener.markup if opener.markup.startswith("#") else ""  # an ATX heading
        places = _Places(token.content, lines, token.map[0], first_line, hashes)
        token.meta["spans"] = tuple(_walk(token.children, token.content, places))


class _Places:
    """Turns an offset in an inline token's content into a (line, column) of the file."""

    def __init__(
        self, content: str, lines: list[str], first: int, first_line: int, hashes: str
    ) -> None:
        self.starts: list[int] = []
        self.places: list[tuple[int, int]] = []
        offset = 0
        for number, text in enumerate(content.split("\n")):
            index = first + number
            source = lines[index] if index < len(lines) else ""
            self.starts.append(offset)
            self.places.append((first_line + index, _start_column(text, source, hashes)))
            offset += len(text) + 1

    def at(self, offset: int) -> tuple[int, int]:
        number = bisect_right(self.starts, offset) - 1
        line, col = self.places[number]
        return line, max(1, col + offset - self.starts[number])


def _start_column(text: str, source: str, hashes: str) -> int:
    """The column (from 1) where a line of an inline token's content is written.

    A paragraph line is the end of its source line (its indent, list or quote marks taken
    off; the last line also loses trailing blanks). Where markdown-it widened a tab of the
    indent into spaces, those spaces are not in the file: the column counts back from the
    text itself, so the text is placed right. An ATX heading's text starts after its ``#``
    marks (``hashes``) and the blanks after them; the first ``#`` of its line is its mark, as
    quote and list marks have none.
    """
    if hashes:
        start = source.find(hashes) + len(hashes)
        while start < len(source) and source[start] in BLANKS:
            start += 1
        return start + 1
    for kept in (source, source.rstrip()):
        if kept.endswith(text.lstrip(" ")):
            return len(kept) - len(text) + 1
    return 1


class _Open:
    """A style (bold, italics, a link) whose closing mark is not read yet: its kind, where its
    opening mark is, the link's address and the mark."""

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
            raw = src[cursor + len(token.markup) : end - len(token.markup)]
            inner = cursor + len(token.markup) + (raw.replace("\n", " ") != token.content)
            leaf("code", token.content, inner, end, src.startswith(token.content, inner))
            cursor = end  # (one blank each side is taken off; a code line break is a blank)
        elif kind == "html_inline":
            end = cursor + len(token.content)
            leaf("html", token.content, cursor, end, "\n" not in token.content)
            cursor = end
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
