"""Rule hard-words: words to avoid are replaced, and rare words are explained or replaced.

Source: easy-read-rules.md 4.1 (Inclusion Europe and COGA: short, everyday words; GOV.UK and
the Plain English Campaign: words to avoid, with the everyday word to use instead). Two signals,
in this order:

1. the plain-English list (``pressroom/data/plain-words.txt``, over 250 words such as
   "commence", "approximately", "endeavour", "utilise", and phrases such as "prior to", with the
   words to write instead): a word on it, in any form ("commenced", "utilising"), is always
   reported, with its replacement;
2. frequency, only as a second signal, for lower-case words that are not known: a word is known
   when it (or its base form, or its American spelling) is on the Dale-Chall list of words most
   10-year-olds know, or on the list of words readers meet every day in the UK and on a ward
   (``pressroom/data/everyday-words.txt``: ambulance, carer, leaflet, unwell…). An unknown word
   is hard when it is rare (Zipf below ``min_zipf``, from the wordfreq package) or long
   (``min_syllables`` or more, from the CMU pronouncing dictionary) and not common.

Never hard: glossary words and the publication's ``our_words`` (and their plurals and other
forms), names (a capitalised word that does not start its sentence, and the organisations and
services in ``pressroom/data/names.txt``, such as Childline, Samaritans, Mencap), a capitalised
word that starts a sentence unless it is on the plain-English list (frequency cannot tell a name
from a word there), acronyms and words in capitals (their own rules), contractions (whole:
"didn't" is the negative-contractions rule's), and words of fewer than 4 letters. Each word is
reported once, where it is first used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..model import Finding, Page, Publication, Severity, Term
from ..source.kinds import kind_of
from . import _language as language
from ._api import Context, Fact, facts_rule, first_uses
from ._text import Sentence, Word
from ._words import data_lines, is_contraction, is_name, straight, without_possessive

COMMON_ZIPF = 4.6


def page_facts(page: Page, pub: Publication, ctx: Context) -> list[Fact]:
    """Each word and phrase of the page that is not explained, where the page first uses it,
    with its finding if it is hard (reported only where the publication first uses it)."""
    if not kind_of(page).prose:
        return []
    known = _known_words(pub)
    seen: set[str] = set()
    facts: list[Fact] = []
    for sentence in ctx.analysis.body(page):
        bold = [s for s in sentence.block.spans if s.kind == "bold"]
        spans: list[tuple[int, int]] = []
        facts.extend(_phrases(sentence, seen, spans, ctx))
        for word, starts in _candidates(sentence):
            if any(b.covers(word.location.line, word.location.col) for b in bold):
                continue  # marked as a hard word: glossary-terms checks it is explained
            if any(start <= word.start < end for start, end in spans):
                continue  # part of a phrase of the list ("prior to")
            key = without_possessive(straight(word.text.lower()))
            if key in seen or _is_known(key, known):
                continue
            seen.add(key)
            facts.append((key, _judge(word, key, starts, ctx)))
    return facts


def combine(pub: Publication, ctx: Context, facts: list[list[Fact]]) -> Iterator[Finding]:
    """Report the first use of each hard word that the publication does not explain."""
    return first_uses(facts)


def _phrases(
    sentence: Sentence, seen: set[str], spans: list[tuple[int, int]], ctx: Context
) -> Iterator[Fact]:
    """Phrases of the plain-English list ("prior to", "in order to"), each once; their
    places are added to ``spans`` so their words are not judged again on their own."""
    for phrase, pattern in phrase_patterns():
        found = pattern.search(sentence.text)
        if found is None:
            continue
        spans.append(found.span())
        if phrase in seen:
            continue
        seen.add(phrase)
        written = " ".join(found.group(0).split())
        yield (
            phrase,
            ctx.finding(
                sentence.location_at(found.start()),
                f"'{written}' is not everyday English for {ctx.audience}.",
                f"Write '{plain_words()[phrase]}' instead of '{written}'.",
            ),
        )


@lru_cache(maxsize=1)
def phrase_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The list's phrases of several words, each with a whole-word, any-case pattern."""
    return tuple(
        (phrase, re.compile(r"(?<![\w'’])" + r"\s+".join(phrase.split()) + r"(?![\w'’])", re.I))
        for phrase in plain_words()
        if " " in phrase
    )


def _judge(word: Word, key: str, starts: bool, ctx: Context) -> Finding | None:
    instead, base = replacement(key)
    if base:
        if instead:
            form = f"'{instead}'" if base == key else f"a form of '{instead}'"
            fix = f"Write {form} instead of '{word.text}'."
        else:
            fix = "Say it in everyday words, or make it **bold** and explain it in glossary.yml."
        return ctx.finding(
            word.location, f"'{word.text}' is not an everyday word for {ctx.audience}.", fix
        )
    reason = "" if starts else hard_reason(key, ctx)
    if not reason:
        return None
    return ctx.finding(
        word.location,
        f"'{word.text}' may be a hard word for {ctx.audience}: {reason}.",
        "Use a shorter, everyday word, or make it **bold** and explain it in glossary.yml. If "
        "readers know it, add it to our_words in publication.yml.",
    )


