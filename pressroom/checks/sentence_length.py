"""Rule sentence-length: every sentence is short.

Source: easy-read-rules.md 2.1 (GOV.UK accessible communication formats: 10 to 15 words;
Department of Health 2009: over 15 words is harder; Photosymbols and PIF: 15 at most). Young
people: NHS content style guide 20, GOV.UK 25. Each line of an easy read row, each list item and
each heading counts on its own; a number or a hyphenated word counts as one word.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, prose_pages
from ._text import Sentence

BREAK_WORDS = {"and", "but", "because", "so", "or", "when", "if", "which", "who", "until", "while"}


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Warn above ``warn`` words and fail above ``error`` words."""
    warn, error = int(ctx.settings["warn"]), int(ctx.settings["error"])
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            count = sentence.word_count
            if count <= warn:
                continue
            severity = Severity.ERROR if count > error else Severity.WARNING
            if count > error:
                message = (
                    f"Sentence has {count} words; {ctx.audience} allows at most {error} "
                    f"(and aims for {warn})."
                )
            else:
                message = f"Sentence has {count} words; {ctx.audience} aims for {warn} or fewer."
            yield ctx.finding(
                sentence.location,
                message,
                split_hint(sentence, warn),
                severity,
            )


def split_hint(sentence: Sentence, limit: int) -> str:
    """Where a long sentence could be split: after a comma or before a joining word."""
    words = sentence.words
    candidates: list[int] = []
    for index in range(2, len(words) - 2):
        word = words[index]
        start = sentence.text.find(word.text, _offset(sentence, index - 1))
        before = sentence.text[:start].rstrip()
        if before.endswith(",") or word.text.lower() in BREAK_WORDS:
            candidates.append(index)
    if not candidates:
        return "Split it into two sentences, each with one idea."
    middle = min(len(words) // 2, limit)
    best = min(candidates, key=lambda i: abs(i - middle))
    return f"Split it after '{words[best - 1].text}' and start a new sentence."


def _offset(sentence: Sentence, index: int) -> int:
    """Character offset of word ``index`` in the sentence text (its first occurrence in order)."""
    pos = 0
    for i, word in enumerate(sentence.words):
        pos = sentence.text.find(word.text, pos)
        if i == index:
            return pos
        pos += len(word.text)
    return pos


RULE = Rule(
    id="sentence-length",
    severity=Severity.WARNING,
    rationale="Short sentences are easier to read; easy read keeps them to 15 words (GOV.UK, DH).",
    check=check,
    scope=PAGE,
)
