"""The rulebook's own rules: every rule is registered, named after its module, has a source,
thresholds in a profile, and passing and failing examples."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from pressroom import checks
from pressroom.source.profiles import shipped_profiles

from .harness import HERE, load_cases

MODULES = sorted(
    m.name for m in pkgutil.iter_modules(checks.__path__) if not m.name.startswith("_")
)


def test_every_rule_module_is_registered() -> None:
    registered = {rule.id.replace("-", "_") for rule in checks.ALL_CHECKS}
    assert set(MODULES) == registered


@pytest.mark.parametrize("module_name", MODULES)
def test_rule_id_matches_its_module_and_names_a_source(module_name: str) -> None:
    module = importlib.import_module(f"pressroom.checks.{module_name}")
    rule = module.RULE
    assert rule.id == module_name.replace("_", "-")
    assert rule.id in checks.RULES_BY_ID
    assert rule.rationale.strip()
    assert module.__doc__ and "Source" in module.__doc__, "say where the rule comes from"


@pytest.mark.parametrize("rule", [r.id for r in checks.ALL_CHECKS])
def test_every_rule_has_passing_and_failing_examples(rule: str) -> None:
    assert (HERE / f"{rule}.yml").is_file(), f"add tests/checks/{rule}.yml"
    cases = load_cases(rule)
    assert any(not c.expect for c in cases), "needs an example that passes"
    assert any(c.expect for c in cases), "needs an example that fails"


def test_every_rule_runs_in_some_profile_and_profiles_name_real_rules() -> None:
    listed = {rule for audience in shipped_profiles().values() for rule in audience.rules}
    assert listed == set(checks.RULES_BY_ID)
