"""Every rule gives exactly the findings its examples expect (tests/checks/<rule-id>.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import Case, all_example_files, load_cases, matches, run_case

CASES = [case for path in all_example_files() for case in load_cases(path.stem)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}: {c.name}" for c in CASES])
def test_rule_example(case: Case, tmp_path: Path) -> None:
    got = run_case(case, tmp_path)
    assert matches(got, case.expect), f"expected {case.expect}\n     got {got}"
