"""The two main PDFs, each the file of one layout: the accessible digital PDF (tagged PDF/UA-1,
sRGB, for screens) and the print PDF (PDF/X-4, CMYK, with bleed, for the print shop).

The layouts themselves are made by the build before any output (:mod:`make`, :mod:`press`);
these outputs hand their files on.
"""

from __future__ import annotations

from .spec import Files, OutputSpec, Work, words_label


def digital_pdf(work: Work) -> Files:
    """The digital PDF as laid out."""
    assert work.digital is not None, "the layout is made before its outputs"
    return {f"{work.pub.slug}-digital.pdf": work.digital}


def print_pdf(work: Work) -> Files:
    """The print PDF as laid out and finished for press."""
    assert work.printed is not None, "the layout is made before its outputs"
    return {f"{work.pub.slug}-print.pdf": work.printed}


DIGITAL = OutputSpec(
    name="digital-pdf",
    files=("{slug}-digital.pdf",),
    needs="layout",
    make=digital_pdf,
    purpose="accessible PDF/UA-1 for screens (not for press)",
    download=words_label("download_digital"),
)
PRINT = OutputSpec(
    name="print-pdf",
    files=("{slug}-print.pdf",),
    needs="layout",
    make=print_pdf,
    purpose="print-ready PDF/X-4, CMYK, with bleed",
    download=words_label("download_print"),
    for_makers=(".pdf",),
)
