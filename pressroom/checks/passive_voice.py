"""Rule passive-voice: say who does what ("Staff must tell you why", not "You must be told why").

Source: easy-read-rules.md 8.1 and §0 (GOV.UK accessible communication formats, Inclusion Europe,
PIF, COGA, Plain English Campaign, Easy Read Standard: use the active voice; lucid-lint's FALC
profile allows 0 passives, its public profile 1 per paragraph). Easy read: every passive is
reported. Young people: ``max_per_block`` passives are allowed in each paragraph, row or list
item, and only the ones after that are reported.

How it works (rule based, offline; no language model): a form of "be" (or "get") followed, with
at most two adverbs such as "not" or "always" between, by a past participle. A participle is an
irregular one from a list ("held", "told", "given", "set", "forbidden") or an -ed word whose stem
is an English word that is common, or whose participle is ("locked" from "lock"; "secluded",
"sedated" and "medicated", whose verbs are rare). "shut" and "broken" are a state ("The shop is
shut", "the lift is broken"), like "closed", unless "by" follows. Left out on purpose, because
they describe a feeling or a state and have no clear doer: "scared", "worried", "tired",
"married", "allowed" ("You are allowed to…" reads as "You can…"), "entitled", "disabled" and
similar words; "is called …" and "is known as …"
(the usual easy read way to name a hard word); "is used to …" when a person is used to something;
"was born"; nouns and adjectives that only look like participles ("red", "bed", "need", "hundred",
"wicked"). This is a heuristic: expect it to be right about 4 times in 5, and it is a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..model import Block, Finding, Publication, Severity
from ._api import PAGE, Context, Rule, Token, prose_pages, quote, tokens
from ._language import syllables, zipf
from ._text import WORD_RE, Sentence

BE_WORDS = {
    "am", "is", "are", "was", "were", "be", "been", "being",
    "isn't", "aren't", "wasn't", "weren't", "i'm", "you're", "we're", "they're",
}  # fmt: skip
GET_WORDS = {"get", "gets", "got", "getting", "gotten"}
ADVERBS = {
    "not", "always", "often", "never", "usually", "sometimes", "also", "only", "still", "just",
    "normally", "rarely", "already", "really", "then", "now",
}  # fmt: skip
CHAIN_BE = {"be", "been", "being"}  # "is being held", "has not been told"
MAX_ADVERBS = 2

# Past participles that do not end in -ed, with the verb they come from (for the fix).
IRREGULAR = {
    "held": "hold", "kept": "keep", "given": "give", "taken": "take", "told": "tell",
    "done": "do", "made": "make", "seen": "see", "shown": "show", "written": "write",
    "hurt": "hurt", "put": "put", "sent": "send", "brought": "bring", "chosen": "choose",
    "known": "know", "left": "leave", "found": "find", "paid": "pay", "read": "read",
    "said": "say", "sold": "sell", "bought": "buy", "caught": "catch", "taught": "teach",
    "thought": "think", "heard": "hear", "meant": "mean", "built": "build", "spent": "spend",
    "forgotten": "forget", "forgiven": "forgive", "hidden": "hide", "driven": "drive",
    "beaten": "beat", "bitten": "bite", "broken": "break", "spoken": "speak", "stolen": "steal",
    "woken": "wake", "worn": "wear", "torn": "tear", "drawn": "draw", "thrown": "throw",
    "shut": "shut", "cut": "cut", "let": "let", "hit": "hit", "fed": "feed", "led": "lead",
    "met": "meet", "understood": "understand", "withdrawn": "withdraw", "struck": "strike",
    "run": "run", "sought": "seek", "fought": "fight", "won": "win",
    "overheard": "overhear", "rewritten": "rewrite", "undertaken": "undertake", "bound": "bind",
    "set": "set", "forbidden": "forbid", "shot": "shoot", "lent": "lend", "stuck": "stick",
    "spread": "spread", "sworn": "swear", "shaken": "shake", "grown": "grow", "swept": "sweep",
    "dealt": "deal", "rung": "ring", "bent": "bend", "dug": "dig", "flung": "fling",
    "hung": "hang", "laid": "lay", "lit": "light", "mistaken": "mistake",
    "misunderstood": "misunderstand", "overtaken": "overtake", "ridden": "ride", "slung": "sling",
    "split": "split", "stung": "sting", "sung": "sing", "upheld": "uphold",
    "withheld": "withhold", "begun": "begin", "blown": "blow", "eaten": "eat", "fallen": "fall",
    "flown": "fly", "proven": "prove", "sewn": "sew", "sunk": "sink",
}  # fmt: skip

# -ed words that describe a feeling or a state (no doer), or are not verbs at all.
STATE_WORDS = {
    "afraid", "aged", "agitated", "allowed", "alarmed", "amazed", "amused", "annoyed",
    "ashamed", "based", "bored", "born", "closed", "committed", "complicated", "concerned",
    "confused", "connected", "crowded", "dedicated", "delighted", "depressed", "determined",
    "disabled", "disappointed", "distressed", "divorced", "dressed", "educated", "embarrassed",
    "engaged", "entitled", "excited", "exhausted", "experienced", "finished", "focused",
    "focussed", "frightened", "gifted", "impressed", "interested", "involved", "located",
    "married", "mixed", "motivated", "obliged", "overwhelmed", "pleased", "prepared",
    "qualified", "related", "relaxed", "relieved", "retired", "satisfied", "scared", "settled",
    "shocked", "skilled", "sophisticated", "stressed", "supposed", "surprised", "talented",
    "terrified", "thrilled", "tired", "upset", "worried", "convinced", "limited", "detailed",
    "advanced", "blessed", "learned",
}  # fmt: skip
NOT_PARTICIPLES = {
    "bed", "red", "shed", "sled", "wed", "need", "seed", "feed", "speed", "weed", "deed", "breed",
    "bleed", "greed", "creed", "reed", "heed", "steed", "tweed", "proceed", "succeed", "exceed",
    "indeed", "hundred", "kindred", "hatred", "sacred", "naked", "wicked", "rugged", "ragged",
    "jagged", "crooked", "wretched", "dogged", "beloved", "embed",
}  # fmt: skip
# After "get": these make an everyday phrase, not a passive ("get started", "get lost").
GET_PHRASES = {"started", "changed", "lost", "stuck", "organised", "organized", "rid", "used"}
PERSONS = {"i", "you", "we", "they", "he", "she"}
OBJECT_OF = {
    "i": "me", "you": "you", "we": "us", "they": "them", "he": "him", "she": "her", "it": "it",
}  # fmt: skip
PLURAL_AGENTS = {"staff", "people", "police", "they", "we", "you", "i"}
AUXILIARIES = {
    "must", "will", "can", "cannot", "may", "might", "should", "could", "would", "shall", "has",
    "have", "had", "to", "not", "never", "also", "always", "often", "sometimes", "only", "usually",
}  # fmt: skip
HABIT_OBJECTS = {"it", "this", "that", "the", "a", "an", "them", "him", "her", "me", "us"}
NOT_SUBJECTS_OF_LEFT = {"what", "there", "nothing", "anything", "something", "much", "little"}
STRANDED = {"to", "after", "at", "about", "for", "with", "on", "up", "off", "out"}
SPLIT_PARTICLES = {"up", "off", "out"}  # "Staff tell you off", not "Staff tell off you"
CLAUSE_END = {"by", "when", "if", "and", "or", "but", "because", "so", "until", "while"}
BREAK_RE = re.compile(r"[.!?,;:()\[\]\"“”—–]|\s-\s")


@dataclass(frozen=True)
class Passive:
    """One passive: where its first 'be' word is, what to quote, and what an active one needs."""

    start: int
    quote_start: int
    end: int
    verb: str
    target: str
    agent: str


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report passives beyond ``max_per_block`` in each block (0: every passive)."""
    allowed = int(ctx.settings.get("max_per_block", 0))
    for page in prose_pages(pub):
        seen: Counter[Block] = Counter()
        for sentence in ctx.analysis.sentences(page):
            for passive in find_passives(sentence):
                seen[sentence.block] += 1
                if seen[sentence.block] <= allowed:
                    continue
                text = sentence.text[passive.quote_start : passive.end]
                yield ctx.finding(
                    sentence.location_at(passive.start),
                    f"Passive: '{quote(text)}'. Say who does it.",
                    active_hint(passive),
                )


