"""The EPUB's content documents: one XHTML file per page file, made with the shared templates.

The publication is rendered once with the templates every output uses (mode ``epub``: no web
page furniture, the glossary as a definition list), parsed as HTML5 and cut into one XHTML
document per page file. On the way each document gets:

* ``lang`` and ``xml:lang`` on its root;
* a page-break marker (``epub:type="pagebreak"``, ``role="doc-pagebreak"``) where each printed
  page of the print PDF begins (:mod:`pagemap`), for the navigation document's page list;
* its links pointed at the right file: contents entries, and every glossary word at its entry
  (``epub:type="glossref"``, ``role="doc-glossref"``);
* on the glossary page, a ``glossary`` section whose entries each end with links back to the
  pages that use the word.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

import tinyhtml5
from lxml import etree

from ..checks import _fit as fit
from ..model import Page, Publication
from ..render import html as render
from ..render.layout import Layout
from .pagemap import PageMap

XHTML = "http://www.w3.org/1999/xhtml"
SVG = "http://www.w3.org/2000/svg"
OPS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{OPS}}}type"
PREPEND_INTO = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"}


def tag(element: ET.Element) -> str:
    """An element's local name."""
    return element.tag.rpartition("}")[2]


@dataclass(frozen=True)
class Document:
    """One content document of the EPUB."""

    name: str  # its path inside the EPUB folder, "text/<page id>.xhtml"
    title: str
    page: Page
    xhtml: bytes
    svg: bool  # it has inline SVG (a manifest property)
    page_ids: tuple[tuple[int, str], ...]  # the printed pages that begin in it, with the ids


def documents(
    pub: Publication, layout: Layout, pages: PageMap, pictures: Mapping[str, str]
) -> list[Document]:
    """Every page file as an XHTML document, in reading order.

    ``pictures`` maps each picture reference to its path relative to a content document.
    """
    html = render.render_html(pub, layout, "epub", pictures)
    root = tinyhtml5.parse(html)
    main = next(el for el in root.iter() if tag(el) == "main")
    sections = {el.get("id", ""): el for el in main}
    names = {render.page_id(page): f"{render.page_id(page)}.xhtml" for page in pub.pages}
    where = {
        el.get("id", ""): names[page_id]
        for page_id, section in sections.items()
        if page_id in names
        for el in section.iter()
        if el.get("id")
    }
    words = render.publication_words(pub, layout)
    uses = _mark_glossary_words(pub, sections, names)
    lang = pub.settings.lang
    made = []
    for page in pub.pages:
        section = sections[render.page_id(page)]
        name = names[render.page_id(page)]
        page_ids = _page_breaks(pub, page, section, pages)
        _point_links(section, name, where)
        if page.kind == "glossary":
            _glossary(section, uses, str(words.get("glossary_back", "Back to")))
        for element in section.iter():
            element.attrib.pop("data-src", None)
            element.attrib.pop("data-page", None)
        title = page.title or pub.settings.title
        svg = any(el.tag == f"{{{SVG}}}svg" for el in section.iter())
        data = xhtml_document(section, title, lang, root.find(f"{{{XHTML}}}body"))
        made.append(Document(f"text/{name}", title, page, data, svg, tuple(page_ids)))
    return made


def _page_breaks(
    pub: Publication, page: Page, section: ET.Element, pages: PageMap
) -> list[tuple[int, str]]:
    """Put a page-break marker where each printed page begins; the (number, id) of each."""
    units = fit.marks(pub).units  # ids of the units the templates make (glossary entries…)
    by_src: dict[str, ET.Element] = {}
    for element in section.iter():
        src = element.get("data-src") or units.get(element.get("id") or "")
        if src:
            by_src.setdefault(src, element)
    parents = {child: parent for parent in section.iter() for child in parent}
    made: list[tuple[int, str]] = []
    previous = section
    for turn in pages.in_page(page.display_path):
        marker = ET.Element(f"{{{XHTML}}}span")
        anchor = f"print-page-{turn.number}"
        marker.attrib.update({"id": anchor, "role": "doc-pagebreak", EPUB_TYPE: "pagebreak"})
        marker.set("title", str(turn.number))  # axe refuses aria-label on doc-pagebreak
        target = _unit_at(by_src, turn.line) if turn.src else None
        if target is not None and made and not _after(section, target, previous):
            target = None  # the page list must keep reading order: never before the last turn
        if target is not None:
            _insert(marker, target, parents, into=tag(target) in PREPEND_INTO)
        elif not made:  # the top of the page file: in its title
            heading = next((el for el in section if tag(el).startswith("h")), None)
            _insert(marker, heading if heading is not None else section, parents, into=True)
        else:  # no unit of the page's own text starts the page: it begins after them
            last = [el for el in section.iter() if el.get("data-src")][-1:]
            if made and (not last or not _after(section, last[0], previous)):
                last = [previous]  # and after the page turn before it, to keep reading order
            parent = next(el for el in section.iter() if last[0] in list(el)) if last else section
            parent.insert(list(parent).index(last[0]) + 1 if last else len(parent), marker)
        made.append((turn.number, anchor))
        previous = marker
    return made


