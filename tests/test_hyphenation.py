"""The readability scores count syllables with pyphen's patterns read from a prepared copy
(:mod:`pressroom.checks._hyphenation`), which must hyphenate exactly as pyphen's own parse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyphen
import pytest

from pressroom.checks import _hyphenation

LANG = "en_GB"
WORDS = ["childline", "under19s", "imha", "hospital", "seclusion", "0800", "restrictive", "cetr"]


@pytest.fixture
def empty_pyphen_cache() -> Iterator[None]:
    kept = dict(pyphen.hdcache)
    pyphen.hdcache.clear()
    yield
    pyphen.hdcache.clear()
    pyphen.hdcache.update(kept)


def _parsed() -> pyphen.HyphDict:
    return next(iter(pyphen.hdcache.values()))


def _positions() -> list[list[int]]:
    hyphenator = pyphen.Pyphen(lang=LANG)
    return [list(hyphenator.positions(word)) for word in WORDS]


def test_the_prepared_copy_hyphenates_as_pyphen_does(
    empty_pyphen_cache: None, tmp_path: Path
) -> None:
    _hyphenation.prepare(LANG, tmp_path)
    (kept,) = tmp_path.iterdir()
    fresh, fresh_positions = _parsed(), _positions()
    pyphen.hdcache.clear()
    _hyphenation.prepare(LANG, tmp_path)
    read = _parsed()
    assert read is not fresh
    assert read.patterns == fresh.patterns and read.maxlen == fresh.maxlen
    assert _positions() == fresh_positions
    assert any(fresh_positions)
    assert kept.name.startswith(f"hyphenation-pyphen-{pyphen.__version__}-")


def test_a_damaged_copy_is_parsed_again_and_replaced(
    empty_pyphen_cache: None, tmp_path: Path
) -> None:
    _hyphenation.prepare(LANG, tmp_path)
    (kept,) = tmp_path.iterdir()
    good = kept.read_bytes()
    fresh_positions = _positions()
    kept.write_bytes(b"not patterns")
    pyphen.hdcache.clear()
    _hyphenation.prepare(LANG, tmp_path)
    assert _positions() == fresh_positions
    assert len(_parsed().patterns) > 10000
    assert kept.read_bytes() == good
