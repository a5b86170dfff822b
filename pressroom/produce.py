"""Making every output of one publication, in memory: the recipe behind ``output/<slug>/``.

1. the digital PDF (tagged PDF/UA-1, sRGB);
2. the print PDF: pictures converted to CMYK, a first layout to learn where pages fall, filler
   pages planned (tear-out leaves, a multiple of 4), the final layout as PDF/X-4, corrections
   with pikepdf, then preflight;
3. the finishing guide, the office booklet and the job sheet (JSON and PDF);
4. the web folder.

Nothing is written here; :mod:`write` puts the returned files in place.
"""

from __future__ import annotations

import base64
import io
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
import pikepdf

from . import fit, laidout, pdf, render, web
from .layout import PAGE_SIZES_MM, Layout, environment, load_layout, page_geometry_css
from .model import Finding, Location, Page, Publication, Severity
from .pictures import openmoji_folder
from .printing import booklet, colour, finishing, jobsheet, pdfx, plan, preflight
from .profiles import PROFILE_RULES


@dataclass
class Output:
    """Everything one publication produces: files by path relative to ``output/<slug>/``."""

    slug: str
    files: dict[str, bytes | Path] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    weasyprint_seconds: float = 0.0
    render_seconds: float = 0.0


@dataclass(frozen=True)
class Project:
    """The folders rendering may read from."""

    root: Path

    @property
    def layouts(self) -> Path:
        """The layouts folder."""
        return self.root / "layouts"

    def rel(self, path: Path) -> str:
        """A path relative to the project, for messages."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class Session:
    """What all of a publication's renders share: layout, fetcher, base URL, profile."""

    project: Project
    pub: Publication
    layout: Layout
    profile: colour.Profile
    emit_html: bool = False
    log: pdf.FetchLog = field(default_factory=pdf.FetchLog)
    debug: dict[str, bytes] = field(default_factory=dict)
    cover_fit: int = 0  # how far the cover has been tightened to fit (see _pdf)

    def __post_init__(self) -> None:
        roots = [self.project.root, self.layout.font.regular.parent, self.profile.path.parent]
        library = openmoji_folder()
        if library is not None:
            roots.append(library)
        self.fetcher = pdf.make_fetcher(roots, self.log)
        self.base_url = self.project.root.as_uri() + "/"


@dataclass
class Part:
    """Half of a publication's outputs, made in one process: ``screen`` (the accessible PDF,
    cards and worksheet) or ``press`` (the print PDF, finishing guide and office booklet)."""

    name: str
    files: dict[str, bytes] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    spans: list[plan.Span] = field(default_factory=list)
    leaves: list[tuple[int, int]] = field(default_factory=list)
    page_links: dict[str, dict[str, str]] = field(default_factory=dict)
    weasyprint_seconds: float = 0.0
    render_seconds: float = 0.0

    @property
    def failed(self) -> bool:
        """Whether an error stopped this part."""
        return any(f.severity is Severity.ERROR for f in self.findings)


PARTS = ("screen", "press")


def produce(project: Project, pub: Publication, emit_html: bool = False) -> Output:
    """Render every output of ``pub`` in this process; findings report what went wrong.

    With ``emit_html`` the exact HTML and CSS given to WeasyPrint for the print and digital PDFs
    are kept in ``debug/``, so that a designer can open them in a browser.
    """
    screen = produce_part(project, pub, "screen", emit_html)
    press = produce_part(project, pub, "press", emit_html, guess=screen.spans)
    return assemble(project, pub, [screen, press])


def produce_part(
    project: Project,
    pub: Publication,
    name: str,
    emit_html: bool = False,
    guess: list[plan.Span] | None = None,
) -> Part:
    """One part of the outputs (see :class:`Part`); ``guess`` helps plan the print pages."""
    started, clock = pdf.WEASYPRINT_SECONDS[0], time.perf_counter()
    part = Part(name)
    session = _session(project, pub, emit_html, part.findings)
    if session is not None:
        try:
            (_screen if name == "screen" else _press)(session, part, guess)
        except jinja2.TemplateError as exc:
            part.findings.append(render.template_finding(project.root, exc))
        part.findings.extend(_refusals(session))
        part.files.update(session.debug)
    part.weasyprint_seconds = pdf.WEASYPRINT_SECONDS[0] - started
    part.render_seconds = time.perf_counter() - clock
    return part


