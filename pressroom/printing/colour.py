"""Colour for the press: RGB pictures turned into CMYK with an ICC profile, and line art to colour.

WeasyPrint does not convert colours, so pictures are converted here before layout: every colour in
an SVG becomes ``device-cmyk()`` (neutral greys and black become black ink only, never rich black),
and photos become CMYK JPEGs, both with the job's output profile. OpenMoji pictures keep their
outlines in a group of their own, which gives a picture to colour in on doodle pages.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
DEFAULT_PROFILE_PACKAGE = "libgs-common"
DEFAULT_CONDITION = "CGATS TR 001"  # SWOP: what Ghostscript's default CMYK profile describes

HEX_RE = re.compile(r"#(?P<hex>[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
NAMED = {"black": "000000", "white": "ffffff", "red": "ff0000", "blue": "0000ff", "green": "008000"}
COLOUR_ATTR_RE = re.compile(
    r"(?P<attr>\b(?:fill|stroke|stop-color|flood-color|lighting-color|color)\s*[=:]\s*\"?\s*)"
    r"(?P<value>#[0-9a-fA-F]{3,6}\b|rgb\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\)|black|white|red|blue|green)",
    re.IGNORECASE,
)
SVG_OPEN_RE = re.compile(r"<svg\b[^>]*>")
ROOT_FILL_RE = re.compile(r"<svg\b[^>]*\sfill=")
RGB_FUNC_RE = re.compile(r"rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)", re.IGNORECASE)


@dataclass(frozen=True)
class Profile:
    """The CMYK output profile of a print job."""

    path: Path
    condition: str
    description: str


def profile_description(path: Path) -> str:
    """The human-readable name stored in an ICC profile."""
    from PIL import ImageCms

    try:
        return str(ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(path)))).strip()
    except (OSError, ImageCms.PyCMSError):
        return path.name


@lru_cache(maxsize=4)
def _transform(profile_path: str) -> Any:
    from PIL import ImageCms

    srgb = ImageCms.createProfile("sRGB")
    cmyk = ImageCms.getOpenProfile(profile_path)
    return ImageCms.buildTransform(
        srgb,
        cmyk,
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


@lru_cache(maxsize=4096)
def rgb_to_cmyk(
    red: int, green: int, blue: int, profile_path: str
) -> tuple[float, float, float, float]:
    """One sRGB colour as CMYK fractions. Greys and black use black ink only."""
    if red == green == blue:
        return (0.0, 0.0, 0.0, round(1 - red / 255, 3))
    from PIL import Image, ImageCms

    pixel = Image.new("RGB", (1, 1), (red, green, blue))
    converted = ImageCms.applyTransform(pixel, _transform(profile_path))
    assert converted is not None
    values = converted.getpixel((0, 0))
    assert isinstance(values, tuple)
    return tuple(round(v / 255, 3) for v in values)  # type: ignore[return-value]


def _rgb_of(value: str) -> tuple[int, int, int] | None:
    value = value.strip().lower()
    if value in NAMED:
        value = "#" + NAMED[value]
    match = HEX_RE.fullmatch(value)
    if match:
        digits = match["hex"]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    func = RGB_FUNC_RE.fullmatch(value)
    if func:
        return int(func[1]), int(func[2]), int(func[3])
    return None


def svg_to_cmyk(svg: str, profile: Profile) -> str:
    """Rewrite every colour of an SVG as ``device-cmyk()`` for the press."""

    def replace(match: re.Match[str]) -> str:
        rgb = _rgb_of(match["value"])
        if rgb is None:
            return match.group(0)
        c, m, y, k = rgb_to_cmyk(*rgb, str(profile.path))
        return f"{match['attr']}device-cmyk({c:g} {m:g} {y:g} {k:g})"

    converted = COLOUR_ATTR_RE.sub(replace, svg)
    if ROOT_FILL_RE.search(converted):
        return converted
    # SVG paints unstyled shapes black by default, in RGB: make that default black ink.
    return SVG_OPEN_RE.sub(_with_black_fill, converted, count=1)


def _with_black_fill(match: re.Match[str]) -> str:
    tag = match.group(0)
    closing = "/>" if tag.endswith("/>") else ">"
    return tag[: -len(closing)].rstrip() + ' fill="device-cmyk(0 0 0 1)"' + closing


def colouring_version(svg: str) -> str:
    """An OpenMoji picture with its colour areas removed: black outlines to colour in."""
    import xml.etree.ElementTree as ET

    namespace = "http://www.w3.org/2000/svg"
    ET.register_namespace("", namespace)
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
        return svg
    groups = [g for g in root.iter(f"{{{namespace}}}g") if g.get("id") in ("color", "skin", "hair")]
    if not any(g.get("id") == "line" for g in root.iter(f"{{{namespace}}}g")) or not groups:
        return svg
    for parent in root.iter():
        for child in list(parent):
            if child in groups:
                parent.remove(child)
    return ET.tostring(root, encoding="unicode")


def image_to_cmyk_jpeg(data: bytes, profile: Profile) -> bytes:
    """A raster picture as a CMYK JPEG (transparency flattened on white)."""
    from PIL import Image, ImageCms

    with Image.open(io.BytesIO(data)) as opened:
        opened.load()
        dpi = opened.info.get("dpi", (300, 300))
        image: Image.Image = opened
        if image.mode in ("RGBA", "LA", "P"):
            rgba = image.convert("RGBA")
            image = Image.new("RGB", rgba.size, (255, 255, 255))
            image.paste(rgba, mask=rgba.split()[-1])
        converted: Image.Image | None = image
        if image.mode != "CMYK":
            converted = ImageCms.applyTransform(image.convert("RGB"), _transform(str(profile.path)))
        assert converted is not None
        out = io.BytesIO()
        converted.save(out, "JPEG", quality=92, dpi=dpi)
        return out.getvalue()
