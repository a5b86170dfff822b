"""The readers' panel record (co-production.yml): fingerprints, stale reviews and sign-off."""

from __future__ import annotations

import pytest

from .conftest import Project

EASY = "content/mini-easy"
RECORD = f"{EASY}/co-production.yml"
STATUS_LINE = 10  # 'status: signed-off' in the fixture's publication.yml


@pytest.fixture
def panel(project: Project) -> Project:
    """The fixture project with no panel record: each test records what it needs."""
    project.panel_checks_every_page = False
    return project


def record(project: Project, *pages: str, date: str = "2026-02-01", readers: str = "4") -> int:
    return project.build(
        "review", "mini-easy", *pages, "--record", date, "--group", "Speak Up", "--readers", readers
    ).code


def draft(project: Project) -> None:
    path = project.root / EASY / "publication.yml"
    path.write_text(path.read_text().replace("signed-off", "draft"), encoding="utf-8")


def test_a_page_never_reviewed_is_a_warning_in_a_draft(panel: Project) -> None:
    draft(panel)
    run = panel.build("--check", "mini-easy")
    found = run.findings("not-reviewed")
    assert len(found) == 4 and all(": warning[not-reviewed]" in line for line in found)
    assert found[0].startswith(f"{EASY}/010-cover.md:1:1:")
    assert run.code == 0


def test_recording_a_session_marks_its_pages_reviewed(panel: Project) -> None:
    draft(panel)
    assert record(panel, "010", "020-about") == 0
    text = (panel.root / RECORD).read_text()
    assert 'group: "Speak Up"' in text and "010-cover:" in text and "fingerprint: sha256:" in text
    run = panel.build("--check", "mini-easy")
    assert [line.split(":")[0] for line in run.findings("not-reviewed")] == [
        f"{EASY}/030-words.md",
        f"{EASY}/040-credits.md",
    ]


def test_a_changed_sentence_makes_the_review_outdated(panel: Project) -> None:
    draft(panel)
    record(panel)
    assert panel.build("--check", "mini-easy").findings("review-outdated") == []
    page = panel.root / EASY / "030-words.md"
    page.write_text(page.read_text() + "One more sentence.\n", encoding="utf-8")
    found = panel.build("--check", "mini-easy").findings("review-outdated")
    assert len(found) == 1 and found[0].startswith(f"{EASY}/030-words.md:1:1: warning")
    assert "2026-02-01" in found[0]


def test_a_changed_picture_makes_the_review_outdated(panel: Project) -> None:
    draft(panel)
    record(panel)
    picture = panel.root / "images/nurse.svg"
    picture.write_text(picture.read_text().replace("</svg>", "<circle r='1'/></svg>"))
    found = panel.build("--check", "mini-easy").findings("review-outdated")
    # the cover and the about page show it, and the glossary page shows it beside a word
    pages = [line.split(":")[0].rsplit("/", 1)[1] for line in found]
    assert pages == ["010-cover.md", "020-about.md", "030-words.md"]


def test_reviewing_again_clears_the_outdated_review(panel: Project) -> None:
    draft(panel)
    record(panel)
    page = panel.root / EASY / "030-words.md"
    page.write_text(page.read_text() + "One more sentence.\n", encoding="utf-8")
    record(panel, "030", date="2026-03-01")
    assert panel.build("--check", "mini-easy").findings("review-outdated") == []


def test_sign_off_is_refused_while_a_page_is_outdated(panel: Project) -> None:
    record(panel)
    assert panel.build("--check", "mini-easy").code == 0
    page = panel.root / EASY / "020-about.md"
    page.write_text(page.read_text().replace("a friend", "your friend"), encoding="utf-8")
    run = panel.build("--check", "mini-easy")
    assert run.code == 1
    assert run.findings("review-outdated")[0].startswith(f"{EASY}/020-about.md:1:1: error")
    refused = run.findings("sign-off-refused")
    assert refused == [
        f"{EASY}/publication.yml:{STATUS_LINE}:1: error[sign-off-refused]: This cannot be "
        "signed off: 1 of 4 pages are not checked by the panel as they are now (020-about). — "
        "Check those pages with the panel and record it, or set 'status: draft'."
    ]


def test_sign_off_is_refused_with_no_record(panel: Project) -> None:
    run = panel.build("--check", "mini-easy")
    assert run.code == 1 and len(run.findings("sign-off-refused")) == 1
    assert all(": error[not-reviewed]" in line for line in run.findings("not-reviewed"))


def test_the_record_is_validated_with_line_numbers(panel: Project) -> None:
    panel.write(
        RECORD,
        "sessions:\n"
        "  - date: 2026-02-01\n"
        "    group: Speak Up\n"
        "    readers: six\n"
        "  - date: 2026-02-02\n"
        "    group: Speak Up\n"
        "    readers: 3\n"
        "    pages:\n"
        "      020-about:\n"
        "        understod: 2\n"
        "      030-words:\n"
        "        understood: 3\n"
        "        not_understood: 2\n"
        "      090-gone:\n"
        "        said: Fine\n",
    )
    run = panel.build("--check", "mini-easy")
    assert run.code == 1
    lines = [line.split(" — ")[0] for line in run.lines if RECORD in line]
    assert lines[0] == (
        f"{RECORD}:4:1: error[bad-type]: 'sessions.0.readers' should be a whole number, "
        "but it is text."
    )
    assert lines[1].startswith(f"{RECORD}:10:1: error[unknown-key]: Unknown key 'understod'")
    assert 'Did you mean "understood"?' in lines[1]
    assert lines[2].startswith(f"{RECORD}:11:1: error[bad-value]: The answers for '030-words'")
    assert lines[3] == (
        f"{RECORD}:14:1: warning[record-unknown-page]: There is no page '090-gone' in {EASY}/."
    )


def test_the_record_is_read_not_ignored(panel: Project) -> None:
    draft(panel)
    record(panel)
    run = panel.build("--check", "mini-easy")
    assert run.findings("ignored-file") == [] and run.findings("not-reviewed") == []


def test_recording_refuses_unknown_pages_and_missing_details(panel: Project) -> None:
    assert record(panel, "999") == 2
    assert record(panel, date="last tuesday") == 2
    assert panel.build("review", "mini-easy", "--record", "2026-02-01", "--readers", "3").code == 2
    assert not (panel.root / RECORD).exists()


def test_a_record_with_errors_gets_no_new_session(panel: Project) -> None:
    panel.write(RECORD, "sessions:\n  - date: 2026-02-01\n    readers: 3\n")
    assert record(panel) == 2
    assert (panel.root / RECORD).read_text().count("date:") == 1
