"""Print files a UK print shop accepts without a query, proved with poppler, qpdf and pikepdf:
a FOGRA output intent, unique subset font names, A4 office prints, the job sheet a shop wants,
a Perforation spot colour, clean files, and CMYK-only pictures whatever CSS colour they use."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pikepdf
import pytest

from .conftest import FIXTURES, Project, make_project

MM = 72 / 25.4
CMYK_OK = ("/DeviceCMYK", "/DeviceGray", "/Pattern")


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fixture project with an A4 easy read booklet (cover on heavier paper), a draft
    magazine, and a picture that uses every CSS colour syntax."""
    project = make_project(tmp_path_factory.mktemp("shop"))
    shutil.copy(FIXTURES / "colours.svg", project.root / "images" / "colours.svg")
    project.write(
        "content/mini-mag/035-colours.md",
        "---\nkind: content\ntitle: Colours\n---\n![Every kind of colour](colours)\nColours.\n",
    )
    project.write(
        "content/mini-easy/025-more.md",
        "---\nkind: content\ntitle: More about you\n---\n![A nurse smiling](nurse)\n"
        "You can ask for help.\nYou can say what you think.\n",
    )
    easy = project.root / "content/mini-easy/publication.yml"
    easy.write_text(
        easy.read_text().replace("page_size: A5", "page_size: A4")
        + "print:\n  paper: uncoated, 120 gsm inside, 170 gsm cover\n  quantity: '500'\n"
    )
    mag = project.root / "content/mini-mag/publication.yml"
    mag.write_text(mag.read_text().replace("status: signed-off", "status: draft"))
    result = project.build()
    assert result.code == 0, result.out
    return project


def out(project: Project, slug: str, kind: str) -> Path:
    return project.output(f"{slug}/{slug}-{kind}")


def all_pdfs(project: Project) -> list[Path]:
    return sorted(p for p in project.output().rglob("*.pdf") if "downloads" not in p.parts)


# 1. A FOGRA output intent, chosen by the paper ----------------------------------------------------


def test_uncoated_paper_gets_a_fogra29_output_intent(shop: Project) -> None:
    with pikepdf.open(out(shop, "mini-easy", "print.pdf")) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "FOGRA29"
        assert str(intent.RegistryName) == "http://www.color.org"
        profile = intent.DestOutputProfile.read_bytes()
    assert profile[16:20] == b"CMYK" and b"FOGRA29" in profile
    job = json.loads(out(shop, "mini-easy", "job.json").read_text())
    assert job["colour"]["output_condition"] == "FOGRA29"
    assert "FOGRA29" in run("pdftotext", str(out(shop, "mini-easy", "job.pdf")), "-")


def test_the_paper_chooses_the_condition() -> None:
    from pressroom.outputs.printing import fogra

    for paper in ("gloss coated, 150 gsm", "silk 130 gsm", "coated"):
        assert fogra.condition_for(paper).name == "FOGRA39", paper
    for paper in ("uncoated, 120 gsm inside, 170 gsm cover", "uncoated or matt", "135 gsm", ""):
        assert fogra.condition_for(paper).name == "FOGRA29", paper
    assert fogra.condition_named("fogra39") is fogra.COATED
    assert fogra.condition_named("FOGRA52") is None


def test_a_condition_pressroom_cannot_make_needs_the_shops_profile(project: Project) -> None:
    settings = project.root / "content/mini-mag/publication.yml"
    settings.write_text(settings.read_text() + "print:\n  output_condition: FOGRA52\n")
    result = project.build("mini-mag")
    assert result.code == 2
    (finding,) = result.findings("icc-profile")
    assert finding.startswith("content/mini-mag/publication.yml:")
    assert "FOGRA52" in finding and "icc_profile" in finding


