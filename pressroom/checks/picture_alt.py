"""Rule picture-alt: every picture has alt text written for the reader.

Source: WCAG 2.2 success criterion 1.1.1 (non-text content); easy read guidance (DH 2010,
Photosymbols) that each picture supports one idea, so its alt text says what that idea is.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule

GENERIC = {"image", "picture", "photo", "icon", "img", "graphic"}


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Find pictures with no alt text, or alt text that is only a file name or 'image'
    (in the pages, and beside the words of the glossary)."""
    for page in pub.pages:
        for block in page.blocks:
            for pic in block.pictures:
                alt = pic.alt.strip()
                if not alt:
                    yield ctx.finding(
                        pic.location,
                        f"The picture '{pic.ref}' has no alt text.",
                        "Write what the picture shows between the square brackets: "
                        "![A nurse talking to a man](nurse).",
                    )
                elif alt.lower() in GENERIC or alt == pic.ref:
                    yield ctx.finding(
                        pic.location,
                        f"The alt text '{alt}' does not say what the picture shows.",
                        "Describe the picture for someone who cannot see it.",
                    )
    for term in pub.glossary:
        if term.picture and not term.picture_alt.strip():
            yield ctx.finding(
                term.location,
                f"The picture of the word '{term.word}' has no alt text.",
                "Add 'picture_alt:' under 'picture:' in glossary.yml, saying what the picture "
                "shows (python build.py pictures suggests one).",
            )


RULE = Rule(
    id="picture-alt",
    severity=Severity.ERROR,
    rationale="Readers who cannot see a picture need its meaning in words (WCAG 2.2 1.1.1).",
    check=check,
    scope=PAGE,
)