def joined(text: str, left: Token, right: Token) -> bool:
    """True if only spaces (no comma, dash, bracket or quotation mark) separate two words."""
    return not BREAK_RE.search(text[left.end : right.start])


def find_passives(sentence: Sentence) -> Iterator[Passive]:
    """Every 'be'/'get' + participle group of the sentence, in order."""
    text = sentence.text
    words = tokens(text, WORD_RE)
    covered = -1
    for i, word in enumerate(words):
        is_get = word.low in GET_WORDS
        if i <= covered or (word.low not in BE_WORDS and not is_get):
            continue
        if word.low == "being" and i and words[i - 1].low == "human":
            continue
        j, adverbs = i + 1, 0
        while j < len(words) and joined(text, words[j - 1], words[j]):
            if words[j].low in CHAIN_BE:
                j += 1
            elif words[j].low in ADVERBS and adverbs < MAX_ADVERBS:
                adverbs, j = adverbs + 1, j + 1
            else:
                break
        covered = j - 1
        if j >= len(words) or not joined(text, words[j - 1], words[j]):
            continue
        passive = _passive_at(words, text, i, j, is_get)
        if passive is not None:
            covered = j
            yield passive


def _passive_at(words: list[Token], text: str, i: int, j: int, is_get: bool) -> Passive | None:
    """The passive whose verb group runs from word ``i`` to the participle at word ``j``."""
    part = words[j]
    verb = participle_base(part.text)
    if verb is None:
        return None
    nxt = [w.low for w in _rest_of_clause(words, text, j)]
    subject_at = _subject_index(words, text, i)
    subject = words[subject_at].low if subject_at is not None else ""
    if _not_passive(part.low, nxt, subject, is_get):
        return None
    end = part.end
    if nxt and nxt[0] in STRANDED and (len(nxt) == 1 or nxt[1] in CLAUSE_END):
        verb, end = f"{verb} {nxt[0]}", words[j + 1].end
    agent = ""
    if "by" in nxt[:3]:
        after_by = nxt[nxt.index("by") + 1 :]
        cut = next((k for k, w in enumerate(after_by) if w in CLAUSE_END), len(after_by))
        agent = " ".join(after_by[: min(cut, 3)])
    quote_start = words[i].start
    if subject_at is not None and subject in OBJECT_OF:
        quote_start = words[subject_at].start
    if subject in OBJECT_OF:
        target = OBJECT_OF[subject]
    elif words[i].low in CHAIN_BE or not subject:
        target = "you"  # "to be told", "about being held": easy read speaks to the reader
    else:
        target = "them" if words[i].low in ("are", "were", "aren't", "weren't") else "it"
    return Passive(words[i].start, quote_start, end, verb, target, agent)


