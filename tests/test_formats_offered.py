"""Issue 17 point 5: the alternative formats are offered where readers and the team look for them."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from pressroom.outputs import registry

from .conftest import Project

FORMATS = {  # output name -> what the "another format" box calls it
    "large-print-pdf": "large print",
    "epub": "e-book",
    "braille": "braille",
    "audio-script": "audio",
}


def test_each_alternative_format_is_registered_with_a_purpose_and_a_download() -> None:
    specs = {spec.name: spec for spec in registry.OUTPUTS}
    for name in FORMATS:
        assert specs[name].purpose, name
        assert specs[name].download is not None, name


def test_the_formats_are_in_the_box_the_downloads_and_the_job_sheet(site: Project) -> None:
    slug = "my-rights"
    html = site.output(f"{slug}/web/index.html").read_text(encoding="utf-8")
    box = html[html.index('class="other-formats"') :]
    box = box[: box.index("</div>")]
    for words in FORMATS.values():
        assert words in box, words  # the box says which formats are ready
    assert "web page" in box  # and where
    downloads = re.findall(r'href="downloads/([^"]+)"', html)
    job = json.loads(site.output(f"{slug}/{slug}-job.json").read_text(encoding="utf-8"))
    listed = {entry["name"]: entry for entry in job["files"]}
    for name in (f"{slug}-large-print.pdf", f"{slug}.epub", f"{slug}.brf"):
        assert name in downloads, name
        assert (site.output(f"{slug}/web/downloads") / name).is_file()
        assert listed[name]["purpose"], name
    # Both braille files count the same pages: the BRF by its form feeds, the preview by its
    # page headings.
    brf = site.output(f"{slug}/{slug}.brf").read_bytes()
    pages = brf.count(b"\x0c") + 1
    assert pages > 1
    assert html.count(f"{pages} braille pages") == 2, re.findall(r"[^(]*braille pages?", html)


@pytest.mark.parametrize("slug", ["restrictive-practices", "my-rights"])
def test_no_two_downloads_in_the_list_share_a_link_text(site: Project, slug: str) -> None:
    """Each file in the downloads list says what it is for in words of its own (the braille
    file and its preview are for different people), not only in its file kind."""
    html = site.output(f"{slug}/web/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="downloads/(?!cards/)([^"]+)">([^<(]+)', html)
    texts = [text.strip() for _name, text in links]
    assert len(links) >= 8 and len(set(texts)) == len(texts), links


@pytest.mark.parametrize("slug", ["restrictive-practices", "my-rights"])
def test_readers_see_their_downloads_first_and_the_files_for_copy_makers_folded_away(
    site: Project, slug: str, browser: Any
) -> None:
    """A reader's list holds what they can read (on screen, printed at home, large print,
    e-book, braille); the print shop's PDF, the script for recording the audio and the braille
    preview for checking are in a list of their own, closed until it is opened."""
    page = browser.new_page(viewport={"width": 320, "height": 900})
    try:
        page.goto(site.output(f"{slug}/web/index.html").as_uri())
        shown = page.eval_on_selector_all(
            ".downloads a", "links => links.filter(a => a.checkVisibility()).map(a => a.href)"
        )
        makers = {f"{slug}-print.pdf", f"{slug}-audio-script.html", f"{slug}-braille.txt"}
        names = [href.rsplit("/", 1)[-1] for href in shown]
        assert names and not makers & set(names), names
        assert {f"{slug}-digital.pdf", f"{slug}.epub", f"{slug}.brf"} <= set(names)
        summary = page.locator(".downloads details summary")
        summary.focus()
        page.keyboard.press("Enter")  # opened from the keyboard, as any disclosure is
        opened = page.eval_on_selector_all(
            ".downloads details a",
            "links => links.filter(a => a.checkVisibility()).map(a => a.href)",
        )
        assert {href.rsplit("/", 1)[-1] for href in opened} == makers
    finally:
        page.close()
