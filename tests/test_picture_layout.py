"""Pictures as readers see them: glossary pictures are real pictures with alt text (web page and
tagged PDF) and in print are as big as the row pictures of their page; row pictures are all one
size, their tops level with the first line of their text. Measured in WeasyPrint's own layout
of the HTML and CSS that made the print PDF."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from weasyprint import HTML

from .conftest import Project, make_project

MM = 96 / 25.4  # CSS pixels in a millimetre


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("picture-layout"))
    project.write(
        "content/mini-easy/030-words.md",
        "---\nkind: glossary\ntitle: Words to know\n---\n"
        "![A book of hard words](openmoji:open-book)\nThese words are hard.\n",
    )
    project.write(
        "content/mini-easy/025-more.md",
        "---\nkind: content\ntitle: More about it\n---\n"
        "![A doctor](openmoji:doctor)\nA doctor will see you.\nThey will listen to you.\n"
        "They will tell you what happens next.\n\n"
        "![A tall thin picture](openmoji:1F9CD)\nYou can stand up.\n",
    )
    run = project.build("mini-easy", "--emit-html")
    assert run.code == 0, run.out
    return project


def boxes(project: Project) -> list[tuple[int, Any]]:
    """Every laid-out box of the print PDF's HTML, with its page number."""
    debug = project.output("mini-easy/debug")
    document = HTML(filename=str(debug / "print.html"), base_url=str(debug)).render()
    found: list[tuple[int, Any]] = []
    for number, page in enumerate(document.pages, start=1):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            found.append((number, box))
            stack.extend(getattr(box, "children", []))
    return found


def pictures(all_boxes: list[tuple[int, Any]], css_class: str) -> list[Any]:
    return [
        box
        for _, box in all_boxes
        if box.element is not None
        and box.element.tag == "img"
        and css_class in (box.element.get("class") or "").split()
        and box.element_tag == "img"
    ]


def test_glossary_pictures_are_images_with_their_alt_text_on_the_web(built: Project) -> None:
    page = built.output("mini-easy/web/index.html").read_text(encoding="utf-8")
    assert re.search(r'<img [^>]*class="term-picture"', page)
    assert 'alt="A nurse who can help"' in page
    assert "background-image" not in page


def test_glossary_pictures_carry_their_alt_text_in_the_tagged_pdf(built: Project) -> None:
    with pikepdf.open(built.output("mini-easy/mini-easy-digital.pdf")) as pdf:
        alts = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure" and "/Alt" in node:
                    alts.append(str(node.Alt))
                if "/K" in node:
                    stack.append(node.K)
        assert "A nurse who can help" in alts


def test_glossary_pictures_in_print_are_as_big_as_the_row_pictures_of_their_page(
    built: Project,
) -> None:
    laid = boxes(built)
    terms = pictures(laid, "term-picture")
    glossary_page = {n for n, box in laid if box in terms}
    rows = [box for n, box in laid if n in glossary_page and box in pictures(laid, "row-picture")]
    assert terms and rows
    for term in terms:
        assert term.width >= max(r.width for r in rows) - 0.01
        assert term.height >= max(r.height for r in rows) - 0.01
        assert term.width >= 14 * MM  # a picture, not the size of a letter (a 16 pt line is 8.5 mm)


def test_row_pictures_are_one_size_and_level_with_their_first_line(built: Project) -> None:
    laid = boxes(built)
    content = [
        box
        for _, box in laid
        if box.element is not None
        and "kind-content" in (box.element.get("class") or "")
        and box.element_tag == "section"
    ]
    assert content
    rows = [
        box
        for section in content
        for box in _descendants(section)
        if box.element_tag == "div" and (box.element.get("class") or "").split() == ["row"]
    ]
    assert len(rows) >= 3
    images = []
    for row in rows:
        inside = _descendants(row)
        picture = next(b for b in inside if b.element_tag == "img")
        text = next(b for b in inside if "row-text" in (b.element.get("class") or ""))
        first_line = next(b for b in _descendants(text) if type(b).__name__ == "LineBox")
        assert abs(first_line.position_y - picture.position_y) < 1.0
        images.append(picture)
    assert len({(round(p.width, 2), round(p.height, 2)) for p in images}) == 1


def _descendants(box: Any) -> list[Any]:
    found = []
    stack = list(getattr(box, "children", []))
    while stack:
        child = stack.pop(0)
        found.append(child)
        stack.extend(getattr(child, "children", []))
    return found


def test_a_glossary_picture_without_alt_text_is_an_error_at_its_word(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    glossary = project.root / "content/mini-easy/glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("  picture_alt: A nurse who can help\n", ""),
        encoding="utf-8",
    )
    run = project.build("mini-easy", "--check")
    assert run.code == 1
    assert run.findings("picture-alt") == [
        "content/mini-easy/glossary.yml:1:1: error[picture-alt]: The picture of the word "
        "'seclusion' has no alt text. — Add 'picture_alt:' under 'picture:' in glossary.yml, "
        "saying what the picture shows (python build.py pictures suggests one)."
    ]
