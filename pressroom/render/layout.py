"""Layouts: the ``layouts/`` folders, their settings (fonts, colours) and their Jinja templates.

``layouts/base/`` holds the shared skeleton; ``layouts/<profile>/`` adds or replaces templates,
stylesheets and settings for one kind of publication. Colours are defined once, in ``layout.yml``,
with a screen (sRGB) and a print (CMYK) value each; the stylesheets use them as ``var(--name)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Finding, Location, PageGeometry, Severity
from ..source.config import Field, Where, validate
from ..source.yamlsrc import parse_yaml

if TYPE_CHECKING:
    import jinja2


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


FONT = (
    Field("family", "text", "The font's family name.", required=True),
    Field("package", "text", "The system package that installs it.", required=True),
    Field("regular", "text", "The regular font file.", required=True),
    Field("bold", "text", "The bold font file.", required=True),
)
STYLESHEETS = (
    Field("pdf", "list", "The stylesheets of the PDFs, in order.", required=True),
    Field("web", "list", "The stylesheets of the web page, in order.", required=True),
)
LAYOUT = (  # what one layout.yml may hold; the merged settings must have all of it
    Field("font", "mapping", "The body font.", children=FONT),
    Field("colours", "any", "Colour tokens: screen, dark and print values."),
    Field("stylesheets", "mapping", "Which stylesheets each output uses.", children=STYLESHEETS),
)
ONE_FILE = tuple(  # a profile's layout.yml may change only some keys
    replace(f, children=tuple(replace(c, required=False) for c in f.children)) for f in LAYOUT
)
COLOUR = (
    Field("screen", "text", "The sRGB value, like '#1d3f8f'.", required=True),
    Field("dark", "text", "The value in dark mode, like '#a9c7ff'."),
    Field("print", "any", "The CMYK value in percent, like [100, 75, 0, 10].", required=True),
)
HEX_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
TOKEN_RE = re.compile(r"^[a-z][a-z0-9-]*$")
MAX_LAYOUT_BYTES = 200_000


def load_layout(layouts_root: Path, profile: str) -> tuple[Layout | None, list[Finding]]:
    """Read ``layout.yml`` from the base and profile folders (the profile wins key by key)."""
    folders = tuple(f for f in (layouts_root / profile, layouts_root / "base") if f.is_dir())
    settings, places, findings = _read_settings(layouts_root, folders)
    if settings is None:
        return None, findings
    font = settings["font"]
    layout = Layout(
        profile=profile,
        folders=folders,
        font=Font(font["family"], Path(font["regular"]), Path(font["bold"]), font["package"]),
        colours=settings["colours"],
        stylesheets={k: tuple(v) for k, v in settings["stylesheets"].items()},
    )
    for key, path in (("font.regular", layout.font.regular), ("font.bold", layout.font.bold)):
        if not path.is_file():
            findings.append(
                Finding(
                    places.get(key, Location("layouts/base/layout.yml", 1, 1)),
                    Severity.ERROR,
                    "font-missing",
                    f"The font file {path} is not installed.",
                    "Run the set-up command (./run build); it installs the font package "
                    f"{layout.font.package}.",
                )
            )
    return layout, findings


def check_layout(layouts_root: Path, profile: str) -> list[Finding]:
    """The problems in a profile's ``layout.yml`` files (for ``--check``, before any rendering)."""
    return load_layout(layouts_root, profile)[1]


def _read_settings(
    root: Path, folders: tuple[Path, ...]
) -> tuple[dict[str, Any] | None, dict[str, Location], list[Finding]]:
    """The merged, validated settings (None after an error), where each key was set, findings."""
    settings: dict[str, Any] = {}
    places: dict[str, Location] = {}
    findings: list[Finding] = []
    base = f"layouts/{folders[-1].name}/layout.yml" if folders else "layouts/base/layout.yml"
    for folder in reversed(folders):
        path = folder / "layout.yml"
        if not path.is_file():
            continue
        rel = f"layouts/{path.relative_to(root).as_posix()}"
        data, lines, problems = _read_file(path, rel)
        findings.extend(problems)
        for key, value in data.items():
            if isinstance(value, dict) and isinstance(settings.get(key), dict):
                settings[key] = {**settings[key], **value}
            else:
                settings[key] = value
        places.update({key: Location(rel, line, 1) for key, line in lines.items()})
    if not any(f.severity is Severity.ERROR for f in findings):  # all together: nothing missing
        everything = tuple(replace(f, required=True) for f in LAYOUT)
        findings.extend(
            validate(settings, everything, lambda k: places.get(k, Location(base, 1, 1)), base)[1]
        )
    if any(f.severity is Severity.ERROR for f in findings):
        return None, places, findings
    return settings, places, findings


