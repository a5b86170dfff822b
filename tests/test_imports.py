"""pressroom's modules import one another one way: no module needs, while it loads, a module that
is still loading it (an import cycle makes the order modules are first imported in matter). And
what the docstrings point a reader to (``:mod:``, ``:func:``, ``:class:``…) is there to read."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "pressroom"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _load_time_imports(name: str, path: Path) -> set[str]:
    """The pressroom modules that ``name`` imports while it loads: its top-level imports, not
    those inside functions (lazy on purpose) or under ``if TYPE_CHECKING:`` (never run)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[: len(base) - node.level + 1] if node.level else []
            source = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                # "from package import module" needs the module; any other name needs the
                # package's __init__ to have run.
                submodule = f"{source}.{alias.name}"
                found.add(submodule if submodule in MODULES else source)
    return {module for module in found if module in MODULES and module != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that reach one another (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


@cache
def graph() -> dict[str, set[str]]:
    """Each module's load-time imports (read when a test first needs them, not as the tests
    are collected: every worker collects, one runs these)."""
    return {name: _load_time_imports(name, path) for name, path in MODULES.items()}


def test_the_import_graph_is_read_from_the_code() -> None:
    assert "pressroom.pipeline" in graph()["pressroom"]
    assert "pressroom.checks" in graph()["pressroom.pipeline"]
    assert "pressroom.model" in graph()["pressroom.publish.cache"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    cycles = _cycles(graph())
    assert not cycles, f"these modules import one another while they load: {cycles}"


REFERENCE = re.compile(r":(mod|func|class|meth|attr|data):`~?([A-Za-z_][\w.]*)`")


def _names(path: Path, name: str) -> tuple[set[str], dict[str, str]]:
    """What a module defines at the top (and in its classes), and what each name it imports at
    the top or in a function stands for, as a full dotted name."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    defined: set[str] = set()
    imported: dict[str, str] = {}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[: len(base) - node.level + 1] if node.level else []
            source = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                imported[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                imported[local] = alias.name if alias.asname else local
    scopes: list[ast.Module | ast.ClassDef] = [tree]
    scopes += [n for n in tree.body if isinstance(n, ast.ClassDef)]
    for scope in scopes:
        for node in scope.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                defined.add(node.name)
            elif isinstance(node, ast.Assign):
                defined.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                defined.add(node.target.id)
    return defined, imported


@cache
def names() -> dict[str, tuple[set[str], dict[str, str]]]:
    """What each module defines and imports (read when a test first needs it)."""
    return {name: _names(path, name) for name, path in MODULES.items()}


def _exists(target: str, kind: str) -> bool:
    """Whether a full dotted name is a module (``:mod:``) or a name a module defines."""
    if kind == "mod":
        return target in MODULES
    for split in range(1, target.count(".") + 1):  # the longest module name first
        module, *attributes = target.rsplit(".", split)
        if module in MODULES:
            defined, imported = names()[module]
            return attributes[0] in defined or attributes[0] in imported
    return False


def _resolves(target: str, kind: str, name: str) -> bool:
    """A reference resolves as a full name, from its package, from pressroom, or through a name
    the module defines or imports."""
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    head, _, rest = target.partition(".")
    defined, imported = names()[name]
    candidates = [target, f"{package}.{target}", f"pressroom.{target}", f"{name}.{target}"]
    if head in imported:
        candidates.append(".".join([imported[head], *([rest] if rest else [])]))
    if kind != "mod" and not rest and (head in defined or head in imported):
        return True
    return any(_exists(c, kind) for c in candidates)


def _references() -> list[tuple[str, str, str]]:
    found = []
    for path in MODULES.values():
        text = path.read_text(encoding="utf-8")
        for match in REFERENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{path.relative_to(REPO)}:{line}", match[1], match[2]))
    return found


def test_the_reference_reader_tells_real_names_from_stale_ones() -> None:
    assert _resolves("pressroom.publish.cache", "mod", "pressroom.pipeline")
    assert _resolves("panel.terminal_lines", "func", "pressroom.pipeline")
    assert _resolves("Publication", "class", "pressroom.pipeline")
    assert _resolves("load", "mod", "pressroom.source.sources")  # a module beside it
    assert _resolves("cache", "mod", "pressroom.pipeline")  # it imports pressroom.publish.cache
    assert not _resolves("fit", "mod", "pressroom.render.html")  # now pressroom.checks._fit
    assert not _resolves("pressroom.words.caps_kind", "func", "pressroom.checks.acronyms")
    assert len(_references()) > 50


@pytest.mark.parametrize(("where", "kind", "target"), _references())
def test_each_docstring_reference_names_something_that_exists(
    where: str, kind: str, target: str
) -> None:
    name = next(n for n, p in MODULES.items() if str(p.relative_to(REPO)) == where.split(":")[0])
    assert _resolves(target, kind, name), f"{where}: :{kind}:`{target}` names nothing"
