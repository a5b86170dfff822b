"""Safe YAML reading that keeps line numbers and turns every problem into a finding.

Only plain YAML types are built (strings, numbers, booleans, dates, lists, mappings); any tag that
would construct an object is refused. Each value's line is recorded under its dotted key path
(``print.bleed_mm``, ``co_production.checked_by.0``) so that later checks can point at it, and
so is the text as written of every value YAML did not read as text (``version: 1.10`` is the
number 1.1), so that the schema can tell when a number would change what the editor wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from ..model import Finding, Location, Severity

SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
MAX_NODES = 20_000


@dataclass
class YamlDoc:
    """A parsed YAML document: its data, the line of each key path, and any findings."""

    data: Any = None
    lines: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict)
    """The text as written of each unquoted value that YAML read as a number, yes/no or date."""

    @property
    def ok(self) -> bool:
        """True when the document parsed without an error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)


def parse_yaml(text: str, rel_path: str, first_line: int = 1) -> YamlDoc:
    """Parse ``text`` (which starts at ``first_line`` of ``rel_path``) into a :class:`YamlDoc`."""
    doc = YamlDoc()
    offset = first_line - 1
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        col = (mark.column + 1) if mark else 1
        problem = exc.problem or exc.context or "the YAML could not be read"
        doc.findings.append(
            Finding(
                Location(rel_path, line, col),
                Severity.ERROR,
                "yaml-syntax",
                f"This YAML cannot be read: {problem}.",
                "Check the indentation, the colon after each key, and quotes around text "
                "that contains a colon.",
            )
        )
        return doc
    except RecursionError:
        doc.findings.append(_too_deep(rel_path, first_line))
        return doc
    except yaml.YAMLError as exc:  # reader errors: bad characters
        doc.findings.append(
            Finding(
                Location(rel_path, first_line, 1),
                Severity.ERROR,
                "yaml-syntax",
                f"This YAML cannot be read: {exc}.",
                "Save the file as plain UTF-8 text.",
            )
        )
        return doc
    if node is None:
        return doc
    counter = [0]
    try:
        doc.data = _build(node, "", doc, rel_path, offset, counter)
    except RecursionError:
        doc.data = None
        doc.findings.append(_too_deep(rel_path, first_line))
    return doc


def _too_deep(rel_path: str, first_line: int) -> Finding:
    return Finding(
        Location(rel_path, first_line, 1),
        Severity.ERROR,
        "yaml-too-deep",
        "This YAML is nested too deeply to read.",
        "Settings need only two or three levels of indentation.",
    )


_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)  # libyaml, about 10 times faster


def _compose(text: str) -> yaml.Node | None:
    """The YAML's node tree: read by libyaml when it can, else (and for every error, so that
    the messages stay PyYAML's own) by PyYAML's pure-Python reader."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except (yaml.YAMLError, RecursionError, ValueError):
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


@lru_cache(maxsize=1)
def _constructor() -> yaml.SafeLoader:
    return yaml.SafeLoader("")


def _where(node: yaml.Node, rel_path: str, offset: int) -> Location:
    return Location(rel_path, node.start_mark.line + 1 + offset, node.start_mark.column + 1)


def _build(
    node: yaml.Node, path: str, doc: YamlDoc, rel: str, offset: int, counter: list[int]
) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        if counter[0] == MAX_NODES + 1:
            doc.findings.append(
                Finding(
                    _where(node, rel, offset),
                    Severity.ERROR,
                    "yaml-too-large",
                    f"This YAML has more than {MAX_NODES} values; pressroom stops reading there.",
                    "Settings files are short: remove the repeated or pasted data.",
                )
            )
        return None
    doc.lines.setdefault(path, node.start_mark.line + 1 + offset)
    if node.tag not in SAFE_TAGS:
        doc.findings.append(_tag_finding(node, rel, offset))
        return None
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, doc, rel, offset, counter)
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, _join(path, str(i)), doc, rel, offset, counter)
            for i, item in enumerate(node.value)
        ]
    value = _scalar(node, doc, rel, offset)
    if value is not None and not isinstance(value, str):
        doc.raw[path] = node.value
    return value


def _build_mapping(
    node: yaml.MappingNode, path: str, doc: YamlDoc, rel: str, offset: int, counter: list[int]
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node, doc, rel, offset)
        if not isinstance(key, (str, int, float, bool)) or isinstance(
            key_node, yaml.CollectionNode
        ):
            doc.findings.append(
                Finding(
                    _where(key_node, rel, offset),
                    Severity.ERROR,
                    "yaml-key",
                    "A key must be a plain word.",
                    "Write the key as a word followed by a colon, for example 'title:'.",
                )
            )
            continue
        key = str(key)
        sub = _join(path, key)
        if key in result:
            doc.findings.append(
                Finding(
                    _where(key_node, rel, offset),
                    Severity.ERROR,
                    "yaml-duplicate-key",
                    f"The key '{key}' is written twice.",
                    "Keep one of them; the later one would silently win.",
                )
            )
        doc.lines[sub] = key_node.start_mark.line + 1 + offset
        result[key] = _build(value_node, sub, doc, rel, offset, counter)
    return result


def _scalar(node: yaml.Node, doc: YamlDoc, rel: str, offset: int) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag not in SAFE_TAGS:
        doc.findings.append(_tag_finding(node, rel, offset))
        return None
    try:
        constructor = _constructor()
        try:
            return constructor.construct_object(node)
        finally:
            constructor.constructed_objects.clear()  # one scalar at a time: keep nothing
    except (yaml.YAMLError, ValueError, OverflowError):
        return node.value


def _tag_finding(node: yaml.Node, rel: str, offset: int) -> Finding:
    return Finding(
        _where(node, rel, offset),
        Severity.ERROR,
        "yaml-tag",
        f"The YAML tag '{node.tag}' is not allowed here.",
        "Write plain text, numbers, lists and keys only; remove the '!' tag.",
    )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