def _after(section: ET.Element, element: ET.Element, marker: ET.Element) -> bool:
    """Whether ``element`` comes after ``marker`` in reading order."""
    order = {el: index for index, el in enumerate(section.iter())}
    return order.get(element, -1) > order.get(marker, -1)


def _unit_at(by_src: Mapping[str, ET.Element], where: tuple[str, int]) -> ET.Element | None:
    """The unit written at ``where`` (path, line), or the first one after it in that file."""
    path, line = where
    found = []
    for src, element in by_src.items():
        own_path, _, own_line = src.rpartition(":")
        if own_path == path and own_line.isdigit() and int(own_line) >= line:
            found.append((int(own_line), element))
    return min(found, key=lambda item: item[0])[1] if found else None


def _insert(
    marker: ET.Element, target: ET.Element, parents: Mapping[ET.Element, ET.Element], into: bool
) -> None:
    """Put ``marker`` first inside ``target`` (a block of text) or just before it."""
    if tag(target) == "div" and "term" in (target.get("class") or "").split():
        target, into = target[0], True  # a glossary entry: inside its dt
    if into:
        marker.tail, target.text = target.text, None
        target.insert(0, marker)
        return
    parent = parents[target]
    parent.insert(list(parent).index(target), marker)


def _mark_glossary_words(
    pub: Publication, sections: Mapping[str, ET.Element], names: Mapping[str, str]
) -> dict[str, list[tuple[str, str, str]]]:
    """Give each glossary word in the text an id and its glossref semantics; for each entry,
    the first use on each page: (file, id, page title)."""
    uses: dict[str, list[tuple[str, str, str]]] = {}
    serial = 0
    for page in pub.pages:
        if page.kind == "glossary":
            continue
        section = sections[render.page_id(page)]
        for link in section.iter(f"{{{XHTML}}}a"):
            if "term" not in (link.get("class") or "").split():
                continue
            serial += 1
            anchor = link.get("href", "").lstrip("#")
            link.set("id", f"term-use-{serial}")
            link.set("role", "doc-glossref")
            link.set(EPUB_TYPE, "glossref")
            pages = uses.setdefault(anchor, [])
            name = names[render.page_id(page)]
            if all(file != name for file, _id, _title in pages):
                title = page.title or pub.settings.title
                pages.append((name, f"term-use-{serial}", title))
    return uses


def _point_links(section: ET.Element, name: str, where: Mapping[str, str]) -> None:
    """Links to ``#id`` in another page file name that file."""
    for link in section.iter(f"{{{XHTML}}}a"):
        href = link.get("href", "")
        if href.startswith("#") and where.get(href[1:], name) != name:
            link.set("href", f"{where[href[1:]]}{href}")


def _glossary(
    section: ET.Element, uses: Mapping[str, list[tuple[str, str, str]]], back: str
) -> None:
    """The glossary page as an EPUB glossary, each entry with links back to where it is used."""
    section.set("role", "doc-glossary")
    section.set(EPUB_TYPE, "glossary")
    for entry in section.iter(f"{{{XHTML}}}div"):
        if "term" not in (entry.get("class") or "").split():
            continue
        for child in entry:
            child.set(EPUB_TYPE, "glossterm" if tag(child) == "dt" else "glossdef")
        definition = next((c for c in entry if tag(c) == "dd"), None)
        places = uses.get(entry.get("id", ""), [])
        if definition is None or not places:
            continue
        note = ET.SubElement(definition, f"{{{XHTML}}}span", {"class": "glossary-back"})
        note.text = f" {back}: "
        for number, (file, anchor, title) in enumerate(places):
            link = ET.SubElement(note, f"{{{XHTML}}}a", {"href": f"{file}#{anchor}"})
            link.text = title
            link.tail = ", " if number < len(places) - 1 else "."


def xhtml_document(section: ET.Element, title: str, lang: str, body: ET.Element | None) -> bytes:
    """A complete XHTML content document holding ``section``."""
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": OPS})
    html.set("lang", lang)
    html.set(XML_LANG, lang)
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}meta", {"charset": "utf-8"})
    etree.SubElement(head, f"{{{XHTML}}}title").text = title
    etree.SubElement(
        head, f"{{{XHTML}}}link", {"rel": "stylesheet", "type": "text/css", "href": "../style.css"}
    )
    page_body = etree.SubElement(html, f"{{{XHTML}}}body")
    page_body.set("class", (body.get("class") or "") if body is not None else "")
    _copy(section, page_body)
    text: bytes = etree.tostring(
        html, xml_declaration=True, encoding="UTF-8", doctype="<!DOCTYPE html>"
    )
    return text + b"\n"


def _copy(source: ET.Element, parent: etree._Element) -> None:
    """Copy an ElementTree element (and its children) into an lxml tree, keeping namespaces."""
    namespace = source.tag.partition("}")[0].lstrip("{")
    nsmap = (
        {None: namespace} if namespace != XHTML and parent.nsmap.get(None) != namespace else None
    )
    element = etree.SubElement(parent, source.tag, nsmap=nsmap)
    for key, value in source.attrib.items():
        if not key.startswith("{http://www.w3.org/2000/xmlns/}"):  # lxml writes namespaces
            element.set(key, value)
    element.text, element.tail = source.text, source.tail
    for child in source:
        _copy(child, element)
