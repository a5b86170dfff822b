"""Rule brackets: no brackets in easy read text; put the extra information in a sentence.

Source: easy-read-rules.md 7.3 (Social Security Scotland style guide: no brackets for extra
information; NICE style; GOV.UK style; never "(s)" for optional plurals). Brackets ask the reader
to hold one idea while reading another. Each opening bracket is reported where it is written.
"(s)" after a word is an error (the rulebook makes it a MUST), other brackets, round or square
("[the nurse who looks after you]"), a warning. Link and picture markup is removed before the
check, so ``[text](address)`` is not a bracket, nor is a writing space such as ``[lines: 3]``.
A UK area code in brackets, as in "(0161) 496 0000" or "+44 (0)20 7946 0000", is left alone: it
is part of a phone number, not an aside.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, prose_pages, quote
from ._text import Sentence

AREA_CODE_RE = re.compile(r"\(0(?:\d{2,5})?\)[ \u00a0]?\d")  # (0161) 496 0000, +44 (0)20
PLURAL_RE = re.compile(r"(?<=[A-Za-z])\(s\)", re.IGNORECASE)
SMILEY_BEFORE = ":;="
PARTNER = {"(": ")", "[": "]"}


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each opening bracket, round or square, once, at its place."""
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            yield from _bracket_findings(sentence, ctx)


def _bracket_findings(sentence: Sentence, ctx: Context) -> Iterator[Finding]:
    text = sentence.text
    for index, char in enumerate(text):
        if char not in "([":
            continue
        if index and text[index - 1] in SMILEY_BEFORE:
            continue  # a sad face such as ":(" is not an aside
        if AREA_CODE_RE.match(text, index):
            continue
        location = sentence.location_at(index)
        if PLURAL_RE.match(text, index):
            found = re.search(r"[A-Za-z'’-]+$", text[:index])
            word = found.group(0) if found else ""
            plural = text[index + 1 : index + 2]
            configured = ctx.settings.get("severity")
            yield ctx.finding(
                location,
                f"'{word}{text[index : index + 3]}' leaves the reader to choose between one and "
                "more than one.",
                f"Write '{word}' or '{word}{plural}', as you mean it, or 'one or more "
                f"{word}{plural}'.",
                None if configured else Severity.ERROR,
            )
            continue
        inside = _inside(text, index, char, PARTNER[char])
        yield ctx.finding(
            location,
            f"Brackets around '{quote(inside)}': {ctx.audience} does not use brackets.",
            "Take the brackets away and put the extra information in a sentence of its own.",
        )


def _inside(text: str, start: int, opener: str, closer: str) -> str:
    """The words between a bracket and its partner (or to the end of the sentence)."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == opener:
            depth += 1
        elif text[index] == closer:
            depth -= 1
            if depth == 0:
                return text[start + 1 : index]
    return text[start + 1 :]


RULE = Rule(
    id="brackets",
    severity=Severity.WARNING,
    rationale="Put extra information in its own sentence, not in brackets (Social Security "
    "Scotland, NICE, GOV.UK).",
    check=check,
    scope=PAGE,
)
