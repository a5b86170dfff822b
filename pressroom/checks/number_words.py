"""Rule number-words: easy read writes numbers as digits ("3", not "three").

Source: easy-read-rules.md 6.1 (Inclusion Europe: always digits; NHS digital service manual:
numerals for all numbers; GOV.UK style: digits except "one" in set phrases; CAN-ASC 3.1: digits
for 2 to 999) and §21 (pressroom default: digits for every number except the idiomatic "one").
"one" is reported when it counts something ("Take one tablet": doses are where digits matter
most), not when it stands for a person or a thing ("no one", "the blue one", "one of the nurses",
"staff use one when…", "one another"; "someone" and "on your own" are other words) or makes an
idiom ("one example", "one day", "one way"). Nor are vague plurals ("hundreds of people"),
simple fractions in words ("two thirds", 6.4), "thousand" after digits ("3 thousand"),
or a capitalised number word inside a name or title ("Channel Four", "Five Ways to Wellbeing").
So a heading in Title Case ("Five Things To Know") is taken for a name and not reported; the
same heading in sentence case ("Five things to know") is. A number of several words
("twenty-one", "two hundred and fifty") is reported once, with its digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, Token, prose_pages
from ._api import tokens as split_words

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000}
FRACTIONS = {
    "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth",
    "tenths",
}  # fmt: skip
ONE_AS_PRONOUN_AFTER = {
    "no", "the", "this", "that", "which", "each", "every", "any", "a", "an", "to", "little",
    "loved", "right", "wrong", "same", "other", "new", "old", "big", "small",
}  # fmt: skip
ONE_AS_PRONOUN_BEFORE = {
    "of", "another", "by", "who", "that", "which", "you", "too", "because", "when", "if", "so",
    "and", "but", "or", "is", "was", "are", "can", "will", "must", "should", "at", "in", "on",
    "for", "with", "from", "as", "than", "again", "here", "there", "now", "then", "yet", "either",
    "example", "day", "way",
}  # fmt: skip
IDIOMS = {
    ("high", "five"), ("cloud", "nine"), ("two", "way"), ("two", "faced"), ("four", "seven"),
}  # fmt: skip


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each number written in words, with its digits."""
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            for span in number_spans(sentence.text):
                found = " ".join(sentence.text[span[0].start : span[-1].end].split())
                value = to_number([t.low for t in span])
                yield ctx.finding(
                    sentence.location_at(span[0].start),
                    f"Number written in words: '{found}'.",
                    f"Write '{value}' instead: digits are easier to read."
                    if value
                    else "Write the number in digits: they are easier to read.",
                )


def number_spans(text: str) -> Iterator[list[Token]]:
    """Runs of number words in ``text`` that should be digits ("a hundred" keeps its "a")."""
    tokens = split_words(text)
    index = 0
    while index < len(tokens):
        if not _is_number_word(tokens[index]):
            index += 1
            continue
        end = index + 1
        while end < len(tokens) and _continues(text, tokens, end):
            end += 1
        if tokens[end - 1].low == "and":
            end -= 1
        if _wanted(text, tokens, index, end):
            first = index
            if index and tokens[index].low in SCALES and tokens[index - 1].low == "a":
                first = index - 1  # "a hundred" is 100
            yield tokens[first:end]
        index = end


def _is_number_word(token: Token) -> bool:
    return token.low in UNITS or token.low in SCALES


def _continues(text: str, tokens: list[Token], index: int) -> bool:
    """Whether token ``index`` carries on the number before it ("twenty-one", "hundred and")."""
    gap = text[tokens[index - 1].end : tokens[index].start]
    if gap not in (" ", "-", "\u00a0"):
        return False
    before, word = tokens[index - 1].low, tokens[index].low
    if before == "and":
        return word in UNITS  # "hundred and fifty": "and" is only taken before a number
    if word == "and":
        return before in SCALES and index + 1 < len(tokens) and tokens[index + 1].low in UNITS
    if word in SCALES:
        return before in UNITS or (before == "hundred" and word == "thousand")
    if word in UNITS:
        tens = before in UNITS and UNITS[before] >= 20 and UNITS[before] % 10 == 0
        return (tens and UNITS[word] < 10) or before in SCALES
    return False


def _wanted(text: str, tokens: list[Token], first: int, end: int) -> bool:
    """Whether the number words ``tokens[first:end]`` should be written as digits."""
    span = tokens[first:end]
    keys = [t.low for t in span]
    previous = tokens[first - 1] if first else None
    following = tokens[end] if end < len(tokens) else None
    if keys == ["one"] and not _counts(text, span[0], previous, following):
        return False
    if keys[0] in SCALES and (previous is None or previous.low != "a"):
        before = text[: span[0].start].rstrip()
        if before and before[-1].isdigit():
            return False  # "3 thousand"
    if following is not None and following.low in FRACTIONS:
        return False  # a simple fraction in words: "two thirds"
    pairs = {(previous.low, keys[0])} if previous else set()
    if following is not None:
        pairs.add((keys[-1], following.low))
    if pairs & IDIOMS:
        return False
    return not _in_a_name(span[0], previous, following)


def _counts(text: str, one: Token, previous: Token | None, following: Token | None) -> bool:
    """Whether "one" counts something ("Take one tablet"), rather than standing for a person or
    a thing ("no one", "the blue one", "one of the nurses", "one another")."""
    if previous is not None and previous.low in ONE_AS_PRONOUN_AFTER:
        return False
    if following is None or following.low in ONE_AS_PRONOUN_BEFORE:
        return False
    return not re.search(r"[.,;:!?)]", text[one.end : following.start])


def _in_a_name(word: Token, previous: Token | None, following: Token | None) -> bool:
    """A capitalised number word inside a name or a title in Title Case."""
    if not word.text[0].isupper():
        return False
    if previous is not None:
        return True  # "Channel Four": a capital in the middle of a sentence
    return following is not None and following.text[0].isupper() and following.text != "I"


def to_number(words: list[str]) -> int:
    """The value of number words such as ['two', 'hundred', 'and', 'fifty'] (0 if unknown)."""
    total = current = 0
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
    return total + current


RULE = Rule(
    id="number-words",
    severity=Severity.WARNING,
    rationale="Digits are easier to read than number words (Inclusion Europe, NHS, GOV.UK).",
    check=check,
    scope=PAGE,
)
