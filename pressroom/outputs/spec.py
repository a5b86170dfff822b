"""What an output is, for the registry (:mod:`registry`): its name, the files it makes, what it is
made from, its purpose on the job sheet and how the web page offers it.

An output module defines one :class:`OutputSpec` and a ``make`` function that takes a
:class:`Work` (the render context and the laid-out document it needs) and returns its files by
path relative to ``output/<slug>/``. Findings go into ``work.findings``; nothing is written here.
"""

from __future__ import annotations

import fnmatch
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pikepdf

from ..model import Finding, Publication
from ..render.pdfjob import RenderContext
from .printing.plan import Span

Needs = Literal["model", "layout", "other outputs"]
"""What an output is made from, which decides where it is made:

* ``model``: the checked publication only (with the layout's templates and words); made in the
  screen half of a build (cards, large print and the audio script lay out or write their own);
* ``layout``: the publication's one layout, written twice: the print PDF finished for press
  (``work.printed``, ``work.spans``, ``work.leaves``) and the digital PDF (``work.digital``);
  the press half;
* ``other outputs``: the files of the outputs registered before it (``work.made``); made after
  both halves, in the main process (the job sheet, the web folder).
"""

NEEDS: tuple[Needs, ...] = ("model", "layout", "other outputs")

Files = dict[str, bytes | Path]
Label = Callable[[Publication, Mapping[str, Any]], str]
"""A download's link text, from the publication and its layout's words (``words.yml``)."""
PageFiles = Callable[[Publication, Mapping[str, Any]], Mapping[str, tuple[str, str]]]
"""For outputs offered page by page (cards): page id → (file name, link text)."""


@dataclass
class Work:
    """What an output's ``make`` gets: the render context, where findings go, and the layout or
    other outputs it needs (see :data:`Needs`); the rest is empty."""

    context: RenderContext
    findings: list[Finding]
    digital: bytes | None = None
    """The digital PDF: the same layout written as tagged PDF/UA-1 in sRGB."""
    printed: bytes | None = None
    """The print PDF as laid out and finished for press (before tidying)."""
    spans: Sequence[Span] = ()
    leaves: Sequence[tuple[int, int]] = ()
    page_starts: Mapping[int, str] = field(default_factory=dict)
    """Each printed page → the first source line on it (from the print layout)."""
    made: Sequence[tuple[OutputSpec, Mapping[str, bytes | Path]]] = ()
    """The outputs made before this one, in registry order, with their files."""

    @property
    def pub(self) -> Publication:
        """The checked publication."""
        return self.context.pub


@dataclass(frozen=True)
class OutputSpec:
    """One registered output."""

    name: str
    """A short id, as the job sheet and the tests call it ("print-pdf")."""
    files: tuple[str, ...]
    """Every file it makes, as patterns relative to ``output/<slug>/``: ``{slug}`` is the
    publication's name and ``*`` any characters (``cards/*.pdf``)."""
    needs: Needs
    make: Callable[[Work], Files]
    purpose: str = ""
    """What it is for, on the job sheet; without one it is not listed there."""
    download: Label | None = None
    """Its link text in the web page's downloads list; without one it is not listed."""
    file_labels: Mapping[str, Label] = field(default_factory=dict)
    """Link texts for some of its files, by their ending (``".txt"``), where two files of one
    output are for different people and must not share a link text."""
    for_makers: tuple[str, ...] = ()
    """Endings of its files that are for people who make copies (a print shop, a person
    recording the audio, a braille transcriber checking the braille) rather than for readers:
    the web page offers them in a list of their own, folded away under the readers' list."""
    page_files: PageFiles | None = None
    """Pages that offer one of its files beside them on the web page (tear-out cards)."""
    count: Callable[[bytes], str] | None = None
    """How much is in one of its files, for a download link ("23 tracks"); a PDF's pages when
    not given."""

    def label(self, name: str) -> Label | None:
        """The link text maker for one of its files."""
        return next(
            (made for end, made in self.file_labels.items() if name.endswith(end)), self.download
        )

    def is_for_makers(self, name: str) -> bool:
        """Whether one of its files is for people who make copies, not for readers."""
        return any(name.endswith(end) for end in self.for_makers)

    def patterns(self, slug: str) -> list[str]:
        """Its file patterns for one publication."""
        return [pattern.replace("{slug}", slug) for pattern in self.files]

    def owns(self, slug: str, name: str) -> bool:
        """Whether ``name`` (relative to ``output/<slug>/``) is one of its files."""
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in self.patterns(slug))

    @property
    def on_web(self) -> bool:
        """Whether the web folder offers its files (in ``web/downloads/``)."""
        return self.download is not None or self.page_files is not None


def words_label(key: str) -> Label:
    """A download label that is the ``key`` entry of the layout's words."""

    def label(pub: Publication, words: Mapping[str, Any]) -> str:
        return str(words[key])

    return label


def as_bytes(data: bytes | Path) -> bytes:
    """A file's contents, whether made in memory or named on disk (the web's pictures)."""
    return data if isinstance(data, bytes) else data.read_bytes()


def file_info(
    name: str, data: bytes, count: Callable[[bytes], str] | None = None
) -> dict[str, str]:
    """What a link to a file says about it: its kind, how much is in it (a PDF's pages unless
    ``count`` says) and its size."""
    kind = KINDS.get(Path(name).suffix.lower(), Path(name).suffix.lstrip(".").upper())
    pages = count(data) if count is not None else ""
    if count is None and name.endswith(".pdf"):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            number = len(pdf.pages)
        pages = f"{number} page" if number == 1 else f"{number} pages"
    return {"kind": kind, "pages": pages, "size": file_size(len(data))}


KINDS = {".pdf": "PDF", ".html": "web page", ".txt": "text", ".json": "JSON"}


def file_size(size: int) -> str:
    """A size in words for a link ("14 KB", "1.2 MB")."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"
