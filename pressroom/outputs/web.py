"""The web folder of one publication: ``index.html``, the CMS fragment and their assets.

* ``web/index.html`` and ``web/assets/style.css``: the page on its own;
* ``web/fragment.html`` and ``web/assets/fragment.css``: the same content for pasting into a
  page of another site. The fragment's rules start with ``.pressroom.pressroom`` (two classes,
  so a theme's ``.entry-content p`` cannot beat them) and a scoped reset undoes whatever the
  theme sets on the fragment's elements; headings are styled by class (``pr-h2``), so they can
  be shifted to fit under the host page's ``h1`` (``web:`` settings in ``publication.yml``);
* ``web/assets/fonts/``: WOFF2 subsets of the body font, holding only the characters used;
* ``web/assets/icon.svg`` and ``web/assets/pictures/``;
* ``web/downloads/``: the files of every output the registry offers on the web, listed in the
  page's downloads (with their kind, pages and size; the files for people who make copies in a
  list of their own, folded away) or offered beside their own page (cards).
"""

from __future__ import annotations

import hashlib
import html as htmllib
import io
import re
import string
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import prepared
from ..model import Publication
from ..render.html import publication_words, render_html, web_name
from ..render.layout import Layout
from .spec import Files, OutputSpec, Work, as_bytes, file_info

FRAGMENT_CLASS = "pressroom"
SCOPE = f".{FRAGMENT_CLASS}.{FRAGMENT_CLASS}"
MAIN_RE = re.compile(r"<main\b[^>]*>(?P<body>.*)</main>", re.DOTALL)
HEADING_RE = re.compile(r"<(?P<end>/?)h(?P<level>[1-6])\b(?P<attrs>[^>]*)>")
COVER_H1_RE = re.compile(r"<h1 [^>]*>.*?</h1>\n?", re.DOTALL)
TYPE_HEADING_RE = re.compile(r"(?<![\w.#:\[-])h([1-6])(?![\w-])")
TAG_RE = re.compile(r"<[^>]+>")
# Undo the host theme on the fragment's own elements (not inside SVG, whose drawing attributes
# a reset would wipe); zero specificity beyond the two classes, so every rule of ours wins.
RESET = f"{SCOPE}, {SCOPE} :where(:not(svg, svg *)) {{ all: revert; }}\n"


def make(work: Work) -> Files:
    """The web folder, offering the outputs made before it (``work.made``)."""
    pub, layout = work.pub, work.context.layout
    words = publication_words(pub, layout)
    files: Files = {}
    downloads: list[dict[str, str]] = []
    page_downloads: dict[str, dict[str, str]] = {}
    for spec, made in work.made:
        offered = {name: as_bytes(data) for name, data in made.items() if spec.on_web}
        for name, data in offered.items():
            files[f"web/downloads/{name}"] = data
            label = spec.label(name)
            if label is not None:
                link = {"href": f"downloads/{name}", "label": label(pub, words)}
                group = {"for": "makers" if spec.is_for_makers(name) else "readers"}
                downloads.append({**link, **group, **file_info(name, data, spec.count)})
        if spec.page_files is not None:
            for page, (name, text) in spec.page_files(pub, words).items():
                if name in offered:
                    link = {"href": f"downloads/{name}", "label": text}
                    page_downloads[page] = {**link, **file_info(name, offered[name], spec.count)}
    files.update(web_files(pub, layout, downloads, page_downloads))
    return files


def web_files(
    pub: Publication,
    layout: Layout,
    downloads: Sequence[Mapping[str, str]],
    page_downloads: Mapping[str, Mapping[str, str]],
) -> dict[str, bytes | Path]:
    """Every file of ``web/``, except the downloads themselves."""
    pictures = {ref: f"assets/pictures/{web_name(pic)}" for ref, pic in pub.pictures.items()}
    html = render_html(pub, layout, "web", pictures, downloads, page_downloads=page_downloads)
    css = web_css(layout)
    settings = pub.settings.web
    fragment = cms_fragment(
        html,
        pub.settings.lang,
        settings.fragment_heading_shift,
        settings.fragment_cover_title,
    )
    text = htmllib.unescape(TAG_RE.sub(" ", html))
    files: dict[str, bytes | Path] = {
        "web/index.html": html.encode("utf-8"),
        "web/fragment.html": fragment.encode("utf-8"),
        "web/assets/style.css": css.encode("utf-8"),
        "web/assets/fragment.css": fragment_css(css).encode("utf-8"),
        "web/assets/icon.svg": icon_svg(layout.colour("accent", "screen")).encode("utf-8"),
    }
    for path in (layout.font.regular, layout.font.bold):
        files[f"web/assets/fonts/{font_name(path)}"] = subset_font(path, text)
    for pic in pub.pictures.values():
        files[f"web/assets/pictures/{web_name(pic)}"] = pic.path
    return files


