"""The one tokenizer: what every rule calls a word, a contraction, an acronym, a Roman numeral,
a name and a number.

Owns the word patterns and the decisions about a single word, so that two rules never disagree
about the same word (``all-caps`` and ``acronyms`` about "DI", ``roman-numerals`` and
``acronyms`` about "XL", ``hard-words`` and ``negative-contractions`` about "didn't"):

* :data:`WORD_RE` finds the words of a sentence: letters with inner apostrophes and hyphens
  (a contraction such as "didn't" is one word), numbers (a phone number is one word) and
  two-letter abbreviations with full stops ("e.g.");
* :func:`tokens` gives the parts of words with their places (hyphens split, apostrophes do not);
* :func:`caps_kind` decides what a word in capitals is: a single letter, a Roman numeral, an
  acronym, or an ordinary word written in capitals;
* :func:`is_roman_numeral` is the only Roman-numeral test, and :data:`ROMAN_RE` the only pattern;
* :func:`is_name` and :func:`known_name` tell names (people, organisations, services) from words.

The word lists live in ``pressroom/data/`` (organisations and services in ``names.txt``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ._language import syllables, zipf

LETTER = "A-Za-z\u00c0-\u024f"
WORD_RE = re.compile(
    r"(?P<abbr>(?<![\w.])[A-Za-z]\.[A-Za-z]\.(?!\w))"
    r"|(?P<phone>\b0\d{2,4}(?:[ \u00a0]\d{3,6}){1,2}\b|\b1\d{2}[ \u00a0]\d{3}\b)"
    r"|(?P<number>\d[\d,.:]*\d|\d)(?:am|pm)?"
    rf"|(?P<word>[{LETTER}](?:[{LETTER}'’\-]*[{LETTER}])?)"
)
# A word that may be initials ("CQC", "GPs", "DoLS", "C(E)TR"); looks_like_initials() and
# caps_kind() decide.
INITIALS_RE = re.compile(
    r"(?<![\w'’./@&])"
    r"(?P<acr>[A-Z][A-Za-z0-9]*(?:\([A-Z]+\)[A-Z0-9]*)?)"
    r"(?P<suffix>['’]s)?"
    r"(?![\w'’@&/])"
)
PART_RE = re.compile(rf"[{LETTER}]+(?:['’][{LETTER}]+)*")
WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)[ \u00a0]+$")
ROMAN_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
NUMBERING_WORDS = {
    "act", "annex", "annexe", "appendix", "article", "book", "chapter", "class", "clause",
    "grade", "item", "level", "page", "paragraph", "part", "phase", "point", "principle",
    "question", "rule", "scene", "schedule", "section", "stage", "step", "type", "unit",
    "volume", "war",
}  # fmt: skip
# Made of I, V and X but read as initials: a drip into a vein, visually impaired, kisses.
NOT_NUMERALS = {"IV", "VI", "XX", "XXX"}
# Acronyms that are also English words: in capitals they are the acronym, not shouting.
WORD_ACRONYMS = {
    "ACE", "ACES", "ACT", "AI", "AIDS", "AM", "CAT", "IT", "LAC", "LED", "MASH", "ME", "MIND",
    "NATO", "NICE", "PA", "PALS", "PIN", "PM", "RIP", "SALT", "SANE", "SAT", "SATS", "SEND",
    "SHOUT", "SIM", "STEM", "US", "WHO",
}  # fmt: skip
TWO_LETTER_WORDS = {
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me",
    "my", "no", "of", "oh", "on", "or", "so", "to", "up", "us", "we",
}  # fmt: skip
NEGATIVE_ENDINGS = ("n't",)
CONTRACTION_ENDINGS = ("n't", "'re", "'ll", "'ve", "'d", "'m")


@dataclass(frozen=True)
class Token:
    """A word of a piece of text with its character span (``text[start:end]``)."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        """Lower case, with a curly apostrophe made straight."""
        return straight(self.text.lower())


def tokens(text: str, pattern: re.Pattern[str] = PART_RE) -> list[Token]:
    """The words of ``text`` with their spans: by default word parts (a hyphen splits a word,
    an apostrophe does not); with :data:`WORD_RE`, whole words and numbers."""
    return [Token(m.group(0), m.start(), m.end()) for m in pattern.finditer(text)]


def words_of(text: str) -> list[str]:
    """The words (and numbers) of a piece of plain text, as :data:`WORD_RE` finds them."""
    return [m.group(0) for m in WORD_RE.finditer(text)]


def straight(word: str) -> str:
    """The word with curly apostrophes made straight."""
    return word.replace("\u2019", "'")


def is_contraction(word: str) -> bool:
    """True for "didn't", "you're", "I'm", "we'll" (not for a possessive such as "Sam's")."""
    low = straight(word.lower())
    return low.endswith(CONTRACTION_ENDINGS) or low in ("let's", "it's", "that's", "what's")


def is_negative_contraction(word: str) -> bool:
    """True for "can't", "didn't", "won't" and the like."""
    return straight(word.lower()).endswith(NEGATIVE_ENDINGS)


def without_possessive(word: str) -> str:
    """'Aisha's' → 'Aisha', "parents'" → 'parents'."""
    plain = straight(word)
    if plain.lower().endswith("'s"):
        return plain[:-2]
    return plain[:-1] if plain.endswith("'") else plain


