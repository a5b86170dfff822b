"""The finishing guide: a PDF with the print PDF's pages and boxes that shows only where to
perforate, so the print shop can set up its perforating machine.

A perforation runs the full height of each tear-out leaf, 12 mm from the spine: on a front
(right-hand, odd) page the spine is on the left; on a back page it is on the right. The line is
drawn the way shops expect a die or perforation line: in a named spot colour, ``Perforation``
(a Separation with a magenta stand-in), set to overprint, running 3 mm into the bleed at head and
foot. A label beyond the bleed, in the slug, says what the line is; the label is drawn from the
label PDF WeasyPrint made (so its font is embedded).
"""

from __future__ import annotations

import io

import pikepdf

MM = 72 / 25.4
PERFORATION_MM = 12.0
INTO_BLEED_MM = 3.0
SLUG_MM = 12.0  # room outside the bleed for the labels
SPOT = "Perforation"


def label_html(leaves: list[tuple[int, int]]) -> str:
    """The HTML for the labels: one small page per perforated page, in page order."""
    pages = [page for leaf in leaves for page in leaf]
    rows = "".join(
        f"<p>Perforation: page {page}, {PERFORATION_MM:g} mm from the spine, head to foot</p>"
        for page in pages
    )
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        "<title>Perforation labels</title><style>"
        "@page { size: 90mm 5mm; margin: 0 }"
        'body { margin: 0; font: 7pt/5mm "Liberation Sans", sans-serif;'
        " color: device-cmyk(0 0 0 1) }"
        "p { margin: 0; height: 5mm; break-after: page; white-space: nowrap }"
        f"</style></head><body>{rows}</body></html>"
    )


def finishing_guide(
    print_pdf: bytes, perforated_leaves: list[tuple[int, int]], labels_pdf: bytes | None = None
) -> bytes:
    """A PDF like ``print_pdf`` with perforation lines on the perforated leaves' pages."""
    marked = sorted({page for leaf in perforated_leaves for page in leaf})
    with pikepdf.open(io.BytesIO(print_pdf)) as source:
        out = pikepdf.new()
        labels = _label_forms(out, labels_pdf)
        for number, src_page in enumerate(source.pages, start=1):
            page = out.add_blank_page()
            for key in ("/TrimBox", "/BleedBox"):
                page.obj[key] = pikepdf.Array([float(v) for v in src_page.obj[key]])
            media = [float(v) for v in src_page.obj["/MediaBox"]]
            slug = SLUG_MM * MM
            page.obj["/MediaBox"] = pikepdf.Array(
                [round(v, 4) for v in (media[0], media[1] - slug, media[2], media[3] + slug)]
            )
            if number in marked:
                label = labels[marked.index(number)] if len(labels) == len(marked) else None
                _perforate(out, page, number, label)
        out.docinfo["/Title"] = str(source.docinfo.get("/Title", "")) + " (finishing guide)"
        result = io.BytesIO()
        out.save(result, deterministic_id=True)
        return result.getvalue()


def _label_forms(out: pikepdf.Pdf, labels_pdf: bytes | None) -> list[pikepdf.Object]:
    if labels_pdf is None:
        return []
    with pikepdf.open(io.BytesIO(labels_pdf)) as labels:
        return [out.copy_foreign(page.as_form_xobject()) for page in labels.pages]


def _perforate(out: pikepdf.Pdf, page: pikepdf.Page, number: int, label: object) -> None:
    trim = [float(v) for v in page.obj["/TrimBox"]]
    front = number % 2 == 1
    x = trim[0] + PERFORATION_MM * MM if front else trim[2] - PERFORATION_MM * MM
    bottom, top = trim[1] - INTO_BLEED_MM * MM, trim[3] + INTO_BLEED_MM * MM
    spot = pikepdf.Array(
        [
            pikepdf.Name.Separation,
            pikepdf.Name("/" + SPOT),
            pikepdf.Name.DeviceCMYK,
            out.make_indirect(
                pikepdf.Dictionary(
                    FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[0, 1, 0, 0], N=1
                )
            ),
        ]
    )
    overprint = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, OP=True, op=True, OPM=1)
    resources = pikepdf.Dictionary(
        ColorSpace=pikepdf.Dictionary(Perf=spot), ExtGState=pikepdf.Dictionary(Over=overprint)
    )
    ops = [
        f"q /Over gs /Perf CS 1 SCN 0.75 w [6 3] 0 d {x:.3f} {bottom:.3f} m {x:.3f} {top:.3f} l S Q"
    ]
    if isinstance(label, pikepdf.Object):
        resources["/XObject"] = pikepdf.Dictionary(Label=label)
        # Above the head, beyond the bleed, starting at the line and reading away from the spine.
        width = 90 * MM
        left = x + 2 if front else x - 2 - width
        y = trim[3] + (INTO_BLEED_MM + 2) * MM
        ops.append(f"q 1 0 0 1 {left:.3f} {y:.3f} cm /Label Do Q")
    page.obj["/Resources"] = resources
    page.obj["/Contents"] = out.make_stream(" ".join(ops).encode())
