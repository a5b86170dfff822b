"""The web output as the web team and readers meet it, in Debian's headless Chromium.

The CMS fragment inside a host page with an ordinary theme, the glossary words with the keyboard,
page weight, pictures in dark mode and forced colours (pixels), moving around a long page,
printing from the browser, and what a screen reader would hear. One build of the real site is
shared with ``test_accessibility.py`` (session fixtures in ``conftest.py``).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from pressroom.outputs import web as webfolder

from .browsing import REFLOW_JS, SLUGS, axe, web
from .conftest import Project

pytestmark = pytest.mark.heavy

# What WordPress, Drupal and Wagtail themes typically set on bare elements.
THEME_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.4 Georgia, serif; color: #777; background: #fdfdfd; }
header { background: #222; color: #bbb; padding: 2rem 3rem; }
nav ol { display: flex; gap: 2rem; list-style: none; white-space: nowrap; }
h2 { color: #aaa; font-size: 14px; text-transform: uppercase; letter-spacing: 0.3em; }
.entry-content p { font-size: 16px; color: #999; margin: 0 0 2em; }
img { width: 640px; max-width: none; height: auto; border: 4px solid #eee; }
a { color: #8cf; text-decoration: none; }
"""


def host_page(folder: Path, fragment: str, theme_first: bool) -> Path:
    """A host site's article page holding the fragment, with the theme before or after it."""
    theme = f"<style>{THEME_CSS}</style>"
    ours = '<link rel="stylesheet" href="assets/fragment.css">'
    styles = theme + ours if theme_first else ours + theme
    page = folder / "article.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Our leaflets - Host hospital trust</title>{styles}</head><body>"
        '<header class="site-header"><p>Host hospital trust</p></header>'
        '<main><article class="entry-content"><h1>Our easy read leaflets</h1>'
        f"{fragment}</article></main></body></html>",
        encoding="utf-8",
    )
    return page


TEXT_SIZES_JS = """() => [...document.querySelectorAll('.row-text p, .page-body > p, h2')]
  .map(e => getComputedStyle(e).fontSize + ' ' + getComputedStyle(e).color)"""


@pytest.fixture
def copied(site: Project, tmp_path: Path, request: Any) -> Iterator[tuple[Path, str]]:
    """The documented folders (assets/ and downloads/) copied next to a host site's page."""
    slug = request.param
    source = web(site, slug).parent
    for folder in ("assets", "downloads"):
        shutil.copytree(source / folder, tmp_path / folder)
    yield tmp_path, (source / "fragment.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def own_sizes(site: Project, browser: Any) -> Callable[[str, int], list[str]]:
    """The size and colour of the body text on the publication's own web page at a width."""
    found: dict[tuple[str, int], list[str]] = {}

    def sizes(slug: str, width: int) -> list[str]:
        if (slug, width) not in found:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(web(site, slug).as_uri())
            found[slug, width] = page.evaluate(TEXT_SIZES_JS)
            context.close()
        return found[slug, width]

    return sizes


@pytest.mark.parametrize("copied", SLUGS, indirect=True)
@pytest.mark.parametrize("theme_first", [True, False], ids=["theme-before", "theme-after"])
@pytest.mark.parametrize("width", [1280, 320])
def test_cms_fragment_holds_up_inside_a_themed_host_page(
    own_sizes: Callable[[str, int], list[str]],
    browser: Any,
    copied: tuple[Path, str],
    theme_first: bool,
    width: int,
) -> None:
    folder, fragment = copied
    host = host_page(folder, fragment, theme_first)
    slug = "my-rights" if "kind-story" in fragment else "restrictive-practices"
    sizes = own_sizes(slug, width)
    assert sizes
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(host.as_uri())
    page.evaluate("document.fonts.ready")
    assert axe(page) == []
    assert page.evaluate(REFLOW_JS)["hscroll"] is False
    assert page.evaluate(TEXT_SIZES_JS) == sizes  # body text at its own size
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('.pressroom .contents-list')).display"
        )
        == "block"
    )
    # The fragment's own font came from the copied assets/ folder.
    assert page.evaluate("document.fonts.check('700 20px \"Liberation Sans\"')")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').length")
    assert loaded >= 1
    context.close()


