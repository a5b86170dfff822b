"""The print PDF and its companions, checked the way a print shop's preflight checks them:
with poppler (pdfinfo, pdffonts, pdfimages), qpdf and pikepdf, never by comparing bytes."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from pressroom.outputs.printing import leaves, plan
from pressroom.outputs.printing.preflight import preflight

from .conftest import Project

MM = 72 / 25.4


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    from .conftest import make_project

    project = make_project(tmp_path_factory.mktemp("print"))
    png = project.root / "images" / "photo.png"
    from PIL import Image

    Image.new("RGB", (1200, 900), (200, 60, 40)).save(png, dpi=(300, 300))
    project.write(
        "content/mini-mag/035-photo.md",
        "---\nkind: content\ntitle: A photo\n---\n![A red square](photo)\nA picture from a camera.\n",
    )
    result = project.build()
    assert result.code == 0, result.out
    return project


def pdf_path(project: Project, slug: str, kind: str) -> Path:
    return project.output(f"{slug}/{slug}-{kind}.pdf")


def test_boxes_with_pdfinfo(built: Project) -> None:
    info = run("pdfinfo", "-box", "-f", "1", "-l", "1", str(pdf_path(built, "mini-mag", "print")))
    boxes = {
        m[1]: [float(v) for v in m[2].split()]
        for m in re.finditer(r"Page\s+1 (\w+):\s+([-\d. ]+)", info)
    }
    trim, bleed, media = boxes["TrimBox"], boxes["BleedBox"], boxes["MediaBox"]
    assert trim[2] - trim[0] == pytest.approx(148 * MM, abs=0.1)
    assert trim[3] - trim[1] == pytest.approx(210 * MM, abs=0.1)
    assert [round(b - t, 2) for b, t in zip(bleed, trim, strict=True)] == [
        round(-3 * MM, 2),
        round(-3 * MM, 2),
        round(3 * MM, 2),
        round(3 * MM, 2),
    ]
    assert media == bleed  # no crop marks asked for: nothing outside the bleed


def test_pdf_x4_with_a_cmyk_output_intent(built: Project) -> None:
    with pikepdf.open(pdf_path(built, "mini-mag", "print")) as pdf:
        assert pdf.pdf_version == "1.6"
        meta = pdf.open_metadata()
        assert meta.get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA29"
        assert str(intent.RegistryName) == "http://www.color.org"
        assert int(intent.DestOutputProfile.N) == 4
        assert "/AcroForm" not in pdf.Root and "/Encrypt" not in pdf.trailer
        assert all("/Annots" not in page.obj for page in pdf.pages)


def test_fonts_are_embedded(built: Project) -> None:
    rows = run("pdffonts", str(pdf_path(built, "mini-mag", "print"))).splitlines()[2:]
    assert rows
    for row in rows:
        emb = row.split()[-5]
        assert emb == "yes", row
        assert "Type 3" not in row


def test_pictures_are_cmyk_and_at_least_300_ppi(built: Project) -> None:
    rows = run("pdfimages", "-list", str(pdf_path(built, "mini-mag", "print"))).splitlines()[2:]
    assert rows, "the photo should be an image in the PDF"
    for row in rows:
        cells = row.split()
        colour, x_ppi, y_ppi = cells[5], int(cells[12]), int(cells[13])
        assert colour == "cmyk", row
        assert min(x_ppi, y_ppi) >= 300, row


def test_no_rgb_anywhere_and_body_text_is_black_ink_only(built: Project) -> None:
    with pikepdf.open(pdf_path(built, "mini-mag", "print")) as pdf:
        for page in pdf.pages:
            text = page.Contents.read_bytes().decode("latin-1")
            assert not re.search(r"\brg\b|\bRG\b", text)
            assert "/DeviceRGB" not in text
        body = pdf.pages[2].Contents.read_bytes().decode("latin-1")
        # Text is black ink only (0 0 0 1), never a rich black such as 0.6 0.4 0.4 1.
        fills = {
            tuple(float(v) for v in m.split())
            for m in re.findall(r"([\d.]+ [\d.]+ [\d.]+ [\d.]+) (?:scn|k)\nBT", body)
        }
        assert (0, 0, 0, 1) in fills
        assert not [f for f in fills if f[3] >= 0.9 and sum(f[:3]) > 0], fills


def test_qpdf_finds_no_damage(built: Project) -> None:
    for kind in ("print", "digital", "finishing", "office-booklet"):
        assert "No syntax or stream encoding errors" in run(
            "qpdf", "--check", str(pdf_path(built, "mini-mag", kind))
        )


def test_saddle_stitch_page_count_is_a_multiple_of_4(built: Project) -> None:
    for slug in ("mini-easy", "mini-mag"):
        with pikepdf.open(pdf_path(built, slug, "print")) as pdf:
            assert len(pdf.pages) % 4 == 0


def test_build_runs_the_preflight_on_its_own_print_pdf(built: Project) -> None:
    data = pdf_path(built, "mini-mag", "print").read_bytes()
    assert preflight(data, (148, 210), 3) == []
    # The same preflight catches what a print shop would reject.
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.pages[0].contents_add(
            pdf.make_stream(b"q 1 0 0 rg 0 0 10 10 re f 0.1 w 0 0 m 50 50 l S Q")
        )
        del pdf.Root["/OutputIntents"]
        broken = io.BytesIO()
        pdf.save(broken)
    messages = [p.message for p in preflight(broken.getvalue(), (148, 210), 3)]
    assert "The PDF has no PDF/X output intent (CMYK profile)." in messages
    assert "Text or lines use RGB colour instead of CMYK." in messages
    assert any(m.startswith("A line is 0.10 pt thin") for m in messages)
    assert preflight(data, (210, 297), 3)[0].message.startswith("The trim is 148.0 x 210.0 mm")


def test_tear_out_leaf_is_backed_by_a_spare_page_and_perforated(built: Project) -> None:
    job = json.loads(built.output("mini-mag/mini-mag-job.json").read_text())
    pages = {p["number"]: p for p in job["pages"]}
    tear = [n for n, p in pages.items() if p["kind"] == "tear-out"]
    assert tear and all(n % 2 == 1 for n in tear)  # the front of a leaf
    for number in tear:
        assert pages[number + 1]["kind"] in ("notes", "doodle", "tear-out")
    assert job["finishing"]["perforated_leaves"] == [[tear[0], tear[0] + 1]]
    assert job["paper"]["perforated"] and "135 gsm" in job["paper"]["advice"]
    # The finishing guide has the same pages and boxes, and lines only on the perforated leaf.
    with (
        pikepdf.open(pdf_path(built, "mini-mag", "finishing")) as guide,
        pikepdf.open(pdf_path(built, "mini-mag", "print")) as printed,
    ):
        assert len(guide.pages) == len(printed.pages)
        for number, (g, p) in enumerate(zip(guide.pages, printed.pages, strict=True), start=1):
            assert [float(v) for v in g.obj.TrimBox] == [float(v) for v in p.obj.TrimBox]
            drawn = b" l S" in (g.Contents.read_bytes() if "/Contents" in g.obj else b"")
            assert drawn == (number in (tear[0], tear[0] + 1))
        move = re.search(rb"([\d.]+) [\d.-]+ m", guide.pages[tear[0] - 1].Contents.read_bytes())
        assert move, "no line drawn on the perforated page"
        x = float(move[1])
        assert x == pytest.approx(
            12 * MM, abs=0.01
        )  # 12 mm from the spine (left edge of a front page)


def test_job_sheet_records_files_with_their_hashes(built: Project) -> None:
    job = json.loads(built.output("mini-mag/mini-mag-job.json").read_text())
    names = {f["name"] for f in job["files"]}
    assert names == {
        f"mini-mag-{k}.pdf"
        for k in ("print", "digital", "finishing", "office-booklet", "large-print")
    } | {"mini-mag-audio-script.html", "mini-mag.epub", "mini-mag.brf", "mini-mag-braille.txt"}
    for entry in job["files"]:
        data = built.output(f"mini-mag/{entry['name']}").read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert job["colour"]["standard"] == "PDF/X-4" and job["colour"]["mode"] == "CMYK"
    sheet = run("pdftotext", str(built.output("mini-mag/mini-mag-job.pdf")), "-")
    assert re.search(
        r"Pages:\s+1\n", run("pdfinfo", str(built.output("mini-mag/mini-mag-job.pdf")))
    )
    for text in (
        "Job sheet: A small magazine",
        "saddle-stitch",
        "FOGRA29",
        "Perforate 1 leaf",
        "(to be agreed)",
    ):
        assert text in sheet, text


def test_office_booklet_is_imposed_2_up_for_duplex_printing(built: Project) -> None:
    with (
        pikepdf.open(pdf_path(built, "mini-mag", "office-booklet")) as booklet,
        pikepdf.open(pdf_path(built, "mini-mag", "print")) as printed,
    ):
        count = len(printed.pages)
        assert (
            len(booklet.pages) == 2 + count // 2
        )  # an instruction sheet, then both sides of each sheet
        width, height = (float(v) for v in booklet.pages[2].MediaBox[2:])
        assert (width, height) == pytest.approx((2 * 148 * MM, 210 * MM), abs=0.1)  # A4 landscape
        prefs = booklet.Root.ViewerPreferences
        assert prefs.Duplex == "/DuplexFlipShortEdge" and prefs.PrintScaling == "/None"
    first_sheet = run(
        "pdftotext",
        "-f",
        "3",
        "-l",
        "3",
        "-layout",
        str(pdf_path(built, "mini-mag", "office-booklet")),
        "-",
    )
    assert "A small magazine" in first_sheet  # the cover is on the right of the first sheet
    assert "How to print" in run(
        "pdftotext", "-l", "1", str(pdf_path(built, "mini-mag", "office-booklet")), "-"
    )


def test_two_builds_give_identical_files(built: Project, tmp_path: Path) -> None:
    before = {
        p.relative_to(built.output()): p.read_bytes()
        for p in built.output().rglob("*")
        if p.is_file()
    }
    assert built.build("--force").code == 0  # render again, not the incremental no-op
    after = {
        p.relative_to(built.output()): p.read_bytes()
        for p in built.output().rglob("*")
        if p.is_file()
    }
    assert before.keys() == after.keys()
    changed = [str(k) for k in before if before[k] != after[k]]
    assert changed == []


def test_pages_render_for_a_look(built: Project, tmp_path: Path) -> None:
    run(
        "pdftoppm",
        "-r",
        "20",
        "-png",
        str(pdf_path(built, "mini-mag", "print")),
        str(tmp_path / "page"),
    )
    pngs = sorted(tmp_path.glob("page-*.png"))
    job = json.loads(built.output("mini-mag/mini-mag-job.json").read_text())
    assert len(pngs) == job["page_count"]
    from PIL import Image

    with Image.open(pngs[0]) as cover:
        # The cover colour runs into the bleed.
        r, g, b = cover.convert("RGB").crop((5, 5, 6, 6)).tobytes()
        assert (r, g, b) != (255, 255, 255)


def test_leaf_arithmetic() -> None:
    assert leaves.sheets(8) == [((8, 1), (2, 7)), ((6, 3), (4, 5))]
    assert leaves.conjugate(leaves.leaf_of(3), 8) == leaves.Leaf(5, 6)
    assert leaves.is_cover_leaf(leaves.leaf_of(2), 8) and not leaves.is_cover_leaf(
        leaves.leaf_of(4), 8
    )


def test_planning_fillers_for_tear_outs_and_padding() -> None:
    def span(index: int, kind: str, start: int, count: int = 1) -> plan.Span:
        return plan.Span(index, kind, kind, f"{index}.md", start, count)

    # A tear-out on page 4 (the back of a leaf) moves to page 5; content after it gets a notes page
    # in between; then padding before the back cover makes 12 pages.
    spans = [
        span(0, "cover", 1),
        span(1, "content", 2, 2),
        span(2, "tear-out", 4),
        span(3, "content", 5, 2),
        span(4, "credits", 7),
    ]
    assert plan.plan_fillers(spans) == {
        2: ("notes",),
        3: ("notes",),
        4: ("notes", "doodle", "notes"),
    }
    # With no back cover after it, a last tear-out gets spare pages after it, off the cover sheet.
    last = [span(0, "cover", 1), span(1, "content", 2, 4), span(2, "tear-out", 6)]
    assert plan.plan_fillers(last) == {
        2: ("notes",),
        3: ("notes", "doodle", "notes", "doodle", "notes"),
    }
    placed = [
        span(0, "cover", 1),
        span(1, "content", 2, 2),
        span(-1, "notes", 4),
        span(2, "tear-out", 5),
        span(-1, "notes", 6),
        span(3, "content", 7),
        span(4, "credits", 8),
    ]
    assert [n.message for n in plan.check_tear_outs(placed, 8)] == []
    bad = [
        span(0, "cover", 1),
        span(1, "tear-out", 2),
        span(2, "content", 3),
        span(3, "credits", 4),
    ]
    messages = [n.message for n in plan.check_tear_outs(bad, 4)]
    assert any("would also tear out page 1" in m for m in messages)
    assert any("cover sheet" in m for m in messages)


def test_crop_marks_when_asked_for_sit_outside_the_bleed(project: Project) -> None:
    settings = project.root / "content/mini-mag/publication.yml"
    settings.write_text(settings.read_text() + "print:\n  crop_marks: true\n")
    assert project.build("mini-mag").code == 0
    with pikepdf.open(pdf_path(project, "mini-mag", "print")) as pdf:
        page = pdf.pages[0]
        media = [float(v) for v in page.MediaBox]
        bleed = [float(v) for v in page.obj.BleedBox]
        assert media[0] < bleed[0] - 5 * MM and media[2] > bleed[2] + 5 * MM
        marks = page.obj.Contents[-1].read_bytes().decode()
        assert "/PressroomRegistration CS 1 SCN 0.25 w" in marks
        trim = [float(v) for v in page.obj.TrimBox]
        xs = [float(x) for x in re.findall(r"([-\d.]+) [-\d.]+ m", marks)]
        # Every mark starts at least 2 mm beyond the bleed edge on its side.
        assert min(abs(x - trim[0]) for x in xs if x < trim[0]) >= (3 + 2) * MM - 0.01
        space = page.Resources.ColorSpace.PressroomRegistration
        assert space[0] == "/Separation" and space[1] == "/All"
    assert preflight(pdf_path(project, "mini-mag", "print").read_bytes(), (148, 210), 3) == []


def test_tear_out_page_shows_the_perforation_12_mm_from_the_spine(
    built: Project, tmp_path: Path
) -> None:
    job = json.loads(built.output("mini-mag/mini-mag-job.json").read_text())
    page = next(p["number"] for p in job["pages"] if p["kind"] == "tear-out")
    out = tmp_path / "tear"
    run(
        "pdftoppm",
        "-r",
        "100",
        "-f",
        str(page),
        "-l",
        str(page),
        "-png",
        str(pdf_path(built, "mini-mag", "print")),
        str(out),
    )
    from PIL import Image

    with Image.open(next(tmp_path.glob("tear*.png"))) as image:
        grey = image.convert("L")
        middle = grey.height // 2 + 60
        row = grey.crop((0, middle, grey.width // 3, middle + 1)).tobytes()
        dark = [x for x, level in enumerate(row) if level < 128]
    assert dark, "no perforation line near the spine"
    assert dark[0] / 100 * 25.4 - 3 == pytest.approx(12, abs=0.5)  # mm from the trim, at the spine


def test_the_print_shops_own_profile_becomes_the_output_intent(project: Project) -> None:
    shop = project.root / "print" / "shop.icc"
    shop.parent.mkdir()
    shop.write_bytes(Path("/usr/share/color/icc/ghostscript/ps_cmyk.icc").read_bytes())
    settings = project.root / "content/mini-mag/publication.yml"
    settings.write_text(
        settings.read_text()
        + "print:\n  icc_profile: print/shop.icc\n  output_condition: FOGRA52\n"
    )
    assert project.build("mini-mag").code == 0
    with pikepdf.open(pdf_path(project, "mini-mag", "print")) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "FOGRA52"
        assert intent.DestOutputProfile.read_bytes() == shop.read_bytes()
    job = json.loads(project.output("mini-mag/mini-mag-job.json").read_text())
    assert job["colour"]["output_condition"] == "FOGRA52"


def test_a_profile_outside_the_project_is_refused(project: Project) -> None:
    settings = project.root / "content/mini-mag/publication.yml"
    settings.write_text(
        settings.read_text()
        + "print:\n  icc_profile: /usr/share/color/icc/ghostscript/ps_cmyk.icc\n"
    )
    run = project.build("mini-mag")
    assert run.code == 2
    assert run.findings("icc-profile")[0].startswith(
        "content/mini-mag/publication.yml:8:1: error[icc-profile]:"
    )
