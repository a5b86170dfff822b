"""Rule rows-per-page: an easy read page is not crowded with picture rows.

Source: easy-read-rules.md 3.3 and 12.1 (Access Easy English: at most 4 pictures, so about 4 rows,
a page; Photosymbols, COGA and the Innovations in Dementia checklist: leave plenty of white space).
pressroom defaults: a warning above 4 rows, an error above 5. Each page file starts a new printed
page, so rows are counted per page file; a page file that spills onto a second printed page is
already too full. The finding is put on the first row over the limit, because that is where the
page should be split: that row and the ones after it go to a new page file.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """One finding per page with more than ``warn`` rows; an error above ``error``."""
    warn, error = int(ctx.settings["warn"]), int(ctx.settings["error"])
    for page in pub.pages:
        rows = [block for block in page.blocks if block.kind == "row"]
        if len(rows) <= warn:
            continue
        if len(rows) > error:
            message = (
                f"This page has {len(rows)} picture rows; {ctx.audience} allows at most {error} "
                "on a page."
            )
            yield ctx.finding(
                rows[warn].location,
                message,
                "Move this row and the rows after it to a new page file.",
                Severity.ERROR,
            )
            continue
        yield ctx.finding(
            rows[warn].location,
            f"This page has {len(rows)} picture rows; {ctx.audience} aims for {warn} or fewer, "
            "to leave white space.",
            "If you can, move this row and the rows after it to a new page file.",
        )


RULE = Rule(
    id="rows-per-page",
    severity=Severity.WARNING,
    rationale="At most 4 pictures a page leaves the white space readers need (AEE, Photosymbols).",
    check=check,
    scope=PAGE,
)
