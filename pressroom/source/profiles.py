"""The audience profiles: reading and validating ``profiles/<name>.yml`` into an :class:`Audience`.

A profile file holds an audience's rules (which rules run, their thresholds and severities: the
recommended defaults of ``easy-read-rules.md`` §0) and every behaviour that differs between
audiences (line breaks, fillers, the page multiple, the noun, the starter publication…). It sits
at the top of the project, beside ``layouts/<name>/``. A project without profile files of its own
uses the profiles that come with pressroom. Every mistake in a profile file is a finding at its
line (a settings problem: exit 2), never an exception.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..model import Audience, Finding, Location, Severity
from . import config
from .config import Field
from .kinds import names
from .sources import Sources
from .yamlsrc import parse_yaml

FOLDER = "profiles"
SHIPPED = Path(__file__).resolve().parents[2] / FOLDER
"""The profiles that come with pressroom (the repository's ``profiles/``)."""
SCAFFOLDS = Path(__file__).resolve().parents[1] / "scaffold"
"""The starter publications that come with pressroom, one folder each."""
MAX_PROFILE_BYTES = 100_000

SCHEMA = (
    Field("label", "text", "How messages name the audience.", required=True),
    Field("about", "text", "What 'new --profile' makes, for its help.", required=True),
    Field("short", "text", "The README rules table's column heading.", required=True),
    Field("noun", "text", "What pressroom's own words call a publication.", required=True),
    Field("line_breaks", "boolean", "Each source line is a line of its own.", default=False),
    Field("fillers", "list", "Spare page kinds that pad the print, in turn.", default=[]),
    Field(
        "page_multiple",
        "integer",
        "Printed pages come in multiples of this.",
        default=4,
        minimum=1,
        maximum=64,
    ),
    Field(
        "binding",
        "text",
        "How the print is bound.",
        default="saddle-stitch",
        choices=config.BINDINGS,
    ),
    Field(
        "page_fit",
        "text",
        "How serious a page that does not fit is.",
        default="warning",
        choices=("error", "warning"),
    ),
    Field("scaffold", "text", "The starter publication 'new' copies.", required=True),
    Field("rules", "any", "The rules that run, with their settings.", required=True),
)


def folder(root: Path) -> Path:
    """Where a project's profiles are: its own ``profiles/`` if it holds a profile file, else
    pressroom's (a project may keep other files there, such as a print shop's ``.icc``)."""
    own = root / FOLDER
    return own if any(own.glob("*.yml")) else SHIPPED


def profile_names(root: Path) -> list[str]:
    """The names of the project's profiles (one per ``profiles/<name>.yml``), sorted."""
    return sorted(p.stem for p in folder(root).glob("*.yml") if p.is_file())


def profile_abouts(root: Path) -> dict[str, str]:
    """Each profile's name and what its starter makes (``about``), for the help of ``new``."""
    abouts: dict[str, str] = {}
    for name in profile_names(root):
        audience, _problems = load_profile(root, name)
        abouts[name] = audience.about if audience else "(its file has a mistake: build to see it)"
    return abouts


def profile_for(src: Sources, name: str, findings: list[Finding]) -> Audience | None:
    """A publication's profile, read once per build (so its problems are reported once)."""
    if name not in src.audiences:
        audience, problems = load_profile(src.root, name)
        findings.extend(problems)
        src.audiences[name] = audience
    return src.audiences[name]


def load_profile(root: Path, name: str) -> tuple[Audience | None, list[Finding]]:
    """Read and validate ``profiles/<name>.yml``; None when it has an error."""
    path = folder(root) / f"{name}.yml"
    rel = _rel(root, path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [_bad(Location(rel), f"'{rel}' cannot be read: {exc.strerror}.")]
    if len(data) > MAX_PROFILE_BYTES:
        return None, [_bad(Location(rel), f"'{rel}' is larger than the limit of 100 kB.")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [_bad(Location(rel, 1, 1), f"'{rel}' is not saved as UTF-8 text.")]
    doc = parse_yaml(text, rel)
    findings = list(doc.findings)
    if not doc.ok:
        return None, findings

    def where(key: str) -> Location:
        return Location(rel, doc.lines.get(key, 1), 1)

    values, problems = config.validate(doc.data, SCHEMA, where, rel, raw=doc.raw)
    findings.extend(problems)
    rules = _rules(values.get("rules"), where, findings)
    spare = names("spare")
    for index, kind in enumerate(values.get("fillers") or []):
        if kind not in spare:
            hint = config.did_you_mean(str(kind), spare)
            message = f"'{kind}' cannot pad the print: it is not a spare page kind.{hint}"
            findings.append(_bad(where(f"fillers.{index}"), message, f"Use {' or '.join(spare)}."))
    scaffold = _scaffold(root, str(values.get("scaffold") or ""))
    if values.get("scaffold") and scaffold is None:
        message = f"There is no starter publication '{values['scaffold']}'."
        fix = "Name a folder of pressroom/scaffold/, or a project folder with a publication.yml."
        findings.append(_bad(where("scaffold"), message, fix))
    if any(f.severity is Severity.ERROR for f in findings) or scaffold is None:
        return None, findings
    return (
        Audience(
            name=name,
            label=values["label"],
            about=values["about"],
            short=values["short"],
            noun=values["noun"],
            line_breaks=bool(values["line_breaks"]),
            fillers=tuple(str(k) for k in values["fillers"] or spare),
            page_multiple=int(values["page_multiple"]),
            binding=values["binding"],
            page_fit=Severity(values["page_fit"]),
            scaffold=scaffold,
            rules=rules,
            path=rel,
            rule_lines={rule: doc.lines.get(f"rules.{rule}", 1) for rule in rules},
        ),
        findings,
    )


@cache
def shipped_profiles() -> dict[str, Audience]:
    """pressroom's own profiles by name (for the README tables); a mistake in one raises."""
    found: dict[str, Audience] = {}
    for name in profile_names(SHIPPED.parent):
        audience, problems = load_profile(SHIPPED.parent, name)
        if audience is None:
            raise ValueError("\n".join(p.as_line() for p in problems))
        found[name] = audience
    return found


def _rules(raw: Any, where: config.Where, findings: list[Finding]) -> dict[str, dict[str, Any]]:
    """``rules:``: each rule id with a mapping of settings (or nothing)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        findings.append(_bad(where("rules"), "'rules' should list rule ids, one a line."))
        return {}
    rules: dict[str, dict[str, Any]] = {}
    for rule_id, settings in raw.items():
        if settings is None:
            settings = {}
        if not isinstance(settings, dict):
            message = f"The settings of '{rule_id}' should be keys and values, such as {{max: 3}}."
            findings.append(_bad(where(f"rules.{rule_id}"), message, "Write {} for none."))
            continue
        rules[str(rule_id)] = dict(settings)
    return rules


def _scaffold(root: Path, name: str) -> Path | None:
    """The starter folder: pressroom's ``scaffold/<name>``, else a project folder."""
    if not name:
        return None
    for base in (SCAFFOLDS, root):
        candidate = (base / name).resolve()
        if (candidate / "publication.yml").is_file():
            return candidate
    return None


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _bad(location: Location, message: str, fix: str = "") -> Finding:
    return Finding(
        location,
        Severity.ERROR,
        "bad-profile",
        message,
        fix or f"Correct the profile file; {FOLDER}/easy-read.yml explains every key.",
    )
