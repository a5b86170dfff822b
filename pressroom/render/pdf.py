"""Every call into WeasyPrint: the safe URL fetcher, log capture, and HTML → PDF.

WeasyPrint is untyped and logs instead of raising, so this module wraps it: the fetcher serves only
files inside the allowed folders (the project and the picture library) and ``data:`` URLs, and
records what it refused; log records are captured per stylesheet and per render and returned as
findings. A parsed stylesheet is kept for the other renders of the same process (see
:func:`parse_stylesheet`).
"""

from __future__ import annotations

import logging
import mimetypes
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..model import Finding, Location, Severity
from .profile import stage, watch_weasyprint

MAX_FETCH_BYTES = 16 * 1024 * 1024
WEASYPRINT_SECONDS = [0.0]  # time spent inside WeasyPrint in this process, for --timings
CSS_POSITION_RE = re.compile(r" at (\d+):(\d+)")


@dataclass
class FetchLog:
    """What the fetcher refused during one render."""

    refused: list[tuple[str, str]] = field(default_factory=list)


def make_fetcher(allowed_roots: Sequence[Path], log: FetchLog) -> Any:
    """A WeasyPrint URL fetcher that reads only files under ``allowed_roots`` and data: URLs."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = [root.resolve() for root in allowed_roots]

    class SafeFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                return self._refuse(url, "it is not a file inside the project")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in roots):
                return self._refuse(url, "it is outside the project")
            if not path.is_file() or path.stat().st_size > MAX_FETCH_BYTES:
                return self._refuse(url, "the file is missing or too large")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), headers={"Content-Type": kind}
            )

        def _refuse(self, url: str, reason: str) -> Any:
            log.refused.append((url, reason))
            raise ValueError(f"pressroom refused to fetch {url}: {reason}")

    fetcher = SafeFetcher(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=1)
    fetcher.roots = tuple(roots)  # what it may read: part of a kept stylesheet's key
    return fetcher


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def captured_logs() -> Iterator[list[logging.LogRecord]]:
    """Collect WeasyPrint's warnings and errors instead of letting them reach the terminal."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    old_propagate = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector.records
    finally:
        logger.removeHandler(collector)
        logger.propagate = old_propagate


URL_RE = re.compile(r'"(file:[^"]+|data:[^"]{0,40})')
Locator = Callable[[str], "Location | None"]


def records_to_findings(
    records: Sequence[logging.LogRecord], where: Location, what: str, locate: Locator | None = None
) -> list[Finding]:
    """Turn WeasyPrint log records into findings.

    A message that names a file URL is placed where the content uses that file (``locate``);
    a CSS message keeps its line and column; anything else goes to ``where``.
    """
    findings: list[Finding] = []
    for record in records:
        message = record.getMessage().strip()
        if "pressroom refused" in message:
            continue
        loc = where
        url = URL_RE.search(message)
        if url and locate is not None:
            loc = locate(url[1]) or where
        match = CSS_POSITION_RE.search(message)
        if match and where.path.endswith(".css"):
            loc = Location(where.path, int(match[1]), int(match[2]))
        severity = Severity.ERROR if record.levelno >= logging.ERROR else Severity.WARNING
        findings.append(
            Finding(
                loc,
                severity,
                "weasyprint",
                f"While making the {what}, WeasyPrint said: {message}",
                "Check the layout or the content near this place.",
            )
        )
    return findings


@dataclass(frozen=True)
class Stylesheet:
    """A parsed stylesheet and the findings from parsing it."""

    css: Any
    findings: tuple[Finding, ...]
    source: str = ""
    text: str = ""


_PARSED: dict[tuple[str, str, tuple[Path, ...]], Stylesheet] = {}
_PARSED_MOST = 48  # a publication has about 6 stylesheets per mode; a build renders 5 modes
_READS_FILES = ("@import", "@color-profile")  # rules WeasyPrint fetches for as it parses