def is_roman_numeral(word: str, label: str = "", after: str = "") -> bool:
    """Whether ``word`` is a Roman numeral, given the word before it and the character after.

    Capitals: a well-formed numeral after a numbering word ("Part IV", "Chapter XL"; a single
    letter only if it is V or X, or I before a full stop or comma); else one of 2 letters or more
    made of I, V and X ("II", "XIV", not IV, VI, XX, XXX), or of 4 letters or more that is not in
    the pronouncing dictionary ("MCMXCIV"). Lower case: only in brackets, "(ii)" (the caller
    says so by passing the numeral in lower case).
    """
    if word.islower():
        return ROMAN_RE.fullmatch(word.upper()) is not None and (len(word) > 1 or word == "i")
    if not word or ROMAN_RE.fullmatch(word) is None:
        return False
    numbering = label.lower() in NUMBERING_WORDS
    if numbering and (len(word) > 1 or word in "VX"):
        return True
    if numbering and word == "I":
        return after in ("", ".", ",", ";", ":", ")")
    if len(word) >= 2 and set(word) <= set("IVX"):
        return word not in NOT_NUMERALS
    return len(word) >= 4 and syllables(word) is None


def roman_value(numeral: str) -> int:
    """The value of a well-formed Roman numeral in capitals."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for index, letter in enumerate(numeral):
        value = values[letter]
        following = values[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def caps_kind(word: str, label: str = "", after: str = "", shouting: bool = False) -> str:
    """What a word written in capitals is: 'letter', 'numeral', 'acronym' or 'word'.

    ``label`` is the word before it (for "Part IV"), ``after`` the character after it, and
    ``shouting`` says the line around it is mostly in capitals ("WHAT IS SECLUSION"), where
    a dictionary word is read as a word even if it is short or rare.
    """
    letters = re.sub(r"['’]s?$", "", word)
    letters = re.sub(r"(?<=[A-Z])s$", "", letters) if len(letters) > 2 else letters
    if len(re.sub(r"[^A-Za-z]", "", letters)) < 2:
        return "letter"
    if is_roman_numeral(letters, label, after):
        return "numeral"
    if letters.upper() in WORD_ACRONYMS or not letters.isalpha() or not letters.isupper():
        return "acronym"
    return "word" if said_as_word(letters.lower(), shouting) else "acronym"


def word_before(text: str, start: int) -> str:
    """The word just before ``text[start]`` ("Part" in "Part IV"), or ''."""
    found = WORD_BEFORE_RE.search(text[:start])
    return found.group(1) if found else ""


def in_capitals(text: str) -> bool:
    """True for a line written mostly in capitals ("WHAT IS SECLUSION")."""
    words = [w for w in words_of(text) if w[0].isalpha()]
    capitals = [w for w in words if len(w) > 1 and w.isupper()]
    return len(words) >= 3 and len(capitals) * 2 >= len(words)


@lru_cache(maxsize=4096)
def said_as_word(low: str, shouting: bool = False) -> bool:
    """Whether capitals such as "STOP" spell an ordinary word, not initials ("BBC", "DI")."""
    if len(low) == 2:
        return low in TWO_LETTER_WORDS
    count = syllables(low)
    spelled = len(low) + 2 * low.count("w")  # "double-u" has 3 syllables
    if count is None or count >= spelled:
        return False  # not in the dictionary, or said letter by letter
    return shouting or len(low) >= 5 or zipf(low) >= 3.0


def looks_like_initials(word: str) -> bool:
    """Capitals that may be initials: "CQC", "GPs", "DoLS", "C(E)TR" (not "McDonald", "I")."""
    core = without_possessive(word)
    if len(core) > 2 and core.endswith("s") and core[:-1].isupper():
        core = core[:-1]
    upper = sum(1 for c in core if c.isupper())
    lower = sum(1 for c in core if c.islower())
    return upper >= 2 and core[:1].isupper() and upper > lower


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Organisations and services written as names (``pressroom/data/names.txt``), lower case;
    each longer word of a name of several words is there too ("minds" of "Young Minds")."""
    names: set[str] = set()
    for name in data_lines("names.txt"):
        low = straight(name.lower())
        names.add(low)
        names.update(word for word in low.split() if len(word) > 3)
    return frozenset(names)


def known_name(word: str) -> bool:
    """True for 'Childline', 'Samaritans', "Barnardo's": an organisation or a service."""
    low = straight(word.lower())
    return low in known_names() or without_possessive(low) in known_names()


def is_name(word: str, index: int) -> bool:
    """A person's or a place's name: a capitalised word that does not start its sentence
    (word ``index``), or a known organisation anywhere. Initials and words in capitals are not
    names (see :func:`caps_kind`)."""
    if not word[:1].isupper() or looks_like_initials(word):
        return False
    return index > 0 or known_name(word)


def data_lines(name: str) -> list[str]:
    """The lines of a word list in ``pressroom/data/``, without comments and blank lines."""
    text = files("pressroom").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
