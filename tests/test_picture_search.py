"""``python build.py pictures WORD…``: what an editor sees when looking for a picture, and the
finding for an own picture nobody credited."""

from __future__ import annotations

import re

from pressroom.model import PictureFile
from pressroom.source.pictures import resolve

from .conftest import Project

LINE_RE = re.compile(r"^  (\S+)\s+!\[([^\]]*)\]\((\S+)\)\s+shows: (.+)$")


def test_search_lists_index_words_then_own_pictures_then_openmoji(project: Project) -> None:
    run = project.build("pictures", "nurse", "listening")
    assert run.code == 0, run.out
    headings = [line for line in run.out.splitlines() if not line.startswith(" ")]
    assert headings[:3] == ["Easy read index:", "Your pictures (images/):", "OpenMoji:"]
    hits = [LINE_RE.match(line) for line in run.out.splitlines() if line.startswith("  openmoji")]
    hits += [LINE_RE.match(line) for line in run.out.splitlines() if line.startswith("  nurse")]
    assert hits and all(hits), run.out
    first = hits[0]
    assert first is not None and first.group(1) in ("openmoji:listen", "openmoji:nurse")
    for hit in hits:
        assert hit is not None
        name, alt, pasted, shows = hit.groups()
        assert name == pasted and alt and shows
        found = resolve(name, project.root / "images")  # what is pasted really works
        assert isinstance(found, PictureFile), name
    assert "  nurse " in run.out  # the project's own images/nurse.svg


def test_search_writes_a_contact_sheet_with_large_pictures(project: Project) -> None:
    run = project.build("pictures", "doctor")
    assert run.code == 0
    sheet = project.output("pictures.html").read_text(encoding="utf-8")
    assert sheet.count("<figure>") >= 3
    assert "<code>openmoji:doctor</code>" in sheet and "alt text: A doctor" in sheet
    assert 'src="data:image/svg+xml;base64,' in sheet
    assert re.search(r"img \{ width: 160px; height: 160px", sheet)


def test_chair_finds_the_person_who_leads_the_meeting_first(project: Project) -> None:
    run = project.build("pictures", "chair")
    first = next(line for line in run.out.splitlines() if line.startswith("  "))
    assert first.split()[0] == "openmoji:chair-of-meeting"


def test_search_without_words_or_matches(project: Project) -> None:
    assert project.build("pictures").code == 2
    assert project.build("pictures", "qqxqzz").code == 1


def test_an_own_picture_without_a_credits_line_is_found_and_flagged(project: Project) -> None:
    svg = (project.root / "images" / "nurse.svg").read_text(encoding="utf-8")
    project.write("images/ward-bed.svg", svg)
    run = project.build("pictures", "ward", "bed")
    line = next(line for line in run.out.splitlines() if line.startswith("  ward-bed "))
    assert "no line in images/CREDITS.txt yet" in line
    page = project.root / "content/mini-easy/020-about.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("(nurse)", "(ward-bed)"), encoding="utf-8"
    )
    run = project.build("mini-easy", "--check")
    assert run.findings("picture-credit-line") == [
        "content/mini-easy/020-about.md:5:1: warning[picture-credit-line]: The picture "
        "'ward-bed' has no line in images/CREDITS.txt, so the credits page cannot say who made "
        "it. — Add a line to the CREDITS.txt beside it: 'ward-bed.svg: who made it, and its "
        "licence'."
    ]
    project.write("images/CREDITS.txt", "nurse.svg: Drawn for the tests\nward-bed.svg: Drawn too\n")
    assert not project.build("mini-easy", "--check").findings("picture-credit-line")


def test_own_png_and_jpeg_pictures_show_up_in_search(project: Project) -> None:
    from PIL import Image

    Image.new("RGB", (60, 60), "white").save(project.root / "images" / "ward-map.png")
    Image.new("RGB", (60, 60), "white").save(project.root / "images" / "ward-door.jpg")
    run = project.build("pictures", "ward")
    own = [line.split()[0] for line in run.out.split("OpenMoji:")[0].splitlines()]
    assert "ward-map" in own and "ward-door" in own
    sheet = project.output("pictures.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in sheet and "data:image/jpeg;base64," in sheet