def test_the_profile_built_from_scratch_is_the_same_bytes(
    shop: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pressroom.outputs.printing import fogra

    with pikepdf.open(out(shop, "mini-easy", "print.pdf")) as pdf:
        embedded = pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes()
    monkeypatch.setenv("PRESSROOM_CACHE", str(tmp_path))
    rebuilt = fogra.profile_path(fogra.UNCOATED)
    assert rebuilt.is_relative_to(tmp_path)
    assert rebuilt.read_bytes() == embedded


def test_colours_for_text_use_at_most_two_inks() -> None:
    import yaml

    from .conftest import REPO

    css = "\n".join(p.read_text() for p in (REPO / "layouts").rglob("*.css") if p.name != "web.css")
    text_tokens = {
        token
        for selector, token in re.findall(
            r"([^{}]+)\{[^}]*?(?<![-\w])color:\s*var\(--([\w-]+)\)", css
        )
        if not re.fullmatch(r"[\s,]*(?:[.\w-]+\s+)?h[1-3](?:\s*,\s*h[1-3])*\s*", selector)
    }
    assert {"ink", "accent", "muted"} <= text_tokens
    for layout in (REPO / "layouts").glob("*/layout.yml"):
        colours = yaml.safe_load(layout.read_text()).get("colours", {})
        for token in text_tokens & colours.keys():
            inks = [v for v in colours[token]["print"] if v]
            assert len(inks) <= 2, (layout, token, colours[token]["print"])


# 2. Subset font names are unique per subset ---------------------------------------------------


def test_a_subset_name_means_one_set_of_glyphs_in_every_output(shop: Project) -> None:
    programs: dict[str, set[str]] = defaultdict(set)
    for path in all_pdfs(shop):
        rows = run("pdffonts", str(path)).splitlines()[2:]
        with pikepdf.open(path) as pdf:
            for row in rows:
                name, number = row.split()[0], int(row.split()[-2])
                if "+" not in name:
                    continue
                font = pdf.get_object(number, 0)
                target = font.DescendantFonts[0] if font.Subtype == "/Type0" else font
                descriptor = target.FontDescriptor
                data = next(
                    descriptor[k]
                    for k in ("/FontFile2", "/FontFile3", "/FontFile")
                    if k in descriptor
                )
                programs[name].add(hashlib.sha256(data.read_bytes()).hexdigest())
    assert len(programs) >= 4
    clashes = {name: len(found) for name, found in programs.items() if len(found) > 1}
    assert clashes == {}


# 3. Home and office print on A4 ------------------------------------------------------------------


def test_an_a4_publication_prints_on_a4_in_reading_order(shop: Project) -> None:
    office, printed = (
        out(shop, "mini-easy", "office-booklet.pdf"),
        out(shop, "mini-easy", "print.pdf"),
    )
    with pikepdf.open(office) as booklet, pikepdf.open(printed) as source:
        count = len(source.pages)
        assert len(booklet.pages) == 2 + count  # instructions and a blank back, then every page
        for page in booklet.pages:
            width, height = (float(v) for v in page.MediaBox[2:])
            assert (width, height) == pytest.approx((210 * MM, 297 * MM), abs=0.1)
        assert booklet.Root.ViewerPreferences.Duplex == "/DuplexFlipLongEdge"
    for number in range(1, count + 1):
        mine = run("pdftotext", "-f", str(number + 2), "-l", str(number + 2), str(office), "-")
        theirs = run("pdftotext", "-f", str(number), "-l", str(number), str(printed), "-")
        assert mine == theirs, number

    # Text as big as the booklet's own: the same word has the same height on both.
    def first_word(path: Path, page: int) -> tuple[str, float]:
        box = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-")
        match = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)<', box)
        assert match
        return match[3], float(match[2]) - float(match[1])

    assert first_word(office, 3) == pytest.approx(first_word(printed, 1))
    guide = run("pdftotext", "-l", "1", str(office), "-")
    assert "A4 paper" in guide and "top left corner" in guide and "long edge" in guide
    web = shop.output("mini-easy/web/index.html").read_text()
    assert "A4 paper, both sides, staple in the corner" in web


def test_an_a5_publication_is_imposed_on_a4_to_fold(shop: Project) -> None:
    guide = run("pdftotext", "-l", "1", str(out(shop, "mini-mag", "office-booklet.pdf")), "-")
    assert "A4 paper" in guide and "short edge" in guide and "fold" in guide.lower()


# 4. The job sheet ----------------------------------------------------------------------------------


