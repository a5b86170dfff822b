"""Rule unsafe-link: links go only to https web pages, email addresses or phone numbers.

Source: pressroom's safety contract (the build never reads files or the network for content) and
WCAG 2.2 2.4.4, which needs links that a reader can follow; file paths and insecure addresses fail
both.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ..source.links import judge_link
from ._api import PAGE, Context, Rule


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report every link whose address would be dropped from the output."""
    website = pub.settings.contact.website or ""
    if website:
        verdict = judge_link(website)
        if verdict.problem:
            where = pub.config_location("contact.website")
            yield ctx.finding(where, verdict.problem, verdict.fix, verdict.severity)
    for page in pub.pages:
        for link in page.links:
            verdict = judge_link(link.target)
            if verdict.problem:
                yield ctx.finding(link.location, verdict.problem, verdict.fix, verdict.severity)


RULE = Rule(
    id="unsafe-link",
    severity=Severity.ERROR,
    rationale="A link must be safe to follow and must not point into the computer it was built on.",
    check=check,
    scope=PAGE,
)
