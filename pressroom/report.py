"""Findings for people: the terminal lines, ``output/report.json`` and ``output/report.html``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from .model import Finding, Severity

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


def summary_line(findings: Sequence[Finding], built: Sequence[str], wrote: bool) -> str:
    """The last line the editor reads."""
    c = counts(findings)
    parts = [_plural(c["error"], "error"), _plural(c["warning"], "warning")]
    if c["info"]:
        parts.append(_plural(c["info"], "note"))
    found = ", ".join(parts)
    if not built:
        return f"{found}. Nothing was built."
    names = ", ".join(built)
    if wrote:
        return f"{found}. Built {names} in output/."
    return f"{found}. Checked {names}; output/ was not changed."


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


def report_html(findings: Sequence[Finding], publications: Sequence[str]) -> bytes:
    """A readable page listing every finding, grouped by file."""
    rows: list[str] = []
    current = None
    for f in findings:
        if f.location.path != current:
            if current is not None:
                rows.append("</ul>")
            current = f.location.path
            rows.append(f"<h2>{escape(current)}</h2><ul>")
        rows.append(
            f'<li class="{f.severity.value}"><span class="where">line {f.location.line}, '
            f"column {f.location.col}</span> <strong>{f.severity.value}</strong> "
            f"<code>{escape(f.rule)}</code>: {escape(f.message)}"
            + (f' <span class="fix">{escape(f.fix)}</span>' if f.fix else "")
            + "</li>"
        )
    if current is not None:
        rows.append("</ul>")
    c = counts(findings)
    body = "\n".join(rows) or "<p>No findings: everything passed.</p>"
    page = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pressroom report</title>
<style>
body {{ font-family: "Liberation Sans", Arial, sans-serif; max-width: 60rem; margin: 1rem auto;
  padding: 0 1rem; line-height: 1.5; color: #1a1a1a; background: #fff; }}
li {{ margin: .5rem 0; }} .where {{ color: #444; }} .fix {{ display: block; color: #333; }}
li.error strong {{ color: #a00000; }} li.warning strong {{ color: #7a4a00; }}
</style></head><body><main>
<h1>pressroom report</h1>
<p>Publications: {escape(", ".join(publications)) or "none"}.
{c["error"]} errors, {c["warning"]} warnings.</p>
{body}
</main></body></html>
"""
    return page.encode("utf-8")