def _session(
    project: Project, pub: Publication, emit_html: bool, findings: list[Finding]
) -> Session | None:
    layout, problems = load_layout(project.layouts, pub.profile)
    findings.extend(problems)
    profile, problem = resolve_profile(project, pub)
    if problem is not None:
        findings.append(problem)
    if layout is None or profile is None or any(f.severity is Severity.ERROR for f in findings):
        return None
    return Session(project, pub, layout, profile, emit_html)


def _screen(session: Session, part: Part, guess: list[plan.Span] | None) -> None:
    pub = session.pub
    digital = _pdf(session, "digital", render.file_pictures(pub))
    part.findings.extend(digital.findings)
    part.files[f"{pub.slug}-digital.pdf"] = digital.data
    part.spans = _spans(pub, digital)
    sheets, part.page_links = _printable_pages(session, part)
    part.files.update(sheets)


def _press(session: Session, part: Part, guess: list[plan.Span] | None) -> None:
    pub = session.pub
    printed, part.spans, part.leaves = _print_pdf(session, part, guess)
    part.files[f"{pub.slug}-print.pdf"] = printed
    part.files[f"{pub.slug}-finishing.pdf"] = finishing.finishing_guide(printed, part.leaves)
    instructions = _booklet_instructions(session)
    part.files[f"{pub.slug}-office-booklet.pdf"] = booklet.impose(printed, instructions)


def assemble(project: Project, pub: Publication, parts: list[Part]) -> Output:
    """Put the parts together and add what needs both: the job sheet and the web folder."""
    out = Output(pub.slug)
    for part in parts:
        out.findings.extend(part.findings)
        out.weasyprint_seconds += part.weasyprint_seconds
        out.render_seconds += part.render_seconds
        out.files.update(part.files)
    out.findings = fit.merge(out.findings)
    if any(part.failed for part in parts):
        return out
    started, clock = pdf.WEASYPRINT_SECONDS[0], time.perf_counter()
    session = _session(project, pub, False, out.findings)
    if session is None:
        return out
    by_name = {part.name: part for part in parts}
    press, screen = by_name["press"], by_name["screen"]
    slug = pub.slug
    pdfs = {
        name: press.files[name] if name in press.files else screen.files[name]
        for name in (
            f"{slug}-{kind}.pdf" for kind in ("print", "digital", "finishing", "office-booklet")
        )
    }
    page_count = press.spans[-1].start + press.spans[-1].count - 1
    job = jobsheet.job_data(pub, press.spans, page_count, session.profile, press.leaves, pdfs)
    try:
        out.files[f"{slug}-job.json"] = jobsheet.job_json(job)
        out.files[f"{slug}-job.pdf"] = _job_pdf(session, job)
        sheets = {name: data for name, data in screen.files.items() if name.startswith("cards/")}
        web_downloads = {**pdfs, **sheets}
        del web_downloads[f"{slug}-finishing.pdf"]
        for name, data in web_downloads.items():
            out.files[f"web/downloads/{name}"] = data
        downloads = _downloads(slug, pdfs)
        out.files.update(web.web_files(pub, session.layout, downloads, screen.page_links))
    except jinja2.TemplateError as exc:
        out.findings.append(render.template_finding(project.root, exc))
    out.weasyprint_seconds += pdf.WEASYPRINT_SECONDS[0] - started
    out.render_seconds += time.perf_counter() - clock
    return out


def _printable_pages(
    session: Session, out: Part
) -> tuple[dict[str, bytes], dict[str, dict[str, str]]]:
    """Tear-out cards as one PDF each, and the doodle pages as one worksheet, for the web.

    They are tagged PDFs for screens and home printers; a card's writing lines become fields
    a reader can fill in on screen.
    """
    pub = session.pub
    files: dict[str, bytes] = {}
    links: dict[str, dict[str, str]] = {}
    pictures = render.file_pictures(pub)
    for page in pub.pages:
        if page.kind != "tear-out":
            continue
        name = f"cards/{render.slugify(page.meta.get('card') or page.title or page.name)}.pdf"
        title = f"{page.title or 'Card'} ({pub.config['title']})"
        result = _pdf(session, "digital", pictures, pages=(page,), standalone=title)
        out.findings.extend(result.findings)
        files[name] = result.data
        links[render.page_id(page)] = {
            "href": f"downloads/{name}",
            "label": "Print this card",
            "size": _size(len(result.data)),
            "pages": _pages(result.data),
        }
    doodles = tuple(page for page in pub.pages if page.kind == "doodle")
    if doodles:
        name = f"cards/{pub.slug}-doodle-pages.pdf"
        title = f"Doodle pages from {pub.config['title']}"
        result = _pdf(session, "digital", pictures, pages=doodles, standalone=title)
        out.findings.extend(result.findings)
        files[name] = result.data
        for page in doodles:
            links[render.page_id(page)] = {
                "href": f"downloads/{name}",
                "label": "Print the doodle pages",
                "size": _size(len(result.data)),
                "pages": _pages(result.data),
            }
    return files, links


