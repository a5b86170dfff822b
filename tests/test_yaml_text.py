"""Text settings that YAML would read as something else are errors that quote the fix.

``version: 1.10`` is the number 1.1 to YAML; printed, it would say "1.1". Every text field of
``publication.yml``, page front matter and ``glossary.yml`` is held to this.
"""

from __future__ import annotations

from pressroom.model import Finding, Severity

from .conftest import Project


def load(project: Project, slug: str = "mini-easy") -> list[Finding]:
    return project.load(slug)[1]


def settings(project: Project, old: str, new: str) -> None:
    path = project.root / "content/mini-easy/publication.yml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_version_that_yaml_reads_as_a_number_is_an_error_quoting_the_fix(
    project: Project,
) -> None:
    settings(project, 'version: "1.0"', "version: 1.10")
    run = project.build("--check", "mini-easy")
    assert run.code == 2  # publication.yml is settings
    assert run.lines == [
        "content/mini-easy/publication.yml:4:1: error[yaml-number]: 'version' is written 1.10, "
        "which YAML reads as a number: it would be printed as '1.1'. — Put it in quotes: "
        'version: "1.10".'
    ]


def test_numbers_that_print_as_written_are_fine(project: Project) -> None:
    settings(project, 'version: "1.0"', "version: 2\ndescription: 1.5")
    assert load(project) == []


def test_phone_numbers_and_times_that_yaml_changes(project: Project) -> None:
    settings(project, "organisation: Test publisher", "phone: 01234567\n  address: 12:30")
    found = {(f.location.line, f.rule, f.fix) for f in load(project)}
    assert found == {
        (13, "yaml-number", 'Put it in quotes: phone: "01234567".'),
        (14, "yaml-number", 'Put it in quotes: address: "12:30".'),
    }


def test_a_page_title_and_a_glossary_word(project: Project) -> None:
    project.write(
        "content/mini-easy/035-year.md",
        "---\nkind: content\ntitle: 3.50\n---\n![A nurse smiling](nurse)\nHello.\n",
    )
    path = project.root / "content/mini-easy/glossary.yml"
    path.write_text(path.read_text() + "- word: 1_000\n  meaning: A big number.\n")
    found = sorted((f.location.path, f.location.line, f.rule, f.severity) for f in load(project))
    assert found == [
        ("content/mini-easy/035-year.md", 3, "yaml-number", Severity.ERROR),
        ("content/mini-easy/glossary.yml", 5, "yaml-number", Severity.ERROR),
    ]


def test_a_list_of_names_with_a_changed_number_and_a_yes(project: Project) -> None:
    settings(project, "checked_by: [Test readers]", "checked_by: [Test readers, 0.50, yes]")
    found = sorted((f.rule, f.fix) for f in load(project))
    assert found == [
        ("bad-type", 'Put it in quotes: "yes".'),
        ("yaml-number", 'Put it in quotes: "0.50".'),
    ]


def test_a_date_and_time_in_a_text_field(project: Project) -> None:
    settings(project, 'version: "1.0"', "version: 2026-01-05 10:30:00")
    (finding,) = load(project)
    assert finding.rule == "yaml-number"
    assert "as a date: it would be printed as '2026-01-05T10:30:00'" in finding.message


def test_yes_in_a_text_field_quotes_what_was_written(project: Project) -> None:
    settings(project, "subtitle: For testing", "subtitle: No")
    (finding,) = load(project)
    assert finding.rule == "bad-type"
    assert finding.fix == 'Put it in quotes: subtitle: "No".'
