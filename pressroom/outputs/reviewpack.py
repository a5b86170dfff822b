"""The review pack for a readers' panel session: ``output/<slug>/review/<slug>-review-pack.pdf``.

For each page under review, one A4 sheet printed on both sides. The front holds the page as it
will be printed, at its printed size (the page of the print PDF placed into the sheet as a Form
XObject, trimmed), and beside it the questions with big tick boxes and pictures: understood all,
some or none; do the pictures help. The back has room for the hard words and to write or draw.
The last sheet is the facilitator's record: date, group, who came, and per page the answers and
what to change. Every question is in the profile's ``words.yml`` (checked by the writing rules).

A tagged PDF/UA version, ``<slug>-review-pack-accessible.pdf``, is written for panel members who
use screen readers: the page's own text in place of its printed picture, the same questions
(the facilitator's record sheet, a table to fill in on paper, is left out of it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from html import escape
from pathlib import Path

import pikepdf

from ..model import Page, PictureFile, Publication, Severity, printed
from ..pipeline import BuildOptions, build
from ..render import html as render
from ..render import layout, pdf
from ..source import pictures
from ..source.record import page_key
from .tagged_pdf import finish_tagged_pdf

SHEET_MM = (297.0, 210.0)  # A4 landscape
PAGE_BOX_MM = (148.0, 210.0)  # the left half: an A5 page at its printed size
MM = 72 / 25.4
BOX_MM = 18  # the tick boxes (in PACK_CSS); the tests find them by this size
ICONS = {  # OpenMoji code points
    "all": "1F600",
    "some": "1F610",
    "none": "1F615",
    "pictures": "1F5BC",
    "yes": "1F44D",
    "no": "1F44E",
    "words": "1F4D6",
    "write": "270F",
}


def make_pack(root: Path, pub: Publication, pages: list[Page]) -> int:
    """Build the publication (the pack shows its print PDF), then write both packs."""
    result = build(BuildOptions(root=root, slugs=(pub.slug,), parallel=False, for_review=True))
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    out = root / "output" / pub.slug
    job_path, print_path = out / f"{pub.slug}-job.json", out / f"{pub.slug}-print.pdf"
    if errors or not job_path.exists() or not print_path.exists():
        for finding in errors:
            print(finding.as_line())
        print(f"The review pack shows the print PDF of {pub.slug}: fix the errors above first.")
        return 1
    job = json.loads(job_path.read_text(encoding="utf-8"))
    printed = {
        rel: [p["number"] for p in job["pages"] if p["source"] == rel] for rel in _rels(pages)
    }
    loaded, _problems = layout.load_layout(root / "layouts", pub.profile)
    if loaded is None:
        print(f"The layout of {pub.profile} cannot be read: run python build.py to see why.")
        return 2
    words = render.publication_words(pub, loaded)
    icons = _icons(root)
    sheets = [(page, number) for page in pages for number in printed[page.display_path]]
    folder = out / "review"
    folder.mkdir(parents=True, exist_ok=True)
    fetcher = pdf.make_fetcher([root, *icons.values()], pdf.FetchLog())
    base = root.as_uri() + "/"
    plain = pdf.simple_pdf(pack_html(pub, sheets, words, icons, False), base, fetcher)
    pack = folder / f"{pub.slug}-review-pack.pdf"
    pack.write_bytes(_place_pages(plain, print_path, [n for _, n in sheets]))
    tagged = pdf.html_to_pdf(
        pack_html(pub, sheets, words, icons, True),
        base,
        [],
        fetcher,
        pub.config_location(),
        "accessible review pack",
        {"pdf_variant": "pdf/ua-1", "pdf_tags": True},
    )
    accessible = folder / f"{pub.slug}-review-pack-accessible.pdf"
    accessible.write_bytes(finish_tagged_pdf(tagged.data))
    print(
        f"Wrote {pack.relative_to(root)} ({len(sheets)} page(s): print it on both sides) and "
        f"{accessible.relative_to(root)} for screen readers."
    )
    return 0


def _rels(pages: list[Page]) -> list[str]:
    return [page.display_path for page in pages]


def _icons(root: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for name, code in ICONS.items():
        result = pictures.resolve(f"openmoji:{code}", root / "images")
        if isinstance(result, PictureFile):
            found[name] = result.path
    return found


def _words(words: Mapping[str, object], key: str) -> str:
    value = words.get(key, "")
    return escape(" ".join(value) if isinstance(value, list) else str(value))


def pack_html(
    pub: Publication,
    sheets: list[tuple[Page, int]],
    words: Mapping[str, object],
    icons: dict[str, Path],
    accessible: bool,
) -> str:
    """The pack as HTML: two pages per reviewed printed page, then the facilitator's record."""

    def w(key: str) -> str:
        return _words(words, key)

    def icon(name: str) -> str:  # pictures help readers on paper; a screen reader skips them
        path = None if accessible else icons.get(name)
        return f"<img class='icon' src='{path.as_uri()}' alt=''>" if path else ""

    def box(label: str, name: str) -> str:
        mark = "<span class='box' aria-hidden='true'></span>"
        return f"<li>{mark}{icon(name)}<span class='label'>{label}</span></li>"

    body = []
    for page, number in sheets:
        title = escape(page.title or page_key(page))
        heading = f"{w('review_page').replace('{page}', str(number))}: {title}"
        if accessible:  # the heading first, then the page's own headings below it
            left, right = f"<h2>{heading}</h2>{_page_text(page)}", ""
        else:
            left, right = "<div class='printed'></div>", f"<h2>{heading}</h2>"
        body.append(
            f"<section class='front'><div class='left'>{left}</div><div class='right'>"
            f"{right}<h3>{w('review_understand')}</h3><p>{w('review_tick')}</p>"
            f"<ul class='ticks'>{box(w('review_all'), 'all')}{box(w('review_some'), 'some')}"
            f"{box(w('review_none'), 'none')}</ul>"
            f"<h3>{icon('pictures')}{w('review_pictures')}</h3>"
            f"<ul class='ticks two'>{box(w('review_yes'), 'yes')}{box(w('review_no'), 'no')}</ul>"
            "</div></section>"
            f"<section class='back'><h2>{heading}</h2>"
            f"<h3>{icon('words')}{w('review_hard_words')}</h3>"
            + "<div class='line'></div>" * 3
            + f"<h3>{icon('write')}{w('review_write')}</h3><div class='draw'></div></section>"
        )
    if not accessible:  # the facilitator's record sheet is for paper (its table is to fill in)
        body.append(_record_sheet(pub, sheets, w))
    title = escape(str(words.get("review_pack_title", "")))
    lang = escape(pub.settings.lang)
    return (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{PACK_CSS}</style></head><body><h1 class='pack-title'>{title}</h1>"
        + "".join(body)
        + "</body></html>"
    )


