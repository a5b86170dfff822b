"""Findings for people: sorting, the summary line and ``output/report.json``.

``output/report.html`` is made by :mod:`report_html`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import Finding, Severity

REPORT_SCHEMA_VERSION = 1


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Findings in file order, with exact duplicates removed."""
    unique = {(f.location, f.rule, f.message): f for f in findings}
    return sorted(unique.values(), key=Finding.sort_key)


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    """How many findings of each severity."""
    result = {s.value: 0 for s in Severity}
    for f in findings:
        result[f.severity.value] += 1
    return result


def summary_line(
    findings: Sequence[Finding],
    built: Sequence[str],
    rendered: Sequence[str],
    wrote: bool,
    check_only: bool = False,
) -> str:
    """The last line the editor reads: counts, then what happened to output/."""
    c = counts(findings)
    parts = [_plural(c["error"], "error"), _plural(c["warning"], "warning")]
    if c["info"]:
        parts.append(_plural(c["info"], "note"))
    found = ", ".join(parts)
    if not built:
        return f"{found}. Nothing was built."
    unchanged = [slug for slug in built if slug not in rendered]
    if check_only or (not wrote and (rendered or not unchanged or c["error"])):
        return f"{found}. Checked {', '.join(built)}; output/ was not changed."
    done = [f"Built {', '.join(rendered)} in output/."] if rendered else []
    if unchanged:
        done.append(
            f"{_and(unchanged)} {'was' if len(unchanged) == 1 else 'were'} already up to date."
        )
    return f"{found}. {' '.join(done)}"


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def report_json(findings: Sequence[Finding], publications: Sequence[str]) -> bytes:
    """The machine-readable report (stable schema, see README)."""
    data = {
        "schema": REPORT_SCHEMA_VERSION,
        "publications": list(publications),
        "summary": counts(findings),
        "findings": [f.as_dict() for f in findings],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
