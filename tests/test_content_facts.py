"""Corrections from the independent legal and easy read review stay corrected.

Each correction is a pair: the wording that could mislead a detained reader must be gone, and
the right wording must be on the page (content-brief.md, "Corrections and additions").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
import yaml

from .conftest import REPO, Project

BOOKLET = REPO / "content" / "restrictive-practices"
MAGAZINE = REPO / "content" / "my-rights"

CORRECTIONS = [
    # (page file, wrong wording that must be gone, right wording that must be there)
    ("170-mental-health-act.md", "ask your doctor to let you leave", "**responsible clinician** or the hospital managers"),
    ("170-mental-health-act.md", "", "On section 2, you must ask within 14 days."),
    ("170-mental-health-act.md", "", "a nurse can stop you for up to 6 hours"),
    ("170-mental-health-act.md", "", "A doctor can stop you leaving for up to 72 hours."),
    ("080-medicine-to-calm-you.md", "The NHS is working to stop people", "Medicine can help you feel better."),
    ("175-you-can-say-no.md", "", "you can usually say no to medicine"),
    ("050-being-held.md", "", "If you cannot breathe, say so."),
    ("050-being-held.md", "", "Staff must change the way they hold you at once."),
    ("130-after-it-happens.md", "", "Ask staff to write down your injuries."),
    ("130-after-it-happens.md", "", "tell your advocate, your family or the police"),
    ("100-long-term-segregation.md", "A doctor must check every day", "should check every day"),
    ("100-long-term-segregation.md", "must agree to it", "should agree to it"),
    ("100-long-term-segregation.md", "couch-and-lamp", ""),
    ("180-advocates.md", "what you tell them is private.\n", "only tell someone else if a person is in serious danger"),
    ("190-speaking-up.md", "", "Only NHS hospitals have PALS."),
    ("200-help-from-outside.md", "about how staff used the Mental Health Act", "If you are or were on a section, you can complain to the CQC."),
    ("200-help-from-outside.md", "", "complain to the hospital first, then to the Ombudsman"),
    ("210-phone-numbers.md", "", "open Monday to Friday"),
    ("230-who-made-this.md", "over the next few years", "over about 8 to 10 years"),
    ("200-help-from-outside.md", "", "Then you should have a Care and Treatment Review."),
    # pictures that said something other than their sentence (review point 3)
    ("125-your-phone-and-your-things.md", "(openmoji:mobile-phone)", "(openmoji:no-mobile-phones)"),
    ("090-seclusion.md", "(openmoji:open-lock)", "(openmoji:exit)"),
    ("190-speaking-up.md", "raising-one-hand)\nIf something feels wrong", "(openmoji:worried-face)\nIf something feels wrong"),
    ("200-help-from-outside.md", "(openmoji:scales)\nThe **Ombudsman**", "(openmoji:magnifying-glass-tilted-left)\nThe **Ombudsman**"),
]  # fmt: skip


@pytest.mark.parametrize(("page", "wrong", "right"), CORRECTIONS)
def test_a_correction_stays_corrected(page: str, wrong: str, right: str) -> None:
    text = (BOOKLET / page).read_text(encoding="utf-8")
    if wrong:
        assert wrong not in text
    if right:
        assert right in text


def test_no_page_treats_self_harm_as_a_reason_for_seclusion_on_its_own() -> None:
    """Seclusion is never used *just* to stop self-harm (brief A13, corrected)."""
    text = (BOOKLET / "090-seclusion.md").read_text(encoding="utf-8")
    assert "only use seclusion to keep other people safe" in text
    assert "hurt yourself" not in text


MAGAZINE_CORRECTIONS = [
    ("090-medicine.md", "For the first 3 months, staff can give you medicine", ""),
    ("095-medicine-your-rights.md", "", "on a section such as section 2 or 3"),
    ("095-medicine-your-rights.md", "", "The 3 months start from the first dose you were given on this section."),
    ("095-medicine-your-rights.md", "", "This rule is not for the short holding powers"),
    ("095-medicine-your-rights.md", "", "If you are an informal patient, you can say no to medicine."),
    ("095-medicine-your-rights.md", "", "Medicine can help you feel better"),
    ("065-if-you-are-informal.md", "so ask your **advocate**", "A nurse can keep you for up to 6 hours, and a doctor for up to 72 hours."),
    ("065-if-you-are-informal.md", "", "If you are 16 or 17 and understand the choice"),
    ("065-if-you-are-informal.md", "", "A parent cannot change your decision."),
    ("100-seclusion.md", "when there is a risk that you might harm yourself", "just to stop you hurting yourself"),
    ("110-long-term-segregation.md", "A senior doctor must review it every day.", "called an approved clinician, should review it every day"),
    ("110-long-term-segregation.md", "An independent panel", "The NHS team that pays for your care leads it."),
    ("290-who-made-this.md", "Young people who have stayed on mental health wards helped to make this magazine.", "We are the team who wrote this magazine."),
    ("290-who-made-this.md", "", "This is not NHS England's My Rights magazine."),
    ("290-who-made-this.md", "", "over about 8 to 10 years"),
    ("080-being-held.md", "", "If you cannot breathe, say so: staff must change the hold at once."),
    ("150-after-it-happens.md", "", "ask to see a doctor. Ask staff to write down your injuries."),
    ("150-after-it-happens.md", "", "tell your advocate, your family or the police"),
    ("210-if-something-is-not-right.md", "helps sort out problems in the hospital.", "Private hospitals do not have PALS"),
    ("210-if-something-is-not-right.md", "", "If you are or were sectioned, you can complain to it"),
    ("210-if-something-is-not-right.md", "", "If you are informal, complain to the hospital, then to the **Ombudsman**."),
    ("220-who-can-help.md", "If you are sectioned, you have the right to a free IMHA.", "Most people on a section have the right to a free IMHA."),
    ("220-who-can-help.md", "", "unless someone is in serious danger"),
    ("222-any-time.md", "", "they only tell someone if a person is in serious danger"),
    ("250-card-my-rights.md", "if I am sectioned", "(on section 2, within 14 days)"),
    ("250-card-my-rights.md", "", "ask my responsible clinician or the hospital managers to end my section"),
    ("135-things-you-can-ask-for.md", "", "### You can say no to some things"),
    ("135-things-you-can-ask-for.md", "", "### A phone on a locked ward"),
    ("135-things-you-can-ask-for.md", "", "Makaton"),
    ("195-meetings-decoded.md", "", "Managers' hearing"),
    ("240-what-helps-me.md", "", "things you do not want staff to do"),
]  # fmt: skip


@pytest.mark.parametrize(("page", "wrong", "right"), MAGAZINE_CORRECTIONS)
def test_a_magazine_correction_stays_corrected(page: str, wrong: str, right: str) -> None:
    text = (MAGAZINE / page).read_text(encoding="utf-8")
    if wrong:
        assert wrong not in text
    if right:
        assert right in text


def test_no_magazine_page_claims_co_production_while_a_draft() -> None:
    """While the status is draft, no page says young people helped to make it (review 4)."""
    status = (MAGAZINE / "publication.yml").read_text(encoding="utf-8")
    assert "status: draft" in status
    for page in MAGAZINE.glob("[0-9]*.md"):
        text = page.read_text(encoding="utf-8").lower()
        assert "helped to make this magazine" not in text, page.name
        assert "helped us make" not in text, page.name


# --- Easy read booklet: what readers need, and pictures that say what their sentence says -------
# (issue 20, points 2 and 3; kept apart from the magazine's tests above to ease merging)

ROW = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<ref>[^)]+)\)\n(?P<text>(?:[^\n]+\n?)*)", re.M)


@dataclass(frozen=True)
class Row:
    """A picture and the sentences beside it, or a glossary word and its meaning."""

    page: str
    title: str
    ref: str
    alt: str
    text: str


def booklet_rows() -> list[Row]:
    """Every picture row of every booklet page, and every glossary word with a picture."""
    rows = []
    for path in sorted(BOOKLET.glob("[0-9]*.md")):
        source = path.read_text(encoding="utf-8")
        title = re.search(r"^title: (.*)$", source, re.M)
        for match in ROW.finditer(source):
            ref = match["ref"].removeprefix("openmoji:")
            text = " ".join(match["text"].split())
            rows.append(Row(path.name, title[1] if title else "", ref, match["alt"], text))
    glossary = yaml.safe_load((BOOKLET / "glossary.yml").read_text(encoding="utf-8"))
    for entry in glossary:
        if entry.get("picture"):
            ref = entry["picture"].removeprefix("openmoji:")
            text = f"{entry['word']}: {entry['meaning']}"
            rows.append(Row("glossary.yml", "Words to know", ref, entry["picture_alt"], text))
    return rows


def row_with(page: str, words: str) -> Row:
    """The one row of ``page`` whose sentences contain ``words``."""
    found = [r for r in booklet_rows() if r.page == page and words in r.text]
    assert len(found) == 1, f"{page}: {len(found)} rows say {words!r}"
    return found[0]


BOOKLET_ADDITIONS = [
    # (page file, wording a reader needs)
    ("145-when-i-get-upset.md", "How I show I am getting upset."),
    ("145-when-i-get-upset.md", "Things I do not want staff to do."),
    ("175-you-can-say-no.md", "You can say no to some things."),
    ("175-you-can-say-no.md", "Say no clearly, and tell staff why if you can."),
    ("175-you-can-say-no.md", "Your **advocate** can help you say no."),
    ("175-you-can-say-no.md", "staff can sometimes give you medicine when you say no"),
    ("125-your-phone-and-your-things.md", "Ask if you can have it at set times."),
    ("125-your-phone-and-your-things.md", "You can ask to use the ward phone."),
    ("185-help-to-understand.md", "These changes are called **reasonable adjustments**."),
    ("185-help-to-understand.md", "You can ask for information in easy read."),
    ("185-help-to-understand.md", "Makaton or sign language"),
    ("185-help-to-understand.md", "Then you can ask for an **interpreter**."),
]  # fmt: skip


@pytest.mark.parametrize(("page", "words"), BOOKLET_ADDITIONS)
def test_the_booklet_says_what_readers_need(page: str, words: str) -> None:
    assert words in (BOOKLET / page).read_text(encoding="utf-8")


def test_what_helps_me_has_room_to_write_for_each_of_its_four_prompts() -> None:
    """Each prompt has its own picture and at least 3 lines, over two pages (not crowded)."""
    prompts = {
        "Things that help me feel calm.": "140-what-helps-me.md",
        "Things that upset me.": "140-what-helps-me.md",
        "How I show I am getting upset.": "145-when-i-get-upset.md",
        "Things I do not want staff to do.": "145-when-i-get-upset.md",
    }
    pictures = set()
    for prompt, page in prompts.items():
        source = (BOOKLET / page).read_text(encoding="utf-8")
        after = re.search(re.escape(prompt) + r"(?:\n[^\n\[]+)*\n\n\[lines: (\d+)\]", source)
        assert after and int(after[1]) >= 3, f"{page}: no room to write after {prompt!r}"
        pictures.add(row_with(page, prompt).ref)
    assert len(pictures) == 4


PICTURE_REPLACEMENTS = [
    # (page file, words of the row, picture it has now, picture it had, what the alt text says)
    ("050-being-held.md", "**Physical restraint** is when staff hold you", "staff-holding-a-person", "open-hands-sign", "holding"),
    ("030-what-are-restrictive-practices.md", "Staff holding you so you cannot move", "staff-holding-a-person", "open-hands-sign", "holding"),
    ("glossary.yml", "physical restraint:", "staff-holding-a-person", "open-hands-sign", "holding"),
    ("100-long-term-segregation.md", "In **long-term segregation**", "bust-in-silhouette", "couch-and-lamp", "on their own"),
    ("glossary.yml", "long-term segregation:", "bust-in-silhouette", "couch-and-lamp", "on their own"),
    ("180-advocates.md", "An IMHA is free.", "free-button", "calendar", "costs nothing"),
    ("180-advocates.md", "What you tell an IMHA is private.", "zipper-mouth-face", "calendar", "will not tell"),
    ("070-equipment-to-stop-you-moving.md", "only in very rare cases", "hardly-ever", "no-entry-sign", "very rarely"),
    ("070-equipment-to-stop-you-moving.md", "must agree before anyone uses it", "say-yes", "white-heavy-check-mark", "agree"),
    ("125-your-phone-and-your-things.md", "nobody can have a mobile phone", "no-mobile-phones", "mobile-phone", "no phones"),
    ("120-rules-for-everyone.md", "Locked doors limit your freedom too.", "key", "lock", "locked door"),
    ("090-seclusion.md", "Staff must let you out", "exit", "open-lock", "way out"),
    ("190-speaking-up.md", "If something feels wrong", "worried-face", "happy-person-raising-one-hand", "worried"),
    ("040-when-staff-may-use-them.md", "must be the **last resort**", "last-resort", "speech-balloon", "this one last"),
    ("glossary.yml", "last resort:", "last-resort", "ballot-box-with-check", "this one last"),
    ("040-when-staff-may-use-them.md", "the **least restrictive** way", "open-lock", "scales", "freedom"),
    ("glossary.yml", "least restrictive:", "open-lock", "scales", "freedom"),
    ("200-help-from-outside.md", "The **Ombudsman** looks at complaints", "magnifying-glass-tilted-left", "scales", "complaint"),
    ("glossary.yml", "Ombudsman:", "magnifying-glass-tilted-left", "scales", "complaint"),
    ("160-your-human-rights.md", "never treat you in a cruel way", "no-entry-sign", "shield", "never allowed"),
    ("200-help-from-outside.md", "Care and Treatment Review", "collaboration", "clipboard", "meeting about your care"),
    ("110-being-watched-closely.md", "respect your **privacy**", "shower", "person-in-lotus-position", "privacy"),
    ("glossary.yml", "privacy:", "shower", "person-in-lotus-position", "privacy"),
    ("080-medicine-to-calm-you.md", "Medicine can help you feel better.", "stethoscope", "warning-sign", "checks your medicine"),
]  # fmt: skip


@pytest.mark.parametrize(("page", "words", "now", "before", "meaning"), PICTURE_REPLACEMENTS)
def test_a_replaced_picture_stays_replaced(
    page: str, words: str, now: str, before: str, meaning: str
) -> None:
    row = row_with(page, words)
    assert row.ref != before
    assert row.ref == now
    assert meaning in row.alt, f"the alt text {row.alt!r} does not say what the picture means"


# A picture the review found used for a meaning other than its own: each use must say its one
# meaning (in the row, or in the page title for the questions of "Is it fair?").
ONE_MEANING = {
    "shield": r"\bsafe",
    "scales": r"\bfair\b",
    "open-lock": r"\bfreedom\b",
    "no-entry-sign": r"\bnever\b|\bnot\b",
    "calendar": r"\bcheck",
    "hardly-ever": r"\brare",
    "last-resort": r"\blast resort\b",
    "staff-holding-a-person": r"\bhold",
    "hourglass": r"as soon as|shortest|often",
    "no-mobile-phones": r"\bphone\b",
}
NEVER_AGAIN = {"lock", "open-hands-sign", "couch-and-lamp", "white-heavy-check-mark", "ballot-box-with-check"}  # fmt: skip


@pytest.mark.parametrize("picture", sorted(ONE_MEANING))
def test_a_picture_keeps_one_meaning_all_through_the_booklet(picture: str) -> None:
    uses = [r for r in booklet_rows() if r.ref == picture]
    assert uses, f"{picture} is not used any more: take it out of ONE_MEANING"
    for row in uses:
        said = f"{row.title} {row.text}".lower()
        assert re.search(ONE_MEANING[picture], said), f"{row.page}: {picture} beside {row.text!r}"


def test_pictures_that_said_something_else_are_gone_from_the_booklet() -> None:
    used = {row.ref for row in booklet_rows()}
    assert not used & NEVER_AGAIN


ONE_IDEA_EACH = [
    # (page file, words of one idea, words of another idea once in the same row)
    ("030-what-are-restrictive-practices.md", "Staff holding you", "Staff giving you medicine"),
    ("120-rules-for-everyone.md", "nobody can go outside", "Locked doors"),
    ("125-your-phone-and-your-things.md", "mobile phone", "taking your things away"),
    ("180-advocates.md", "An IMHA is free.", "What you tell an IMHA is private."),
    ("150-is-it-fair.md", "as soon as it was safe", "my body was all right"),
    ("110-being-watched-closely.md", "**privacy**", "check often"),
    ("080-medicine-to-calm-you.md", "what each medicine is for", "Medicine can help you feel better."),
]  # fmt: skip


@pytest.mark.parametrize(("page", "one", "other"), ONE_IDEA_EACH)
def test_two_ideas_have_a_row_and_a_picture_each(page: str, one: str, other: str) -> None:
    first, second = row_with(page, one), row_with(page, other)
    assert first != second
    assert first.ref != second.ref


def test_the_booklet_prints_on_whole_sheets_and_every_page_fits(site: Project) -> None:
    """The additions keep every page file on one printed page and a saddle-stitched extent."""
    job = json.loads(
        site.output("restrictive-practices/restrictive-practices-job.json").read_text()
    )
    assert job["page_count"] % 4 == 0 and job["page_count"] <= 28
    assert job["pages_added"] == 0  # no empty notes pages to make up the extent
    report = json.loads(site.output("report.json").read_text(encoding="utf-8"))
    crowded = {"page-fit", "lost-text", "rows-per-page", "row-length", "sentence-length"}
    problems = [
        f"{f['path']}:{f['line']}: {f['rule']}"
        for f in report["findings"]
        if f["path"].startswith("content/restrictive-practices/")
        and (f["severity"] == "error" or f["rule"] in crowded)
    ]
    assert not problems
