"""The data model every stage shares: publications, pages, blocks and findings.

Everything here is a frozen dataclass so that checks and rendering can be pure functions of the
model. This module imports nothing from the rest of the package.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Severity(enum.Enum):
    """How much a finding matters. Errors stop a build; warnings only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Sort key: errors first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file. ``line`` and ``col`` count from 1; 0 means "the whole file"."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Finding:
    """One thing an editor should know about, tied to a place in the sources."""

    location: Location
    severity: Severity
    rule: str
    message: str
    fix: str = ""

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        """Order by file, then position, then severity, then rule."""
        loc = self.location
        return (loc.path, loc.line, loc.col, self.severity.rank, self.rule, self.message)

    def as_line(self) -> str:
        """The one-line form editors read: ``path:line:col: severity[rule]: message — fix``."""
        text = f"{self.location}: {self.severity.value}[{self.rule}]: {self.message}"
        return f"{text} — {self.fix}" if self.fix else text

    def as_dict(self) -> dict[str, Any]:
        """The stable ``report.json`` schema."""
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.col,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass(frozen=True)
class Span:
    """A piece of a block's inline text as markdown-it read it, with where it is written.

    Leaves hold what is printed, in reading order: ``text`` and ``code`` (words), ``break`` (a
    line break, ``text`` is a newline), ``html`` (raw HTML, printed as it is written) and
    ``picture`` (``text`` is its alt text, ``target`` its name). Styles mark the leaves that
    follow them up to ``end``: ``bold``, ``italic`` and ``link`` (``target`` is its address);
    their ``text`` is the printed text they cover and ``mark`` the opening mark (``**``, ``_``,
    ``[``, ``<``). ``line`` and ``col`` (from 1) are where the span starts in the file: the first
    printed character of a leaf, the opening mark of a style or picture. Character ``i`` of a
    ``literal`` leaf is written at ``col + i``; an entity (``&amp;``) is not literal, and all its
    characters are placed at ``col``. ``end`` is the (line, col) just after the span's source.
    """

    kind: str
    text: str
    line: int
    col: int
    end: tuple[int, int] = (0, 0)
    target: str = ""
    mark: str = ""
    literal: bool = True

    def covers(self, line: int, col: int) -> bool:
        """Whether the source position lies inside this span's source (marks included)."""
        return (self.line, self.col) <= (line, col) < self.end


def printed(spans: Iterable[Span]) -> str:
    """The text the leaves of ``spans`` print, line breaks included (styles and pictures add
    nothing of their own)."""
    return "".join(s.text for s in spans if s.kind in ("text", "code", "html", "break"))


def plain_span(text: str, line: int, col: int) -> Span:
    """A span of plain text on one line (a title, a generated text), written as it is."""
    return Span("text", text, line, col, (line, col + len(text)))


@dataclass(frozen=True)
class Picture:
    """A picture as the content names it (``![alt](name)``), resolved by :mod:`source.pictures`."""

    ref: str
    alt: str
    location: Location


@dataclass(frozen=True)
class PictureFile:
    """A picture reference resolved to a file, with whom to credit."""

    ref: str
    path: Path
    source: str  # "project" or "openmoji"
    credit: str
    licence: str


@dataclass(frozen=True)
class Block:
    """A block of a page as the checks see it.

    ``kind`` is one of: heading, paragraph, row, list-item, quote, activity, html. ``spans`` hold
    its inline text as printed, with source positions (see :class:`Span`); a row's picture is
    its first span.
    """

    kind: str
    location: Location
    spans: tuple[Span, ...] = ()
    level: int = 0

    @property
    def pictures(self) -> tuple[Picture, ...]:
        """The pictures of the block, each where its ``![`` is written."""
        path = self.location.path
        return tuple(
            Picture(s.target, s.text, Location(path, s.line, s.col))
            for s in self.spans
            if s.kind == "picture"
        )


@dataclass(frozen=True)
class Link:
    """A link target written in the content."""

    target: str
    location: Location


@dataclass(frozen=True)
class Allow:
    """A ``<!-- allow rule-id: reason -->`` marker: one rule switched off for one line."""

    rule: str
    reason: str
    location: Location
    target_line: int


@dataclass(frozen=True)
class Page:
    """One ``NNN-name.md`` file: front matter plus parsed body."""

    path: Path
    rel: str
    number: int
    name: str
    kind: str
    title: str
    meta: dict[str, Any]
    body: str
    body_line: int
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    tokens: tuple[Any, ...] = ()
    allows: tuple[Allow, ...] = ()

    @property
    def location(self) -> Location:
        """The top of the page file."""
        return Location(self.rel, 1, 1)


@dataclass(frozen=True)
class Term:
    """A glossary entry ("words to know")."""

    word: str
    meaning: str
    location: Location
    picture: str = ""
    forms: tuple[str, ...] = ()
    picture_alt: str = ""


@dataclass(frozen=True)
class PageReview:
    """What one panel session said about one page (``co-production.yml``)."""

    page: str
    location: Location
    fingerprint: str = ""
    understood: int | None = None
    some: int | None = None
    not_understood: int | None = None
    said: str = ""
    changed: str = ""


@dataclass(frozen=True)
class Session:
    """One panel session: when, which group, how many readers, and what they said per page."""

    date: Any
    group: str
    readers: int
    location: Location
    facilitator: str = ""
    pages: tuple[PageReview, ...] = ()


PAGE_SIZES_MM: dict[str, tuple[float, float]] = {"A5": (148.0, 210.0), "A4": (210.0, 297.0)}
"""Trim sizes (width, height) in millimetres: the only table of page sizes."""


