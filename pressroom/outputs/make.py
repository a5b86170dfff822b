"""Making every output of one publication, in memory: the recipe behind ``output/<slug>/``.

1. the digital PDF (tagged PDF/UA-1, sRGB);
2. the print PDF: pictures converted to CMYK, a first layout to learn where pages fall, filler
   pages planned (tear-out leaves, a multiple of 4), the final layout as PDF/X-4, corrections
   with pikepdf, then preflight;
3. the finishing guide, the office booklet and the job sheet (JSON and PDF);
4. the EPUB and the braille (from the model, with the print PDF's page numbers);
5. the web folder.

Nothing is written here; :mod:`pressroom.publish.write` puts the returned files in place.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import pikepdf

from ..checks import _fit as fit
from ..model import Finding, Publication, Severity
from ..render import html as render
from ..render import pdf
from ..render.layout import environment, load_layout
from ..render.pdfjob import Project as Project  # produce.Project: the folders rendering may read
from ..render.pdfjob import Session, make_pdf, refusals
from ..source.kinds import kind_of
from . import braille, epub, louis, pagemap, web
from .press import page_spans, print_pdf, resolve_profile
from .printing import booklet, finishing, jobsheet, plan, tidy


@dataclass
class Output:
    """Everything one publication produces: files by path relative to ``output/<slug>/``."""

    slug: str
    files: dict[str, bytes | Path] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    weasyprint_seconds: float = 0.0
    render_seconds: float = 0.0


@dataclass
class Part:
    """Half of a publication's outputs, made in one process: ``screen`` (the accessible PDF,
    cards and worksheet) or ``press`` (the print PDF, finishing guide and office booklet)."""

    name: str
    files: dict[str, bytes] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    spans: list[plan.Span] = field(default_factory=list)
    leaves: list[tuple[int, int]] = field(default_factory=list)
    page_starts: dict[int, str] = field(default_factory=dict)
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
            if name == "screen":
                _screen(session, part)
            else:
                _press(session, part, guess)
        except jinja2.TemplateError as exc:
            part.findings.append(render.template_finding(project.root, exc))
        part.findings.extend(refusals(session))
        part.files.update(session.debug)
        tidy.tidy_files(part.files)
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


def _screen(session: Session, part: Part) -> None:
    pub = session.pub
    digital = make_pdf(session, "digital", render.file_pictures(pub))
    part.findings.extend(digital.findings)
    part.files[f"{pub.slug}-digital.pdf"] = digital.data
    part.spans = page_spans(pub, digital)
    sheets, part.page_links = _printable_pages(session, part)
    part.files.update(sheets)


def _press(session: Session, part: Part, guess: list[plan.Span] | None) -> None:
    pub = session.pub
    printed, part.spans, part.leaves, part.page_starts = print_pdf(session, part.findings, guess)
    part.files[f"{pub.slug}-print.pdf"] = printed
    labels = finishing.label_html(part.leaves)
    label_pdf = pdf.simple_pdf(labels, session.base_url, session.fetcher) if part.leaves else None
    part.files[f"{pub.slug}-finishing.pdf"] = finishing.finishing_guide(
        printed, part.leaves, label_pdf
    )
    instructions = _booklet_instructions(session)
    words = render.publication_words(pub, session.layout)
    title = f"{pub.settings.title}: {words['download_office']}"
    part.files[f"{pub.slug}-office-booklet.pdf"] = booklet.impose(printed, instructions, title)


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
        out.files[f"{slug}-job.pdf"] = tidy.tidy_pdf(_job_pdf(session, job))
        pages = pagemap.page_map(pub, press.spans, press.page_starts)
        out.files.update(_other_formats(pub, session, pages, out.findings))
        sheets = {name: data for name, data in screen.files.items() if name.startswith("cards/")}
        web_downloads = {**pdfs, **sheets}
        del web_downloads[f"{slug}-finishing.pdf"]
        for name, data in web_downloads.items():
            out.files[f"web/downloads/{name}"] = data
        words = render.publication_words(pub, session.layout)
        downloads = _downloads(slug, pdfs, words, pub.settings.geometry.trim_mm)
        out.files.update(web.web_files(pub, session.layout, downloads, screen.page_links))
    except jinja2.TemplateError as exc:
        out.findings.append(render.template_finding(project.root, exc))
    out.weasyprint_seconds += pdf.WEASYPRINT_SECONDS[0] - started
    out.render_seconds += time.perf_counter() - clock
    return out


def _other_formats(
    pub: Publication, session: Session, pages: pagemap.PageMap, findings: list[Finding]
) -> dict[str, bytes]:
    """The EPUB, the braille file and its Unicode braille preview (no layout of their own)."""
    files = {f"{pub.slug}.epub": epub.make_epub(pub, session.layout, pages)}
    words = render.publication_words(pub, session.layout)
    try:
        files[f"{pub.slug}.brf"], files[f"{pub.slug}-braille.txt"] = braille.make_braille(
            pub, words, pages
        )
    except louis.LouisMissing as exc:
        message = f"The braille edition was not made: {exc}."
        fix = "Run the set-up (./run setup), which installs liblouis."
        findings.append(
            Finding(pub.config_location(), Severity.ERROR, "braille-tool", message, fix)
        )
    return files


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
    words = render.publication_words(pub, session.layout)
    for page in pub.pages:
        if kind_of(page).own_pdf != "card":
            continue
        name = f"cards/{render.slugify(page.meta.get('card') or page.title or page.name)}.pdf"
        title = f"{page.title or words['card']}: {pub.settings.title}"
        result = make_pdf(session, "digital", pictures, pages=(page,), standalone=title)
        out.findings.extend(result.findings)
        files[name] = result.data
        links[render.page_id(page)] = {
            "href": f"downloads/{name}",
            "label": str(words["download_card"]),
            "size": _size(len(result.data)),
            "pages": _pages(result.data),
        }
    doodles = tuple(page for page in pub.pages if kind_of(page).own_pdf == "worksheet")
    if doodles:
        name = f"cards/{pub.slug}-doodle-pages.pdf"
        title = str(words["doodles_title"])
        result = make_pdf(session, "digital", pictures, pages=doodles, standalone=title)
        out.findings.extend(result.findings)
        files[name] = result.data
        for page in doodles:
            links[render.page_id(page)] = {
                "href": f"downloads/{name}",
                "label": str(words["download_doodles"]),
                "size": _size(len(result.data)),
                "pages": _pages(result.data),
            }
    return files, links


def _booklet_instructions(session: Session) -> bytes:
    width, height = session.pub.settings.geometry.trim_mm
    two_up = booklet.is_two_up((width, height))
    env = environment(session.layout.folders)
    html = env.get_template("booklet-instructions.html.j2").render(
        words=render.publication_words(session.pub, session.layout),
        sheet=f"{2 * width:g}mm {height:g}mm" if two_up else f"{width:g}mm {height:g}mm",
        two_up=two_up,
        paper="A4",
    )
    return pdf.simple_pdf(html, session.base_url, session.fetcher)


def _job_pdf(session: Session, job: dict[str, Any]) -> bytes:
    env = environment(session.layout.folders)
    html = env.get_template("job-sheet.html.j2").render(job=job)
    return pdf.simple_pdf(html, session.base_url, session.fetcher)


def _downloads(
    slug: str, pdfs: dict[str, bytes], words: dict[str, Any], trim: tuple[float, float]
) -> list[dict[str, str]]:
    office = "download_office" if booklet.is_two_up(trim) else "download_office_flat"
    labels = (
        (f"{slug}-digital.pdf", str(words["download_digital"])),
        (f"{slug}-office-booklet.pdf", str(words[office])),
        (f"{slug}-print.pdf", str(words["download_print"])),
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
