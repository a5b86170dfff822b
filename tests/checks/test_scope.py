"""Each rule's declared ``scope`` is true of what it finds.

A ``"page"`` rule is one whose findings can be kept page by page between runs: run on the whole
publication, it must find exactly what it finds on the publication without pages (settings,
glossary) plus, for each page, what it finds on the publication holding that page alone, every
one of those placed in that page's file. A ``"facts"`` rule must learn from each page the same
facts whether the page is alone or among the others. Both are checked on the repository's
publications and on every example of the rule in ``tests/checks/<rule-id>.yml`` (whose extra
pages are there to show what crosses pages). Each check is shown to catch a rule that reads
across pages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from pressroom.checks import ALL_CHECKS, RULES_BY_ID
from pressroom.checks._api import (
    FACTS,
    PAGE,
    SCOPES,
    Analysis,
    Context,
    Fact,
    Rule,
    facts_rule,
    first_uses,
)
from pressroom.checks._settings import rule_overrides
from pressroom.model import Finding, Page, Publication, Severity
from pressroom.source.load import Sources, load_publication

from ..conftest import REPO
from .harness import Case, load_case, load_cases

PAGE_RULES = sorted(rule.id for rule in ALL_CHECKS if rule.scope == PAGE)
FACTS_RULES = sorted(rule.id for rule in ALL_CHECKS if rule.scope == FACTS)


def _context(rule: Rule, whole: Publication) -> Context | None:
    """The rule's context with the settings of ``whole`` (a fresh analysis); None if off."""
    override = rule_overrides(whole)[0].get(rule.id, {})
    if override == "off":
        return None
    settings = {**whole.audience.rules.get(rule.id, {}), **override}
    return Context(rule, settings, whole.audience.label, Analysis(whole.audience.line_breaks))


def _found(pub: Publication, rule: Rule, whole: Publication) -> list[Finding]:
    ctx = _context(rule, whole)
    return [] if ctx is None else list(rule.check(pub, ctx))


def facts_problems(pub: Publication, rule: Rule) -> list[str]:
    """The pages whose facts differ when the page is read alone, and a check that is not the
    pages' facts combined."""
    ctx = _context(rule, pub)
    if ctx is None:
        return []
    assert rule.page_facts is not None and rule.combine is not None
    among = [rule.page_facts(page, pub, ctx) for page in pub.pages]
    problems = []
    for page, facts in zip(pub.pages, among, strict=True):
        fresh = _context(rule, pub)
        assert fresh is not None
        if rule.page_facts(page, replace(pub, pages=(page,)), fresh) != facts:
            problems.append(page.display_path)
    if list(rule.check(pub, ctx)) != list(rule.combine(pub, ctx, among)):
        problems.append("check is not combine")
    return problems


def page_by_page_problems(pub: Publication, rule: Rule) -> list[str]:
    """How the rule's findings page by page differ from its findings on the whole publication
    (empty when they are the same)."""
    rest = _found(replace(pub, pages=()), rule, pub)
    pieced = list(rest)
    problems: list[str] = []
    for page in pub.pages:
        alone = Counter(_found(replace(pub, pages=(page,)), rule, pub))
        alone.subtract(rest)
        own = list(alone.elements())
        problems.extend(
            f"{f.as_line()} (found with {page.display_path} alone)"
            for f in own
            if f.location.path != page.display_path
        )
        pieced.extend(own)
    whole = Counter(_found(pub, rule, pub))
    pieced_count = Counter(pieced)
    problems.extend(f"only in the whole: {f.as_line()}" for f in whole - pieced_count)
    problems.extend(f"only page by page: {f.as_line()}" for f in pieced_count - whole)
    return problems


@pytest.fixture(scope="module")
def publications() -> list[Publication]:
    src = Sources(REPO)
    pubs = [load_publication(src, slug)[0] for slug in ("my-rights", "restrictive-practices")]
    assert all(pub is not None for pub in pubs)
    return [pub for pub in pubs if pub is not None]


def test_every_rule_declares_a_known_scope() -> None:
    assert {rule.scope for rule in ALL_CHECKS} == set(SCOPES)
    for rule in ALL_CHECKS:
        has_facts = rule.page_facts is not None and rule.combine is not None
        assert has_facts == (rule.scope == FACTS), rule.id


@pytest.mark.parametrize("rule_id", FACTS_RULES)
def test_a_facts_rule_learns_the_same_from_a_page_alone_in_the_publications(
    rule_id: str, publications: list[Publication]
) -> None:
    for pub in publications:
        if rule_id in pub.audience.rules:
            assert facts_problems(pub, RULES_BY_ID[rule_id]) == [], pub.slug


@pytest.mark.parametrize("rule_id", FACTS_RULES)
def test_a_facts_rule_learns_the_same_from_a_page_alone_in_its_examples(
    rule_id: str, tmp_path: Path
) -> None:
    for case in load_cases(rule_id):
        pub = load_case(case, tmp_path / case.name.replace(" ", "-")[:40])
        assert facts_problems(pub, RULES_BY_ID[rule_id]) == [], case.name


def test_the_facts_check_catches_facts_that_depend_on_other_pages(tmp_path: Path) -> None:
    """A made-up rule whose facts count the publication's pages is caught."""

    def counting(page: Page, pub: Publication, ctx: Context) -> list[Fact]:
        where = replace(pub.config_location(), path=page.display_path)
        return [(page.name, ctx.finding(where, f"one of {len(pub.pages)} pages"))]

    def combine(pub: Publication, ctx: Context, facts: list[list[Fact]]) -> list[Finding]:
        return list(first_uses(facts))

    rule = facts_rule("sign-off", Severity.INFO, "made up", counting, combine)
    case = Case("sign-off", "two pages", {"page": "Hello.\n", "extra_pages": ["Hello.\n"]})
    assert facts_problems(load_case(case, tmp_path), rule) != []


@pytest.mark.parametrize("rule_id", PAGE_RULES)
def test_a_page_rule_finds_the_same_page_by_page_in_the_publications(
    rule_id: str, publications: list[Publication]
) -> None:
    for pub in publications:
        if rule_id in pub.audience.rules:
            assert page_by_page_problems(pub, RULES_BY_ID[rule_id]) == [], pub.slug


@pytest.mark.parametrize("rule_id", PAGE_RULES)
def test_a_page_rule_finds_the_same_page_by_page_in_its_examples(
    rule_id: str, tmp_path: Path
) -> None:
    for case in load_cases(rule_id):
        pub = load_case(case, tmp_path / case.name.replace(" ", "-")[:40])
        assert page_by_page_problems(pub, RULES_BY_ID[rule_id]) == [], case.name


@pytest.mark.parametrize(
    ("rule_id", "text"),
    [("hard-words", "You can commence now."), ("acronyms", "The QXZ team helps you.")],
)
def test_the_check_catches_a_rule_that_reads_across_pages(
    rule_id: str, text: str, tmp_path: Path
) -> None:
    """Reported where it is first used: the same words on two pages are reported on both
    when each page is read alone, so such a rule cannot be a page rule."""
    case = Case(rule_id, "twice", {"page": text + "\n", "extra_pages": [text + "\n"]})
    pub = load_case(case, tmp_path)
    assert RULES_BY_ID[rule_id].scope != PAGE
    assert page_by_page_problems(pub, RULES_BY_ID[rule_id]) != []