@pytest.mark.parametrize("slug", SLUGS)
def test_every_link_of_the_fragment_works_from_the_copied_folders(
    site: Project, slug: str, tmp_path: Path
) -> None:
    source = web(site, slug).parent
    for folder in ("assets", "downloads"):
        shutil.copytree(source / folder, tmp_path / folder)
    fragment = (source / "fragment.html").read_text(encoding="utf-8")
    css = (tmp_path / "assets" / "fragment.css").read_text(encoding="utf-8")
    targets = re.findall(r'(?:src|href)="([^"#][^"]*)"', fragment)
    assert any(t.startswith("downloads/cards/") for t in targets) or slug != "my-rights"
    assert sum(t.startswith("downloads/") for t in targets) >= 3  # the downloads are included
    for target in targets:
        if target.startswith(("https://", "mailto:", "tel:")):
            continue
        assert (tmp_path / target).is_file(), target
    for url in re.findall(r'url\("([^"]+)"\)', css):
        assert (tmp_path / "assets" / url).is_file(), url


@pytest.mark.parametrize("slug", SLUGS)
def test_web_output_is_csp_safe_and_carries_no_pdf_markup(site: Project, slug: str) -> None:
    fragment = web(site, slug, "fragment.html").read_text(encoding="utf-8")
    assert re.search(r'^<div class="pressroom" lang="en-GB">', fragment, re.MULTILINE)
    for name in ("index.html", "fragment.html"):
        html = web(site, slug, name).read_text(encoding="utf-8")
        assert " style=" not in html and "<style" not in html and "<script" not in html
        assert "data-src" not in html and "data-source" not in html


def test_fragment_headings_shift_under_the_host_pages_h1(site: Project) -> None:
    html = web(site, "my-rights").read_text(encoding="utf-8")
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", webfolder.cms_fragment(html, "en-GB"))]
    assert levels[0] == 1 and levels.count(1) == 1
    # Under the host's h1: leave out the cover's h1 ...
    no_cover = webfolder.cms_fragment(html, "en-GB", cover_title=False)
    assert [int(n) for n in re.findall(r"<h([1-6])\b", no_cover)] == levels[1:]
    # ... or keep it one level down, with everything below it.
    shifted = webfolder.cms_fragment(html, "en-GB", shift=1)
    new_levels = [int(n) for n in re.findall(r"<h([1-6])\b", shifted)]
    assert new_levels == [min(6, n + 1) for n in levels]
    # The look stays: headings are styled by their class, not their level.
    assert 'class="pr-h2"' in shifted and ".pressroom.pressroom .pr-h2" in webfolder.fragment_css(
        web(site, "my-rights", "assets/style.css").read_text(encoding="utf-8")
    )


def test_fragment_settings_are_checked(project: Project) -> None:
    yml = project.root / "content"
    publication = next(yml.glob("*/publication.yml"))
    text = publication.read_text(encoding="utf-8")
    publication.write_text(text + "web:\n  fragment_heading_shift: 9\n", encoding="utf-8")
    run = project.build("--check")
    assert run.code == 2
    assert "fragment_heading_shift" in run.out


