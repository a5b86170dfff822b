"""Rules run page by page, with what each found on a page kept between runs.

A rule whose ``scope`` is ``"page"`` (see :class:`._api.Rule`) finds on a page only what that page
and the publication's other parts (settings, glossary, profile) hold. So its findings on a page
whose key has not changed (the page's bytes and everything that is not a page, see
:func:`pressroom.publish.cache.page_keys`) are the ones it found last time, and only the pages
that changed are read again: the rule runs once on the publication with just those pages, and
its findings are shared out to the pages by the file they are in. What it says about the other
parts (publication.yml, glossary.yml) is found again on every run.

A rule whose scope is ``"facts"`` keeps each page's facts the same way; its ``combine`` step,
which reads every page's facts in order, runs on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ..model import Finding, Page, Publication
from ._api import Context, Fact, Rule

INTERNAL_ERROR = "internal-error"


@dataclass
class KeptPages:
    """What the rules found on each page (``"page"`` rules) or learnt from it (``"facts"``
    rules), by page key, then rule id; ``keys`` gives each page's key by its path (a page
    without one is always read again)."""

    keys: dict[str, str]
    found: dict[str, dict[str, list[Finding]]] = field(default_factory=dict)
    facts: dict[str, dict[str, list[Fact]]] = field(default_factory=dict)

    def get(self, page: Page, rule_id: str) -> list[Finding] | None:
        """What ``rule_id`` found on ``page`` as it is now, if it was kept."""
        key = self.keys.get(page.display_path)
        return None if key is None else self.found.get(key, {}).get(rule_id)

    def put(self, page: Page, rule_id: str, findings: list[Finding]) -> None:
        key = self.keys.get(page.display_path)
        if key is not None:
            self.found.setdefault(key, {})[rule_id] = findings

    def get_facts(self, page: Page, rule_id: str) -> list[Fact] | None:
        """What ``rule_id`` learnt from ``page`` as it is now, if it was kept."""
        key = self.keys.get(page.display_path)
        return None if key is None else self.facts.get(key, {}).get(rule_id)

    def put_facts(self, page: Page, rule_id: str, facts: list[Fact]) -> None:
        key = self.keys.get(page.display_path)
        if key is not None:
            self.facts.setdefault(key, {})[rule_id] = facts

    def current(self) -> KeptPages:
        """The entries of the pages as they are now (older pages' entries are dropped)."""
        wanted = set(self.keys.values())
        return KeptPages(
            self.keys,
            {key: rules for key, rules in self.found.items() if key in wanted},
            {key: rules for key, rules in self.facts.items() if key in wanted},
        )


def run_by_page(
    pub: Publication,
    rule_id: str,
    kept: KeptPages,
    run: Callable[[Publication], Iterable[Finding]],
) -> list[Finding]:
    """The findings of the page-scope rule ``rule_id`` on ``pub`` (``run`` runs it on a
    publication): the kept findings of unchanged pages, the fresh findings of the others."""
    todo = tuple(page for page in pub.pages if kept.get(page, rule_id) is None)
    fresh = list(run(replace(pub, pages=todo)))
    if any(f.rule == INTERNAL_ERROR for f in fresh):
        return list(run(pub))  # a rule that failed is not kept, and says so about every page
    paths = {page.display_path for page in todo}
    own: dict[str, list[Finding]] = {path: [] for path in paths}
    found = [f for f in fresh if f.location.path not in paths]  # about what is not a page
    for finding in fresh:
        if finding.location.path in paths:
            own[finding.location.path].append(finding)
    for page in todo:
        kept.put(page, rule_id, own[page.display_path])
    for page in pub.pages:
        path = page.display_path
        found.extend(own[path] if path in own else kept.get(page, rule_id) or [])
    return found


def run_by_facts(pub: Publication, rule: Rule, ctx: Context, kept: KeptPages) -> list[Finding]:
    """The findings of the facts-scope ``rule`` on ``pub``: each page's facts, kept or read
    now, combined in page order."""
    assert rule.page_facts is not None and rule.combine is not None
    facts = []
    for page in pub.pages:
        found = kept.get_facts(page, rule.id)
        if found is None:
            found = rule.page_facts(page, pub, ctx)
            kept.put_facts(page, rule.id, found)
        facts.append(found)
    return list(rule.combine(pub, ctx, facts))