# --- the print PDF ---------------------------------------------------------------------------


Leaves = list[tuple[int, int]]


def _print_pdf(
    session: Session, out: Part, guess: list[plan.Span] | None
) -> tuple[bytes, list[plan.Span], Leaves]:
    """The print PDF, laid out once in the usual case.

    The digital PDF has the same page geometry, so its layout (``guess``), when there is one,
    tells where each page file falls, and the filler pages are planned from it. Without a guess,
    or if the print layout disagrees, the pages are planned from the print layout and laid out
    again only when fillers are needed.
    """
    pub = session.pub
    pictures = print_pictures(pub, session.profile)
    cycle = ("notes",) if pub.profile == "easy-read" else plan.FILLER_CYCLE
    fillers = plan.plan_fillers(guess, cycle=cycle) if guess else {}
    for _attempt in range(3):
        result = _pdf(session, "print", pictures, fillers)
        spans = _spans(pub, result)
        again = plan.plan_fillers(plan.without_fillers(spans), cycle=cycle)
        if again == fillers or _attempt == 2:
            break
        fillers = again
    fillers = plan.extra_padding(fillers, spans, result.page_count, cycle)
    if result.page_count % 4:
        result = _pdf(session, "print", pictures, fillers)
        spans = _spans(pub, result)
    out.findings.extend(result.findings)
    for note in plan.check_tear_outs(spans, result.page_count):
        out.findings.append(_leaf_finding(pub, note))
    config = pub.config["print"]
    finished = pdfx.finish_print_pdf(
        result.data, session.profile, float(config["bleed_mm"]), bool(config["crop_marks"])
    )
    out.findings.extend(_preflight(pub, finished))
    out.findings.extend(_printed_length(pub, spans))
    return finished, spans, plan.tear_out_leaves(spans)


def _spans(pub: Publication, result: pdf.RenderedPdf) -> list[plan.Span]:
    """Where each page file (and each filler) starts, and how many pages it takes."""
    starts: list[tuple[int, int, str, str, str]] = []
    for index, page in enumerate(pub.pages):
        anchor = render.page_id(page)
        if anchor in result.anchor_pages:
            starts.append((result.anchor_pages[anchor], index, page.kind, page.title, page.rel))
    for anchor, number in result.anchor_pages.items():
        if anchor.startswith("filler-") and anchor.count("-") == 2:
            kind = anchor.split("-")[2]
            starts.append((number, -1, kind, "", ""))
    starts.sort()
    spans = []
    for position, (start, index, kind, title, source) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else result.page_count + 1
        spans.append(plan.Span(index, kind, title, source, start, max(1, end - start)))
    return spans


def _leaf_finding(pub: Publication, note: plan.LeafNote) -> Finding:
    severity = Severity.ERROR if note.severity == "error" else Severity.WARNING
    fix = "Move the tear-out page, or put a notes or doodle page next to it."
    where = Location(note.source or pub.config_location().path, 1, 1)
    return Finding(where, severity, "tear-out", note.message, fix)


def _printed_length(pub: Publication, spans: list[plan.Span]) -> list[Finding]:
    """Easy read length in printed pages (the check before layout can only count page files)."""
    limits = PROFILE_RULES[pub.profile].get("document-length")
    if not limits:
        return []
    written = sum(s.count for s in spans if s.index >= 0)
    added = sum(s.count for s in spans if s.index < 0)
    if written <= int(limits["warn"]):
        return []
    severity = Severity.ERROR if written > int(limits["error"]) else Severity.WARNING
    extra = (
        f", plus {added} notes page{'s' if added != 1 else ''} added for printing" if added else ""
    )
    return [
        Finding(
            pub.config_location(),
            severity,
            "document-length",
            f"The printed booklet has {written} pages of text{extra}; easy read booklets have "
            f"at most {limits['warn']}.",
            "Shorten or join pages, or split the booklet in two. Pages that run onto a second "
            "printed page count twice.",
        )
    ]


def _preflight(pub: Publication, data: bytes) -> list[Finding]:
    trim = PAGE_SIZES_MM[pub.config["page_size"]]
    problems = preflight.preflight(data, trim, float(pub.config["print"]["bleed_mm"]))
    findings = []
    for problem in problems:
        where = f" (page {problem.page})" if problem.page else ""
        findings.append(
            Finding(
                pub.config_location(),
                Severity.ERROR if problem.severity == "error" else Severity.WARNING,
                "preflight",
                f"Print PDF{where}: {problem.message}",
                "A print shop would reject this. Check the layout colours and the pictures.",
            )
        )
    return findings


