"""The README stays true for editors: every setting, page key and page kind is documented."""

from __future__ import annotations

import argparse
import ast
import inspect
import re

from pressroom import cli
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
    """Every option the parser really has (long and short), except hidden ones (``--root``, for
    tests)."""
    return {
        option
        for action in parser._actions
        if action.help != argparse.SUPPRESS
        for option in action.option_strings
    }


COMMAND_ROWS = re.findall(r"^\| `(python build\.py[^`]*)` \| (.*) \|$", README, re.MULTILINE)


def _rows(command: str) -> list[tuple[str, str]]:
    """The README's command table rows for one first word ("" for the build itself)."""
    others = "|".join(word for word in cli.parsers() if word)
    pattern = (
        rf"^python build\.py {command}\b" if command else rf"^python build\.py(?! ({others})\b)"
    )
    return [(line, about) for line, about in COMMAND_ROWS if re.search(pattern, line)]


def test_the_parsers_are_every_command_the_command_line_knows() -> None:
    """``cli.parsers()`` is where the options are read from: it must hold every first word that
    ``main`` dispatches on, and each parser must be the one that word reaches."""
    tree = ast.parse(inspect.getsource(cli.main))
    words = {
        element.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare) and "argv[:1]" in ast.unparse(node.left)
        for comparator in node.comparators
        if isinstance(comparator, ast.List)
        for element in comparator.elts
        if isinstance(element, ast.Constant)
    }
    assert words == set(cli.parsers()) - {""}
    for word, parser in cli.parsers().items():
        assert parser.prog == f"python build.py {word}".strip(), word


def test_every_command_line_option_is_documented() -> None:
    assert {"--check", "--strict", "--timings", "-q"} <= _options(cli.make_parser())
    assert "--profile" not in _options(cli.make_parser())  # --profile only ever means the audience
    for command, parser in cli.parsers().items():
        rows = _rows(command)
        assert rows, f"no row for {parser.prog}"
        for option in _options(parser) - ({"--help", "-h"} if command else {"-h"}):
            where = [line if option.startswith("--") else line + about for line, about in rows]
            assert any(re.search(rf"(?<![\w-]){option}\b", text) for text in where), (
                f"{parser.prog} {option} is not in the README's command table"
            )


def test_every_documented_option_exists() -> None:
    for command, parser in cli.parsers().items():
        for line, _about in _rows(command):
            for option in re.findall(r"(?<![\w-])--?[a-z][\w-]*", line):
                assert option in _options(parser), f"the README shows {line!r}: no {option}"


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
