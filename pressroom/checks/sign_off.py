"""Rule sign-off: a publication is not final until its co-production panel has signed it off.

Source: easy-read-rules.md section 15 (co-production and testing): every authority on easy read
says the final check is by people with a learning disability; NHS England's accessible information
guidance asks for content to be checked by its readers.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PUBLICATION, Context, Rule


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Warn while ``co_production.status`` is not ``signed-off``."""
    status = pub.settings.co_production.status
    if status != "signed-off":
        yield ctx.finding(
            pub.config_location("co_production.status"),
            f"This publication is '{status}': it has not been signed off by its readers' panel.",
            "When the panel has checked it, set 'status: signed-off' and fill 'signed_off_by'.",
        )


RULE = Rule(
    id="sign-off",
    severity=Severity.WARNING,
    rationale="Readers with lived experience must check a publication before it is used.",
    check=check,
    scope=PUBLICATION,
)
