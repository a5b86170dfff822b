"""``python build.py pictures WORD…``: find a picture to paste, and a contact sheet to judge it by.

Owns the search over the three places a picture can come from, in this order: the easy read
picture index (everyday words with a suggested alt text), the project's own ``images/`` folder,
then every OpenMoji picture by its name and tags. Each hit is one line with the exact name to
paste, the Markdown to paste (with the suggested alt text) and what the picture shows. The same
hits are drawn large in ``output/pictures.html``.
"""

from __future__ import annotations

import base64
import html
import sys
from dataclasses import dataclass
from pathlib import Path

from . import picture_names as names
from .pictures import (
    PictureProblem,
    credit_line,
    openmoji_file,
    own_picture_names,
    resolve,
)

INDEX, OWN, OPENMOJI = "easy read index", "your pictures (images/)", "OpenMoji"
SHOWN_PER_SOURCE = {INDEX: 12, OWN: 12, OPENMOJI: 15}
SHEET_LIMIT = 120


@dataclass(frozen=True)
class Hit:
    """One picture found: the name to paste, a suggested alt text, what it shows, its file."""

    source: str
    ref: str
    alt: str
    shows: str
    path: Path | None
    score: float
    note: str = ""

    @property
    def markdown(self) -> str:
        """What to paste into a page."""
        return f"![{self.alt}]({self.ref})"

    def line(self) -> str:
        """The one line printed for this hit."""
        note = f" ({self.note})" if self.note else ""
        return f"  {self.ref:<28} {self.markdown:<44} shows: {self.shows}{note}"


def search(words: list[str], images_root: Path) -> list[Hit]:
    """Every picture that matches any of ``words``, best first within each source."""
    query = names.query_words(*words)
    hits = _index_hits(query) + _own_hits(query, images_root) + _openmoji_hits(query)
    order = {INDEX: 0, OWN: 1, OPENMOJI: 2}
    return sorted(hits, key=lambda h: (order[h.source], -h.score, h.ref))


def _score(query: set[str], name: str, meaning: set[str]) -> float:
    """How well a picture matches: its name's words count double, then its other words."""
    named = names.meaning_score(query, names.words_of(name))
    return 2 * named + names.meaning_score(query, meaning)


def _index_hits(query: set[str]) -> list[Hit]:
    hits: list[Hit] = []
    for entry in names.easy_read_index():
        score = _score(query, entry.name, names.words_of(*entry.words, entry.alt))
        if score:
            code = names.codes(entry.picture)
            shows = f"{names.describe(code)} (OpenMoji)"
            hits.append(
                Hit(INDEX, f"openmoji:{entry.name}", entry.alt, shows, openmoji_file(code), score)
            )
    return hits


def _own_hits(query: set[str], images_root: Path) -> list[Hit]:
    hits: list[Hit] = []
    for name in own_picture_names(images_root):
        found = resolve(name, images_root)
        if isinstance(found, PictureProblem):
            continue
        credit = credit_line(found.path)
        score = _score(query, name, names.words_of(credit))
        if not score:
            continue
        alt = names.slug(Path(name).name).replace("-", " ").capitalize()
        rel = found.path.relative_to(images_root.resolve()).as_posix()
        note = "" if credit else "no line in images/CREDITS.txt yet"
        hits.append(Hit(OWN, name, alt, f"your picture images/{rel}", found.path, score, note))
    return hits


def _openmoji_hits(query: set[str]) -> list[Hit]:
    hits: list[Hit] = []
    standard, _ = names._by_name()
    for entry in names.catalogue():
        if not entry.name or entry.group.startswith("component"):
            continue
        score = _score(query, entry.name, set(entry.tags))
        if not score:
            continue
        if entry.extra and entry.name in standard:
            ref = f"openmoji:{entry.hexcode.lower()}"  # its name shows the Unicode emoji
        else:
            ref = f"openmoji:{entry.name}"
        alt = entry.annotation[:1].upper() + entry.annotation[1:]
        shows = entry.annotation + (" (drawn by OpenMoji)" if entry.extra else "")
        hits.append(Hit(OPENMOJI, ref, alt, shows, openmoji_file(entry.hexcode), score))
    return hits


def report(words: list[str], hits: list[Hit]) -> list[str]:
    """The lines printed for a search: a heading per source, the best hits under it."""
    lines: list[str] = []
    for source in (INDEX, OWN, OPENMOJI):
        found = [h for h in hits if h.source == source]
        if not found:
            continue
        lines.append(f"{source[:1].upper()}{source[1:]}:")
        shown = SHOWN_PER_SOURCE[source]
        lines.extend(hit.line() for hit in found[:shown])
        if len(found) > shown:
            lines.append(f"  … and {len(found) - shown} more in output/pictures.html")
    return lines


def contact_sheet(words: list[str], hits: list[Hit], out: Path) -> Path:
    """Write ``out`` (output/pictures.html): each picture large, with its name and alt text."""
    cards = []
    for hit in hits[:SHEET_LIMIT]:
        src = data_uri(hit.path) if hit.path is not None else ""
        cards.append(
            "<figure>"
            f'<img src="{html.escape(src)}" alt="{html.escape(hit.alt)}">'
            f"<figcaption><code>{html.escape(hit.ref)}</code>"
            f"<span>alt text: {html.escape(hit.alt)}</span>"
            f"<span>shows: {html.escape(hit.shows)}</span>"
            f"<small>{html.escape(hit.source)}</small></figcaption></figure>"
        )
    title = f"Pictures for: {' '.join(words)}"
    page = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font: 16px/1.4 "Liberation Sans", Arial, sans-serif; margin: 1.5rem; color: #111; }}
main {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 1rem; }}
figure {{ margin: 0; border: 1px solid #999; border-radius: 6px; padding: .75rem; }}
img {{ width: 160px; height: 160px; display: block; margin: 0 auto .5rem; object-fit: contain; }}
figcaption {{ display: grid; gap: .2rem; }} code {{ font-size: 1rem; font-weight: bold; }}
small {{ color: #444; }}
</style></head>
<body><h1>{html.escape(title)}</h1>
<p>Paste the name in bold into a page: <code>![what it means](name)</code>.
Easy read index words come first, then your own pictures, then OpenMoji.</p>
<main>{"".join(cards)}</main></body></html>
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


def data_uri(path: Path) -> str:
    kind = {".svg": "image/svg+xml", ".png": "image/png"}.get(path.suffix.lower(), "image/jpeg")
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}"


def main(words: list[str], root: Path) -> int:
    """Print the hits for ``words`` and write the contact sheet. 0 found, 1 nothing, 2 usage."""
    if not words or not names.query_words(*words):
        print(
            "python build.py pictures: say what to look for, for example: "
            "python build.py pictures nurse listening",
            file=sys.stderr,
        )
        return 2
    hits = search(words, root / "images")
    if not hits:
        print(f"No picture matches '{' '.join(words)}'. Try another word for the same idea.")
        return 1
    for line in report(words, hits):
        print(line)
    sheet = contact_sheet(words, hits, root / "output" / "pictures.html")
    print(f"To see them large, open {sheet.relative_to(root).as_posix()}")
    return 0
