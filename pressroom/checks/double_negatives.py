"""Rule double-negatives: never make the reader undo two negatives ("not unlawful").

Source: easy-read-rules.md 8.4 and §0 (COGA: say it positively, avoid double negatives;
lucid-lint's nested-negation rule: 0 double negatives in every profile), with the negation words
of 8.3 (Inclusion Europe, Easy Read Standard, Leichte Sprache: say things positively).

Two patterns are reported, each within one clause (a comma, dash, bracket or a joining word such
as "and", "but", "if", "that" or "unless" ends the clause):

- a negation (not, no, never, nobody, no one, nothing, none, cannot, without, a word ending in
  n't) followed within 3 words by a word with a negative prefix ("not unlawful", "don't be
  unkind", "no one is unfair to you", "never impossible");
- two negations close together ("you cannot never…", "nobody did nothing", "must not … without").

A prefix counts only where it really negates: "un" + a common word, except for words such as
"until", "unless", "under…", "unit", "union" and undoing verbs ("unlock", "unpack"); and a fixed
list for in-, im-, il-, ir-, dis- and non- ("impossible", "illegal", "dislike", "nonsense"),
because stripping those prefixes is wrong too often ("important", "inside", "display",
"discharge"). "no" as an answer ("you can say no") is not a negation here. When unsure, the rule
stays silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, Token, prose_pages, quote, tokens
from ._language import base_forms, syllables, zipf
from ._text import WORD_RE

NEGATIONS = {"not", "no", "never", "nobody", "nothing", "none", "cannot", "without", "nowhere"}
PREFIX_WINDOW = 3  # words after the negation that may hold the negative-prefix word
PAIR_WINDOW = 6  # words after the negation that may hold a second negation
CLAUSE_WORDS = {
    "and", "but", "or", "because", "if", "when", "so", "that", "which", "who", "unless",
    "until", "while", "although", "though", "then", "where", "as", "than", "whether",
}  # fmt: skip
MODALS = {"will", "would", "can", "could", "shall", "should", "may", "might", "must"}
SAY_WORDS = {"say", "says", "said", "saying", "answer", "answers", "answered", "yes"}
BREAK_RE = re.compile(r"[.!?,;:()\[\]\"“”—–]|\s-\s")

# in-, im-, il-, ir-, dis- and non- words that are real negatives (base forms).
PREFIXED_NEGATIVES = {
    "inability", "inaccessible", "inaccurate", "inaction", "inactive", "inadequate",
    "inappropriate", "incapable", "incompetent", "incomplete", "inconsiderate", "inconsistent",
    "inconvenient", "incorrect", "incurable", "indecent", "indirect", "inedible", "ineffective",
    "inefficient", "inexpensive", "inexperienced", "infrequent", "inhuman", "inhumane",
    "injustice", "insecure", "insensitive", "insignificant", "insincere", "insufficient",
    "intolerable", "intolerant", "invisible", "involuntary", "impartial", "impatient",
    "imperfect", "impersonal", "impolite", "impossible", "impractical", "imprecise", "improbable",
    "improper", "impure", "immature", "immoral", "immobile", "illegal", "illegible",
    "illegitimate", "illogical", "irrational", "irregular", "irrelevant", "irreplaceable",
    "irresponsible", "irreversible", "disadvantage", "disagree", "disagreeable", "disallow",
    "disapprove", "disbelief", "disbelieve", "discomfort", "disconnect", "discontinue",
    "discourteous", "dishonest", "dishonour", "dislike", "disloyal", "disobey", "disorganised",
    "disorganized", "displeased", "disprove", "disqualify", "disrespect", "disrespectful",
    "dissatisfied", "distrust", "nonsense", "nonexistent",
}  # fmt: skip
PREFIXES = ("dis", "non-", "non", "im", "il", "ir", "in", "un-", "un")
# un- words that are not "not + word".
UN_EXCEPTIONS = {
    "unless", "until", "unto", "unit", "units", "unite", "united", "unity", "union", "unions",
    "unique", "universe", "universal", "university", "universities", "uniform", "uniforms",
    "unison", "uncle", "uncles", "unanimous", "undone", "unsettled", "unfortunately",
}  # fmt: skip
# un- verbs that undo something ("unlock the door") rather than deny it.
UNDOING = {
    "lock", "pack", "tie", "zip", "wrap", "load", "plug", "fold", "cover", "veil", "leash",
    "button", "dress", "screw", "subscribe", "install", "do", "earth", "ravel", "wind", "block",
    "freeze", "mute", "seal", "roll", "learn", "mask", "bind", "bolt", "buckle", "clip", "hook",
    "latch", "tangle", "chain", "cork", "clog", "box", "strap", "clasp", "lace",
}  # fmt: skip
ANY_FORM = {
    "nothing": "anything", "nobody": "anybody", "never": "ever", "none": "any", "no": "any",
    "nowhere": "anywhere",
}  # fmt: skip


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """One finding per double negative, at its first negation."""
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            text = sentence.text
            for start, end, fix in double_negatives(text):
                yield ctx.finding(
                    sentence.location_at(start),
                    f"Double negative: '{quote(text[start:end])}'.",
                    fix,
                )


def double_negatives(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, fix) of each double negative in a sentence's text."""
    words = tokens(text, WORD_RE)
    done = -1
    for i, word in enumerate(words):
        if i <= done or not is_negation(words, i):
            continue
        clause = _clause_after(words, text, i)
        for k in clause[:PREFIX_WINDOW]:
            positive = positive_form(words[k].text)
            if positive is not None:
                done = k
                fix = f"Say it positively, with the word '{positive}'."
                yield word.start, words[k].end, fix
                break
        else:
            for k in clause[:PAIR_WINDOW]:
                if is_negation(words, k):
                    done = k
                    yield word.start, words[k].end, _pair_fix(words[k].low)
                    break


