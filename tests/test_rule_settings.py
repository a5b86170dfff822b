"""Switching rules off or changing their limits: per publication, and per line with a reason."""

from __future__ import annotations

from .conftest import Project

LONG = "Staff must keep you safe and they must tell you what they are going to do today."
PAGE = "content/mini-easy/020-about.md"


def page(*lines: str) -> str:
    return "---\nkind: content\ntitle: About\n---\n" + "\n".join(lines) + "\n"


def test_a_marker_at_the_end_of_the_line_switches_one_rule_off(project: Project) -> None:
    project.write(
        PAGE,
        page(
            "![A nurse smiling](nurse)", f"{LONG} <!-- allow sentence-length: quoting a reader -->"
        ),
    )
    run = project.build("--check", "mini-easy")
    assert run.code == 0 and run.lines == []


def test_a_marker_alone_on_a_line_covers_the_next_line(project: Project) -> None:
    project.write(
        PAGE,
        page(
            "<!-- allow sentence-length: quoting the law word for word -->",
            "",
            "![A nurse smiling](nurse)",
            LONG,
        ),
    )
    run = project.build("--check", "mini-easy")
    assert run.code == 0 and run.lines == []


def test_the_marker_is_not_printed(project: Project) -> None:
    project.write(
        PAGE,
        page(
            "![A nurse smiling](nurse)", f"{LONG} <!-- allow sentence-length: quoting a reader -->"
        ),
    )
    assert project.build("mini-easy").code == 0
    html = project.output("mini-easy/web/index.html").read_text()
    assert "allow" not in html and "quoting a reader" not in html


def test_a_marker_needs_a_reason_and_a_real_rule(project: Project) -> None:
    project.write(
        PAGE,
        page(
            "![A nurse smiling](nurse)",
            f"{LONG} <!-- allow sentence-length -->",
            "Fine. <!-- allow sentense-length: because -->",
        ),
    )
    run = project.build("--check", "mini-easy")
    assert (
        f"{PAGE}:6:{len(LONG) + 2}: error[allow-marker]: The marker for 'sentence-length' needs a reason"
        in run.out
    )
    assert (
        f"{PAGE}:7:7: error[allow-marker]: There is no rule called 'sentense-length'. Did you mean \"sentence-length\"?"
        in run.out
    )
    assert (
        f"{PAGE}:6:1: warning[sentence-length]" in run.out
    )  # a marker without a reason does not count


def test_an_unneeded_marker_is_a_warning(project: Project) -> None:
    project.write(
        PAGE,
        page(
            "![A nurse smiling](nurse)", "Short. <!-- allow sentence-length: it used to be long -->"
        ),
    )
    run = project.build("--check", "mini-easy")
    assert run.lines == [
        f"{PAGE}:6:8: warning[allow-marker]: Nothing on line 6 breaks 'sentence-length'; the marker "
        "is not needed. — Write it as <!-- allow rule-id: the reason --> on the line, or alone "
        "on the line before."
    ]


def test_a_publication_can_change_a_limit_or_switch_a_rule_off(project: Project) -> None:
    project.write(PAGE, page("![A nurse smiling](nurse)", LONG))
    settings = project.root / "content/mini-easy/publication.yml"
    original = settings.read_text()
    settings.write_text(original + "checks:\n  sentence-length: {warn: 18, error: 22}\n")
    assert project.build("--check", "mini-easy").lines == []
    settings.write_text(original + "checks:\n  sentence-length: off\n")
    assert project.build("--check", "mini-easy").lines == []


def test_unknown_rules_and_settings_are_errors_with_suggestions(project: Project) -> None:
    settings = project.root / "content/mini-easy/publication.yml"
    settings.write_text(
        settings.read_text() + "checks:\n  sentence-lenght: off\n  hard-words: {min_zipff: 3}\n"
    )
    run = project.build("--check", "mini-easy")
    assert run.code == 2
    assert run.lines == [
        "content/mini-easy/publication.yml:16:1: error[bad-check-setting]: There is no rule called 'sentence-lenght'. Did you mean \"sentence-length\"? — See the list of rules in the README.",
        "content/mini-easy/publication.yml:17:1: error[bad-check-setting]: 'hard-words' has no setting 'min_zipff'. Did you mean \"min_zipf\"? — See the list of rules in the README.",
    ]
