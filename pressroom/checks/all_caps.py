"""Rule all-caps: no words in capitals for emphasis ("STOP", "YOU MUST NOT").

Source: easy-read-rules.md 10.8 (Inclusion Europe, RNIB Clear Print, British Dyslexia
Association, GOV.UK style, Social Security Scotland: no block capitals; use sentence case).
Words in capitals lose their shape, so they are harder to read, and they read as shouting.
Headings count too. A word in capitals is shouting only when :func:`_words.caps_kind`
(the decision every rule shares) calls it an ordinary word: it is in the pronouncing dictionary,
it is not said letter by letter ("TV" has as many syllables as letters, so it is an acronym) and
it is common (Zipf 3 or more), long, or on a line written in capitals. Acronyms are left to the
acronyms rule: the ones that profile or publication allows, glossary words and ``our_words`` in
capitals, and a few acronyms that are also words (PALS, WHO, SEND, NICE, PIN). Roman numerals are
left to the roman-numerals rule. Capital words next to each other (acronyms and single letters
included) are reported once, as a run, when one of them is shouting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, acronym_allow_list, prose_pages
from ._text import Sentence
from ._words import PART_RE, caps_kind, in_capitals, tokens, word_before


@dataclass(frozen=True)
class CapsWord:
    """A word written in capitals (or a single capital letter) and its place in the sentence."""

    text: str
    start: int
    end: int
    shouting: bool


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each run of capital words that holds an ordinary word written in capitals."""
    acronyms = _publication_acronyms(pub)
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            for run in caps_runs(sentence.text, acronyms):
                if not any(word.shouting for word in run):
                    continue
                first, last = run[0], run[-1]
                found = _closed(sentence.text[first.start : last.end], sentence.text[last.end :])
                yield ctx.finding(
                    sentence.location_at(first.start),
                    f"'{found}' is written in capitals, which is harder to read and looks like "
                    "shouting.",
                    f"Write it in small letters: '{_sentence_case(found, sentence, first)}'. "
                    "Use **bold** if it must stand out.",
                )


def caps_runs(text: str, acronyms: set[str]) -> Iterator[list[CapsWord]]:
    """Runs of words in capitals (single capital letters such as "I" join a run)."""
    run: list[CapsWord] = []
    loud = in_capitals(text)
    for token in tokens(text):
        word = token.text
        letters = re.sub(r"['’]", "", word)
        if not letters.isupper():
            if run:
                yield run
            run = []
            continue
        label = word_before(text, token.start)
        after = text[token.end : token.end + 1]
        said = is_shouting(word, acronyms, label, after, loud)
        run.append(CapsWord(word, token.start, token.end, said))
    if run:
        yield run


def is_shouting(
    word: str, acronyms: set[str], label: str = "", after: str = "", loud: bool = False
) -> bool:
    """Whether a word in capitals is an ordinary word written in capitals, not an acronym, a
    Roman numeral or a letter (:func:`_words.caps_kind` decides, for every rule)."""
    letters = re.sub(r"['’]", "", word)
    if letters in acronyms or word in acronyms:
        return False
    return caps_kind(word, label, after, loud) == "word"


def _closed(found: str, rest: str) -> str:
    """``found`` with the bracket or quotation mark that closes one opened inside it."""
    for opener, closer in (("(", ")"), ("“", "”"), ("‘", "’"), ('"', '"')):
        if opener == closer:
            unclosed = found.count(opener) % 2 == 1
        else:
            unclosed = found.count(opener) > found.count(closer)
        if unclosed and rest.startswith(closer):
            return found + closer
    return found


def _sentence_case(found: str, sentence: Sentence, first: CapsWord) -> str:
    """The words in small letters (acronyms and "I" kept), a capital to start a sentence."""

    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        if word == "I" or (len(word) > 1 and caps_kind(word) != "word"):
            return word
        small = word.lower()
        return "I" + small[1:] if small[:2] in ("i'", "i’") else small

    lowered = PART_RE.sub(lower, found)
    if not sentence.text[: first.start].strip(" \"'“‘"):
        return lowered[:1].upper() + lowered[1:]
    return lowered


def _publication_acronyms(pub: Publication) -> set[str]:
    """Acronyms the profile and the publication allow, and capital words it explains."""
    words: list[Any] = sorted(acronym_allow_list(pub))
    words.extend(term.word for term in pub.glossary)
    words.extend(pub.settings.our_words)
    return {str(word) for word in words if str(word).isupper()}


RULE = Rule(
    id="all-caps",
    severity=Severity.WARNING,
    rationale="Words in capitals are harder to read and look like shouting (RNIB, Inclusion "
    "Europe, BDA).",
    check=check,
    scope=PAGE,
)
