"""Rule raw-html: HTML written into a page is never used; it is shown as plain text.

Source: pressroom's safety contract (content from many hands must not run scripts or change the
layout) and easy read guidance that all formatting comes from the layout, not the text.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report raw HTML (tags, comments, scripts) in page bodies, once per line."""
    for page in pub.pages:
        reported: set[int] = set()
        for block in page.blocks:
            if block.kind != "html" or block.location.line in reported:
                continue
            reported.add(block.location.line)
            snippet = block.spans[0].text if block.spans else ""
            short = snippet if len(snippet) <= 40 else snippet[:37] + "..."
            yield ctx.finding(
                block.location,
                f"HTML in the text is not allowed and will be printed as it is: '{short}'.",
                "Remove the HTML and use Markdown: **bold**, lists, ![alt](picture).",
            )


RULE = Rule(
    id="raw-html",
    severity=Severity.ERROR,
    rationale="Raw HTML could run scripts or break the layout, so it is never passed through.",
    check=check,
    scope=PAGE,
)
