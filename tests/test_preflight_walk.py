"""The build's preflight finds RGB and Lab colour wherever a PDF can hide it: nested forms, tiling
patterns, shading patterns, ``sh`` shadings, soft masks and inline images. Each case is a small
PDF made with pikepdf that a shop's preflight would reject."""

from __future__ import annotations

import io

import pikepdf
import pytest

from pressroom.outputs.printing.preflight import preflight

MM = 72 / 25.4
TRIM = [0, 0, 148 * MM, 210 * MM]
BLEED = [-3 * MM, -3 * MM, 151 * MM, 213 * MM]


def make_pdf(content: bytes, resources: dict[str, object]) -> bytes:
    """One A5 page with bleed and a CMYK output intent, drawing ``content``."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    page.obj.MediaBox = pikepdf.Array(BLEED)
    page.obj.BleedBox = pikepdf.Array(BLEED)
    page.obj.TrimBox = pikepdf.Array(TRIM)
    page.obj.Resources = pikepdf.Dictionary({k: _objects(pdf, v) for k, v in resources.items()})
    page.obj.Contents = pdf.make_stream(content)
    pdf.Root.OutputIntents = pikepdf.Array(
        [pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX)]
    )
    for _ in range(3):  # a multiple of 4 pages
        pdf.pages.append(pdf.pages[0])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _objects(pdf: pikepdf.Pdf, value: object) -> object:
    """Turn ('stream', dict, bytes) tuples into streams, recursively."""
    if isinstance(value, tuple) and value[0] == "stream":
        stream = pdf.make_stream(value[2])
        for key, item in value[1].items():
            stream[key] = _objects(pdf, item)
        return stream
    if isinstance(value, dict):
        return pikepdf.Dictionary({k: _objects(pdf, v) for k, v in value.items()})
    if isinstance(value, list):
        return pikepdf.Array([_objects(pdf, v) for v in value])
    return value


def form(
    content: bytes, resources: dict[str, object] | None = None
) -> tuple[str, dict[str, object], bytes]:
    return (
        "stream",
        {
            "/Type": pikepdf.Name.XObject,
            "/Subtype": pikepdf.Name.Form,
            "/BBox": [0, 0, 100, 100],
            "/Resources": resources or {},
        },
        content,
    )


def rgb_shading() -> dict[str, object]:
    return {
        "/ShadingType": 2,
        "/ColorSpace": pikepdf.Name.DeviceRGB,
        "/Coords": [0, 0, 100, 0],
        "/Function": {
            "/FunctionType": 2,
            "/Domain": [0, 1],
            "/C0": [1, 0, 0],
            "/C1": [0, 0, 1],
            "/N": 1,
        },
    }


def messages(data: bytes) -> list[str]:
    return [p.message for p in preflight(data, (148, 210), 3)]


def test_a_clean_page_passes() -> None:
    clean = make_pdf(b"0 0 0 1 k 10 10 50 50 re f /F Do", {"/XObject": {"/F": form(b"0 0 0 1 k")}})
    assert messages(clean) == []


CASES: dict[str, tuple[bytes, dict[str, object], str]] = {
    "a form inside a form": (
        b"/Outer Do",
        {
            "/XObject": {
                "/Outer": form(
                    b"/Inner Do", {"/XObject": {"/Inner": form(b"0 1 0 rg 0 0 5 5 re f")}}
                )
            }
        },
        "Text or lines use RGB colour instead of CMYK.",
    ),
    "a tiling pattern": (
        b"/Pattern cs /P0 scn 0 0 50 50 re f",
        {
            "/Pattern": {
                "/P0": (
                    "stream",
                    {
                        "/PatternType": 1,
                        "/PaintType": 1,
                        "/TilingType": 1,
                        "/BBox": [0, 0, 10, 10],
                        "/XStep": 10,
                        "/YStep": 10,
                        "/Resources": {},
                    },
                    b"1 0 0 rg 0 0 5 5 re f",
                )
            }
        },
        "Text or lines use RGB colour instead of CMYK.",
    ),
    "a shading pattern": (
        b"/Pattern cs /P1 scn 0 0 50 50 re f",
        {"/Pattern": {"/P1": {"/PatternType": 2, "/Shading": rgb_shading()}}},
        "A colour blend (shading) is in RGB instead of CMYK.",
    ),
    "a shading painted with sh": (
        b"q 0 0 50 50 re W n /Sh0 sh Q",
        {"/Shading": {"/Sh0": rgb_shading()}},
        "A colour blend (shading) is in RGB instead of CMYK.",
    ),
    "a soft mask": (
        b"/GS0 gs 0 0 0 1 k 0 0 50 50 re f",
        {
            "/ExtGState": {
                "/GS0": {
                    "/Type": pikepdf.Name.ExtGState,
                    "/SMask": {
                        "/S": pikepdf.Name.Luminosity,
                        "/G": form(
                            b"/CS0 cs 0.5 0.5 0.5 sc 0 0 50 50 re f",
                            {
                                "/ColorSpace": {
                                    "/CS0": [pikepdf.Name.Lab, {"/WhitePoint": [0.9642, 1, 0.8249]}]
                                }
                            },
                        ),
                    },
                }
            }
        },
        "A colour space is Lab instead of CMYK.",
    ),
    "an inline image": (
        b"q 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /RGB /BPC 8 ID \xff\x00\x00 EI Q",
        {},
        "A picture is in RGB instead of CMYK.",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_preflight_finds_colour_hidden_in(case: str) -> None:
    content, resources, expected = CASES[case]
    assert expected in messages(make_pdf(content, resources))
