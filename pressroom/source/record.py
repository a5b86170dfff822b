"""The co-production record: ``content/<slug>/co-production.yml``, page fingerprints, and what
the record means for a build.

The record lists the readers' panel sessions. Each session has a date, a group, how many readers
came, and for each page it looked at: how many readers understood it (all, some, not), what they
said, what was changed, and the page's fingerprint as the panel saw it. A fingerprint is a short
SHA-256 of the page's source file and of every picture file the page shows (for the glossary
page, of ``glossary.yml`` too), so a changed sentence or a changed picture makes it stale.

From the record come the findings ``not-reviewed``, ``review-outdated``, ``not-understood``,
``sign-off-refused`` and ``record-unknown-page`` (:func:`review_findings`), and the text of
a session that ``python build.py review <slug> --record`` adds (:func:`session_text`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import Finding, Location, Page, PageReview, PanelSession, Publication, Severity
from . import config
from .config import Field
from .yamlsrc import parse_yaml

RECORD_FILE = "co-production.yml"
REVIEW_RULES = frozenset(
    {"not-reviewed", "review-outdated", "not-understood", "record-unknown-page", "sign-off-refused"}
)

PAGE_FIELDS = (
    Field(
        "fingerprint", "text", "The page as the panel saw it (written by pressroom).", default=""
    ),
    Field("understood", "integer", "How many readers understood all of it.", minimum=0),
    Field("some", "integer", "How many understood some of it.", minimum=0),
    Field("not_understood", "integer", "How many did not understand it.", minimum=0),
    Field("said", "text", "What the readers said about the page.", default=""),
    Field("changed", "text", "What was changed because of it.", default=""),
)
SESSION_FIELDS = (
    Field("date", "date", "When the session was (YYYY-MM-DD).", required=True),
    Field("group", "text", "The group or panel that met.", required=True),
    Field("readers", "integer", "How many readers took part.", required=True, minimum=1),
    Field("facilitator", "text", "Who ran the session.", default=""),
    Field("pages", "any", "Each page looked at, by its file name without .md.", default={}),
)
RECORD_FIELDS = (Field("sessions", "any", "The panel sessions, oldest first.", default=[]),)


# --- reading --------------------------------------------------------------------------------


def parse_record(text: str, rel: str) -> tuple[tuple[PanelSession, ...], list[Finding]]:
    """The sessions of a ``co-production.yml`` text, and every problem with line numbers."""
    doc = parse_yaml(text, rel)
    findings = list(doc.findings)
    if not doc.ok:
        return (), findings

    def where(key: str) -> Location:
        while key and key not in doc.lines:
            key = key.rpartition(".")[0]
        return Location(rel, doc.lines.get(key, 1), 1)

    top, problems = config.validate(doc.data, RECORD_FIELDS, where, RECORD_FILE, raw=doc.raw)
    findings.extend(problems)
    items = top.get("sessions") or []
    if not isinstance(items, list):
        findings.append(_shape(where("sessions"), "'sessions' should be a list of sessions."))
        return (), findings
    sessions: list[PanelSession] = []
    for index, item in enumerate(items):
        session = _session(item, str(f"sessions.{index}"), where, doc.raw, findings)
        if session is not None:
            sessions.append(session)
    return tuple(sessions), findings


def _session(
    item: Any, key: str, where: Callable[[str], Location], raw: dict[str, str], out: list[Finding]
) -> PanelSession | None:
    data, problems = config.validate(item, SESSION_FIELDS, where, "a session", key, raw)
    out.extend(problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return None
    pages_data = data["pages"] or {}
    if not isinstance(pages_data, dict):
        out.append(_shape(where(f"{key}.pages"), "'pages' should list pages by their name."))
        return None
    reviews: list[PageReview] = []
    for name, answers in pages_data.items():
        sub = f"{key}.pages.{name}"
        page, problems = config.validate(answers, PAGE_FIELDS, where, "a page review", sub, raw)
        out.extend(problems)
        if any(p.severity is Severity.ERROR for p in problems):
            continue
        counts = [page[k] for k in ("understood", "some", "not_understood") if page[k]]
        if sum(counts) > data["readers"]:
            out.append(
                Finding(
                    where(sub),
                    Severity.ERROR,
                    "bad-value",
                    f"The answers for '{name}' add up to {sum(counts)}, but "
                    f"{data['readers']} readers came.",
                    "Count each reader once: understood, some or not_understood.",
                )
            )
            continue
        reviews.append(
            PageReview(
                page=str(name).removesuffix(".md"),
                location=where(sub),
                fingerprint=page["fingerprint"],
                understood=page["understood"],
                some=page["some"],
                not_understood=page["not_understood"],
                said=page["said"],
                changed=page["changed"],
            )
        )
    return PanelSession(
        date=data["date"],
        group=data["group"],
        readers=data["readers"],
        location=where(key),
        facilitator=data["facilitator"],
        pages=tuple(reviews),
    )


def _shape(loc: Location, message: str) -> Finding:
    return Finding(
        loc, Severity.ERROR, "bad-type", message, "See the example in the README (facilitators)."
    )


# --- fingerprints ---------------------------------------------------------------------------


def fingerprints(pub: Publication, images: Callable[[str], bytes | None]) -> dict[str, str]:
    """Each page's fingerprint by page name: its source digest and its pictures' bytes."""
    digests = dict(pub.sources)
    glossary = digests.get(f"{pub.display_path}/glossary.yml", "")
    result: dict[str, str] = {}
    for page in pub.pages:
        parts = [digests.get(page.display_path, "")]
        for ref in sorted(page_pictures(pub, page)):
            data = images(ref)
            parts.append(f"{ref}={hashlib.sha256(data or b'').hexdigest()}")
        if page.kind == "glossary":
            parts.append(f"glossary={glossary}")
        result[page_key(page)] = (
            "sha256:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
        )
    return result


def page_key(page: Page) -> str:
    """How the record names a page: its file name without ``.md`` (``030-welcome``)."""
    return page.path.stem


def page_pictures(pub: Publication, page: Page) -> set[str]:
    """The picture names a page shows (inline, in its heading, and glossary pictures)."""
    refs = {pic.ref for block in page.blocks for pic in block.pictures}
    if page.meta.get("picture"):
        refs.add(page.meta["picture"])
    if page.kind == "glossary":
        refs.update(term.picture for term in pub.glossary if term.picture)
    return {ref for ref in refs if ref in pub.pictures}


def read_picture(pub: Publication) -> Callable[[str], bytes | None]:
    """A reader of picture bytes by name, for :func:`fingerprints`."""

    def read(ref: str) -> bytes | None:
        try:
            return Path(pub.pictures[ref].path).read_bytes()
        except (KeyError, OSError):
            return None

    return read


# --- what the record means ------------------------------------------------------------------


def latest_reviews(pub: Publication) -> dict[str, tuple[PanelSession, PageReview]]:
    """The newest review of each page (sessions in date order; later in the file wins a tie)."""
    latest: dict[str, tuple[PanelSession, PageReview]] = {}
    for session in sorted(pub.sessions, key=lambda s: s.date):
        for review in session.pages:
            latest[review.page] = (session, review)
    return latest


def page_states(pub: Publication) -> dict[str, str]:
    """Each page's state: ``reviewed``, ``outdated`` or ``not-reviewed``."""
    latest = latest_reviews(pub)
    states: dict[str, str] = {}
    for page in pub.pages:
        key = page_key(page)
        if key not in latest:
            states[key] = "not-reviewed"
        elif latest[key][1].fingerprint != pub.fingerprints.get(key):
            states[key] = "outdated"
        else:
            states[key] = "reviewed"
    return states


