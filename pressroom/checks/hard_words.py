"""Rule hard-words: rare or long words are explained or replaced.

Source: easy-read-rules.md 4.1 (Inclusion Europe and COGA: short, everyday words; GOV.UK words to
avoid). A word is hard when it is not on the Dale-Chall list of words most 10-year-olds know and
either it is rare (word frequency from the wordfreq package, Zipf scale) or it is long (three or
more syllables, counted with the CMU pronouncing dictionary, never guessed from hyphenation alone)
and not common. Glossary words, the publication's ``our_words``, names (capitalised words not
starting a sentence) and acronyms are never hard. Each word is reported once, where it is first
used.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import language
from ..model import Finding, Publication, Severity
from ..text import Sentence, Word
from ._api import Context, Rule, prose_pages

COMMON_ZIPF = 4.6


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report the first use of each hard word that the publication does not explain."""
    known = _known_words(pub)
    seen: set[str] = set()
    for page in prose_pages(pub):
        for sentence in ctx.analysis.body(page):
            for word in _candidates(sentence):
                key = word.text.lower().replace("’", "'").removesuffix("'s")
                if key in seen or key in known:
                    continue
                seen.add(key)
                reason = hard_reason(key, ctx)
                if reason:
                    yield ctx.finding(
                        word.location,
                        f"'{word.text}' may be a hard word for {ctx.audience}: {reason}.",
                        "Use a shorter, everyday word, or make it **bold** and explain it in "
                        "glossary.yml. If readers know it, add it to our_words in publication.yml.",
                    )


def _known_words(pub: Publication) -> set[str]:
    known: set[str] = set()
    for term in pub.glossary:
        for form in (term.word, *term.forms):
            known.update(part.lower() for part in form.split())
    for word in pub.config.get("our_words", []):
        known.update(part.lower() for part in str(word).split())
    return known


def _candidates(sentence: Sentence) -> Iterator[Word]:
    for index, word in enumerate(sentence.words):
        text = word.text
        if word.is_number or (not text.isalpha() and "-" not in text and "'" not in text):
            continue
        if text.isupper() and len(text) > 1:
            continue  # acronyms have their own rule
        if index > 0 and text[0].isupper():
            continue  # a name, or a title in capitals
        if len(text) < 4:
            continue
        yield word


def hard_reason(word: str, ctx: Context) -> str:
    """Why ``word`` is hard for this profile, or an empty string."""
    parts = [p for p in word.replace("'", "-").split("-") if p]
    if len(parts) > 1:
        reasons = [hard_reason(p, ctx) for p in parts if len(p) >= 4]
        return next((r for r in reasons if r), "")
    forms = language.base_forms(word)
    easy = language.easy_words()
    if any(form in easy for form in forms):
        return ""
    frequency = max(language.zipf(form) for form in forms)
    if frequency < float(ctx.settings["min_zipf"]):
        return "it is rarely used"
    count = language.syllables(word)
    if count is None:
        count = next((n for n in (language.syllables(f) for f in forms) if n is not None), None)
    limit = int(ctx.settings["min_syllables"])
    if count is not None and count >= limit and frequency < COMMON_ZIPF:
        return f"it has {count} syllables and is not common"
    return ""


RULE = Rule(
    id="hard-words",
    severity=Severity.WARNING,
    rationale="Short, everyday words; hard words explained (Inclusion Europe, COGA, GOV.UK).",
    check=check,
)
