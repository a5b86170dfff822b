"""The page kinds: one table that says what each ``kind:`` of page is, for every stage.

A page's front matter names its kind. This table is the only place that says which template
lays it out, whether the writing checks read it, whether its rows need pictures, whether it is
listed in the contents, whether it can pad the print, whether the web offers it as a PDF of its
own, and so on (the fields of :class:`PageKind`). Adding a kind is one row here
and, if no existing template fits, a template ``layouts/base/pages/<template>.html.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Page


@dataclass(frozen=True)
class PageKind:
    """What a page kind (``kind:`` in a page's front matter) is, for every stage."""

    name: str
    template: str
    """The template in ``layouts/<profile>/pages/`` (or ``base/pages/``), without .html.j2."""
    prose: bool
    """The editor writes its text, so the writing checks read it (not generated pages)."""
    row_pictures: bool
    """Its rows need a picture where the profile has row pictures."""
    in_contents: bool
    """Listed in the printed contents (when it has a title)."""
    in_web_contents: bool
    """Listed in the web page's contents (when it has a title)."""
    spare: bool
    """A page to write or draw on: it can pad the print and back a tear-out page."""
    own_pdf: str
    """A PDF of its own for the web: "card" (one per page), "worksheet" (one for all), or ""."""
    first_use: bool = True
    """A glossary word used here counts as its first use (false for the cover)."""
    one_page: bool = False
    """It must fit on one printed page for every audience."""
    pages: int = 1
    """Printed pages a page file of this kind may fill when its front matter is silent."""
    fillable: bool = False
    """Its writing lines become form fields in the digital PDF."""
    colouring: bool = False
    """Its picture is shown as line art to colour in."""
    own_leaf: bool = False
    """Printed on a leaf of its own (a tear-out), with a spare page behind it."""


_KINDS = (
    PageKind(
        "cover", "cover", prose=True, row_pictures=False, in_contents=False,
        in_web_contents=False, spare=False, own_pdf="", first_use=False, one_page=True,
    ),
    PageKind(
        "contents", "contents", prose=False, row_pictures=False, in_contents=True,
        in_web_contents=False, spare=False, own_pdf="",
    ),
    PageKind(
        "content", "content", prose=True, row_pictures=True, in_contents=True,
        in_web_contents=True, spare=False, own_pdf="",
    ),
    PageKind(
        "story", "story", prose=True, row_pictures=True, in_contents=True,
        in_web_contents=True, spare=False, own_pdf="",
    ),
    PageKind(
        "tips", "content", prose=True, row_pictures=False, in_contents=True,
        in_web_contents=True, spare=False, own_pdf="",
    ),
    PageKind(
        "doodle", "doodle", prose=True, row_pictures=False, in_contents=True,
        in_web_contents=True, spare=True, own_pdf="worksheet", colouring=True,
    ),
    PageKind(
        "notes", "notes", prose=True, row_pictures=False, in_contents=True,
        in_web_contents=True, spare=True, own_pdf="",
    ),
    PageKind(
        "tear-out", "tear-out", prose=True, row_pictures=False, in_contents=True,
        in_web_contents=True, spare=False, own_pdf="card", one_page=True, fillable=True,
        own_leaf=True,
    ),
    PageKind(
        "glossary", "glossary", prose=False, row_pictures=False, in_contents=True,
        in_web_contents=True, spare=False, own_pdf="",
    ),
    PageKind(
        "who-to-contact", "content", prose=True, row_pictures=True, in_contents=True,
        in_web_contents=True, spare=False, own_pdf="",
    ),
    PageKind(
        "credits", "credits", prose=False, row_pictures=False, in_contents=True,
        in_web_contents=True, spare=False, own_pdf="", pages=2,
    ),
)  # fmt: skip

PAGE_KINDS: dict[str, PageKind] = {kind.name: kind for kind in _KINDS}
"""Every page kind by name, in the order the README lists them."""

FILLER = "filler"
"""The kind of a page the print plan adds (it is spare, and has no page file)."""


def kind_of(page: Page) -> PageKind:
    """The kind of a page (validated when the page was read, so it is always in the table)."""
    return PAGE_KINDS[page.kind]


def names(test: str) -> tuple[str, ...]:
    """The names of the kinds whose ``test`` field is true (``names("spare")``)."""
    return tuple(kind.name for kind in PAGE_KINDS.values() if getattr(kind, test))


def is_spare(kind: str) -> bool:
    """A page of this kind (or an added filler page) may pad the print and back a tear-out."""
    found = PAGE_KINDS.get(kind)
    return kind == FILLER or (found is not None and found.spare)


def has_own_leaf(kind: str) -> bool:
    """A page of this kind is printed on a leaf of its own (a tear-out)."""
    found = PAGE_KINDS.get(kind)
    return found is not None and found.own_leaf
