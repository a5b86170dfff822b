"""Rule document-length: an easy read booklet is short enough to read.

Source: easy-read-rules.md 3.1 and §0 (GOV.UK accessible communication formats: 24 pages at most;
Department of Health 2009: more than 20 pages is too long; split a longer document into more than
one booklet). pressroom defaults: a warning above 24 pages, an error above 28. The checks run
before the booklet is printed, so the number of printed pages is not known yet: each page file
starts a new printed page, so the number of page files is the smallest the booklet can be, and
the message says that it counted files.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PUBLICATION, Context, Rule


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """One finding at publication.yml when there are more than ``warn`` page files."""
    warn, error = int(ctx.settings["warn"]), int(ctx.settings["error"])
    count = len(pub.pages)
    if count <= warn:
        return
    yield ctx.finding(
        pub.config_location(),
        f"This booklet has {count} pages (counting each page file as one page); "
        + (
            f"{ctx.audience} booklets have at most {error}."
            if count > error
            else f"{ctx.audience} booklets aim for {warn} or fewer."
        ),
        "Split it into two booklets, or leave out what readers do not need to know.",
        Severity.ERROR if count > error else None,
    )


RULE = Rule(
    id="document-length",
    severity=Severity.WARNING,
    rationale="Easy read booklets have 24 pages at most; split longer ones (GOV.UK, DH 2009).",
    check=check,
    scope=PUBLICATION,
)
