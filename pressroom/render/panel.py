"""What the panel record says to readers, to the print shop and to editors.

The credits page and the accessibility statement (:func:`panel_words`, in the profile's words
from ``words.yml``), the job sheet (:func:`panel_summary`), and the pages ranked by how well the
readers understood them, beside the writing findings of each page (:func:`understanding`, shown
by ``report.html`` and the terminal). Only what ``co-production.yml`` records is ever claimed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Finding, Publication
from ..source.own_words import fill
from ..source.record import REVIEW_RULES, latest_reviews, page_key, page_states


def day_text(value: Any) -> str:
    """A date as readers write it: '20 November 2026'."""
    return f"{value.day} {value:%B %Y}" if isinstance(value, dt.date) else str(value)


def panel_summary(pub: Publication) -> dict[str, Any]:
    """What the record shows, for the credits page, the statement and the job sheet: each
    session, how many pages are checked as they are now, and which are not."""
    states = page_states(pub)
    sessions = sorted(pub.sessions, key=lambda s: s.date)
    waiting = [key for key, state in states.items() if state != "reviewed"]
    groups = list(dict.fromkeys(s.group for s in sessions))
    return {
        "sessions": [
            {
                "day": day_text(s.date),
                "group": s.group,
                "readers": s.readers,
                "pages": len(s.pages),
            }
            for s in sessions
        ],
        "readers": sum(s.readers for s in sessions),
        "groups": " and ".join(groups),
        "first": day_text(sessions[0].date) if sessions else "",
        "last": day_text(sessions[-1].date) if sessions else "",
        "total": len(states),
        "checked": len(states) - len(waiting),
        "every_page": bool(states) and not waiting,
        "not_checked": waiting,
    }


def panel_words(words: dict[str, Any], panel: dict[str, Any]) -> dict[str, Any]:
    """The credits' and the statement's words about the panel, filled in from the record:
    ``panel_lines`` (one line per session), ``panel_pages`` (how many pages were checked) and
    ``accessible_checked`` (empty unless every page was checked as it is now)."""
    values = {key: str(value) for key, value in panel.items() if not isinstance(value, list)}

    def filled(text: Any, more: dict[str, Any] | None = None) -> Any:
        if isinstance(text, list):
            return [filled(item, more) for item in text]
        return fill(str(text), {**values, **(more or {})})

    if panel["every_page"]:
        pages = filled(words.get("panel_every_page", ""))
    elif panel["checked"]:
        pages = filled(words.get("panel_some_pages", ""))
    else:
        pages = filled(words.get("panel_no_pages", ""))
    return {
        "panel_lines": [filled(words.get("panel_session", ""), s) for s in panel["sessions"]],
        "panel_pages": pages,
        "accessible_checked": filled(words.get("accessible_checked", []))
        if panel["every_page"]
        else [],
    }


# --- for editors: pages by how well they were understood ------------------------------------


@dataclass(frozen=True)
class Understanding:
    """One page at its latest review: the readers' answers, what they said, the writing
    findings of the page, and its state (``reviewed``, ``outdated``, ``not-reviewed``)."""

    key: str
    display_path: str
    title: str
    state: str
    day: str = ""
    readers: int = 0
    understood: int | None = None
    some: int | None = None
    not_understood: int | None = None
    said: str = ""
    writing: tuple[str, ...] = ()

    @property
    def share(self) -> float:
        """The share of the readers who answered that understood all of it (1.0 if none did)."""
        answered = (self.understood or 0) + (self.some or 0) + (self.not_understood or 0)
        if not answered:
            return 2.0  # no answers recorded: after every page with answers
        return ((self.understood or 0) + 0.5 * (self.some or 0)) / answered

    @property
    def answers(self) -> str:
        """'2 understood all, 3 some, 1 not (6 readers)', or why there are none."""
        if self.state == "not-reviewed":
            return "not checked yet"
        if self.share > 1:
            return f"checked on {self.day}, no answers recorded"
        return (
            f"{self.understood or 0} understood all, {self.some or 0} some, "
            f"{self.not_understood or 0} not ({self.readers} readers, {self.day})"
        )


def understanding(pub: Publication, findings: Sequence[Finding]) -> list[Understanding]:
    """Every page, the least understood first, with its writing findings' rule ids. Empty when
    no session recorded any answers (nothing to rank)."""
    latest = latest_reviews(pub)
    if not any(
        r.understood is not None or r.not_understood is not None for _, r in latest.values()
    ):
        return []
    states = page_states(pub)
    rows = []
    for page in pub.pages:
        key = page_key(page)
        writing = tuple(
            sorted(
                {f.rule for f in findings if f.location.path == page.display_path} - REVIEW_RULES
            )
        )
        if key not in latest:
            rows.append(
                Understanding(key, page.display_path, page.title, states[key], writing=writing)
            )
            continue
        session, review = latest[key]
        rows.append(
            Understanding(
                key,
                page.display_path,
                page.title,
                states[key],
                day=day_text(session.date),
                readers=session.readers,
                understood=review.understood,
                some=review.some,
                not_understood=review.not_understood,
                said=review.said.strip(),
                writing=writing,
            )
        )
    order = {"reviewed": 0, "outdated": 0, "not-reviewed": 1}
    return sorted(rows, key=lambda row: (order[row.state], row.share))


def terminal_lines(pub: Publication, findings: Sequence[Finding]) -> list[str]:
    """The ranking as lines for the terminal (none when nothing was answered)."""
    rows = understanding(pub, findings)
    if not rows:
        return []
    lines = [f"How well readers understood {pub.slug}, least understood first:"]
    for row in rows:
        writing = f"; writing: {', '.join(row.writing)}" if row.writing else ""
        stale = " (changed since)" if row.state == "outdated" else ""
        lines.append(f"  {row.key}: {row.answers}{stale}{writing}")
    return lines