@dataclass(frozen=True)
class PageGeometry:
    """A publication's page geometry in one place: the trim size and the bleed around it."""

    size: str
    bleed_mm: float

    @property
    def trim_mm(self) -> tuple[float, float]:
        """(width, height) of the trimmed page."""
        return PAGE_SIZES_MM[self.size]

    def media_mm(self, with_bleed: bool) -> tuple[float, float]:
        """(width, height) of the sheet: the trim plus the bleed on every side when asked."""
        width, height = self.trim_mm
        extra = 2 * self.bleed_mm if with_bleed else 0.0
        return width + extra, height + extra


@dataclass(frozen=True)
class CoProductionSettings:
    """``co_production:`` in ``publication.yml``: who made and checked it, and its sign-off."""

    made_with: tuple[str, ...]
    checked_by: tuple[str, ...]
    status: str
    signed_off_by: str
    signed_off_on: Any
    notes: str


@dataclass(frozen=True)
class ContactSettings:
    """``contact:``: how readers reach the publisher (also for other formats)."""

    organisation: str
    email: str
    phone: str
    address: str
    website: str


@dataclass(frozen=True)
class PrintSettings:
    """``print:``: what the print shop is told and how the print PDF is finished."""

    bleed_mm: float
    binding: str
    crop_marks: bool
    paper: str
    quantity: str
    proofs: str
    icc_profile: str
    output_condition: str


@dataclass(frozen=True)
class WebSettings:
    """``web:``: how the CMS fragment fits its host page."""

    fragment_heading_shift: int
    fragment_cover_title: bool


@dataclass(frozen=True)
class Settings:
    """``publication.yml`` once validated: every key present, defaults filled in, typed.

    Built from the schema in :mod:`pressroom.source.config` (a field per ``Field``, same names);
    ``checks`` stays a mapping because its keys are rule ids.
    """

    title: str
    subtitle: str
    profile: str
    lang: str
    page_size: str
    format: str
    version: str
    date: Any
    review_date: Any
    description: str
    co_production: CoProductionSettings
    contact: ContactSettings
    print: PrintSettings
    web: WebSettings
    checks: dict[str, Any]
    our_words: tuple[str, ...]

    @property
    def geometry(self) -> PageGeometry:
        """The page size and bleed, for every output that lays out pages."""
        return PageGeometry(self.page_size, float(self.print.bleed_mm))


@dataclass(frozen=True)
class Audience:
    """An audience profile, read from ``profiles/<name>.yml``: the rules its texts follow and
    every behaviour that differs between audiences (nothing in the code names a profile)."""

    name: str
    label: str
    """How messages name the audience: "easy read", "the young people's magazine"."""
    about: str
    """What ``python build.py new --profile <name>`` makes, for the help text."""
    short: str
    """The column heading of the README's rules table ("ER")."""
    noun: str
    """What pressroom's own words call a publication ("booklet") unless it sets ``format``."""
    line_breaks: bool
    """Each source line is printed as a line of its own, and checked as one."""
    fillers: tuple[str, ...]
    """The spare page kinds that pad the printed pages, in turn."""
    page_multiple: int
    """The printed page count is a multiple of this (4 for saddle stitching)."""
    binding: str
    """How the print is bound, unless publication.yml says otherwise."""
    page_fit: Severity
    """How serious a page file that does not fit its printed page is."""
    scaffold: Path
    """The starter publication that ``new --profile <name>`` copies."""
    rules: Mapping[str, Mapping[str, Any]]
    """Each rule that runs, with its settings (thresholds, ``severity``)."""
    path: str = ""
    """The profile file, as editors see it (``profiles/easy-read.yml``)."""
    rule_lines: Mapping[str, int] = field(default_factory=dict)
    """The line of each rule in the profile file."""

    @property
    def row_pictures(self) -> bool:
        """Each row of text has a picture beside it (the profile runs ``row-picture``)."""
        return "row-picture" in self.rules


@dataclass(frozen=True)
class Publication:
    """A loaded publication: settings, pages in order, glossary."""

    slug: str
    root: Path
    rel: str
    config: dict[str, Any]
    """``publication.yml`` as validated, for the checks that walk every value (placeholders)."""
    config_lines: dict[str, int]
    settings: Settings
    """The same settings, typed: what every stage reads."""
    pages: tuple[Page, ...]
    audience: Audience
    """The profile it is written for (``profile:`` in publication.yml)."""
    glossary: tuple[Term, ...] = ()
    pictures: dict[str, PictureFile] = field(default_factory=dict)
    sources: tuple[tuple[str, str], ...] = ()
    """The folder's files as they were loaded: (path, SHA-256 of the bytes read, or "" for a
    file that was not read). Outputs and caches are keyed on this, never on a second read."""
    sessions: tuple[Session, ...] = ()
    """The readers' panel sessions recorded in ``co-production.yml``, oldest first."""
    fingerprints: dict[str, str] = field(default_factory=dict)
    """Each page's fingerprint (its source and pictures as they are now), by page name."""

    @property
    def profile(self) -> str:
        """The name of its profile (a file ``profiles/<name>.yml``)."""
        return self.settings.profile

    def config_location(self, dotted_key: str = "") -> Location:
        """Where a key of ``publication.yml`` is written (the file top if unknown)."""
        line = self.config_lines.get(dotted_key, 1)
        return Location(f"{self.rel}/publication.yml", line, 1)


@dataclass(frozen=True)
class LoadResult:
    """What loading gives: the publications that loaded, and every finding on the way."""

    publications: tuple[Publication, ...]
    findings: tuple[Finding, ...] = field(default=())
