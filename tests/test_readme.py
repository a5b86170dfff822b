"""The README stays true for editors: every setting, page key and page kind is documented."""

from __future__ import annotations

import argparse
import re

from pressroom.cli import make_new_parser, make_parser
from pressroom.review import make_parser as make_review_parser
from pressroom.source import config

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


def _options(parser: argparse.ArgumentParser) -> set[str]:
    """Every long option the parser really has, except hidden ones (``--root``, for tests)."""
    return {
        option
        for action in parser._actions
        if action.help != argparse.SUPPRESS
        for option in action.option_strings
        if option.startswith("--")
    }


def test_every_command_line_option_is_documented() -> None:
    commands = re.findall(r"^\| `(python build\.py[^`]*)` \|", README, re.MULTILINE)
    build_options = _options(make_parser())
    new_options = _options(make_new_parser())
    assert {"--check", "--strict", "--timings", "--help"} <= build_options
    assert "--profile" not in build_options  # --profile only ever means the audience
    for option in build_options:
        assert any(re.search(rf"^python build\.py (?!new).*{option}\b", c) for c in commands), (
            option
        )
    for option in new_options - {"--help"}:
        assert any(re.search(rf"^python build\.py new .*{option}\b", c) for c in commands), option
    for option in _options(make_review_parser()) - {"--help"}:
        assert any(re.search(rf"^python build\.py review .*{option}\b", c) for c in commands), (
            option
        )


def test_quick_start_names_the_two_commands_ci_runs() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert "./run build" in README and "./run test" in README
    assert "./run build" in ci and "./run test" in ci


def test_every_rule_is_in_the_rules_table() -> None:
    from pressroom.checks import ALL_CHECKS

    for rule in ALL_CHECKS:
        assert f"| `{rule.id}` |" in README, rule.id


def what_you_get_files() -> list[str]:
    """The file column of the README's "What you get" table."""
    section = README.split("### What you get", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", section, re.MULTILINE)


ON_REQUEST = ("review/<name>-review-pack.pdf",)  # made by `python build.py review`, not a build


def test_what_you_get_lists_every_registered_output() -> None:
    from fnmatch import fnmatchcase

    from pressroom.outputs import registry

    listed = what_you_get_files()
    for spec in registry.OUTPUTS:
        patterns = spec.patterns("<name>")
        assert any(fnmatchcase(row, p) for row in listed for p in patterns), spec.name
    for row in listed:
        assert registry.owner("<name>", row) is not None or row in ON_REQUEST, row
