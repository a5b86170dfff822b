"""The names a picture can be called by, and the best guesses for a name that is not known.

Owns two data files in ``pressroom/data/``:

* ``openmoji-names.tsv``: every OpenMoji picture (skin tones aside) with its annotation, which
  for Unicode emoji is the CLDR short name ("health worker", "thumbs up"), its group and its
  search tags. Made by ``scripts/make_openmoji_names.py``.
* ``easy-read-pictures.yml``: the curated easy read picture index: everyday words of health,
  hospital, rights and daily life ("doctor", "complain", "quiet-room"), each with the OpenMoji
  picture that shows it best and a suggested alt text that says what it means.

``openmoji:NAME`` is looked up in this order: a code point or sequence (``1F9D1-200D-2695-FE0F``),
the CLDR short name of a Unicode emoji (``health-worker``), an easy read index word
(``doctor``), a Unicode character name (``house-building``), then OpenMoji's names for its own
extra pictures. Names are written in small letters with hyphens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..model import Finding, Location, Severity

_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA = Path(__file__).resolve().parent.parent / "data"
NAMES_FILE = DATA / "openmoji-names.tsv"
INDEX_FILE = DATA / "easy-read-pictures.yml"
HEX_RE = re.compile(r"^[0-9A-Fa-f]{4,6}(-[0-9A-Fa-f]{4,6})*$")
GOOD_NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class OpenMoji:
    """One OpenMoji picture: its file name (code points), name to paste, and search words."""

    hexcode: str
    name: str
    annotation: str
    group: str
    tags: tuple[str, ...]

    @property
    def extra(self) -> bool:
        """OpenMoji's own pictures (not Unicode emoji) have names of OpenMoji's choosing."""
        return self.group.startswith("extras-openmoji")


@dataclass(frozen=True)
class IndexEntry:
    """A concept of the easy read picture index: a word, its picture, and a suggested alt text."""

    name: str
    picture: str
    alt: str
    words: tuple[str, ...]
    line: int


def slug(text: str) -> str:
    """A name in small letters with hyphens: 'Health worker' -> 'health-worker'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@lru_cache(maxsize=1)
def catalogue() -> tuple[OpenMoji, ...]:
    """Every named OpenMoji picture, in OpenMoji's order."""
    entries: list[OpenMoji] = []
    for line in NAMES_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        hexcode, annotation, group, tags = ([*line.split("\t"), "", "", ""])[:4]
        words = tuple(t.strip().lower() for t in tags.split(",") if t.strip())
        entries.append(OpenMoji(hexcode, slug(annotation), annotation, group, words))
    return tuple(entries)


@lru_cache(maxsize=1)
def _by_name() -> tuple[dict[str, OpenMoji], dict[str, OpenMoji]]:
    """Unicode emoji by CLDR name, and OpenMoji's extras by their names (first one wins)."""
    standard: dict[str, OpenMoji] = {}
    extras: dict[str, OpenMoji] = {}
    for entry in catalogue():
        if entry.name:
            (extras if entry.extra else standard).setdefault(entry.name, entry)
    return standard, extras


@lru_cache(maxsize=1)
def by_hexcode() -> dict[str, OpenMoji]:
    """Each picture by its code points (upper case, as in the file names)."""
    return {entry.hexcode: entry for entry in catalogue()}


@lru_cache(maxsize=1)
def easy_read_index() -> tuple[IndexEntry, ...]:
    """The curated easy read picture index, in file order."""
    text = INDEX_FILE.read_text(encoding="utf-8")
    data = yaml.compose(text, Loader=_FAST_LOADER)  # pressroom's own file: libyaml when there
    entries: list[IndexEntry] = []
    for node in getattr(data, "value", []):
        item = {k.value: v for k, v in node.value}
        words = item.get("words")
        entries.append(
            IndexEntry(
                name=str(item["name"].value),
                picture=str(item["picture"].value),
                alt=str(item["alt"].value),
                words=tuple(str(w.value) for w in words.value) if words is not None else (),
                line=node.start_mark.line + 1,
            )
        )
    return tuple(entries)


@lru_cache(maxsize=1)
def _index_by_name() -> dict[str, IndexEntry]:
    return {entry.name: entry for entry in easy_read_index()}


def index_entry(name: str) -> IndexEntry | None:
    """The easy read index entry called ``name``, if there is one."""
    return _index_by_name().get(name)


def bad_name(name: str) -> str:
    """Why an OpenMoji name is not written the way names are, or '' when it is fine."""
    if HEX_RE.match(name) or GOOD_NAME_RE.match(name.replace("_", "-")):
        return ""
    if any(c.isspace() for c in name):
        return "has a space in it"
    if any(c.isupper() for c in name):
        return "has capital letters"
    return "has characters other than small letters, numbers and hyphens"


def codes(name: str) -> str:
    """The code points that ``openmoji:name`` means, or '' when the name is not known.

    The order: CLDR names of Unicode emoji, easy read index words, code points, Unicode
    character names (when OpenMoji draws that character), OpenMoji's names for its extras.
    """
    name = name.replace("_", "-")
    standard, extras = _by_name()
    if name in standard:
        return standard[name].hexcode
    entry = index_entry(name)
    if entry is not None and entry.picture != name:
        return codes(entry.picture)
    if HEX_RE.match(name):  # after the names: 'cafe' and 'deaf' are words, not code points
        return name.upper()
    try:
        char = unicodedata.lookup(name.replace("-", " "))
    except KeyError:
        char = ""
    if char and _drawn(f"{ord(char):04X}"):
        return f"{ord(char):04X}"
    if name in extras:
        return extras[name].hexcode
    return f"{ord(char):04X}" if char else ""


