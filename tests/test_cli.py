"""The command line: exit codes, the finding format, --check, --strict and choosing publications."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from .conftest import REPO, Project, SharedBuild

pytestmark = pytest.mark.heavy

FINDING_RE = re.compile(r"^[^:]+:\d+:\d+: (error|warning|info)\[[a-z0-9-]+\]: .+")


def test_clean_build_exits_0_with_a_summary(mini_build: SharedBuild) -> None:
    run = mini_build.run  # the first build of the fixture project, through the command line
    assert run.code == 0
    assert run.out.splitlines()[-1].startswith("0 errors, 0 warnings. Built mini-easy, mini-mag")


def test_content_error_exits_1_and_leaves_output_alone(built: Project) -> None:
    project = built
    before = {p: p.read_bytes() for p in project.output("mini-easy").rglob("*") if p.is_file()}
    project.write(
        "content/mini-easy/020-about.md",
        "---\nkind: content\ntitle: About\n---\n![](nurse)\nNo alt text here.\n",
    )
    run = project.build()
    assert run.code == 1
    assert run.lines == [
        "content/mini-easy/020-about.md:5:1: error[picture-alt]: The picture 'nurse' has no alt "
        "text. — Write what the picture shows between the square brackets: "
        "![A nurse talking to a man](nurse)."
    ]
    assert "output/ was not changed" in run.out.splitlines()[-1]
    after = {p: p.read_bytes() for p in project.output("mini-easy").rglob("*") if p.is_file()}
    assert after == before


def test_settings_error_exits_2(project: Project) -> None:
    project.write("content/mini-mag/publication.yml", "title: X\nprofile: young-people\n")
    run = project.build()
    assert run.code == 2
    assert all(FINDING_RE.match(line) for line in run.lines), run.out
    assert {line.split(":")[1] for line in run.lines} == {"1"}
    assert "needs 'version'" in run.out and "needs 'date'" in run.out


def test_every_line_is_a_finding_and_they_are_sorted(project: Project) -> None:
    project.write("content/mini-mag/060-bad.md", "---\nkind: notes\ncolour: red\n---\n<b>hi</b>\n")
    project.write(
        "content/mini-easy/050-bad.md", "---\nkind: notes\n---\n[x](file:///etc/passwd)\n"
    )
    run = project.build()
    assert run.code == 1
    assert all(FINDING_RE.match(line) for line in run.lines), run.out
    assert run.lines == sorted(run.lines)
    assert len(run.lines) == 2


def test_check_only_builds_nothing(project: Project) -> None:
    run = project.build("--check")
    assert run.code == 0
    assert "Checked mini-easy, mini-mag; output/ was not changed" in run.out
    assert not project.output("mini-easy").exists()
    assert project.output("report.json").is_file()


def test_strict_turns_warnings_into_failure(project: Project) -> None:
    path = project.root / "content/mini-mag/publication.yml"
    path.write_text(path.read_text().replace("signed-off", "draft"))
    assert project.build("mini-mag").code == 0
    run = project.build("mini-mag", "--strict")
    assert run.code == 1
    assert run.findings("sign-off")


def test_build_only_the_named_publication(project: Project) -> None:
    run = project.build("mini-mag")
    assert run.code == 0
    assert project.output("mini-mag/mini-mag-print.pdf").is_file()
    assert not project.output("mini-easy").exists()


def test_unknown_publication_is_a_usage_error_with_a_suggestion(project: Project, capsys) -> None:  # type: ignore[no-untyped-def]
    run = project.build("mini-mug")
    assert run.code == 2
    err = capsys.readouterr().err
    assert "There is no publication called 'mini-mug'. Did you mean \"mini-mag\"?" in err


def test_help_and_bad_options() -> None:
    ok = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--help"], capture_output=True, text=True
    )
    assert ok.returncode == 0 and "--check" in ok.stdout and "exit codes" in ok.stdout
    bad = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--chek"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "unrecognized arguments: --chek" in bad.stderr


def test_report_json_has_the_stable_schema(project: Project) -> None:
    import json

    project.write("content/mini-mag/060-bad.md", "---\nkind: notes\n---\n<b>hi</b>\n")
    project.build()
    report = json.loads(project.output("report.json").read_text())
    assert report["schema"] == 1
    assert report["findings"] == [
        {
            "path": "content/mini-mag/060-bad.md",
            "line": 4,
            "column": 1,
            "rule": "raw-html",
            "severity": "error",
            "message": "HTML in the text is not allowed and will be printed as it is: '<b>hi</b>'.",
            "fix": "Remove the HTML and use Markdown: **bold**, lists, ![alt](picture).",
        }
    ]
    html = project.output("report.html").read_text()
    assert "content/mini-mag/060-bad.md" in html and "&lt;b&gt;hi&lt;/b&gt;" in html


def test_help_lists_the_new_command() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert "python build.py new <name> --profile easy-read" in done.stdout
    assert "python build.py new <name> --profile young-people" in done.stdout


def test_new_with_an_unknown_profile_lists_the_profiles(project: Project, capsys) -> None:  # type: ignore[no-untyped-def]
    run = project.build("new", "my-leaflet", "--profile", "easy-reed")
    assert run.code == 2
    err = capsys.readouterr().err
    assert "There is no profile 'easy-reed'. Did you mean \"easy-read\"?" in err
    assert "--profile easy-read " in err and "--profile young-people " in err
    assert not (project.root / "content/my-leaflet").exists()
    assert project.build("new", "my-leaflet").code == 2
    assert "Say who the publication is for with --profile." in capsys.readouterr().err


def test_timings_have_their_own_option_and_profile_means_the_audience(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert project.build("--check", "--timings").code == 0
    timings = [
        line for line in capsys.readouterr().err.splitlines() if line.startswith("timings: ")
    ]
    assert len(timings) == 1
    import json

    figures = json.loads(timings[0][len("timings: ") :])
    assert {"load", "check", "total", "peak_mb"} <= set(figures)
    assert project.build("--check", "--profile").code == 2
    err = capsys.readouterr().err
    assert "--profile says who a new publication is for" in err and "use --timings" in err


def test_every_profile_has_a_starter_and_a_description() -> None:
    from pressroom.source.profiles import shipped_profiles

    profiles = shipped_profiles()
    assert list(profiles) == ["easy-read", "young-people"]
    assert all((a.scaffold / "publication.yml").is_file() and a.about for a in profiles.values())
