"""Robustness: nothing leaks, killed builds leave whole folders, and arbitrary text never breaks
loading or escapes into the HTML (property tests with hypothesis)."""

from __future__ import annotations

import html
import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressroom.checks import run_checks
from pressroom.source import markdown

from .conftest import REPO, Project, make_project


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<svg xmlns='http://www.w3.org/2000/svg'/>")

    def log_message(self, *args: object) -> None:
        pass


def test_nothing_leaks_and_nothing_is_fetched(project: Project, tmp_path: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/x.svg"
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg xmlns='http://www.w3.org/2000/svg'><title>LEAKED-SECRET</title></svg>")
    (project.root / "images/linked.svg").symlink_to(secret)
    project.write(
        "content/mini-easy/025-hostile.md",
        "---\nkind: notes\ntitle: Hostile\n---\n"
        f"![Web]({url})\nText.\n\n![File]({secret.as_uri()})\nText.\n\n![Linked](linked)\nText.\n\n"
        f"[a]({secret.as_uri()}) [b]({url})\n",
    )
    css = project.root / "layouts/base/base.css"
    css.write_text(
        css.read_text()
        + f'\nbody {{ background: url("{url}") }}\nh2 {{ background: url("{secret.as_uri()}") }}\n'
    )
    try:
        run = project.build()
        assert run.code != 0
        run_force = project.build("--force", "--strict")
        assert run_force.code != 0
    finally:
        server.shutdown()
    assert _Counter.hits == 0
    for path in project.root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert b"LEAKED-SECRET" not in path.read_bytes(), path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


SLUGS = ("mini-easy", "mini-mag")


@pytest.fixture(scope="module")
def old_and_new(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Project, dict[str, dict[str, bytes]], dict[str, dict[str, bytes]]]:
    """A built project with a change not yet built ('old'), and what each of its output folders
    holds before and after building that change. Built once; each kill starts from a pristine
    copy put back at the same place (outputs name pictures after where the project is)."""
    base = tmp_path_factory.mktemp("killed")
    old = make_project(base / "old")
    assert old.build().code == 0
    new = make_project(base / "new")
    for project in (old, new):  # the same change in both: 'new' shows the finished result
        page = project.root / "content/mini-mag/030-tips.md"
        page.write_text(page.read_text().replace("Write down", "Always write down"))
    assert new.build().code == 0
    before = {slug: _snapshot(old.output(slug)) for slug in SLUGS}
    after = {slug: _snapshot(new.output(slug)) for slug in SLUGS}
    shutil.copytree(old.root, base / "pristine", symlinks=True)
    return old, before, after


@pytest.mark.parametrize("delay", [0.4, 0.9, 1.4, 1.9, 2.4])
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_a_killed_build_leaves_each_folder_old_or_new_and_whole(
    delay: float,
    how: signal.Signals,
    old_and_new: tuple[Project, dict[str, dict[str, bytes]], dict[str, dict[str, bytes]]],
) -> None:
    old, before, after = old_and_new
    shutil.rmtree(old.root)
    shutil.copytree(old.root.parent.parent / "pristine", old.root, symlinks=True)
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(old.root), "--force"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(delay)
    os.killpg(process.pid, how)  # like Ctrl-C in a terminal, or a killed session: the whole group
    _out, err = process.communicate(timeout=60)
    assert "Traceback" not in err
    if how == signal.SIGINT and process.returncode == 130:
        assert "output/ was left as it was" in err
    for slug in SLUGS:
        now = _snapshot(old.output(slug))
        assert now in (before[slug], after[slug]), f"{slug} is neither the old nor the new build"
    leftovers = [p.name for p in old.output().iterdir() if p.name.startswith(".staging-")]
    if leftovers:  # a later build clears what a killed one left behind
        assert old.build("--check").code == 0
        assert old.build().code == 0
        assert not [p for p in old.output().iterdir() if p.name.startswith(".staging-")]


PAGE_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=PAGE_TEXT, front=st.text(max_size=80))
def test_loading_any_text_never_raises_and_findings_point_into_the_file(
    project: Project, body: str, front: str
) -> None:
    path = project.root / "content/mini-easy/020-about.md"
    path.write_text(
        f"---\nkind: notes\ntitle: {front!r}\n---\n{body}", encoding="utf-8", newline=""
    )
    pub, findings = project.load("mini-easy")
    if pub is not None:
        findings += run_checks(pub)
    lines = (
        path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    )
    for finding in findings:
        if finding.location.path.endswith("020-about.md"):
            assert 0 <= finding.location.line <= lines, finding.as_line()


SAFE_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ 123<>&\"'/=;:.,?!éñ{}%")), min_size=1, max_size=120
).filter(
    # text, not Markdown block syntax (headings, quotes, bullet or numbered lists)
    lambda t: (
        t.strip()
        and not t.startswith((" ", "#", ">", "-", "+", "="))
        and not re.match(r"\d+[.)](\s|$)", t)
    )
)


@settings(max_examples=150, deadline=None)
@given(text=SAFE_TEXT)
def test_any_text_appears_escaped_in_the_html(text: str) -> None:
    rendered = markdown.render(markdown.parse(text, False), False, {})
    assert "<script" not in rendered.lower() or "&lt;script" in rendered.lower()
    visible = html.escape(" ".join(text.split()), quote=False)
    assert visible in " ".join(rendered.split()).replace("&quot;", '"')


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_render_workers_end_when_the_build_process_is_killed(project: Project) -> None:
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(project.root), "--force"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.8)
    process.kill()  # only the main process, as an out-of-memory killer would
    process.wait()
    deadline = time.monotonic() + 15
    while _processes_mentioning(str(project.root)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_mentioning(str(project.root)) == []
