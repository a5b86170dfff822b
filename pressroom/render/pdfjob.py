"""Turning one publication into PDFs: what its renders share, and one PDF from HTML.

:class:`RenderContext` holds what every render of a publication shares (layout, colour profile,
confined URL fetcher, base URL). :func:`make_pdf` renders the HTML for a mode, lays it out with
WeasyPrint, checks the layout against the sources (:mod:`checks._fit`: lost text, page fit),
tightens a crowded cover, and finishes a tagged PDF (:mod:`outputs.tagged_pdf`); or keeps the
layout, which :func:`write_both` writes as the print PDF and as the tagged digital PDF
(:mod:`twowrites`). Modes: ``print`` (PDF/X-4; both PDFs of a publication), ``digital`` (cards)
and ``large-print`` (tagged PDF/UA-1: :data:`TAGGED`; large print reads its own stylesheet list,
``large-print`` in ``layout.yml``). :func:`refusals` turns what the fetcher refused into
findings at the layout line that asked for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..checks import _fit as fit
from ..checks import _laidout as laidout
from ..model import Finding, Location, Page, Publication, Severity
from ..outputs import tagged_pdf
from ..outputs.printing import colour, plan
from ..source.pictures import openmoji_folder
from . import html as render
from . import pdf, twowrites
from .layout import Layout, page_geometry_css
from .profile import stage


@dataclass(frozen=True)
class Project:
    """The folders rendering may read from."""

    root: Path

    @property
    def layouts(self) -> Path:
        """The layouts folder."""
        return self.root / "layouts"

    def display_path(self, path: Path) -> str:
        """A path relative to the project, for messages."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class RenderContext:
    """What all of a publication's renders share: layout, fetcher, base URL, profile."""

    project: Project
    pub: Publication
    layout: Layout
    icc: colour.Profile
    """The press colour profile (an ICC file) the print PDF is converted to."""
    emit_html: bool = False
    log: pdf.FetchLog = field(default_factory=pdf.FetchLog)
    debug: dict[str, bytes] = field(default_factory=dict)
    cover_fit: int = 0  # how far the cover has been tightened to fit (see make_pdf)

    def __post_init__(self) -> None:
        roots = [self.project.root, self.layout.font.regular.parent, self.icc.path.parent]
        library = openmoji_folder()
        if library is not None:
            roots.append(library)
        self.fetcher = pdf.make_fetcher(roots, self.log)
        self.base_url = self.project.root.as_uri() + "/"


def make_pdf(
    context: RenderContext,
    mode: str,
    pictures: dict[str, str],
    fillers: plan.Fillers | None = None,
    pages: tuple[Page, ...] | None = None,
    standalone: str = "",
    keep: bool = False,
    one_page_only: bool = False,
) -> pdf.RenderedPdf:
    """Lay out and write one PDF, then check the layout against the sources (:mod:`checks._fit`).

    A crowded cover is tightened (smaller pictures and gaps, never smaller row text) up to
    ``COVER_FIT_STEPS`` times before what still does not fit is reported as lost text. With
    ``keep`` nothing is written: the layout comes back, for :func:`write_both`. Page fit is
    checked for a whole publication's PDF; ``one_page_only`` checks it for covers and cards only
    (the large print PDF, where other page files take the pages they need).
    """
    pub = context.pub if pages is None else replace(context.pub, pages=pages)
    marks = fit.marks(pub)
    what = f"card PDF '{standalone}'" if standalone else f"{mode.replace('-', ' ')} PDF"
    if keep:  # one layout, written as both PDFs: what it loses, both lose
        what = "print PDF and the digital PDF"
    while True:
        with stage("make PDF", "card PDF" if standalone else f"{mode} PDF"):
            result = _layout(context, pub, mode, pictures, fillers, pages, standalone, marks, keep)
            with stage("lost-text check"):
                found = fit.check_layout(pub, result.inspected, what, pages is None, one_page_only)
        cover = next((p.display_path for p in pub.pages if p.kind == "cover"), None)
        crowded = any(f.location.path == cover for f in found)
        if not crowded or context.cover_fit >= COVER_FIT_STEPS:
            starts = laidout.page_starts(result.inspected)
            findings = result.findings + tuple(found)
            return replace(result, findings=findings, inspected=None, page_starts=starts)
        context.cover_fit += 1


COVER_FIT_STEPS = 2


def _layout(
    context: RenderContext,
    pub: Publication,
    mode: str,
    pictures: dict[str, str],
    fillers: plan.Fillers | None,
    pages: tuple[Page, ...] | None,
    standalone: str,
    marks: fit.Marks,
    keep: bool = False,
) -> pdf.RenderedPdf:
    with stage("render HTML"):
        html = render.render_html(
            pub,
            context.layout,
            mode,
            pictures,
            fillers=fillers or {},
            standalone=standalone,
            cover_fit=context.cover_fit,
        )
    sheets, profiles = _stylesheets(context, mode)
    if context.emit_html and pages is None:
        _keep_debug_copy(context, mode, html, sheets)
    result = pdf.html_to_pdf(
        html,
        context.base_url,
        sheets,
        context.fetcher,
        context.pub.config_location(),
        f"{mode.replace('-', ' ')} PDF",
        {**_options(mode), "pdf_forms": True} if keep else _options(mode),
        _picture_locator(context.pub),
        profiles,
        inspect=lambda document: laidout.read_document(document, marks.sections, marks.units),
        write=not keep,
    )
    sheet_findings = tuple(f for sheet in sheets for f in sheet.findings)
    with stage("tagged-PDF fixing"):
        data = tagged_pdf.finish_tagged_pdf(result.data) if mode in TAGGED else result.data
    return replace(result, data=data, findings=sheet_findings + result.findings)


