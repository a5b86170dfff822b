"""Rule readability: Flesch reading ease and Flesch-Kincaid grade per page, as advice.

Source: easy-read-rules.md 17 (Norfolk County Council: grade 4 to 6 for easy read; DWP: grade 4
or lower; errata-ai/readability: ease 70 or more). The formulas only count syllables and sentence
length, and readers with a learning disability were not part of how they were made (section
17.2), so this rule only gives advice ("info"): it never fails a build on its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from . import _language as language
from ._api import PAGE, Context, Rule, prose_pages


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report pages whose scores miss the profile's targets."""
    max_grade = float(ctx.settings["max_grade"])
    min_ease = float(ctx.settings["min_ease"])
    for page in prose_pages(pub):
        sentences = ctx.analysis.body(page)
        if sum(s.word_count for s in sentences) < int(ctx.settings["min_words"]):
            continue
        score = language.readability(" ".join(_as_sentence(s.text) for s in sentences))
        if score.flesch_kincaid_grade > max_grade or score.flesch_reading_ease < min_ease:
            yield ctx.finding(
                sentences[0].location,
                f"This page reads at grade {score.flesch_kincaid_grade:g} with reading ease "
                f"{score.flesch_reading_ease:g}; {ctx.audience} aims for grade {max_grade:g} or "
                f"lower and ease {min_ease:g} or higher.",
                "Use shorter sentences and shorter words; read it aloud to someone who will "
                "use it. The score is only a guide.",
            )


def _as_sentence(text: str) -> str:
    return text if text.rstrip().endswith((".", "!", "?")) else text.rstrip() + "."


RULE = Rule(
    id="readability",
    severity=Severity.INFO,
    rationale="Readability scores are a rough guide, never the only test (rulebook 17).",
    check=check,
    scope=PAGE,
)
