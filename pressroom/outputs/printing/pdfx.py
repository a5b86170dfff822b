"""Finishing the print PDF after WeasyPrint: PDF/X-4 details, no annotations, reproducible IDs,
and crop marks outside the bleed when a print shop asks for them.

WeasyPrint labels the file PDF/X-4 and embeds the output profile, but names the output condition
after the profile's description, writes a random document ID, marks the file as a proof
(RenditionClass ``proof:pdf``), adds the X-1a/X-3 key ``GTS_PDFXConformance``, leaves
``GTS_PDFXVersion`` out of the Info dictionary and keeps link annotations (which PDF/X does not
allow inside the trim). This step corrects those with pikepdf, and tidies fonts and resources.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from decimal import Decimal

import pikepdf

from .colour import Profile
from .tidy import tidy

MM = 72 / 25.4
MARK_LENGTH_MM = 5.0
MARK_GAP_MM = 2.0  # between the bleed edge and the start of a crop mark


def finish_print_pdf(data: bytes, profile: Profile, bleed_mm: float, crop_marks: bool) -> bytes:
    """Return the corrected print PDF."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            if "/Annots" in page.obj:
                del page.obj["/Annots"]
            _no_interpolation(page)
            if crop_marks:
                _add_crop_marks(pdf, page, bleed_mm)
        _fix_output_intent(pdf, profile)
        tidy(pdf)
        _stable_document_id(pdf)
        pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String("PDF/X-4")
        if "/ID" in pdf.trailer:
            del pdf.trailer["/ID"]  # WeasyPrint's is random; qpdf derives one from the content
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
        return out.getvalue()


def _no_interpolation(page: pikepdf.Page) -> None:
    for _name, image in page.get_images().items():
        if image.get("/Interpolate") is not None:
            image["/Interpolate"] = False


def _fix_output_intent(pdf: pikepdf.Pdf, profile: Profile) -> None:
    for intent in pdf.Root.get("/OutputIntents", []):
        intent["/OutputConditionIdentifier"] = pikepdf.String(profile.condition)
        intent["/OutputCondition"] = pikepdf.String(profile.description)
        intent["/Info"] = pikepdf.String(profile.description)
        intent["/RegistryName"] = pikepdf.String("http://www.color.org")


def _stable_document_id(pdf: pikepdf.Pdf) -> None:
    """Replace WeasyPrint's random XMP document ID with one derived from the pages."""
    digest = hashlib.sha256()
    for page in pdf.pages:
        for stream in _content_streams(page):
            digest.update(stream.read_bytes())
    digest.update(str(pdf.docinfo.get("/Title", "")).encode())
    digest.update(str(pdf.docinfo.get("/CreationDate", "")).encode())
    stable = uuid.UUID(bytes=digest.digest()[:16], version=5)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["xmpMM:DocumentID"] = f"uuid:{stable}"
        meta["xmpMM:InstanceID"] = f"uuid:{stable}"
        meta["xmpMM:RenditionClass"] = "default"  # the final file, not a proof
        if "pdfx:GTS_PDFXConformance" in meta:  # only PDF/X-1a and X-3 have a conformance level
            del meta["pdfx:GTS_PDFXConformance"]


def _content_streams(page: pikepdf.Page) -> list[pikepdf.Stream]:
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Array):
        return [c for c in contents if isinstance(c, pikepdf.Stream)]
    return [contents] if isinstance(contents, pikepdf.Stream) else []


def _add_crop_marks(pdf: pikepdf.Pdf, page: pikepdf.Page, bleed_mm: float) -> None:
    """Grow the MediaBox and draw crop marks in registration colour, outside the bleed."""
    trim = [float(v) for v in page.obj["/TrimBox"]]
    extra = (bleed_mm + MARK_GAP_MM + MARK_LENGTH_MM + 1) * MM
    box = (trim[0] - extra, trim[1] - extra, trim[2] + extra, trim[3] + extra)
    page.obj["/MediaBox"] = pikepdf.Array([Decimal(f"{v:.4f}") for v in box])
    if "/CropBox" in page.obj:
        del page.obj["/CropBox"]
    start = (bleed_mm + MARK_GAP_MM) * MM
    end = start + MARK_LENGTH_MM * MM
    x0, y0, x1, y1 = trim
    lines = []
    for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        lines.append(f"{x + dx * start:.3f} {y:.3f} m {x + dx * end:.3f} {y:.3f} l S")
        lines.append(f"{x:.3f} {y + dy * start:.3f} m {x:.3f} {y + dy * end:.3f} l S")
    registration = pikepdf.Array(
        [
            pikepdf.Name.Separation,
            pikepdf.Name.All,
            pikepdf.Name.DeviceCMYK,
            pdf.make_indirect(
                pikepdf.Dictionary(
                    FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1
                )
            ),
        ]
    )
    if "/Resources" not in page.obj:
        page.obj["/Resources"] = pikepdf.Dictionary()
    resources = page.obj["/Resources"]
    if "/ColorSpace" not in resources:
        resources["/ColorSpace"] = pikepdf.Dictionary()
    spaces = resources["/ColorSpace"]
    spaces["/PressroomRegistration"] = registration
    ops = "q /PressroomRegistration CS 1 SCN 0.25 w " + " ".join(lines) + " Q"
    # WeasyPrint flips the y axis inside its own stream; marks go in a separate, plain stream.
    page.contents_add(pdf.make_stream(ops.encode()), prepend=False)
