"""Loading content: line numbers, front matter, settings and the errors an editor can make."""

from __future__ import annotations

from pressroom.model import Severity

from .conftest import Project


def load(project: Project, slug: str = "mini-easy"):  # type: ignore[no-untyped-def]
    return project.load(slug)


def test_blocks_keep_their_source_lines(project: Project) -> None:
    pub, findings = load(project)
    assert pub is not None and not findings
    page = pub.pages[1]
    assert page.display_path == "content/mini-easy/020-about.md"
    rows = [b for b in page.blocks if b.kind == "row"]
    assert [r.location.line for r in rows] == [5, 9]
    texts = [(s.line, s.col, s.text) for s in rows[0].spans if s.kind == "text"]
    assert [line for line, _, _ in texts] == [6, 7]
    assert texts[0][1:] == (1, "This booklet is about your rights.")
    assert rows[0].pictures[0].ref == "nurse"
    assert rows[0].pictures[0].alt == "A nurse smiling"
    assert (rows[0].pictures[0].location.line, rows[0].pictures[0].location.col) == (5, 1)


def test_indented_list_items_report_the_column_of_their_text(project: Project) -> None:
    project.write(
        "content/mini-easy/025-list.md",
        "---\nkind: content\ntitle: A list\n---\nIntro.\n\n- First point.\n  - Inner point.\n",
    )
    pub, _ = load(project)
    assert pub is not None
    items = [b for b in pub.pages[2].blocks if b.kind == "list-item"]
    assert [(b.location.line, b.location.col) for b in items] == [(7, 3), (8, 5)]


def test_pages_are_read_in_file_name_order(project: Project) -> None:
    project.write(
        "content/mini-easy/015-second.md", "---\nkind: content\ntitle: Second\n---\nHi.\n"
    )
    pub, _ = load(project)
    assert pub is not None
    assert [p.number for p in pub.pages] == [10, 15, 20, 30, 40]


def test_broken_front_matter_yaml_points_at_the_line(project: Project) -> None:
    project.write(
        "content/mini-easy/020-about.md", "---\nkind: content\ntitle: [oops\n---\nText.\n"
    )
    pub, findings = load(project)
    assert [(f.location.path, f.location.line, f.rule) for f in findings] == [
        ("content/mini-easy/020-about.md", 3, "yaml-syntax")
    ]
    assert pub is not None and len(pub.pages) == 3  # the other pages still load


def test_unknown_front_matter_key_suggests_the_right_one(project: Project) -> None:
    project.write(
        "content/mini-easy/020-about.md", "---\nkind: content\ntitel: About\n---\nText.\n"
    )
    _, findings = load(project)
    assert len(findings) == 1
    f = findings[0]
    assert (f.location.line, f.rule, f.severity) == (3, "unknown-key", Severity.ERROR)
    assert 'Did you mean "title"?' in f.message


def test_unknown_page_kind_suggests_the_right_one(project: Project) -> None:
    project.write("content/mini-easy/020-about.md", "---\nkind: glosary\ntitle: Words\n---\n")
    _, findings = load(project)
    assert [(f.location.line, f.rule) for f in findings] == [(2, "bad-value")]
    assert 'Did you mean "glossary"?' in findings[0].message


def test_unknown_setting_in_publication_yml(project: Project) -> None:
    path = project.root / "content/mini-easy/publication.yml"
    path.write_text(path.read_text() + "pagesize: A4\n")
    pub, findings = load(project)
    assert pub is None
    assert [(f.location.line, f.rule) for f in findings] == [(15, "unknown-key")]
    assert 'Did you mean "page_size"?' in findings[0].message


def test_wrong_types_and_missing_keys_are_all_reported_at_once(project: Project) -> None:
    project.write(
        "content/mini-easy/publication.yml",
        "title: [a, list]\nprofile: easy-reed\ndate: soon\nprint:\n  bleed_mm: lots\n",
    )
    _, findings = load(project)
    got = sorted((f.location.line, f.rule) for f in findings)
    assert got == [
        (1, "bad-type"),
        (1, "missing-key"),
        (2, "bad-value"),
        (3, "bad-type"),
        (5, "bad-type"),
    ]
    assert any('Did you mean "easy-read"?' in f.message for f in findings)


