"""Settings as typed values: ``publication.yml`` once validated, the page geometry, and an
audience profile (``profiles/<name>.yml``). Built by :mod:`pressroom.source.config` and
:mod:`pressroom.source.profiles`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .findings import Severity

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
