"""Robustness: nothing leaks, killed builds leave whole folders, and arbitrary text never breaks
loading or escapes into the HTML (property tests with hypothesis)."""

from __future__ import annotations

import contextlib
import html
import http.server
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressroom.checks import run_checks
from pressroom.publish.write import clean_stale_staging
from pressroom.source import markdown

from .conftest import REPO, Project, copy_project

pytestmark = pytest.mark.heavy


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
TIPS = "content/mini-mag/030-tips.md"


@dataclass
class Killable:
    """A built project with a change to the magazine not yet built, and what each output folder
    holds before and after building that change."""

    pristine: Path
    before: dict[str, dict[str, bytes]]
    after: dict[str, dict[str, bytes]]

    def fresh(self, tmp: Path) -> Project:
        """A copy of the project as it is before the build, for one build to be killed."""
        root = tmp / "project"
        shutil.copytree(self.pristine, root, symlinks=True)
        return Project(root)


@pytest.fixture(scope="module")
def killable(mini_built: Project, tmp_path_factory: pytest.TempPathFactory) -> Killable:
    base = tmp_path_factory.mktemp("killed")
    old = copy_project(mini_built, base / "old")
    new = copy_project(mini_built, base / "new")
    for project in (old, new):  # the same change in both: 'new' shows the finished result
        page = project.root / TIPS
        page.write_text(page.read_text().replace("Write down", "Always write down"))
    run = new.build()
    assert "Built mini-mag in output/. mini-easy was already up to date." in run.out, run.out
    old.record_every_page()  # as Project.build does before each build
    before = {slug: _snapshot(old.output(slug)) for slug in SLUGS}
    after = {slug: _snapshot(new.output(slug)) for slug in SLUGS}
    assert before["mini-easy"] == after["mini-easy"] and before["mini-mag"] != after["mini-mag"]
    return Killable(old.root, before, after)


SIGNAL_FIELDS = ("Name", "SigBlk", "SigIgn", "SigPnd", "ShdPnd", "SigCgt")