def test_the_job_sheet_says_what_a_shop_asks(shop: Project) -> None:
    job = json.loads(out(shop, "mini-easy", "job.json").read_text())
    pages = job["page_count"]
    sheet = " ".join(run("pdftotext", str(out(shop, "mini-easy", "job.pdf")), "-").split())
    for text in (
        f"4 pp cover on 170 gsm + {pages - 4} pp text on 120 gsm",
        "A4 portrait, 210 x 297 mm",
        "saddle-stitch",
        "colour condition FOGRA29",
        "Overprint black at the RIP",
        "500",
        "a PDF proof before printing",
        "Test publisher",
        "FOR PRESS",
    ):
        assert text in sheet, text
    assert job["status"] == "signed-off" and job["for_press"] is True
    assert job["sections"] == [
        {"part": "cover", "pages": 4, "gsm": "170"},
        {"part": "text", "pages": pages - 4, "gsm": "120"},
    ]
    mag = " ".join(run("pdftotext", str(out(shop, "mini-mag", "job.pdf")), "-").split())
    assert "Perforate 1 leaf 12 mm from the spine, full height of the leaf (210 mm long" in mag


def test_a_draft_says_so_on_the_job_sheet_and_nowhere_in_the_print_pdf(shop: Project) -> None:
    job = json.loads(out(shop, "mini-mag", "job.json").read_text())
    assert job["status"] == "draft" and job["for_press"] is False
    assert "DRAFT – not for press" in run("pdftotext", str(out(shop, "mini-mag", "job.pdf")), "-")
    printed = run("pdftotext", str(out(shop, "mini-mag", "print.pdf")), "-")
    assert "draft" not in printed.lower() and "not for press" not in printed.lower()
    with pikepdf.open(out(shop, "mini-mag", "print.pdf")) as pdf:
        assert all("/Annots" not in page.obj for page in pdf.pages)


# 5. Finishing marks ------------------------------------------------------------------------------