def write_both(
    context: RenderContext, laid: pdf.RenderedPdf, fillers: set[int], pictures: dict[str, str]
) -> tuple[bytes, bytes, tuple[Finding, ...]]:
    """The print PDF and the digital PDF, both written from one print layout (``laid``).

    ``fillers`` are the (0-based) filler pages the digital PDF leaves out; ``pictures`` the
    CMYK picture URLs the layout used. See :mod:`twowrites` for what differs between the two.
    """
    document, where = laid.document, context.pub.config_location()
    printed, found = pdf.write_document(
        document, twowrites.print_pages(document), _options("print"), where, "print PDF"
    )
    files = render.file_pictures(context.pub)
    sources = {url: files[ref.removeprefix("colouring:")] for ref, url in pictures.items()}
    pages = twowrites.digital_pages(document, fillers)
    table = twowrites.screen_colours(context.layout)
    with (
        twowrites.drawn_in_screen_colours(table),
        twowrites.pictures_from_files(pages, sources, _image_loader(context)),
        twowrites.without_print_only(pages),
    ):
        digital, more = pdf.write_document(
            document, pages, _options("digital"), where, "digital PDF", color_profiles={}
        )
    numbers = [n + 1 for n in range(len(document.pages)) if n not in fillers]
    digital = twowrites.with_page_labels(digital, twowrites.page_labels(numbers))
    with stage("tagged-PDF fixing", "digital PDF"):  # after the labels: links name printed pages
        digital = tagged_pdf.finish_tagged_pdf(digital)
    return printed, digital, found + more


def _image_loader(context: RenderContext) -> Any:
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.images import get_image_from_uri

    cache: dict[str, Any] = {}
    options = dict(DEFAULT_OPTIONS)
    fetcher = context.fetcher
    return lambda url, layout: get_image_from_uri(cache, fetcher, options, url, context=layout)


def _keep_debug_copy(
    context: RenderContext, mode: str, html: str, sheets: list[pdf.Stylesheet]
) -> None:
    """``debug/<mode>.html`` and ``debug/<mode>.css``: what WeasyPrint was given (last layout)."""
    css = "\n".join(f"/* {s.source} */\n{s.text}" for s in sheets)
    link = f'<link rel="stylesheet" href="{mode}.css">\n</head>'
    context.debug[f"debug/{mode}.html"] = html.replace("</head>", link, 1).encode("utf-8")
    context.debug[f"debug/{mode}.css"] = css.encode("utf-8")


TAGGED = ("digital", "large-print")  # the modes that make a tagged PDF/UA-1


def _options(mode: str) -> dict[str, Any]:
    if mode in TAGGED:  # large print is for paper first: its spaces to write are lines, not fields
        return {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_forms": mode == "digital"}
    return {"pdf_variant": "pdf/x-4"}


def _stylesheets(context: RenderContext, mode: str) -> tuple[list[pdf.Stylesheet], dict[str, Any]]:
    profiles: dict[str, Any] = {}
    layout, pub = context.layout, context.pub
    colour_mode = "print" if mode == "print" else "screen"
    generated = layout.colour_css(colour_mode) + page_geometry_css(pub.settings.geometry, mode)
    if mode == "print":
        generated = (
            "@color-profile device-cmyk { components: cyan, magenta, yellow, black; "
            f'src: url("{context.icc.path.as_uri()}"); }}\n' + generated
        )
    parse, fetcher = pdf.parse_stylesheet, context.fetcher
    sheets = [parse(generated, "layouts/generated.css", context.base_url, fetcher, profiles)]
    for name in layout.stylesheets["large-print" if mode == "large-print" else "pdf"]:
        path = layout.find(name)
        if path is None:
            continue
        text = path.read_text(encoding="utf-8")
        sheets.append(
            parse(text, context.project.display_path(path), path.as_uri(), fetcher, profiles)
        )
    return sheets, profiles


def _picture_locator(pub: Publication) -> pdf.Locator:
    """Map a picture's file URL back to the first place the content uses it."""
    places: dict[str, Location] = {}
    for page in pub.pages:
        for block in page.blocks:
            for pic in block.pictures:
                resolved = pub.pictures.get(pic.ref)
                if resolved is not None:
                    places.setdefault(resolved.path.as_uri(), pic.location)
        if page.meta.get("picture") in pub.pictures:
            places.setdefault(pub.pictures[page.meta["picture"]].path.as_uri(), page.location)
    for term in pub.glossary:
        if term.picture in pub.pictures:
            places.setdefault(pub.pictures[term.picture].path.as_uri(), term.location)
    return places.get


def refusals(context: RenderContext) -> list[Finding]:
    """One finding per refused URL, placed where a layout file names it."""
    seen: set[str] = set()
    findings: list[Finding] = []
    for url, reason in context.log.refused:
        if url in seen:
            continue
        seen.add(url)
        findings.append(
            Finding(
                _find_in_layout(context, url),
                Severity.ERROR,
                "unsafe-reference",
                f"The layout asked for '{url[:120]}', which was not read because {reason}.",
                "Layouts may only use files inside the project.",
            )
        )
    return findings


def _find_in_layout(context: RenderContext, url: str) -> Location:
    needle = url.split("://", 1)[-1]
    for folder in context.layout.folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".css", ".j2") or not path.is_file():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                col = line.find(needle)
                if col >= 0:
                    start = line.rfind("url(", 0, col)
                    column = (start if start >= 0 else col) + 1
                    return Location(context.project.display_path(path), number, column)
    return Location(context.project.display_path(context.layout.folders[0]), 0, 0)
