"""Fast feedback: incremental builds, --force, --emit-html, the starter publications and --watch."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from pressroom.pipeline import BuildOptions
from pressroom.watch import watch

from .conftest import Project

pytestmark = pytest.mark.heavy


def mtimes(project: Project, slug: str) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in project.output(slug).rglob("*") if p.is_file()}


def test_a_build_where_nothing_changed_renders_nothing(built: Project) -> None:
    before = {slug: mtimes(built, slug) for slug in ("mini-easy", "mini-mag")}
    run = built.build()
    assert run.code == 0
    assert run.out.splitlines()[-1].startswith(
        "0 errors, 0 warnings. mini-easy and mini-mag were already up to date."
    )
    assert {slug: mtimes(built, slug) for slug in ("mini-easy", "mini-mag")} == before


def test_editing_one_page_renders_only_that_publication(built: Project) -> None:
    magazine = mtimes(built, "mini-mag")
    page = built.root / "content/mini-easy/020-about.md"
    page.write_text(page.read_text().replace("with a friend", "with your friend"))
    run = built.build()
    assert "Built mini-easy in output/. mini-mag was already up to date." in run.out
    assert mtimes(built, "mini-mag") == magazine
    assert "with your friend" in built.output("mini-easy/web/index.html").read_text()


def test_findings_from_rendering_are_reported_again_when_nothing_changed(project: Project) -> None:
    css = project.root / "layouts/young-people/style.css"
    css.write_text(css.read_text() + "\nh2 { colr: red; }\n")
    first = project.build("mini-mag")
    second = project.build("mini-mag")
    assert first.findings("weasyprint") and second.findings("weasyprint") == first.findings(
        "weasyprint"
    )
    assert "already up to date" in second.out


def test_changes_to_layouts_and_pictures_invalidate_the_cache(built: Project) -> None:
    css = built.root / "layouts/base/base.css"
    css.write_text(css.read_text() + "\n/* a change */\n")
    assert "Built mini-easy, mini-mag in output/." in built.build().out
    nurse = built.root / "images/nurse.svg"
    nurse.write_text(nurse.read_text().replace('r="18"', 'r="20"'))
    assert "Built mini-easy in output/. mini-mag was already up to date." in built.build().out


def test_force_renders_everything_again(built: Project) -> None:
    assert "already up to date" in built.build().out
    assert "Built mini-easy, mini-mag in output/." in built.build("--force").out


def test_emit_html_keeps_what_weasyprint_was_given(project: Project) -> None:
    assert project.build("mini-mag", "--emit-html").code == 0
    debug = project.output("mini-mag/debug")
    # one layout makes both PDFs: the digital PDF is written from what print.html lays out; the
    # large print PDF is a layout of its own
    assert sorted(p.name for p in debug.iterdir()) == [
        "large-print.css",
        "large-print.html",
        "print.css",
        "print.html",
    ]
    page = (debug / "print.html").read_text()
    assert '<link rel="stylesheet" href="print.css">' in page and "filler-" in page
    assert "@color-profile device-cmyk" in (debug / "print.css").read_text()


def test_new_publication_from_each_profile_passes_the_checks(project: Project) -> None:
    for name, profile in (("new-booklet", "easy-read"), ("new-magazine", "young-people")):
        assert project.build("new", name, "--profile", profile).code == 0
        run = project.build(name)
        assert run.code == 0, run.out
        drafts = ("[sign-off]", "[placeholder]")  # a new publication is a draft to fill in
        assert [line for line in run.lines if not any(d in line for d in drafts)] == []
        placeholders = [line for line in run.lines if "[placeholder]" in line]
        assert placeholders and all(
            line.startswith(f"content/{name}/publication.yml:") for line in placeholders
        )
        assert project.build(name, "--check", "--strict").code == 1  # not ready for print
    assert project.build("new", "new-booklet", "--profile", "easy-read").code == 2  # exists already


def test_watch_serves_a_preview_that_follows_saves(project: Project) -> None:
    stop = threading.Event()
    said: list[str] = []
    options = BuildOptions(root=project.root, parallel=False)
    thread = threading.Thread(target=watch, args=(project.root, (), 0, said.append, options, stop))
    thread.start()
    try:
        port = _wait_for_port(said)
        base = f"http://127.0.0.1:{port}"
        page = _get(f"{base}/mini-easy/")
        assert "This booklet is about your rights." in page
        assert 'class="preview-panel"' in page
        version = json.loads(_get(f"{base}/version"))["version"]
        source = project.root / "content/mini-easy/020-about.md"
        long = "Staff must keep you safe and they must tell you what they are going to do and why."
        source.write_text(source.read_text().replace("This booklet is about your rights.", long))
        deadline = time.monotonic() + 20
        # An editor's save may be seen half-written; wait for the preview of the whole save.
        while json.loads(_get(f"{base}/version"))["version"] == version or (
            "Staff must keep you safe" not in (page := _get(f"{base}/mini-easy/"))
        ):
            assert time.monotonic() < deadline, "the preview did not update"
            time.sleep(0.1)
        assert '<mark class="preview-warning" title="Sentence has 18 words' in page
        assert 'href="/source/content/mini-easy/020-about.md#L6"' in page
        assert 'id="L6"' in _get(f"{base}/source/content/mini-easy/020-about.md")
        for path in ("/source/../../etc/passwd", "/source/pressroom/cli.py"):
            try:
                _get(base + path)
                raise AssertionError(f"{path} was served")
            except urllib.error.HTTPError as exc:
                assert exc.code == 404
    finally:
        stop.set()
        thread.join(timeout=60)
    assert said[-1] == "Stopped watching."


def _wait_for_port(said: list[str]) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for line in said:
            if line.startswith("Preview on http://127.0.0.1:"):
                return int(line.split(":")[2].split("/")[0])
        time.sleep(0.05)
    raise AssertionError(f"the preview did not start: {said}")


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        body: bytes = response.read()
    return body.decode("utf-8")


def test_cache_record_is_not_published_on_the_web(project: Project) -> None:
    assert project.build("mini-mag").code == 0
    assert (project.output("mini-mag") / ".build.json").is_file()
    assert not list(Path(project.output("mini-mag/web")).rglob(".build.json"))
