"""Runs the rule examples in ``tests/checks/<rule-id>.yml`` against real loaded publications.

Each file lists cases. A case is a page body (front matter is added: ``kind: content`` and a
title, so the body starts on line 5), the profile, and the findings of that rule it must give,
written as ``"LINE:COL severity: start of the message"``. ``expect: []`` means the rule must stay
silent. Optional keys: ``kind``, ``glossary`` (list of word/meaning), ``our_words``, ``settings``
(the publication's ``checks:`` for this rule), ``extra_pages`` (more page bodies), ``publication``
(more keys for publication.yml).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pressroom.checks import run_checks
from pressroom.model import Publication
from pressroom.source.load import Sources, load_publication

HERE = Path(__file__).resolve().parent
NURSE = HERE.parent / "fixtures" / "mini" / "images" / "nurse.svg"


@dataclass(frozen=True)
class Case:
    """One example."""

    rule: str
    name: str
    data: dict[str, Any]

    @property
    def expect(self) -> list[str]:
        return list(self.data.get("expect") or [])


def load_cases(rule: str) -> list[Case]:
    path = HERE / f"{rule}.yml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Case(rule, c["name"], c) for c in doc["cases"]]


def all_example_files() -> list[Path]:
    return sorted(HERE.glob("*.yml"))


def run_case(case: Case, tmp: Path) -> list[str]:
    """Build the case's publication in ``tmp`` and return the rule's findings as strings."""
    findings = run_checks(load_case(case, tmp), only=[case.rule])
    return [
        f"{f.location.line}:{f.location.col} {f.severity.value}: {f.message}"
        for f in findings
        if f.rule == case.rule
    ]


def load_case(case: Case, tmp: Path) -> Publication:
    """The case's publication, written in ``tmp`` and loaded."""
    root = tmp / "project"
    if root.exists():
        shutil.rmtree(root)
    folder = root / "content" / "t"
    folder.mkdir(parents=True)
    (root / "images").mkdir()
    shutil.copy(NURSE, root / "images" / "nurse.svg")
    (root / "images" / "CREDITS.txt").write_text(
        "nurse.svg: Drawn for the tests\n", encoding="utf-8"
    )
    data = case.data
    settings = {
        "title": "Test",
        "profile": data.get("profile", "easy-read"),
        "version": "1",
        "date": "2026-01-01",
        "our_words": data.get("our_words", []),
        "checks": {case.rule: data["settings"]} if "settings" in data else {},
        **data.get("publication", {}),
    }
    (folder / "publication.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    if "glossary" in data:
        (folder / "glossary.yml").write_text(yaml.safe_dump(data["glossary"]), encoding="utf-8")
    kind = data.get("kind", "content")
    pages = [data["page"], *data.get("extra_pages", [])]
    for number, body in enumerate(pages, start=1):
        front = f"---\nkind: {kind if number == 1 else 'content'}\ntitle: Test page\n---\n"
        (folder / f"{number:03d}-page.md").write_text(front + body, encoding="utf-8")
    pub, problems = load_publication(Sources(root), "t")
    problems = [p for p in problems if p.rule != "not-reviewed"]  # a draft no panel has seen
    assert pub is not None and not problems, [p.as_line() for p in problems]
    return pub


def matches(got: list[str], expected: list[str]) -> bool:
    """Each expected line is the start of the finding at the same index."""
    return len(got) == len(expected) and all(
        g.startswith(e) for g, e in zip(got, expected, strict=True)
    )
