"""Checking a layout against its sources: nothing lost, and every page file on its own pages.

After WeasyPrint has laid out a PDF, :mod:`_laidout` says where each unit of content went and what
of it can be seen. This module turns that into findings at the source line that caused them:

* ``lost-text`` (always an error): a heading, sentence, list item, glossary entry, picture or
  space to write that is not on any page, or is clipped, outside the safe area, covered by
  another box or printed in the colour behind it;
* ``page-fit``: a page file that runs onto more printed pages than it may (one, unless its front
  matter says ``pages: 2``). An error for easy read, where one page file is one printed page; a
  warning for the magazine. The finding is on the first row that moved. In the large print PDF
  (``one_page_only``) a page file may take as many pages as its larger type needs; only a cover
  or a tear-out card, which a reader keeps as one sheet, is held to one page, with a warning.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from ..model import Finding, Location, Publication, Severity
from ..render import html as render
from ..source.kinds import kind_of
from ._laidout import LaidOut, Unit

IGNORED = str.maketrans("", "", " \t\n\r\u00ad\u200b-\u2010\u2011")  # spaces, hyphenation


@dataclass(frozen=True)
class Marks:
    """What the render marked by id: page files' sections, and headings and glossary entries
    that come from settings rather than Markdown (their source lines)."""

    sections: dict[str, str]
    units: dict[str, str]


def marks(pub: Publication) -> Marks:
    """The ids the templates give page sections, page titles and glossary entries."""
    sections: dict[str, str] = {}
    units: dict[str, str] = {}
    for page in pub.pages:
        anchor = render.page_id(page)
        sections[anchor] = page.display_path
        if page.kind == "cover":
            units[f"{anchor}-title"] = str(_line(pub.config_location("title")))
        elif page.blocks and page.blocks[0].kind == "heading" and page.blocks[0].level == 2:
            units[f"{anchor}-title"] = str(_line(page.blocks[0].location))
    anchors = render.term_anchors(pub)
    for term in pub.glossary:
        units.setdefault(anchors[term.word.strip().lower()], str(_line(term.location)))
    return Marks(sections, units)


def _line(location: Location) -> str:
    return f"{location.path}:{location.line}"


def check_layout(
    pub: Publication, laid: LaidOut, what: str, fit_pages: bool, one_page_only: bool = False
) -> list[Finding]:
    """Findings for what a reader of ``what`` (e.g. "print PDF") would not get.

    ``fit_pages`` also checks that each page file fills no more printed pages than it may (the
    publication's own PDFs; a card's PDF is checked for lost text only); with ``one_page_only``
    only covers and cards are, and a card that runs over is a warning (large print).
    """
    findings = [f for unit in laid.units if (f := _lost(pub, unit, what)) is not None]
    if fit_pages:
        findings.extend(_page_fit(pub, laid, what if one_page_only else ""))
    return findings


def _lost(pub: Publication, unit: Unit, what: str) -> Finding | None:
    medium = f"missing from the {what}"
    if unit.kind != "text":
        if unit.shown:
            return None
        thing = "picture" if unit.kind == "picture" else "space to write or draw"
        reason = next(iter(unit.hidden), "") or _why_missing(unit)
        return _finding(unit.src, 0, f"This {thing} {reason}: it would be {medium}.", pub)
    expected = unit.expected
    lost_at, lost_text = _first_loss(expected, "".join(unit.visible))
    if lost_at < 0:
        return None
    line_offset = expected[:lost_at].count("\n")
    reason = _reason(unit, lost_text)
    quoted = _quote(expected[lost_at:])
    message = f"{reason}: '{quoted}' would be {medium}."
    return _finding(unit.src, line_offset, message, pub)


RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per place: the same loss in several PDFs becomes one finding that names
    them all, and a page that runs over because of lost text is reported once, as lost text."""
    lost = {f.location for f in findings if f.rule == "lost-text"}
    merged: dict[tuple[str, object], Finding] = {}
    kept: list[Finding] = []
    for finding in findings:
        if finding.rule == "page-fit" and finding.location in lost:
            continue
        if finding.rule not in ("lost-text", "page-fit"):
            kept.append(finding)
            continue
        key = (finding.rule, finding.location)
        first = merged.get(key)
        if first is None:
            merged[key] = finding
            kept.append(finding)
        elif RANK[finding.severity] > RANK[first.severity]:  # the more serious one is kept:
            kept[kept.index(first)] = merged[key] = finding  # a card that must fit in print
        elif finding.message != first.message and " missing from the " in finding.message:
            also = finding.message.rsplit(" missing from the ", 1)[1].rstrip(".")
            named = first.message.rsplit(" missing from the ", 1)[1].rstrip(".").split(" and the ")
            if also not in named:  # whole names: "print PDF" is not the "large print PDF"
                better = replace(first, message=first.message.rstrip(".") + f" and the {also}.")
                kept[kept.index(first)] = merged[key] = better
    return kept


