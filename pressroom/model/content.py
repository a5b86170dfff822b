"""The content of a publication as loaded: pages, blocks with their inline spans, pictures,
glossary terms, the panel record, and the publication itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .findings import Finding, Location
from .settings import Audience, Settings


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
    display_path: str
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
        return Location(self.display_path, 1, 1)


@dataclass(frozen=True)
class Term:
    """A glossary entry ("words to know")."""

    word: str
    meaning: str
    location: Location
    picture: str = ""
    forms: tuple[str, ...] = ()
    picture_alt: str = ""
    say: str = ""
    """How to say the word, for the person recording the audio version."""


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
class PanelSession:
    """One panel session: when, which group, how many readers, and what they said per page."""

    date: Any
    group: str
    readers: int
    location: Location
    facilitator: str = ""
    pages: tuple[PageReview, ...] = ()


@dataclass(frozen=True)
class Publication:
    """A loaded publication: settings, pages in order, glossary."""

    slug: str
    root: Path
    display_path: str
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
    sessions: tuple[PanelSession, ...] = ()
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
        return Location(f"{self.display_path}/publication.yml", line, 1)


@dataclass(frozen=True)
class LoadResult:
    """What loading gives: the publications that loaded, and every finding on the way."""

    publications: tuple[Publication, ...]
    findings: tuple[Finding, ...] = field(default=())
