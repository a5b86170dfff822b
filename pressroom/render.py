"""Turning a checked publication into HTML for the web, the print PDF and the digital PDF.

The same Jinja templates serve three modes:

* ``print``: CMYK colours, 3 mm bleed, pictures by file URL, laid out by WeasyPrint;
* ``digital``: sRGB colours, no bleed, tagged PDF/UA-1 for screen readers;
* ``web``: a self-contained folder (``web/index.html`` and ``web/assets/``) with relative links.

Rendering reads only layout files, the resolved pictures and the font files, and returns every
output as bytes or as a file to copy; :mod:`write` puts them in place.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import __version__, markdown, pdf
from .layout import PAGE_SIZES_MM, Layout, environment, load_layout, page_geometry_css
from .links import judge_link
from .model import Finding, Location, Page, Publication, Severity
from .pictures import openmoji_folder

MODES = ("print", "digital", "web")
KIND_TEMPLATES = {
    "story": "story",
    "tips": "content",
    "who-to-contact": "content",
}


@dataclass
class Output:
    """Everything one publication produces: files by path relative to ``output/<slug>/``."""

    slug: str
    files: dict[str, bytes | Path] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


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


def slugify(text: str) -> str:
    """A lower-case id made of letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def render_publication(project: Project, pub: Publication) -> Output:
    """Render every output of ``pub``. Findings report anything WeasyPrint or the layout said."""
    out = Output(pub.slug)
    layout, problems = load_layout(project.layouts, pub.profile)
    out.findings.extend(problems)
    if layout is None or any(f.severity is Severity.ERROR for f in problems):
        return out
    try:
        _render_all(project, pub, layout, out)
    except jinja2.TemplateError as exc:
        out.findings.append(_template_finding(project, exc))
    return out


def _render_all(project: Project, pub: Publication, layout: Layout, out: Output) -> None:
    log = pdf.FetchLog()
    roots = [project.root] + ([openmoji_folder()] if openmoji_folder() else [])
    roots += [layout.font.regular.parent]
    fetcher = pdf.make_fetcher([r for r in roots if r is not None], log)
    base_url = project.root.as_uri() + "/"
    job_pages: list[dict[str, Any]] = []
    for mode in ("print", "digital"):
        html = render_html(pub, layout, mode)
        sheets = _pdf_stylesheets(project, pub, layout, mode, base_url, fetcher)
        for sheet in sheets:
            out.findings.extend(sheet.findings)
        result = pdf.html_to_pdf(
            html,
            base_url,
            sheets,
            fetcher,
            pub.config_location(),
            f"{mode} PDF",
            _pdf_options(mode),
            _picture_locator(pub),
        )
        out.findings.extend(result.findings)
        out.files[f"{pub.slug}-{mode}.pdf"] = result.data
        if mode == "print":
            job_pages = _job_pages(pub, result)
    out.findings.extend(_refusals(project, layout, log))
    _render_web(pub, layout, out)
    out.files[f"{pub.slug}-job.json"] = job_json(pub, job_pages, out.files)


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


def _pdf_options(mode: str) -> dict[str, Any]:
    if mode == "digital":
        return {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
    return {}


def _pdf_stylesheets(
    project: Project, pub: Publication, layout: Layout, mode: str, base_url: str, fetcher: Any
) -> list[pdf.Stylesheet]:
    colour_mode = "print" if mode == "print" else "screen"
    sheets = [
        pdf.parse_stylesheet(layout.colour_css(colour_mode), "layouts/colours", base_url, fetcher),
        pdf.parse_stylesheet(
            page_geometry_css(pub.config, mode), "layouts/geometry", base_url, fetcher
        ),
    ]
    for name in layout.stylesheets["pdf"]:
        path = layout.find(name)
        if path is None:
            continue
        rel = project.rel(path)
        text = path.read_text(encoding="utf-8")
        sheets.append(pdf.parse_stylesheet(text, rel, path.as_uri(), fetcher))
    return sheets


def _refusals(project: Project, layout: Layout, log: pdf.FetchLog) -> list[Finding]:
    """One finding per refused URL, placed where a layout file names it."""
    seen: set[str] = set()
    findings: list[Finding] = []
    for url, reason in log.refused:
        if url in seen:
            continue
        seen.add(url)
        findings.append(
            Finding(
                _find_in_layout(project, layout, url),
                Severity.ERROR,
                "unsafe-reference",
                f"The layout asked for '{url[:120]}', which was not read because {reason}.",
                "Layouts may only use files inside the project.",
            )
        )
    return findings


def _find_in_layout(project: Project, layout: Layout, url: str) -> Location:
    needle = url.split("://", 1)[-1]
    for folder in layout.folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".css", ".j2") or not path.is_file():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                col = line.find(needle)
                if col >= 0:
                    start = line.rfind("url(", 0, col)
                    return Location(project.rel(path), number, (start if start >= 0 else col) + 1)
    return Location(project.rel(layout.folders[0]), 0, 0)


