"""The finishing guide: a PDF with the print PDF's pages and boxes that shows only where to
perforate, so the print shop can set up its perforating machine.

A perforation runs the full height of each tear-out leaf, 12 mm from the spine: on a front
(right-hand, odd) page the spine is on the left; on a back page it is on the right.
"""

from __future__ import annotations

import io

import pikepdf

MM = 72 / 25.4
PERFORATION_MM = 12.0


def finishing_guide(print_pdf: bytes, perforated_leaves: list[tuple[int, int]]) -> bytes:
    """A PDF like ``print_pdf`` with perforation lines on the perforated leaves' pages."""
    marked = {page for leaf in perforated_leaves for page in leaf}
    with pikepdf.open(io.BytesIO(print_pdf)) as source:
        out = pikepdf.new()
        for number, src_page in enumerate(source.pages, start=1):
            boxes = {key: src_page.obj[key] for key in ("/MediaBox", "/TrimBox", "/BleedBox")}
            page = out.add_blank_page()
            for key, value in boxes.items():
                page.obj[key] = pikepdf.Array([float(v) for v in value])
            if number in marked:
                page.obj["/Contents"] = out.make_stream(_perforation(page, number).encode())
        out.docinfo["/Title"] = str(source.docinfo.get("/Title", "")) + " (finishing guide)"
        result = io.BytesIO()
        out.save(result, deterministic_id=True)
        return result.getvalue()


def _perforation(page: pikepdf.Page, number: int) -> str:
    trim = [float(v) for v in page.obj["/TrimBox"]]
    x = trim[0] + PERFORATION_MM * MM if number % 2 == 1 else trim[2] - PERFORATION_MM * MM
    return f"q 0 1 0 0 K 0.75 w [6 3] 0 d {x:.3f} {trim[1]:.3f} m {x:.3f} {trim[3]:.3f} l S Q"
