"""Preflight: the checks a print shop runs on the print PDF, run by the build on its own output.

Page boxes, page count, output intent, embedded fonts, colour spaces (no RGB or Lab anywhere:
page content, nested forms, tiling patterns, shadings, soft masks and inline images are all
walked), image resolution at printed size, hairlines, and nothing interactive (annotations, forms,
JavaScript, encryption). Each problem comes back as a plain sentence with the page it is on; the
build turns them into error findings (warnings for resolution between the two limits).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pikepdf

MM = 72 / 25.4
MIN_PPI, LOW_PPI = 300, 150
MIN_LINE_PT = 0.25
RGB_OPERATORS = {"rg", "RG"}
DEVICE_SPACES = ("/DeviceRGB", "/DeviceCMYK", "/DeviceGray", "/Pattern")


@dataclass(frozen=True)
class Problem:
    """One preflight problem: how serious ('error' or 'warning'), where, and what."""

    severity: str
    page: int
    message: str


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def preflight(
    data: bytes, trim_mm: tuple[float, float], bleed_mm: float, multiple_of: int = 4
) -> list[Problem]:
    """Check a finished print PDF; an empty list means it passes."""
    problems: list[Problem] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        problems += _document_checks(pdf, multiple_of)
        for number, page in enumerate(pdf.pages, start=1):
            problems += _box_checks(page, number, trim_mm, bleed_mm)
            problems += _page_content_checks(page, number)
    return problems


def _document_checks(pdf: pikepdf.Pdf, multiple_of: int) -> list[Problem]:
    problems = []
    count = len(pdf.pages)
    if multiple_of and count % multiple_of:
        problems.append(
            Problem("error", 0, f"The PDF has {count} pages, not a multiple of {multiple_of}.")
        )
    intents = pdf.Root.get("/OutputIntents")
    if not intents or not any(i.get("/S") == "/GTS_PDFX" for i in intents):
        problems.append(Problem("error", 0, "The PDF has no PDF/X output intent (CMYK profile)."))
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        problems.append(Problem("error", 0, "The PDF is encrypted."))
    if "/AcroForm" in pdf.Root:
        problems.append(Problem("error", 0, "The PDF has form fields."))
    names = pdf.Root.get("/Names")
    if "/OpenAction" in pdf.Root or (names is not None and "/JavaScript" in names):
        problems.append(Problem("error", 0, "The PDF has actions or JavaScript."))
    return problems


def _box_checks(
    page: pikepdf.Page, number: int, trim_mm: tuple[float, float], bleed: float
) -> list[Problem]:
    obj = page.obj
    if "/TrimBox" not in obj or "/BleedBox" not in obj:
        return [Problem("error", number, "The page has no TrimBox or BleedBox.")]
    trim = [float(v) for v in obj["/TrimBox"]]
    bleed_box = [float(v) for v in obj["/BleedBox"]]
    media = [float(v) for v in obj["/MediaBox"]]
    problems = []
    width, height = (trim[2] - trim[0]) / MM, (trim[3] - trim[1]) / MM
    if abs(width - trim_mm[0]) > 0.2 or abs(height - trim_mm[1]) > 0.2:
        problems.append(
            Problem(
                "error",
                number,
                f"The trim is {width:.1f} x {height:.1f} mm, "
                f"not {trim_mm[0]:g} x {trim_mm[1]:g} mm.",
            )
        )
    expected = [
        trim[0] - bleed * MM,
        trim[1] - bleed * MM,
        trim[2] + bleed * MM,
        trim[3] + bleed * MM,
    ]
    if any(abs(a - b) > 0.1 for a, b in zip(bleed_box, expected, strict=True)):
        problems.append(
            Problem("error", number, f"The BleedBox is not the trim plus {bleed:g} mm.")
        )
    inside = media[0] <= bleed_box[0] + 0.01 and media[1] <= bleed_box[1] + 0.01
    outside = media[2] >= bleed_box[2] - 0.01 and media[3] >= bleed_box[3] - 0.01
    if not (inside and outside):
        problems.append(Problem("error", number, "The MediaBox is smaller than the BleedBox."))
    if "/Annots" in obj:
        problems.append(Problem("error", number, "The page has annotations (links or comments)."))
    return problems


def _page_content_checks(page: pikepdf.Page, number: int) -> list[Problem]:
    scan = _Scan(number)
    scan.walk(page.obj, IDENTITY, depth=0)
    for name, font in _fonts(page.obj.get("/Resources"), depth=0):
        if not _embedded(font):
            scan.add("error", f"The font {name} is not embedded.")
    return scan.problems


@dataclass
class _Scan:
    number: int

    def __post_init__(self) -> None:
        self.problems: list[Problem] = []
        self._said: set[str] = set()

    def add(self, severity: str, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            self.problems.append(Problem(severity, self.number, message))

    def walk(self, holder: pikepdf.Object, start: Matrix, depth: int) -> None:
        if depth > 8:
            return
        resources = holder.get("/Resources", pikepdf.Dictionary())
        self._colour_spaces(resources)
        self._group(holder)
        ctm, stack, line_width = start, [], 1.0
        try:
            instructions = pikepdf.parse_content_stream(holder)
        except pikepdf.PdfError:
            self.add("error", "A content stream cannot be read.")
            return
        for instruction in instructions:
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self._inline_image(instruction)
                continue
            operands, op = instruction.operands, str(instruction.operator)
            if op == "q":
                stack.append((ctm, line_width))
            elif op == "Q" and stack:
                ctm, line_width = stack.pop()
            elif op == "cm":
                ctm = _multiply(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
            elif op == "w":
                line_width = float(operands[0])
            elif op in RGB_OPERATORS:
                self.add("error", "Text or lines use RGB colour instead of CMYK.")
            elif op in ("cs", "CS"):
                self._colour_space_used(resources, operands[0])
            elif op in ("scn", "SCN") and operands and isinstance(operands[-1], pikepdf.Name):
                self._pattern(resources, str(operands[-1]), ctm, depth)
            elif op == "sh":
                self._shading(_resource(resources, "/Shading", str(operands[0])))
            elif op == "gs":
                self._graphics_state(resources, str(operands[0]), ctm, depth)
            elif op in ("S", "s", "B", "B*", "b", "b*"):
                self._line(line_width, ctm)
            elif op == "Do":
                self._xobject(resources, str(operands[0]), ctm, depth)

    def _colour_space_used(self, resources: pikepdf.Object, name: pikepdf.Object) -> None:
        space: pikepdf.Object | None = name
        if str(name) not in DEVICE_SPACES:
            space = _resource(resources, "/ColorSpace", str(name))
        kind = _foreign(space)
        if kind:
            self.add("error", f"A colour space is {kind} instead of CMYK.")

    def _pattern(self, resources: pikepdf.Object, name: str, ctm: Matrix, depth: int) -> None:
        pattern = _resource(resources, "/Pattern", name)
        if pattern is None:
            return
        matrix = tuple(float(v) for v in pattern.get("/Matrix", IDENTITY))
        if int(pattern.get("/PatternType", 0)) == 1:  # a tiling pattern: a small content stream
            self.walk(pattern, _multiply(matrix, ctm), depth + 1)  # type: ignore[arg-type]
        else:
            self._shading(pattern.get("/Shading"))
        self._graphics_state_dict(pattern.get("/ExtGState"), ctm, depth)

    def _shading(self, shading: pikepdf.Object | None) -> None:
        if shading is not None:
            kind = _foreign(shading.get("/ColorSpace"))
            if kind:
                self.add("error", f"A colour blend (shading) is in {kind} instead of CMYK.")

    def _graphics_state(
        self, resources: pikepdf.Object, name: str, ctm: Matrix, depth: int
    ) -> None:
        self._graphics_state_dict(_resource(resources, "/ExtGState", name), ctm, depth)

    def _graphics_state_dict(self, state: pikepdf.Object | None, ctm: Matrix, depth: int) -> None:
        if not isinstance(state, pikepdf.Dictionary):
            return
        mask = state.get("/SMask")
        if isinstance(mask, pikepdf.Dictionary) and "/G" in mask:  # a soft mask: a form to walk
            group = mask["/G"]
            matrix = tuple(float(v) for v in group.get("/Matrix", IDENTITY))
            self.walk(group, _multiply(matrix, ctm), depth + 1)  # type: ignore[arg-type]

    def _inline_image(self, image: pikepdf.ContentStreamInlineImage) -> None:
        space = image.iimage.obj.get("/ColorSpace", image.iimage.obj.get("/CS"))
        if str(space) in ("/RGB", "/DeviceRGB") or _foreign(space):
            self.add("error", "A picture is in RGB instead of CMYK.")

    def _line(self, width: float, ctm: Matrix) -> None:
        scale = math.sqrt(abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]))
        effective = width * scale
        if 0 < effective < MIN_LINE_PT - 0.005:
            self.add(
                "error",
                f"A line is {effective:.2f} pt thin; print needs at least {MIN_LINE_PT} pt.",
            )

    def _xobject(self, resources: pikepdf.Object, name: str, ctm: Matrix, depth: int) -> None:
        xobjects: Any = resources.get("/XObject", pikepdf.Dictionary())
        xobject = xobjects.get(name)
        if xobject is None:
            return
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            self._image(xobject, ctm)
        elif subtype == "/Form":
            matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
            self.walk(xobject, _multiply(matrix, ctm), depth + 1)  # type: ignore[arg-type]

    def _image(self, image: pikepdf.Object, ctm: Matrix) -> None:
        space = image.get("/ColorSpace")
        if _is_rgb(space):
            self.add("error", "A picture is in RGB instead of CMYK.")
        width_pt = math.hypot(ctm[0], ctm[1])
        height_pt = math.hypot(ctm[2], ctm[3])
        if width_pt < 1 or height_pt < 1:
            return
        ppi = min(
            int(image.get("/Width", 0)) / (width_pt / 72),
            int(image.get("/Height", 0)) / (height_pt / 72),
        )
        if ppi < LOW_PPI:
            self.add(
                "error",
                f"A picture is only {ppi:.0f} ppi at its printed size; print needs {MIN_PPI}.",
            )
        elif ppi < MIN_PPI - 0.5:
            self.add(
                "warning", f"A picture is {ppi:.0f} ppi at its printed size; print needs {MIN_PPI}."
            )

    def _colour_spaces(self, resources: pikepdf.Object) -> None:
        for _name, space in resources.get("/ColorSpace", {}).items():
            if _is_rgb(space):
                self.add("error", "A colour space is RGB instead of CMYK.")

    def _group(self, holder: pikepdf.Object) -> None:
        group = holder.get("/Group")
        if group is not None and _is_rgb(group.get("/CS")):
            self.add("error", "A transparency group blends in RGB.")


def _resource(resources: pikepdf.Object, kind: str, name: str) -> pikepdf.Object | None:
    group = resources.get(kind)
    return group.get(name) if isinstance(group, pikepdf.Dictionary) else None


def _foreign(space: pikepdf.Object | None) -> str:
    """'RGB' or 'Lab' if a colour space (or its base) is not CMYK, grey or a spot; else ''."""
    if _is_rgb(space):
        return "RGB"
    if isinstance(space, pikepdf.Name):
        return "Lab" if str(space) == "/Lab" else ""
    if isinstance(space, pikepdf.Array) and len(space) > 1:
        kind = str(space[0])
        if kind == "/Lab":
            return "Lab"
        if kind in ("/Indexed", "/Separation", "/DeviceN"):
            return _foreign(space[1] if kind == "/Indexed" else space[2])
    return ""


def _is_rgb(space: pikepdf.Object | None) -> bool:
    if space is None:
        return False
    if isinstance(space, pikepdf.Name):
        return str(space) in ("/DeviceRGB", "/CalRGB")
    if isinstance(space, pikepdf.Array) and len(space) > 1:
        kind = str(space[0])
        if kind == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if kind in ("/Indexed", "/Separation", "/DeviceN"):
            base = space[1] if kind == "/Indexed" else space[2]
            return _is_rgb(base)
    return False


def _fonts(resources: pikepdf.Object | None, depth: int) -> Iterator[tuple[str, pikepdf.Object]]:
    if resources is None or depth > 8:
        return
    for name, font in resources.get("/Font", {}).items():
        yield str(font.get("/BaseFont", name)), font
    for _name, xobject in resources.get("/XObject", {}).items():
        if xobject.get("/Subtype") == "/Form":
            yield from _fonts(xobject.get("/Resources"), depth + 1)


def _embedded(font: pikepdf.Object) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # drawn with PDF operators; nothing to embed
    target = font
    if font.get("/Subtype") == "/Type0":
        target = font["/DescendantFonts"][0]
    descriptor = target.get("/FontDescriptor")
    if descriptor is None:
        return False
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _multiply(a: Matrix, b: Matrix) -> Matrix:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )
