"""Files in a publication folder that look like pages but would not be read are reported.

Each gets one ``ignored-file`` error whose fix names the file name it should have; editors' notes
(``_*.md``), the two settings files and files that are not pages (a signed consent form) stay
silent. A page whose number has a different count of digits gets a ``page-number-width``
warning and is still printed in number order.
"""

from __future__ import annotations

from pressroom.model import Finding, Severity
from pressroom.source.load import Sources

from .conftest import Project

PAGE = "---\nkind: content\ntitle: Notes\n---\n![A nurse smiling](nurse)\nHello.\n"


def load(project: Project, slug: str = "mini-easy") -> tuple[object, list[Finding]]:
    return project.load(slug)


def only(findings: list[Finding], rule: str) -> Finding:
    found = [f for f in findings if f.rule == rule]
    assert len(found) == 1, [f.as_line() for f in findings]
    return found[0]


def test_a_text_file_gets_the_page_name_it_should_have(project: Project) -> None:
    project.write("content/mini-easy/notes.txt", "Remember to ask the panel.\n")
    _, findings = load(project)
    f = only(findings, "ignored-file")
    assert f.severity is Severity.ERROR
    assert (f.location.path, f.location.line) == ("content/mini-easy/notes.txt", 1)
    assert "'notes.txt' is not read" in f.message
    # the mini publication's last page is 040: the next free place is 050
    assert "Rename it '050-notes.md'" in f.fix and "'_notes.txt'" in f.fix


def test_a_capital_md_ending_is_named(project: Project) -> None:
    project.write("content/mini-easy/035-page.MD", PAGE)
    _, findings = load(project)
    f = only(findings, "ignored-file")
    assert "'.md', in small letters" in f.message
    assert "Rename it '035-page.md'" in f.fix


def test_spaces_and_capitals_in_a_page_name(project: Project) -> None:
    project.write("content/mini-easy/035 My notes.md", PAGE)
    _, findings = load(project)
    f = only(findings, "ignored-file")
    assert f.location.path == "content/mini-easy/035 My notes.md"
    assert "Rename it '035-my-notes.md'" in f.fix


def test_a_suggested_number_that_is_taken_is_moved_on(project: Project) -> None:
    project.write("content/mini-easy/020 More about.md", PAGE)
    _, findings = load(project)
    assert "Rename it '021-more-about.md'" in only(findings, "ignored-file").fix


def test_a_word_document_with_a_page_number(project: Project) -> None:
    (project.root / "content/mini-easy/035-rights.docx").write_bytes(b"PK\x03\x04 not text")
    _, findings = load(project)
    assert "Save it as plain text named '035-rights.md'" in only(findings, "ignored-file").fix


def test_a_misnamed_glossary_is_reported(project: Project) -> None:
    folder = project.root / "content/mini-easy"
    (folder / "glossary.yml").rename(folder / "glossary.yaml")
    _, findings = load(project)
    f = only(findings, "ignored-file")
    assert f.location.path == "content/mini-easy/glossary.yaml"
    assert f.fix == "Rename it 'glossary.yml'."


def test_a_misnamed_settings_file_is_named_in_the_fix(project: Project) -> None:
    folder = project.root / "content/mini-easy"
    (folder / "publication.yml").rename(folder / "publication.yaml")
    run = project.build("--check", "mini-easy")
    assert run.code == 2
    assert run.findings("missing-settings")[0].endswith(
        "— Rename 'publication.yaml' to 'publication.yml'."
    )


def test_pages_in_a_sub_folder_are_reported(project: Project) -> None:
    project.write("content/mini-easy/drafts/050-later.md", PAGE)
    _, findings = load(project)
    f = only(findings, "ignored-file")
    assert f.location.path == "content/mini-easy/drafts/050-later.md"
    assert "'drafts/' is not read" in f.message and "'_drafts'" in f.fix


def test_notes_settings_and_other_documents_stay_silent(project: Project) -> None:
    folder = project.root / "content/mini-easy"
    project.write("content/mini-easy/_check-before-print.md", "Check the phone numbers.\n")
    project.write("content/mini-easy/_old/notes.txt", "Old notes.\n")
    project.write("content/mini-easy/020-about.md~", "a backup\n")
    (folder / "consent-forms.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    pub, findings = load(project)
    assert pub is not None and findings == []


def test_a_number_with_fewer_digits_is_read_in_number_order_with_a_warning(
    project: Project,
) -> None:
    project.write("content/mini-easy/15-x.md", PAGE)
    pub, findings = load(project)
    assert pub is not None
    assert [p.number for p in pub.pages] == [10, 15, 20, 30, 40]  # type: ignore[attr-defined]
    f = only(findings, "page-number-width")
    assert f.severity is Severity.WARNING
    assert f.fix == "Rename it '015-x.md'."


def test_a_build_with_an_ignored_page_fails_with_exit_1(project: Project) -> None:
    project.write("content/mini-mag/Tips for later.md", PAGE)
    run = project.build("--check", "mini-mag")
    assert run.code == 1
    assert run.lines == [
        "content/mini-mag/Tips for later.md:1:1: error[ignored-file]: 'Tips for later.md' is "
        "not read, so it is not printed: a page file's name starts with the number that sets its "
        "place, like '030-' (like '030-what-is-seclusion.md'). — Rename it '060-tips-for-later.md' "
        "to make it a page, or '_Tips for later.md' if it is a note for editors (never printed)."
    ]


def test_a_file_name_that_is_not_utf8_gives_a_printable_finding(project: Project) -> None:
    import os

    from pressroom.source.pagefiles import scan

    folder = project.root / "content/mini-easy"
    with open(os.path.join(os.fsencode(folder), b"\xffnotes.md"), "w") as handle:
        handle.write("Hello.\n")
    _, findings = scan(folder, Sources(project.root).display_path)
    (f,) = findings
    assert f.rule == "ignored-file"
    assert f.as_line().encode("utf-8").startswith(b"content/mini-easy/\xef\xbf\xbdnotes.md:1:1")


def test_a_page_straight_in_content_is_reported(project: Project) -> None:
    project.write("content/030-rights.md", PAGE)
    project.write("content/_ideas.md", "Later.\n")
    run = project.build("--check", "mini-mag")
    assert run.code == 1
    assert run.lines == [
        "content/030-rights.md:1:1: error[ignored-file]: '030-rights.md' is not read: it is in "
        "content/ itself, and pages and settings belong in a publication's folder. — Move it "
        "into a publication's folder, such as content/mini-easy/."
    ]
