"""The large print PDF (``<slug>-large-print.pdf``), read back with the tools a person would use:
poppler's pdffonts and pdftotext, and PyMuPDF for the size of every piece of text on every page.

The real publications come from the session build (conftest ``site``). The PDF/UA validators run
on it in test_pdfua.py, like on every tagged PDF of the build.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pikepdf
import pymupdf
import pytest

from pressroom.checks._fit import check_layout
from pressroom.checks._laidout import LaidOut
from pressroom.checks._text import page_sentences
from pressroom.model import Severity
from pressroom.outputs import make

from .conftest import Project, make_project
from .structtree import read

SLUGS = ("restrictive-practices", "my-rights")
A4_PT = (595.28, 841.89)
BODY_PT = 18.0


def open_pdf(path: Path) -> Any:
    """A PDF opened with PyMuPDF (which has no type hints)."""
    return pymupdf.open(path)  # type: ignore[no-untyped-call]


def large(site: Project, slug: str) -> Path:
    return site.output(f"{slug}/{slug}-large-print.pdf")


def spans(path: Path) -> list[tuple[int, float, str]]:
    """Every piece of text with its page (from 1) and its size in points."""
    found = []
    with open_pdf(path) as doc:
        for number, page in enumerate(doc, start=1):
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        if span["text"].strip():
                            found.append((number, span["size"], span["text"].strip()))
    return found


QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")  # the layout curls quotes


def squeezed(text: str) -> str:
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text).translate(QUOTES).casefold()


def heads(text: str, title: str) -> bool:
    """Whether a page (its squeezed text, the page number aside) starts with ``title``."""
    return re.sub(r"^\d+", "", text).startswith(squeezed(title))


def pdf_text(path: Path) -> str:
    """The text of the pages without their furniture (page numbers, "(continued)" heads), so that
    a sentence that runs over a page break reads as one."""
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = text.replace("\f", "\n").splitlines()
    return "\n".join(x for x in lines if not re.fullmatch(r"\s*(\d+|\(continued\))\s*", x))


@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_is_a4(site: Project, slug: str) -> None:
    with open_pdf(large(site, slug)) as doc:
        sizes = {(round(p.rect.width, 1), round(p.rect.height, 1)) for p in doc}
        assert len(doc) > 10
    assert sizes == {(round(A4_PT[0], 1), round(A4_PT[1], 1))}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_font_is_embedded(site: Project, slug: str) -> None:
    listing = subprocess.run(
        ["pdffonts", str(large(site, slug))], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing, "no fonts at all"
    # columns: name type encoding emb sub uni object ID; "emb" is the 4th from the right
    not_embedded = [row for row in listing if row.split()[-5] != "yes"]
    assert not_embedded == []


@pytest.mark.parametrize("slug", SLUGS)
def test_no_text_on_any_page_is_smaller_than_18_pt(site: Project, slug: str) -> None:
    """UKAAF: page numbers and labels as large as the text, so no exception for them."""
    found = spans(large(site, slug))
    small = [(page, round(size, 1), text) for page, size, text in found if size < BODY_PT - 0.05]
    assert small == []
    pages = {page for page, _size, _text in found}
    with open_pdf(large(site, slug)) as doc:
        assert pages == set(range(1, len(doc) + 1))  # text on every page, all of it measured
    # The same reading finds the small print of the booklet's own digital PDF.
    digital = spans(site.output(f"{slug}/{slug}-digital.pdf"))
    assert min(size for _page, size, _text in digital) < BODY_PT - 1


@pytest.mark.parametrize("slug", SLUGS)
def test_page_titles_are_larger_than_the_text(site: Project, slug: str) -> None:
    pub, _problems = site.load(slug)
    assert pub is not None
    sizes: dict[str, float] = {}
    for _page, size, text in spans(large(site, slug)):
        sizes[text] = max(size, sizes.get(text, 0.0))
    titles = [p.title for p in pub.pages if p.title and p.kind != "cover"]
    assert len(titles) > 10
    for title in titles:
        shown = [size for text, size in sizes.items() if text and text in title]
        assert shown and max(shown) >= BODY_PT * 1.3, (title, shown)


MEASURE_PT = 595.28 - (20 + 18) * 72 / 25.4  # the line length between the side margins


@pytest.mark.parametrize("slug", SLUGS)
def test_each_picture_is_beside_its_own_sentences_and_grows_with_the_text(
    site: Project, slug: str
) -> None:
    """A row's picture (or a glossary word's) is on the same page as its sentences, on their
    left, its top level with their first line; a row picture is 4 to 7 times the text size, and
    the sentences keep more than half of the line beside it."""
    path = large(site, slug)
    rows = 0
    with pikepdf.open(path) as pdf, open_pdf(path) as doc:
        tagged = read(pdf)
        for figure in tagged.elements("Figure"):
            siblings = figure.parent.children if figure.parent else []
            after = siblings[siblings.index(figure) + 1 :]
            if not after or after[0].kind not in ("P", "Div"):  # row: Div[Figure, Div[P…]]
                continue  # a picture without sentences of its own (a page's heading picture)
            if any(child.kind.startswith("H") for child in after[0].children):
                continue  # a section opener's picture beside its label and heading, not a row
            left, top, right, _bottom = (float(v) * 0.75 for v in figure.element.A.BBox)  # px
            first = re.findall(r"[\w']+", tagged.text(after[0]))[0]
            page = tagged.page_of(figure)
            assert page is not None
            beside = [
                r
                for r in doc[page].search_for(first)
                if r.x0 >= right and abs(r.y0 - top) <= BODY_PT * 0.7
            ]
            assert beside, (page + 1, first)
            if figure.parent is not None and figure.parent.kind != "LBody":  # a row, not a word
                rows += 1
                assert 4 * BODY_PT <= right - left <= 7 * BODY_PT, (page + 1, right - left)
                assert MEASURE_PT - (beside[0].x0 - left) > 0.55 * MEASURE_PT
    assert rows >= (20 if slug == "restrictive-practices" else 1), rows  # the magazine: 1


def row_picture_in_text_sizes(path: Path) -> float:
    """The middle width of the pictures that have sentences beside them (rows and words to know,
    not on the cover, which has a design of its own), in sizes of the most common text: what
    "grows with the text" keeps."""
    with pikepdf.open(path) as pdf:
        tagged = read(pdf)
        widths = sorted(
            (float(f.element.A.BBox[2]) - float(f.element.A.BBox[0])) * 0.75
            for f in tagged.elements("Figure")
            if f.parent is not None
            and [k.kind for k in f.parent.children] in (["Figure", "Div"], ["Figure", "P"])
            and tagged.page_of(f) != 0
        )
    sizes = Counter(round(size, 1) for _page, size, _text in spans(path))
    return widths[len(widths) // 2] / sizes.most_common(1)[0][0]


def test_row_pictures_keep_their_size_next_to_the_text(site: Project) -> None:
    """Measured in the size of the text, a row picture is as big in large print as in the
    booklet (its digital PDF has the print sizes), within a tenth. (The magazine's only row is
    on its cover.)"""
    slug = "restrictive-practices"
    booklet = row_picture_in_text_sizes(site.output(f"{slug}/{slug}-digital.pdf"))
    larger = row_picture_in_text_sizes(large(site, slug))
    assert 0.9 <= larger / booklet <= 1.1, (booklet, larger)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_source_sentence_is_in_the_large_print(site: Project, slug: str) -> None:
    pub, _problems = site.load(slug)
    assert pub is not None
    text = squeezed(pdf_text(large(site, slug)))
    missing = [
        f"{s.location.path}:{s.location.line} {s.text}"
        for page in pub.pages
        for s in page_sentences(page)
        if squeezed(s.text) not in text
    ]
    assert len([s for page in pub.pages for s in page_sentences(page)]) > 100
    assert missing == []


def test_a_page_that_runs_over_in_large_print_keeps_its_text_and_is_not_an_error(
    site: Project,
) -> None:
    """A page file that fills its printed page takes two in large print: every sentence is
    there, on the pages after its title, and the build reports no page-fit or lost text."""
    slug = "restrictive-practices"
    pub, _problems = site.load(slug)
    assert pub is not None
    job = json.loads(site.output(f"{slug}/{slug}-job.json").read_text())
    printed: dict[str, int] = {}
    for entry in job["pages"]:
        printed[entry["source"]] = printed.get(entry["source"], 0) + 1
    with open_pdf(large(site, slug)) as doc:
        page_texts = [squeezed(p.get_text()) for p in doc]
    titled = [p for p in pub.pages if p.title and p.kind != "cover"]
    starts, at = [], 0
    for page in titled:  # each page file's first page: where its title is, in order
        at = next(i for i in range(at, len(page_texts)) if heads(page_texts[i], page.title))
        starts.append(at)
    starts.append(len(page_texts) - 1)  # the credits run to the end
    runs_over = []
    for page, first, following in zip(titled, starts, starts[1:], strict=False):
        if following - first > 1 and printed.get(page.display_path) == 1:
            runs_over.append(page)
            together = "".join(page_texts[first:following])
            assert squeezed("(continued)") in page_texts[first + 1]
            for sentence in page_sentences(page):
                assert squeezed(sentence.text) in together, (page.display_path, sentence.text)
    assert runs_over, "no page of the booklet runs over in large print"
    report = json.loads(site.output("report.json").read_text())
    findings = report["findings"] if isinstance(report, dict) else report
    rels = {p.display_path for p in runs_over}
    assert [
        f for f in findings if f["rule"] in ("page-fit", "lost-text") and f["path"] in rels
    ] == []


LP_CSS = """
/* planted: the large print alone paints this page's row text in the paper colour */
.mode-large-print #page-020-about .row-text p { color: var(--paper); }
"""


def test_text_lost_only_in_large_print_is_reported_at_its_line(tmp_path: Path) -> None:
    """The lost-text check runs on the large print PDF and names it."""
    project = make_project(tmp_path)
    css = project.root / "layouts" / "easy-read" / "large-print-style.css"
    css.write_text(css.read_text(encoding="utf-8") + LP_CSS, encoding="utf-8")
    pub, _problems = project.load("mini-easy")
    assert pub is not None
    out = make.make_outputs(make.Project(project.root), pub)
    lost = [f for f in out.findings if f.rule == "lost-text"]
    assert lost, [f.as_line() for f in out.findings]
    source = (project.root / "content/mini-easy/020-about.md").read_text().splitlines()
    for finding in lost:
        assert finding.location.path == "content/mini-easy/020-about.md"
        assert finding.message.endswith("missing from the large print PDF.")
        quoted = finding.message.split("'")[1].split(" …")[0]
        assert quoted.split()[0] in source[finding.location.line - 1]


def write_line_gap(path: Path, title: str) -> float:
    """How far apart the lines to write on are, on the pages of the page file called ``title``
    (each line is drawn as a box as wide as the text with its rule at the bottom)."""
    with open_pdf(path) as doc:
        texts = [squeezed(page.get_text()) for page in doc]
        first = next(i for i, text in enumerate(texts) if heads(text, title))
        tops: list[float] = []
        for index in range(first, min(first + 3, len(doc))):
            if index > first and not texts[index].startswith(squeezed("(continued)")):
                break
            tops += sorted(d["rect"].y0 for d in doc[index].get_drawings() if d["rect"].width > 200)
    gaps = [b - a for a, b in pairwise(tops) if 0 < b - a < 100]
    assert len(gaps) > 5, gaps
    return sorted(gaps)[len(gaps) // 2]


def test_lines_to_write_on_are_further_apart_in_large_print(site: Project) -> None:
    booklet = write_line_gap(site.output("my-rights/my-rights-digital.pdf"), "My notes")
    larger = write_line_gap(large(site, "my-rights"), "My notes")
    assert larger >= 2.4 * BODY_PT and larger > 1.5 * booklet, (booklet, larger)


def test_a_notes_page_starts_its_lines_under_its_heading(site: Project) -> None:
    with open_pdf(large(site, "my-rights")) as doc:
        first = next(p for p in doc if heads(squeezed(p.get_text()), "My notes"))
        assert len([d for d in first.get_drawings() if d["rect"].width > 200]) >= 5


def test_each_card_is_a_page_of_its_own(site: Project) -> None:
    """A tear-out card starts a page, and the next page file starts the page after it."""
    pub, _problems = site.load("my-rights")
    assert pub is not None
    with open_pdf(large(site, "my-rights")) as doc:
        texts = [squeezed(page.get_text()) for page in doc]
    titled = [p for p in pub.pages if p.title and p.kind != "cover"]
    cards = [i for i, p in enumerate(titled) if p.kind == "tear-out"]
    assert len(cards) >= 2
    for index in cards:  # a card may run over (a page-fit warning); the next file starts afresh
        at = next(i for i, text in enumerate(texts) if heads(text, titled[index].title))
        later = [i for i in range(at + 1, len(texts)) if heads(texts[i], titled[index + 1].title)]
        assert later and later[0] <= at + 2, titled[index].title  # at most one page over


def test_in_large_print_only_covers_and_cards_must_fit_a_page_and_then_as_a_warning(
    project: Project,
) -> None:
    """The page-fit rule as the large print PDF uses it, on what a layout could report: a card
    and a content page that each take two pages."""
    pub, _problems = project.load("mini-mag")
    assert pub is not None
    card = next(p for p in pub.pages if p.kind == "tear-out")
    tips = next(p for p in pub.pages if p.kind == "tips")
    laid = LaidOut([], {card.display_path: [5, 6], tips.display_path: [2, 3, 4]}, 6)
    booklet = check_layout(pub, laid, "print PDF", True)
    assert {(f.location.path, f.severity) for f in booklet if f.rule == "page-fit"} == {
        (card.display_path, Severity.ERROR),
        (tips.display_path, Severity.WARNING),
    }
    larger = check_layout(pub, laid, "large print PDF", True, one_page_only=True)
    assert [(f.location.path, f.severity) for f in larger] == [
        (card.display_path, Severity.WARNING)
    ]
    assert "1 page of the large print PDF" in larger[0].message