def _template_finding(project: Project, exc: jinja2.TemplateError) -> Finding:
    """A template problem at its file and line (Jinja puts template frames in the traceback)."""
    path = getattr(exc, "filename", None) or ""
    line = getattr(exc, "lineno", None) or 0
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            path, line = name, tb.tb_lineno
        tb = tb.tb_next
    rel = project.rel(Path(path)) if path else "layouts"
    return Finding(
        Location(rel, line, 1 if line else 0),
        Severity.ERROR,
        "template-error",
        f"The layout template has a problem: {exc.message or exc}",
        "Fix the template; content cannot change this.",
    )


# --- HTML ---------------------------------------------------------------------------------


def render_html(pub: Publication, layout: Layout, mode: str, downloads: Any = ()) -> str:
    """The whole publication as one HTML document for ``mode``."""
    env = environment(layout.folders)
    pictures = _picture_urls(pub, mode)
    terms = term_anchors(pub)
    pages = [_page_view(pub, page, mode, pictures, terms, env) for page in pub.pages]
    context = {
        "pub": _pub_view(pub),
        "mode": mode,
        "pages": pages,
        "contents": [p for p in pages if p["in_contents"]],
        "glossary": [_term_view(t, pictures, terms) for t in pub.glossary],
        "credits": picture_credits(pub),
        "downloads": list(downloads),
        "stylesheet": "assets/style.css",
    }
    return env.get_template("publication.html.j2").render(context)


def _pub_view(pub: Publication) -> dict[str, Any]:
    c = pub.config
    return {
        "slug": pub.slug,
        "title": c["title"],
        "subtitle": c["subtitle"],
        "profile": pub.profile,
        "lang": c["lang"],
        "version": c["version"],
        "date": c["date"].isoformat(),
        "date_text": f"{c['date'].day} {c['date']:%B %Y}",
        "description": c["description"],
        "co_production": c["co_production"],
        "contact": {**c["contact"], "website": judge_link(c["contact"]["website"]).url},
        "page_size": c["page_size"],
    }


def _page_view(
    pub: Publication,
    page: Page,
    mode: str,
    pictures: dict[str, str],
    terms: dict[str, str],
    env: jinja2.Environment,
) -> dict[str, Any]:
    render_env = {
        "picture_url": lambda ref: pictures.get(ref, ""),
        "link_url": lambda href: judge_link(href).url,
        "term_anchor": lambda word: terms.get(word.strip().lower(), ""),
    }
    body = markdown.render(page.tokens, pub.profile, render_env)
    kind_template = KIND_TEMPLATES.get(page.kind, page.kind)
    template = env.select_template([f"pages/{kind_template}.html.j2", "pages/content.html.j2"])
    picture = page.meta.get("picture", "")
    return {
        "id": f"page-{page.number:03d}-{page.name}",
        "kind": page.kind,
        "title": page.title,
        "html": Markup(body),
        "template": template.name,
        "in_contents": bool(page.title) and page.meta["in_contents"] and page.kind != "cover",
        "picture": pictures.get(picture, "") if picture else "",
        "picture_alt": page.meta.get("picture_alt", ""),
        "lines": page.meta.get("lines", 0),
        "card": page.meta.get("card", ""),
    }


def _term_view(term: Any, pictures: dict[str, str], anchors: dict[str, str]) -> dict[str, Any]:
    return {
        "word": term.word,
        "meaning": term.meaning,
        "anchor": anchors[term.word.strip().lower()],
        "picture": pictures.get(term.picture, "") if term.picture else "",
    }


def term_anchors(pub: Publication) -> dict[str, str]:
    """Each glossary word and form (lower case) → the id of its definition."""
    anchors: dict[str, str] = {}
    for term in pub.glossary:
        anchor = f"term-{slugify(term.word)}"
        for form in (term.word, *term.forms):
            anchors.setdefault(form.strip().lower(), anchor)
    return anchors


def _picture_urls(pub: Publication, mode: str) -> dict[str, str]:
    if mode == "web":
        return {ref: f"assets/pictures/{web_name(pic)}" for ref, pic in pub.pictures.items()}
    return {ref: pic.path.as_uri() for ref, pic in pub.pictures.items()}


