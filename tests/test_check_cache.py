"""``--check`` after an edit says exactly what ``--check --force`` says, while reading again
only what changed.

The page-scope rules keep each page's findings between runs (``.cache/pressroom/``); the rules
that read across pages run on the whole publication. Each test copies the repository's own
project, fills the caches with one ``--check``, edits it as an editor would, and compares the
output and ``output/report.json`` of ``--check`` with those of ``--check --force``, byte for
byte (the run time in the summary line aside).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest

from pressroom import checks
from pressroom.checks._api import Context, Fact
from pressroom.model import Finding, Page, Publication

from .conftest import REPO, Project, copy_project

WELCOME = "content/my-rights/030-welcome.md"
LATER = "content/my-rights/100-seclusion.md"


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the repository's project after one ``--check``: never changed (see project)."""
    root = tmp_path_factory.mktemp("checked") / "project"
    for folder in ("content", "layouts", "images", "profiles"):
        shutil.copytree(REPO / folder, root / folder)
    made = Project(root, panel_checks_every_page=False)
    made.build("--check")  # the caches, as an editor's last check left them
    return made


@pytest.fixture
def project(checked: Project, tmp_path: Path) -> Project:
    """This test's own copy of the checked project, caches included (their keys hold no paths,
    so the copy's caches are as up to date as the original's)."""
    return copy_project(checked, tmp_path)


class ReadPages:
    """Which pages a rule read, run by run (the rule itself still runs)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, rule_id: str) -> None:
        self.rule = checks.RULES_BY_ID[rule_id]
        self.read: list[str] = []
        spy = replace(self.rule, check=self._check, page_facts=self._page_facts)
        if self.rule.page_facts is None:
            spy = replace(spy, page_facts=None)
        monkeypatch.setitem(checks.RULES_BY_ID, rule_id, spy)

    def _check(self, pub: Publication, ctx: Context) -> Iterable[Finding]:
        self.read.extend(page.display_path for page in pub.pages)
        return self.rule.check(pub, ctx)

    def _page_facts(self, page: Page, pub: Publication, ctx: Context) -> list[Fact]:
        assert self.rule.page_facts is not None
        self.read.append(page.display_path)
        return self.rule.page_facts(page, pub, ctx)


def append(project: Project, rel: str, text: str) -> None:
    path = project.root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def same_as_forced(project: Project) -> str:
    """Run ``--check``, then ``--check --force``; both must print and report the same."""
    cached = project.build("--check")
    cached_report = (project.root / "output" / "report.json").read_bytes()
    forced = project.build("--check", "--force")
    forced_report = (project.root / "output" / "report.json").read_bytes()
    assert cached.code == forced.code
    assert _without_time(cached.out) == _without_time(forced.out)
    assert cached_report == forced_report
    return cached.out


def _without_time(out: str) -> str:
    return re.sub(r" \(\d+\.\d s\)\n\Z", "\n", out)


def test_after_a_one_page_edit_only_that_page_is_read_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    ampersands = ReadPages(monkeypatch, "ampersands")
    append(project, WELCOME, "\nBring a pen & some paper.\n")
    out = same_as_forced(project)
    assert f"{WELCOME}:" in out and "[ampersands]" in out
    first_run = ampersands.read[: ampersands.read.index(WELCOME) + 1]
    assert first_run == [WELCOME]  # the cached run: the edited page, no other
    assert len(set(ampersands.read)) > 20  # the forced run: every page


def test_a_first_use_moved_to_an_earlier_page_is_reported_there(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hard-words reports a word where it is first used: an edit on one page changes what is
    said about another, and the cached run says it as a run from scratch does, having read
    only the edited page."""
    sentence = "\nYou can commence when you are ready.\n"
    append(project, LATER, sentence)
    before = same_as_forced(project)
    assert re.search(rf"{LATER}:\d+:\d+: \w+\[hard-words\]: 'commence'", before)
    append(project, WELCOME, sentence)
    hard_words = ReadPages(monkeypatch, "hard-words")
    after = same_as_forced(project)
    assert hard_words.read[: hard_words.read.index(WELCOME) + 1] == [WELCOME]
    assert re.search(rf"{WELCOME}:\d+:\d+: \w+\[hard-words\]: 'commence'", after)
    assert not re.search(rf"{LATER}:\d+:\d+: \w+\[hard-words\]: 'commence'", after)
    (project.root / WELCOME).unlink()  # the page goes: the later use is the first again
    gone = same_as_forced(project)
    assert re.search(rf"{LATER}:\d+:\d+: \w+\[hard-words\]: 'commence'", gone)


def test_a_change_of_settings_is_not_answered_from_the_page_cache(project: Project) -> None:
    """The page cache holds findings for the settings they were found with: switching a page
    rule off, or giving it a new limit, in publication.yml changes every page's answer."""
    append(project, WELCOME, "\nBring a pen & some paper.\n")
    assert "[ampersands]" in same_as_forced(project)
    append(project, "content/my-rights/publication.yml", "\nchecks:\n  ampersands: off\n")
    assert "[ampersands]" not in same_as_forced(project)
    settings = project.root / "content/my-rights/publication.yml"
    text = settings.read_text(encoding="utf-8").replace("ampersands: off", "ampersands: on")
    settings.write_text(text.replace("ampersands: on", "sentence-length: {warn: 5, error: 40}"))
    assert "[sentence-length]" in same_as_forced(project)


def test_the_check_cache_knows_the_installed_versions_of_the_text_libraries() -> None:
    """The keys name the libraries that read the text (found without reading their metadata):
    upgrading one checks everything again."""
    from importlib.metadata import version

    from pressroom.publish.cache import TEXT_LIBRARIES, library_versions

    assert library_versions() == tuple(f"{dist} {version(dist)}" for dist in TEXT_LIBRARIES)