def _rest_of_clause(words: list[Token], text: str, j: int) -> list[Token]:
    """The words after word ``j`` up to the next comma, dash or bracket."""
    rest: list[Token] = []
    for k in range(j + 1, len(words)):
        if not joined(text, words[k - 1], words[k]):
            break
        rest.append(words[k])
    return rest


def _subject_index(words: list[Token], text: str, i: int) -> int | None:
    """The word before the verb group ("You" in "You must not be told"); "to" for "to be"."""
    k = i - 1
    while k >= 0 and words[k].low in AUXILIARIES and words[k].low != "to":
        if not joined(text, words[k], words[k + 1]):
            return None
        k -= 1
    if k < 0 or not joined(text, words[k], words[k + 1]):
        return None
    return k


def _not_passive(low: str, nxt: list[str], subject: str, is_get: bool) -> bool:
    """Participle-looking words that make a naming phrase, an idiom or a state here."""
    following = nxt[0] if nxt else ""
    if low in ("called", "named"):
        return bool(nxt) and following != "by"  # "This is called seclusion."
    if low == "known":
        return following == "as"
    if is_get and low in GET_PHRASES:
        return True
    if following == "to" and low in ("meant", "supposed", "bound"):
        return True
    if following == "to" and low == "used":
        # "You are used to it" (a habit), but "Restraint is used to stop you" (a passive).
        then = nxt[1] if len(nxt) > 1 else ""
        return subject in PERSONS or then.endswith("ing") or then in HABIT_OBJECTS
    if low == "left":
        return subject in NOT_SUBJECTS_OF_LEFT  # "What is left?"
    if low in ("shut", "broken"):
        return "by" not in nxt[:3]  # "The shop is shut", "the lift is broken": a state
    if low == "done":
        return subject in PERSONS or following == "with"  # "when you are done"
    return low == "fed" and following == "up"


@lru_cache(maxsize=4096)
def participle_base(word: str) -> str | None:
    """The verb a past participle comes from ("held" → "hold", "locked" → "lock"), or None."""
    if not (word.islower() or word.isupper()) or "-" in word:
        return None  # a name ("Jared") or a compound adjective ("short-staffed")
    low = word.lower()
    if low in IRREGULAR:
        return IRREGULAR[low]
    if len(low) < 4 or not low.endswith("ed") or low in NOT_PARTICIPLES or low in STATE_WORDS:
        return None
    if zipf(low) < 2.0:
        return None
    stems = [low[:-2], low[:-1]]
    if low.endswith("ied"):
        stems.append(low[:-3] + "y")
    if len(low) > 5 and low[-3] == low[-4] and low[-3] not in "aeiou":
        stems.append(low[:-3])
    # A rare verb counts when its participle is used often enough: "secluded", "sedated".
    known = [
        s
        for s in stems
        if len(s) >= 3 and syllables(s) is not None and (zipf(s) >= 2.5 or zipf(low) >= 2.5)
    ]
    return max(known, key=zipf) if known else None


def active_hint(passive: Passive) -> str:
    """A suggested active sentence: who does it, the verb, then the person it is done to."""
    verb, _, particle = passive.verb.partition(" ")
    agent = passive.agent or "staff"
    if agent.split()[-1] not in PLURAL_AGENTS and not agent.endswith("s"):
        verb = third_person(verb)
    order = (
        (passive.target, particle) if particle in SPLIT_PARTICLES else (particle, passive.target)
    )
    words = " ".join(w for w in (agent, verb, *order) if w)
    return f"Write it actively, for example '{words[0].upper() + words[1:]}'."


def third_person(verb: str) -> str:
    """'hold' → 'holds', 'carry' → 'carries', 'watch' → 'watches'."""
    if verb.endswith("y") and verb[-2:-1] not in tuple("aeiou"):
        return verb[:-1] + "ies"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    return verb + "s"


RULE = Rule(
    id="passive-voice",
    severity=Severity.WARNING,
    rationale="Readers need to know who does what: easy read uses no passives (rulebook 8.1).",
    check=check,
    scope=PAGE,
)