def parse_stylesheet(
    text: str, rel: str, base_url: str, fetcher: Any, color_profiles: dict[str, Any] | None = None
) -> Stylesheet:
    """Parse CSS, turning WeasyPrint's complaints into findings at their line and column.

    ``@color-profile`` rules are collected into ``color_profiles`` for the render.

    A render process lays out the print, digital, large print, card and notes pages with the same
    few stylesheets, so each parse is kept, by its text, where it is, and what the fetcher may
    read (WeasyPrint only reads a parsed stylesheet: its rules are matched, never changed), and
    the next render gets it with its findings. A stylesheet with ``@import`` or
    ``@color-profile`` reads another file as it is parsed, which may have changed since: it is
    parsed every time.
    """
    from weasyprint import CSS

    key = (text, base_url, tuple(getattr(fetcher, "roots", ())))
    keep = bool(key[2]) and not any(rule in text for rule in _READS_FILES)
    kept = _PARSED.get(key) if keep else None
    if kept is not None and kept.source == rel:
        return kept
    started = time.perf_counter()
    with captured_logs() as records, stage("WeasyPrint CSS"):
        css = CSS(
            string=text, base_url=base_url, url_fetcher=fetcher, color_profiles=color_profiles
        )
    WEASYPRINT_SECONDS[0] += time.perf_counter() - started
    findings = tuple(records_to_findings(records, Location(rel, 1, 1), "stylesheet"))
    parsed = Stylesheet(css, findings, rel, text)
    if keep:
        if len(_PARSED) >= _PARSED_MOST:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = parsed
    return parsed


@dataclass(frozen=True)
class RenderedPdf:
    """A finished PDF and what we learnt while making it."""

    data: bytes
    page_count: int
    anchor_pages: dict[str, int]
    findings: tuple[Finding, ...]
    inspected: Any = None  # what ``inspect`` made of the laid-out document
    document: Any = None  # the laid-out WeasyPrint ``Document``, when it is to be written later
    page_starts: dict[int, str] = field(default_factory=dict)
    """Each printed page → the source ("path:line") of the first unit of content that begins
    on it, so that other formats can show where the printed pages turn."""


def html_to_pdf(
    html: str,
    base_url: str,
    stylesheets: Sequence[Stylesheet],
    fetcher: Any,
    where: Location,
    what: str,
    options: dict[str, Any],
    locate: Locator | None = None,
    color_profiles: dict[str, Any] | None = None,
    inspect: Callable[[Any], Any] | None = None,
    write: bool = True,
) -> RenderedPdf:
    """Lay out ``html`` and write the PDF in memory.

    ``inspect`` is given the laid-out WeasyPrint ``Document`` (its pages and boxes) before it is
    written; what it returns comes back as ``inspected``. Without ``write`` no PDF is written:
    the ``Document`` comes back, to be written (more than once) with :func:`write_document`.
    """
    from weasyprint import HTML

    watch_weasyprint()
    started = time.perf_counter()
    with captured_logs() as records:
        with stage("WeasyPrint parse HTML"):
            parsed = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
        with stage("WeasyPrint render, rest"):
            document = parsed.render(
                stylesheets=[s.css for s in stylesheets],
                color_profiles=color_profiles or {},
                **options,
            )
        WEASYPRINT_SECONDS[0] += time.perf_counter() - started
        with stage("lost-text readback"):
            inspected = inspect(document) if inspect is not None else None
        started, data = time.perf_counter(), b""
        if write:
            with stage("WeasyPrint write"):
                data = document.write_pdf(**options)
    WEASYPRINT_SECONDS[0] += time.perf_counter() - started
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            anchors.setdefault(anchor, number)
    findings = tuple(records_to_findings(records, where, what, locate))
    kept = None if write else document
    return RenderedPdf(bytes(data), len(document.pages), anchors, findings, inspected, kept)


def write_document(
    document: Any,
    pages: list[Any],
    options: dict[str, Any],
    where: Location,
    what: str,
    color_profiles: dict[str, Any] | None = None,
) -> tuple[bytes, tuple[Finding, ...]]:
    """Write ``pages`` of a laid-out ``document`` as a PDF, with ``options`` for this file.

    ``color_profiles`` replaces the document's own (``{}`` for a PDF with no output intent).
    """
    started = time.perf_counter()
    profiles = document.color_profiles if color_profiles is None else color_profiles
    intent = document.output_intent if color_profiles is None else None
    one = type(document)(
        pages, document.metadata, document.url_fetcher, document.font_config, profiles, intent
    )
    with captured_logs() as records, stage("WeasyPrint write", what):
        data = bytes(one.write_pdf(**options))
    WEASYPRINT_SECONDS[0] += time.perf_counter() - started
    return data, tuple(records_to_findings(records, where, what))


def simple_pdf(html: str, base_url: str, fetcher: Any, what: str = "small PDF") -> bytes:
    """A small document with its own styles (job sheet, printing instructions), in memory.

    Its log messages are captured and dropped: such documents come from pressroom's own
    templates, and the tests keep those clean.
    """
    from weasyprint import HTML

    watch_weasyprint()
    started = time.perf_counter()
    with captured_logs(), stage("WeasyPrint parse, render and write", what):
        data = bytes(HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf())
    WEASYPRINT_SECONDS[0] += time.perf_counter() - started
    return data
