"""A green build means every word reached the page: lost text and page fit, found after layout.

Each way text can be lost is planted in a page of its own, in a real layout rendered by
WeasyPrint; the PDFs are read back with poppler. A finding must name the file and line of what
was lost, and nothing may be lost without one.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from pressroom.model import Finding, Severity
from pressroom.outputs import make

from .conftest import Project, make_project

ROW = "![{alt}](openmoji:{pic})\n{lines}\n"


def row(pic: str, *sentences: str) -> str:
    return ROW.format(
        alt=f"A picture of {pic.replace('-', ' ')}", pic=pic, lines="\n".join(sentences)
    )


def page(kind: str, title: str, body: str, extra: str = "") -> str:
    head = f"---\nkind: {kind}\n" + (f"title: {title}\n" if title else "") + extra + "---\n"
    return head + body


LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
SENTENCES = [
    "Staff must tell you what is happening and why it is happening.",
    "You can ask them to explain it again in a different way.",
    "Your advocate can come with you to every meeting about it.",
]

EASY_PAGES = {
    "010-cover.md": page(
        "cover",
        "",
        "\n".join(
            row(pic, f"Cover row {n} says one thing.", f"Cover row {n} says a second thing.")
            for n, pic in enumerate(
                ["hospital", "house-building", "bed", "door", "telephone-receiver", "envelope"],
                start=1,
            )
        ),
    ),
    "020-long-word.md": page(
        "content", "A long word", row("open-book", f"The word is {LONG_WORD}.")
    ),
    "030-fixed-panel.md": page(
        "content", "A fixed panel", row("door", "Staff will help you.", *SENTENCES[1:])
    ),
    "040-same-colour.md": page(
        "content", "Same colour", row("bed", "This sentence is white on white.")
    ),
    "050-covered.md": page("content", "Covered", row("envelope", "This sentence is under a box.")),
    "060-tall-picture.md": page(
        "content", "A tall picture", row("house-building", "The picture is too tall.")
    ),
    "070-too-long.md": page(
        "content",
        "Too long",
        "\n".join(
            row("telephone-receiver", f"Row {n}: " + SENTENCES[0], SENTENCES[1], SENTENCES[2])
            for n in range(1, 8)
        ),
    ),
    "080-prompt.md": page(
        "notes",
        "Prompt and lines",
        "\n".join(row("pencil", f"Line {n}: " + SENTENCES[0], SENTENCES[1]) for n in range(1, 4))
        + "\n![A pencil](openmoji:pencil)\nWrite who you want to see:\n\n[lines: 6]\n",
    ),
    "090-two-pages.md": page(
        "content",
        "Two pages on purpose",
        "\n".join(
            row("bed", f"Part {n}: " + SENTENCES[0], SENTENCES[1], SENTENCES[2])
            for n in range(1, 5)
        ),
        extra="pages: 2\n",
    ),
}

# What each page's layout does wrong (appended to the easy read layout of the test project).
PLANTED_CSS = """
#page-030-fixed-panel .row-text { height: 9mm; overflow: hidden; }
#page-040-same-colour .row-text p { color: white; }
#page-050-covered .page-header { position: relative; z-index: 2; background: white;
  height: 70mm; margin-bottom: -60mm; }