def _why_missing(unit: Unit) -> str:
    return "has no room on the page" if not unit.pages else "cannot be seen"


def _reason(unit: Unit, lost: str) -> str:
    """The reason that covers most of the lost text, as the start of a sentence."""
    if not unit.hidden:
        return "There is no room for this text on the page"
    lost_key = lost.translate(IGNORED)
    best = max(
        unit.hidden.items(),
        key=lambda item: len(set(item[1].translate(IGNORED)) & set(lost_key)),
    )
    return f"This text {best[0]}"


def _first_loss(expected: str, visible: str) -> tuple[int, str]:
    """Where the first character of ``expected`` that is not visible stands (-1 if none), and
    all the lost characters. Spaces and hyphenation are ignored."""
    keep = [i for i, char in enumerate(expected) if char.translate(IGNORED)]
    wanted = "".join(expected[i] for i in keep).casefold()
    seen = visible.translate(IGNORED).casefold()
    if not wanted:
        return -1, ""
    matcher = difflib.SequenceMatcher(None, wanted, seen, autojunk=False)
    covered = [False] * len(wanted)
    for block in matcher.get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            covered[i] = True
    missing = [i for i, ok in enumerate(covered) if not ok]
    if not missing:
        return -1, ""
    return keep[missing[0]], "".join(wanted[i] for i in missing)


def _quote(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _finding(src: str, line_offset: int, message: str, pub: Publication) -> Finding:
    path, _, line = src.rpartition(":")
    where = Location(path, int(line) + line_offset if line.isdigit() else 1, 1)
    is_cover = any(p.kind == "cover" and p.display_path == path for p in pub.pages)
    fix = (
        "The cover has room for a title, a subtitle and about 3 short rows: move the rest to "
        "the next page."
        if is_cover
        else "Make the page shorter (fewer or shorter rows, smaller spaces to write), or move "
        "some of it to a new page file."
    )
    return Finding(where, Severity.ERROR, "lost-text", message, fix)


def _page_fit(pub: Publication, laid: LaidOut, one_page_in: str = "") -> list[Finding]:
    """Page files on more pages than they may have; ``one_page_in`` names a PDF (the large print
    one) in which only covers and cards must keep to one page, as a warning."""
    findings: list[Finding] = []
    for page in pub.pages:
        kind = kind_of(page)  # a cover or a card on two pages is wrong for any audience
        severity = Severity.ERROR if kind.one_page else pub.audience.page_fit
        if one_page_in:
            if not kind.one_page:
                continue
            severity = Severity.WARNING
        printed = sorted(laid.sections.get(page.display_path, []))
        allowed = int(page.meta.get("pages") or kind.pages)
        if len(printed) <= allowed:
            continue
        last_allowed = printed[allowed - 1]
        own = [u for u in laid.units if u.page_file == page.display_path and u.pages]
        moved = next((u for u in own if min(u.pages) > last_allowed), None) or next(
            (u for u in own if max(u.pages) > last_allowed and len(set(u.pages)) > 1), None
        )  # the first unit that moved, or failing that the first that runs over; when neither
        # (what pressroom adds, like the credits' statements, ran over) the page as a whole
        where = page.location
        if moved is not None:
            path, _, line = moved.src.rpartition(":")
            where = Location(path, int(line), 1)
        extent = len(printed)
        pages_word = f"printed page{'s' if allowed > 1 else ''}"
        fix = (
            "Make the page shorter or split it into two page files. If it is meant to be "
            f"longer, add 'pages: {extent}' to its front matter."
        )
        if one_page_in:
            pages_word = f"page{'s' if allowed > 1 else ''} of the {one_page_in}"
            fix = "A reader keeps it as one sheet: make it shorter, so that its large type fits."
        findings.append(
            Finding(
                where,
                severity,
                "page-fit",
                f"'{page.title or page.name}' does not fit on {allowed} {pages_word}: "
                f"from here it runs onto {extent - allowed} more.",
                fix,
            )
        )
    return findings
