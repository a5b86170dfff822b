"""What every rule is made of, and the helpers rules share.

A rule is data plus one small function: an id (kebab-case, the same as its module name with
hyphens), a default severity, a one-line rationale naming its source, and ``check(pub, ctx)``
which yields findings. Its thresholds come from the profile (:mod:`source.profiles`), merged
with the publication's own ``checks:`` settings, through ``ctx.settings``. Rules never read files
and never raise on content: they are pure functions of the loaded publication.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Finding, Location, Page, Publication, Severity
from ..source.kinds import kind_of
from ._text import Sentence, page_sentences
from ._words import PART_RE as TOKEN_RE
from ._words import Token, tokens


@dataclass
class Analysis:
    """Text analysis shared by all rules of one run, computed once per page.

    In easy read every source line is printed on its own line, so a line break ends a sentence
    unit there (``split_lines``).
    """

    split_lines: bool = False
    _sentences: dict[str, tuple[Sentence, ...]] = field(default_factory=dict)

    def sentences(self, page: Page) -> tuple[Sentence, ...]:
        """Every sentence of the page, headings included."""
        if page.display_path not in self._sentences:
            self._sentences[page.display_path] = page_sentences(page, self.split_lines)
        return self._sentences[page.display_path]

    def body(self, page: Page) -> tuple[Sentence, ...]:
        """Sentences of running text (no headings)."""
        return tuple(s for s in self.sentences(page) if s.block.kind != "heading")


@dataclass(frozen=True)
class Context:
    """What a rule gets besides the publication: its settings, shared analysis, a factory."""

    rule: Rule
    settings: Mapping[str, Any]
    audience: str
    """How messages name the audience (its profile's ``label``)."""
    analysis: Analysis = field(default_factory=Analysis)

    def finding(
        self, location: Location, message: str, fix: str = "", severity: Severity | None = None
    ) -> Finding:
        """A finding of this rule at ``location``.

        The severity is the publication's ``severity`` setting for the rule if it has one, else
        the one the rule chose for this finding, else the rule's default.
        """
        configured = self.settings.get("severity")
        chosen = Severity(configured) if configured else (severity or self.rule.severity)
        return Finding(location, chosen, self.rule.id, message, fix)


CheckFn = Callable[[Publication, Context], Iterable[Finding]]

Fact = tuple[str, "Finding | None"]
"""What a rule learns from one page: a key (a word, a text) and the finding it would give there."""
FactsFn = Callable[[Page, Publication, Context], list[Fact]]
CombineFn = Callable[[Publication, Context, list[list[Fact]]], Iterable[Finding]]

PAGE, FACTS, PUBLICATION = "page", "facts", "publication"
SCOPES = (PAGE, FACTS, PUBLICATION)


@dataclass(frozen=True)
class Rule:
    """One check: its identity, why it exists (with its source) and what it does.

    ``scope`` says what a finding can depend on, so that what a rule found on a page can be kept
    between runs while the page is unchanged (:mod:`._pages`):

    - ``"page"``: each finding about a page is placed in that page's file and depends only on
      that page and on what is not a page (the settings, the glossary, the profile);
    - ``"facts"``: the rule reads each page alone (``page_facts``: what that page holds, each
      with the finding it would give there, depending on that page and on what is not a page)
      and then puts the pages' facts together, in page order (``combine``: "the first time a
      word is used", "is this word used anywhere"); ``check`` is the two in a row;
    - ``"publication"`` (the default): findings may depend on anything, every run reads it all.

    A test checks each rule's scope against what it finds.
    """

    id: str
    severity: Severity
    rationale: str
    check: CheckFn
    scope: str = PUBLICATION
    page_facts: FactsFn | None = None
    combine: CombineFn | None = None


def facts_rule(
    id: str, severity: Severity, rationale: str, page_facts: FactsFn, combine: CombineFn
) -> Rule:
    """A rule of scope ``"facts"``: its check reads every page's facts, then combines them."""

    def check(pub: Publication, ctx: Context) -> Iterable[Finding]:
        return combine(pub, ctx, [page_facts(page, pub, ctx) for page in pub.pages])

    return Rule(id, severity, rationale, check, FACTS, page_facts, combine)


def first_uses(facts: list[list[Fact]]) -> Iterator[Finding]:
    """The findings of the first fact with each key, in page order (a key seen on an earlier
    page is not reported again, whatever its finding there)."""
    seen: set[str] = set()
    for page in facts:
        for key, finding in page:
            if key in seen:
                continue
            seen.add(key)
            if finding is not None:
                yield finding


def prose_pages(pub: Publication) -> Iterator[Page]:
    """Pages written by the editor: the kinds that are ``prose`` in :mod:`pressroom.source.kinds`
    (not the contents, glossary and credits pages, whose text pressroom writes)."""
    for page in pub.pages:
        if kind_of(page).prose:
            yield page


def acronym_allow_list(pub: Publication) -> set[str]:
    """Acronyms readers know: the profile's ``acronyms.allow`` list plus the publication's own."""
    words: list[Any] = list(pub.audience.rules.get("acronyms", {}).get("allow", []))
    checks = pub.settings.checks or {}
    own = checks.get("acronyms") if isinstance(checks, dict) else None
    if isinstance(own, dict) and isinstance(own.get("allow"), list):
        words.extend(own["allow"])
    return {str(word) for word in words}


def quote(text: str, limit: int = 40) -> str:
    """A short quotation of ``text`` for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


__all__ = [
    "FACTS",
    "PAGE",
    "PUBLICATION",
    "SCOPES",
    "TOKEN_RE",
    "Analysis",
    "Context",
    "Fact",
    "Rule",
    "Token",
    "acronym_allow_list",
    "facts_rule",
    "first_uses",
    "quote",
    "tokens",
]
