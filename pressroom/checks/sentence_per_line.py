"""Rule sentence-per-line: in easy read, each sentence has a line of its own.

Source: easy-read-rules.md 2.7 and §0 (Inclusion Europe, "Information for all": start each new
sentence on a new line; Netzwerk Leichte Sprache: a new line for each sentence; the same idea as
markdownlint-rule-max-one-sentence-per-line). Easy read keeps every source line as a printed line,
so the rule is checked on the source: a sentence must not start on the line where the one before
it ended, and must not carry on to the next line. Only picture rows and paragraphs are checked;
list items and headings are units of their own.

In easy read a line break ends a sentence unit (see :mod:`_text`), so a sentence that was
broken over two lines arrives as two units. A line is treated as broken off when it has no end
mark and it ends with a comma or a small joining word ("the", "and", "to" …), or the next line
starts in lower case — unless the line is a label ending with a colon ("Phone:") or the next line
starts with a web or email address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, prose_pages
from ._text import Sentence

CHECKED = ("row", "paragraph")
ADDRESS_RE = re.compile(r"^(?:www\.|\S+@|\S+\.(?:uk|org|com|net)\b)", re.IGNORECASE)
JOINING_WORDS = {
    "a", "an", "and", "at", "because", "but", "by", "for", "from", "if", "in", "is", "of", "on",
    "or", "so", "that", "the", "to", "when", "which", "who", "with", "you", "your",
}  # fmt: skip


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Warn where a sentence shares a line with the one before, or wraps onto the next line."""
    for page in prose_pages(pub):
        units = [s for s in ctx.analysis.body(page) if s.block.kind in CHECKED]
        for index, unit in enumerate(units):
            if unit.shares_line:
                yield ctx.finding(
                    unit.location,
                    "Start this sentence on a new line.",
                    "Press Enter before it, so each sentence has its own line.",
                )
            following = units[index + 1] if index + 1 < len(units) else None
            if following is not None and _runs_on(unit, following):
                yield ctx.finding(
                    unit.location,
                    "This sentence runs onto the next line; "
                    "in easy read each sentence has its own line.",
                    f"Join line {following.location.line} to the line before it, "
                    "or make two short sentences.",
                )


def _runs_on(unit: Sentence, following: Sentence) -> bool:
    """Whether ``following`` is the rest of ``unit``, broken onto the next source line."""
    if following.block is not unit.block or following.location.line != unit.lines[-1] + 1:
        return False
    text = unit.text.rstrip()
    if not text or text[-1] in ".!?:;" or text.endswith(('"', "”")):
        return False
    last_word = text.split()[-1].lower()
    next_word = following.text.split()[0]
    if last_word.endswith(",") or last_word in JOINING_WORDS:
        return True
    return next_word[0].islower() and not ADDRESS_RE.match(next_word)


RULE = Rule(
    id="sentence-per-line",
    severity=Severity.WARNING,
    rationale="Easy read starts each sentence on a new line (Inclusion Europe, Leichte Sprache).",
    check=check,
    scope=PAGE,
)
