"""What every rule is made of, and the helpers rules share.

A rule is data plus one small function: an id (kebab-case, the same as its module name with
hyphens), a default severity, a one-line rationale naming its source, the profiles it applies to,
its thresholds per profile, and ``check(pub, ctx)`` which yields findings. Rules never read files
and never raise on content: they are pure functions of the loaded publication.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..config import PROFILES
from ..model import Block, Finding, Location, Page, Publication, Severity


@dataclass(frozen=True)
class Context:
    """What a rule gets besides the publication: its own settings and a finding factory."""

    rule: Rule
    settings: Mapping[str, Any]

    def finding(
        self, location: Location, message: str, fix: str = "", severity: Severity | None = None
    ) -> Finding:
        """A finding of this rule at ``location``."""
        return Finding(location, severity or self.rule.severity, self.rule.id, message, fix)


CheckFn = Callable[[Publication, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One check: its identity, why it exists, where it applies and its thresholds."""

    id: str
    severity: Severity
    rationale: str
    check: CheckFn
    profiles: tuple[str, ...] = PROFILES
    thresholds: Mapping[str, Mapping[str, Any]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def settings_for(self, profile: str) -> dict[str, Any]:
        """The profile's default thresholds for this rule."""
        return dict(self.thresholds.get(profile, {}))


def text_blocks(page: Page, kinds: Iterable[str] | None = None) -> Iterator[Block]:
    """The blocks of a page that carry running text (optionally only some kinds)."""
    wanted = (
        set(kinds) if kinds is not None else {"heading", "paragraph", "row", "list-item", "quote"}
    )
    for block in page.blocks:
        if block.kind in wanted:
            yield block
