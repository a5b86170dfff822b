"""Rule acronyms: explain every acronym the first time it is used ("IMHA means …").

Source: easy-read-rules.md 5.1, 5.2 and §0 (Inclusion Europe rule 12, Easy Read Online, PIF,
Norfolk: avoid acronyms and initials, and if one must be used explain it in easy words the first
time; GOV.UK: very well-known ones such as NHS and UK may be used; COGA and WCAG 3.1.4: give the
expanded form; lucid-lint's FALC profile: no unexplained acronym). The profile's ``allow`` list
holds the well-known ones. Both profiles allow 0 unexplained acronyms, so the rule is an error
for both; a publication can lower it with ``severity`` in its ``checks:`` settings.

An acronym is a word of at least 2 capital letters, more capitals than small letters, maybe with
digits or one bracketed letter ("CQC", "IMHA", "DoLS", "C(E)TR"), with a plural or possessive "s"
allowed ("GPs"). Whether a word in capitals is an acronym, an ordinary word written in capitals
("STOP", "NEVER": the all-caps rule's job) or a Roman numeral (the roman-numerals rule's job) is
decided once, by :func:`_words.caps_kind`, for all three rules. A few acronyms that are
also words ("PALS", "SEND", "NICE") are always acronyms.

At its first use in the publication (pages in order) an acronym counts as explained when:

- it is a word (or a form) in the glossary;
- the words it stands for are written in the same sentence, or in the sentence before or after
  ("Care Quality Commission (CQC)", "the Care Quality Commission, or CQC"); the words may be in
  lower case when they are right next to the acronym ("long-term segregation (LTS)");
- the same or the next sentence says what it is: "CQC means …", "CQC stands for …", "CQC is
  short for …", "An IMHA is a person who …", "PALS is a service that …", "… is called CQC",
  "… CQC for short". "X is a/the …" alone is not an explanation ("The ICB is the best team"): it
  must name what kind of thing it is (a person, a service, a team…) or go on with "who", "that",
  "which" or "where".

Later uses are not checked. Each acronym is reported once, at its first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ..model import Finding, Page, Publication, Severity, Term
from ..source.kinds import kind_of
from ._api import Context, Fact, acronym_allow_list, facts_rule, first_uses
from ._text import WORD_RE, Sentence
from ._words import INITIALS_RE as ACRONYM_RE
from ._words import caps_kind, in_capitals, looks_like_initials, word_before

SMALL_WORDS = {"of", "and", "for", "the", "in", "on", "to", "with", "a", "at", "by"}
NEAR = 3  # words between an acronym and the words it stands for, when they are in lower case
KINDS = (
    r"person|people|group|team|service|law|organisation|organization|charity|place|meeting"
    r"|plan|form|order|review|check|doctor|nurse|worker|word|name"
)
DEFINITION = (
    r"(?:s|['’]s)?\s+(?:"
    r"means|stands\s+for|is\s+short\s+for|is\s+the\s+short\s+name|is\s+a\s+short\s+way"
    r"|is\s+the\s+name\s+for|(?:is|are)\s+(?:someone|somebody|people|when|where|what)\b"
    rf"|(?:is|are)\s+(?:a|an|the)\s+(?:{KINDS})s?\b"
    r"|(?:is|are)\s+(?:a|an|the)\s+[^.!?]*?\b(?:who|that|which|where|whose)\b"
    r")"
)


def page_facts(page: Page, pub: Publication, ctx: Context) -> list[Fact]:
    """Each acronym the page uses, where the page first uses it, with a finding if it is not
    explained there (reported only where the publication first uses it)."""
    if not kind_of(page).prose:
        return []
    allowed = {_letters(a) for a in acronym_allow_list(pub)}
    glossary = _glossary_keys(pub)
    seen: set[str] = set()
    facts: list[Fact] = []
    sentences = ctx.analysis.sentences(page)
    for index, sentence in enumerate(sentences):
        for match in ACRONYM_RE.finditer(sentence.text):
            acronym = _without_plural(match.group("acr"))
            key = _letters(acronym)
            if key in seen or not is_acronym(match, sentence):
                continue
            seen.add(key)
            if key in allowed or key in glossary or explained(acronym, sentences, index):
                facts.append((key, None))
                continue
            finding = ctx.finding(
                sentence.location_at(match.start()),
                f"'{acronym}' is not explained the first time it is used.",
                f"Write the words in full first, or add '{acronym} means …' in the next "
                "sentence, or add it to glossary.yml.",
            )
            facts.append((key, finding))
    return facts


def combine(pub: Publication, ctx: Context, facts: list[list[Fact]]) -> Iterator[Finding]:
    """Report each acronym whose first use is not explained."""
    return first_uses(facts)


def _without_plural(acronym: str) -> str:
    """'GPs' → 'GP', 'IMHAs' → 'IMHA'; 'DoLS' stays."""
    if len(acronym) > 2 and acronym.endswith("s") and acronym[:-1].isupper():
        return acronym[:-1]
    return acronym


def _letters(acronym: str) -> str:
    """The acronym's capital letters and digits only: 'C(E)TR' → 'CETR'."""
    return re.sub(r"[^A-Z0-9]", "", acronym.upper())