def test_missing_picture_is_an_error_at_the_picture(project: Project) -> None:
    project.write(
        "content/mini-easy/020-about.md",
        "---\nkind: content\ntitle: About\n---\n![A nurse](nurse)\nFine.\n\n![A doctor](docter)\nNo.\n",
    )
    _, findings = load(project)
    assert [(f.location.line, f.location.col, f.rule) for f in findings] == [
        (8, 1, "missing-picture")
    ]
    assert "images/docter.svg" in findings[0].fix


def test_bom_and_windows_line_endings_are_accepted(project: Project) -> None:
    text = "\ufeff---\r\nkind: content\r\ntitle: About\r\n---\r\n![A nurse](nurse)\r\nHello.\r\n"
    (project.root / "content/mini-easy/020-about.md").write_bytes(text.encode("utf-8"))
    pub, findings = load(project)
    assert not findings and pub is not None
    title, row = pub.pages[1].blocks
    assert (title.kind, title.location.line, title.location.col) == ("heading", 3, 8)
    texts = [(s.line, s.col, s.text) for s in row.spans if s.kind == "text"]
    assert (row.location.line, texts) == (5, [(6, 1, "Hello.")])


def test_not_utf8_is_reported_with_its_position(project: Project) -> None:
    (project.root / "content/mini-easy/020-about.md").write_bytes(
        b"---\nkind: content\ntitle: About\n---\nCaf\xe9 time.\n"
    )
    _, findings = load(project)
    assert [(f.location.line, f.location.col, f.rule) for f in findings] == [(5, 4, "not-utf8")]


def test_page_file_without_number_and_duplicate_numbers(project: Project) -> None:
    project.write("content/mini-easy/notes.md", "---\nkind: notes\n---\n")
    project.write("content/mini-easy/020-again.md", "---\nkind: notes\n---\n")
    _, findings = load(project)
    assert sorted((f.location.path, f.rule) for f in findings) == [
        ("content/mini-easy/020-again.md", "duplicate-page-number"),
        ("content/mini-easy/notes.md", "ignored-file"),
    ]


def test_yaml_tags_that_build_objects_are_refused(project: Project) -> None:
    project.write(
        "content/mini-easy/020-about.md",
        "---\nkind: content\ntitle: !!python/object/apply:os.system ['echo hacked']\n---\n",
    )
    _, findings = load(project)
    assert [(f.location.line, f.rule) for f in findings] == [(3, "yaml-tag")]


def test_nesting_deeper_than_the_parser_allows_is_reported(project: Project) -> None:
    project.write(
        "content/mini-easy/020-about.md", "---\nkind: content\n---\n" + "> " * 500 + "x\n"
    )
    _, findings = load(project)
    assert [(f.location.line, f.rule) for f in findings] == [(4, "nesting-too-deep")]


def test_folder_without_settings_is_reported_not_skipped(project: Project) -> None:
    project.write("content/new-booklet/010-cover.md", "---\nkind: cover\n---\n")
    run = project.build("--check")
    assert run.code == 2
    assert run.lines == [
        "content/new-booklet/publication.yml:0:0: error[missing-settings]: The folder "
        "content/new-booklet/ has no publication.yml, so it cannot be built. — Copy "
        "publication.yml from another publication and change the title."
    ]


def test_publication_without_pages_is_reported(project: Project) -> None:
    for page in (project.root / "content/mini-mag").glob("*.md"):
        page.unlink()
    run = project.build("mini-mag")
    assert run.lines == [
        "content/mini-mag/publication.yml:1:1: error[no-pages]: This publication has no pages. "
        "— Add page files such as '010-cover.md' next to publication.yml."
    ]


def test_files_starting_with_underscore_are_editor_notes(project: Project) -> None:
    project.write("content/mini-easy/_check-before-print.md", "Phone numbers to check: all.\n")
    pub, findings = load(project)
    assert not findings and pub is not None
    assert all(not p.display_path.endswith("_check-before-print.md") for p in pub.pages)
