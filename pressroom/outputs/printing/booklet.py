"""The office booklet: the print pages for an office or home printer, always on A4 paper.

An A5 publication is imposed 2-up in saddle-stitch order on A4 landscape: printing both sides
(flip on the short edge), folding the pile in half and stapling on the fold gives the booklet.
An A4 publication keeps its A4 pages in reading order, at full size, for printing both sides
(flip on the long edge) and one staple in the top left corner: most homes and offices have no A3
paper. The pages are cut to their trim (no bleed). The first sheet carries the instructions; its
back is left blank.
"""

from __future__ import annotations

import io

import pikepdf

from .leaves import sheets

A4_MM = (210.0, 297.0)
MM = 72 / 25.4


def is_two_up(trim_mm: tuple[float, float]) -> bool:
    """Whether two pages of this trim size fit side by side on an A4 sheet."""
    return 2 * trim_mm[0] <= A4_MM[1] + 0.5 and trim_mm[1] <= A4_MM[0] + 0.5


def impose(print_pdf: bytes, instructions_pdf: bytes, title: str) -> bytes:
    """Impose ``print_pdf`` (pages with TrimBox) for A4 paper, after a sheet of instructions;
    ``title`` names the file in a PDF reader."""
    with (
        pikepdf.open(io.BytesIO(print_pdf)) as source,
        pikepdf.open(io.BytesIO(instructions_pdf)) as guide,
    ):
        out = pikepdf.new()
        trim = [float(v) for v in source.pages[0].obj["/TrimBox"]]
        width, height = trim[2] - trim[0], trim[3] - trim[1]
        two_up = is_two_up((width / MM, height / MM))
        out.pages.append(guide.pages[0])
        out.add_blank_page(page_size=(2 * width, height) if two_up else (width, height))
        forms = [out.copy_foreign(_trimmed_form(page)) for page in source.pages]
        if two_up:
            for front, back in sheets(len(forms)):
                for left, right in (front, back):
                    _add_sheet(out, forms[left - 1], forms[right - 1], width, height)
        else:
            for form in forms:
                _add_page(out, form, width, height)
        duplex = "/DuplexFlipShortEdge" if two_up else "/DuplexFlipLongEdge"
        out.Root.ViewerPreferences = pikepdf.Dictionary(
            Duplex=pikepdf.Name(duplex),
            PrintScaling=pikepdf.Name("/None"),
            NumCopies=1,
        )
        out.docinfo["/Title"] = title
        result = io.BytesIO()
        out.save(result, deterministic_id=True)
        return result.getvalue()


def _trimmed_form(page: pikepdf.Page) -> pikepdf.Object:
    form = page.as_form_xobject()
    trim = [float(v) for v in page.obj["/TrimBox"]]
    form["/BBox"] = pikepdf.Array(trim)
    form["/Matrix"] = pikepdf.Array([1, 0, 0, 1, -trim[0], -trim[1]])
    return form


def _add_sheet(
    out: pikepdf.Pdf, left: pikepdf.Object, right: pikepdf.Object, width: float, height: float
) -> None:
    page = out.add_blank_page(page_size=(2 * width, height))
    page.obj["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(L=left, R=right))
    content = f"q /L Do Q q 1 0 0 1 {width:.4f} 0 cm /R Do Q"
    page.obj["/Contents"] = out.make_stream(content.encode())


def _add_page(out: pikepdf.Pdf, form: pikepdf.Object, width: float, height: float) -> None:
    page = out.add_blank_page(page_size=(width, height))
    page.obj["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(P=form))
    page.obj["/Contents"] = out.make_stream(b"q /P Do Q")
