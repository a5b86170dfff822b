"""``<slug>.epub``: the publication as a reflowable EPUB 3, from the checked model.

One content document per page file (:mod:`epub_pages`, made with the shared templates), and:

* a navigation document with the contents, the page list (the print PDF's page numbers, from
  :mod:`pagemap`) and landmarks;
* EPUB Accessibility 1.1 metadata (``schema:accessMode``, ``accessModeSufficient``,
  ``accessibilityFeature``, ``accessibilityHazard``, ``accessibilitySummary``), each claim
  worked out from what this module really put in the file;
* the pictures as they are (SVG, PNG or JPEG), each described by its alt text where it is used;
* the same bytes for the same model: ``mimetype`` first and stored, every other file deflated
  in a fixed order, every time stamp the publication's date.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

from ..model import Publication
from ..render import html as render
from ..render.layout import Layout
from . import epub_pages, pagemap
from .epub_pages import Document
from .pagemap import PageMap
from .spec import Files, OutputSpec, Work, words_label

MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg"}
MEDIA_TYPES[".jpeg"] = MEDIA_TYPES[".jpg"]
CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    '<rootfiles><rootfile full-path="EPUB/package.opf" '
    'media-type="application/oebps-package+xml"/></rootfiles>\n</container>\n'
)
HAZARDS = ("noFlashingHazard", "noMotionSimulationHazard", "noSoundHazard")


def make_epub(pub: Publication, layout: Layout, pages: PageMap) -> bytes:
    """The EPUB file of ``pub``; ``pages`` places the print PDF's page numbers."""
    pictures = {ref: f"../images/{render.web_name(pic)}" for ref, pic in pub.pictures.items()}
    docs = epub_pages.documents(pub, layout, pages, pictures)
    css = layout.find("epub.css")
    images = {
        f"images/{render.web_name(pic)}": pic.path.read_bytes() for pic in pub.pictures.values()
    }
    files: list[tuple[str, bytes]] = [
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", CONTAINER.encode()),
        ("EPUB/package.opf", package(pub, docs, images, pages)),
        ("EPUB/nav.xhtml", navigation(pub, layout, docs)),
        ("EPUB/style.css", css.read_bytes() if css is not None else b""),
    ]
    files += [(f"EPUB/{doc.name}", doc.xhtml) for doc in docs]
    files += [(f"EPUB/{name}", data) for name, data in sorted(images.items())]
    date = pub.settings.date
    return _zip(files, (max(1980, date.year), date.month, date.day, 0, 0, 0))


def _zip(files: Sequence[tuple[str, bytes]], when: tuple[int, int, int, int, int, int]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=when)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def accessibility(
    pub: Publication, docs: Sequence[Document], images: dict[str, bytes]
) -> dict[str, list[str]]:
    """The schema.org accessibility properties, from what the EPUB holds."""
    text = b"".join(doc.xhtml for doc in docs)
    pictured = bool(images) or b"<img" in text
    page_list = any(doc.page_ids for doc in docs)
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    features += ["displayTransformability"]
    if pictured:
        features.insert(0, "alternativeText")
    if page_list:
        features += ["pageBreakMarkers", "pageNavigation"]
    moving = any(name.endswith(".gif") or b"<animate" in data for name, data in images.items())
    return {
        "schema:accessMode": ["textual", "visual"] if pictured else ["textual"],
        "schema:accessModeSufficient": ["textual"] + (["textual,visual"] if pictured else []),
        "schema:accessibilityFeature": features,
        "schema:accessibilityHazard": ["unknown"] if moving else list(HAZARDS),
        "schema:accessibilitySummary": [_summary(pub, pictured, page_list, moving)],
    }


def _summary(pub: Publication, pictured: bool, page_list: bool, moving: bool) -> str:
    parts = [f"This EPUB has the text of '{pub.settings.title}', in reading order, with headings"]
    parts[0] += " and a table of contents."
    if pictured:
        parts.append(
            "Every picture has a text description, so the text alone gives all of the content."
        )
    if page_list:
        parts.append("The page list and page breaks follow the page numbers of the printed copy.")
    parts.append("Hard words link to the glossary, and the glossary links back to them.")
    if not moving:
        parts.append("Nothing flashes, moves or plays sound.")
    parts.append("Reading systems can change the font, size and colours.")
    return " ".join(parts)


