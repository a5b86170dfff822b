"""UK phone numbers in running text, found and made into ``tel:`` links for the web page.

A reader on a phone can then tap a number to call it. Recognised: numbers starting 0 or +44 with
10 or 11 digits (``0808 808 1111``, ``020 7946 0000``, ``+44 20 7946 0000``), 8-digit freephone
numbers (``0800 1111``), the 116 helplines (``116 123``), and 111 and 999 after "phone", "call",
"ring" or "dial". A number that is already a link is left alone. The link keeps the number
as written; ``tel:`` gets its digits (``base.css`` keeps a phone link on one line).
"""

from __future__ import annotations

import re

PHONE_RE = re.compile(
    r"(?<![\w+])(?P<number>(?:\+44[ \u00a0]?(?:\(0\)[ \u00a0]?)?|0)\d{2,4}"
    r"(?:[ \u00a0-]?\d{3,4}){1,2}|116[ \u00a0]?\d{3})(?![\w])"
    r"|(?P<verb>\b(?:[Pp]hone|[Cc]all|[Rr]ing|[Dd]ial)(?: us)? (?:on )?)(?P<short>111|999)\b"
)
TAG_RE = re.compile(r"(<[^>]*>)")
SKIP_TAGS = ("a", "button", "title", "head", "script", "style", "textarea")


def tel_digits(number: str) -> str:
    """The digits for a ``tel:`` URL, in national form; "" if it is not a UK number we know."""
    digits = re.sub(r"\D", "", number)
    if number.lstrip().startswith("+44"):
        digits = "0" + digits[2:]
    if digits.startswith("116") and len(digits) == 6:
        return digits
    if digits.startswith("0800") and len(digits) == 8:
        return digits
    if digits.startswith("0") and len(digits) in (10, 11):
        return digits
    return ""


def link_phone_numbers(html: str) -> str:
    """``html`` with every recognised phone number in its text (not in tags or links) linked."""
    out: list[str] = []
    skipping: list[str] = []
    for part in TAG_RE.split(html):
        if part.startswith("<"):
            name = re.match(r"</?([a-zA-Z0-9]+)", part)
            tag = name[1].lower() if name else ""
            if tag in SKIP_TAGS and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipping and skipping[-1] == tag:
                        skipping.pop()
                else:
                    skipping.append(tag)
            out.append(part)
        elif skipping:
            out.append(part)
        else:
            out.append(PHONE_RE.sub(_link, part))
    return "".join(out)


def _link(match: re.Match[str]) -> str:
    if match["short"]:
        return f'{match["verb"]}<a href="tel:{match["short"]}">{match["short"]}</a>'
    digits = tel_digits(match["number"])
    if not digits:
        return match[0]
    return f'<a href="tel:{digits}">{match["number"]}</a>'