def _known_words(pub: Publication) -> frozenset[str]:
    """Glossary words and ``our_words``, word by word, lower case."""
    return _explained(pub.glossary, tuple(pub.settings.our_words))


@lru_cache(maxsize=8)
def _explained(glossary: tuple[Term, ...], our_words: tuple[str, ...]) -> frozenset[str]:
    known: set[str] = set()
    for term in glossary:
        for form in (term.word, *term.forms):
            known.update(straight(part.lower()) for part in form.split())
    for word in our_words:
        known.update(straight(part.lower()) for part in str(word).split())
    return frozenset(known)


def _is_known(key: str, known: frozenset[str]) -> bool:
    """The word, or its base form ("carers" for our word "carer"), is explained or ours."""
    return any(form in known for form in language.base_forms(key))


def _candidates(sentence: Sentence) -> Iterator[tuple[Word, bool]]:
    """Words that may be hard, and whether each one starts the sentence with a capital."""
    for index, word in enumerate(sentence.words):
        text = word.text
        if word.is_number or not any(c.isalpha() for c in text) or "." in text:
            continue
        if is_contraction(text) or len(text) < 4:
            continue
        if sum(1 for c in text if c.isupper()) > 1:
            continue  # acronyms and words in capitals have their own rules
        if is_name(text, index):
            continue
        yield word, index == 0 and text[0].isupper()


@lru_cache(maxsize=1)
def plain_words() -> dict[str, str]:
    """The plain-English list: word to avoid → everyday word ('' when there is no one word)."""
    table: dict[str, str] = {}
    for line in data_lines("plain-words.txt"):
        word, _, instead = line.partition(":")
        table[word.strip().lower()] = "" if instead.strip() == "-" else instead.strip()
    return table


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """Words readers meet every day in the UK and in hospital."""
    return frozenset(line.lower() for line in data_lines("everyday-words.txt"))


SUFFIXES = (
    "ations",
    "ation",
    "ions",
    "ion",
    "ings",
    "ing",
    "ers",
    "er",
    "ors",
    "or",
    "ed",
    "es",
    "e",
    "s",
)


def _stems(word: str) -> set[str]:
    """The word without each ending that makes a family of words: "sedated" and "sedation"
    share "sedat"."""
    return {
        word[: -len(suffix)]
        for suffix in SUFFIXES
        if word.endswith(suffix) and len(word) - len(suffix) >= 4
    }


@lru_cache(maxsize=1)
def everyday_stems() -> frozenset[str]:
    """The stems of the everyday words (see :func:`_stems`)."""
    return frozenset(stem for word in everyday_words() for stem in _stems(word))


@lru_cache(maxsize=65536)
def _known(word: str) -> bool:
    """On the Dale-Chall list or the everyday list, in any simple form or spelling."""
    easy, everyday = language.easy_words(), everyday_words()
    forms = language.base_forms(word)
    return any(f in easy or f in everyday or language.american(f) in easy for f in forms)


def _compound_of_known(word: str) -> bool:
    """A closed compound of two known words of 3 letters or more ("hair" + "dresser")."""
    return any(_known(word[:cut]) and _known(word[cut:]) for cut in range(3, len(word) - 2))


def replacement(word: str) -> tuple[str, str]:
    """(the everyday word, the listed word) if ``word`` or its base form is on the plain-English
    list, else ('', '')."""
    table = plain_words()
    for form in language.base_forms(word):
        if form in table:
            return table[form], form
    return "", ""


def hard_reason(word: str, ctx: Context) -> str:
    """Why ``word`` is hard for this profile by the second signal, or an empty string."""
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1:
        reasons = [hard_reason(p, ctx) for p in parts if len(p) >= 4]
        return next((r for r in reasons if r), "")
    forms = language.base_forms(word)
    spellings = [*forms, *(language.american(form) for form in forms)]
    easy, everyday = language.easy_words(), everyday_words()
    if any(form in easy or form in everyday for form in spellings):
        return ""
    if word.startswith("un") and not hard_reason(word[2:], ctx):
        return ""  # "unwell", "unusual": not + an easy word
    if _compound_of_known(word):
        return ""  # "hairdresser", "bedtime": two easy words written as one
    if any(_stems(form) & everyday_stems() for form in spellings):
        return ""  # "medicated" from "medication", "visitors" from "visiting"
    frequency = max(language.zipf(form) for form in spellings)
    if frequency < float(ctx.settings["min_zipf"]):
        return "it is rarely used"
    count = language.syllables(word)
    if count is None:
        count = next((n for n in (language.syllables(f) for f in forms) if n is not None), None)
    limit = int(ctx.settings["min_syllables"])
    if count is not None and count >= limit and frequency < COMMON_ZIPF:
        return f"it has {count} syllables and is not common"
    return ""


RULE = facts_rule(
    id="hard-words",
    severity=Severity.WARNING,
    rationale="Short, everyday words; hard words explained (Inclusion Europe, COGA, GOV.UK).",
    page_facts=page_facts,
    combine=combine,
)
