"""Turning a checked publication into HTML, with the same Jinja templates for every output.

Four modes:

* ``print``: CMYK colours and pictures, 3 mm bleed, filler pages where the print plan asks;
  the digital PDF of the whole publication is written from this layout too (:mod:`twowrites`);
* ``digital``: sRGB colours, no bleed, for the tagged card and worksheet PDFs;
* ``large-print``: the digital mode for the large print PDF (A4, its own stylesheets), with
  spaces to write as lines rather than form fields;
* ``web``: a self-contained folder (``web/index.html`` and ``web/assets/``) with relative links;
* ``epub``: like ``digital`` without pages, the glossary a definition list, for
  :mod:`pressroom.outputs.epub_pages`, which cuts it into the EPUB's documents.

This module only makes HTML and the web folder's files; :mod:`pressroom.render.pdfjob` turns
HTML into PDFs.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..model import Finding, Location, Page, PictureFile, Publication, Severity
from ..source import activities, markdown
from ..source.kinds import PAGE_KINDS, kind_of
from ..source.links import judge_link
from ..source.own_words import Text, words_in_layout
from . import panel, webpage
from .layout import Layout, environment

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
    page_downloads: Mapping[str, Mapping[str, str]] | None = None,
    standalone: str = "",
    cover_fit: int = 0,
) -> str:
    """The whole publication as one HTML document for ``mode``.

    ``pictures`` maps each picture reference to the URL this mode uses (a key
    ``colouring:<ref>`` gives a doodle page's picture as line art). ``fillers`` maps a page
    file's index to the filler pages printed before it. ``page_downloads`` gives a page (by id)
    a printable PDF of its own (tear-out cards, doodle worksheets) to link to on the web.
    ``standalone`` titles a document made of a few pages (a card, a worksheet); its one h1 is
    then the publication's title, above the pages' own headings. ``cover_fit`` (0 to 2) says
    how far a crowded cover is tightened to fit its page.
    """
    env = environment(layout.folders)
    terms = term_anchors(pub)
    dots = layout.colour("rule", "print" if mode == "print" else "screen")
    links = terms
    if not any(page.kind == "glossary" for page in pub.pages):
        links = {}  # a card or worksheet on its own has no words-to-know page to link to
    words = publication_words(pub, layout)
    pages = [_page_view(pub, page, pictures, links, env, dots, mode, words) for page in pub.pages]
    for view in pages:
        view["download"] = (page_downloads or {}).get(view["id"])
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
        "contents": [p for p in pages if p["in_contents"] or _web_only_entry(p, mode)],
        "glossary": [_term_view(t, pictures, terms) for t in pub.glossary],
        "credits": picture_credits(pub),
        "downloads": list(downloads),
        "stylesheet": "assets/style.css",
        "standalone": standalone,
        "cover_fit": cover_fit,
        "dot_grid": Markup(activities.dot_grid("dots-filler", dots)),
        "words": words,
    }
    page = env.get_template("publication.html.j2").render(context)
    if mode != "web":
        return page
    meanings = {terms[t.word.strip().lower()]: (t.word, t.meaning) for t in pub.glossary}
    return webpage.finish(page, meanings if links else {})


def _web_only_entry(page: Mapping[str, Any], mode: str) -> bool:
    """The web page's contents list names every section with a heading (a page has room)."""
    return mode == "web" and bool(page["title"]) and PAGE_KINDS[page["kind"]].in_web_contents


def publication_words(pub: Publication, layout: Layout) -> dict[str, Text]:
    """The words pressroom writes (``words.yml``) for this publication: its noun, title, version
    and date filled in."""
    view = _pub_view(pub)
    words = words_in_layout(layout.folders).for_publication(
        pub, title=view["title"], version=view["version"], date=view["date_text"]
    )
    return {**words, **panel.panel_words(words, view["panel"])}


def _pub_view(pub: Publication) -> dict[str, Any]:
    c = pub.settings
    return {
        "slug": pub.slug,
        "title": c.title,
        "subtitle": c.subtitle,
        "profile": pub.profile,
        "lang": c.lang,
        "version": c.version,
        "date": c.date.isoformat(),
        "date_text": f"{c.date.day} {c.date:%B %Y}",
        "description": c.description,
        "co_production": c.co_production,
        "panel": panel.panel_summary(pub),
        "contact": {**asdict(c.contact), "website": judge_link(c.contact.website).url},
        "page_size": c.page_size,
    }


def _page_view(
    pub: Publication,
    page: Page,
    pictures: Mapping[str, str],
    terms: dict[str, str],
    env: jinja2.Environment,
    dot_colour: str,
    mode: str,
    words: dict[str, Text],
) -> dict[str, Any]:
    kind = kind_of(page)
    render_env = {
        "words": words,
        "fillable": mode in ("print", "digital") and kind.fillable,
        "field_prefix": slugify(page.meta.get("card") or page.name),
        "digital": mode in ("digital", "large-print", "epub"),
        "dot_colour": dot_colour,
        "picture_url": lambda ref: pictures.get(ref, ""),
        "link_url": lambda href: judge_link(href).url,
        "term_anchor": lambda word: terms.get(word.strip().lower(), ""),
    }
    if mode != "web":  # each block's source line, for the layout check (:mod:`checks._fit`)
        render_env["source"] = (page.display_path, page.body_line)
    body = markdown.render(page.tokens, pub.audience.line_breaks, render_env)
    template = env.select_template([f"pages/{kind.template}.html.j2", "pages/content.html.j2"])
    picture = page.meta.get("picture", "")
    url = ""
    if picture:
        colouring = pictures.get(f"colouring:{picture}") if kind.colouring else None
        url = colouring or pictures.get(picture, "")
    return {
        "id": page_id(page),
        "kind": page.kind,
        "title": page.title,
        "html": Markup(body),
        "template": template.name,
        "in_contents": bool(page.title) and page.meta["in_contents"] and kind.in_contents,
        "picture": url,
        "picture_alt": page.meta.get("picture_alt", ""),
        "lines": page.meta.get("lines", 0),
        "card": page.meta.get("card", ""),
        "section": page.meta.get("section", ""),
        "style": page.meta.get("style", ""),
    }


def _term_view(term: Any, pictures: Mapping[str, str], anchors: dict[str, str]) -> dict[str, Any]:
    return {
        "word": term.word,
        "meaning": term.meaning,
        "anchor": anchors[term.word.strip().lower()],
        "picture": pictures.get(term.picture, "") if term.picture else "",
        "picture_alt": term.picture_alt,
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
    """The file name a picture gets in ``web/assets/pictures/``: its name and a hash of what is
    in it, so the same project built anywhere gives the same names, and a changed picture gets
    a new name (a browser never shows the old one from its cache)."""
    prefix = "openmoji-" if pic.source == "openmoji" else ""
    try:
        found = pic.path.stat()
        digest = _digest(pic.path, found.st_mtime_ns, found.st_size)
    except OSError:
        digest = hashlib.sha256(pic.path.name.encode()).hexdigest()[:8]
    return f"{prefix}{slugify(pic.path.stem)}-{digest}{pic.path.suffix.lower()}"


@functools.lru_cache(maxsize=4096)
def _digest(path: Path, _mtime_ns: int, _size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:8]


def picture_credits(pub: Publication) -> list[dict[str, str]]:
    """One line per picture source used, for the credits page."""
    credits: dict[str, dict[str, str]] = {}
    for pic in pub.pictures.values():
        if not pic.credit:
            continue
        entry = credits.setdefault(pic.credit, {"credit": pic.credit, "licence": pic.licence})
        entry["count"] = str(int(entry.get("count", "0")) + 1)
    return sorted(credits.values(), key=lambda e: e["credit"])


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
