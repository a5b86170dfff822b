"""The package keeps the shape the design promises: stages as folders, small modules, no
profile named in code (issue 16)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pressroom"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "scaffold" not in p.parts)
PROFILE_NAMES = {p.stem for p in (PACKAGE.parent / "profiles").glob("*.yml")}


def test_the_package_root_shows_the_stages_and_holds_at_most_eight_modules() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert {"source", "checks", "render", "outputs", "publish"} <= folders
    root_modules = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert len(root_modules) <= 8, root_modules


def test_every_module_is_under_400_lines_and_says_what_it_owns() -> None:
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(PACKAGE.parent)
        assert text.count("\n") < 400, f"{where} has {text.count(chr(10))} lines"
        assert ast.get_docstring(ast.parse(text)), f"{where} has no docstring"


def test_python_names_no_profile() -> None:
    """Behaviour that differs between audiences lives in ``profiles/<name>.yml``."""
    assert {"easy-read", "young-people"} <= PROFILE_NAMES
    named = []
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and node.value in PROFILE_NAMES
                and id(node) not in docstrings
            ):
                named.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert len(named) <= 2, named
