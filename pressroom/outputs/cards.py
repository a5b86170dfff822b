"""Printable pages for the web: each tear-out card as a PDF of its own, and the doodle pages as
one worksheet, in ``cards/`` (the page kinds' ``own_pdf``).

They are tagged PDFs for screens and home printers; a card's writing lines become fields a
reader can fill in on screen. The web page offers each beside its page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Page, Publication
from ..render import html as render
from ..render.pdfjob import make_pdf
from ..source.kinds import kind_of
from .spec import Files, OutputSpec, Work


def make(work: Work) -> Files:
    """One PDF per tear-out card, and one for all the doodle pages."""
    context, pub = work.context, work.pub
    files: Files = {}
    pictures = render.file_pictures(pub)
    words = render.publication_words(pub, context.layout)
    for page in pub.pages:
        if kind_of(page).own_pdf != "card":
            continue
        title = f"{page.title or words['card']}: {pub.settings.title}"
        result = make_pdf(context, "digital", pictures, pages=(page,), standalone=title)
        work.findings.extend(result.findings)
        files[card_name(page)] = result.data
    doodles = doodle_pages(pub)
    if doodles:
        title = str(words["doodles_title"])
        result = make_pdf(context, "digital", pictures, pages=doodles, standalone=title)
        work.findings.extend(result.findings)
        files[worksheet_name(pub)] = result.data
    return files


def card_name(page: Page) -> str:
    """A tear-out card's file: named after its ``card`` key, title or file."""
    return f"cards/{render.slugify(page.meta.get('card') or page.title or page.name)}.pdf"


def worksheet_name(pub: Publication) -> str:
    """The doodle pages' worksheet."""
    return f"cards/{pub.slug}-doodle-pages.pdf"


def doodle_pages(pub: Publication) -> tuple[Page, ...]:
    """The pages on the worksheet."""
    return tuple(page for page in pub.pages if kind_of(page).own_pdf == "worksheet")


def page_files(pub: Publication, words: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """Which file the web page offers beside each card and doodle page, and its link text."""
    links = {
        render.page_id(page): (card_name(page), str(words["download_card"]))
        for page in pub.pages
        if kind_of(page).own_pdf == "card"
    }
    for page in doodle_pages(pub):
        links[render.page_id(page)] = (worksheet_name(pub), str(words["download_doodles"]))
    return links


OUTPUT = OutputSpec(
    name="cards",
    files=("cards/*.pdf",),
    needs="model",
    make=make,
    page_files=page_files,
)