def cms_fragment(html: str, lang: str, shift: int = 0, cover_title: bool = True) -> str:
    """The page's main content for pasting into another site (no html, head or body).

    ``shift`` moves every heading down that many levels (h1 → h2 with 1); without
    ``cover_title`` the cover's ``h1`` is left out, for a host page that has its own.
    """
    match = MAIN_RE.search(html)
    body = match["body"] if match else ""
    if not cover_title:
        body = COVER_H1_RE.sub("", body, count=1)

    def heading(m: re.Match[str]) -> str:
        level = int(m["level"])
        new = min(6, level + shift)
        if m["end"]:
            return f"</h{new}>"
        attrs = m["attrs"]
        if ' class="' in attrs:
            attrs = attrs.replace(' class="', f' class="pr-h{level} ', 1)
        else:
            attrs = f' class="pr-h{level}"{attrs}'
        return f"<h{new}{attrs}>"

    body = HEADING_RE.sub(heading, body)
    return (
        "<!-- pressroom content: link assets/fragment.css; copy assets/ and downloads/ "
        "beside the page. -->\n"
        f'<div class="{FRAGMENT_CLASS}" lang="{htmllib.escape(lang)}">{body}</div>\n'
    )


def fragment_css(css: str) -> str:
    """``css`` limited to the fragment, proof against a host theme's element rules."""
    return RESET + scoped_css(css, SCOPE)


def scoped_css(css: str, scope: str) -> str:
    """``css`` with every rule limited to elements inside ``scope`` (html, body, :root → it)."""
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
    selector = TYPE_HEADING_RE.sub(r".pr-h\1", selector)
    for root in (":root", "html", "body", "main"):  # the fragment is main's content
        if selector == root:
            return scope
        if selector.startswith(root + " "):
            return f"{scope}{selector[len(root) :]}"
    return f"{scope} {selector}"


def web_css(layout: Layout) -> str:
    """The web page's stylesheet: fonts, colours (light and dark) and the layout's rules."""
    family = layout.font.family
    parts = ["/* Generated by pressroom from layouts/: edit those files, not this one. */\n"]
    for weight, font in ((400, layout.font.regular), (700, layout.font.bold)):
        parts.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
            f'font-display: swap; src: url("fonts/{font_name(font)}") format("woff2"); }}\n'
        )
    parts += [
        layout.colour_css("screen"),
        "@media (prefers-color-scheme: dark) {\n" + layout.colour_css("dark") + "}\n",
        "@media print {\n" + layout.colour_css("screen") + "}\n",
    ]
    for name in layout.stylesheets["web"]:
        found = layout.find(name)
        if found is not None:
            parts.append(f"\n/* {name} */\n" + found.read_text(encoding="utf-8"))
    return "".join(parts)


def font_name(path: Path) -> str:
    """The web name of a font file: its stem as WOFF2."""
    return f"{path.stem}.woff2"


def font_cache() -> Path:
    """Where WOFF2 subsets made before are kept, by what they were made from (in the folder of
    prepared data, :mod:`pressroom.prepared`)."""
    return prepared.folder() / "web-fonts"


def subset_font(path: Path, text: str) -> bytes:
    """A WOFF2 holding the glyphs for ``text`` and printable ASCII; the same input gives the same
    bytes (the font's own timestamps are kept).

    Making one takes a good part of a second, and most builds need the same characters as the
    build before, so each subset is kept in :func:`font_cache`, named by a hash of the font file,
    the characters and the fontTools version: a different font or text makes a new one.
    """
    import fontTools  # type: ignore[import-untyped]

    chars = set(text) | set(string.printable) | {"\u00a0", "\u2019", "\u2026", "\u2013"}
    wanted = "".join(sorted(c for c in chars if c.isprintable() or c == " "))
    key = hashlib.sha256(
        b"\0".join([SUBSET_RECIPE, fontTools.version.encode(), path.read_bytes(), wanted.encode()])
    ).hexdigest()
    kept = font_cache() / f"{key}.woff2"
    try:
        found = kept.read_bytes()
        if found.startswith(b"wOF2"):
            return found
    except OSError:
        pass
    made = _subset(path, wanted)
    prepared.keep(kept, made)
    return made


SUBSET_RECIPE = b"woff2 kern liga calt ccmp locl mark mkmk, all names, notdef outline, no FFTM"


def _subset(path: Path, wanted: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: not needed, not subsettable
    font = TTFont(str(path), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=wanted)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=False)
    return out.getvalue()


def icon_svg(colour: str) -> str:
    """The page's icon: a rounded square in the accent colour with a white page on it."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="6" fill="{colour}"/>'
        '<rect x="9" y="6" width="14" height="20" rx="1.5" fill="#ffffff"/></svg>\n'
    )


OUTPUT = OutputSpec(name="web", files=("web/*",), needs="other outputs", make=make)
"""The web folder: last in the registry, so that it can offer every other output."""
