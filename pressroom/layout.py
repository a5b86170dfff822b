"""Layouts: the ``layouts/`` folders, their settings (fonts, colours) and their Jinja templates.

``layouts/base/`` holds the shared skeleton; ``layouts/<profile>/`` adds or replaces templates,
stylesheets and settings for one kind of publication. Colours are defined once, in ``layout.yml``,
with a screen (sRGB) and a print (CMYK) value each; the stylesheets use them as ``var(--name)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .model import Finding, Location, Severity

PAGE_SIZES_MM = {"A5": (148.0, 210.0), "A4": (210.0, 297.0)}


@dataclass(frozen=True)
class Font:
    """The body font: its family name and the files the web output ships."""

    family: str
    regular: Path
    bold: Path
    package: str


@dataclass(frozen=True)
class Layout:
    """Everything a profile's look is made of."""

    profile: str
    folders: tuple[Path, ...]
    font: Font
    colours: dict[str, dict[str, Any]]
    stylesheets: dict[str, tuple[str, ...]]

    def find(self, name: str) -> Path | None:
        """The first file called ``name`` in the profile folder, then the base folder."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        return None

    def colour(self, name: str, mode: str) -> str:
        """One colour token's value for ``mode`` (``screen`` or ``print``)."""
        return _colour(self.colours[name], mode)

    def colour_css(self, mode: str) -> str:
        """``:root`` custom properties for ``mode`` (``screen``, ``dark`` or ``print``)."""
        lines = [":root {"]
        for name, value in sorted(self.colours.items()):
            lines.append(f"  --{name}: {_colour(value, mode)};")
        lines.append("}")
        return "\n".join(lines) + "\n"


def _colour(value: dict[str, Any], mode: str) -> str:
    if mode == "print":
        c, m, y, k = (float(v) / 100 for v in value["print"])
        return f"device-cmyk({c:g} {m:g} {y:g} {k:g})"
    if mode == "dark":
        return str(value.get("dark", value["screen"]))
    return str(value["screen"])


def load_layout(layouts_root: Path, profile: str) -> tuple[Layout | None, list[Finding]]:
    """Read ``layout.yml`` from the base and profile folders (the profile wins key by key)."""
    folders = tuple(f for f in (layouts_root / profile, layouts_root / "base") if f.is_dir())
    settings: dict[str, Any] = {}
    findings: list[Finding] = []
    for folder in reversed(folders):
        path = folder / "layout.yml"
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            findings.append(_layout_error(path, layouts_root, f"layout.yml cannot be read: {exc}"))
            continue
        for key, value in data.items():
            if isinstance(value, dict) and isinstance(settings.get(key), dict):
                settings[key] = {**settings[key], **value}
            else:
                settings[key] = value
    try:
        font = settings["font"]
        layout = Layout(
            profile=profile,
            folders=folders,
            font=Font(font["family"], Path(font["regular"]), Path(font["bold"]), font["package"]),
            colours=settings["colours"],
            stylesheets={k: tuple(v) for k, v in settings["stylesheets"].items()},
        )
    except (KeyError, TypeError) as exc:
        where = layouts_root / "base" / "layout.yml"
        findings.append(_layout_error(where, layouts_root, f"layout.yml is missing {exc}"))
        return None, findings
    for path in (layout.font.regular, layout.font.bold):
        if not path.is_file():
            findings.append(
                Finding(
                    Location("layouts/base/layout.yml", 1, 1),
                    Severity.ERROR,
                    "font-missing",
                    f"The font file {path} is not installed.",
                    "Run the set-up command (./run build); it installs the font package "
                    f"{layout.font.package}.",
                )
            )
    return layout, findings


def _layout_error(path: Path, root: Path, message: str) -> Finding:
    rel = f"layouts/{path.relative_to(root).as_posix()}"
    return Finding(Location(rel, 1, 1), Severity.ERROR, "layout", message, "Fix the layout file.")


@lru_cache(maxsize=8)
def environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    """The Jinja environment for a layout: strict about undefined names, escaping all HTML."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def page_geometry_css(config: dict[str, Any], mode: str) -> str:
    """The ``@page`` size, bleed and margins for a publication and output mode."""
    width, height = PAGE_SIZES_MM[config["page_size"]]
    bleed = float(config["print"]["bleed_mm"]) if mode == "print" else 0.0
    # No WeasyPrint "marks": its crop marks sit inside the bleed, in RGB. pressroom draws its
    # own outside the bleed when publication.yml asks for them (printing/pdfx.py).
    return (
        f"@page {{ size: {width:g}mm {height:g}mm; bleed: {bleed:g}mm; }}\n"
        f":root {{ --trim-width: {width:g}mm; --trim-height: {height:g}mm; "
        f"--bleed: {bleed:g}mm; }}\n"
    )
