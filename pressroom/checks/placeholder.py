"""Rule placeholder: no ``[…]`` placeholder such as ``[Publisher name]`` is left for the press.

Source: issue 11 ("drafts cannot slip to press unnoticed") and the starter publications of
``python build.py new``, which mark what an editor must fill in with square brackets. A warning,
so ``--strict`` (the check before sending to print) makes it an error. Only printed text is read:
the square brackets of Markdown (links, pictures, reference links) print nothing, and code,
check boxes and activity lines (``[lines: 6]``, ``[draw]``, ``[cut]``) are not placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model import Block, Finding, Location, Publication, Severity
from ..source.activities import ACTIVITY_RE
from ._api import PAGE, Context, Rule, quote
from ._text import Char, span_chars

# Printed square brackets holding a word (not a check box such as ``[ ]`` or ``[x]``).
PLACEHOLDER_RE = re.compile(r"\[(?P<inside>[^\[\]\n]{0,80}?[A-Za-z]{2}[^\[\]\n]*?)\]")
SKIPPED_BLOCKS = ("activity", "html")
STYLES = ("bold", "italic", "link")
SKIPPED_SETTINGS = ("checks", "our_words")


def placeholders(text: str) -> Iterator[tuple[int, str]]:
    """Each placeholder in ``text``: its position and the whole ``[…]``."""
    for match in PLACEHOLDER_RE.finditer(text):
        if not ACTIVITY_RE.match(match.group(0)):
            yield match.start(), match.group(0)


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report placeholders in page titles, page text, the glossary and publication.yml."""
    for page in pub.pages:
        for _index, found in placeholders(page.title):
            yield _finding(ctx, page.location, found, "the title of this page")
        for block in page.blocks:
            if block.kind in SKIPPED_BLOCKS:
                continue
            for chars in _text_runs(block):
                for index, found in placeholders("".join(c.char for c in chars)):
                    where = Location(page.display_path, chars[index].line, chars[index].col)
                    yield _finding(ctx, where, found, "this page")
    for term in pub.glossary:
        for text in (term.word, term.meaning):
            for _index, found in placeholders(text):
                yield _finding(ctx, term.location, found, "the glossary")
    for key, text in _settings_text(pub.config):
        if key.split(".")[0] in SKIPPED_SETTINGS:
            continue
        for _index, found in placeholders(text):
            yield _finding(ctx, _setting_location(pub, key), found, f"'{key}'")


def _text_runs(block: Block) -> Iterator[list[Char]]:
    """The printed characters of a block's words, in runs that code, pictures, raw HTML and
    line breaks end (bold, italics and links do not: ``[**Publisher** name]`` is one run)."""
    run: list[Char] = []
    for span in block.spans:
        if span.kind == "text":
            run.extend(span_chars(span))
        elif span.kind not in STYLES and run:
            yield run
            run = []
    if run:
        yield run


def _finding(ctx: Context, where: Location, found: str, what: str) -> Finding:
    return ctx.finding(
        where,
        f"'{quote(found)}' in {what} looks like a placeholder: it would be printed as it is.",
        "Write the real words in its place, or take it out.",
    )


def _settings_text(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Every text value of the settings, with its dotted key."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _settings_text(item, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _settings_text(item, f"{key}.{index}")


def _setting_location(pub: Publication, key: str) -> Location:
    """Where a setting is written: its own line, else its parent's."""
    while key and key not in pub.config_lines:
        key = key.rpartition(".")[0]
    return pub.config_location(key)


RULE = Rule(
    id="placeholder",
    severity=Severity.WARNING,
    rationale="A placeholder such as [Publisher name] must not reach the printed copies.",
    check=check,
    scope=PAGE,
)
