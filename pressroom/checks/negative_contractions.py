"""Rule negative-contractions: write "cannot" and "do not", never "can't" and "don't".

Source: easy-read-rules.md 5.4 (Norfolk County Council easy read guidance: "cannot", not "can't";
GOV.UK style: avoid negative contractions; Social Security Scotland and ONS style guides). The
short "n't" is easy to miss, and then the sentence reads as its opposite. This holds for easy
read and for the young people's magazine alike (positive contractions such as "you're" are a
different matter and are not reported here). Both the straight (') and the curly (’) apostrophe
are found, and so are a few common spellings without one ("dont", "isnt"). Words are found by
the shared tokenizer (:mod:`_words`), which keeps a contraction whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Publication, Severity
from ._api import PAGE, Context, Rule, prose_pages
from ._words import is_negative_contraction, tokens

NO_APOSTROPHE_RE = re.compile(
    r"(?P<stem>do|does|did|is|was|were|are|has|have|had|should|would|could|must)(?P<nt>nt)",
    re.IGNORECASE,
)
IRREGULAR = {"ca": "cannot", "wo": "will not", "sha": "shall not", "ai": "is not"}


def check(pub: Publication, ctx: Context) -> Iterator[Finding]:
    """Report each negative contraction with the words to write instead."""
    for page in prose_pages(pub):
        for sentence in ctx.analysis.sentences(page):
            for token in tokens(sentence.text):
                word = token.text
                if is_negative_contraction(word):
                    stem, nt = word[:-3], word[-3:]
                elif match := NO_APOSTROPHE_RE.fullmatch(word):
                    stem, nt = match.group("stem"), match.group("nt")
                else:
                    continue
                yield ctx.finding(
                    sentence.location_at(token.start),
                    f"'{word}' is a short form: readers can miss the 'not' and read the opposite.",
                    f"Write '{expand(stem, nt)}' instead.",
                )


def expand(stem: str, nt: str) -> str:
    """The full words for a contraction: ('can', "n't") -> 'cannot', ('Do', "n't") -> 'Do not'."""
    lower = stem.lower()
    full = IRREGULAR.get(lower, f"{lower} not") if "'" in nt or "’" in nt else f"{lower} not"
    if stem.isupper() and len(stem) > 1:
        return full.upper()
    if stem[0].isupper():
        return full[0].upper() + full[1:]
    return full


RULE = Rule(
    id="negative-contractions",
    severity=Severity.ERROR,
    rationale="Write 'cannot', not 'can't': the short form is misread as its opposite (Norfolk, "
    "GOV.UK style).",
    check=check,
    scope=PAGE,
)