#page-060-tall-picture .row-picture { height: 400mm; }
"""

MAG_PAGES = {
    "010-cover.md": page("cover", "", "A small magazine for testing.\n"),
    "020-card.md": page(
        "tear-out",
        "My big card",
        "[cut]\n\nMy name is:\n\n[lines: 3]\n\nWhat I want to say at the meeting:\n\n[lines: 20]\n\n"
        "Who I want there:\n\n[lines: 6]\n",
        extra="card: big-card\n",
    ),
    "030-notes.md": page("notes", "Notes", "", extra="lines: 8\n"),
    "040-long.md": page(
        "content",
        "A long page",
        "\n\n".join(f"Paragraph {n}. " + " ".join(SENTENCES) * 2 for n in range(1, 9)) + "\n",
    ),
}


def write_publication(project: Project, slug: str, profile: str, pages: dict[str, str]) -> None:
    project.write(
        f"content/{slug}/publication.yml",
        f'title: Test {slug}\nprofile: {profile}\nversion: "1.0"\ndate: 2026-03-01\n'
        "page_size: A5\nco_production:\n  status: signed-off\n",
    )
    for name, text in pages.items():
        project.write(f"content/{slug}/{name}", text)


def render(project: Project, slug: str) -> make.Output:
    pub, problems = project.load(slug)
    assert pub is not None, [p.as_line() for p in problems]
    return make.make_outputs(make.Project(project.root), pub)


Lossy = tuple[Project, make.Output, make.Output]


@pytest.fixture(scope="module")
def lossy(tmp_path_factory: pytest.TempPathFactory) -> Lossy:
    project = make_project(tmp_path_factory.mktemp("lossy"))
    write_publication(project, "lossy", "easy-read", EASY_PAGES)
    write_publication(project, "lossy-mag", "young-people", MAG_PAGES)
    css = project.root / "layouts" / "easy-read" / "style.css"
    css.write_text(css.read_text(encoding="utf-8") + PLANTED_CSS, encoding="utf-8")
    return project, render(project, "lossy"), render(project, "lossy-mag")


def line_of(project: Project, rel: str, needle: str) -> int:
    lines = (project.root / rel).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, start=1) if needle in text)


def found(output: make.Output, rule: str, name: str) -> list[Finding]:
    return [f for f in output.findings if f.rule == rule and f.location.path.endswith(name)]


def pdf_text(
    data: bytes | Path, tmp: Path, first: int = 0, last: int = 0, safe_area: bool = False
) -> str:
    """The text poppler reads from a PDF (an A5 print PDF's safe area only, if asked)."""
    path = tmp / "doc.pdf"
    path.write_bytes(data if isinstance(data, bytes) else data.read_bytes())
    pages = ["-f", str(first), "-l", str(last)] if first else []
    if safe_area:  # 3 mm bleed + 5 mm safe margin, inside a 148 x 210 mm trim
        pt = 72 / 25.4
        pages += [
            "-x",
            str(int(8 * pt)),
            "-y",
            str(int(8 * pt)),
            "-W",
            str(int(138 * pt)),
            "-H",
            str(int(200 * pt)),
        ]
    return subprocess.run(
        ["pdftotext", *pages, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squeezed(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]+", "", text)


def test_a_crowded_cover_is_tightened_then_reported_at_the_first_row_that_does_not_fit(
    lossy: Lossy,
) -> None:
    project, easy, _mag = lossy
    lost = found(easy, "lost-text", "010-cover.md")
    assert lost, "a cover with 6 rows cannot fit an A5 page"
    assert all(f.severity is Severity.ERROR for f in lost)
    first = min(f.location.line for f in lost)
    # Rows before the one reported are on the cover; the reported row is not (or not all of it).
    assert first > line_of(project, "content/lossy/010-cover.md", "Cover row 2 says one")
    cover = pdf_text(easy.files["lossy-print.pdf"], project.root, 1, 1, safe_area=True)
    assert "Cover row 1 says one thing." in cover
    reported = (project.root / "content/lossy/010-cover.md").read_text().splitlines()[first - 1]
    assert reported.strip() not in cover
    assert re.search("no room|outside the page|cut off|too close to the edge", lost[0].message)
    assert "cover" in lost[0].fix


def test_a_long_unbreakable_word_is_kept_whole(lossy: Lossy, tmp_path: Path) -> None:
    _project, easy, _mag = lossy
    assert not found(easy, "lost-text", "020-long-word.md")
    for name in ("lossy-print.pdf", "lossy-digital.pdf"):
        assert LONG_WORD in squeezed(pdf_text(easy.files[name], tmp_path))


def test_text_cut_off_by_a_fixed_height_panel_is_reported_on_its_line(lossy: Lossy) -> None:
    project, easy, _mag = lossy
    lost = found(easy, "lost-text", "030-fixed-panel.md")
    assert len(lost) == 1
    # The first sentence fits in the 9 mm panel; the second is where the loss starts.
    assert lost[0].location.line == line_of(
        project, "content/lossy/030-fixed-panel.md", SENTENCES[1]
    )
    assert "cut off" in lost[0].message


def test_text_in_the_background_colour_is_lost(lossy: Lossy) -> None:
    project, easy, _mag = lossy
    lost = found(easy, "lost-text", "040-same-colour.md")
    assert [f.location.line for f in lost] == [
        line_of(project, "content/lossy/040-same-colour.md", "white on white")
    ]
    assert "same colour as the background" in lost[0].message


def test_text_covered_by_a_box_painted_over_it_is_lost(lossy: Lossy) -> None:
    project, easy, _mag = lossy
    lost = found(easy, "lost-text", "050-covered.md")
    # The header is painted over the whole first row: its picture and its sentence.
    assert [f.location.line for f in lost] == [
        line_of(project, "content/lossy/050-covered.md", "openmoji:envelope"),
        line_of(project, "content/lossy/050-covered.md", "under a box"),
    ]
    assert all("covered" in f.message for f in lost)


def test_a_picture_taller_than_the_page_is_lost(lossy: Lossy) -> None:
    project, easy, _mag = lossy
    lost = found(easy, "lost-text", "060-tall-picture.md")
    assert any(
        f.location.line
        == line_of(project, "content/lossy/060-tall-picture.md", "openmoji:house-building")
        and "picture" in f.message
        for f in lost
    ), [f.as_line() for f in lost]


def test_every_pdf_is_checked(lossy: Lossy) -> None:
    _project, easy, _mag = lossy
    (lost,) = found(easy, "lost-text", "040-same-colour.md")
    named = lost.message.split(" missing from the ", 1)[1].rstrip(".").split(" and the ")
    assert sorted(named) == ["digital PDF", "large print PDF", "print PDF"]


def test_a_page_that_runs_over_is_an_error_at_the_first_row_that_moved(
    lossy: Lossy, tmp_path: Path
) -> None:
    project, easy, _mag = lossy
    fit = found(easy, "page-fit", "070-too-long.md")
    assert len(fit) == 1 and fit[0].severity is Severity.ERROR
    moved_line = fit[0].location.line
    source = (project.root / "content/lossy/070-too-long.md").read_text().splitlines()
    assert source[moved_line - 1].startswith("![")  # a whole row moved: rows never split
    moved_row = source[moved_line].split(":")[0]  # "Row N"
    text = pdf_text(easy.files["lossy-print.pdf"], tmp_path)
    pages = text.split("\f")
    start = next(i for i, p in enumerate(pages) if "Too long" in p and "(continued)" not in p)
    assert moved_row not in pages[start] and moved_row in pages[start + 1]
    # The continuation page repeats the title, and no heading ends a page.
    assert "Too long (continued)" in pages[start + 1]
    assert not pages[start].rstrip().splitlines()[-2].strip().startswith("Too long")


def test_a_writing_prompt_stays_with_its_lines(lossy: Lossy, tmp_path: Path) -> None:
    project, easy, _mag = lossy
    fit = found(easy, "page-fit", "080-prompt.md")
    assert len(fit) == 1
    # What moved first is the prompt's row, not the lines under it.
    assert fit[0].location.line == line_of(
        project, "content/lossy/080-prompt.md", "![A pencil](openmoji:pencil)"
    )


def test_pages_2_in_front_matter_allows_a_second_page(lossy: Lossy) -> None:
    _project, easy, _mag = lossy
    assert not found(easy, "page-fit", "090-two-pages.md")
    assert not found(easy, "lost-text", "090-two-pages.md")


def test_the_magazine_gets_a_warning_but_an_overflowing_card_is_an_error(lossy: Lossy) -> None:
    project, _easy, mag = lossy
    long_page = found(mag, "page-fit", "040-long.md")
    assert [f.severity for f in long_page] == [Severity.WARNING]
    card = found(mag, "page-fit", "020-card.md")
    assert [f.severity for f in card] == [Severity.ERROR]
    assert card[0].location.line > line_of(project, "content/lossy-mag/020-card.md", "My name is")


def test_nothing_is_lost_without_a_finding(lossy: Lossy, tmp_path: Path) -> None:
    """Every sentence of every page is in the print PDF, or a finding names its line."""
    project, easy, _mag = lossy
    text = squeezed(pdf_text(easy.files["lossy-print.pdf"], tmp_path))
    reported = {(f.location.path, f.location.line) for f in easy.findings if f.rule == "lost-text"}
    for name in EASY_PAGES:
        rel = f"content/lossy/{name}"
        for number, line in enumerate((project.root / rel).read_text().splitlines(), start=1):
            if not line or line.startswith(("---", "!", "[", "kind:", "title:", "pages:")):
                continue
            if squeezed(line) not in text:
                assert any(path == rel and 0 <= number - at <= 3 for path, at in reported), (
                    f"{rel}:{number} '{line}' was lost without a finding"
                )
