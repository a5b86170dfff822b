"""``<slug>.brf`` and ``<slug>-braille.txt``: the publication in Unified English Braille, grade 2.

The items of :mod:`braille_items` are translated by liblouis (:mod:`louis`, the only module that
calls it) and formatted for embossing, 40 cells by 25 lines a page, following the BANA and UKAAF
conventions:

* line 1 shows the print page number at the right margin (a letter before it on a second braille
  page of the same print page: ``A#E``), line 25 the braille page number; a print page that
  begins lower down is shown by a line of dots 3-6 ending in its number;
* a page's title is centred and underlined with a line of dots 2-5, other headings are centred,
  each with a blank line before it and never alone at the foot of a page;
* paragraphs start in cell 3 and run over to cell 1; list items start in cell 3 and run over to
  cell 5 (two cells more for each level); glossary entries start in cell 1, run over to cell 3;
  contents entries too, with guide dots to their print page number;
* each picture, and each space to write or draw, is a transcriber's note between the UEB
  transcriber's note indicators, starting in cell 7 and running over to cell 5.

The ``.brf`` has CR LF line ends and a form feed between pages. The ``.txt`` preview shows the
same pages in Unicode braille, each under a plain heading with its braille and print page
numbers, for a sighted editor to proof-read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Finding, Publication, Severity
from ..render.html import publication_words
from . import louis, pagemap
from .braille_items import items
from .pagemap import PageMap
from .spec import Files, OutputSpec, Work, words_label

WIDTH, HEIGHT = 40, 25
NOTE_OPEN, NOTE_CLOSE = "@.<", "@.>"  # UEB transcriber's note indicators (dots 4, 46, 126/345)
UNDERLINE = "3"  # dots 2-5
PAGE_CHANGE = "-"  # dots 3-6
GUIDE = '"'  # dots 5: guide dots in a contents list
# (first line's cell, runover cell), counting from 1, for each kind of item
INDENTS = {"para": (3, 1), "item": (3, 5), "term": (1, 3), "note": (7, 5)}


def number(value: int) -> str:
    """A number in braille: the number sign, then the digits as the letters a to j."""
    return "#" + "".join("JABCDEFGHI"[int(d)] for d in str(value))


@dataclass
class _Pages:
    """The braille pages as they fill up."""

    pages: list[tuple[str, list[str]]] = field(default_factory=list)  # (print page label, body)
    body: list[str] = field(default_factory=list)
    print_page: str = ""
    top: str = ""
    continued: int = 0  # how many braille pages the current print page has run onto

    ROOM = HEIGHT - 2  # line 1: print page number; line 25: braille page number

    def room(self) -> int:
        return self.ROOM - len(self.body)

    def new_page(self) -> None:
        self.pages.append((self.top, self.body))
        self.body = []
        self.continued += 1

    def label(self) -> str:
        if not self.print_page:
            return ""
        prefix = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[self.continued - 1] if self.continued else ""
        return prefix + number(int(self.print_page))

    def add(self, lines: list[str], keep: int = 1) -> None:
        """Add lines, starting a new page first unless ``keep`` of them fit on this one."""
        if self.body and self.room() < min(keep, len(lines)):
            self.new_page()
        for line in lines:
            if self.room() == 0:
                self.new_page()
            if not self.body:
                self.top = self.label()  # the print page this braille page starts in
            self.body.append(line)

    def blank(self) -> None:
        if self.body and self.body[-1] and self.room() > 1:
            self.body.append("")

    def turn(self, page: str) -> None:
        """A print page begins here."""
        if self.body and self.print_page:
            mark = number(int(page))
            self.add([PAGE_CHANGE * (WIDTH - len(mark)) + mark])
        self.print_page, self.continued = page, 0

    def finish(self) -> list[str]:
        if self.body:
            self.new_page()
        done = []
        for braille_page, (label, body) in enumerate(self.pages, start=1):
            top = label.rjust(WIDTH)
            foot = number(braille_page).rjust(WIDTH)
            lines = [top, *body, *[""] * (self.ROOM - len(body)), foot]
            done.append("\r\n".join(line.rstrip() for line in lines) + "\r\n")
        return done


def wrap(text: str, first: int, rest: int) -> list[str]:
    """Braille words in lines of 40 cells: the first line from cell ``first``, then ``rest``."""
    lines: list[str] = []
    line = " " * (first - 1)
    for piece in text.split():
        while len(piece) > WIDTH - (rest - 1):  # longer than a line: split it
            cut = WIDTH - len(line) - (1 if line.strip() else 0)
            head = piece[: max(cut, 1)]
            line = f"{line} {head}" if line.strip() else line + head
            lines.append(line)
            line, piece = " " * (rest - 1), piece[len(head) :]
        joined = f"{line} {piece}" if line.strip() else line + piece
        if len(joined) > WIDTH:
            lines.append(line)
            joined = " " * (rest - 1) + piece
        line = joined
    if line.strip():
        lines.append(line)
    return lines


def entry(cells: str, page: int) -> list[str]:
    """A contents entry: the title from cell 1 (runovers in cell 3), then guide dots (dots 5)
    to its print page number at the right margin."""
    lines = wrap(cells, 1, 3)
    if not page:
        return lines
    mark = number(page)
    room = WIDTH - len(lines[-1]) - len(mark) - 2
    if room < 2:  # no room for two guide dots: they go on a line of their own
        lines.append("  ")
        room = WIDTH - 2 - len(mark) - 2
    lines[-1] = f"{lines[-1]} {GUIDE * room} {mark}"
    return lines


def centred(text: str) -> list[str]:
    """A centred heading, each line in the middle of the page."""
    return [line.strip().center(WIDTH).rstrip() for line in wrap(text, 1, 1)]


def make_braille(pub: Publication, words: Mapping[str, Any], pages: PageMap) -> tuple[bytes, bytes]:
    """The ``.brf`` file and its Unicode braille preview."""
    made = items(pub, words, pages)
    texts = [it.text for it in made if it.kind != "turn"]
    translated = iter(louis.translate(texts))
    book = _Pages()
    for item in made:
        if item.kind == "turn":
            book.turn(item.text)
            continue
        cells = next(translated)
        if item.kind in ("title", "heading"):
            book.blank()
            lines = centred(cells)
            if item.kind == "title":
                width = max(len(line.strip()) for line in lines)
                lines.append((UNDERLINE * width).center(WIDTH).rstrip())
            book.add(lines, keep=len(lines) + 2)
            continue
        if item.kind == "entry":
            book.add(entry(cells, item.depth))
            continue
        if item.kind == "note":
            cells = f"{NOTE_OPEN}{cells}{NOTE_CLOSE}"
        first, rest = INDENTS[item.kind]
        indent = 2 * item.depth if item.kind == "item" else 0
        book.add(wrap(cells, first + indent, rest + indent))
    brf_pages = book.finish()
    brf = "\f".join(brf_pages)
    return brf.encode("ascii"), preview(pub, brf_pages).encode("utf-8")


def preview(pub: Publication, brf_pages: list[str]) -> str:
    """The pages in Unicode braille, each under a plain heading, for proof-reading."""
    out = [
        f"{pub.settings.title}: Unified English Braille, grade 2 (preview of {pub.slug}.brf)",
        f"{len(brf_pages)} braille pages of {WIDTH} cells by {HEIGHT} lines.",
        "",
    ]
    for braille_page, page in enumerate(brf_pages, start=1):
        lines = page.rstrip("\r\n").split("\r\n")
        label = lines[0].strip()
        print_page = f", print page {_print_number(label)}" if label else ""
        out.append(f"--- braille page {braille_page}{print_page} ---")
        out += [louis.to_unicode(line.ljust(WIDTH)) for line in lines]
        out.append("")
    return "\n".join(out)


def _print_number(label: str) -> str:
    """A print page label in print: "#E" → "5", "A#E" → "5 (continued)"."""
    prefix, _, digits = label.partition("#")
    value = "".join(str("JABCDEFGHI".index(c)) for c in digits if c in "JABCDEFGHI")
    return f"{value} (continued)" if prefix else value


def _make(work: Work) -> Files:
    pub = work.pub
    pages = pagemap.page_map(pub, work.spans, work.page_starts)
    try:
        brf, preview_text = make_braille(pub, publication_words(pub, work.context.layout), pages)
    except louis.LouisMissing as exc:
        message = f"The braille edition was not made: {exc}."
        fix = "Run the set-up (./run setup), which installs liblouis."
        work.findings.append(
            Finding(pub.config_location(), Severity.ERROR, "braille-tool", message, fix)
        )
        return {}
    return {f"{pub.slug}.brf": brf, f"{pub.slug}-braille.txt": preview_text}


FORM_FEED = b"\x0c"
PREVIEW_PAGE = b"--- braille page "


def braille_pages(data: bytes) -> str:
    """How many braille pages a file holds, for its download link: the BRF (ASCII braille) has a
    form feed between pages, the Unicode preview a heading above each."""
    pages = data.count(FORM_FEED) + 1 if data.isascii() else data.count(PREVIEW_PAGE)
    return f"{pages} braille page" + ("" if pages == 1 else "s")


OUTPUT = OutputSpec(
    "braille",
    ("{slug}.brf", "{slug}-braille.txt"),
    "layout",
    _make,
    purpose="Unified English Braille, grade 2: BRF for an embosser (40 cells, 25 lines) and a "
    "Unicode preview to proofread (not for press)",
    download=words_label("download_braille"),
    file_labels={".txt": words_label("download_braille_preview")},
    for_makers=(".txt",),
    count=braille_pages,
)
"""The braille: made in the press half, where the print PDF's page numbers are known."""
