"""Moving around a long web page, printing it, what a screen reader hears, and report.html.

Uses the real site, built once per test run (``site`` in ``conftest.py``), in Chromium.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .browsing import REFLOW_JS, SLUGS, web
from .conftest import Project

SECTION_RE = re.compile(
    r'<(section|article) class="page kind-([\w-]+)[^"]*" id="([^"]+)"[^>]*>(.*?)</\1>', re.DOTALL
)


@pytest.mark.parametrize("slug", SLUGS)
def test_long_pages_are_easy_to_move_around(site: Project, slug: str) -> None:
    html = web(site, slug).read_text(encoding="utf-8")
    sections = SECTION_RE.findall(html)
    contents = html[html.index('class="contents-list"') :]
    contents = contents[: contents.index("</ol>")]
    linked = set(re.findall(r'href="#([^"]+)"', contents))
    for _tag, kind, section_id, body in sections:
        if kind == "cover":
            continue
        assert body.rstrip().endswith('">Back to contents</a></p>'), section_id
        if re.search(r"<h2\b", body):
            assert section_id in linked, section_id
    # The downloads come right after the cover, before the first section of reading.
    first_section = html.index(sections[1][2])
    downloads = html.index('class="downloads"')
    assert downloads < first_section
    names = re.findall(r'<a href="downloads/[^"]+">(.*?)</a>', html, re.DOTALL)
    counted = r"\d+ (?:pages?|tracks?|braille pages|chapters?), [\d.]+ [KM]B"
    assert names and all(re.search(counted, n) for n in names), names


def test_cards_say_print_this_card_after_their_heading(site: Project) -> None:
    html = web(site, "my-rights").read_text(encoding="utf-8")
    cards = [body for _t, kind, _i, body in SECTION_RE.findall(html) if kind == "tear-out"]
    assert len(cards) >= 2
    for body in cards:
        assert body.index("</h2>") < body.index("Print this card")


@pytest.mark.parametrize("slug", SLUGS)
def test_screen_readers_hear_no_noise(site: Project, slug: str) -> None:
    html = web(site, slug).read_text(encoding="utf-8")
    assert "Space to write:" not in html
    for cut in re.findall(r'<div class="activity cut-line"[^>]*>', html):
        assert 'aria-hidden="true"' in cut
    # Sections are plain sections with headings: no region landmark each, no duplicate names.
    for opening in re.findall(r"<(?:section|article)\b[^>]*>", html):
        assert "aria-label" not in opening, opening


def test_no_region_landmarks_in_the_accessibility_tree(site: Project, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(web(site, "my-rights").as_uri())
    cdp = context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    roles = [n.get("role", {}).get("value") for n in nodes if not n.get("ignored")]
    assert roles.count("region") == 0
    assert roles.count("main") == 1
    context.close()


PRINT_JS = """() => {
  const out = {light: [], hidden: [], pictures: 0, backgrounds: []};
  const lum = c => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(v => {
    v = v / 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  for (const el of document.querySelectorAll('main *')) {
    if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
    const cs = getComputedStyle(el);
    const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (text && (1.05) / (lum(cs.color) + 0.05) < 7) out.light.push(el.tagName + ' ' + cs.color);
    if (cs.backgroundImage !== 'none') out.backgrounds.push(el.className);
    if (el.matches('a[href^="downloads/"], .back-to-contents a')) out.hidden.push(el.textContent);
  }
  out.pictures = [...document.querySelectorAll('main img')].filter(i => i.offsetParent).length;
  out.all = document.querySelectorAll('main img').length;
  return out;
}"""


@pytest.mark.parametrize("slug", SLUGS)
def test_printing_from_the_browser_is_dark_on_white_with_every_picture(
    site: Project, browser: Any, slug: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.emulate_media(media="print", color_scheme="dark")
    page.goto(web(site, slug).as_uri())
    found = page.evaluate(PRINT_JS)
    assert found["light"] == []  # 7:1 or more against white paper, with backgrounds off
    assert found["backgrounds"] == []  # nothing drawn only as a background (printers skip them)
    assert found["hidden"] == []  # no downloads or "Back to contents" on paper
    assert found["pictures"] == found["all"] > 0
    context.close()


def test_report_works_on_a_phone(site: Project, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site.output("report.html").as_uri())
    assert page.evaluate(REFLOW_JS)["hscroll"] is False
    title = page.title()
    assert title.startswith("pressroom report: ") and "My Rights" in title
    description = page.get_attribute('meta[name="description"]', "content")
    assert description and "My Rights" in description
    context.close()


def test_phone_numbers_can_be_tapped_and_never_wrap(site: Project, browser: Any) -> None:
    html = web(site, "restrictive-practices").read_text(encoding="utf-8")
    assert len(set(re.findall(r'href="tel:(\d+)"', html))) >= 4
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(web(site, "restrictive-practices").as_uri())
    lines = page.evaluate(
        "() => [...document.querySelectorAll('a[href^=\"tel:\"]')]"
        ".map(a => a.getClientRects().length)"
    )
    assert lines and set(lines) == {1}
    context.close()
