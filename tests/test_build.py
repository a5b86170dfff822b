"""A full build of the fixture project produces every output, real and complete."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pikepdf
import pytest

from .conftest import Project, SharedBuild


def test_the_fixture_project_builds_without_a_weasyprint_message(mini_build: SharedBuild) -> None:
    assert mini_build.run.code == 0, mini_build.run.out
    assert not mini_build.run.findings("weasyprint"), mini_build.run.out


def test_every_output_is_written(mini_built: Project) -> None:
    for slug in ("mini-easy", "mini-mag"):
        out = mini_built.output(slug)
        for name in (f"{slug}-print.pdf", f"{slug}-digital.pdf", f"{slug}-job.json"):
            assert (out / name).stat().st_size > 0, name
        assert (out / "web" / "index.html").is_file()
        assert (out / "web" / "assets" / "style.css").is_file()
    report = json.loads(mini_built.output("report.json").read_text())
    assert report["publications"] == ["mini-easy", "mini-mag"]
    assert report["summary"]["error"] == 0


def test_print_pdf_has_trim_and_bleed_boxes(mini_built: Project) -> None:
    pdf = pikepdf.open(mini_built.output("mini-easy/mini-easy-print.pdf"))
    for page in pdf.pages:
        trim = [float(v) for v in page.obj["/TrimBox"]]
        bleed = [float(v) for v in page.obj["/BleedBox"]]
        media = [float(v) for v in page.obj["/MediaBox"]]
        # A5 trim is 148 x 210 mm; the bleed adds 3 mm (8.504 pt) on every side.
        assert trim[2] - trim[0] == pytest.approx(148 / 25.4 * 72, abs=0.1)
        assert trim[3] - trim[1] == pytest.approx(210 / 25.4 * 72, abs=0.1)
        assert trim[0] - bleed[0] == pytest.approx(3 / 25.4 * 72, abs=0.05)
        assert media == bleed


def test_print_pdf_embeds_the_body_font(mini_built: Project) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(mini_built.output("mini-easy/mini-easy-print.pdf"))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert fonts, "no fonts in the PDF"
    assert all("Liberation-Sans" in line for line in fonts), fonts
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the 'emb' column


def test_digital_pdf_is_tagged_with_language_and_title(mini_built: Project) -> None:
    pdf = pikepdf.open(mini_built.output("mini-easy/mini-easy-digital.pdf"))
    assert "/StructTreeRoot" in pdf.Root
    assert str(pdf.Root.Lang) == "en-GB"
    assert str(pdf.docinfo["/Title"]) == "A small easy read booklet"
    assert "/BleedBox" not in pdf.pages[0].obj or pdf.pages[0].obj.BleedBox == pdf.pages[0].MediaBox


def test_web_page_is_self_contained(mini_built: Project) -> None:
    web = mini_built.output("mini-easy/web")
    html = (web / "index.html").read_text()
    assert '<html lang="en-GB">' in html
    assert html.count("<h1") == 1
    assert "file:" not in html and "http://" not in html
    for src in ("assets/style.css", "assets/fonts/LiberationSans-Regular.woff2"):
        assert (web / src).is_file()
    pictures = list((web / "assets" / "pictures").iterdir())
    assert len(pictures) == 2  # the nurse and the OpenMoji hospital
    for picture in pictures:
        assert f"assets/pictures/{picture.name}" in html
    assert 'alt="A nurse smiling"' in html


def test_web_picture_names_come_from_what_the_picture_is_not_where_it_is(tmp_path: Path) -> None:
    from pressroom.model import PictureFile
    from pressroom.render.html import web_name

    def picture(folder: str, data: bytes) -> PictureFile:
        path = tmp_path / folder / "Nurse Smiling.SVG"
        path.parent.mkdir()
        path.write_bytes(data)
        return PictureFile("nurse", path, "openmoji", "OpenMoji", "CC BY-SA 4.0")

    here, there = picture("here", b"<svg/>"), picture("there", b"<svg/>")
    assert web_name(here) == web_name(there)  # another checkout or machine: the same page
    assert web_name(here).startswith("openmoji-nurse-smiling-") and web_name(here).endswith(".svg")
    there.path.write_bytes(b"<svg><circle r='1'/></svg>")
    assert web_name(here) != web_name(there)  # a changed picture: browsers fetch the new one


def test_glossary_words_open_their_meaning(mini_built: Project) -> None:
    html = mini_built.output("mini-easy/web/index.html").read_text()
    assert (
        '<button type="button" class="term" popovertarget="meaning-term-seclusion" '
        'aria-label="Seclusion: what it means"><strong>Seclusion</strong></button>'
    ) in html
    assert '<div class="meaning" id="meaning-term-seclusion" popover>' in html
    assert 'id="term-seclusion"' in html and "<dfn>seclusion</dfn>" in html


def test_job_sheet_lists_every_page_with_its_kind(mini_built: Project) -> None:
    job = json.loads(mini_built.output("mini-mag/mini-mag-job.json").read_text())
    assert job["trim"] == {"size": "A5", "width_mm": 148.0, "height_mm": 210.0}
    assert job["bleed_mm"] == 3.0
    assert job["binding"] == "saddle-stitch"
    kinds = [(page["kind"], page["added"]) for page in job["pages"]]
    assert kinds == [
        ("cover", False),
        ("contents", False),
        ("tips", False),
        ("doodle", False),
        ("tear-out", False),
        ("notes", True),
        ("doodle", True),
        ("notes", True),
    ]
    assert job["pages_added"] == 3
    assert (
        job["page_count"]
        == len(job["pages"])
        == len(pikepdf.open(mini_built.output("mini-mag/mini-mag-print.pdf")).pages)
    )


def test_picture_credits_come_from_what_was_used(project: Project) -> None:
    project.write("content/mini-easy/040-credits.md", "---\nkind: credits\n---\nThanks.\n")
    project.write("content/mini-mag/090-credits.md", "---\nkind: credits\n---\nThanks.\n")
    assert project.build().code == 0
    easy = project.output("mini-easy/web/index.html").read_text()
    assert "<li>Drawn for the pressroom tests.</li>" in easy
    assert "OpenMoji, the open-source emoji and icon project" in easy
    assert "Licence: CC BY-SA 4.0" in easy
    magazine = project.output("mini-mag/web/index.html").read_text()
    assert "OpenMoji" not in magazine and "<h3>Pictures</h3>" not in magazine


def test_activities_become_writing_lines_and_cut_lines(mini_built: Project) -> None:
    html = mini_built.output("mini-mag/web/index.html").read_text()
    assert html.count('<span class="write-line"></span>') == 2
    assert "Tear or cut along the line" in html
    assert 'class="activity draw-space size-half"' in html


def test_web_page_uses_the_body_font_it_ships(mini_built: Project) -> None:
    css = mini_built.output("mini-easy/web/assets/style.css").read_text()
    assert '@font-face { font-family: "Liberation Sans"; font-weight: 400; ' in css
    assert 'src: url("fonts/LiberationSans-Regular.woff2") format("woff2")' in css
    assert 'font-family: "Liberation Sans"' in css


def test_weasyprint_messages_become_findings_at_the_css_line(project: Project) -> None:
    css = project.root / "layouts/young-people/style.css"
    css.write_text(css.read_text() + "\nh2 { colr: red; }\n")
    line = len(css.read_text().splitlines())
    run = project.build("mini-mag")
    found = run.findings("weasyprint")
    # The stylesheet is used for the print and the digital PDF: one finding, not two.
    assert len(found) == 1, run.out
    assert found[0].startswith(f"layouts/young-people/style.css:{line}:6: warning[weasyprint]: ")
    assert "unknown property" in found[0]


def test_template_error_is_a_finding_with_file_and_line(project: Project) -> None:
    template = project.root / "layouts/base/pages/doodle.html.j2"
    template.write_text("<section>\n{{ page.no_such_thing }}\n</section>\n")
    run = project.build("mini-mag")
    assert run.code == 2
    assert run.lines == [
        "layouts/base/pages/doodle.html.j2:2:1: error[template-error]: The layout template has a "
        "problem: 'dict object' has no attribute 'no_such_thing' — Fix the template; content "
        "cannot change this."
    ]
