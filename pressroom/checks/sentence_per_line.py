"""Rule sentence-per-line: in easy read, each sentence has a line of its own.

Source: easy-read-rules.md 2.7 and §0 (Inclusion Europe, "Information for all": start each new
sentence on a new line; Netzwerk Leichte Sprache: a new line for each sentence; the same idea as
markdownlint-rule-max-one-sentence-per-line). Easy read keeps every source line as a printed line,
so the rule is checked on the source: a sentence must not start on the line where the one before
it ended, and must not carry on to the next line. Only picture rows and paragraphs are checked;
list items and headings are units of their own.

Easy read rows often have lines with no full stop ("Childline" above "0800 1111"), which the
sentence splitter joins into one sentence. So a sentence only counts as wrapped when the line
before the break ends with a comma or a small joining word ("the", "and", "to" …), or the next
line starts in lower case and the line before is not a label ending with a colon and the next
line does not start with a web or email address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ..text import Sentence
from ._api import Context, Rule, prose_pages

CHECKED = ("row", "paragraph")
WRAP_RE = re.compile(r"(?P<last>\S+)[ \t]*\n\s*(?=(?P<next>\S+))")
ADDRESS_RE = re.compile(r"^(?:www\.|\S+@|\S+\.(?:uk|org|com|net)\b)", re.IGNORECASE)
JOINING_WORDS = {
    "a", "an", "and", "at", "because", "but", "by", "for", "from", "if", "in", "is", "of", "on",
    "or", "so", "that", "the", "to", "when", "which", "who", "with", "you", "your",
}  # fmt: skip


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Warn where a sentence shares a line with the one before, or wraps onto the next line."""
    for page in prose_pages(pub):
        for sentence in ctx.analysis.body(page):
            if sentence.block.kind not in CHECKED:
                continue
            if sentence.shares_line:
                yield ctx.finding(
                    sentence.location,
                    "Start this sentence on a new line.",
                    "Press Enter before it, so each sentence has its own line.",
                )
            wrap = _wrap_point(sentence)
            if wrap is not None:
                yield ctx.finding(
                    sentence.location,
                    "This sentence runs onto the next line; "
                    "in easy read each sentence has its own line.",
                    f"Join line {wrap} to the line before it, or make two short sentences.",
                )


def _wrap_point(sentence: Sentence) -> int | None:
    """The first source line a sentence is wrapped onto, if it really is one sentence wrapped."""
    text = "".join(c.char for c in sentence.chars)
    for match in WRAP_RE.finditer(text):
        last_word = match["last"].lower()
        next_word = match["next"]
        line = sentence.chars[match.start("next")].line
        if last_word.endswith(",") or last_word in JOINING_WORDS:
            return line
        if last_word.endswith(":") or ADDRESS_RE.match(next_word):
            continue  # a label with its value below it, or an address on a line of its own
        if next_word[0].islower():
            return line
    return None


RULE = Rule(
    id="sentence-per-line",
    severity=Severity.WARNING,
    rationale="Easy read starts each sentence on a new line (Inclusion Europe, Leichte Sprache).",
    check=check,
)
