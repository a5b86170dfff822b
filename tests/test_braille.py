"""The braille edition of each real publication (``<slug>.brf`` and ``<slug>-braille.txt``).

liblouis itself (Debian's ``lou_translate``, through :mod:`pressroom.outputs.louis`) reads the
BRF back into print; the layout is checked against the embossing conventions it promises.
"""

from __future__ import annotations

import json
import re

import pytest

from pressroom.model import Publication, printed
from pressroom.outputs import louis
from pressroom.outputs.braille import number
from pressroom.source.kinds import kind_of

from .browsing import SLUGS
from .conftest import Project

MARKS_RE = re.compile(r"<!--.*?-->|!?\[([^\]]*)\]\([^)]*\)|[*_`]")


def brf_pages(site: Project, slug: str) -> list[list[str]]:
    data = site.output(f"{slug}/{slug}.brf").read_bytes().decode("ascii")
    return [page.removesuffix("\r\n").split("\r\n") for page in data.split("\f")]


def body(page: list[str]) -> list[str]:
    """The text lines of a braille page: not its page numbers or print page change lines."""
    return [line for line in page[1:-1] if not re.fullmatch(r"-+#[A-J]+", line)]


def normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w' ]", " ", text.replace("’", "'")).lower().split())


def sentences(pub: Publication) -> list[str]:
    """Every sentence an editor wrote in the pages' text (headings, rows, paragraphs, lists)."""
    found = []
    for page in pub.pages:
        for block in page.blocks:
            if block.kind in ("paragraph", "row", "list-item", "heading"):
                for line in printed(block.spans).split("\n"):
                    text = MARKS_RE.sub(r"\1", line)
                    found += [s for s in re.split(r"(?<=[.!?])\s+", text) if normal(s)]
    return found


@pytest.mark.parametrize("slug", SLUGS)
def test_liblouis_reads_the_brf_back_into_the_sentences_of_the_source(
    site: Project, slug: str
) -> None:
    pub, _findings = site.load(slug)
    assert pub is not None
    lines = [line for page in brf_pages(site, slug) for line in body(page)]
    text = normal(" ".join(louis.back_translate(lines)))
    written = sentences(pub)
    missing = [s for s in written if normal(s) not in text]
    # liblouis cannot always undo its own contractions ("enough" alone comes back as "en"):
    # a sentence missing verbatim must be there as liblouis round-trips it on its own.
    alone = louis.back_translate(louis.translate(missing))
    assert [s for s, back in zip(missing, alone, strict=True) if normal(back) not in text] == []
    assert len(written) > 200 and len(missing) <= len(written) // 50
    for term in pub.glossary:  # the glossary is kept, word and meaning
        assert normal(f"{term.word} {term.meaning}") in text


@pytest.mark.parametrize("slug", SLUGS)
def test_brf_pages_are_40_cells_by_25_lines_with_form_feeds_and_page_numbers(
    site: Project, slug: str
) -> None:
    pages = brf_pages(site, slug)
    cells = set(louis.BRAILLE_ASCII)
    job = json.loads(site.output(f"{slug}/{slug}-job.json").read_bytes())
    printed: list[str] = []
    for braille_page, page in enumerate(pages, start=1):
        assert len(page) == 25
        assert all(len(line) <= 40 and set(line) <= cells for line in page)
        assert page[-1].strip() == number(braille_page) and len(page[-1]) == 40  # at the right
        top = page[0].strip()
        assert len(page[0]) == 40 and re.fullmatch(r"[A-Z]?#[A-J]+", top)
        printed += [top] if top.startswith("#") else []  # a print page begins at the top
        printed += [line.strip("-") for line in page[1:-1] if re.fullmatch(r"-+#[A-J]+", line)]
    with_content = [number(p["number"]) for p in job["pages"] if p["source"]]
    assert printed == with_content


