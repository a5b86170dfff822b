"""Tear-out leaves: cards and tips torn out together, and nothing personal behind a staff card.

A reader tears a leaf out along its perforation and takes both of its sides. A card meant to be
shown to staff (``shown_to_staff: true``) must never carry the reader's own notes or drawings on
its back; two tear-out pages may share a leaf. The planner adds a blank back when nothing else
fits, and the build's tear-out check says so when a layout breaks the rule.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from pressroom.outputs.printing import plan

from .conftest import REPO, Project, make_project


def span(index: int, kind: str, start: int, count: int = 1, shown: bool = False) -> plan.Span:
    return plan.Span(index, kind, f"{kind} {index}", f"{index}.md", start, count, shown)


def test_a_staff_card_followed_by_a_doodle_page_gets_a_blank_back() -> None:
    spans = [
        span(0, "cover", 1),
        span(1, "content", 2, 2),
        span(2, "tear-out", 4, shown=True),  # on a back: moves to page 5
        span(3, "doodle", 5),
        span(4, "credits", 6),
    ]
    fillers = plan.plan_fillers(spans)
    assert fillers[2] == ("notes",)  # pushes the card to the front of the next leaf
    assert fillers[3] == ("blank",)  # its back: not the doodle page, not a notes page
    # The same card when it is only for the reader may be backed by the doodle page.
    own = [*spans[:2], span(2, "tear-out", 4), *spans[3:]]
    assert "blank" not in [kind for kinds in plan.plan_fillers(own).values() for kind in kinds]


def test_two_tear_outs_in_a_row_share_a_leaf() -> None:
    spans = [
        span(0, "cover", 1),
        span(1, "content", 2),
        span(2, "tear-out", 3, shown=True),
        span(3, "tear-out", 4),
        span(4, "content", 5),
        span(5, "credits", 6),
    ]
    fillers = plan.plan_fillers(spans)
    assert 3 not in fillers and 4 not in fillers  # nothing between the cards or after them
    assert plan.check_tear_outs(spans, 8) == []


def test_a_two_page_staff_card_is_its_own_back() -> None:
    spans = [
        span(0, "cover", 1),
        span(1, "content", 2),
        span(2, "tear-out", 3, count=2, shown=True),
        span(3, "notes", 5),
        span(4, "doodle", 6),
        span(5, "content", 7),
        span(6, "credits", 8),
    ]
    assert plan.plan_fillers(spans) == {}
    assert plan.check_tear_outs(spans, 8) == []


def test_the_check_reports_a_personal_page_behind_a_staff_card() -> None:
    spans = [
        span(0, "cover", 1),
        span(1, "content", 2),
        span(2, "tear-out", 3, shown=True),
        span(3, "doodle", 4),
        span(4, "content", 5),
        span(5, "content", 6),
        span(6, "content", 7),
        span(7, "credits", 8),
    ]
    notes = plan.check_tear_outs(spans, 8)
    assert [n.severity for n in notes] == ["error"]
    assert "Page 4 ('doodle 3') is on the back of 'tear-out 2'" in notes[0].message
    assert "shows to staff" in notes[0].message and notes[0].fix
    # A card for the reader alone may have the doodle page behind it.
    own = [*spans[:2], span(2, "tear-out", 3), *spans[3:]]
    assert plan.check_tear_outs(own, 8) == []
    # A blank filler behind the staff card is fine.
    blank = [*spans[:3], span(-1, "blank", 4), *spans[4:]]
    assert plan.check_tear_outs(blank, 8) == []


@pytest.fixture(scope="module")
def staff_card(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The small magazine with its card shown to staff and a doodle page right after it."""
    project = make_project(tmp_path_factory.mktemp("staff-card"))
    card = project.root / "content/mini-mag/050-card.md"
    card.write_text(
        card.read_text().replace("kind: tear-out\n", "kind: tear-out\nshown_to_staff: true\n")
    )
    project.write(
        "content/mini-mag/060-feelings.md",
        "---\nkind: doodle\ntitle: Just for me\n---\nDraw what you like.\n\n[draw: half]\n",
    )
    run = project.build("mini-mag")
    assert run.code == 0, run.out
    return project


def test_the_build_backs_a_staff_card_with_a_blank_page(staff_card: Project) -> None:
    job = json.loads(staff_card.output("mini-mag/mini-mag-job.json").read_text())
    pages = {p["number"]: p for p in job["pages"]}
    card = next(n for n, p in pages.items() if p["title"] == "My meeting card")
    assert card % 2 == 1
    assert pages[card + 1]["kind"] == "blank"
    doodle = next(n for n, p in pages.items() if p["title"] == "Just for me")
    assert doodle > card + 1
    assert [card, card + 1] in job["finishing"]["perforated_leaves"]
    printed = staff_card.output("mini-mag/mini-mag-print.pdf")
    back = subprocess.run(
        ["pdftotext", "-f", str(card + 1), "-l", str(card + 1), str(printed), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "This is the back of a card." in " ".join(back.split())


# --- the magazine -------------------------------------------------------------------------------

MAGAZINE = REPO / "content" / "my-rights"
PERSONAL = ("notes", "doodle")


def shown_to_staff(source: str) -> bool:
    text = (REPO / source).read_text(encoding="utf-8")
    return bool(re.search(r"^shown_to_staff: true$", text, re.MULTILINE))


def test_the_magazines_staff_cards_have_no_personal_page_behind_them(site: Project) -> None:
    job = json.loads(site.output("my-rights/my-rights-job.json").read_text())
    pages = {p["number"]: p for p in job["pages"]}
    staff = [n for n, p in pages.items() if p["kind"] == "tear-out" and shown_to_staff(p["source"])]
    titles = {pages[n]["title"] for n in staff}
    assert {"My meeting card", "My rights card"} <= titles
    for number in staff:
        back = pages[number + 1 if number % 2 else number - 1]
        assert back["kind"] not in PERSONAL, (number, back)
        assert back["kind"] in ("tear-out", "blank"), (number, back)
    leaves = job["finishing"]["perforated_leaves"]
    for number, page in pages.items():
        if page["kind"] == "tear-out":
            assert [number - (number % 2 == 0), number + (number % 2 == 1)] in leaves


def test_the_magazines_tips_and_who_i_can_talk_to_are_tear_outs(site: Project) -> None:
    job = json.loads(site.output("my-rights/my-rights-job.json").read_text())
    kinds = {p["title"]: p["kind"] for p in job["pages"]}
    assert kinds["Top tips for speaking up: before your meeting"] == "tear-out"
    assert kinds["Top tips for speaking up: in the meeting and after"] == "tear-out"
    assert kinds["Who I can talk to"] == "tear-out"
    cards = site.output("my-rights/cards")
    for name in ("tips-before-your-meeting", "tips-in-the-meeting", "who-i-can-talk-to"):
        assert (cards / f"{name}.pdf").is_file(), name