def test_the_perforation_is_a_spot_colour_that_overprints_into_the_bleed(shop: Project) -> None:
    job = json.loads(out(shop, "mini-mag", "job.json").read_text())
    guide = out(shop, "mini-mag", "finishing.pdf")
    for number in job["finishing"]["perforated_leaves"][0]:  # both sides of the leaf
        with pikepdf.open(guide) as pdf:
            page = pdf.pages[number - 1]
            trim = [float(v) for v in page.obj.TrimBox]
            media_top = float(page.MediaBox[3])
            space = page.Resources.ColorSpace.Perf
            assert space[0] == "/Separation" and space[1] == "/Perforation"
            state = page.Resources.ExtGState.Over
            assert state.OP is True and state.op is True
            ops = page.Contents.read_bytes().decode()
            assert "/Over gs /Perf CS 1 SCN" in ops
            ys = [float(y) for y in re.findall(r"[\d.]+ (-?[\d.]+) [ml]\b", ops)]
            assert min(ys) == pytest.approx(trim[1] - 3 * MM, abs=0.01)
            assert max(ys) == pytest.approx(trim[3] + 3 * MM, abs=0.01)
        box = run("pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(guide), "-")
        label = re.search(r'yMax="([\d.]+)">Perforation:', box)
        assert label, f"page {number}: the perforation has no label"
        assert float(label[1]) < media_top - trim[3] - 3 * MM  # above the trim and the bleed


def test_no_horizontal_cut_cue_on_a_perforated_page(shop: Project) -> None:
    job = json.loads(out(shop, "mini-mag", "job.json").read_text())
    front = job["finishing"]["perforated_leaves"][0][0]
    text = run(
        "pdftotext",
        "-f",
        str(front),
        "-l",
        str(front),
        str(out(shop, "mini-mag", "print.pdf")),
        "-",
    )
    assert "Tear out this page" in text
    assert "cut along the line" not in text


# 6. Clean files ----------------------------------------------------------------------------------


def test_every_pdf_is_sound_and_says_the_right_version(shop: Project) -> None:
    for path in all_pdfs(shop):
        assert "No syntax or stream encoding errors" in run("qpdf", "--check", str(path)), path
        with pikepdf.open(path) as pdf:
            transparent = any(
                isinstance(o, pikepdf.Dictionary | pikepdf.Stream)
                and (
                    any(k in o for k in ("/SMask", "/ca", "/CA", "/BM"))
                    or (
                        isinstance(o.get("/Group"), pikepdf.Dictionary)
                        and o.Group.get("/S") == "/Transparency"
                    )
                )
                for o in pdf.objects
            )
            if transparent:
                assert pdf.pdf_version >= "1.4", path
    info = run("pdfinfo", str(out(shop, "mini-mag", "print.pdf")))
    assert re.search(r"PDF version:\s+1\.6", info)
    assert re.search(r"PDF subtype:\s+PDF/X-4", info)  # pdfinfo reads GTS_PDFXVersion from Info


def test_print_pdf_metadata_is_x4_only(shop: Project) -> None:
    with pikepdf.open(out(shop, "mini-mag", "print.pdf")) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("xmpMM:RenditionClass") == "default"
        assert "pdfx:GTS_PDFXConformance" not in meta
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-4"


def test_no_unused_resources(shop: Project) -> None:
    for kind in ("print.pdf", "office-booklet.pdf"):
        with pikepdf.open(out(shop, "mini-easy", kind)) as pdf:
            for page in pdf.pages:
                used = {
                    str(i.operands[0])
                    for i in pikepdf.parse_content_stream(page)
                    if str(i.operator) == "Do"
                }
                names = set(page.Resources.get("/XObject", {}).keys())
                assert names == used, (kind, names - used)


def test_a_picture_in_every_css_colour_syntax_prints_in_cmyk_only(shop: Project) -> None:
    """The picture uses hex (3, 4, 6, 8 digits), rgb()/rgba(), hsl()/hsla(), hwb(), lab(), lch(),
    oklab(), oklch(), color() in six spaces, names, currentColor, transparent, light-dark(), a
    system colour, gradients, a pattern and a filter, in attributes, style attributes and a
    style sheet. Every stream and colour space in the print PDF is looked at, not only those the
    preflight walks."""
    from pressroom.outputs.printing.preflight import preflight

    data = out(shop, "mini-mag", "print.pdf").read_bytes()
    assert preflight(data, (148, 210), 3) == []
    with pikepdf.open(out(shop, "mini-mag", "print.pdf")) as pdf:
        used_spaces: set[str] = set()
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream) or obj.get("/Subtype") in ("/Image", "/Type1C"):
                continue
            if (
                obj.get("/Subtype") == "/Form"
                or obj.get("/PatternType") == 1
                or _is_page_content(pdf, obj)
            ):
                for instruction in pikepdf.parse_content_stream(obj):
                    op = str(instruction.operator)
                    assert op not in ("rg", "RG"), "RGB colour in a content stream"
                    if op in ("cs", "CS"):
                        name = str(instruction.operands[0])
                        resources = obj.get("/Resources") or _page_resources(pdf, obj)
                        space = resources.ColorSpace[name] if name not in CMYK_OK else name
                        used_spaces.add(_space_kind(space))
            if obj.get("/Subtype") == "/Image":
                assert _space_kind(obj.ColorSpace) in ("CMYK", "Gray")
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/ShadingType" in obj:
                assert _space_kind(obj.ColorSpace) in ("CMYK", "Gray"), obj.ColorSpace
        assert used_spaces <= {"CMYK", "Gray", "Pattern"}, used_spaces


def _is_page_content(pdf: pikepdf.Pdf, stream: pikepdf.Stream) -> bool:
    return any(page.obj.Contents.objgen == stream.objgen for page in pdf.pages)


def _page_resources(pdf: pikepdf.Pdf, stream: pikepdf.Stream) -> pikepdf.Object:
    return next(p.obj.Resources for p in pdf.pages if p.obj.Contents.objgen == stream.objgen)


def _space_kind(space: pikepdf.Object | str) -> str:
    if isinstance(space, pikepdf.Array) and str(space[0]) == "/ICCBased":
        return {1: "Gray", 3: "RGB", 4: "CMYK"}[int(space[1].N)]
    name = str(space[0]) if isinstance(space, pikepdf.Array) else str(space)
    return {"/DeviceCMYK": "CMYK", "/DeviceGray": "Gray", "/Pattern": "Pattern"}.get(name, name)
