"""What an editor can change about findings: ``checks:`` settings and ``allow`` markers.

:func:`apply_settings` is the one place where a publication's ``checks:`` settings (``off``, a new
``severity``) and its ``<!-- allow rule-id: reason -->`` markers are applied, to findings from
every stage (loading, the writing checks, layout, the press). The catalogue says which ids each
may change. :func:`rule_overrides` reads and validates the ``checks:`` settings.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from typing import Any

from ..model import Allow, Finding, Publication, Severity
from ..source.config import did_you_mean
from ._catalogue import STAGES, catalogue, entry

MarkerKey = tuple[str, int, str]


def apply_settings(
    pub: Publication, findings: Iterable[Finding], stages: Collection[str] = STAGES
) -> list[Finding]:
    """``findings`` about ``pub``, as its settings and allow markers want them.

    A finding whose id the ``checks:`` settings switch off is dropped, and one whose severity
    they change gets the new severity (only for ids the catalogue marks as settable). A finding
    on a line with a valid ``allow`` marker for its id is dropped (only for ids the catalogue
    marks as allowable). ``stages`` names the stages whose findings are all in ``findings``:
    markers for ids that only those stages give and that accepted nothing are reported as not
    needed; wrong markers (no such id, an id that cannot be allowed, no reason) are reported
    when ``"check"`` is among them. Findings of other stages may be passed too: they are
    filtered the same way, and no marker is reported about them.
    """
    overrides, _problems = rule_overrides(pub)
    markers, results = _markers(pub, report_wrong="check" in stages)
    used: set[MarkerKey] = set()
    for finding in findings:
        known = entry(finding.rule)
        setting = overrides.get(finding.rule) if known is not None and known.settable else None
        if setting == "off":
            continue
        if isinstance(setting, dict) and setting.get("severity"):
            finding = replace(finding, severity=Severity(setting["severity"]))
        key = (finding.location.path, finding.location.line, finding.rule)
        if key in markers:
            used.add(key)
            continue
        results.append(finding)
    for key, allow in markers.items():
        found = entry(allow.rule)
        if key in used or found is None or not set(found.stages) <= set(stages):
            continue
        message = (
            f"Nothing on line {allow.target_line} breaks '{allow.rule}'; the marker is not needed."
        )
        results.append(_marker_finding(allow, message, Severity.WARNING))
    return results


def _markers(pub: Publication, report_wrong: bool) -> tuple[dict[MarkerKey, Allow], list[Finding]]:
    """The valid markers by (file, line, id), and findings for the wrong ones."""
    markers: dict[MarkerKey, Allow] = {}
    problems: list[Finding] = []
    for page in pub.pages:
        for allow in page.allows:
            problem = _marker_problem(allow)
            if not problem:
                markers[(allow.location.path, allow.target_line, allow.rule)] = allow
            elif report_wrong:
                problems.append(_marker_finding(allow, problem))
    return markers, problems


def _marker_problem(allow: Allow) -> str:
    found = entry(allow.rule)
    if found is None:
        allowable = [e.id for e in catalogue().values() if e.allowable]
        return f"There is no rule called '{allow.rule}'.{did_you_mean(allow.rule, allowable)}"
    if not found.allowable:
        return f"'{allow.rule}' cannot be allowed on a line: {found.what}"
    if len(allow.reason.split()) < 2:
        return f"The marker for '{allow.rule}' needs a reason, so the next editor knows why."
    return ""


def _marker_finding(allow: Allow, message: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(
        allow.location,
        severity,
        "allow-marker",
        message,
        "Write it as <!-- allow rule-id: the reason --> on the line, or alone on the line before.",
    )


def rule_overrides(pub: Publication) -> tuple[dict[str, Any], list[Finding]]:
    """Read the ``checks:`` settings of publication.yml: 'off' or new values per rule id."""
    raw = pub.settings.checks or {}
    findings: list[Finding] = []
    result: dict[str, Any] = {}
    if not isinstance(raw, dict):
        return {}, [_bad(pub, "checks", "'checks' should list rule ids with 'off' or settings.")]
    profile_rules = pub.audience.rules
    settable = [e.id for e in catalogue().values() if e.settable]
    for rule_id, value in raw.items():
        key = f"checks.{rule_id}"
        found = entry(rule_id)
        if found is None:
            hint = did_you_mean(rule_id, settable)
            findings.append(_bad(pub, key, f"There is no rule called '{rule_id}'.{hint}"))
        elif not found.settable:
            message = f"'{rule_id}' cannot be switched off or changed: {found.what}"
            findings.append(_bad(pub, key, message))
        elif value is False or value == "off":
            result[rule_id] = "off"
        elif isinstance(value, dict):
            allowed = {*profile_rules.get(rule_id, {}), "severity"}
            for name in value:
                if name not in allowed:
                    hint = did_you_mean(name, sorted(allowed))
                    message = f"'{rule_id}' has no setting '{name}'.{hint}"
                    findings.append(_bad(pub, f"{key}.{name}", message))
            severity = value.get("severity")
            if severity is not None and severity not in {s.value for s in Severity}:
                message = f"'{rule_id}' severity must be error, warning or info, not '{severity}'."
                findings.append(_bad(pub, f"{key}.severity", message))
                allowed.discard("severity")
            result[rule_id] = {k: v for k, v in value.items() if k in allowed}
        else:
            findings.append(_bad(pub, key, f"'{rule_id}' should be 'off' or a list of settings."))
    return result, findings


def _bad(pub: Publication, key: str, message: str) -> Finding:
    return Finding(
        pub.config_location(key),
        Severity.ERROR,
        "bad-check-setting",
        message,
        "See the list of rules in the README.",
    )
