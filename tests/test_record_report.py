"""What the panel said becomes work: pages ranked by how well they were understood, in the
terminal and report.html, and a warning with the panel's words until the page is checked again."""

from __future__ import annotations

import re

import pytest

from .conftest import Project

EASY = "content/mini-easy"
RECORD = f"{EASY}/co-production.yml"
SAID = "We did not know what seclusion means."


def _answer(project: Project, page: str, understood: int, some: int, not_: int, said: str) -> None:
    """Fill in the answers of ``page`` in the newest session, as a facilitator would."""
    path = project.root / RECORD
    text = path.read_text(encoding="utf-8")
    start = text.rindex(f"      {page}:")
    block = text[start:]
    block = re.sub(r"understood:[^\n]*", f"understood: {understood}", block, count=1)
    block = re.sub(r"some:[^\n]*", f"some: {some}", block, count=1)
    block = re.sub(r"not_understood:[^\n]*", f"not_understood: {not_}", block, count=1)
    block = block.replace('said: ""', f'said: "{said}"', 1)
    path.write_text(text[:start] + block, encoding="utf-8")


def _session(project: Project, date: str, *pages: str) -> None:
    args = ("--record", date, "--group", "Speak Up", "--readers", "4")
    assert project.build("review", "mini-easy", *pages, *args).code == 0


@pytest.fixture
def answered(project: Project) -> Project:
    project.panel_checks_every_page = False
    settings = project.root / EASY / "publication.yml"
    settings.write_text(settings.read_text().replace("signed-off", "draft"), encoding="utf-8")
    _session(project, "2026-02-01", "020", "030")
    _answer(project, "020-about", 1, 0, 3, SAID)
    _answer(project, "030-words", 4, 0, 0, "")
    return project


def test_a_page_most_readers_did_not_understand_is_a_warning_with_their_words(
    answered: Project,
) -> None:
    run = answered.build("--check", "mini-easy")
    assert run.findings("not-understood") == [
        f"{EASY}/020-about.md:1:1: warning[not-understood]: 3 of 4 readers did not understand "
        f"this page on 2026-02-01. They said: {SAID} — Change what they did not understand, "
        "then check it with the panel again."
    ]


def test_the_terminal_ranks_pages_by_how_well_they_were_understood(answered: Project) -> None:
    lines = answered.build("--check", "mini-easy").lines
    start = lines.index("How well readers understood mini-easy, least understood first:")
    ranking = [line.split(":")[0].strip() for line in lines[start + 1 : start + 5]]
    assert ranking == ["020-about", "030-words", "010-cover", "040-credits"]
    assert lines[start + 1].startswith("  020-about: 1 understood all, 0 some, 3 not (4 readers")
    assert lines[start + 3] == "  010-cover: not checked yet"


def test_report_html_shows_the_ranking_beside_the_writing_findings(answered: Project) -> None:
    page = answered.root / EASY / "020-about.md"
    page.write_text(
        page.read_text() + "This is a long sentence that goes on and on and on "
        "and on and on and on and on and on and on and on and on and on.\n"
    )
    answered.build("--check", "mini-easy")
    html = (answered.output("report.html")).read_text(encoding="utf-8")
    table = html[html.index("<table class='panel'>") :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr><th scope='row'><a [^>]*>([^<]+)</a></th>(.*?)</tr>", table)
    assert [name for name, _ in rows] == ["020-about", "030-words", "010-cover", "040-credits"]
    assert SAID in rows[0][1]
    assert "(changed since)" in rows[0][1] and "sentence-length" in rows[0][1]
    assert "(changed since)" not in rows[1][1]


def test_the_warning_stays_until_the_page_is_changed_and_checked_again(answered: Project) -> None:
    page = answered.root / EASY / "020-about.md"
    page.write_text(page.read_text().replace("your rights", "what you can do"), encoding="utf-8")
    run = answered.build("--check", "mini-easy")
    assert len(run.findings("not-understood")) == 1 and len(run.findings("review-outdated")) == 1
    _session(answered, "2026-03-01", "020")
    _answer(answered, "020-about", 4, 0, 0, "Better now.")
    run = answered.build("--check", "mini-easy")
    assert run.findings("not-understood") == [] and run.findings("review-outdated") == []