def web_name(pic: Any) -> str:
    """The file name a picture gets in ``web/assets/pictures/``."""
    prefix = "openmoji-" if pic.source == "openmoji" else ""
    digest = hashlib.sha256(str(pic.path).encode()).hexdigest()[:8]
    return f"{prefix}{slugify(pic.path.stem)}-{digest}{pic.path.suffix.lower()}"


def picture_credits(pub: Publication) -> list[dict[str, str]]:
    """One line per picture source used, for the credits page."""
    credits: dict[str, dict[str, str]] = {}
    for pic in pub.pictures.values():
        if not pic.credit:
            continue
        entry = credits.setdefault(pic.credit, {"credit": pic.credit, "licence": pic.licence})
        entry["count"] = str(int(entry.get("count", "0")) + 1)
    return sorted(credits.values(), key=lambda e: e["credit"])


# --- web -----------------------------------------------------------------------------------


def _render_web(pub: Publication, layout: Layout, out: Output) -> None:
    downloads = [
        {"href": f"../{name}", "label": label, "size": _size(out.files.get(name))}
        for name, label in (
            (f"{pub.slug}-digital.pdf", "Accessible PDF for screens"),
            (f"{pub.slug}-print.pdf", "PDF for printing"),
        )
        if name in out.files
    ]
    html = render_html(pub, layout, "web", downloads)
    out.files["web/index.html"] = html.encode("utf-8")
    out.files["web/assets/style.css"] = _web_css(layout).encode("utf-8")
    for pic in pub.pictures.values():
        out.files[f"web/assets/pictures/{web_name(pic)}"] = pic.path
    out.files[f"web/assets/fonts/{layout.font.regular.name}"] = layout.font.regular
    out.files[f"web/assets/fonts/{layout.font.bold.name}"] = layout.font.bold


def _web_css(layout: Layout) -> str:
    font = layout.font
    parts = [
        "/* Generated by pressroom from layouts/: edit those files, not this one. */\n",
        f'@font-face {{ font-family: "{font.family}"; font-weight: 400; '
        f'src: url("fonts/{font.regular.name}") format("truetype"); }}\n',
        f'@font-face {{ font-family: "{font.family}"; font-weight: 700; '
        f'src: url("fonts/{font.bold.name}") format("truetype"); }}\n',
        layout.colour_css("screen"),
    ]
    for name in layout.stylesheets["web"]:
        path = layout.find(name)
        if path is not None:
            parts.append(f"\n/* {name} */\n" + path.read_text(encoding="utf-8"))
    return "".join(parts)


def _size(data: bytes | Path | None) -> str:
    if data is None:
        return ""
    size = data.stat().st_size if isinstance(data, Path) else len(data)
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


# --- job sheet ------------------------------------------------------------------------------


def _job_pages(pub: Publication, result: pdf.RenderedPdf) -> list[dict[str, Any]]:
    starts = []
    for page in pub.pages:
        anchor = f"page-{page.number:03d}-{page.name}"
        if anchor in result.anchor_pages:
            starts.append((result.anchor_pages[anchor], page))
    starts.sort(key=lambda item: item[0])
    pages: list[dict[str, Any]] = []
    for number in range(1, result.page_count + 1):
        source = None
        for start, page in starts:
            if start <= number:
                source = page
        pages.append(
            {
                "number": number,
                "kind": source.kind if source else "blank",
                "title": source.title if source else "",
                "source": source.rel if source else "",
            }
        )
    return pages


def job_json(pub: Publication, pages: list[dict[str, Any]], files: dict[str, Any]) -> bytes:
    """What the print shop needs to know, as JSON."""
    c = pub.config
    width, height = PAGE_SIZES_MM[c["page_size"]]
    bleed = float(c["print"]["bleed_mm"])
    print_pdf = files.get(f"{pub.slug}-print.pdf", b"")
    job = {
        "title": c["title"],
        "slug": pub.slug,
        "version": c["version"],
        "date": c["date"].isoformat(),
        "file": f"{pub.slug}-print.pdf",
        "sha256": hashlib.sha256(print_pdf).hexdigest() if isinstance(print_pdf, bytes) else "",
        "trim": {"size": c["page_size"], "width_mm": width, "height_mm": height},
        "bleed_mm": bleed,
        "media_mm": {"width": width + 2 * bleed, "height": height + 2 * bleed},
        "page_count": len(pages),
        "page_count_multiple_of_4": len(pages) % 4 == 0,
        "binding": c["print"]["binding"],
        "paper": c["print"]["paper"],
        "quantity": c["print"]["quantity"],
        "pages": pages,
        "generator": f"pressroom {__version__}",
    }
    return (json.dumps(job, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
