"""Rule row-picture: in easy read, every paragraph of the main pages has a picture beside it.

Source: easy-read-rules.md 11.1 and 12.1 (Department of Health 2009: every idea has words and a
picture, picture on the left, words on the right; Patient Information Forum: an image with each
sentence; People First: at least one picture a paragraph). pressroom writes a row as a paragraph
that starts with a picture, so a paragraph that does not start with one is printed with no picture.
Only the pages that carry the information are checked (content, story and who-to-contact pages);
covers, tips, activity pages and the pages that fill themselves in are laid out differently.
Headings, list items and quotes are not rows and are left alone, and so is a short lead-in that
ends with a colon just before a list ("You can ask for:"), which belongs to the list.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Block, Finding, Publication, Severity, printed
from ..source.kinds import kind_of
from ._api import PAGE, Context, Rule


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Warn at each paragraph of running text that does not start with a picture."""
    for page in pub.pages:
        if not kind_of(page).row_pictures:
            continue
        with_text = {id(s.block) for s in ctx.analysis.body(page)}
        blocks = page.blocks
        for index, block in enumerate(blocks):
            if block.kind != "paragraph" or id(block) not in with_text:
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if _introduces_list(block, following) or _unshown_picture(block):
                continue
            yield ctx.finding(
                block.location,
                "This paragraph has no picture beside it.",
                "Start it with a picture: ![what it shows](name)",
            )


def _unshown_picture(block: Block) -> bool:
    """A paragraph whose printed text starts with picture markup Markdown could not read (a
    name with a space): the picture-name error already says how to fix it."""
    return printed(block.spans).lstrip().startswith("![")


def _introduces_list(block: Block, following: Block | None) -> bool:
    """True for a lead-in such as 'You can ask for:' just before a list: it belongs to the list."""
    last = printed(block.spans).rstrip()
    return last.endswith(":") and following is not None and following.kind == "list-item"


RULE = Rule(
    id="row-picture",
    severity=Severity.WARNING,
    rationale="Easy read gives every idea a picture on the left of its words (DH 2009, PIF).",
    check=check,
    scope=PAGE,
)