def _as_a_shell_starts_a_command() -> None:
    """Ctrl-C as a shell leaves it to a command it starts: not ignored, not blocked (whatever
    the test process itself has come to do with it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, set())


class Build:
    """``python build.py`` in a process group of its own, with a terminal for its progress line
    (pressroom shows progress only on a terminal), so that a test can stop it at a given step."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._reader, terminal = pty.openpty()
        env = {k: v for k, v in os.environ.items() if k != "CI"}
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "--root", str(root)],
            stdout=subprocess.DEVNULL,
            stderr=terminal,
            start_new_session=True,
            env=env,
            preexec_fn=_as_a_shell_starts_a_command,
        )
        os.close(terminal)  # the build holds it now
        self.said = ""
        self.held = self.was_held = False

    def signals(self) -> str:
        """What each thread of the build blocks, ignores, has pending and catches (for a failure
        message: /proc/<pid>/task/*/status)."""
        found = []
        for task in sorted(Path(f"/proc/{self.process.pid}/task").glob("*")):
            with contextlib.suppress(OSError):
                lines = (task / "status").read_text().splitlines()
                found.append(" ".join(line for line in lines if line.startswith(SIGNAL_FIELDS)))
        return "\n".join(found)

    def wait_for(self, text: str, timeout: float = 120) -> None:
        """Read the progress line until it shows ``text``."""
        deadline = time.monotonic() + timeout
        while text not in self.said:
            assert time.monotonic() < deadline, f"the build never said {text!r}: {self.said!r}"
            assert self._read(deadline - time.monotonic()), f"the build ended: {self.said!r}"

    def _read(self, timeout: float) -> bool:
        """Add what the build wrote within ``timeout`` to ``said``; False once it has closed
        its terminal (it and its workers have ended)."""
        ready, _, _ = select.select([self._reader], [], [], max(timeout, 0))
        if not ready:
            return True
        try:
            data = os.read(self._reader, 4096)
        except OSError:  # the terminal closes when the build ends
            data = b""
        self.said += data.decode("utf-8", "replace")
        return bool(data)

    def hold(self) -> None:
        """Freeze the build and its workers where they are (as Ctrl-Z would), so that a busy
        machine cannot let it run on to the next step while the test looks at it."""
        os.killpg(self.process.pid, signal.SIGSTOP)
        self.held = self.was_held = True

    def go_on(self) -> None:
        """Let a held build run again (a signal sent while it was held arrives first)."""
        os.killpg(self.process.pid, signal.SIGCONT)
        self.held = False

    def workers(self, at_least: int, timeout: float = 60) -> dict[int, bytes]:
        """The build's render worker processes (forked, so they share its command line), with
        what identifies each one for as long as it lives (its start time in /proc). A held
        build is let go for a moment at a time until they have started."""
        deadline = time.monotonic() + timeout
        held = self.held
        while True:
            found = {pid: _start_time(pid) for pid in _children(self.process.pid)}
            running = {pid: started for pid, started in found.items() if started}
            if len(running) >= at_least or time.monotonic() > deadline:
                return running
            if held:
                self.go_on()
            time.sleep(0.02)
            if held:
                self.hold()

    def finish(self) -> tuple[int, str]:
        """Wait for the build to end, and up to 15 s for its workers (they hold its terminal
        until they end): its exit code and everything it wrote to the terminal."""
        ends = time.monotonic() + 120
        while self.process.poll() is None:
            assert time.monotonic() < ends, f"the build never ended: {self.said!r}"
            self._read(0.2)  # a full terminal would hold it up
            self._let_go()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and self._read(min(0.2, deadline - time.monotonic())):
            self._let_go()
        os.close(self._reader)
        return self.process.returncode, self.said

    def _let_go(self) -> None:
        """Continue a build that was ever held, again: a worker forked the moment it was held can
        miss the continue signal (seen on a busy machine), and would then wait for ever."""
        if self.was_held:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGCONT)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _start_time(pid: int) -> bytes:
    """When a process started (field 22 of /proc/<pid>/stat), or b"" once it has gone."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_bytes()
    except OSError:
        return b""
    fields = stat.rsplit(b")", 1)[1].split()
    return b"" if fields[0] == b"Z" else fields[19]


def _alive(workers: dict[int, bytes]) -> list[int]:
    """The workers still running: same PID and same start time (a PID can be used again)."""
    return [pid for pid, started in workers.items() if _start_time(pid) == started]


WORKERS = min(len(("screen", "press")), os.cpu_count() or 1)  # one publication, in two halves
needs_workers = pytest.mark.skipif(
    WORKERS < 2,
    reason="with one core pressroom renders in its own process, so there are no render workers "
    "to outlive it or to be reached by Ctrl-C as they start",
)


@needs_workers
def test_render_workers_end_when_the_build_process_is_killed(
    killable: Killable, tmp_path: Path
) -> None:
    build = Build(killable.fresh(tmp_path).root)
    build.wait_for("Rendering mini-mag")
    workers = build.workers(at_least=WORKERS)
    try:
        assert len(workers) == WORKERS, f"the render workers never started: {build.said!r}"
        build.process.kill()  # only the main process, as an out-of-memory killer would
        build.finish()
        deadline = time.monotonic() + 60  # a worker inside a long C call notices at its end
        while _alive(workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _alive(workers) == [], "render workers outlived the build that started them"
    finally:
        for pid in _alive(workers):  # never leave one behind, even when the test fails
            os.kill(pid, signal.SIGKILL)


@needs_workers
def test_ctrl_c_the_moment_a_render_worker_is_born_stops_the_build_cleanly(
    killable: Killable, tmp_path: Path
) -> None:
    """A worker reached by Ctrl-C before it has learnt to leave Ctrl-C to the main process
    would die, and the build would say it failed because of a bug."""
    project = killable.fresh(tmp_path)
    build = Build(project.root)
    build.wait_for("Rendering mini-mag")
    build.hold()
    while not _children(build.process.pid):  # let it run a millisecond at a time
        build.go_on()
        time.sleep(0.001)
        build.hold()
    os.killpg(build.process.pid, signal.SIGINT)
    signals = build.signals()
    build.go_on()
    code, said = build.finish()
    assert code == 130 and "output/ was left as it was" in said, f"{said}\n{signals}"
    assert {slug: _snapshot(project.output(slug)) for slug in SLUGS} == killable.before


@pytest.mark.parametrize("step", ["Rendering mini-mag", "Writing output/mini-mag/"])
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["killed", "ctrl-c"])
def test_a_killed_build_leaves_each_folder_old_or_new_and_whole(
    step: str, how: signal.Signals, killable: Killable, tmp_path: Path
) -> None:
    """Stopped while it renders, the build leaves output/ as it was; stopped while it writes,
    each folder is the old one or the new one, whole, never a mix or half of one."""
    project = killable.fresh(tmp_path)
    build = Build(project.root)
    build.wait_for(step)
    build.hold()  # at this step until the signal has been sent
    if step.startswith("Rendering") and WORKERS > 1:
        assert len(build.workers(at_least=WORKERS)) == WORKERS, "no render workers started"
    os.killpg(build.process.pid, how)  # like Ctrl-C in a terminal, or a killed session
    signals = build.signals()
    build.go_on()
    code, said = build.finish()
    assert "Traceback" not in said
    if how == signal.SIGINT and code == 130:
        assert "output/ was left as it was" in said
    if step.startswith("Rendering"):  # nothing is written before every part has rendered
        assert code == (130 if how == signal.SIGINT else -signal.SIGKILL), f"{said}\n{signals}"
        assert {slug: _snapshot(project.output(slug)) for slug in SLUGS} == killable.before
    for slug in SLUGS:
        now = _snapshot(project.output(slug))
        assert now in (killable.before[slug], killable.after[slug]), f"{slug} is half-written"
    # What a killed build leaves is named after it, so the next build knows it can go.
    leftovers = [p.name for p in project.output().iterdir() if p.name.startswith(".staging-")]
    assert all(name.startswith(f".staging-{build.process.pid}-") for name in leftovers)
    clean_stale_staging(project.output())  # as every build does before it writes
    assert not [p for p in project.output().iterdir() if p.name.startswith(".staging-")]


PAGE_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)


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


# Markup an attacker would try, mixed into ordinary characters: random letters alone would
# almost never spell a tag.
MARKUP = ["<script>", "</script>", "<script src=x.js>", "<img src=x onerror=alert(1)>", "<b>"]
SAFE_TEXT = (
    st.lists(
        st.one_of(
            st.sampled_from(MARKUP),
            st.text(alphabet=st.sampled_from(list("abcXYZ 123<>&\"'/=;:.,?!éñ{}%")), max_size=20),
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(lambda t: len(t) <= 160)
).filter(
    # text, not Markdown block syntax (headings, quotes, bullet or numbered lists)
    lambda t: (
        t.strip()
        and not t.startswith((" ", "#", ">", "-", "+", "="))
        and not re.match(r"\d+[.)](\s|$)", t)
        # nor an autolink, whose angle brackets are Markdown syntax: <X1:> is a link to "X1:"
        and not re.search(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>", t)
    )
)


@settings(max_examples=150, deadline=None)
@given(text=SAFE_TEXT)
def test_any_text_appears_escaped_in_the_html(text: str) -> None:
    rendered = markdown.render(markdown.parse(text, False), False, {})
    assert not re.search(r"<(script|img|b)\b", rendered, re.IGNORECASE), rendered
    visible = html.escape(" ".join(text.split()), quote=False)
    assert visible in " ".join(rendered.split()).replace("&quot;", '"')
