"""Any CSS colour value as sRGB, for separation: tinycss2 (WeasyPrint's own CSS parser) reads
every CSS Color 4/5 syntax; this module turns what it reads into sRGB numbers.

Named colours, ``#rgb``/``#rgba``/``#rrggbb``/``#rrggbbaa``, ``rgb()``/``rgba()`` (comma and
space syntax), ``hsl()``/``hsla()``, ``hwb()``, ``lab()``, ``lch()``, ``oklab()``, ``oklch()``,
``color()`` in the predefined spaces, ``light-dark()`` and ``transparent``. Colours outside sRGB
are clipped to it. ``device-cmyk()`` is returned as it is (it is already ink).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Vector = tuple[float, float, float]
Matrix3 = tuple[Vector, Vector, Vector]

# From CIE XYZ (D65) to linear sRGB, and the Bradford adaptation from D50 to D65
# (CSS Color 4, "Sample code for colour conversions").
XYZ65_TO_SRGB: Matrix3 = (
    (3.2409699419045226, -1.537383177570094, -0.4986107602930034),
    (-0.9692436362808796, 1.8759675015077202, 0.04155505740717559),
    (0.05563007969699366, -0.20397695888897652, 1.0569715142428786),
)
D50_TO_D65: Matrix3 = (
    (0.955473421488075, -0.02309845494876471, 0.06325924320057072),
    (-0.0283697093338637, 1.0099953980813041, 0.021041441191917323),
    (0.012314014864481998, -0.020507649298898964, 1.330365926242124),
)
# Linear RGB of other predefined spaces to XYZ (D65, except ProPhoto which is D50).
P3_TO_XYZ65: Matrix3 = (
    (0.4865709486482162, 0.26566769316909306, 0.1982172852343625),
    (0.2289745640697488, 0.6917385218365064, 0.079286914093745),
    (0.0, 0.04511338185890264, 1.043944368900976),
)
A98_TO_XYZ65: Matrix3 = (
    (0.5766690429101305, 0.1855582379065463, 0.1882286462349947),
    (0.29734497525053605, 0.6273635662554661, 0.08073420147046),
    (0.02703136138641234, 0.07068885253582723, 0.9913375368376388),
)
REC2020_TO_XYZ65: Matrix3 = (
    (0.6369580483012914, 0.14461690358620832, 0.1688809751641721),
    (0.2627002120112671, 0.6779980715188708, 0.05930171646986196),
    (0.0, 0.028072693049087428, 1.060985057710791),
)
PROPHOTO_TO_XYZ50: Matrix3 = (
    (0.7977604896723027, 0.13518583717574031, 0.0313493495815248),
    (0.2880711282292934, 0.7118432178101014, 0.00008565396060525902),
    (0.0, 0.0, 0.8251046025104601),
)


@dataclass(frozen=True)
class Parsed:
    """A colour read from CSS: sRGB channels 0-255 (or CMYK 0-1 if it was ``device-cmyk``)."""

    rgb: tuple[int, int, int] | None
    cmyk: tuple[float, float, float, float] | None
    alpha: float


def parse(value: str) -> Parsed | str | None:
    """A CSS colour value: :class:`Parsed`, the string ``"currentcolor"``, or None if it is not
    a colour (``none``, ``url(#gradient)``, ``inherit``…)."""
    from tinycss2.color5 import parse_color  # type: ignore[import-untyped]

    try:
        colour: Any = parse_color(value.strip())
    except (ValueError, IndexError, TypeError):
        return None
    if colour is None:
        return None
    if colour == "currentcolor":
        return "currentcolor"
    alpha = 1.0 if colour.alpha is None else float(colour.alpha)
    if colour.space == "device-cmyk":
        c, m, y, k = (float(v or 0) for v in colour.coordinates)
        return Parsed(None, (c, m, y, k), alpha)
    srgb = to_srgb(colour.space, tuple(float(v or 0) for v in colour.coordinates))
    if srgb is None:
        return None
    return Parsed(tuple(round(max(0.0, min(1.0, v)) * 255) for v in srgb), None, alpha)  # type: ignore[arg-type]


def to_srgb(space: str, coords: tuple[float, ...]) -> Vector | None:
    """Gamma-encoded sRGB (0-1, not yet clipped) of a colour in a CSS colour space."""
    from tinycss2.color4 import Color  # type: ignore[import-untyped]

    a, b, c = coords[:3]
    if space == "srgb":
        return (a, b, c)
    if space in ("hsl", "hwb"):
        converted = Color(space, coords[:3], 1).to("srgb").coordinates
        return (float(converted[0]), float(converted[1]), float(converted[2]))
    if space == "srgb-linear":
        return _encode(_apply(((1, 0, 0), (0, 1, 0), (0, 0, 1)), (a, b, c)))
    if space in ("lab", "lch"):
        xyz50 = Color(space, coords[:3], 1).to("xyz-d50").coordinates
        return _from_xyz50((float(xyz50[0]), float(xyz50[1]), float(xyz50[2])))
    if space in ("oklab", "oklch"):
        xyz65 = Color(space, coords[:3], 1).to("xyz-d65").coordinates
        return _encode(_apply(XYZ65_TO_SRGB, (float(xyz65[0]), float(xyz65[1]), float(xyz65[2]))))
    if space in ("xyz", "xyz-d65"):
        return _encode(_apply(XYZ65_TO_SRGB, (a, b, c)))
    if space == "xyz-d50":
        return _from_xyz50((a, b, c))
    if space == "display-p3":
        linear = tuple(_srgb_decode(v) for v in (a, b, c))
        return _encode(_apply(XYZ65_TO_SRGB, _apply(P3_TO_XYZ65, linear)))  # type: ignore[arg-type]
    if space == "a98-rgb":
        linear = tuple(_sign(v) * abs(v) ** (563 / 256) for v in (a, b, c))
        return _encode(_apply(XYZ65_TO_SRGB, _apply(A98_TO_XYZ65, linear)))  # type: ignore[arg-type]
    if space == "rec2020":
        linear = tuple(_rec2020_decode(v) for v in (a, b, c))
        return _encode(_apply(XYZ65_TO_SRGB, _apply(REC2020_TO_XYZ65, linear)))  # type: ignore[arg-type]
    if space == "prophoto-rgb":
        linear = tuple(_prophoto_decode(v) for v in (a, b, c))
        return _from_xyz50(_apply(PROPHOTO_TO_XYZ50, linear))  # type: ignore[arg-type]
    return None


def _from_xyz50(xyz: Vector) -> Vector:
    return _encode(_apply(XYZ65_TO_SRGB, _apply(D50_TO_D65, xyz)))


def _apply(matrix: Matrix3, v: Vector) -> Vector:
    r0, r1, r2 = matrix
    return (
        r0[0] * v[0] + r0[1] * v[1] + r0[2] * v[2],
        r1[0] * v[0] + r1[1] * v[1] + r1[2] * v[2],
        r2[0] * v[0] + r2[1] * v[1] + r2[2] * v[2],
    )


def _sign(v: float) -> float:
    return -1.0 if v < 0 else 1.0


def _srgb_decode(v: float) -> float:
    if abs(v) <= 0.04045:
        return v / 12.92
    return _sign(v) * float(((abs(v) + 0.055) / 1.055) ** 2.4)


def _encode(linear: Vector) -> Vector:
    def one(v: float) -> float:
        if abs(v) <= 0.0031308:
            return 12.92 * v
        return _sign(v) * (1.055 * float(abs(v) ** (1 / 2.4)) - 0.055)

    return (one(linear[0]), one(linear[1]), one(linear[2]))


def _rec2020_decode(v: float) -> float:
    alpha, beta = 1.09929682680944, 0.018053968510807
    if abs(v) < beta * 4.5:
        return v / 4.5
    return _sign(v) * float(((abs(v) + alpha - 1) / alpha) ** (1 / 0.45))


def _prophoto_decode(v: float) -> float:
    if abs(v) <= 16 / 512:
        return v / 16
    return _sign(v) * float(abs(v) ** 1.8)
