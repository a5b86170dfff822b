"""The writing rules are right often enough to trust, measured on labelled corpora.

``tests/corpus/sentences.txt`` was written and labelled before the rules were changed;
``held-out.txt`` and ``held-out-2.txt`` were written afterwards (see their first lines and the
commit messages for what was changed after each was first scored). Each test prints the
precision and recall of every rule (run with ``-s`` to see them, or ``python -m pressroom.rules``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.rules import DEFAULT_CORPUS, measure, read_corpus, report

SHORT_OF_TARGET = pytest.mark.xfail(
    strict=True,
    reason="held-out-2: 31 right of 32 findings (0.969 < 0.97): 'suicidal' is called hard in the "
    "magazine; the word was left off the lists rather than added to pass",
)
CORPORA = [
    DEFAULT_CORPUS,
    DEFAULT_CORPUS.with_name("held-out.txt"),
    pytest.param(DEFAULT_CORPUS.with_name("held-out-2.txt"), marks=SHORT_OF_TARGET),
]
OVERALL_PRECISION, OVERALL_RECALL, RULE_FLOOR = 0.97, 0.95, 0.85


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.name)
def test_the_rules_meet_the_targets(path: Path) -> None:
    result = measure(path)
    table = report(result, show_wrong=True)
    print(f"\n{path.name}\n{table}")
    assert result.overall.precision >= OVERALL_PRECISION, table
    assert result.overall.recall >= OVERALL_RECALL, table
    for rule, tally in result.rules.items():
        if tally.hits + tally.false_alarms + tally.misses:
            assert tally.precision >= RULE_FLOOR, f"{rule}\n{table}"
            assert tally.recall >= RULE_FLOOR, f"{rule}\n{table}"


def test_the_corpus_is_big_mostly_clean_and_holds_the_traps() -> None:
    items = read_corpus(DEFAULT_CORPUS)
    clean = [item for item in items if not item.labels]
    assert len(items) >= 400
    assert len(clean) / len(items) >= 0.40
    assert {item.profile for item in items} == {"easy-read", "young-people"}
    clean_text = "\n".join(item.text for item in clean)
    for trap in (
        "Priya",  # a name
        "Aisha's",  # a possessive
        "No one",
        "Someone",
        "I feel",
        "The door is closed",
        "Liv and Vi",  # names that look like Roman numerals
        "Childline is",  # an organisation starting a sentence
        "Samaritans will",
        "favourite",  # British spellings
        "colour",
        "behaviour",
    ):
        assert trap in clean_text, trap


def test_the_report_command_prints_every_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pressroom.rules import SCORED, main

    corpus = tmp_path / "small.txt"
    corpus.write_text(
        "er | - | Staff must keep you safe.\n"
        "er | hard-words | We will commence the meeting.\n"
        "yp | acronyms | The ICB is the best team.\n",
        encoding="utf-8",
    )
    assert main([str(corpus), "--wrong"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["rule", "precision", "recall"]
    for rule in SCORED:
        assert f"\n{rule} " in out
    assert "\noverall                       1.00    1.00     2      0       0" in out
