"""The rulebook: the registry of every check, and running them with each profile's settings.

To add a rule: write ``pressroom/checks/<rule_id>.py`` with a ``RULE``, add it to ``ALL_CHECKS``
below, and add passing and failing examples under ``tests/checks/``.
"""

from __future__ import annotations

from typing import Any

from ..config import did_you_mean
from ..model import Finding, Publication, Severity
from . import picture_alt, picture_credits, raw_html, sign_off, unsafe_link
from ._api import Context, Rule

ALL_CHECKS: tuple[Rule, ...] = (
    picture_alt.RULE,
    picture_credits.RULE,
    raw_html.RULE,
    sign_off.RULE,
    unsafe_link.RULE,
)

RULES_BY_ID = {rule.id: rule for rule in ALL_CHECKS}


def run_checks(pub: Publication) -> list[Finding]:
    """Run every rule that applies to the publication's profile, honouring its overrides."""
    overrides, findings = rule_overrides(pub)
    for rule in ALL_CHECKS:
        if pub.profile not in rule.profiles:
            continue
        override = overrides.get(rule.id, {})
        if override == "off":
            continue
        settings = {**rule.settings_for(pub.profile), **override}
        try:
            findings.extend(rule.check(pub, Context(rule, settings)))
        except Exception as exc:  # a bug in a rule must not hide the other findings
            findings.append(
                Finding(
                    pub.config_location(),
                    Severity.ERROR,
                    "internal-error",
                    f"The rule '{rule.id}' failed: {type(exc).__name__}: {exc}.",
                    "This is a bug in pressroom; please report it with this page.",
                )
            )
    return findings


def rule_overrides(pub: Publication) -> tuple[dict[str, Any], list[Finding]]:
    """Read the ``checks:`` settings of publication.yml: 'off' or thresholds per rule id."""
    raw = pub.config.get("checks") or {}
    findings: list[Finding] = []
    result: dict[str, Any] = {}
    if not isinstance(raw, dict):
        return {}, [_bad(pub, "checks", "'checks' should list rule ids with 'off' or settings.")]
    for rule_id, value in raw.items():
        key = f"checks.{rule_id}"
        rule = RULES_BY_ID.get(rule_id)
        if rule is None:
            hint = did_you_mean(rule_id, list(RULES_BY_ID))
            findings.append(_bad(pub, key, f"There is no rule called '{rule_id}'.{hint}"))
        elif value is False or value == "off":
            result[rule_id] = "off"
        elif isinstance(value, dict):
            allowed = rule.settings_for(pub.profile)
            unknown = [k for k in value if k not in allowed]
            for name in unknown:
                hint = did_you_mean(name, list(allowed))
                findings.append(
                    _bad(pub, f"{key}.{name}", f"'{rule_id}' has no setting '{name}'.{hint}")
                )
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
        "See the rule list in the README.",
    )