def test_headings_are_centred_and_page_titles_underlined(site: Project) -> None:
    pub, _findings = site.load("restrictive-practices")
    assert pub is not None
    pages = [body(page) for page in brf_pages(site, "restrictive-practices")]
    titles = [page.title for page in pub.pages if page.title]
    brailled = louis.translate(titles)
    assert len(titles) > 15
    for title, cells in zip(titles, brailled, strict=True):
        if len(cells) > 40:
            continue
        lines = next(lines for lines in pages if any(line.strip() == cells for line in lines))
        at = next(n for n, line in enumerate(lines) if line.strip() == cells)
        left = len(lines[at]) - len(lines[at].lstrip())
        assert abs(left - (40 - len(cells) - left)) <= 1, title
        assert lines[at + 1] == " " * left + "3" * len(cells), title  # dots 2-5 beneath
        assert at == 0 or lines[at - 1] == "", title  # a blank line before, or a page top


def test_pictures_are_transcribers_notes_with_their_alt_text(site: Project) -> None:
    pub, _findings = site.load("restrictive-practices")
    assert pub is not None
    lines = [line for page in brf_pages(site, "restrictive-practices") for line in body(page)]
    notes = re.findall(r"@\.<(.*?)@\.>", " ".join(line.strip() for line in lines))
    read = [normal(text) for text in louis.back_translate(notes)]
    alts = [pic.alt for page in pub.pages for block in page.blocks for pic in block.pictures]
    for alt in alts:
        assert f"picture {normal(alt)}" in read
    starts = [line for line in lines if line.lstrip().startswith("@.<")]
    assert starts and all(line.startswith(" " * 6 + "@.<") for line in starts)  # cell 7


def test_list_items_are_indented(site: Project) -> None:
    pub, _findings = site.load("my-rights")
    assert pub is not None
    items = [
        MARKS_RE.sub(r"\1", printed(block.spans).split("\n")[0])
        for page in pub.pages
        for block in page.blocks
        if block.kind == "list-item" and block.spans
    ]
    lines = [line for page in brf_pages(site, "my-rights") for line in body(page)]
    starts = [" ".join(cells.split()[:3]) for cells in louis.translate(items[:10])]
    for start in starts:
        line = next(line for line in lines if line.strip().startswith(start + " "))
        assert line.startswith("  ") and not line.startswith("   ")  # cell 3


def test_the_preview_shows_the_brf_in_unicode_braille(site: Project) -> None:
    slug = "restrictive-practices"
    preview = site.output(f"{slug}/{slug}-braille.txt").read_text(encoding="utf-8")
    pages = brf_pages(site, slug)
    assert preview.count("--- braille page ") == len(pages)
    for line in pages[3]:
        assert louis.to_unicode(line.ljust(40)) in preview
    headers = re.findall(
        r"^--- braille page (\d+), print page (\d+)( \(continued\))? ---$", preview, re.M
    )
    assert [int(h[0]) for h in headers] == list(range(1, len(pages) + 1))
    for (_braille, print_page, continued), page in zip(headers, pages, strict=True):
        top = page[0].strip()
        assert top.endswith(number(int(print_page))) and top[0].isalpha() == bool(continued)
    assert "\u2820\u280c\u2801\u280b\u280b" in preview  # ⠠⠌⠁⠋⠋: "Staff", capital and contracted


def test_without_liblouis_the_braille_is_an_error_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(louis.LouisMissing):
        louis.translate(["Hello"])


def test_the_contents_give_each_print_page_number_after_guide_dots(site: Project) -> None:
    pub, _findings = site.load("my-rights")
    assert pub is not None
    job = json.loads(site.output("my-rights/my-rights-job.json").read_bytes())
    starts: dict[str, int] = {}
    for page in job["pages"]:
        starts.setdefault(page["source"], page["number"])
    listed = [
        p for p in pub.pages if p.title and p.meta.get("in_contents") and kind_of(p).in_contents
    ]
    lines = [line for page in brf_pages(site, "my-rights") for line in body(page)]
    entries = [line for line in lines if re.search(r' ""+ #[A-J]+$', line)]
    assert [e.rsplit(" ", 1)[1] for e in entries] == [
        number(starts[p.display_path]) for p in listed
    ]
    titles = louis.back_translate([e.rsplit(" ", 2)[0] for e in entries])
    assert [normal(t) for t in titles][:3] == [normal(p.title) for p in listed][:3]
