"""The office booklet, ``<slug>-office-booklet.pdf``: the print PDF's pages imposed on A4 for office
and home printers (:mod:`printing.booklet`), after a first sheet that says how to print it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Publication
from ..render import html as render
from ..render import pdf
from ..render.layout import environment
from ..render.pdfjob import RenderContext
from .printing import booklet
from .spec import Files, OutputSpec, Work


def make(work: Work) -> Files:
    """The imposed booklet."""
    assert work.printed is not None, "the layout is made before its outputs"
    context, pub = work.context, work.pub
    words = render.publication_words(pub, context.layout)
    title = f"{pub.settings.title}: {words['download_office']}"
    imposed = booklet.impose(work.printed, instructions(context), title)
    return {f"{pub.slug}-office-booklet.pdf": imposed}


def instructions(context: RenderContext) -> bytes:
    """The first sheet: how to print, fold and staple (``booklet-instructions.html.j2``)."""
    width, height = context.pub.settings.geometry.trim_mm
    two_up = booklet.is_two_up((width, height))
    env = environment(context.layout.folders)
    html = env.get_template("booklet-instructions.html.j2").render(
        words=render.publication_words(context.pub, context.layout),
        sheet=f"{2 * width:g}mm {height:g}mm" if two_up else f"{width:g}mm {height:g}mm",
        two_up=two_up,
        paper="A4",
    )
    return pdf.simple_pdf(html, context.base_url, context.fetcher)


def label(pub: Publication, words: Mapping[str, Any]) -> str:
    """Its download link: fold and staple (two pages a sheet) or staple in the corner."""
    two_up = booklet.is_two_up(pub.settings.geometry.trim_mm)
    return str(words["download_office" if two_up else "download_office_flat"])


OUTPUT = OutputSpec(
    name="office-booklet",
    files=("{slug}-office-booklet.pdf",),
    needs="layout",
    make=make,
    purpose="booklet on A4 paper for office and home printers (not for press)",
    download=label,
)