def _read_file(path: Path, rel: str) -> tuple[dict[str, Any], dict[str, int], list[Finding]]:
    """One layout.yml: its keys (empty after an error), their lines and its findings."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig") if len(data) <= MAX_LAYOUT_BYTES else None
    except (OSError, UnicodeDecodeError) as exc:
        return {}, {}, [_layout_error(rel, f"layout.yml cannot be read ({exc}).")]
    if text is None:
        return {}, {}, [_layout_error(rel, "layout.yml is too large to be a settings file.")]
    doc = parse_yaml(text.replace("\r\n", "\n"), rel)
    if not doc.ok:
        return {}, {}, doc.findings

    def where(key: str) -> Location:
        return Location(rel, doc.lines.get(key, 1), 1)

    checked, problems = validate(doc.data, ONE_FILE, where, rel, raw=doc.raw)
    problems = doc.findings + problems
    if isinstance(doc.data, dict) and doc.data.get("colours") is not None:
        problems.extend(_check_colours(doc.data["colours"], where, rel, doc.raw))
    if any(f.severity is Severity.ERROR for f in problems):
        return {}, {}, problems
    return _present(checked, doc.data or {}), doc.lines, problems


def _present(checked: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """The checked values of only the keys the file has (so a profile changes only those)."""
    return {
        key: _present(checked[key], value)
        if isinstance(value, dict) and isinstance(checked.get(key), dict)
        else checked.get(key, value)
        for key, value in data.items()
    }


def _check_colours(colours: Any, where: Where, rel: str, raw: dict[str, str]) -> list[Finding]:
    if not isinstance(colours, dict):
        return validate({"colours": colours}, (replace(LAYOUT[1], kind="mapping"),), where, rel)[1]
    findings: list[Finding] = []
    for name, value in colours.items():
        key = f"colours.{name}"
        if not TOKEN_RE.match(name):
            findings.append(_bad(where(key), f"'{name}' cannot be a colour name.", _NAME_FIX))
            continue
        checked, problems = validate(value, COLOUR, where, f"the colour '{name}'", key, raw)
        findings.extend(problems)
        if problems:
            continue
        for mode in ("screen", "dark"):
            shown = checked[mode]
            if shown is not None and not HEX_RE.match(shown):
                findings.append(
                    _bad(
                        where(f"{key}.{mode}"),
                        f"The {mode} value of '{name}' is '{shown}', not a colour like '#1d3f8f'.",
                        f'Write six hex digits after a # in quotes: {mode}: "#1d3f8f".',
                    )
                )
        cmyk = checked["print"]
        if not (isinstance(cmyk, list) and len(cmyk) == 4 and all(_percent(v) for v in cmyk)):
            findings.append(
                _bad(
                    where(f"{key}.print"),
                    f"The print value of '{name}' must be 4 percentages (cyan, magenta, yellow, "
                    f"black), but it is {cmyk!r}.",
                    "Write it like print: [100, 75, 0, 10], each from 0 to 100.",
                )
            )
    return findings


_NAME_FIX = "Use small letters, digits and hyphens, starting with a letter, like 'accent-ink'."


def _percent(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100


def _bad(loc: Location, message: str, fix: str) -> Finding:
    return Finding(loc, Severity.ERROR, "bad-value", message, fix)


def _layout_error(rel: str, message: str) -> Finding:
    return Finding(Location(rel, 1, 1), Severity.ERROR, "layout", message, "Save it as UTF-8 text.")


@lru_cache(maxsize=8)
def environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    """The Jinja environment for a layout: strict about undefined names, escaping all HTML."""
    import jinja2  # only when rendering: checking a layout does not need it

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def page_geometry_css(geometry: PageGeometry, mode: str) -> str:
    """The ``@page`` size, bleed and margins for a publication and output mode."""
    width, height = geometry.trim_mm
    bleed = geometry.bleed_mm if mode == "print" else 0.0
    # No WeasyPrint "marks": its crop marks sit inside the bleed, in RGB. pressroom draws its
    # own outside the bleed when publication.yml asks for them (outputs/printing/pdfx.py).
    return (
        f"@page {{ size: {width:g}mm {height:g}mm; bleed: {bleed:g}mm; }}\n"
        f":root {{ --trim-width: {width:g}mm; --trim-height: {height:g}mm; "
        f"--bleed: {bleed:g}mm; }}\n"
    )
