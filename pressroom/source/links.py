"""Which link targets content may use, and what to tell the editor about the rest.

Links are never fetched, but a reader may follow them, so only web pages over https, email
addresses, phone numbers and anchors inside the publication are allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Severity

SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
PHONE_RE = re.compile(r"^tel:\+?[0-9 ()-]{3,20}$")
EMAIL_RE = re.compile(r"^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_LINK = 2000


@dataclass(frozen=True)
class LinkVerdict:
    """The decision on one link: the URL to render (empty when dropped) and any problem."""

    url: str
    problem: str = ""
    fix: str = ""
    severity: Severity = Severity.ERROR


FIX = "Link to a web page (https://…), an email (mailto:…) or a phone number (tel:…)."


def judge_link(target: str) -> LinkVerdict:
    """Decide whether ``target`` may be rendered as a link."""
    target = target.strip()
    if not target:
        return LinkVerdict("", "This link has no address.", FIX)
    if len(target) > MAX_LINK or any(ord(c) < 32 for c in target):
        return LinkVerdict("", "This link address is not a usable address.", FIX)
    if target.startswith("#"):
        return LinkVerdict(target)
    if target.startswith("//"):
        return LinkVerdict("", f"The link '{target}' has no https:// in front.", FIX)
    match = SCHEME_RE.match(target)
    if not match:
        return LinkVerdict(
            "",
            f"The link '{target}' points at a file, not a web page.",
            "Files cannot be linked from a publication. " + FIX,
        )
    scheme = match[1].lower()
    if scheme == "https":
        return LinkVerdict(target)
    if scheme == "http":
        return LinkVerdict(
            "",
            f"The link '{target}' is not secure (http).",
            "Use the https:// address of the page.",
        )
    if scheme == "mailto" and EMAIL_RE.match(target):
        return LinkVerdict(target)
    if scheme == "tel" and PHONE_RE.match(target):
        return LinkVerdict(target.replace(" ", ""))
    if scheme in ("mailto", "tel"):
        return LinkVerdict("", f"The link '{target}' is not a valid {scheme} address.", FIX)
    return LinkVerdict("", f"Links starting '{scheme}:' are not allowed.", FIX)
