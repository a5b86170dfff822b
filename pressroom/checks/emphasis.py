"""Rule emphasis: no italics (``*word*`` or ``_word_``); bold is the way to make words stand out.

Source: easy-read-rules.md 10.9 (Inclusion Europe, People First, RNIB Clear Print, NZ Ministry of
Social Development, ODI, dementia checklist: no italics; slanted letters are harder to read) and
10.10 (People First, RNIB: no underlining). Bold, ``**word**``, is allowed: it is how hard words
are marked (10.11). Italics are the ``italic`` spans markdown-it read (CommonMark's own emphasis
rules), so an underscore inside a word (``snake_case``, an email address), a list marker
(``* item``), an escaped ``\\*`` and marks inside ``code`` are never italics; the finding points
at the opening mark. Markdown has no underline: ``__word__`` is bold, and HTML such as ``<u>`` is
never used (it is printed as it is and reported by the raw-html rule), so only italics can be
found here.
Every page is checked, because italics are hard to read wherever they are printed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Block, Finding, Location, Publication, Severity
from ._api import PAGE, Context, Rule, quote

TEXT_BLOCKS = ("heading", "paragraph", "row", "list-item", "quote")


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each piece of italic text at its opening mark."""
    for page in pub.pages:
        for block in page.blocks:
            if block.kind not in TEXT_BLOCKS:
                continue
            for location, mark, text in italics(block, page.display_path):
                yield ctx.finding(
                    location,
                    f"Italics in '{quote(text)}': slanted letters are harder to read.",
                    f"Take away the {mark} marks. To make words stand out, use **bold**.",
                )


def italics(block: Block, path: str) -> list[tuple[Location, str, str]]:
    """Italic text in a block: (where its opening mark is, the mark, the words in italics)."""
    return [
        (Location(path, span.line, span.col), span.mark, span.text.strip())
        for span in block.spans
        if span.kind == "italic"
    ]


RULE = Rule(
    id="emphasis",
    severity=Severity.WARNING,
    rationale="Italics and underlining are harder to read; use bold (RNIB, People First, "
    "Inclusion Europe).",
    check=check,
    scope=PAGE,
)
