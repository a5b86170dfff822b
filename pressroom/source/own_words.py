"""The words pressroom writes itself, per profile: ``layouts/<profile>/words.yml`` over
``layouts/base/words.yml``.

Headings of generated pages, the accessibility statement, "ask for this in another format",
download labels, writing and cutting cues and the office-booklet instructions all come from
these files, so that they can be reviewed in one place and checked by the same rules as the
editor's text (:mod:`pressroom.checks._generated`). A value is one text, or a list of texts
(sentences printed on lines of their own, or steps). ``{format}`` (``{Format}`` at the start of
a sentence) is the publication's noun, from its ``format`` setting or its profile's ``noun``; the
other ``{names}`` are filled in where the words are used (the title, a number of lines, a paper
size).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Finding, Location, Publication, Severity
from .config import did_you_mean
from .yamlsrc import parse_yaml

WORDS_FILE = "words.yml"
FORMAT_KEY = "format"
# Stand-ins for the values filled in where the words are used, when the words are checked.
STAND_INS = {
    "title": "Title",
    "lines": "6",
    "paper": "A4",
    "version": "1",
    "date": "1 May 2026",
    "day": "1 May 2026",
    "last": "1 May 2026",
    "readers": "6",
    "pages": "12",
    "checked": "10",
    "total": "12",
    "group": "Speak Up",
    "groups": "Speak Up",
}

Text = str | list[str]


@dataclass(frozen=True)
class Words:
    """The words of one profile: each key's text, where it is written, and reading problems."""

    texts: dict[str, Text]
    places: dict[str, Location]
    findings: tuple[Finding, ...] = ()

    def for_publication(self, pub: Publication, **values: str) -> dict[str, Text]:
        """Every text with the publication's noun and ``values`` filled in (other ``{names}``
        are kept, for the template to fill)."""
        filled = {**_noun_values(format_noun(pub, self)), **values}
        return {key: _fill(value, filled) for key, value in self.texts.items()}


def format_noun(pub: Publication, words: Words) -> str:
    """The publication's noun: its ``format`` setting, else its profile's ``noun``."""
    return str(pub.settings.format or pub.audience.noun)


def load_words(folders: Sequence[Path], layouts_root: Path) -> Words:
    """Read ``words.yml`` from the base folder, then the profile's folder (which wins by key).

    ``folders`` are the layout's folders, the profile's first (as in :class:`render.layout.Layout`).
    """
    texts: dict[str, Text] = {}
    places: dict[str, Location] = {}
    findings: list[Finding] = []
    for folder in reversed(tuple(folders)):
        path = folder / WORDS_FILE
        if not path.is_file():
            continue
        rel = f"layouts/{path.relative_to(layouts_root).as_posix()}"
        text = path.read_text(encoding="utf-8")
        doc = parse_yaml(text, rel)
        findings.extend(doc.findings)
        if not doc.ok or doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            findings.append(_bad(Location(rel, 1, 1), "words.yml should be a list of keys."))
            continue
        source = text.split("\n")
        known = list(texts)  # a profile may only replace the base's keys
        for key, value in doc.data.items():
            checked = _text(value)
            where = Location(rel, doc.lines.get(str(key), 1), 1)
            if checked is None:
                findings.append(_bad(where, f"'{key}' should be a text or a list of texts."))
                continue
            if known and str(key) not in known:
                hint = did_you_mean(str(key), known)
                findings.append(_bad(where, f"There are no words called '{key}' to replace.{hint}"))
                continue
            texts[str(key)] = checked
            line = doc.lines.get(str(key), 1)
            head = checked if isinstance(checked, str) else ""
            places[str(key)] = _place(rel, source, line, head)
            if isinstance(checked, list):
                for index, item in enumerate(checked):
                    item_line = doc.lines.get(f"{key}.{index}", line)
                    places[f"{key}.{index}"] = _place(rel, source, item_line, item)
    return Words(texts, places, tuple(findings))


def words_in_layout(folders: Sequence[Path]) -> Words:
    """The words of a layout whose folders sit in one ``layouts/`` folder."""
    folders = tuple(folders)
    root = folders[-1].parent if folders else Path("layouts")
    return load_words(folders, root)


def fill(value: str, values: Mapping[str, Any]) -> str:
    """``value`` with each ``{name}`` of ``values`` replaced (unknown names are kept)."""
    for name, replacement in values.items():
        value = value.replace("{" + name + "}", str(replacement))
    return value


def _fill(value: Text, values: Mapping[str, Any]) -> Text:
    if isinstance(value, list):
        return [fill(item, values) for item in value]
    return fill(value, values)


def _noun_values(noun: str) -> dict[str, str]:
    return {"format": noun, "Format": noun[:1].upper() + noun[1:]}


@dataclass(frozen=True)
class CheckedText:
    """A text as the checks read it: where it is written, its words as a reader meets them, and
    the columns that hold the publication's noun (which the editor chose, not the layout)."""

    place: Location
    text: str
    noun_columns: tuple[range, ...] = ()


NOUN_RE = re.compile(r"\{(format|Format)\}")


def checked_texts(pub: Publication, words: Words) -> list[CheckedText]:
    """Every text as a reader meets it (stand-ins for the values filled in later), with where
    it is written: what the checks read."""
    nouns = _noun_values(format_noun(pub, words))
    found: list[CheckedText] = []
    for key, value in words.texts.items():
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            place = words.places[key if index is None else f"{key}.{index}"]
            if not item.strip():
                continue
            text, columns = "", []
            for number, part in enumerate(NOUN_RE.split(item)):
                if number % 2:  # a {format}: the noun
                    start = place.col + len(text)
                    columns.append(range(start, start + len(nouns[part])))
                    text += nouns[part]
                else:
                    text += fill(part, STAND_INS)
            found.append(CheckedText(place, text, tuple(columns)))
    return found


def _text(value: Any) -> Text | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def _place(rel: str, source: list[str], line: int, value: str) -> Location:
    """Where ``value`` starts on its line (column 1 if it is written over several lines)."""
    text = source[line - 1] if 0 < line <= len(source) else ""
    head = value.split("{", 1)[0][:20]
    col = text.find(head) + 1 if head and head in text else 1
    return Location(rel, line, col)


def _bad(where: Location, message: str) -> Finding:
    return Finding(where, Severity.ERROR, "layout", message, "Fix the words file of the layout.")
