"""The office booklet: the print pages imposed 2-up in saddle-stitch order for an office printer.

Each sheet is twice the trim size (A5 pages on A4 landscape, A4 pages on A3 landscape). The
pages are cut to their trim (no bleed) and placed in booklet order, so that printing both sides
(flip on the short edge), folding the pile in half and stapling on the fold gives the booklet.
The first sheet carries the instructions; its back is left blank.
"""

from __future__ import annotations

import io

import pikepdf

from .leaves import sheets


def impose(print_pdf: bytes, instructions_pdf: bytes, title: str) -> bytes:
    """Impose ``print_pdf`` (pages with TrimBox) 2-up, after a sheet of instructions; ``title``
    names the file in a PDF reader."""
    with (
        pikepdf.open(io.BytesIO(print_pdf)) as source,
        pikepdf.open(io.BytesIO(instructions_pdf)) as guide,
    ):
        out = pikepdf.new()
        trim = [float(v) for v in source.pages[0].obj["/TrimBox"]]
        width, height = trim[2] - trim[0], trim[3] - trim[1]
        out.pages.append(guide.pages[0])
        out.add_blank_page(page_size=(2 * width, height))
        forms = [out.copy_foreign(_trimmed_form(page)) for page in source.pages]
        for front, back in sheets(len(forms)):
            for left, right in (front, back):
                _add_sheet(out, forms[left - 1], forms[right - 1], width, height)
        out.Root.ViewerPreferences = pikepdf.Dictionary(
            Duplex=pikepdf.Name.DuplexFlipShortEdge,
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
