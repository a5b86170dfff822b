"""Rule latin-abbreviations: no "e.g.", "i.e.", "etc.", "vs" or "approx."; write the words.

Source: easy-read-rules.md 4.7 (Inclusion Europe, Information for all: no words from other
languages, no Latin such as "e.g.", "i.e.", "etc.", "vs", "ad hoc") and 5.3 (Norfolk County
Council easy read guidance: write "for example", not "eg"; no abbreviations such as "approx.").
Short forms are matched as whole words, with or without their full stops ("eg", "e.g", "e. g.").
Bare "eg", "ie" and "vs" count only in lower case (or with a capital first letter), so that an
acronym in capitals is left to the acronyms rule. A few well-known Latin phrases ("ad hoc",
"per annum", "vice versa") are reported too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, prose_pages

START = r"(?<![\w.'’&-])"
END = r"(?![\w'’&-])"


@dataclass(frozen=True)
class ShortForm:
    """A Latin short form or phrase, and the plain words to write instead."""

    pattern: str
    instead: str
    phrase: bool = False


SHORT_FORMS = (
    ShortForm(r"(?i:e\.\s?g\.?)|[Ee]g\.?", "for example"),
    ShortForm(r"(?i:i\.\s?e\.?)|[Ii]e\.?", "that means"),
    ShortForm(r"(?i:etc\.?|et\s?cetera)", "and more"),
    ShortForm(r"[Vv]s\.?", "against"),
    ShortForm(r"(?i:approx\.?)", "about"),
    ShortForm(r"(?i:et\.?\s?al\.?)", "and others"),
    ShortForm(r"[Cc]f\.", "compare with"),
    ShortForm(r"[Vv]iz\.?", "that means"),
    ShortForm(r"[Nn]\.\s?[Bb]\.?|NB(?=:)", "remember"),
    ShortForm(r"(?i:ad\s+hoc)", "when it is needed", phrase=True),
    ShortForm(r"(?i:per\s+annum)", "a year", phrase=True),
    ShortForm(r"(?i:per\s+se)", "on its own", phrase=True),
    ShortForm(r"(?i:vice\s+versa)", "the other way round", phrase=True),
    ShortForm(r"(?i:status\s+quo)", "the way things are now", phrase=True),
)
SHORT_FORM_RE = re.compile(
    "|".join(f"(?P<f{i}>{START}(?:{form.pattern}){END})" for i, form in enumerate(SHORT_FORMS))
)


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each Latin short form or phrase, with the plain words to use."""
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            for match in SHORT_FORM_RE.finditer(sentence.text):
                form = SHORT_FORMS[int(str(match.lastgroup)[1:])]
                found = " ".join(match.group(0).split())
                kind = "is Latin" if form.phrase else "is a short form"
                yield ctx.finding(
                    sentence.location_at(match.start()),
                    f"'{found}' {kind} that many readers do not know.",
                    f"Write '{form.instead}' instead.",
                )


RULE = Rule(
    id="latin-abbreviations",
    severity=Severity.ERROR,
    rationale="Write 'for example', not 'e.g.': no Latin short forms (Inclusion Europe, Norfolk).",
    check=check,
    scope=PAGE,
)
