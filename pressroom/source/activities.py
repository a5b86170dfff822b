"""Activity lines, the dialect's second plugin: ``[lines: 6]``, ``[draw: big]``, ``[dots: half]``
and ``[cut]`` on a line of their own make writing lines, a drawing space, a dotted grid or a cut
line. Owns recognising them (a markdown-it block rule) and the dotted grid they draw.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock

ACTIVITY_RE = re.compile(
    r"^\[(?P<name>lines|draw|dots|cut)(?::\s*(?P<arg>[a-z0-9 ]+))?\]\s*$", re.IGNORECASE
)
ACTIVITY_SIZES = ("small", "half", "big", "page")  # their heights: .size-* in the base layout


def activity_plugin(md: MarkdownIt) -> None:
    """Recognise activity lines: ``[lines: N]``, ``[draw: size]``, ``[dots: size]``, ``[cut]``."""
    md.block.ruler.before("reference", "activity", _activity_rule)


def _activity_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.is_code_block(start_line):
        return False
    pos = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[pos : state.eMarks[start_line]]
    match = ACTIVITY_RE.match(line)
    if not match:
        return False
    if silent:
        return True
    token = state.push("activity", "div", 0)
    token.map = [start_line, start_line + 1]
    token.info = match["name"].lower()
    token.meta = {"arg": (match["arg"] or "").strip().lower()}
    token.markup = line
    state.line = start_line + 1
    return True


def dot_grid(pattern_id: str, colour: str) -> str:
    """An inline SVG that fills its box with dots 5 mm apart (print-safe: no ink-heavy fill)."""
    step = 18.9  # 5 mm in CSS pixels
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false" '
        'width="100%" height="100%"><title>Dotted grid</title><defs>'
        f'<pattern id="{pattern_id}" width="{step}" height="{step}" patternUnits="userSpaceOnUse">'
        f'<circle cx="{step / 2}" cy="{step / 2}" r="1.2" fill="{escapeHtml(colour)}"/></pattern>'
        f'</defs><rect width="100%" height="100%" fill="url(#{pattern_id})"/></svg>'
    )
