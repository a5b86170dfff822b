"""The large print PDF, ``output/<slug>/<slug>-large-print.pdf``: the whole publication on A4
in 18 pt type or larger, one column, for readers with low vision (RNIB and UKAAF guidance).

It is the digital PDF set larger: the same checked model and templates in the ``large-print``
mode (tagged PDF/UA-1, sRGB), on A4 whatever the publication's own page size, with the
stylesheets that ``layout.yml`` lists under ``large-print``. Its layout is checked like the other
PDFs for lost text, at the source line. Page fit means something else here: a page file takes
as many pages as its larger type needs (each still starts on a page of its own, rows stay beside
their pictures, and the contents list gives the large print page numbers); only a cover or a
tear-out card, which a reader keeps as one sheet, should stay on one page (a warning if not).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Finding
from ..render import html as render
from ..render.pdfjob import RenderContext, make_pdf
from .spec import Files, OutputSpec, Work, words_label

MODE = "large-print"
PAGE_SIZE = "A4"  # UKAAF: A4 unless the content needs another size


def file_name(slug: str) -> str:
    """The large print PDF's name in ``output/<slug>/``."""
    return f"{slug}-large-print.pdf"


def large_print_pdf(context: RenderContext) -> tuple[bytes, list[Finding]]:
    """Lay out the large print PDF; its findings (lost text, stylesheet problems) come with it."""
    settings = replace(context.pub.settings, page_size=PAGE_SIZE)
    own = replace(context, pub=replace(context.pub, settings=settings), cover_fit=0)
    result = make_pdf(own, MODE, render.file_pictures(own.pub), one_page_only=True)
    return result.data, list(result.findings)


def make(work: Work) -> Files:
    """The large print PDF of one publication; its findings go with the build's."""
    data, found = large_print_pdf(work.context)
    work.findings.extend(found)
    return {file_name(work.pub.slug): data}


OUTPUT = OutputSpec(
    name="large-print-pdf",
    files=("{slug}-large-print.pdf",),
    needs="model",
    make=make,
    purpose="large print PDF/UA-1 for readers with low vision: A4, 18 pt text (not for press)",
    download=words_label("download_large_print"),
)
