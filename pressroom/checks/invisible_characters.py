"""Rule invisible-characters: no hidden characters that change how text reads or is searched.

Source: pressroom's safety contract and Unicode Technical Report 36 (security considerations):
bidirectional overrides can make text display in a different order from how it is stored, and
zero-width characters hide inside words, so screen readers, search and the checks see a different
word from the one printed. Text pasted from Word or the web often carries them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..model import Finding, Location, Publication, Severity
from ._api import PAGE, Context, Rule

INVISIBLE = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
    "\u00ad": "soft hyphen",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
}


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each line with hidden characters, once, at the first one."""
    for page in pub.pages:
        for offset, line in enumerate(page.body.split("\n")):
            for col, char in enumerate(line, start=1):
                if char in INVISIBLE and not _joins_emoji(line, col - 1):
                    yield ctx.finding(
                        Location(page.display_path, page.body_line + offset, col),
                        f"This line has a hidden character: a {INVISIBLE[char]} "
                        f"(U+{ord(char):04X}).",
                        "Delete it: retype the word, or paste the text as plain text.",
                    )
                    break


def _joins_emoji(line: str, index: int) -> bool:
    """A zero-width joiner between emoji is part of one emoji (a family, a flag): allowed."""
    if line[index] != "\u200d":
        return False
    before = line[index - 1] if index > 0 else ""
    after = line[index + 1] if index + 1 < len(line) else ""
    return any(
        unicodedata.category(c) == "So" or "\ufe00" <= c <= "\ufe0f" for c in (before, after) if c
    )


RULE = Rule(
    id="invisible-characters",
    severity=Severity.ERROR,
    rationale="Hidden and direction-changing characters make text read differently (Unicode TR36).",
    check=check,
    scope=PAGE,
)
