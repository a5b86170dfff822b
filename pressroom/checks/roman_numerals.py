"""Rule roman-numerals: write numbers as digits, never as Roman numerals ("Article 3", not "III").

Source: easy-read-rules.md 6.5 (Inclusion Europe and Leichte Sprache: no Roman numerals; COGA:
text-to-speech reads them wrongly). Capital letters can be a numeral, an acronym or a word, so a
word counts as a numeral only when it is a well-formed Roman numeral and one of these is true:

* it comes after a word that numbers things ("Article III", "Part V", "World War II"); a single
  letter counts there only if it is V or X ("Grade C" and "Class D" are not numerals);
* it is made of I, V and X only and has 2 letters or more ("II", "XIV"), except the ones that are
  also common acronyms: IV (a drip into a vein), VI (visually impaired) and XX or XXX (a
  placeholder or kisses);
* it has 4 letters or more and is not in the pronouncing dictionary ("MCMXCIV").

The single letter "I" counts only after a numbering word and before a full stop or comma ("Part
I."), because "In part I wrote" uses the word I. Lower-case numerals count only in brackets, as in
"(ii)". Acronyms that the publication allows (the acronyms rule's list, such as XL) are numerals
only after a numbering word ("chapter XL"). The decision is
:func:`_words.is_roman_numeral`, which the acronyms and all-caps rules share.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, acronym_allow_list, prose_pages
from ._words import NUMBERING_WORDS, is_roman_numeral, roman_value, word_before

CANDIDATE_RE = re.compile(r"(?<![\w'’&-])(?P<upper>[IVXLCDM]+)(?![\w'’&-])|\((?P<lower>[ivx]+)\)")
ORDINALS = {
    1: "First", 2: "Second", 3: "Third", 4: "Fourth", 5: "Fifth", 6: "Sixth", 7: "Seventh",
    8: "Eighth", 9: "Ninth", 10: "Tenth",
}  # fmt: skip


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each Roman numeral with the digits to write instead."""
    allowed = {word.upper() for word in acronym_allow_list(pub)}
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            text = sentence.text
            for match in CANDIDATE_RE.finditer(text):
                numeral = match.group("upper") or match.group("lower")
                label = word_before(text, match.start())
                after = text[match.end() : match.end() + 1]
                exempt = numeral.upper() in allowed and not _numbers_things(label)
                if exempt or not is_roman_numeral(numeral, label, after):
                    continue
                value = roman_value(numeral.upper())
                start = match.start("upper" if match.group("upper") else "lower")
                written = match.group(0)  # "(iv)" keeps its brackets
                shown = f"{label} {written}" if _numbers_things(label) else written
                yield ctx.finding(
                    sentence.location_at(start),
                    f"Roman numeral '{shown}': many readers and screen readers cannot read it.",
                    _fix(label, value),
                )


def _fix(label: str, value: int) -> str:
    """Digits to write, with the numbering word; a name such as a king's gets "the Second"."""
    if _numbers_things(label):
        return f"Write the number in digits: '{label} {value}'."
    fix = f"Write the number in digits: '{value}'."
    if label[:1].isupper() and value in ORDINALS:
        fix += f" After a name, such as a king or queen: '{label} the {ORDINALS[value]}'."
    return fix


def _numbers_things(label: str) -> bool:
    return label.lower() in NUMBERING_WORDS


RULE = Rule(
    id="roman-numerals",
    severity=Severity.ERROR,
    rationale="Roman numerals are misread by people and screen readers; use digits (Inclusion "
    "Europe, COGA).",
    check=check,
    scope=PAGE,
)
