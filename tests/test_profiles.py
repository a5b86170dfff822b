"""A profile is data: ``profiles/<name>.yml`` beside ``layouts/<name>/``, read and checked like
any settings file, with no profile named in the code."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pressroom.checks import run_checks

from .conftest import REPO, Project, make_project

PROBLEM_PAGE = """---
kind: content
title: Some problems
---
This line has no picture; it also has a semicolon.
"""


def _copy_profile(project: Project, old: str, new: str, changes: dict[str, str]) -> Path:
    """Copy ``profiles/<old>.yml`` and ``layouts/<old>/`` under a new name, as a designer
    would, changing some lines of the profile file."""
    profiles = project.root / "profiles"
    if not profiles.exists():
        shutil.copytree(REPO / "profiles", profiles)
    text = (profiles / f"{old}.yml").read_text(encoding="utf-8")
    for line, replacement in changes.items():
        assert re.search(f"^{re.escape(line)}$", text, re.MULTILINE), line
        text = re.sub(f"^{re.escape(line)}$", replacement, text, flags=re.MULTILINE)
    path = profiles / f"{new}.yml"
    path.write_text(text, encoding="utf-8")
    shutil.copytree(project.root / "layouts" / old, project.root / "layouts" / new)
    return path


def test_a_copied_profile_is_a_working_profile_with_no_code_change(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    _copy_profile(project, "easy-read", "large-print", {"label: easy read": "label: large print"})

    made = project.build("new", "big-words", "--profile", "large-print")
    assert made.code == 0, made.out
    settings = (project.root / "content/big-words/publication.yml").read_text(encoding="utf-8")
    assert re.search(r"^profile: large-print$", settings, re.MULTILINE)

    run = project.build("big-words")
    assert run.code == 0, run.out
    out = project.output("big-words")
    for name in ("print", "digital", "office-booklet", "finishing"):
        assert (out / f"big-words-{name}.pdf").is_file(), name
    page = (out / "web/index.html").read_text(encoding="utf-8")
    # Easy read's line breaks: each source line of a row is a line of its own.
    assert re.search(r"This booklet tells you about your rights\.<br\s*/?>", page)
    job = json.loads((out / "big-words-job.json").read_text(encoding="utf-8"))
    assert job["page_count"] % 4 == 0
    added = {p["kind"] for p in job["pages"] if p.get("added")}
    assert added <= {"notes"}, added  # easy read pads with notes pages only

    # Its rules run, its messages name it, and its rows need pictures.
    project.write("content/big-words/045-problems.md", PROBLEM_PAGE)
    pub, _problems = project.load("big-words")
    assert pub is not None and pub.audience.row_pictures
    findings = run_checks(pub)
    semicolons = [f for f in findings if f.rule == "semicolons"]
    assert semicolons and "large print does not use semicolons" in semicolons[0].message
    assert semicolons[0].severity.value == "error"
    assert any(f.rule == "row-picture" and f.location.line == 5 for f in findings)


def test_a_profile_can_bring_its_own_starter_publication(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    _copy_profile(
        project,
        "young-people",
        "plain",
        {"scaffold: young-people": "scaffold: starters/plain"},
    )
    starter = project.root / "starters/plain"
    shutil.copytree(REPO / "pressroom/scaffold/young-people", starter)
    (starter / "090-extra.md").write_text("---\nkind: notes\ntitle: Notes\n---\n", "utf-8")
    assert project.build("new", "plain-one", "--profile", "plain").code == 0
    made = project.root / "content/plain-one"
    assert (made / "090-extra.md").is_file()
    assert "profile: plain\n" in (made / "publication.yml").read_text(encoding="utf-8")


def test_an_unknown_profile_lists_the_projects_profiles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path)
    _copy_profile(project, "easy-read", "large-print", {})
    assert project.build("new", "x", "--profile", "large-prin").code == 2
    err = capsys.readouterr().err
    assert 'Did you mean "large-print"?' in err
    assert "--profile large-print" in err and "--profile young-people" in err


def test_mistakes_in_a_profile_file_are_settings_findings_at_their_lines(
    project: Project,
) -> None:
    path = _copy_profile(
        project,
        "easy-read",
        "easy-read-copy",
        {
            "page_multiple: 4": "page_multiple: four",
            "line_breaks: true": "line_break: true",
            "fillers: [notes]": "fillers: [notes, cover]",
        },
    )
    settings = project.root / "content/mini-easy/publication.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "profile: easy-read", "profile: easy-read-copy"
        ),
        encoding="utf-8",
    )
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(start: str) -> int:
        return next(n for n, text in enumerate(lines, start=1) if text.startswith(start))

    run = project.build("--check")
    assert run.code == 2, run.out
    assert "Traceback" not in run.out
    where = "profiles/easy-read-copy.yml"
    assert f"{where}:{line_of('page_multiple')}:1: error[bad-type]: " in run.out
    assert f"{where}:{line_of('line_break')}:1: error[unknown-key]: " in run.out
    assert 'Did you mean "line_breaks"?' in run.out
    assert f"{where}:{line_of('fillers')}:1: error[bad-profile]: 'cover' cannot pad" in run.out

    # Fixed, but with a rule that does not exist: it would never run, so it is an error too.
    path.write_text(
        "\n".join(lines)
        .replace("page_multiple: four", "page_multiple: 4")
        .replace("line_break: true", "line_breaks: true")
        .replace("fillers: [notes, cover]", "fillers: [notes]")
        .replace("  semicolons: {}", "  semicolon: {}")
        + "\n",
        encoding="utf-8",
    )
    run = project.build("--check")
    assert run.code == 2, run.out
    line = line_of("  semicolons:")
    assert f"{where}:{line}:1: error[bad-profile]: There is no rule called 'semicolon'." in run.out
    assert 'Did you mean "semicolons"?' in run.out


def test_broken_yaml_in_a_profile_file_is_a_finding_not_a_traceback(project: Project) -> None:
    path = _copy_profile(project, "young-people", "young-people-copy", {})
    path.write_text(path.read_text(encoding="utf-8") + "rules: [unclosed\n", encoding="utf-8")
    settings = project.root / "content/mini-mag/publication.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "profile: young-people", "profile: young-people-copy"
        ),
        encoding="utf-8",
    )
    run = project.build("--check", "mini-mag")
    assert run.code == 2, run.out
    assert "Traceback" not in run.out
    assert re.search(r"^profiles/young-people-copy\.yml:\d+:\d+: error\[", run.out, re.MULTILINE)
