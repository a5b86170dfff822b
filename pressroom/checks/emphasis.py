"""Rule emphasis: no italics (``*word*`` or ``_word_``); bold is the way to make words stand out.

Source: easy-read-rules.md 10.9 (Inclusion Europe, People First, RNIB Clear Print, NZ Ministry of
Social Development, ODI, dementia checklist: no italics; slanted letters are harder to read) and
10.10 (People First, RNIB: no underlining). Bold, ``**word**``, is allowed: it is how hard words
are marked (10.11). Each block's raw Markdown is parsed again with CommonMark's own emphasis rules,
so an underscore inside a word (``snake_case``, an email address), a list marker (``* item``), an
escaped ``\\*`` and marks inside ``code`` are never italics; the finding points at the opening
mark. Markdown has no underline: ``__word__`` is bold, and HTML such as ``<u>`` is never used
(it is printed as it is and reported by the raw-html rule), so only italics can be found here.
Every page is checked, because italics are hard to read wherever they are printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..model import Block, Finding, Location, Publication, Severity
from ._api import Context, Rule, quote

TEXT_BLOCKS = ("heading", "paragraph", "row", "list-item", "quote")
MARKS = "*_"


@dataclass
class _Scan:
    """What one parse of a block's text found: where each mark run starts, and the italics."""

    src: str
    runs: list[tuple[int, int]] = field(default_factory=list)  # (first token index, position)
    italics: list[tuple[int, str, str]] = field(default_factory=list)  # (position, mark, text)


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each piece of italic text at its opening mark."""
    for page in pub.pages:
        for block in page.blocks:
            if block.kind not in TEXT_BLOCKS or not block.lines:
                continue
            for position, mark, text in italics(block):
                yield ctx.finding(
                    _location(block, page.rel, position),
                    f"Italics in '{quote(text)}': slanted letters are harder to read.",
                    f"Take away the {mark} marks. To make words stand out, use **bold**.",
                )


def italics(block: Block) -> list[tuple[int, str, str]]:
    """Italic text in a block: (position in the joined lines, mark, the words in italics)."""
    src = "\n".join(line.text for line in block.lines)
    if "*" not in src and "_" not in src:
        return []
    scan = _Scan(src)
    _parser().parseInline(src, {"scan": scan})
    return scan.italics


def _location(block: Block, path: str, position: int) -> Location:
    """The file position of character ``position`` of the block's lines joined with newlines."""
    start = 0
    for line in block.lines:
        end = start + len(line.text)
        if position <= end:
            return Location(path, line.line, line.col + position - start)
        start = end + 1
    return block.location


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """CommonMark with two small hooks that remember where emphasis marks are written."""
    md = MarkdownIt("commonmark", {"html": True})
    md.inline.ruler.before("emphasis", "remember_marks", _remember_marks)
    md.inline.ruler2.after("emphasis", "collect_italics", _collect_italics)
    return md


def _remember_marks(state: StateInline, silent: bool) -> bool:
    """Before the emphasis rule takes a run of * or _, note its position (it never consumes)."""
    scan = state.env.get("scan")
    if silent or not isinstance(scan, _Scan) or state.src != scan.src:
        return False
    if state.src[state.pos] in MARKS:
        first_token = len(state.tokens) + (1 if state.pending else 0)
        scan.runs.append((first_token, state.pos))
    return False


def _collect_italics(state: StateInline) -> None:
    """After emphasis is paired, each run whose mark became an ``em_open`` starts italics."""
    scan = state.env.get("scan")
    if not isinstance(scan, _Scan) or state.src != scan.src:
        return  # the alt text of a picture is parsed on its own; it is not printed
    for first_token, position in scan.runs:
        mark = state.src[position]
        length = len(state.src[position:]) - len(state.src[position:].lstrip(mark))
        for index in range(first_token, min(first_token + length, len(state.tokens))):
            if state.tokens[index].type == "em_open":
                scan.italics.append((position, mark, _italic_text(state.tokens, index)))
                break


def _italic_text(tokens: list[Token], start: int) -> str:
    """The words between an ``em_open`` token and its ``em_close``."""
    depth = 0
    words: list[str] = []
    for token in tokens[start:]:
        if token.type == "em_open":
            depth += 1
        elif token.type == "em_close":
            depth -= 1
            if depth == 0:
                break
        elif token.type in ("text", "code_inline"):
            words.append(token.content)
        elif token.type == "softbreak":
            words.append(" ")
    return "".join(words).strip()


RULE = Rule(
    id="emphasis",
    severity=Severity.WARNING,
    rationale="Italics and underlining are harder to read; use bold (RNIB, People First, "
    "Inclusion Europe).",
    check=check,
)
