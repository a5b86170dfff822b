"""The README stays true for editors: every setting, page key and page kind is documented."""

from __future__ import annotations

import re

from pressroom import config
from pressroom.cli import make_parser

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_publication_setting_is_documented() -> None:
    for field in config.PUBLICATION:
        assert f"| `{field.name}` |" in README, field.name
        for child in field.children:
            assert f"`{child.name}`" in README, f"{field.name}.{child.name}"


def test_every_page_key_and_kind_is_documented() -> None:
    for field in config.PAGE:
        assert re.search(rf"`{field.name}`", README), field.name
    for kind in config.PAGE_KINDS:
        assert f"`{kind}`" in README, kind


def test_every_command_line_option_is_documented() -> None:
    documented = {"--check", "--strict", "--help"}
    options = {o for a in make_parser()._actions for o in a.option_strings if o.startswith("--")}
    for option in documented:
        assert option in options and f"`python build.py {option}`" in README


def test_quick_start_names_the_two_commands_ci_runs() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert "./run build" in README and "./run test" in README
    assert "./run build" in ci and "./run test" in ci


def test_every_rule_is_in_the_rules_table() -> None:
    from pressroom.checks import ALL_CHECKS

    for rule in ALL_CHECKS:
        assert f"| `{rule.id}` |" in README, rule.id
