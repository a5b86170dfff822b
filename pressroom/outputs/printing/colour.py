"""Colour for the press: RGB pictures turned into CMYK with an ICC profile, and line art to colour.

WeasyPrint does not convert colours, so pictures are converted here before layout: every colour in
an SVG becomes ``device-cmyk()`` (neutral greys and black become black ink only, never rich black),
and photos become CMYK JPEGs, both with the job's output profile. OpenMoji pictures keep their
outlines in a group of their own, which gives a picture to colour in on doodle pages.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import csscolour

COLOUR_PROPERTIES = ("fill", "stroke", "stop-color", "flood-color", "lighting-color", "color")
SVG_NS = "http://www.w3.org/2000/svg"
BLACK_INK = "device-cmyk(0 0 0 1)"


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


def svg_to_cmyk(svg: str, profile: Profile) -> str:
    """Rewrite every colour of an SVG as ``device-cmyk()`` for the press.

    Colours in presentation attributes, ``style`` attributes and ``<style>`` elements are read
    with a real CSS colour parser (any CSS syntax). ``currentColor`` and the defaults SVG paints
    in black (unstyled shapes, gradient stops) become black ink, and so does anything
    WeasyPrint would not understand as a colour (it would paint that RGB black).
    """
    import xml.etree.ElementTree as ET

    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
        return svg
    convert = _Converter(str(profile.path))
    for element in root.iter():
        for name in COLOUR_PROPERTIES:
            value = element.get(name)
            if value is not None:
                element.set(name, convert.value(value))
        style = element.get("style")
        if style:
            element.set("style", convert.declarations(style))
        if _local(element.tag) == "style" and element.text:
            element.text = convert.stylesheet(element.text)
        if _local(element.tag) == "stop":  # (a style sheet's stop-color still wins)
            element.attrib.setdefault("stop-color", BLACK_INK)
    root.attrib.setdefault("fill", BLACK_INK)
    root.attrib.setdefault("color", BLACK_INK)
    return ET.tostring(root, encoding="unicode")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Converter:
    """CSS colour values, declarations and style sheets, with every colour made CMYK."""

    def __init__(self, profile_path: str) -> None:
        self.profile_path = profile_path

    def value(self, text: str) -> str:
        stripped = text.strip()
        lowered = stripped.lower()
        if lowered in ("none", "inherit", "context-fill", "context-stroke"):
            return stripped
        if lowered.startswith("url("):  # a paint server, maybe with a fallback colour after it
            end = stripped.find(")") + 1
            rest = stripped[end:].strip()
            return stripped[:end] + (" " + self.value(rest) if rest else "")
        parsed = csscolour.parse(stripped)
        if parsed == "currentcolor":
            return "currentColor"  # WeasyPrint resolves this exact spelling from `color`
        if not isinstance(parsed, csscolour.Parsed):
            return BLACK_INK
        if parsed.cmyk is not None:
            c, m, y, k = parsed.cmyk
        else:
            assert parsed.rgb is not None
            c, m, y, k = rgb_to_cmyk(*parsed.rgb, self.profile_path)
        alpha = f" / {parsed.alpha:.3g}" if parsed.alpha < 1 else ""
        return f"device-cmyk({c:g} {m:g} {y:g} {k:g}{alpha})"

    def declarations(self, text: str) -> str:
        import tinycss2  # type: ignore[import-untyped]

        parts = []
        for item in tinycss2.parse_blocks_contents(text, skip_whitespace=True, skip_comments=True):
            if item.type != "declaration":
                continue
            value = tinycss2.serialize(item.value).strip()
            if item.lower_name in COLOUR_PROPERTIES:
                value = self.value(value)
            important = " !important" if item.important else ""
            parts.append(f"{item.name}: {value}{important}")
        return "; ".join(parts)

    def stylesheet(self, text: str) -> str:
        import tinycss2

        out = []
        for rule in tinycss2.parse_stylesheet(text, skip_whitespace=True, skip_comments=True):
            if rule.type == "qualified-rule":
                selector = tinycss2.serialize(rule.prelude).strip()
                body = self.declarations(tinycss2.serialize(rule.content))
                out.append(f"{selector} {{ {body} }}")
            elif rule.type == "at-rule" and rule.content is not None:
                prelude = tinycss2.serialize(rule.prelude).strip()
                inner = self.stylesheet(tinycss2.serialize(rule.content))
                out.append(f"@{rule.at_keyword} {prelude} {{ {inner} }}")
            elif rule.type == "at-rule":
                out.append(tinycss2.serialize([rule]))
        return "\n".join(out)


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