def most_did_not_understand(session: PanelSession, review: PageReview) -> bool:
    """True when more than half of the readers who answered did not understand the page."""
    answered = sum(n or 0 for n in (review.understood, review.some, review.not_understood))
    return bool(review.not_understood) and (review.not_understood or 0) * 2 > (
        answered or session.readers
    )


def record_location(pub: Publication) -> Location:
    """The top of the publication's record file."""
    return Location(f"{pub.display_path}/{RECORD_FILE}", 1, 1)


def review_findings(pub: Publication) -> list[Finding]:
    """Findings about each page's review, and about signing off with pages not reviewed."""
    signed_off = pub.settings.co_production.status == "signed-off"
    severity = Severity.ERROR if signed_off else Severity.WARNING
    latest = latest_reviews(pub)
    states = page_states(pub)
    findings: list[Finding] = []
    command = f"python build.py review {pub.slug}"
    for page in pub.pages:
        key = page_key(page)
        if states[key] == "not-reviewed":
            findings.append(
                Finding(
                    page.location,
                    severity,
                    "not-reviewed",
                    "No readers' panel has checked this page yet.",
                    f"Check it with the panel ({command} {key} makes the pack), then record "
                    f"the session: {command} {key} --record DATE --group NAME --readers N.",
                )
            )
        elif states[key] == "outdated":
            session = latest[key][0]
            findings.append(
                Finding(
                    page.location,
                    severity,
                    "review-outdated",
                    f"This page or its pictures changed after the panel checked it on "
                    f"{_date(session.date)}.",
                    f"Check the changed page with the panel again and record it: {command} "
                    f"{key} --record DATE --group NAME --readers N.",
                )
            )
        if key in latest and most_did_not_understand(*latest[key]):
            session, review = latest[key]
            said = f" They said: {review.said.strip()}" if review.said.strip() else ""
            findings.append(
                Finding(
                    page.location,
                    Severity.WARNING,
                    "not-understood",
                    f"{review.not_understood} of {session.readers} readers did not understand "
                    f"this page on {_date(session.date)}.{said}",
                    "Change what they did not understand, then check it with the panel again.",
                )
            )
    files = {rel for rel, _digest in pub.sources}  # a page that failed to load is still there
    for session in pub.sessions:
        for review in session.pages:
            if f"{pub.display_path}/{review.page}.md" not in files:
                findings.append(
                    Finding(
                        review.location,
                        Severity.WARNING,
                        "record-unknown-page",
                        f"There is no page '{review.page}' in {pub.display_path}/.",
                        "Write the page's file name without .md; if the page was renamed, "
                        "record it under its new name at the next session.",
                    )
                )
    waiting = [key for key, state in states.items() if state != "reviewed"]
    if signed_off and waiting:
        shown = ", ".join(waiting[:5]) + (
            f" and {len(waiting) - 5} more" if len(waiting) > 5 else ""
        )
        findings.append(
            Finding(
                pub.config_location("co_production.status"),
                Severity.ERROR,
                "sign-off-refused",
                f"This cannot be signed off: {len(waiting)} of {len(states)} pages are not "
                f"checked by the panel as they are now ({shown}).",
                "Check those pages with the panel and record it, or set 'status: draft'.",
            )
        )
    return findings


def _date(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# --- writing a session ----------------------------------------------------------------------


def session_text(
    date: dt.date, group: str, readers: int, facilitator: str, pages: dict[str, str]
) -> str:
    """The YAML of one session, to add at the end of ``co-production.yml``."""
    lines = [
        f"  - date: {date.isoformat()}",
        f"    group: {_quoted(group)}",
        f"    readers: {readers}",
    ]
    if facilitator:
        lines.append(f"    facilitator: {_quoted(facilitator)}")
    lines.append("    pages:")
    for key, fingerprint in pages.items():
        lines += [
            f"      {key}:",
            f"        fingerprint: {fingerprint}  # written by pressroom: the page as checked",
            "        understood:       # how many readers understood all of it",
            "        some:             # how many understood some of it",
            "        not_understood:   # how many did not understand it",
            '        said: ""',
            '        changed: ""',
        ]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


RECORD_HEADER = """\
# What the readers' panel said, session by session. pressroom reads this file: see the README
# section "For facilitators". Add a session with: python build.py review <slug> --record …
sessions:
"""
