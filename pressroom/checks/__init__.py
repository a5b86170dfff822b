"""The rulebook: the registry of every check, and running them with each profile's settings.

To add a rule: write ``pressroom/checks/<rule_id>.py`` with a ``RULE``, add it to ``ALL_CHECKS``
below, give it thresholds in :mod:`source.profiles` for the profiles it applies to, and add
passing and failing examples in ``tests/checks/<rule-id>.yml``, and its entry in
``catalogue.yml`` (the catalogue of every finding id, see :mod:`._catalogue`). Declare its scope
(:class:`._api.Rule`): what it finds on a page is kept page by page between runs unless it is a
``"publication"`` rule (:mod:`._pages`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from ..model import Audience, Finding, Location, Publication, Severity
from ..source.config import did_you_mean
from . import (
    acronyms,
    all_caps,
    ampersands,
    average_sentence_length,
    brackets,
    document_length,
    double_negatives,
    emphasis,
    glossary_terms,
    glossary_unused,
    hard_words,
    invisible_characters,
    latin_abbreviations,
    negative_contractions,
    number_words,
    passive_voice,
    percentages,
    phone_number,
    picture_alt,
    picture_credits,
    placeholder,
    raw_html,
    readability,
    roman_numerals,
    row_length,
    row_picture,
    rows_per_page,
    semicolons,
    sentence_length,
    sentence_per_line,
    sign_off,
    unsafe_link,
)
from ._api import FACTS, PAGE, Analysis, Context, Rule
from ._catalogue import catalogue, entry, is_settings_problem
from ._generated import check_generated_words
from ._pages import KeptPages, run_by_facts, run_by_page
from ._settings import apply_settings, rule_overrides

ALL_CHECKS: tuple[Rule, ...] = (
    acronyms.RULE,
    all_caps.RULE,
    ampersands.RULE,
    average_sentence_length.RULE,
    brackets.RULE,
    document_length.RULE,
    double_negatives.RULE,
    emphasis.RULE,
    glossary_terms.RULE,
    glossary_unused.RULE,
    hard_words.RULE,
    invisible_characters.RULE,
    latin_abbreviations.RULE,
    negative_contractions.RULE,
    number_words.RULE,
    passive_voice.RULE,
    percentages.RULE,
    phone_number.RULE,
    picture_alt.RULE,
    picture_credits.RULE,
    placeholder.RULE,
    raw_html.RULE,
    readability.RULE,
    roman_numerals.RULE,
    row_length.RULE,
    row_picture.RULE,
    rows_per_page.RULE,
    semicolons.RULE,
    sentence_length.RULE,
    sentence_per_line.RULE,
    sign_off.RULE,
    unsafe_link.RULE,
)

RULES_BY_ID = {rule.id: rule for rule in ALL_CHECKS}


def run_checks(
    pub: Publication, only: Iterable[str] | None = None, kept: KeptPages | None = None
) -> list[Finding]:
    """Run every rule the publication's profile lists, honouring its ``checks:`` settings and
    allow markers (see :func:`apply_settings`). With ``only``, just those rules, and nothing is
    said about markers or settings. With ``kept``, page-scope rules read only the pages whose
    findings are not kept there, and keep what they find (see :mod:`._pages`)."""
    overrides, findings = rule_overrides(pub)
    analysis = Analysis(split_lines=pub.audience.line_breaks)
    wanted = set(only) if only is not None else None
    raw: list[Finding] = []
    for rule_id, defaults in pub.audience.rules.items():
        rule = RULES_BY_ID.get(rule_id)
        if rule is None or (wanted is not None and rule_id not in wanted):
            continue
        override = overrides.get(rule_id, {})
        if override == "off":
            continue
        ctx = Context(rule, {**defaults, **override}, pub.audience.label, analysis)
        if kept is not None and rule.scope == PAGE:
            raw.extend(run_by_page(pub, rule_id, kept, _runner(rule, ctx)))
        elif kept is not None and rule.scope == FACTS:
            raw.extend(_guarded(pub, rule, partial(run_by_facts, pub, rule, ctx, kept)))
        else:
            raw.extend(_run_one(pub, rule, ctx))
    if wanted is not None:
        return apply_settings(pub, raw, stages=())
    return findings + apply_settings(pub, raw, stages=("check",))


def profile_rule_findings(audience: Audience) -> list[Finding]:
    """A rule a profile file lists that does not exist (it would never run): a settings error."""
    findings = []
    for rule_id in audience.rules:
        if rule_id not in RULES_BY_ID:
            hint = did_you_mean(rule_id, list(RULES_BY_ID))
            findings.append(
                Finding(
                    Location(audience.path, audience.rule_lines.get(rule_id, 1), 1),
                    Severity.ERROR,
                    "bad-profile",
                    f"There is no rule called '{rule_id}'.{hint}",
                    "Use a rule id from the README's table of rules.",
                )
            )
    return findings


def _runner(rule: Rule, ctx: Context) -> Callable[[Publication], list[Finding]]:
    return lambda pub: _run_one(pub, rule, ctx)


def _run_one(pub: Publication, rule: Rule, ctx: Context) -> list[Finding]:
    return _guarded(pub, rule, lambda: rule.check(pub, ctx))


def _guarded(pub: Publication, rule: Rule, run: Callable[[], Iterable[Finding]]) -> list[Finding]:
    try:
        return list(run())
    except Exception as exc:  # a bug in a rule must not hide the other findings
        return [
            Finding(
                pub.config_location(),
                Severity.ERROR,
                "internal-error",
                f"The rule '{rule.id}' failed: {type(exc).__name__}: {exc}.",
                "This is a bug in pressroom; please report it with this page.",
            )
        ]


__all__ = [
    "ALL_CHECKS",
    "RULES_BY_ID",
    "KeptPages",
    "apply_settings",
    "catalogue",
    "check_generated_words",
    "entry",
    "is_settings_problem",
    "profile_rule_findings",
    "rule_overrides",
    "run_checks",
]
