"""Picture names editors actually use: CLDR names, OpenMoji's names, Unicode names, code points,
the easy read picture index, suggestions for a name that is not known, and clear errors for a
name written with spaces or capitals."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.model import PictureFile
from pressroom.source import picture_names
from pressroom.source.load import Sources, load_publication
from pressroom.source.pictures import PictureProblem, resolve

from .conftest import Project

NO_IMAGES = Path("/nonexistent-images")


def picture(ref: str) -> str:
    found = resolve(ref, NO_IMAGES)
    assert isinstance(found, PictureFile), f"{ref}: {found}"
    return found.path.name


@pytest.mark.parametrize(
    ("names", "file"),
    [
        # CLDR short name, Unicode name, code point(s) of the same picture
        (["house", "house-building", "1F3E0", "1f3e0"], "1F3E0.svg"),
        (
            ["health-worker", "1f9d1-200d-2695-fe0f", "1F9D1-200D-2695", "health_worker"],
            "1F9D1-200D-2695-FE0F.svg",
        ),
        (
            ["people-holding-hands", "1F9D1-200D-1F91D-200D-1F9D1"],
            "1F9D1-200D-1F91D-200D-1F9D1.svg",
        ),
        (["thumbs-up", "thumbs-up-sign", "1F44D"], "1F44D.svg"),
        (["red-question-mark", "black-question-mark-ornament", "2753"], "2753.svg"),
        (["spiral-calendar", "spiral-calendar-pad", "1F5D3"], "1F5D3.svg"),
        (["white-heavy-check-mark", "check-mark-button"], "2705.svg"),
    ],
)
def test_every_kind_of_name_finds_the_same_picture(names: list[str], file: str) -> None:
    assert {picture(f"openmoji:{name}") for name in names} == {file}


def test_openmoji_own_names_resolve_for_its_extra_pictures() -> None:
    assert picture("openmoji:female-nurse") == picture("openmoji:nurse")
    assert picture("openmoji:wash-hands").startswith("E")


def test_the_easy_read_index_has_300_concepts_and_each_shows_its_picture() -> None:
    index = picture_names.easy_read_index()
    names = [entry.name for entry in index]
    assert len(set(names)) == len(names) >= 300
    must = [
        "doctor",
        "nurse",
        "meeting",
        "advocate",
        "medicine",
        "injection",
        "rights",
        "complain",
        "phone",
        "money",
        "calendar",
        "time",
        "stop",
        "yes",
        "no",
        "happy",
        "sad",
        "angry",
        "scared",
        "safe",
        "police",
        "court",
        "law",
        "ward",
        "bed",
        "food",
        "family",
        "friend",
        "home",
        "help",
        "question",
        "listen",
        "talk",
        "write",
        "read",
        "choose",
        "wait",
        "quiet-room",
        "outside",
        "hurt",
        "check",
    ]
    assert not [word for word in must if word not in names]
    for entry in index:
        assert entry.alt.strip() and entry.alt[0].isupper(), entry.name
        assert picture_names.GOOD_NAME_RE.match(entry.name), entry.name
        assert picture(f"openmoji:{entry.name}") == picture(f"openmoji:{entry.picture}")


def test_an_index_word_that_is_also_an_openmoji_name_shows_that_same_picture() -> None:
    standard, _ = picture_names._by_name()
    for entry in picture_names.easy_read_index():
        if entry.name in standard:
            assert picture_names.codes(entry.picture) == standard[entry.name].hexcode, entry.name


def test_chair_of_a_panel_is_a_person_not_furniture() -> None:
    furniture = picture("openmoji:chair")
    meeting = [e for e in picture_names.easy_read_index() if "chair" in e.words]
    assert meeting and all(picture(f"openmoji:{e.name}") != furniture for e in meeting)
    assert "lead" in meeting[0].alt


def test_a_missing_name_gets_the_three_best_suggestions() -> None:
    found = resolve("openmoji:hospitl", NO_IMAGES)
    assert isinstance(found, PictureProblem) and found.rule == "missing-picture"
    assert "Did you mean `openmoji:hospital`, " in found.fix
    assert found.fix.count("`openmoji:") == 3
    assert "python build.py pictures" in found.fix


def test_suggestions_weigh_meaning_as_well_as_spelling() -> None:
    assert picture_names.suggest("nurse-listening")[:2] == ["openmoji:listen", "openmoji:nurse"]
    assert picture_names.suggest("docter")[0] == "openmoji:doctor"
    own = resolve("hospital", NO_IMAGES)
    assert isinstance(own, PictureProblem) and "`openmoji:hospital`" in own.fix


@pytest.mark.parametrize(
    ("name", "why", "fix"),
    [
        ("Health-Worker", "has capital letters", "'openmoji:health-worker'"),
        ("health worker", "has a space in it", "'openmoji:health-worker'"),
    ],
)
def test_capitals_and_spaces_in_a_name_are_a_clear_error(name: str, why: str, fix: str) -> None:
    found = resolve(f"openmoji:{name}", NO_IMAGES)
    assert isinstance(found, PictureProblem) and found.rule == "picture-name"
    assert why in found.message and fix in found.fix


def test_picture_markup_with_a_space_is_an_error_at_its_line_not_raw_text(
    project: Project,
) -> None:
    project.write(
        "content/mini-easy/020-about.md",
        "---\nkind: content\ntitle: About this booklet\n---\n"
        "![A nurse smiling](nurse)\nThis booklet is about your rights.\n\n"
        "![A health worker](openmoji:health worker)\nA nurse will help you.\n",
    )
    pub, findings = load_publication(Sources(project.root), "mini-easy")
    assert pub is not None
    lines = [f.as_line() for f in findings if f.rule == "picture-name"]
    assert lines == [
        "content/mini-easy/020-about.md:8:1: error[picture-name]: The picture name "
        "'openmoji:health worker' has a space in it, so the picture is not shown (the line "
        "would be printed as it is written). — Write picture names in small letters with "
        "hyphens: ![A health worker](openmoji:health-worker)"
    ]
    run = project.build("mini-easy", "--check")
    assert run.code == 1 and run.findings("picture-name")
    assert not [line for line in run.findings("row-picture") if "020-about.md:8:" in line]
