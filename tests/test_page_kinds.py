"""A page kind is data: one row in :mod:`pressroom.source.kinds` says what a kind is, and adding
a row is all it takes for a new kind (with an existing template)."""

from __future__ import annotations

import re

import pytest

from pressroom.checks import run_checks
from pressroom.outputs.printing import plan
from pressroom.render.html import render_html
from pressroom.render.layout import load_layout
from pressroom.source import kinds
from pressroom.source.kinds import PageKind

from .conftest import Project

CHECKLIST = PageKind(
    "checklist",
    template="notes",
    prose=False,
    row_pictures=False,
    in_contents=False,
    in_web_contents=False,
    spare=True,
    own_pdf="",
)
PAGE = """---
kind: {kind}
title: My checklist
---
Tick each box; ask a nurse if you are not sure.
"""


def _findings_on(project: Project, kind: str) -> tuple[set[str], str]:
    """The rules that report the page written as ``kind``, and the publication's web page."""
    project.write("content/mini-easy/025-checklist.md", PAGE.format(kind=kind))
    pub, problems = project.load("mini-easy")
    assert pub is not None, [p.as_line() for p in problems]
    assert not [p for p in problems if p.location.path.endswith("025-checklist.md")], problems
    rules = {f.rule for f in run_checks(pub) if f.location.path.endswith("025-checklist.md")}
    layout, _ = load_layout(project.root / "layouts", pub.profile)
    assert layout is not None
    return rules, render_html(pub, layout, "web", {})


def test_a_new_kind_is_one_row_in_the_table(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before the row exists, the kind is an unknown value in the front matter.
    project.write("content/mini-easy/025-checklist.md", PAGE.format(kind="checklist"))
    _pub, problems = project.load("mini-easy")
    assert any(
        p.rule == "bad-value" and "'kind' cannot be 'checklist'" in p.message for p in problems
    )

    monkeypatch.setitem(kinds.PAGE_KINDS, "checklist", CHECKLIST)
    rules, page = _findings_on(project, "checklist")
    # Not prose and no row pictures: the writing rules and row-picture leave it alone ...
    assert not rules & {"semicolons", "row-picture"}, rules
    # ... its template is the notes page's, and it is in neither contents list.
    section = re.search(r'<section class="page kind-(\w+)" id="page-025-checklist"', page)
    assert section is not None and section[1] == "notes"
    contents = page.split('class="contents-list"', 1)[1].split("</ol>", 1)[0]
    assert "My checklist" not in contents

    # The same page as a content page: each of those properties comes from its row.
    rules, page = _findings_on(project, "content")
    assert {"semicolons", "row-picture"} <= rules, rules
    assert re.search(r'<section class="page kind-content" id="page-025-checklist"', page)
    contents = page.split('class="contents-list"', 1)[1].split("</ol>", 1)[0]
    assert "My checklist" in contents


def test_a_new_spare_kind_may_back_a_tear_out_page(monkeypatch: pytest.MonkeyPatch) -> None:
    def notes_for(back_kind: str) -> list[str]:
        spans = [
            plan.Span(0, "cover", "", "010-cover.md", 1, 1),
            plan.Span(1, "tear-out", "Card", "020-card.md", 3, 1),
            plan.Span(2, back_kind, "", "030-back.md", 4, 1),
            plan.Span(3, "credits", "", "040-credits.md", 2, 1),
        ]
        return [n.message for n in plan.check_tear_outs(spans, 8) if n.severity == "error"]

    assert any("would also tear out page 4" in m for m in notes_for("checklist"))
    monkeypatch.setitem(kinds.PAGE_KINDS, "checklist", CHECKLIST)
    assert not any("would also tear out page 4" in m for m in notes_for("checklist"))
    assert any("would also tear out page 4" in m for m in notes_for("content"))


def test_every_kind_in_the_table_has_a_template() -> None:
    from .conftest import REPO

    pages = REPO / "layouts/base/pages"
    for kind in kinds.PAGE_KINDS.values():
        assert (pages / f"{kind.template}.html.j2").is_file(), kind.name
        assert kind.own_pdf in ("", "card", "worksheet"), kind.name
