"""Turning a checked publication into HTML, with the same Jinja templates for every output.

Three modes:

* ``print``: CMYK colours and pictures, 3 mm bleed, filler pages where the print plan asks;
* ``digital``: sRGB colours, no bleed, for the tagged PDF/UA-1;
* ``web``: a self-contained folder (``web/index.html`` and ``web/assets/``) with relative links.

This module only makes HTML and the web folder's files; :mod:`produce` turns HTML into PDFs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import markdown
from .layout import Layout, environment
from .links import judge_link
from .model import Finding, Location, Page, PictureFile, Publication, Severity

KIND_TEMPLATES = {
    "story": "story",
    "tips": "content",
    "who-to-contact": "content",
}
NO_FILLERS: Mapping[int, tuple[str, ...]] = {}


def slugify(text: str) -> str:
    """A lower-case id made of letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def page_id(page: Page) -> str:
    """The HTML id of a page file's section (also a PDF anchor)."""
    return f"page-{page.number:03d}-{page.name}"


def render_html(
    pub: Publication,
    layout: Layout,
    mode: str,
    pictures: Mapping[str, str],
    downloads: Sequence[Mapping[str, str]] = (),
    fillers: Mapping[int, tuple[str, ...]] = NO_FILLERS,
) -> str:
    """The whole publication as one HTML document for ``mode``.

    ``pictures`` maps each picture reference to the URL this mode uses (a key
    ``colouring:<ref>`` gives a doodle page's picture as line art). ``fillers`` maps a page
    file's index to the filler pages printed before it.
    """
    env = environment(layout.folders)
    terms = term_anchors(pub)
    dots = layout.colour("rule", "print" if mode == "print" else "screen")
    pages = [_page_view(pub, page, pictures, terms, env, dots) for page in pub.pages]
    serial = 0
    for index, view in enumerate(pages):
        view["fillers_before"] = []
        for kind in fillers.get(index, ()):
            serial += 1
            view["fillers_before"].append({"kind": kind, "id": f"filler-{serial}"})
    trailing = [
        {"kind": kind, "id": f"filler-{serial + n}"}
        for n, kind in enumerate(fillers.get(len(pages), ()), start=1)
    ]
    context = {
        "pub": _pub_view(pub),
        "mode": mode,
        "pages": pages,
        "trailing_fillers": trailing,
        "contents": [p for p in pages if p["in_contents"]],
        "glossary": [_term_view(t, pictures, terms) for t in pub.glossary],
        "credits": picture_credits(pub),
        "downloads": list(downloads),
        "stylesheet": "assets/style.css",
        "dot_grid": Markup(markdown.dot_grid("dots-filler", dots)),
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
    pictures: Mapping[str, str],
    terms: dict[str, str],
    env: jinja2.Environment,
    dot_colour: str,
) -> dict[str, Any]:
    render_env = {
        "dot_colour": dot_colour,
        "picture_url": lambda ref: pictures.get(ref, ""),
        "link_url": lambda href: judge_link(href).url,
        "term_anchor": lambda word: terms.get(word.strip().lower(), ""),
    }
    body = markdown.render(page.tokens, pub.profile, render_env)
    kind_template = KIND_TEMPLATES.get(page.kind, page.kind)
    template = env.select_template([f"pages/{kind_template}.html.j2", "pages/content.html.j2"])
    picture = page.meta.get("picture", "")
    url = ""
    if picture:
        colouring = pictures.get(f"colouring:{picture}") if page.kind == "doodle" else None
        url = colouring or pictures.get(picture, "")
    return {
        "id": page_id(page),
        "kind": page.kind,
        "title": page.title,
        "html": Markup(body),
        "template": template.name,
        "in_contents": bool(page.title) and page.meta["in_contents"] and page.kind != "cover",
        "picture": url,
        "picture_alt": page.meta.get("picture_alt", ""),
        "lines": page.meta.get("lines", 0),
        "card": page.meta.get("card", ""),
    }


def _term_view(term: Any, pictures: Mapping[str, str], anchors: dict[str, str]) -> dict[str, Any]:
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


def file_pictures(pub: Publication) -> dict[str, str]:
    """Pictures by file URL (the digital PDF reads them through the confined fetcher)."""
    return {ref: pic.path.as_uri() for ref, pic in pub.pictures.items()}


def web_name(pic: PictureFile) -> str:
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


def web_files(
    pub: Publication, layout: Layout, downloads: Sequence[Mapping[str, str]]
) -> dict[str, bytes | Path]:
    """The web folder: ``index.html``, its stylesheet, fonts and pictures."""
    pictures = {ref: f"assets/pictures/{web_name(pic)}" for ref, pic in pub.pictures.items()}
    files: dict[str, bytes | Path] = {
        "web/index.html": render_html(pub, layout, "web", pictures, downloads).encode("utf-8"),
        "web/assets/style.css": _web_css(layout).encode("utf-8"),
        f"web/assets/fonts/{layout.font.regular.name}": layout.font.regular,
        f"web/assets/fonts/{layout.font.bold.name}": layout.font.bold,
    }
    for pic in pub.pictures.values():
        files[f"web/assets/pictures/{web_name(pic)}"] = pic.path
    return files


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


def template_finding(root: Path, exc: jinja2.TemplateError) -> Finding:
    """A template problem at its file and line (Jinja puts template frames in the traceback)."""
    path = getattr(exc, "filename", None) or ""
    line = getattr(exc, "lineno", None) or 0
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            path, line = name, tb.tb_lineno
        tb = tb.tb_next
    rel = "layouts"
    if path:
        try:
            rel = Path(path).relative_to(root).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
    return Finding(
        Location(rel, line, 1 if line else 0),
        Severity.ERROR,
        "template-error",
        f"The layout template has a problem: {exc.message or exc}",
        "Fix the template; content cannot change this.",
    )
