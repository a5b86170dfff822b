"""Shared test helpers: fixture projects in temporary folders and a real build through the CLI.

A full build costs seconds of CPU, so builds are shared: ``real_site`` (the repository's own
publications) and ``mini_built`` (the small fixture project) are built once per run, and a test
that changes files takes ``built``, its own copy of ``mini_built``. Shared builds are read-only:
each is fingerprinted when it is made and checked at the end of the run, so a test that writes
into one fails instead of making later tests depend on the order they run in.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pressroom.cli import main
from pressroom.model import Finding, Publication
from pressroom.source.load import Sources, load_publication

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Run:
    """The result of running ``python build.py`` in-process."""

    code: int
    out: str
    err: str = ""
    """What it wrote to standard error (kept only where a test asks, as for the real site)."""

    @property
    def lines(self) -> list[str]:
        """Output lines without the summary line."""
        return self.out.splitlines()[:-1]

    def findings(self, rule: str) -> list[str]:
        """Finding lines of one rule."""
        return [line for line in self.lines if f"[{rule}]" in line]


@dataclass
class Project:
    """A throwaway pressroom project: the real layouts plus fixture content."""

    root: Path
    panel_checks_every_page: bool = True
    """Before each build, record that the panel checked every page of every publication as it
    is then (``python build.py review <name> --record``), so that tests about other things see
    signed-off fixtures as truly signed off. Tests of the record itself set this to False, and
    a record a test wrote itself is never touched."""

    def write(self, rel: str, text: str) -> Path:
        """Create or replace a file in the project."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def build(self, *args: str) -> Run:
        """Run the CLI against this project and capture what it prints."""
        buffer = io.StringIO()
        command = (
            [*args, "--root", str(self.root)]
            if args[:1] in (("new",), ("pictures",), ("review",))
            else ["--root", str(self.root), "--debug", *args]
        )
        if self.panel_checks_every_page and args[:1] not in (("new",), ("review",)):
            self.record_every_page()
        with redirect_stdout(buffer):
            code = main(command)
        return Run(code, buffer.getvalue())

    def load(self, slug: str) -> tuple[Publication | None, list[Finding]]:
        """Load one publication as the build would (the panel's record written first)."""
        if self.panel_checks_every_page:
            self.record_every_page()
        return load_publication(Sources(self.root), slug)

    def record_every_page(self) -> None:
        """Write each publication's record anew: one session that checked every page."""
        for folder in sorted((self.root / "content").glob("*/publication.yml")):
            path = folder.parent / "co-production.yml"
            if path.exists() and not path.read_text(encoding="utf-8").startswith(TEST_RECORD):
                continue
            path.unlink(missing_ok=True)
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                main(["review", folder.parent.name, "--root", str(self.root), *TEST_SESSION])
            if path.exists():
                path.write_text(TEST_RECORD + path.read_text(encoding="utf-8"), encoding="utf-8")

    def output(self, rel: str = "") -> Path:
        """A path inside the project's output/."""
        return self.root / "output" / rel


TEST_RECORD = "# written by tests/conftest.py: the panel checked every page as it is now\n"
TEST_SESSION = ("--record", "2026-01-10", "--group", "The test group", "--readers", "3")


def copy_project(project: Project, tmp: Path) -> Project:
    """A copy of a project, outputs and build cache included (the build keys hold no paths, so
    the copy is as up to date as the original)."""
    root = tmp / "project"
    shutil.copytree(project.root, root, symlinks=True)
    return Project(root, project.panel_checks_every_page)


def fingerprint(root: Path) -> dict[str, str]:
    """The hash of every file under ``root``, by its path there."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def changed_files(root: Path, made: dict[str, str]) -> list[str]:
    """The files under ``root`` added, removed or changed since its :func:`fingerprint`."""
    now = fingerprint(root)
    return sorted(name for name in made.keys() | now.keys() if made.get(name) != now.get(name))


def make_project(tmp: Path, fixture: str = "mini") -> Project:
    """Copy a fixture project and the repository's layouts into ``tmp``."""
    root = tmp / "project"
    shutil.copytree(FIXTURES / fixture, root)
    shutil.copytree(REPO / "layouts", root / "layouts")
    (root / "images").mkdir(exist_ok=True)
    return Project(root)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules marked ``heavy`` first: with several workers (``./run test``), a long module
    started last would end the run alone while the other workers wait."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


@contextmanager
def shared_folder(factory: pytest.TempPathFactory, name: str) -> Iterator[Path]:
    """A folder of this test run, the same for every pytest-xdist worker, held locked while the
    ``with`` block runs: the first worker makes what goes in it, the others wait, then read."""
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the folder all workers of this run share
    folder = base / f"shared-{name}"
    folder.mkdir(exist_ok=True)
    with (base / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder


def shared_build(
    factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Run]
) -> tuple[Path, Run]:
    """A build made once per test run, in ``shared-<name>/project``, even when several workers
    run the tests (``make`` gets the project folder); what the build printed, for every worker."""
    with shared_folder(factory, name) as folder:
        said = folder / "run.json"
        if not said.exists():
            run = make(folder / "project")
            said.write_text(json.dumps([run.code, run.out, run.err]), encoding="utf-8")
        code, out, err = json.loads(said.read_text(encoding="utf-8"))
    return folder / "project", Run(code, out, err)


