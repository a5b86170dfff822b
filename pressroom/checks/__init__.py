"""The rulebook: the registry of every check, and running them with each profile's settings.

To add a rule: write ``pressroom/checks/<rule_id>.py`` with a ``RULE``, add it to ``ALL_CHECKS``
below, give it thresholds in :mod:`pressroom.profiles` for the profiles it applies to, and add
passing and failing examples in ``tests/checks/<rule-id>.yml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..config import did_you_mean
from ..model import Allow, Finding, Publication, Severity
from ..profiles import PROFILE_RULES
from . import (
    acronyms,
    all_caps,
    ampersands,
    average_sentence_length,
    brackets,
    document_length,
    double_negatives,
    emphasis,
    glossary_terms,
    glossary_unused,
    hard_words,
    invisible_characters,
    latin_abbreviations,
    negative_contractions,
    number_words,
    passive_voice,
    percentages,
    phone_number,
    picture_alt,
    picture_credits,
    raw_html,
    readability,
    roman_numerals,
    row_length,
    row_picture,
    rows_per_page,
    semicolons,
    sentence_length,
    sentence_per_line,
    sign_off,
    unsafe_link,
)
from ._api import Analysis, Context, Rule

ALL_CHECKS: tuple[Rule, ...] = (
    acronyms.RULE,
    all_caps.RULE,
    ampersands.RULE,
    average_sentence_length.RULE,
    brackets.RULE,
    document_length.RULE,
    double_negatives.RULE,
    emphasis.RULE,
    glossary_terms.RULE,
    glossary_unused.RULE,
    hard_words.RULE,
    invisible_characters.RULE,
    latin_abbreviations.RULE,
    negative_contractions.RULE,
    number_words.RULE,
    passive_voice.RULE,
    percentages.RULE,
    phone_number.RULE,
    picture_alt.RULE,
    picture_credits.RULE,
    raw_html.RULE,
    readability.RULE,
    roman_numerals.RULE,
    row_length.RULE,
    row_picture.RULE,
    rows_per_page.RULE,
    semicolons.RULE,
    sentence_length.RULE,
    sentence_per_line.RULE,
    sign_off.RULE,
    unsafe_link.RULE,
)

RULES_BY_ID = {rule.id: rule for rule in ALL_CHECKS}


def run_checks(pub: Publication, only: Iterable[str] | None = None) -> list[Finding]:
    """Run every rule the publication's profile lists, honouring overrides and allow markers."""
    overrides, findings = rule_overrides(pub)
    analysis = Analysis(split_lines=pub.profile == "easy-read")
    wanted = set(only) if only is not None else None
    raw: list[Finding] = []
    for rule_id, defaults in PROFILE_RULES[pub.profile].items():
        rule = RULES_BY_ID.get(rule_id)
        if rule is None or (wanted is not None and rule_id not in wanted):
            continue
        override = overrides.get(rule_id, {})
        if override == "off":
            continue
        ctx = Context(rule, {**defaults, **override}, pub.profile, analysis)
        raw.extend(_run_one(pub, rule, ctx))
    kept, marker_findings = apply_allows(pub, raw)
    return findings + kept + ([] if wanted else marker_findings)


def _run_one(pub: Publication, rule: Rule, ctx: Context) -> list[Finding]:
    try:
        return list(rule.check(pub, ctx))
    except Exception as exc:  # a bug in a rule must not hide the other findings
        return [
            Finding(
                pub.config_location(),
                Severity.ERROR,
                "internal-error",
                f"The rule '{rule.id}' failed: {type(exc).__name__}: {exc}.",
                "This is a bug in pressroom; please report it with this page.",
            )
        ]


def apply_allows(pub: Publication, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Drop findings switched off by a valid marker; report markers that are wrong or unused."""
    markers: dict[tuple[str, int, str], Allow] = {}
    problems: list[Finding] = []
    for page in pub.pages:
        for allow in page.allows:
            problem = _marker_problem(allow)
            if problem:
                problems.append(_marker_finding(allow, problem))
            else:
                markers[(allow.location.path, allow.target_line, allow.rule)] = allow
    used: set[tuple[str, int, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        key = (finding.location.path, finding.location.line, finding.rule)
        if key in markers:
            used.add(key)
        else:
            kept.append(finding)
    for key, allow in markers.items():
        if key not in used:
            problems.append(
                _marker_finding(
                    allow,
                    f"Nothing on line {allow.target_line} breaks '{allow.rule}'; "
                    "the marker is not needed.",
                    Severity.WARNING,
                )
            )
    return kept, problems


def _marker_problem(allow: Allow) -> str:
    if allow.rule not in RULES_BY_ID:
        return (
            f"There is no rule called '{allow.rule}'.{did_you_mean(allow.rule, list(RULES_BY_ID))}"
        )
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
    raw = pub.config.get("checks") or {}
    findings: list[Finding] = []
    result: dict[str, Any] = {}
    if not isinstance(raw, dict):
        return {}, [_bad(pub, "checks", "'checks' should list rule ids with 'off' or settings.")]
    profile_rules = PROFILE_RULES[pub.profile]
    for rule_id, value in raw.items():
        key = f"checks.{rule_id}"
        if rule_id not in RULES_BY_ID:
            hint = did_you_mean(rule_id, list(RULES_BY_ID))
            findings.append(_bad(pub, key, f"There is no rule called '{rule_id}'.{hint}"))
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