def print_pictures(pub: Publication, profile: colour.Profile) -> dict[str, str]:
    """Pictures for the press as data URLs: SVG colours and photos converted to CMYK."""
    urls: dict[str, str] = {}
    for ref, pic in pub.pictures.items():
        data = pic.path.read_bytes()
        if pic.path.suffix.lower() == ".svg":
            svg = data.decode("utf-8", errors="replace")
            urls[ref] = _data_url("image/svg+xml", colour.svg_to_cmyk(svg, profile).encode())
            line_art = colour.colouring_version(svg)
            urls[f"colouring:{ref}"] = _data_url(
                "image/svg+xml", colour.svg_to_cmyk(line_art, profile).encode()
            )
        else:
            urls[ref] = _data_url("image/jpeg", colour.image_to_cmyk_jpeg(data, profile))
    return urls


def _data_url(kind: str, data: bytes) -> str:
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def resolve_profile(
    project: Project, pub: Publication
) -> tuple[colour.Profile | None, Finding | None]:
    """The CMYK output profile: the publication's own ICC file, or the one the set-up installs."""
    settings = pub.config["print"]
    name = str(settings["icc_profile"] or "")
    if not name:
        path = colour.DEFAULT_PROFILE
        if not path.is_file():
            return None, Finding(
                pub.config_location(),
                Severity.ERROR,
                "icc-profile",
                f"The CMYK profile {path} is not installed.",
                "Run the set-up command (it installs the Debian package "
                f"{colour.DEFAULT_PROFILE_PACKAGE}).",
            )
        condition = str(settings["output_condition"] or colour.DEFAULT_CONDITION)
        return colour.Profile(path, condition, colour.profile_description(path)), None
    path = (project.root / name).resolve()
    if not path.is_relative_to(project.root.resolve()) or not path.is_file():
        return None, Finding(
            pub.config_location("print.icc_profile"),
            Severity.ERROR,
            "icc-profile",
            f"The ICC profile '{name}' is not a file inside the project.",
            "Put the print shop's .icc file in the project (in profiles/, say) and name it here.",
        )
    description = colour.profile_description(path)
    return colour.Profile(path, str(settings["output_condition"] or description), description), None


# --- PDFs from HTML ------------------------------------------------------------------------------


def _pdf(
    session: Session,
    mode: str,
    pictures: dict[str, str],
    fillers: plan.Fillers | None = None,
    pages: tuple[Page, ...] | None = None,
    standalone: str = "",
) -> pdf.RenderedPdf:
    """Lay out and write one PDF, then check the layout against the sources (:mod:`fit`).

    A crowded cover is tightened (smaller pictures and gaps, never smaller row text) up to
    ``COVER_FIT_STEPS`` times before what still does not fit is reported as lost text.
    """
    pub = session.pub if pages is None else replace(session.pub, pages=pages)
    marks = fit.marks(pub)
    what = f"card PDF '{standalone}'" if standalone else f"{mode} PDF"
    while True:
        result = _layout(session, pub, mode, pictures, fillers, pages, standalone, marks)
        found = fit.check_layout(pub, result.inspected, what, fit_pages=pages is None)
        cover = next((p.rel for p in pub.pages if p.kind == "cover"), None)
        crowded = any(f.location.path == cover for f in found)
        if not crowded or session.cover_fit >= COVER_FIT_STEPS:
            return replace(result, findings=result.findings + tuple(found), inspected=None)
        session.cover_fit += 1


COVER_FIT_STEPS = 2


def _layout(
    session: Session,
    pub: Publication,
    mode: str,
    pictures: dict[str, str],
    fillers: plan.Fillers | None,
    pages: tuple[Page, ...] | None,
    standalone: str,
    marks: fit.Marks,
) -> pdf.RenderedPdf:
    html = render.render_html(
        pub,
        session.layout,
        mode,
        pictures,
        fillers=fillers or {},
        standalone=standalone,
        cover_fit=session.cover_fit,
    )
    sheets, profiles = _stylesheets(session, mode)
    if session.emit_html and pages is None:
        _keep_debug_copy(session, mode, html, sheets)
    result = pdf.html_to_pdf(
        html,
        session.base_url,
        sheets,
        session.fetcher,
        session.pub.config_location(),
        f"{mode} PDF",
        _options(mode),
        _picture_locator(session.pub),
        profiles,
        inspect=lambda document: laidout.read_document(document, marks.sections, marks.units),
    )
    sheet_findings = tuple(f for sheet in sheets for f in sheet.findings)
    return replace(result, findings=sheet_findings + result.findings)


