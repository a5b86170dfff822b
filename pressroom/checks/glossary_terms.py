"""Rule glossary-terms: hard words are bold where they are first used, and explained.

Source: easy-read-rules.md 4.2, 4.3, 4.4 and 14.5 (GOV.UK accessible communication formats: mark
hard words in colour or bold, with a glossary at the end; Easy Read Online: a hard word in bold
with its explanation; People First: bold to make something stand out, and a glossary), and §21
(bold is kept for hard words and one key phrase). Three checks:

* the first time a word from glossary.yml (or one of its ``forms``) is used in the running text,
  it is written in bold (``**seclusion**``), so readers know to look it up; that is an error in
  easy read (4.4: MUST) and a warning in the young people's magazine (SHOULD). Pages are read in
  order; headings, the cover (which names the subject; bold there would not help) and the pages
  that fill themselves in (contents, words to know, credits) are not counted. A term used inside
  a longer term ("restraint" in "mechanical restraint") is a use of the longer one;
* when any glossary word is used there must be a 'words to know' page (``kind: glossary``), which
  lists the meanings: without it, bold words link to nothing;
* bold means "this word is in the glossary" (the cover promises every hard word is explained):
  a bold word or phrase that is not in glossary.yml is an error in easy read and a warning in
  the magazine, except bold names and numbers (every word capitalised or a number, such as
  **Childline** or **0800 1111**), which are labels, not hard words. The cover is not counted.

Matching ignores case and only matches whole words ("advocate" is not found in "advocates" unless
``advocates`` is one of its forms, nor in "self-advocate").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..model import Block, Finding, Location, Page, Publication, Severity, Span, Term
from ..source.kinds import kind_of
from ._api import Context, Fact, facts_rule, first_uses
from ._text import Sentence, words_of

LEAVES = ("text", "code", "html")
BOLD_KINDS = ("paragraph", "row", "list-item", "quote")
NAME_JOINERS = {
    "a",
    "an",
    "and",
    "at",
    "for",
    "in",
    "of",
    "on",
    "the",
    "to",
}  # a cover names the subject; the booklet explains it inside


@dataclass(frozen=True)
class Use:
    """One place a glossary term is used: ``text[start:end]`` of ``sentence``."""

    term: Term
    sentence: Sentence
    start: int
    end: int

    @property
    def location(self) -> Location:
        return self.sentence.location_at(self.start)

    @property
    def text(self) -> str:
        return self.sentence.text[self.start : self.end]


@dataclass(frozen=True)
class Bold:
    """A bold span of a block: its printed text, where that starts, and its span."""

    text: str
    location: Location
    span: Span


def term_pattern(term: Term) -> re.Pattern[str] | None:
    """A case-insensitive whole-word pattern for a term and its forms (longest first)."""
    names = {" ".join(name.split()) for name in (term.word, *term.forms)} - {""}
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in n.split()) for n in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=8)
def _patterns(glossary: tuple[Term, ...]) -> tuple[tuple[Term, re.Pattern[str]], ...]:
    return tuple((term, p) for term in glossary if (p := term_pattern(term)) is not None)


def term_uses(pub: Publication, sentences: tuple[Sentence, ...]) -> Iterator[Use]:
    """Each use of a glossary term in ``sentences``, in order; a use inside a longer one is not
    counted on its own."""
    patterns = _patterns(pub.glossary)
    for sentence in sentences:
        found = [
            Use(term, sentence, m.start(), m.end())
            for term, pattern in patterns
            for m in pattern.finditer(sentence.text)
        ]
        found.sort(key=lambda use: (use.start, -use.end))
        taken_to = -1
        for use in found:
            if use.start < taken_to:
                continue
            taken_to = use.end
            yield use


def bold_spans(block: Block, path: str) -> list[Bold]:
    """The bold (``**bold**`` or ``__bold__``) spans of a block, each placed at its first
    printed character."""
    spans: list[Bold] = []
    for index, span in enumerate(block.spans):
        if span.kind != "bold":
            continue
        first = next((s for s in block.spans[index + 1 :] if s.kind in LEAVES), span)
        where = Location(path, first.line, first.col)
        spans.append(Bold(" ".join(span.text.split()), where, span))
    return spans


TERM, STRAY = "term ", "bold"


def page_facts(page: Page, pub: Publication, ctx: Context) -> list[Fact]:
    """The glossary terms the page uses, where the page first uses each (with a finding if it
    is not bold there), then its bold words that are not glossary terms."""
    if not (kind_of(page).prose and kind_of(page).first_use):
        return []
    facts: list[Fact] = []
    seen: set[str] = set()
    bold: dict[int, list[Span]] = {}
    for use in term_uses(pub, ctx.analysis.body(page)):
        if use.term.word in seen:
            continue
        seen.add(use.term.word)
        block = use.sentence.block
        if id(block) not in bold:
            bold[id(block)] = [s for s in block.spans if s.kind == "bold"]
        finding = None
        if not _is_bold(use, bold[id(block)]):
            finding = ctx.finding(
                use.location,
                f"'{use.text}' is in glossary.yml but is not bold where it is first used.",
                f"Write it as **{use.text}** here, so readers know it is explained "
                "on the 'words to know' page.",
                _profile_severity(ctx),
            )
        facts.append((TERM + use.term.word, finding))
    facts.extend((STRAY, finding) for finding in _stray_bold(page, pub, ctx))
    return facts


def combine(pub: Publication, ctx: Context, facts: list[list[Fact]]) -> Iterator[Finding]:
    """Bold first uses, a words-to-know page, and no bold outside the glossary."""
    terms = [[fact for fact in page if fact[0] != STRAY] for page in facts]
    findings = list(first_uses(terms))
    used = any(terms)
    if used and pub.glossary and not any(page.kind == "glossary" for page in pub.pages):
        yield ctx.finding(
            Location(pub.glossary[0].location.path, 1, 1),
            "Hard words are used but there is no 'words to know' page.",
            "Add a page file with 'kind: glossary' and 'title: Words to know', for example "
            "090-words-to-know.md: it lists the words and their meanings by itself.",
            None if "severity" in ctx.settings else Severity.ERROR,
        )
    findings.extend(f for page in facts for key, f in page if key == STRAY and f is not None)
    yield from sorted(findings, key=lambda f: f.location)


def _is_bold(use: Use, bold: list[Span]) -> bool:
    """Whether every printed character of the use lies inside a bold span."""
    chars = [c for c in use.sentence.chars[use.start : use.end] if not c.char.isspace()]
    return bool(chars) and all(any(s.covers(c.line, c.col) for s in bold) for c in chars)


def _profile_severity(ctx: Context) -> Severity | None:
    """The profile's ``bold_severity`` (an error in easy read, a warning in the magazine),
    unless publication.yml sets a severity."""
    if "severity" in ctx.settings:
        return None
    chosen = str(ctx.settings.get("bold_severity", ""))
    return Severity.ERROR if chosen == "error" else Severity.WARNING


def _stray_bold(page: Page, pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Bold words and phrases of the page that are not glossary terms (names and numbers
    aside)."""
    patterns = [p for _term, p in _patterns(pub.glossary)]
    for block in page.blocks:
        if block.kind not in BOLD_KINDS:
            continue
        for span in bold_spans(block, page.display_path):
            if any(p.search(span.text) for p in patterns) or _is_label(span.text):
                continue
            yield ctx.finding(
                span.location,
                f"'{span.text}' is bold but is not in glossary.yml: bold tells readers a "
                "word is explained on the 'words to know' page.",
                "Add it to glossary.yml with its meaning, or remove the bold (the **).",
                _profile_severity(ctx),
            )


def _is_label(text: str) -> bool:
    """True for names and numbers: every word is a number or starts with a capital letter
    (small joining words aside: "Help at Hand"), and it is not a sentence ("Safe." is one)."""
    words = words_of(text)
    if not words or text.rstrip().endswith((".", "!", "?")):
        return False
    if not (words[0][0].isdigit() or words[0][0].isupper()):
        return False
    return all(w[0].isdigit() or w[0].isupper() or w.lower() in NAME_JOINERS for w in words)


RULE = facts_rule(
    id="glossary-terms",
    severity=Severity.ERROR,
    rationale="Hard words are bold and explained on a words-to-know page (GOV.UK, ERO).",
    page_facts=page_facts,
    combine=combine,
)
