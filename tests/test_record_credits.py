"""The credits page, the accessibility statement and the job sheet say what the panel record
shows, and nothing more (one build of the fixture project with a sample record)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import Project, make_project


def _review(project: Project, slug: str, *args: str) -> None:
    assert project.build("review", slug, *args).code == 0


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("credits"))
    project.panel_checks_every_page = False
    # the easy read booklet: two sessions, every page checked
    session = ("--group", "Speak Up Leeds", "--readers", "5")
    _review(project, "mini-easy", "010", "020", "--record", "2026-02-10", *session)
    _review(
        project, "mini-easy", "--record", "2026-03-03", "--group", "Young Voices", "--readers", "4"
    )
    # the magazine: a draft with a credits page, two of its six pages checked
    project.write(
        "content/mini-mag/060-credits.md", "---\nkind: credits\ntitle: Who made this\n---\n"
    )
    settings = project.root / "content/mini-mag/publication.yml"
    settings.write_text(settings.read_text().replace("signed-off", "draft"), encoding="utf-8")
    _review(project, "mini-mag", "010", "030", "--record", "2026-02-20", *session)
    run = project.build()
    assert run.code == 0, run.out
    return project


def _text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_easy_read_credits_are_written_from_the_record(built: Project) -> None:
    text = _text(built.output("mini-easy/web/index.html"))
    assert "Who checked this booklet" in text
    assert "On 10 February 2026, 5 people from Speak Up Leeds checked 2 pages." in text
    assert "On 3 March 2026, 4 people from Young Voices checked 4 pages." in text
    assert "They checked every page." in text
    statement = (
        "9 people checked this booklet with us. They are from Speak Up Leeds and Young Voices."
    )
    assert statement in text and "The last check was on 3 March 2026." in text
    assert "Test readers" not in text  # checked_by in publication.yml is a claim, not a record


def test_the_magazine_says_only_what_was_checked(built: Project) -> None:
    text = _text(built.output("mini-mag/web/index.html"))
    assert "20 February 2026: 5 readers from Speak Up Leeds checked 2 pages." in text
    assert "Readers have checked 2 of its 6 pages as they are now." in text
    assert "checked every page" not in text
    assert "This is a draft. Its readers have not yet checked it and signed it off." in text


def test_the_job_sheet_says_whether_every_page_is_checked(built: Project) -> None:
    easy = json.loads(built.output("mini-easy/mini-easy-job.json").read_text())
    assert easy["readers_panel"]["every_page_checked"] is True and easy["for_press"] is True
    mag = json.loads(built.output("mini-mag/mini-mag-job.json").read_text())
    panel = mag["readers_panel"]
    assert (panel["every_page_checked"], panel["pages_checked"], panel["pages"]) == (False, 2, 6)
    assert panel["not_checked"] == ["020-contents", "040-doodle", "050-card", "060-credits"]
    assert mag["for_press"] is False
