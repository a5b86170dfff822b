"""One tokenizer: rules agree about every word, and hard-words says what to write instead."""

from __future__ import annotations

import itertools
import string
from pathlib import Path

import yaml

from pressroom.checks import run_checks
from pressroom.checks._words import caps_kind, is_roman_numeral, words_of
from pressroom.model import Finding
from pressroom.source.load import Sources, load_publication


def _findings(tmp: Path, profile: str, body: str, rules: list[str]) -> list[Finding]:
    folder = tmp / "content" / "t"
    folder.mkdir(parents=True)
    (tmp / "images").mkdir()
    settings = {"title": "T", "profile": profile, "version": "1", "date": "2026-01-01"}
    (folder / "publication.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    page = f"---\nkind: content\ntitle: A page\n---\n{body}"
    (folder / "010-page.md").write_text(page, encoding="utf-8")
    pub, problems = load_publication(Sources(tmp), "t")
    assert pub is not None and all(p.rule == "not-reviewed" for p in problems)
    return run_checks(pub, only=rules)


def test_acronyms_and_all_caps_never_both_report_a_word(tmp_path: Path) -> None:
    pairs = ["".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2)]
    triples = ["DIY", "BBC", "ICB", "CAT", "SUN", "MIX", "LIV", "DOG", "WHY", "ASK", "XL"]
    words = pairs + triples
    body = "\n\n".join(f"The {word} came today." for word in words) + "\n"
    found = _findings(tmp_path, "young-people", body, ["acronyms", "all-caps"])
    by_line: dict[int, set[str]] = {}
    for finding in found:
        by_line.setdefault(finding.location.line, set()).add(finding.rule)
    both = {line: rules for line, rules in by_line.items() if len(rules) > 1}
    assert not both, [words[(line - 5) // 2] for line in both]
    assert {"acronyms"} in by_line.values() and {"all-caps"} in by_line.values()


def test_one_decision_for_words_in_capitals() -> None:
    assert caps_kind("DI") == "acronym"
    assert caps_kind("DoLS") == "acronym"
    assert caps_kind("STOP") == "word"
    assert caps_kind("XIV") == "numeral"
    assert caps_kind("XL") == "acronym"
    assert caps_kind("XL", label="Chapter") == "numeral"
    assert caps_kind("I") == "letter"
    assert not is_roman_numeral("CD") and is_roman_numeral("MCMXCIV")


def test_contractions_stay_whole_and_a_hidden_joiner_splits_nothing() -> None:
    assert words_of("You didn't and they weren’t.") == ["You", "didn't", "and", "they", "weren’t"]


def test_hard_words_names_the_everyday_word(tmp_path: Path) -> None:
    body = "![A nurse](openmoji:hospital)\nWe will commence the meeting.\n"
    (finding,) = _findings(tmp_path, "easy-read", body, ["hard-words"])
    assert finding.fix == "Write 'start' instead of 'commence'."


def test_a_form_of_a_listed_word_gets_a_form_of_its_replacement(tmp_path: Path) -> None:
    body = "Staff utilised the room and endeavoured to help.\n"
    found = _findings(tmp_path, "young-people", body, ["hard-words"])
    assert [f.fix for f in found] == [
        "Write a form of 'use' instead of 'utilised'.",
        "Write a form of 'try' instead of 'endeavoured'.",
    ]