def package(
    pub: Publication, docs: Sequence[Document], images: dict[str, bytes], pages: PageMap
) -> bytes:
    """``package.opf``: metadata, manifest and spine."""
    c = pub.settings
    lang = escape(c.lang)
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"pressroom:{pub.slug}")
    meta = [
        f'<dc:identifier id="pub-id">urn:uuid:{identifier}</dc:identifier>',
        f"<dc:title>{escape(c.title)}</dc:title>",
        f"<dc:language>{lang}</dc:language>",
        f"<dc:date>{c.date.isoformat()}</dc:date>",
        f'<meta property="dcterms:modified">{c.date.isoformat()}T00:00:00Z</meta>',
        f'<dc:source id="print-source">{escape(_source(pub, pages))}</dc:source>',
        '<meta refines="#print-source" property="source-of">pagination</meta>',
    ]
    organisation = c.contact.organisation
    if organisation:
        meta.append(f"<dc:publisher>{escape(organisation)}</dc:publisher>")
    if c.description:
        meta.append(f"<dc:description>{escape(c.description)}</dc:description>")
    for prop, values in accessibility(pub, docs, images).items():
        meta += [f'<meta property="{prop}">{escape(value)}</meta>' for value in values]
    items = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="css" href="style.css" media-type="text/css"/>',
    ]
    for number, doc in enumerate(docs, start=1):
        svg = ' properties="svg"' if doc.svg else ""
        items.append(
            f'<item id="doc-{number}" href="{doc.name}" media-type="application/xhtml+xml"{svg}/>'
        )
    for number, name in enumerate(sorted(images), start=1):
        kind = MEDIA_TYPES[name[name.rfind(".") :].lower()]
        items.append(f'<item id="img-{number}" href="{escape(name)}" media-type="{kind}"/>')
    spine = [f'<itemref idref="doc-{n}"/>' for n in range(1, len(docs) + 1)]
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
        f'unique-identifier="pub-id" xml:lang="{lang}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        + "\n".join(meta)
        + "\n</metadata>\n<manifest>\n"
        + "\n".join(items)
        + "\n</manifest>\n<spine>\n"
        + "\n".join(spine)
        + "\n</spine>\n</package>\n"
    )
    return text.encode("utf-8")


def _source(pub: Publication, pages: PageMap) -> str:
    """What the page list's numbers are the pages of."""
    c = pub.settings
    return f"{c.title}, printed edition, version {c.version} ({pages.page_count} pages)"


def navigation(pub: Publication, layout: Layout, docs: Sequence[Document]) -> bytes:
    """``nav.xhtml``: contents, page list and landmarks."""
    words = render.publication_words(pub, layout)
    lang = escape(pub.settings.lang)
    contents = str(words.get("contents_title", "Contents"))
    toc = [
        f'<li><a href="{doc.name}">{escape(doc.title)}</a></li>'
        for doc in docs
        if doc.page.title or doc.page.kind == "cover"
    ]
    page_list = [
        f'<li><a href="{doc.name}#{anchor}">{number}</a></li>'
        for doc in docs
        for number, anchor in doc.page_ids
    ]
    first = next((d for d in docs if d.page.kind not in ("cover", "contents")), docs[0])
    marks = [f'<li><a epub:type="bodymatter" href="{first.name}">{escape(first.title)}</a></li>']
    marks += [
        f'<li><a epub:type="glossary" href="{doc.name}">{escape(doc.title)}</a></li>'
        for doc in docs
        if doc.page.kind == "glossary"
    ]
    body = (
        f'<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">\n'
        f'<h1 id="toc-title">{escape(contents)}</h1>\n<ol>\n' + "\n".join(toc) + "\n</ol>\n</nav>\n"
    )
    if page_list:
        body += (
            '<nav epub:type="page-list" role="doc-pagelist" id="page-list" '
            'aria-label="Page numbers of the printed copy" hidden="hidden">\n<ol>\n'
            + "\n".join(page_list)
            + "\n</ol>\n</nav>\n"
        )
    body += (
        '<nav epub:type="landmarks" id="landmarks" aria-label="Landmarks" hidden="hidden">\n<ol>\n'
        + "\n".join(marks)
        + "\n</ol>\n</nav>\n"
    )
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'lang="{lang}" xml:lang="{lang}">\n<head>\n<meta charset="utf-8"/>\n'
        f"<title>{escape(pub.settings.title)}</title>\n"
        '<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n<body>\n'
        + body
        + "</body>\n</html>\n"
    )
    return text.encode("utf-8")


def _make(work: Work) -> Files:
    pages = pagemap.page_map(work.pub, work.spans, work.page_starts)
    return {f"{work.pub.slug}.epub": make_epub(work.pub, work.context.layout, pages)}


def _chapters(data: bytes) -> str:
    """How many content documents (one a page file) an EPUB holds, for its download link."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        count = sum(1 for name in book.namelist() if name.endswith(".xhtml")) - 1  # not the nav
    return f"{count} chapter" if count == 1 else f"{count} chapters"


"""The EPUB: made in the press half, where the print PDF's page numbers are known."""


OUTPUT = OutputSpec(
    "epub",
    ("{slug}.epub",),
    "layout",
    _make,
    purpose="EPUB 3 e-book for e-readers and screen readers (not for press)",
    download=words_label("download_epub"),
    count=_chapters,
)