def _glossary_keys(pub: Publication) -> frozenset[str]:
    """Acronyms the glossary explains: its words and forms, and acronyms written in them."""
    return _keys_of(pub.glossary)


@lru_cache(maxsize=8)
def _keys_of(glossary: tuple[Term, ...]) -> frozenset[str]:
    keys: set[str] = set()
    for term in glossary:
        for name in (term.word, *term.forms):
            if len(name.split()) == 1:
                keys.add(_letters(_without_plural(name)))  # "CQC", "cqc" or "IMHAs"
            found = ACRONYM_RE.finditer(name)
            keys.update(_letters(_without_plural(m.group("acr"))) for m in found)
    keys.discard("")
    return frozenset(keys)


def is_acronym(match: re.Match[str], sentence: Sentence) -> bool:
    """True for 'CQC', 'DoLS' or 'C(E)TR'; False for a word in capitals, a Roman numeral, a
    time or a name (the decision is :func:`_words.caps_kind`'s, shared with all-caps
    and roman-numerals)."""
    acronym = _without_plural(match.group("acr"))
    if not looks_like_initials(acronym):
        return False
    if acronym in ("AM", "PM") and re.search(r"\d\s*$", sentence.text[: match.start()]):
        return False
    label = word_before(sentence.text, match.start())
    after = sentence.text[match.end() : match.end() + 1]
    return caps_kind(acronym, label, after, in_capitals(sentence.text)) == "acronym"


def explained(acronym: str, sentences: Sequence[Sentence], index: int) -> bool:
    """True if the sentence, or the one before or after, says what the acronym stands for."""
    here = sentences[index].text
    after = sentences[index + 1].text if index + 1 < len(sentences) else ""
    before = sentences[index - 1].text if index > 0 else ""
    name = re.escape(acronym)
    if any(re.search(rf"(?<![\w'’]){name}{DEFINITION}", text) for text in (here, after)):
        return True
    if re.search(rf"\bcall(?:ed|s)?\s+(?:it\s+|them\s+|this\s+)?(?:the\s+)?{name}\b", here) or (
        re.search(rf"(?<![\w'’]){name}\s+for\s+short\b", here)
    ):
        return True
    return any(
        _spelled_out(acronym, text, near=text is here) for text in (here, before, after) if text
    )


def _spelled_out(acronym: str, text: str, near: bool) -> bool:
    """True if ``text`` has words whose first letters make the acronym.

    Capitalised words count anywhere in the text; lower-case ones only ``NEAR`` words from the
    acronym in the same sentence ("long-term segregation (LTS)").
    """
    parts: list[tuple[str, int]] = []  # (word part, index of its word)
    positions: list[int] = []
    uses = [m.span() for m in re.finditer(rf"(?<![\w'’]){re.escape(acronym)}", text)]
    for number, match in enumerate(WORD_RE.finditer(text)):
        if any(start <= match.start() < end for start, end in uses):
            positions.append(number)  # the acronym itself (maybe several words: "C(E)TR")
            continue
        parts.extend((part, number) for part in match.group(0).split("-") if part)
    for letters in _spellings(acronym):
        for start, end in _runs([p for p, _ in parts], letters.lower()):
            words = [parts[k][0] for k in range(start, end)]
            content = [w for w in words if w.lower() not in SMALL_WORDS]
            if all(w[0].isupper() for w in content):
                return True
            first, last = parts[start][1], parts[end - 1][1]
            if near and any(first - NEAR - 1 <= p <= last + NEAR + 1 for p in positions):
                return True
    return False


def _spellings(acronym: str) -> list[str]:
    """The letters to look for: 'C(E)TR' → 'CETR' and 'CTR'; digits are left out."""
    full = re.sub(r"[^A-Z]", "", acronym)
    short = re.sub(r"[^A-Z]", "", re.sub(r"\([A-Z]+\)", "", acronym))
    return [full] if short == full else [full, short]


def _runs(parts: list[str], letters: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of words whose first letters spell ``letters``.

    Small words ("of", "and", "the") may be skipped or may give a letter.
    """

    def match(k: int, i: int) -> int | None:
        if i == len(letters):
            return k
        if k >= len(parts):
            return None
        word = parts[k].lower()
        if word[0] == letters[i]:
            end = match(k + 1, i + 1)
            if end is not None:
                return end
        if word in SMALL_WORDS and i > 0:
            return match(k + 1, i)
        return None

    for start, part in enumerate(parts):
        if part[0].lower() == letters[0]:
            end = match(start, 0)
            if end is not None:
                yield start, end


RULE = facts_rule(
    id="acronyms",
    severity=Severity.ERROR,
    rationale="Readers may not know what initials stand for: explain them at first use (5.1, 5.2).",
    page_facts=page_facts,
    combine=combine,
)
