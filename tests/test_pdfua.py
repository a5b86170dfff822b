"""The tagged PDFs (digital PDFs and cards) against PDF/UA-1, checked by tools we did not write.

Two independent validators run on every tagged PDF the build makes (the digital and large print
PDFs, the cards), as a user would run them:
``page`` (PyPI ``page-validation``, a Rust PDF/A and PDF/UA-1 validator that passes veraPDF's
test corpus) and ``outloud`` (PyPI, PDF/UA-1 and WCAG checks plus checks no validator makes).
Then one test for each defect that a validator run found once, read from the structure tree as
a screen reader would (tests/structtree.py), and the reading order: every page paints its
marked content in the order of the structure tree.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import page as page_validator
import pikepdf
import pytest
import yaml

from pressroom.outputs.pdftext import painted_text

from .conftest import Project
from .structtree import Node, Tagged, read

SLUGS = ("restrictive-practices", "my-rights")
TAGGED_KINDS = ("digital", "large-print")  # each publication's tagged PDFs
OUTLOUD = Path(sys.executable).parent / "outloud"


def tagged_pdfs(site: Project) -> dict[str, Path]:
    """Every tagged PDF in the output (or one that claims PDF/UA), once per distinct file (the
    web copies are the same)."""
    found: dict[str, Path] = {}
    for path in sorted(site.output().rglob("*.pdf")):
        with pikepdf.open(path) as pdf:
            claims_ua = any("/pdfua/ns/id/" in key for key in pdf.open_metadata())
            if "/StructTreeRoot" not in pdf.Root and not claims_ua:
                continue
        found.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
    return {str(p.relative_to(site.output())): p for p in found.values()}


@pytest.fixture(scope="module")
def site(real_site: Project) -> Project:
    return real_site


@pytest.fixture(scope="module")
def pdfs(site: Project) -> dict[str, Path]:
    found = tagged_pdfs(site)
    expected = {f"{slug}/{slug}-{kind}.pdf" for slug in SLUGS for kind in TAGGED_KINDS} | {
        "my-rights/cards/my-meeting.pdf",
        "my-rights/cards/my-rights.pdf",
        "my-rights/cards/my-rights-doodle-pages.pdf",
    }
    assert expected <= set(found), sorted(found)
    return found


def digital(site: Project, slug: str) -> Tagged:
    return read(pikepdf.open(site.output(f"{slug}/{slug}-digital.pdf")))


# --- the independent validators ------------------------------------------------------------


def test_every_tagged_pdf_passes_the_page_validator(pdfs: dict[str, Path]) -> None:
    failures = {}
    for name, path in pdfs.items():
        report = page_validator.validate_pdf(path, profile="ua1")
        if not report.is_compliant:
            failures[name] = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert failures == {}


def test_every_tagged_pdf_passes_outloud(pdfs: dict[str, Path], tmp_path: Path) -> None:
    assert OUTLOUD.exists(), "run ./run test: it installs outloud from requirements-dev.lock"
    out = tmp_path / "outloud.json"
    subprocess.run(
        [str(OUTLOUD), *map(str, pdfs.values()), "--json", str(out)],
        capture_output=True,
        timeout=300,
    )
    results = json.loads(out.read_text())["results"]
    assert len(results) == len(pdfs)
    findings = {
        Path(r["path"]).name: [
            f"{f.get('rule')} {f.get('severity')}: {f.get('message') or f.get('title')}"
            for f in r["findings"]
        ]
        for r in results
        if r["error"] or r["counts"]["error"] or r["counts"]["warning"]
    }
    assert findings == {}


# --- links ---------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_each_link_is_one_annotation_in_one_link_named_by_its_words(
    site: Project, slug: str
) -> None:
    tagged = digital(site, slug)
    links = tagged.elements("Link")
    annots = [a for page in tagged.pdf.pages for a in page.obj.get("/Annots", [])]
    link_annots = [a for a in annots if a.get("/Subtype") == "/Link"]
    assert links and len(links) == len(link_annots)
    for link in links:
        assert not [n for n in link.walk() if n is not link and n.kind == "Link"]
        assert len(link.annots) == 1
        words = tagged.text(link)
        name = str(link.annots[0].get("/Contents", ""))
        assert words and words.split()[0] in name, (name, words)
        assert not re.fullmatch(r"(term|page)-[a-z0-9-]+|[a-z]+:.*|#.*", name), name
    rects = Counter(tuple(round(float(v)) for v in a.Rect) for a in link_annots)
    assert [r for r, n in rects.items() if n > 1] == []  # no two annotations on one spot


def test_a_phone_link_says_what_it_does(site: Project) -> None:
    tagged = digital(site, "my-rights")
    names = [str(link.annots[0].get("/Contents")) for link in tagged.elements("Link")]
    assert "Call 0800 1111" in names


# --- lists: the words to know and the contents -----------------------------------------------


def items_after(tagged: Tagged, heading: str) -> list[Node]:
    """The items of the one list that follows a page heading (before the next page heading)."""
    lists: list[Node] = []
    inside = False
    for node in tagged.elements():
        if node.kind == "H2":
            inside = tagged.text(node) == heading
        elif inside and node.kind == "L":
            lists.append(node)
    assert len(lists) == 1, f"{len(lists)} lists after {heading}"  # also over a page break
    return lists[0].children


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("slug", SLUGS)
def test_a_glossary_word_is_one_list_item_with_its_whole_meaning(site: Project, slug: str) -> None:
    entries = yaml.safe_load((site.root / "content" / slug / "glossary.yml").read_text())
    tagged = digital(site, slug)
    items = items_after(tagged, "Words to know")
    assert [n.kind for n in items] == ["LI"] * len(entries)
    for entry, item in zip(entries, items, strict=True):
        text = squeeze(tagged.text(item))
        assert text == squeeze(f"{entry['word']}: {entry['meaning']}"), text
        assert [k.kind for k in item.children] in (["LBody"], ["Lbl", "LBody"])


@pytest.mark.parametrize("slug", SLUGS)
def test_every_list_holds_only_list_items(site: Project, slug: str) -> None:
    tagged = digital(site, slug)
    for node in tagged.elements():
        if node.kind == "L":
            assert {k.kind for k in node.children} <= {"LI", "L", "Caption"}
        if node.kind == "LI":
            assert node.parent is not None and node.parent.kind == "L"
            assert {k.kind for k in node.children} <= {"Lbl", "LBody"}


def test_each_contents_entry_is_one_link_that_names_its_page(site: Project) -> None:
    tagged = digital(site, "my-rights")
    entries = items_after(tagged, "In this magazine")
    assert len(entries) > 10
    pages = {page.obj.objgen: i + 1 for i, page in enumerate(tagged.pdf.pages)}
    for entry in entries:
        links = [n for n in entry.walk() if n.kind == "Link"]
        assert len(links) == 1 and len(links[0].annots) == 1
        annot = links[0].annots[0]
        title = tagged.text(links[0]).rsplit(" ", 1)[0]
        dest = pikepdf.NameTree(tagged.pdf.Root.Names.Dests)[str(annot.Dest)]
        target = dest.get("/D") if isinstance(dest, pikepdf.Dictionary) else dest
        assert target is not None, f"the contents entry {title!r} has no destination"
        number = str(tagged.pdf.pages[pages[target[0].objgen] - 1].label)  # the printed number
        assert str(annot.Contents) == f"{title}, page {number}"
        assert not re.search(r"\.\s*\.", tagged.text(entry))  # no leader dots read aloud


# --- artifacts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_page_numbers_are_pagination_artifacts(site: Project, slug: str) -> None:
    path = site.output(f"{slug}/{slug}-digital.pdf")
    with pikepdf.open(path) as pdf:
        tagged = read(pdf)
        in_tree = set(tagged.root.all_marks())
        numbered = 0
        for index, page in enumerate(pdf.pages):
            marked, artifacts = painted_text(page.obj)
            assert {(index, mcid) for mcid in marked} <= in_tree  # nothing tagged outside
            pagination = [text.strip() for kind, text in artifacts if kind == "/Pagination"]
            # the printed page number: the digital PDF leaves out the filler pages added for
            # print, and its page labels keep the printed numbers
            number = str(pikepdf.Page(page).label)  # a property (the stubs say a method)
            if pagination:
                # the page number, on a continued page its running head "Title (continued)",
                # and on a tear-out page the scissors of the perforation line
                heads = [text for text in pagination if text not in (number, "\u2702")]
                assert number in pagination
                assert all(text.endswith("(continued)") for text in heads), heads
                numbered += 1
            assert number not in [t.strip() for t in marked.values()]
        assert numbered == len(pdf.pages) - 1  # all but the cover


@pytest.mark.parametrize("slug", SLUGS)
def test_sections_split_by_a_page_break_read_as_one(site: Project, slug: str) -> None:
    tagged = digital(site, slug)
    (document,) = tagged.root.children
    assert [n.kind for n in document.children] == ["Part"]  # the one <main>, not one per page
    job = json.loads(site.output(f"{slug}/{slug}-job.json").read_text())
    sections = [n for n in document.children[0].children if n.kind in ("Sect", "Art", "NonStruct")]
    assert len(sections) == len({p["source"] for p in job["pages"] if not p["added"]})


def test_print_only_cues_are_not_read_aloud(site: Project, pdfs: dict[str, Path]) -> None:
    for name, path in pdfs.items():
        with pikepdf.open(path) as pdf:
            tagged = read(pdf)
            text = " ".join(tagged.text(n) for n in tagged.root.children)
            assert "Tear or cut" not in text, name
            assert "\u2702" not in text, name


@pytest.mark.parametrize("slug", SLUGS)
def test_no_empty_structure_elements(site: Project, slug: str) -> None:
    tagged = digital(site, slug)
    empty = [
        n.kind
        for n in tagged.elements()
        if not n.all_marks()
        and not any(m.annots for m in n.walk())
        and "/Alt" not in n.element
        and "/ActualText" not in n.element
    ]
    assert empty == []


# --- forms ---------------------------------------------------------------------------------------


def test_form_fields_have_unique_names_and_appearances(pdfs: dict[str, Path]) -> None:
    with_fields = 0
    for name, path in pdfs.items():
        with pikepdf.open(path) as pdf:
            form = pdf.Root.get("/AcroForm")
            if form is None:
                continue
            with_fields += 1
            names = [str(field.get("/T")) for field in form.Fields]
            assert len(names) == len(set(names)), (name, names)
            assert all(re.fullmatch(r"[a-z0-9-]+-\d+", n) for n in names), names
            assert "/NeedAppearances" not in form
            for field in form.Fields:
                assert "/N" in field.get("/AP", {}), (name, str(field.get("/T")))
    assert with_fields >= 3  # the magazine and its two cards


def test_each_card_names_its_fields_after_itself(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["my-rights/my-rights-digital.pdf"]) as pdf:
        names = {str(field.T) for field in pdf.Root.AcroForm.Fields}
    assert {"my-meeting-1", "my-rights-1"} <= names


# --- reading order -------------------------------------------------------------------------------


def test_every_page_paints_in_structure_tree_order(pdfs: dict[str, Path]) -> None:
    out_of_order = {}
    for name, path in pdfs.items():
        with pikepdf.open(path) as pdf:
            tagged = read(pdf)
            marks = tagged.root.all_marks()
            for index in range(len(pdf.pages)):
                tree = [mcid for page, mcid in marks if page == index]
                painted = [mcid for mcid in tagged.painted[index] if mcid in set(tree)]
                if tree != painted:
                    moved = sum(a != b for a, b in zip(tree, painted, strict=True))
                    out_of_order[f"{name} page {index + 1}"] = f"{moved} of {len(tree)}"
    assert out_of_order == {}


def test_two_columns_read_one_column_after_the_other(site: Project) -> None:
    """The credits page sets two columns side by side (a grid). A person reads the left column
    to its end, then the right one; on the page the two share lines."""
    path = site.output("restrictive-practices/restrictive-practices-digital.pdf")
    tagged = read(pikepdf.open(path))
    right = "How we made this booklet easy to use"
    heading = next(h for h in tagged.elements("H3") if tagged.text(h) == right)
    number = (tagged.page_of(heading) or 0) + 1
    layout = subprocess.run(
        ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert any("Made with" in line and "How we made" in line for line in layout.splitlines())
    order = [tagged.text(h) for h in tagged.elements("H3")]
    left = ["Made with", "Who checked this booklet", "Pictures"]  # from the panel record
    assert [h for h in order if h in left] == left
    assert order.index(right) > order.index("Pictures")


def test_an_easy_read_page_reads_like_the_page(site: Project) -> None:
    """Picture, then its sentences, row by row, under the page's heading."""
    tagged = digital(site, "restrictive-practices")
    kinds = []
    inside = False
    for node in tagged.elements():
        if node.kind == "H2":
            inside = "What are restrictive" in tagged.text(node)
        if inside and node.kind in ("H2", "Figure", "P"):
            kinds.append(node.kind)
    assert kinds[:5] == ["H2", "Figure", "P", "Figure", "P"]