def test_glossary_word_shows_its_meaning_in_place_with_the_keyboard(
    site: Project, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(web(site, "restrictive-practices").as_uri())
    word = page.locator("main p button.term").first
    name = word.evaluate("e => e.getAttribute('aria-label')")
    assert name == word.inner_text() + ": what it means"  # the visible word comes first
    style = word.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in style  # looks like something to press, not only by colour
    # Reach it with Tab from the element before it.
    page.evaluate(
        "() => { const all = [...document.querySelectorAll('a[href], button')];"
        " const i = all.indexOf(document.querySelector('main p button.term'));"
        " all[i - 1].focus(); }"
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('term')")
    page.keyboard.press("Enter")
    box = page.locator(".meaning:popover-open")
    assert box.count() == 1
    assert "means:" in box.inner_text() and box.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "Close"
    page.keyboard.press("Enter")
    assert page.locator(".meaning:popover-open").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('term')")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert page.locator(".meaning:popover-open").count() == 0
    context.close()


@pytest.mark.parametrize("slug", SLUGS)
def test_pages_are_light(site: Project, slug: str) -> None:
    folder = web(site, slug).parent
    fonts = list((folder / "assets" / "fonts").iterdir())
    assert fonts and all(f.read_bytes()[:4] == b"wOF2" for f in fonts)
    assert sum(f.stat().st_size for f in fonts) <= 150 * 1024
    css = (folder / "assets" / "style.css").read_text(encoding="utf-8")
    assert css.count("font-display: swap") == 2
    html = web(site, slug).read_text(encoding="utf-8")
    assert re.search(r'<link rel="icon" href="assets/icon.svg"', html)
    assert (folder / "assets" / "icon.svg").is_file()
    after_cover = html[html.index("</section>") :]
    pictures = re.findall(r"<img\b[^>]*>", after_cover)
    assert pictures and all('loading="lazy"' in p for p in pictures)


def test_font_subsets_hold_every_character_are_the_same_each_time_and_are_kept(
    site: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    monkeypatch.setenv("PRESSROOM_CACHE", str(tmp_path / "cache"))
    source = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf")
    text = web(site, "my-rights").read_text(encoding="utf-8")
    first = webfolder.subset_font(source, text)
    [kept] = webfolder.font_cache().iterdir()
    made_at = kept.stat().st_mtime_ns
    assert webfolder.subset_font(source, text) == first  # kept: not made again
    assert kept.stat().st_mtime_ns == made_at
    kept.unlink()
    assert webfolder.subset_font(source, text) == first  # made again: the same bytes
    webfolder.subset_font(source, text + "\u00e9\u00f1")  # other characters: another subset
    assert len(list(webfolder.font_cache().iterdir())) == 2
    kept.write_bytes(b"not a font")  # a damaged file is made again, never served
    assert webfolder.subset_font(source, text) == first
    monkeypatch.setenv("PRESSROOM_CACHE", str(kept))  # a cache folder that cannot be made
    assert webfolder.subset_font(source, text) == first
    cmap = TTFont(BytesIO(first)).getBestCmap()
    words = re.sub(r"<[^>]+>", " ", text)
    missing = {c for c in words if c.isprintable() and ord(c) not in cmap and ord(c) < 0x2000}
    assert missing == set()


PICTURE_JS = """async (sel) => {
  const img = document.querySelector(sel);
  img.scrollIntoView({block: 'center'});
  img.loading = 'eager';
  await img.decode();
  const r = img.getBoundingClientRect();
  return {x: r.x, y: r.y, width: r.width, height: r.height};
}"""


@pytest.mark.parametrize("mode", ["dark", "forced-dark", "forced-light"])
@pytest.mark.parametrize("selector", [".row-picture", ".term-picture"])
def test_pictures_keep_a_light_background(
    site: Project, browser: Any, mode: str, selector: str
) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    page.emulate_media(
        color_scheme="light" if mode == "forced-light" else "dark",
        forced_colors="active" if mode.startswith("forced") else "none",
    )
    page.goto(web(site, "restrictive-practices").as_uri())
    box = page.evaluate(PICTURE_JS, f"main {selector}")
    shot = Image.open(BytesIO(page.screenshot(clip=box))).convert("L")
    corner = shot.getpixel((2, 2))
    assert isinstance(corner, int) and corner > 200  # light behind the line art
    context.close()


def test_benchmark_reports_the_page_weight(site: Project) -> None:
    from pressroom.bench import page_weight

    folder = web(site, "restrictive-practices").parent
    weight = page_weight(folder)
    fonts = sum(f.stat().st_size for f in (folder / "assets" / "fonts").iterdir()) / 1024
    assert weight["fonts"] == round(fonts, 1)
    assert weight["fonts"] < weight["first_view"] < weight["whole_page"] < 400
