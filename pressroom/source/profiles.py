"""The numbers at a glance: every rule's thresholds for each audience profile.

A rule runs for a profile only if the profile lists it here (with its settings, or ``{}`` when it
has none). ``severity`` changes a rule's default severity for the profile, where the rulebook says
MUST for one audience and SHOULD for the other. The values are the recommended defaults of the
rulebook (``easy-read-rules.md``, §0); a publication can change them in ``publication.yml`` under
``checks:``.
"""

from __future__ import annotations

from typing import Any

EASY_READ: dict[str, dict[str, Any]] = {
    "sentence-length": {"warn": 15, "error": 20},
    "average-sentence-length": {"max": 12, "min_sentences": 3},
    "row-length": {"max_sentences": 3, "max_words": 60},
    "sentence-per-line": {},
    "row-picture": {},
    "rows-per-page": {"warn": 4, "error": 5},
    "picture-alt": {},
    "hard-words": {"min_zipf": 3.5, "min_syllables": 3},
    "glossary-terms": {},
    "glossary-unused": {},
    "acronyms": {"allow": ["NHS", "UK", "OK", "TV", "GP", "ID", "CD", "DVD", "XL"]},
    "number-words": {},
    "percentages": {},
    "roman-numerals": {},
    "semicolons": {},
    "ampersands": {},
    "phone-number": {},
    "latin-abbreviations": {},
    "brackets": {},
    "emphasis": {"severity": "error"},
    "all-caps": {"severity": "error"},
    "passive-voice": {"max_per_block": 0},
    "double-negatives": {},
    "negative-contractions": {},
    "readability": {"max_grade": 5.0, "min_ease": 80.0, "min_words": 30},
    "document-length": {"warn": 24, "error": 28},
    "raw-html": {},
    "unsafe-link": {},
    "invisible-characters": {},
    "sign-off": {},
    "picture-credits": {},
    "placeholder": {},
}

YOUNG_PEOPLE: dict[str, dict[str, Any]] = {
    "sentence-length": {"warn": 20, "error": 25},
    "average-sentence-length": {"max": 15, "min_sentences": 3},
    "row-length": {"max_sentences": 4, "max_words": 80},
    "picture-alt": {},
    "hard-words": {"min_zipf": 3.0, "min_syllables": 4},
    "glossary-terms": {},
    "glossary-unused": {},
    "acronyms": {
        "allow": ["NHS", "UK", "OK", "TV", "GP", "ID", "UN", "CD", "DVD", "XL", "CV"],
        "severity": "warning",
    },
    "latin-abbreviations": {"severity": "warning"},
    "ampersands": {},
    "phone-number": {},
    "emphasis": {},
    "all-caps": {},
    "passive-voice": {"max_per_block": 1},
    "double-negatives": {},
    "negative-contractions": {},
    "readability": {"max_grade": 7.0, "min_ease": 70.0, "min_words": 40},
    "raw-html": {},
    "unsafe-link": {},
    "invisible-characters": {},
    "sign-off": {},
    "picture-credits": {},
    "placeholder": {},
}

PROFILE_RULES: dict[str, dict[str, dict[str, Any]]] = {
    "easy-read": EASY_READ,
    "young-people": YOUNG_PEOPLE,
}

PROFILE_NAMES = {"easy-read": "easy read", "young-people": "the young people's magazine"}
