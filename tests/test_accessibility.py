"""The real publications' web pages and digital PDFs, checked with the tools auditors use.

axe-core in Debian's headless Chromium (driven by Playwright; no browser is ever downloaded),
reflow at 320 CSS px, text and page zoom to 200 %, dark mode, the Nu HTML Checker, and a pikepdf
check of pressroom's own PDF/UA expectations (the independent validators run in test_pdfua.py). A missing browser fails these tests: the test
command installs it.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from .browsing import REFLOW_JS, SLUGS, axe, web
from .conftest import Project
from .pdfua import check as pdfua_check

pytestmark = pytest.mark.heavy


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="module")
def loaded(browser: Any, site: Project) -> Iterator[Callable[[str, int], Any]]:
    """Each web page loaded once at each width, for the colour modes to be checked in turn: the
    page has no script, so a colour mode set after loading gives what loading in it gives."""
    pages: dict[tuple[str, int], Any] = {}

    def page_for(slug: str, width: int) -> Any:
        if (slug, width) not in pages:
            context = browser.new_context(viewport={"width": width, "height": 900})
            pages[slug, width] = context.new_page()
            pages[slug, width].goto(web(site, slug).as_uri())
        return pages[slug, width]

    yield page_for
    for opened in pages.values():
        opened.context.close()


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("scheme", ["light", "dark", "forced-colors"])
@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_no_wcag_aa_violations(
    loaded: Callable[[str, int], Any], slug: str, scheme: str, width: int
) -> None:
    page = loaded(slug, width)
    page.emulate_media(
        color_scheme="dark" if scheme == "dark" else "light",
        forced_colors="active" if scheme == "forced-colors" else "none",
    )
    modes = "['(prefers-color-scheme: dark)', '(forced-colors: active)'].map(q => matchMedia(q).matches)"
    assert page.evaluate(modes) == [scheme == "dark", scheme == "forced-colors"]
    assert axe(page) == []


def test_axe_as_run_here_reports_what_it_finds(page: Any) -> None:
    """The options that make axe faster leave its violations whole: a bad page still fails, on
    the WCAG rules, on the page-structure rules run beside them, and in a colour mode set
    after the page has loaded."""
    page.set_content(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Bad</title></head><body><main>'
        '<h1>Bad</h1><img src="x.png"><p style="color:#bbb;background:#fff">Pale text</p>'
        "<h4>Skipped levels</h4></main></body></html>"
    )
    found = {v["id"]: v["nodes"] for v in axe(page)}
    assert found.keys() == {"image-alt", "color-contrast", "heading-order"}
    assert found["image-alt"] == [["img"]]
    # The page-structure rules run in the same pass as the WCAG tags.
    page.set_content(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Loose</title></head><body>'
        "<p>Text outside any landmark</p></body></html>"
    )
    assert {v["id"] for v in axe(page)} == {"landmark-one-main", "page-has-heading-one", "region"}
    # A colour mode set after the page has loaded is the one axe checks (the pages are loaded
    # once and checked in each mode in turn).
    page.set_content(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Dark</title><style>@media '
        "(prefers-color-scheme: dark) { p { color: #444; background: #222 } }</style></head>"
        "<body><main><h1>Dark</h1><p>Only dark mode is too faint</p></main></body></html>"
    )
    page.emulate_media(color_scheme="light")
    assert axe(page) == []
    page.emulate_media(color_scheme="dark")
    assert [v["id"] for v in axe(page)] == ["color-contrast"]


@pytest.mark.parametrize("slug", SLUGS)
def test_cms_fragment_passes_axe_inside_a_host_page(
    site: Project, page: Any, slug: str, tmp_path: Path
) -> None:
    fragment = web(site, slug, "fragment.html").read_text()
    assert not re.search(r"<(html|head|body)[\s>]", fragment)
    shutil.copytree(web(site, slug).parent / "assets", tmp_path / "assets")  # not into the site
    host = tmp_path / "host-test.html"
    host.write_text(
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Host site</title>'
        '<link rel="stylesheet" href="assets/fragment.css"></head><body><main>'
        f"{fragment}</main></body></html>"
    )
    page.goto(host.as_uri())
    assert axe(page) == []
    # The fragment's styles apply only inside it.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.pressroom h2')).fontWeight")
        == "700"
    )


CLIP_JS = """() => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (!['hidden', 'clip'].includes(cs.overflowX) && !['hidden', 'clip'].includes(cs.overflowY)) continue;
    const box = el.getBoundingClientRect();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const range = document.createRange(); range.selectNodeContents(n);
      if ([...range.getClientRects()].some(r => r.bottom > box.bottom + 1 || r.right > box.right + 1))
        { out.push(el.tagName + '.' + el.className); break; }
    }
  }
  return out;
}"""

FONT_SIZES_JS = """() => [...document.querySelectorAll('p, li, a, h1, h2, h3, dt, dd')]
  .filter(e => e.innerText && e.innerText.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))"""


@pytest.mark.parametrize("slug", SLUGS)
def test_reflows_at_320_css_pixels(site: Project, page: Any, slug: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(web(site, slug).as_uri())
    assert page.evaluate(REFLOW_JS) == {"hscroll": False, "offenders": []}


@pytest.mark.parametrize("slug", SLUGS)
def test_text_enlarged_to_200_percent_loses_nothing(site: Project, page: Any, slug: str) -> None:
    page.goto(web(site, slug).as_uri())
    before = page.evaluate(FONT_SIZES_JS)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    # Wait for the browser to take up the new default size rather than for a fixed time.
    page.wait_for_function("() => getComputedStyle(document.documentElement).fontSize === '32px'")
    after = page.evaluate(FONT_SIZES_JS)
    assert len(before) == len(after) > 20
    not_scaled = [b for b, a in zip(before, after, strict=True) if a < b * 1.9]
    assert not_scaled == []
    assert page.evaluate(CLIP_JS) == []
    assert page.evaluate(REFLOW_JS)["hscroll"] is False
    # Page zoom to 200 % is the same layout as a viewport half as wide.
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 16, "fixed": 13}})
    page.wait_for_function("() => getComputedStyle(document.documentElement).fontSize === '16px'")
    page.set_viewport_size({"width": 640, "height": 450})
    assert page.evaluate(REFLOW_JS) == {"hscroll": False, "offenders": []}
    assert page.evaluate(CLIP_JS) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_focus_is_visible_and_the_skip_link_comes_first(
    site: Project, page: Any, slug: str
) -> None:
    page.goto(web(site, slug).as_uri())
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement, s = getComputedStyle(e);"
        " return {text: e.innerText, href: e.getAttribute('href'), outline: s.outlineStyle,"
        " top: e.getBoundingClientRect().top}; }"
    )
    assert focused["text"] == "Skip to the content" and focused["href"] == "#main"
    assert focused["outline"] != "none" and focused["top"] >= 0


@pytest.mark.parametrize("slug", SLUGS)
def test_page_structure(site: Project, slug: str) -> None:
    html = web(site, slug).read_text()
    assert '<html lang="en-GB">' in html
    assert html.count("<h1") == 1
    assert "<script" not in html  # no JavaScript needed to read it
    assert not re.search(r'(?:src|href)="http:', html)
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels
    assert '<nav class="page' in html  # a contents list
    assert re.search(r'<a href="#page-[^"]+">', html)
    for src in re.findall(r'(?:src|href)="([^"#][^"]*)"', html):
        if src.startswith(("https://", "mailto:", "tel:")):
            continue
        assert not src.startswith(("/", "file:", "//")), src
        assert (web(site, slug).parent / src).is_file(), src


@pytest.mark.parametrize("slug", SLUGS)
def test_glossary_words_open_their_meaning(site: Project, slug: str) -> None:
    html = web(site, slug).read_text()
    anchors = set(
        re.findall(r'<button type="button" class="term" popovertarget="meaning-(term-[^"]+)"', html)
    )
    assert anchors
    for anchor in anchors:
        assert f'<div class="term" id="{anchor}">' in html  # on the "Words to know" page
        assert f'<div class="meaning" id="meaning-{anchor}" popover>' in html


@pytest.mark.parametrize("slug", SLUGS)
def test_downloads_are_listed_with_format_and_size(site: Project, slug: str) -> None:
    html = web(site, slug).read_text()
    downloads = re.findall(
        r'<li><a href="(downloads/[^"]+)">([^<]+) <span class="file-info">'
        r"\(PDF, (\d+) pages, ([\d.]+ [KM]B)\)</span></a></li>",
        html,
    )
    names = [Path(href).name for href, *_ in downloads]
    assert names == [
        f"{slug}-digital.pdf",
        f"{slug}-large-print.pdf",
        f"{slug}-office-booklet.pdf",
        f"{slug}-print.pdf",
    ]


def test_tear_out_cards_and_doodle_worksheet_are_printable_pdfs(site: Project) -> None:
    html = web(site, "my-rights").read_text()
    cards = re.findall(r'<a href="(downloads/cards/[^"]+\.pdf)">Print this card <span', html)
    assert len(cards) >= 2
    assert re.search(
        r'<a href="downloads/cards/my-rights-doodle-pages.pdf">Print the doodle pages <span', html
    )
    # Each card as it is printed: one page, or both sides of its leaf (the meeting card). A card
    # with space to write has fields to fill in on screen; tips to read have none.
    sides = {"my-meeting": 2}
    readable_only = {"tips-before-your-meeting"}
    for href in cards:
        path = web(site, "my-rights").parent / href
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == sides.get(path.stem, 1), path.stem
            assert ("/AcroForm" in pdf.Root) == (path.stem not in readable_only), path.stem
            assert pdfua_check(pdf, str(pdf.docinfo["/Title"])) == []
    assert {"my-meeting", "my-rights", "who-i-can-talk-to"} <= {
        pathlib.PurePosixPath(href).stem for href in cards
    }


@pytest.mark.parametrize("slug", SLUGS)
def test_html_is_valid(nu_messages: dict[str, list[str]], slug: str) -> None:
    assert nu_messages[f"{slug}/web/index.html"] == []
    assert "elsewhere" not in nu_messages, nu_messages  # every message names its page


@pytest.mark.parametrize("slug", SLUGS)
def test_digital_pdf_meets_the_checkable_pdf_ua_points(site: Project, slug: str) -> None:
    path = site.output(f"{slug}/{slug}-digital.pdf")
    title = json.loads(site.output(f"{slug}/{slug}-job.json").read_text())["title"]
    with pikepdf.open(path) as pdf:
        assert pdfua_check(pdf, title) == []
        assert pdf.Root.get("/Outlines") is not None  # bookmarks from the headings
        page = pdf.pages[0]
        assert page.obj.get("/BleedBox") in (None, page.MediaBox)
        assert "/OutputIntents" not in pdf.Root or "GTS_PDFX" not in str(pdf.Root.OutputIntents)


@pytest.mark.parametrize("slug", SLUGS)
def test_digital_pdf_reads_in_source_order(site: Project, slug: str) -> None:
    text = subprocess.run(
        ["pdfinfo", "-struct-text", str(site.output(f"{slug}/{slug}-digital.pdf"))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    job = json.loads(site.output(f"{slug}/{slug}-job.json").read_text())
    titles = list(dict.fromkeys(p["title"] for p in job["pages"] if p["title"] and not p["added"]))
    assert struct_headings(text, "H2")[: len(titles)] == [" ".join(t.split()) for t in titles]


def struct_headings(struct_text: str, tag: str) -> list[str]:
    """The text of each heading element of one level, in the structure tree's order."""
    headings: list[str] = []
    collecting, indent = False, 0
    for line in struct_text.splitlines():
        depth = len(line) - len(line.lstrip())
        stripped = line.strip()
        if re.match(rf"{tag}\b", stripped):
            headings.append("")
            collecting, indent = True, depth
        elif collecting and depth <= indent:
            collecting = False
        elif collecting and stripped.startswith('"'):
            headings[-1] = " ".join(f"{headings[-1]} {stripped.strip(chr(34))}".split())
    return headings


@pytest.mark.parametrize("slug", SLUGS)
def test_screenshots_at_320_and_1280(
    site: Project, browser: Any, slug: str, tmp_path: Path
) -> None:
    for width in (320, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        shot = context.new_page()
        shot.goto(web(site, slug).as_uri())
        path = tmp_path / f"{slug}-{width}.png"  # never into the shared build
        shot.screenshot(path=str(path), full_page=False)
        assert shot.evaluate("document.documentElement.scrollWidth") <= width
        context.close()
        assert path.stat().st_size > 5000