def _record_sheet(pub: Publication, sheets: list[tuple[Page, int]], w: Callable[[str], str]) -> str:
    """The facilitator's record: date, group, who came, and a row per page to fill in."""
    empty = "<td></td>" * 4
    keys = dict.fromkeys(page_key(page) for page, _ in sheets)
    rows = "".join(f"<tr><th scope='row'>{escape(key)}</th>{empty}</tr>" for key in keys)
    return (
        f"<section class='record'><h2>{w('review_record_title')}</h2>"
        f"<p class='field'>{w('review_record_date')}:</p>"
        f"<p class='field'>{w('review_record_group')}:</p>"
        f"<p class='field'>{w('review_record_who')}:</p>"
        f"<table><thead><tr><th scope='col'>{w('review_record_page')}</th>"
        f"<th scope='col'>{w('review_all')}</th><th scope='col'>{w('review_some')}</th>"
        f"<th scope='col'>{w('review_none')}</th><th scope='col'>{w('review_record_change')}</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
        f"<p class='then'>python build.py review {escape(pub.slug)} --record DATE --group NAME "
        "--readers N</p></section>"
    )


def _page_text(page: Page) -> str:
    """The page's words for a screen reader: headings, lines, and what each picture shows."""
    parts = []
    for block in page.blocks:
        text = " ".join(printed(block.spans).split("\n"))  # as printed: no Markdown marks
        alts = [pic.alt for pic in block.pictures if pic.alt]
        if alts:
            parts.append(f"<p class='alt'>{escape('; '.join(alts))}</p>")
        if text.strip():
            tag = "h3" if block.kind == "heading" else "p"
            parts.append(f"<{tag}>{escape(text.strip())}</{tag}>")
    return "<div class='page-text'>" + "".join(parts) + "</div>"


def _place_pages(data: bytes, print_path: Path, numbers: list[int]) -> bytes:
    """Put each printed page (trimmed) into the empty left half of its front sheet."""
    import io

    width, height = PAGE_BOX_MM
    with pikepdf.open(io.BytesIO(data)) as pack, pikepdf.open(print_path) as printed:
        for index, number in enumerate(numbers):
            sheet = pack.pages[2 * index]
            source = printed.pages[number - 1]
            trim = source.trimbox
            scale = min(
                width / (float(trim[2] - trim[0]) / MM), height / (float(trim[3] - trim[1]) / MM)
            )
            w, h = float(trim[2] - trim[0]) * scale, float(trim[3] - trim[1]) * scale
            top = SHEET_MM[1] * MM
            rect = pikepdf.Rectangle(0, top - h, w, top)
            sheet.add_overlay(pack.copy_foreign(source.as_form_xobject()), rect)
        out = io.BytesIO()
        pack.save(out, deterministic_id=True)
        return out.getvalue()


PACK_CSS = """
@page { size: A4 landscape; margin: 0; }
body { font-family: sans-serif; font-size: 16pt; line-height: 1.4; margin: 0; }
.pack-title { position: absolute; left: -9999px; }
section { page-break-after: always; height: 210mm; box-sizing: border-box; }
.front { display: flex; }
.left { width: 148mm; height: 210mm; flex: none; }
.page-text { padding: 10mm; font-size: 14pt; }
.right { padding: 10mm 12mm; flex: 1; border-left: 1pt solid #999; }
.back, .record { padding: 12mm 16mm; }
h2 { font-size: 20pt; margin: 0 0 4mm; }
h3 { font-size: 18pt; margin: 5mm 0 2mm; }
ul.ticks { list-style: none; padding: 0; margin: 0; }
ul.ticks li { display: flex; align-items: center; margin: 0 0 4mm; }
ul.two { display: flex; gap: 12mm; }
.box { display: inline-block; width: 18mm; height: 18mm; border: 1.5mm solid black;
  margin-right: 4mm; flex: none; }
.icon { width: 14mm; height: 14mm; margin-right: 4mm; vertical-align: middle; }
.line { border-bottom: 0.5mm solid #555; height: 14mm; }
.draw { border: 0.5mm solid #555; border-radius: 3mm; height: 95mm; }
.field { border-bottom: 0.5mm solid #555; height: 12mm; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; margin-top: 6mm; font-size: 12pt; }
th, td { border: 0.5mm solid #555; padding: 2mm; height: 10mm; text-align: left; }
.then { font-size: 11pt; font-family: monospace; margin-top: 4mm; }
"""
