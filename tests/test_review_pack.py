"""The review pack: the printed page beside big tick boxes, room to write, the facilitator's
record, and a tagged version; questions for young people in the magazine's pack."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from . import pdfua
from .conftest import Project, make_project

A4_LANDSCAPE = (841.89, 595.28)
BOX_PX = 18 / 25.4 * 96  # WeasyPrint draws in CSS pixels: an 18 mm tick box


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("pack"))
    project.panel_checks_every_page = False
    for slug in ("mini-easy", "mini-mag"):
        settings = project.root / "content" / slug / "publication.yml"
        settings.write_text(settings.read_text().replace("signed-off", "draft"), encoding="utf-8")
    assert project.build("review", "mini-easy", "020", "030").code == 0
    assert project.build("review", "mini-mag", "030").code == 0
    return project


def _pack(project: Project, slug: str, accessible: bool = False) -> Path:
    name = f"{slug}-review-pack{'-accessible' if accessible else ''}.pdf"
    return project.output(f"{slug}/review/{name}")


def _text(path: Path, page: int, half: str = "") -> str:
    """The text of one page (of its left or right half: the printed page, the questions)."""
    region = {"left": ["-x", "0", "-W", "420"], "right": ["-x", "420", "-W", "422"]}
    crop = [*region[half], "-y", "0", "-H", "596"] if half else []
    run = ["pdftotext", "-f", str(page), "-l", str(page), *crop, str(path), "-"]
    return " ".join(subprocess.run(run, capture_output=True, text=True, check=True).stdout.split())


def _tick_boxes(page: pikepdf.Page) -> int:
    stream = pikepdf.unparse_content_stream(pikepdf.parse_content_stream(page)).decode("latin-1")
    squares = re.findall(r"[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+) re", stream)
    return sum(
        1 for w, h in squares if abs(float(w) - BOX_PX) < 0.1 and abs(float(h) - BOX_PX) < 0.1
    )


def test_each_page_gets_a_sheet_and_the_facilitator_a_record(packs: Project) -> None:
    path = _pack(packs, "mini-easy")
    with pikepdf.open(path) as pdf:
        sizes = {
            (round(float(p.mediabox[2]), 2), round(float(p.mediabox[3]), 2)) for p in pdf.pages
        }
        assert sizes == {A4_LANDSCAPE}
        assert len(pdf.pages) == 2 * 2 + 1  # two sheets printed on both sides, one record
        assert [_tick_boxes(p) for p in pdf.pages] == [5, 0, 5, 0, 0]
    assert "This booklet is about your rights." in _text(path, 1, "left")  # the printed page
    front = _text(path, 1, "right")
    assert "I understand this page. I understand some of it." in front
    assert "I do not understand it." in front and "The pictures help me." in front
    back = _text(path, 2)
    assert "Hard words I did not know" in back and "Write or draw what you think" in back
    record = _text(path, 5)
    assert "Record of the session" in record and "Who came" in record
    assert "020-about" in record and "030-words" in record and "What to change" in record


def test_the_printed_page_is_placed_from_the_print_pdf(packs: Project) -> None:
    with pikepdf.open(_pack(packs, "mini-easy")) as pdf:
        forms = [x for x in pdf.pages[0].resources.XObject.values() if x.get("/Subtype") == "/Form"]
        assert forms, "the printed page is a Form XObject"
        width = float(forms[0].BBox[2] - forms[0].BBox[0])
        assert abs(width - 148 / 25.4 * 72) < 1  # the A5 page trimmed, without its bleed


def test_the_accessible_pack_is_tagged_and_has_the_page_text(packs: Project) -> None:
    path = _pack(packs, "mini-easy", accessible=True)
    with pikepdf.open(path) as pdf:
        assert pdfua.check(pdf, "Check A small easy read booklet with us") == []
    text = _text(path, 1)
    assert (
        "This booklet is about your rights." in _text(path, 1, "left") and "A nurse smiling" in text
    )
    assert "I understand some of it." in text


def test_the_accessible_pack_passes_both_independent_pdf_ua_validators(
    packs: Project, tmp_path: Path
) -> None:
    """The same two validators as tests/test_pdfua.py (the record sheet, a table to fill in on
    paper, is left out of the version for screen readers)."""
    import json
    import subprocess
    import sys

    import page as page_validator

    path = _pack(packs, "mini-easy", accessible=True)
    report = page_validator.validate_pdf(path, profile="ua1")
    assert report.is_compliant, [f"{f.rule_id}: {f.message}" for f in report.failures]
    out = tmp_path / "outloud.json"
    outloud = Path(sys.executable).parent / "outloud"
    subprocess.run([str(outloud), str(path), "--json", str(out)], capture_output=True, timeout=300)
    (result,) = json.loads(out.read_text())["results"]
    assert not result["error"] and result["counts"]["error"] == 0, result["findings"]
    assert result["counts"]["warning"] == 0, result["findings"]


def test_the_magazine_pack_asks_young_people(packs: Project) -> None:
    path = _pack(packs, "mini-mag")
    front = _text(path, 1, "right")
    assert "Does this page make sense to you?" in front and "It makes sense." in front
    assert "I understand this page." not in front
    assert "What would you change?" in _text(path, 2)


def test_the_pack_refuses_a_page_that_does_not_exist(packs: Project) -> None:
    assert packs.build("review", "mini-easy", "999").code == 2


def test_a_signed_off_page_changed_since_its_check_can_be_checked_again(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.record_every_page()
    project.panel_checks_every_page = False
    page = project.root / "content/mini-easy/020-about.md"
    page.write_text(page.read_text().replace("with a friend", "with a nurse"), encoding="utf-8")
    assert project.build("--check", "mini-easy").code == 1  # signed off, and 020 is outdated
    assert project.build("review", "mini-easy", "020").code == 0
    assert "You can read it with a nurse." in _text(_pack(project, "mini-easy"), 1, "left")