def _keep_debug_copy(session: Session, mode: str, html: str, sheets: list[pdf.Stylesheet]) -> None:
    """``debug/<mode>.html`` and ``debug/<mode>.css``: what WeasyPrint was given (last layout)."""
    css = "\n".join(f"/* {s.source} */\n{s.text}" for s in sheets)
    link = f'<link rel="stylesheet" href="{mode}.css">\n</head>'
    session.debug[f"debug/{mode}.html"] = html.replace("</head>", link, 1).encode("utf-8")
    session.debug[f"debug/{mode}.css"] = css.encode("utf-8")


def _options(mode: str) -> dict[str, Any]:
    if mode == "digital":
        return {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_forms": True}
    return {"pdf_variant": "pdf/x-4"}


def _stylesheets(session: Session, mode: str) -> tuple[list[pdf.Stylesheet], dict[str, Any]]:
    profiles: dict[str, Any] = {}
    layout, pub = session.layout, session.pub
    colour_mode = "print" if mode == "print" else "screen"
    generated = layout.colour_css(colour_mode) + page_geometry_css(pub.config, mode)
    if mode == "print":
        generated = (
            "@color-profile device-cmyk { components: cyan, magenta, yellow, black; "
            f'src: url("{session.profile.path.as_uri()}"); }}\n' + generated
        )
    parse, fetcher = pdf.parse_stylesheet, session.fetcher
    sheets = [parse(generated, "layouts/generated.css", session.base_url, fetcher, profiles)]
    for name in layout.stylesheets["pdf"]:
        path = layout.find(name)
        if path is None:
            continue
        text = path.read_text(encoding="utf-8")
        sheets.append(parse(text, session.project.rel(path), path.as_uri(), fetcher, profiles))
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


def _booklet_instructions(session: Session) -> bytes:
    width, height = PAGE_SIZES_MM[session.pub.config["page_size"]]
    env = environment(session.layout.folders)
    html = env.get_template("booklet-instructions.html.j2").render(
        title=session.pub.config["title"],
        sheet=f"{2 * width:g}mm {height:g}mm",
        paper="A3" if session.pub.config["page_size"] == "A4" else "A4",
    )
    return pdf.simple_pdf(html, session.base_url, session.fetcher)


def _job_pdf(session: Session, job: dict[str, Any]) -> bytes:
    env = environment(session.layout.folders)
    html = env.get_template("job-sheet.html.j2").render(job=job)
    return pdf.simple_pdf(html, session.base_url, session.fetcher)


def _downloads(slug: str, pdfs: dict[str, bytes]) -> list[dict[str, str]]:
    labels = (
        (f"{slug}-digital.pdf", "Accessible PDF for screens"),
        (f"{slug}-office-booklet.pdf", "Booklet to print at home or in the office"),
        (f"{slug}-print.pdf", "PDF for professional printers (with bleed)"),
    )
    return [
        {
            "href": f"downloads/{name}",
            "label": label,
            "size": _size(len(pdfs[name])),
            "pages": _pages(pdfs[name]),
        }
        for name, label in labels
        if name in pdfs
    ]


def _pages(data: bytes) -> str:
    """How many pages a PDF has, in words for a link name ("1 page", "24 pages")."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
    return f"{count} page" if count == 1 else f"{count} pages"


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


# --- fetches the fetcher refused ------------------------------------------------------------------


def _refusals(session: Session) -> list[Finding]:
    """One finding per refused URL, placed where a layout file names it."""
    seen: set[str] = set()
    findings: list[Finding] = []
    for url, reason in session.log.refused:
        if url in seen:
            continue
        seen.add(url)
        findings.append(
            Finding(
                _find_in_layout(session, url),
                Severity.ERROR,
                "unsafe-reference",
                f"The layout asked for '{url[:120]}', which was not read because {reason}.",
                "Layouts may only use files inside the project.",
            )
        )
    return findings


def _find_in_layout(session: Session, url: str) -> Location:
    needle = url.split("://", 1)[-1]
    for folder in session.layout.folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".css", ".j2") or not path.is_file():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                col = line.find(needle)
                if col >= 0:
                    start = line.rfind("url(", 0, col)
                    column = (start if start >= 0 else col) + 1
                    return Location(session.project.rel(path), number, column)
    return Location(session.project.rel(session.layout.folders[0]), 0, 0)
