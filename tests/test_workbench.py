"""The --watch workbench in Chromium: the printed pages with their findings, following saves, and
the picture browser whose click copies the Markdown to paste. Both served on 127.0.0.1 only."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from pressroom.pipeline import BuildOptions
from pressroom.watch import watch

from .conftest import Project, make_project

NO_PICTURE = "You can ask for help at any time.\n"


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, str, list[str]]]:
    project = make_project(tmp_path_factory.mktemp("workbench"))
    about = project.root / "content/mini-easy/020-about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n" + NO_PICTURE, encoding="utf-8")
    project.record_every_page()  # the fixture is signed off: its panel has checked every page
    stop = threading.Event()
    said: list[str] = []
    options = BuildOptions(root=project.root, slugs=("mini-easy",), parallel=False)
    args = (project.root, ("mini-easy",), 0, said.append, options, stop)
    thread = threading.Thread(target=watch, args=args)
    thread.start()
    try:
        base = _wait_for(said, "Preview on http://127.0.0.1:").split()[2].rstrip("/")
        _wait_for(said, "PDFs up to date.")
        yield project, base, said
    finally:
        stop.set()
        thread.join(timeout=60)


def _wait_for(said: list[str], start: str, after: int = 0) -> str:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        for line in said[after:]:
            if line.startswith(start):
                return line
        time.sleep(0.05)
    raise AssertionError(f"never said {start!r}: {said}")


def test_printed_pages_show_the_print_pdf_with_each_pages_findings(
    workbench: tuple[Project, str, list[str]], browser: Any
) -> None:
    project, base, said = workbench
    assert base.startswith("http://127.0.0.1:")
    page = browser.new_page()
    page.goto(f"{base}/mini-easy/")
    page.click("text=See the printed pages")
    page.wait_for_load_state("load")
    images = page.locator("section.printed-page img")
    assert images.count() >= 4  # a booklet: a multiple of 4 pages
    widths = page.eval_on_selector_all(
        "section.printed-page img", "els => els.map(e => e.complete && e.naturalWidth)"
    )
    assert all(w and w > 100 for w in widths), widths  # real page images, not broken ones
    about = page.locator("section.printed-page", has_text="020-about.md").first
    assert "row-picture" in about.inner_text()
    assert "This paragraph has no picture beside it." in about.inner_text()
    # The page knows the version it was made at, so a build that ends while it loads reloads it.
    version = page.evaluate("async () => (await (await fetch('/version')).json()).version")
    assert f"let seen = {version};" in page.content()

    # Save a change: once the build has run the view reloads with the new findings.
    count = len(said)
    source = project.root / "content/mini-easy/020-about.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(NO_PICTURE, NO_PICTURE + "\nI can't go.\n"),
        encoding="utf-8",
    )
    # The contraction, and (the fixture being signed off) the page changed since its review.
    _wait_for(said, "Build stopped: 3 error(s).", after=count)
    page.wait_for_function(
        "() => document.body.innerText.includes('negative-contractions')", timeout=30000
    )
    assert "review-outdated" in page.inner_text("main")
    text = page.inner_text("main")
    assert "these are the last good printed pages" in text  # output/ kept the last good PDF
    page.close()


def test_the_picture_browser_finds_pictures_and_a_click_copies_the_markdown(
    workbench: tuple[Project, str, list[str]], browser: Any
) -> None:
    _project, base, _said = workbench
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{base}/mini-easy/")
    page.click("text=Find a picture")
    page.fill("input[type=search]", "nurse listening")
    page.press("input[type=search]", "Enter")
    page.wait_for_selector("button.pick")
    names = page.locator("button.pick code").all_inner_texts()
    assert "openmoji:nurse" in names[:3] and "nurse" in names  # index first; own picture too
    shown = page.eval_on_selector_all(
        "button.pick img", "els => els.map(e => e.complete && e.naturalWidth > 0)"
    )
    assert shown and all(shown)
    page.locator("button.pick", has_text="openmoji:nurse").first.click()
    page.wait_for_function("() => document.getElementById('copied').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == "![A nurse](openmoji:nurse)"
    context.close()