@pytest.fixture(scope="session", autouse=True)
def language_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """pressroom's cache folder for the whole test run, a folder of its own: the prepared
    language data and press profiles are copied from the user's cache when a build there made
    them (their names carry the versions of what they were made from), else the first worker
    prepares them (that takes seconds; test_offline.py and test_press_files.py make their own
    from nothing). Web font subsets are always made afresh."""
    from pressroom import prepared
    from pressroom.checks import _language

    old = os.environ.get("PRESSROOM_CACHE")
    with shared_folder(tmp_path_factory, "language-cache") as folder:
        if prepared.folder().is_dir() and not (folder / "icc").exists():
            made = shutil.ignore_patterns("web-fonts", "*.tmp*")
            shutil.copytree(prepared.folder(), folder, ignore=made, dirs_exist_ok=True)
        os.environ["PRESSROOM_CACHE"] = str(folder)
        _language.syllables("prepared")
        _language.zipf("prepared")
    yield
    if old is None:
        del os.environ["PRESSROOM_CACHE"]
    else:
        os.environ["PRESSROOM_CACHE"] = old


@dataclass(frozen=True)
class SharedBuild:
    """A project as one full build left it, and what that build printed."""

    project: Project
    run: Run


@pytest.fixture(scope="session")
def real_site_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedBuild]:
    """The repository's real publications, built once per test run in a scratch copy: the
    first build of a fresh copy, with ``--timings`` (what it printed to standard error is in
    ``run.err``)."""

    def make(root: Path) -> Run:
        for folder in ("content", "layouts", "images"):
            shutil.copytree(REPO / folder, root / folder)
        timings = io.StringIO()
        with redirect_stderr(timings):
            run = Project(root, panel_checks_every_page=False).build("--timings")
        return Run(run.code, run.out, timings.getvalue())

    root, run = shared_build(tmp_path_factory, "real", make)
    assert run.code == 0, run.out
    project = Project(root, panel_checks_every_page=False)
    made = fingerprint(root)
    yield SharedBuild(project, run)
    changed = changed_files(root, made)
    assert not changed, f"tests wrote into the shared real_site build (copy it first): {changed}"


@pytest.fixture(scope="session")
def real_site(real_site_build: SharedBuild) -> Project:
    """The repository's real publications after one build (read-only: copy it to change it)."""
    return real_site_build.project


@pytest.fixture(scope="session")
def mini_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedBuild]:
    """The small fixture project, built once for the whole run: read it, never change it."""

    def make(root: Path) -> Run:
        return make_project(root.parent).build()

    root, run = shared_build(tmp_path_factory, "mini-built", make)
    assert run.code == 0, run.out
    project = Project(root)
    made = fingerprint(project.root)
    yield SharedBuild(project, run)
    changed = changed_files(project.root, made)
    assert not changed, f"tests wrote into the shared mini build (use `built`): {changed}"


@pytest.fixture(scope="session")
def mini_built(mini_build: SharedBuild) -> Project:
    """The small fixture project after one full build (read-only: see ``built``)."""
    return mini_build.project


@pytest.fixture
def built(mini_built: Project, tmp_path: Path) -> Project:
    """This test's own copy of the built fixture project, to change as it likes."""
    return copy_project(mini_built, tmp_path)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the small two-publication fixture project."""
    return make_project(tmp_path)


class _Escaped(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_stray_weasyprint_logs() -> Iterator[None]:
    """Fail any test in which WeasyPrint logs a warning that pressroom did not capture.

    pressroom turns WeasyPrint's messages into findings (its capture stops them from reaching
    the root logger); tests that expect such findings assert on them. A message that reaches
    the root logger escaped the capture, so it would have been lost.
    """
    handler = _Escaped()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    messages = [r.getMessage() for r in handler.records if r.name.startswith("weasyprint")]
    assert not messages, f"WeasyPrint logged outside pressroom's capture: {messages}"


@pytest.fixture(scope="session")
def site(real_site: Project) -> Project:
    """The repository's real publications, built once for the whole run (see real_site)."""
    return real_site


NU_CHECKED = ("{slug}/web/index.html", "{slug}/{slug}-audio-script.html")


@pytest.fixture(scope="session")
def nu_messages(real_site: Project, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the Nu HTML Checker says (errors only) of the real site's HTML files (each web page
    and audio script, by its path in ``output/``), from one Java run for the whole test run;
    messages that name no file of these are under ``"elsewhere"``."""
    import subprocess
    from urllib.parse import unquote, urlsplit

    from .browsing import JAVA, SLUGS

    with shared_folder(tmp_path_factory, "nu") as folder:
        said = folder / "messages.json"
        if not said.exists():
            jar = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
            assert jar.is_file(), "run ./run test: it installs the Nu HTML Checker"
            names = [name.format(slug=slug) for slug in SLUGS for name in NU_CHECKED]
            paths = {str(real_site.output(name)): name for name in names}
            done = subprocess.run(
                [*JAVA, "-jar", str(jar), "--errors-only", "--format", "json", *paths],
                capture_output=True,
                text=True,
                timeout=200,
            )
            messages: dict[str, list[str]] = {name: [] for name in names}
            for message in json.loads(done.stderr or '{"messages": []}')["messages"]:
                where = paths.get(unquote(urlsplit(message.get("url", "")).path), "elsewhere")
                messages.setdefault(where, []).append(message.get("message", ""))
            said.write_text(json.dumps(messages), encoding="utf-8")
        found: dict[str, Any] = json.loads(said.read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium headless shell, driven by Playwright (no browser is ever downloaded)."""
    from playwright.sync_api import sync_playwright

    from .browsing import CHROMIUM, CHROMIUM_FLAGS

    if not CHROMIUM.exists():
        pytest.fail(
            "Chromium's headless shell is not installed: run ./run test, which installs it."
        )
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
