"""Findings: what every stage reports, in one shape (where, how serious, which rule, what to do)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Severity(enum.Enum):
    """How much a finding matters. Errors stop a build; warnings only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Sort key: errors first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file. ``line`` and ``col`` count from 1; 0 means "the whole file"."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Finding:
    """One thing an editor should know about, tied to a place in the sources."""

    location: Location
    severity: Severity
    rule: str
    message: str
    fix: str = ""

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        """Order by file, then position, then severity, then rule."""
        loc = self.location
        return (loc.path, loc.line, loc.col, self.severity.rank, self.rule, self.message)

    def as_line(self) -> str:
        """The one-line form editors read: ``path:line:col: severity[rule]: message — fix``."""
        text = f"{self.location}: {self.severity.value}[{self.rule}]: {self.message}"
        return f"{text} — {self.fix}" if self.fix else text

    def as_dict(self) -> dict[str, Any]:
        """The stable ``report.json`` schema."""
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.col,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix,
        }