# --- the document ID -----------------------------------------------------------------------------


def test_digital_pdfs_have_a_document_id_of_their_own(pdfs: dict[str, Path]) -> None:
    """Derived from the content (so test_print's two identical builds keep it stable)."""
    ids = set()
    for name, path in pdfs.items():
        with pikepdf.open(path) as pdf:
            assert "/ID" in pdf.trailer, name
            ids.add(bytes(pdf.trailer.ID[0]))
    assert len(ids) == len(pdfs)


# --- the post-processing on its own ---------------------------------------------------------------


def test_a_wrapped_link_with_bold_words_is_one_link(tmp_path: Path) -> None:
    """A link broken over two lines, with a bold word inside, as WeasyPrint writes it and as
    pressroom finishes it: one <Link>, one annotation covering both lines, named by its words."""
    from weasyprint import HTML

    from pressroom.outputs.tagged_pdf import finish_tagged_pdf

    html = (
        '<html lang="en-GB"><head><title>Links</title></head>'
        '<body style="width: 9em; font-family: Liberation Sans">'
        '<h1>Help</h1><p>You can <a href="tel:08001111">call <strong>Childline</strong> '
        "any time of the day on 0800 1111</a> for free.</p></body></html>"
    )
    raw = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    path = tmp_path / "links.pdf"
    path.write_bytes(finish_tagged_pdf(raw))
    with pikepdf.open(io.BytesIO(raw)) as before:
        assert len(read(before).elements("Link")) > 1  # what WeasyPrint alone gives
    with pikepdf.open(path) as pdf:
        tagged = read(pdf)
        (link,) = tagged.elements("Link")
        (annot,) = pdf.pages[0].Annots
        assert link.annots[0].objgen == annot.objgen
        assert str(annot.Contents) == "call Childline any time of the day on 0800 1111"
        assert len(annot.QuadPoints) >= 16  # two lines or more, one quadrilateral each
    assert page_validator.validate_pdf(path, profile="ua1").is_compliant
