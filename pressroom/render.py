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

from . import markdown, panel
from .layout import Layout, environment
from .links import judge_link
from .model import Finding, Location, Page, PictureFile, Publication, Severity
from .own_words import Text, words_in_layout

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
        "contents": [p for p in pages if p["in_contents"]],
        "glossary": [_term_view(t, pictures, terms) for t in pub.glossary],
        "credits": picture_credits(pub),
        "downloads": list(downloads),
        "stylesheet": "assets/style.css",
        "standalone": standalone,
        "cover_fit": cover_fit,
        "dot_grid": Markup(markdown.dot_grid("dots-filler", dots)),
        "words": words,
    }
    return env.get_template("publication.html.j2").render(context)


def publication_words(pub: Publication, layout: Layout) -> dict[str, Text]:
    """The words pressroom writes (``words.yml``) for this publication: its noun, title, version
    and date filled in."""
    view = _pub_view(pub)
    words = words_in_layout(layout.folders).for_publication(
        pub, title=view["title"], version=view["version"], date=view["date_text"]
    )
    return {**words, **panel.panel_words(words, view["panel"])}


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
        "panel": panel.panel_summary(pub),
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
    mode: str,
    words: dict[str, Text],
) -> dict[str, Any]:
    render_env = {
        "words": words,
        "fillable": mode == "digital" and page.kind == "tear-out",
        "field_prefix": slugify(page.meta.get("card") or page.name),
        "digital": mode == "digital",
        "dot_colour": dot_colour,
        "picture_url": lambda ref: pictures.get(ref, ""),
        "link_url": lambda href: judge_link(href).url,
        "term_anchor": lambda word: terms.get(word.strip().lower(), ""),
    }
    if mode != "web":  # mark each block with its source line for the layout check (:mod:`fit`)
        render_env["source"] = (page.rel, page.body_line)
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
    pub: Publication,
    layout: Layout,
    downloads: Sequence[Mapping[str, str]],
    page_downloads: Mapping[str, Mapping[str, str]],
) -> dict[str, bytes | Path]:
    """The web folder: ``index.html``, a CMS fragment, the stylesheets, fonts and pictures."""
    pictures = {ref: f"assets/pictures/{web_name(pic)}" for ref, pic in pub.pictures.items()}
    html = render_html(pub, layout, "web", pictures, downloads, page_downloads=page_downloads)
    css = web_css(layout)
    files: dict[str, bytes | Path] = {
        "web/index.html": html.encode("utf-8"),
        "web/fragment.html": cms_fragment(html).encode("utf-8"),
        "web/assets/style.css": css.encode("utf-8"),
        "web/assets/fragment.css": scoped_css(css, FRAGMENT_CLASS).encode("utf-8"),
        f"web/assets/fonts/{layout.font.regular.name}": layout.font.regular,
        f"web/assets/fonts/{layout.font.bold.name}": layout.font.bold,
    }
    for pic in pub.pictures.values():
        files[f"web/assets/pictures/{web_name(pic)}"] = pic.path
    return files


FRAGMENT_CLASS = "pressroom"
MAIN_RE = re.compile(r"<main\b[^>]*>(?P<body>.*)</main>", re.DOTALL)


def cms_fragment(html: str) -> str:
    """The publication's main content for pasting into another site (no html, head or body).

    It needs ``assets/fragment.css``, whose rules only apply inside ``.pressroom``.
    """
    match = MAIN_RE.search(html)
    body = match["body"] if match else ""
    return (
        "<!-- pressroom content: link assets/fragment.css and copy the assets/ folder. -->\n"
        f'<div class="{FRAGMENT_CLASS}">{body}</div>\n'
    )


def scoped_css(css: str, scope: str) -> str:
    """``css`` with every rule limited to elements inside ``.scope`` (html, body, :root → it)."""
    import tinycss2  # type: ignore[import-untyped]

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_scoped_rule(rule, scope) for rule in rules)


def _scoped_rule(rule: Any, scope: str) -> str:
    import tinycss2

    if rule.type == "qualified-rule":
        selectors = tinycss2.serialize(rule.prelude).split(",")
        scoped = [_scoped_selector(s.strip(), scope) for s in selectors if s.strip()]
        return f"{', '.join(scoped)} {{{tinycss2.serialize(rule.content)}}}\n"
    if rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
        inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
        body = "".join(_scoped_rule(r, scope) for r in inner)
        return f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{\n{body}}}\n"
    if rule.type == "at-rule":
        return str(tinycss2.serialize([rule])) + "\n"
    return ""


def _scoped_selector(selector: str, scope: str) -> str:
    for root in (":root", "html", "body"):
        if selector == root:
            return f".{scope}"
        if selector.startswith(root + " "):
            return f".{scope}{selector[len(root) :]}"
    return f".{scope} {selector}"


def web_css(layout: Layout) -> str:
    """The web page's stylesheet: fonts, colours (light and dark) and the layout's rules."""
    font = layout.font
    parts = [
        "/* Generated by pressroom from layouts/: edit those files, not this one. */\n",
        f'@font-face {{ font-family: "{font.family}"; font-weight: 400; '
        f'src: url("fonts/{font.regular.name}") format("truetype"); }}\n',
        f'@font-face {{ font-family: "{font.family}"; font-weight: 700; '
        f'src: url("fonts/{font.bold.name}") format("truetype"); }}\n',
        layout.colour_css("screen"),
        "@media (prefers-color-scheme: dark) {\n" + layout.colour_css("dark") + "}\n",
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
