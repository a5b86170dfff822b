"""Rule picture-credits: pictures whose licence asks for credit are credited in the publication.

Source: the CC BY-SA 4.0 licence of the OpenMoji pictures (attribution is a condition of use) and
the credits files of project pictures; easy-read-rules.md section 14 (a credits page).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PUBLICATION, Context, Rule


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report a publication that uses credited pictures but has no credits page to show them."""
    needs_credit = sorted({p.credit for p in pub.pictures.values() if p.credit})
    if needs_credit and not any(page.kind == "credits" for page in pub.pages):
        yield ctx.finding(
            pub.config_location(),
            f"The pictures used need a credit ({'; '.join(needs_credit)}), "
            "but there is no credits page to show it.",
            "Add a page with 'kind: credits' (for example '990-who-made-this.md'); "
            "the credits are filled in for you.",
        )


RULE = Rule(
    id="picture-credits",
    severity=Severity.ERROR,
    rationale="The picture licences (OpenMoji: CC BY-SA 4.0) require a credit in the publication.",
    check=check,
    scope=PUBLICATION,
)
