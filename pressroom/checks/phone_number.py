"""Rule phone-number: a phone number in the text is one pressroom can make a link of.

Source: issue 13 (readers tap numbers on their phones; the web page links every UK number it
recognises, :mod:`render.phones`). A number written with a digit too many or too few, or a
number from abroad, would stay plain text that cannot be tapped, and it may be wrong on paper too.
Something that starts like a phone number (0 or +, then 7 or more digits in groups) and is not
recognised is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ..render.phones import PHONE_RE, tel_digits
from ._api import PAGE, Context, Rule, prose_pages

CANDIDATE_RE = re.compile(r"(?<![\w+.,])(?:\+\d{1,3}[ \u00a0]?|0)\d+(?:[ \u00a0-]\d+)*(?![\w])")


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each phone-like number that is not a UK number pressroom recognises."""
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            text = sentence.text
            for match in CANDIDATE_RE.finditer(text):
                number = match.group(0)
                if len(re.sub(r"\D", "", number)) < 7:
                    continue
                known = PHONE_RE.fullmatch(number)
                if known and tel_digits(number):
                    continue
                yield ctx.finding(
                    sentence.location_at(match.start()),
                    f"'{number}' looks like a phone number, but it is not one pressroom "
                    "recognises, so readers cannot tap it to call.",
                    "Check the digits: a UK number has 11 digits starting with 0 (0808 808 1111), "
                    "or is an 8-digit 0800 number or a 116 helpline. If it is right, add an allow "
                    "marker.",
                )


RULE = Rule(
    id="phone-number",
    severity=Severity.WARNING,
    rationale="Phone numbers are ones pressroom can link for tapping (issue 13).",
    check=check,
    scope=PAGE,
)