def _drawn(code: str) -> bool:
    """Whether OpenMoji has a picture of this character (with or without its emoji variant
    selector); two file lookups, not a listing of its 4,000 pictures."""
    from .pictures import openmoji_folder

    folder = openmoji_folder()
    return folder is not None and any(
        (folder / f"{code}{variant}.svg").is_file() for variant in ("", "-FE0F")
    )


def describe(hexcode: str) -> str:
    """What an OpenMoji picture shows, in OpenMoji's words ('health worker')."""
    entry = by_hexcode().get(hexcode) or by_hexcode().get(f"{hexcode}-FE0F")
    if entry is not None:
        return entry.annotation
    names = [unicodedata.name(chr(int(p, 16)), "") for p in hexcode.split("-")]
    return " ".join(n.lower() for n in names if n) or hexcode


SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "for",
        "in",
        "is",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "someone",
        "something",
    ]
)


def words_of(*texts: str) -> set[str]:
    """The separate words in names, tags and phrases, in small letters."""
    return {w for text in texts for w in re.split(r"[^a-z0-9]+", text.lower()) if w}


def query_words(*texts: str) -> set[str]:
    """The words of a search that carry meaning ('talk to someone' -> {'talk'})."""
    words = words_of(*texts)
    return (words - SMALL_WORDS) or words


def meaning_score(query: set[str], meaning: set[str]) -> float:
    """How many of the query's words the meaning words have (0 to 1), counting 'listening' as
    'listen' and 'nurses' as 'nurse'."""
    if not query:
        return 0.0

    def has(word: str) -> bool:
        return word in meaning or any(
            min(len(word), len(m)) >= 4
            and abs(len(word) - len(m)) <= 3
            and (word.startswith(m) or m.startswith(word))
            for m in meaning
        )

    return sum(has(word) for word in query) / len(query)


def suggest(wanted: str, own: tuple[str, ...] = (), count: int = 3) -> list[str]:
    """The ``count`` best names to paste for a name that is not known, by spelling and meaning.

    ``own`` are the project's picture names. Own pictures, then index words, then OpenMoji names
    win a tie.
    """
    query = slug(Path(wanted).stem.split(":", 1)[-1]) or wanted.lower()
    words = query_words(query)
    scored: dict[str, float] = {}

    def consider(ref: str, name: str, meaning: set[str], bonus: float) -> None:
        spelling = SequenceMatcher(None, query, name).ratio()
        overlap = meaning_score(words, meaning)
        score = max(spelling, 0.5 + 0.4 * overlap + 0.1 * spelling if overlap else 0.0) + bonus
        if score > scored.get(ref, 0.0):
            scored[ref] = score

    for stem in own:
        consider(stem, slug(stem), words_of(stem), 0.02)
    for entry in easy_read_index():
        consider(f"openmoji:{entry.name}", entry.name, words_of(entry.name, *entry.words), 0.01)
    for om in catalogue():
        if om.name:
            consider(f"openmoji:{om.name}", om.name, words_of(om.name, *om.tags), 0.0)
    best = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    return [ref for ref, score in best[:count] if score >= 0.5]


def did_you_mean(wanted: str, own: tuple[str, ...] = ()) -> str:
    """' Did you mean `a`, `b` or `c`?' (empty when nothing is close)."""
    close = [f"`{ref}`" for ref in suggest(wanted, own)]
    if not close:
        return ""
    listed = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
    return f" Did you mean {listed}?"


PICTURE_MARKUP_RE = re.compile(r"!\[([^\]\n]*)\]\(([^)\n]*)\)")
TITLED_TARGET_RE = re.compile(r"""^\S+(\s+("[^"]*"|'[^']*'))?$""")


def unshown_pictures(tokens: list[Any], body: str, body_line: int, rel: str) -> list[Finding]:
    """Picture markup that Markdown left as text because its name has a space in it.

    Such a line would be printed as ``![alt](a name)``; this finds it at its line and column and
    says how to write the name.
    """
    lines = body.splitlines()
    rows: set[int] = set()
    for token in tokens:
        if token.type == "inline" and token.map and "![" in token.content:
            rows.update(range(token.map[0], token.map[1]))
    findings: list[Finding] = []
    for row in sorted(rows):
        text = lines[row] if row < len(lines) else ""
        for match in PICTURE_MARKUP_RE.finditer(text):
            target = match.group(2).strip()
            if TITLED_TARGET_RE.match(target):
                continue
            prefix, _, name = (
                target.rpartition(":") if target.startswith("openmoji:") else ("", "", target)
            )
            written = f"{prefix}:{slug(name)}" if prefix else slug(name)
            findings.append(
                Finding(
                    Location(rel, body_line + row, match.start() + 1),
                    Severity.ERROR,
                    "picture-name",
                    f"The picture name '{target}' has a space in it, so the picture is not shown "
                    "(the line would be printed as it is written).",
                    f"Write picture names in small letters with hyphens: "
                    f"![{match.group(1)}]({written})",
                )
            )
    return findings
