"""The catalogue of every finding id the build can give (``catalogue.yml`` beside this module).

Each entry says which stage finds it, how serious it is for each profile, which exit code it leads
to, whether ``checks:`` settings and ``allow`` markers can change it, and what it means for an
editor. The exit code of a build and the README's rule tables come from here. Run
``python -m pressroom.checks._catalogue`` to print the README tables.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..source.profiles import FOLDER as PROFILES_FOLDER
from ..source.profiles import shipped_profiles

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yml")
STAGES = ("load", "check", "layout", "press", "build")
EXIT_CLASSES = ("content", "settings", "file")
CHANGES = ("settings", "allow")
SEVERITY_WORDS = ("error", "warning", "info", "–")
SETTINGS_FILE = "publication.yml"


@dataclass(frozen=True)
class Entry:
    """One finding id and everything the catalogue says about it."""

    id: str
    stages: tuple[str, ...]
    severity: dict[str, str]  # profile → "error", "warning / error", "–"…
    exit: str
    change: frozenset[str]
    what: str
    fix: str
    limits: str = ""

    @property
    def settable(self) -> bool:
        """``checks:`` in publication.yml can switch it off or change its severity."""
        return "settings" in self.change

    @property
    def allowable(self) -> bool:
        """An ``allow`` marker can accept it on one line."""
        return "allow" in self.change

    @property
    def is_writing_rule(self) -> bool:
        """A rule with limits per profile in ``profiles/<name>.yml`` (a writing check)."""
        return any(self.id in a.rules for a in shipped_profiles().values())


def profile_columns() -> tuple[tuple[str, str], ...]:
    """pressroom's own profiles and their short names, the columns of the rules table."""
    return tuple((name, a.short) for name, a in shipped_profiles().items())


@cache
def catalogue() -> dict[str, Entry]:
    """Every entry by id, in the order of the file."""
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10 times faster
    raw = yaml.load(CATALOGUE_FILE.read_text(encoding="utf-8"), Loader=loader)
    return {rule_id: _entry(rule_id, data) for rule_id, data in raw.items()}


def _entry(rule_id: str, data: dict[str, Any]) -> Entry:
    stages = data["stage"]
    stages = tuple(stages) if isinstance(stages, list) else (stages,)
    severity = data["severity"]
    if not isinstance(severity, dict):
        severity = {profile: severity for profile in shipped_profiles()}
    entry = Entry(
        id=rule_id,
        stages=stages,
        severity={str(k): str(v) for k, v in severity.items()},
        exit=str(data["exit"]),
        change=frozenset(data.get("change") or ()),
        what=str(data["what"]).strip(),
        fix=str(data["fix"]).strip(),
        limits=str(data.get("limits", "")),
    )
    bad = (
        set(entry.stages) - set(STAGES)
        or {entry.exit} - set(EXIT_CLASSES)
        or entry.change - set(CHANGES)
        or set(entry.severity) ^ set(shipped_profiles())
        or {w for v in entry.severity.values() for w in v.split(" / ")} - set(SEVERITY_WORDS)
    )
    if bad:
        raise ValueError(f"catalogue.yml, '{rule_id}': {sorted(bad)} is not allowed there")
    return entry


def entry(rule_id: str) -> Entry | None:
    """The catalogue entry of ``rule_id``, if there is one."""
    return catalogue().get(rule_id)


def is_settings_problem(rule_id: str, path: str) -> bool:
    """Whether an error of ``rule_id`` at ``path`` is a settings problem (exit 2), not a content
    problem (exit 1). Anything in layouts/ or profiles/ is a settings problem."""
    if any(path == top or path.startswith(f"{top}/") for top in ("layouts", PROFILES_FOLDER)):
        return True
    found = entry(rule_id)
    if found is None:
        return False
    return found.exit == "settings" or (found.exit == "file" and path.endswith(SETTINGS_FILE))


# --- the README tables ----------------------------------------------------------------------------


def readme_tables() -> str:
    """The two tables of the README's rules section, made from the catalogue and the profiles."""
    from . import RULES_BY_ID  # the rules themselves say why they exist

    rules = [e for e in catalogue().values() if e.is_writing_rule]
    others = [e for e in catalogue().values() if not e.is_writing_rule]
    columns = profile_columns()
    lines = [
        "| Rule | Checks that… | Why (source) | "
        + " | ".join(short for _, short in columns)
        + " | Change |",
        "|---|---|---|" + "---|" * len(columns) + "---|",
        *(
            f"| `{e.id}` | {e.what} | {RULES_BY_ID[e.id].rationale} | "
            + " | ".join(_profile_cell(e, p) for p, _ in columns)
            + f" | {_change_cell(e)} |"
            for e in rules
        ),
        "",
        "Other findings, from reading the files, laying out the pages and making the print PDF:",
        "",
        "| Finding | Stage | Severity | Exit | Change | What it means — how to fix it |",
        "|---|---|---|---|---|---|",
        *(
            f"| `{e.id}` | {', '.join(e.stages)} | {_severity_cell(e)} | "
            f"{_exit_cell(e)} | {_change_cell(e)} | {e.what} — {e.fix} |"
            for e in others
        ),
    ]
    return "\n".join(lines) + "\n"


def _profile_cell(e: Entry, profile: str) -> str:
    severity = e.severity[profile]
    settings = shipped_profiles()[profile].rules.get(e.id)
    if settings is None or severity == "–":
        return "–"
    if e.limits:
        return f"{e.limits.format(**settings)}: {severity}"
    return severity


def _severity_cell(e: Entry) -> str:
    values = [e.severity[p] for p, _ in profile_columns()]
    if len(set(values)) == 1:
        return values[0]
    return ", ".join(f"{short} {e.severity[p]}" for p, short in profile_columns())


def _exit_cell(e: Entry) -> str:
    return {"content": "1", "settings": "2", "file": "2 in publication.yml, else 1"}[e.exit]


def _change_cell(e: Entry) -> str:
    words = [w for w, on in (("off/severity", e.settable), ("allow", e.allowable)) if on]
    return ", ".join(words) or "–"


if __name__ == "__main__":
    sys.stdout.write(readme_tables())
