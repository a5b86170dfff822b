"""What the web page adds to the shared templates' HTML, for readers on screens.

The page templates are shared with the PDFs, so the web-only reading aids are added here, to
the HTML that :func:`html.render_html` made in ``web`` mode:

* a bold glossary word becomes a button that shows its meaning in place, as a popover (no
  JavaScript), with a "Close" button; the "Words to know" page stays as it is;
* every section is a plain ``section`` (no landmark, no duplicate region names) and ends with a
  "Back to contents" link;
* writing lines and cut lines are hidden from screen readers (they are for pens and scissors);
* pictures below the cover load lazily;
* UK phone numbers in the text become ``tel:`` links (:mod:`phones`), in every profile.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Mapping

from ..source.kinds import PAGE_KINDS
from .phones import link_phone_numbers

TERM_RE = re.compile(  # how markdown.py writes a glossary word (the link inside the bold)
    r'<strong><a class="term" href="#(?P<anchor>term-[^"]+)">(?P<word>.*?)</a></strong>'
)
# Writing lines and the cut line are for pens and scissors: a screen reader need not hear them.
SILENT_RE = re.compile(
    r'role="img" aria-label="Space to write[^"]*"|(?<=class="activity cut-line")'
)
SECTION_RE = re.compile(
    r'<(?P<tag>section|article) class="page kind-(?P<kind>[\w-]+)(?P<cls>[^"]*)" id="(?P<id>[^"]+)"'
    r"(?P<attrs>[^>]*)>(?P<body>.*?)</(?P=tag)>",
    re.DOTALL,
)
LABEL_ATTR_RE = re.compile(r'\s(?:aria-labelledby|aria-label)="[^"]*"')
CONTENTS_RE = re.compile(r'<nav class="page [^"]*" id="(?P<id>[^"]+)"')
IMG_RE = re.compile(r"<img\b(?![^>]*\bloading=)")
MAIN_END = "</main>"


def finish(page: str, meanings: Mapping[str, tuple[str, str]]) -> str:
    """The web page with its reading aids; ``meanings`` maps a term's anchor to (word, meaning)."""
    page = _meanings(page, meanings)
    contents = CONTENTS_RE.search(page)
    back = contents["id"] if contents else ""
    page = SECTION_RE.sub(lambda m: _section(m, back), page)
    page = _lazy_pictures(page)
    page = SILENT_RE.sub(_silent, page)
    return link_phone_numbers(page)


def _meanings(page: str, meanings: Mapping[str, tuple[str, str]]) -> str:
    used: dict[str, tuple[str, str]] = {}

    def button(match: re.Match[str]) -> str:
        anchor = match["anchor"]
        if anchor not in meanings:
            return match[0]
        used[anchor] = meanings[anchor]
        name = re.sub(r"<[^>]+>", "", match["word"])
        return (
            f'<button type="button" class="term" popovertarget="meaning-{anchor}" '
            f'aria-label="{name}: what it means"><strong>{match["word"]}</strong></button>'
        )

    page = TERM_RE.sub(button, page)
    if not used:
        return page
    boxes = "".join(
        f'<div class="meaning" id="meaning-{anchor}" popover>'
        f'<p class="meaning-text"><strong>{htmllib.escape(word)}</strong> means: '
        f"{htmllib.escape(text)}</p>"
        f'<button type="button" class="meaning-close" popovertarget="meaning-{anchor}" '
        'popovertargetaction="hide">Close</button></div>\n'
        for anchor, (word, text) in sorted(used.items())
    )
    return page.replace(MAIN_END, f'<div class="meanings">\n{boxes}</div>\n{MAIN_END}', 1)


def _section(match: re.Match[str], back: str) -> str:
    attrs = LABEL_ATTR_RE.sub("", match["attrs"])
    body = match["body"]
    kind = PAGE_KINDS.get(match["kind"])  # a section listed in the contents leads back to it
    if (kind is None or kind.in_web_contents) and back:
        body = (
            body.rstrip("\n")
            + f'\n<p class="back-to-contents"><a href="#{back}">Back to contents</a></p>\n'
        )
    return (
        f'<{match["tag"]} class="page kind-{match["kind"]}{match["cls"]}" id="{match["id"]}"'
        f"{attrs}>{body}</{match['tag']}>"
    )


def _silent(match: re.Match[str]) -> str:
    return ' aria-hidden="true"' if not match[0] else 'aria-hidden="true"'


def _lazy_pictures(page: str) -> str:
    """Every picture after the cover loads only when the reader scrolls near it."""
    cover_end = page.find("</section>")
    if cover_end < 0:
        return page
    head, tail = page[:cover_end], page[cover_end:]
    return head + IMG_RE.sub('<img loading="lazy"', tail)