def is_negation(words: list[Token], i: int) -> bool:
    """True if word ``i`` denies something ("no" as an answer and "or not" do not count)."""
    low = words[i].low
    before = words[i - 1].low if i else ""
    if low.endswith("n't"):
        return True
    if low not in NEGATIONS:
        return False
    if low == "not":
        return before != "or"  # "whether or not"
    if low == "no":
        following = words[i + 1].text if i + 1 < len(words) else ""
        return bool(following) and not following[0].isdigit() and before not in SAY_WORDS
    return True


def _clause_after(words: list[Token], text: str, i: int) -> list[int]:
    """Indexes of the words after word ``i`` up to the end of its clause (or the next verb)."""
    found: list[int] = []
    for k in range(i + 1, len(words)):
        if BREAK_RE.search(text[words[k - 1].end : words[k].start]) or words[k].low in CLAUSE_WORDS:
            break
        if k > i + 1 and words[k].low in MODALS:
            break  # a new verb: "people you do not know | will never ask"
        found.append(k)
    return found


@lru_cache(maxsize=4096)
def positive_form(word: str) -> str | None:
    """The word without its negative prefix ("unkind" → "kind"), or None if it is not one."""
    low = word.lower()
    if any(form in PREFIXED_NEGATIVES for form in _forms(low)):
        prefix = next(p for p in PREFIXES if low.startswith(p))
        return low[len(prefix) :]
    if low.startswith("non-") and zipf(low[4:]) >= 2.5:
        return low[4:]
    if not low.startswith("un") or low.startswith("under") or low in UN_EXCEPTIONS:
        return None
    rest = low[3:] if low.startswith("un-") else low[2:]
    if len(rest) < 3 or syllables(rest) is None or zipf(rest) < 3.0:
        return None
    if any(form in UNDOING for form in base_forms(rest)):
        return None
    return rest


def _forms(low: str) -> list[str]:
    """The word and its likely base forms, with -ness and -ly taken off too."""
    forms = base_forms(low)
    if low.endswith("ness"):
        forms.append(low[:-4])
    if low.endswith("ly"):
        forms.append(low[:-2] + "e")  # "impossibly" → "impossible"
    return forms


def _pair_fix(second: str) -> str:
    if second == "without":
        return "Say it positively: say what can happen and when, for example 'You can … if …'."
    if second in ANY_FORM:
        return f"Keep one negative: write '{ANY_FORM[second]}' instead of '{second}'."
    return "Keep one negative, or say it positively."


RULE = Rule(
    id="double-negatives",
    severity=Severity.ERROR,
    rationale="Two negatives make readers undo both to get the meaning (rulebook 8.4, COGA).",
    check=check,
    scope=PAGE,
)
