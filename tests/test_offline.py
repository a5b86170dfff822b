"""Language data works with no network and no NLTK data, and does not slow start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

PROBE = """
import socket, sys
def no_network(*args, **kwargs):
    raise RuntimeError("network used")
socket.socket.connect = no_network
socket.create_connection = no_network
import nltk
nltk.download = lambda *a, **k: sys.exit("nltk.download was called")
from pressroom.checks import _language as language
r = language.readability("Staff must keep you safe. Seclusion is when you are kept in a room.")
print(r.flesch_reading_ease, r.flesch_kincaid_grade, r.words, r.sentences)
print(language.syllables("seclusion"), language.syllables("restraint"), language.syllables("zzzq"))
"""


def _run(cache: Path, tmp: Path) -> list[str]:
    env = {
        **os.environ,
        "PRESSROOM_CACHE": str(cache),
        "NLTK_DATA": str(tmp / "no-nltk"),
        "HOME": str(tmp / "home"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")


def test_readability_and_syllables_work_offline(tmp_path: Path) -> None:
    first = _run(tmp_path / "cache", tmp_path)
    fre, grade, words, sentences = first[0].split()
    assert (int(words), int(sentences)) == (14, 2)
    assert 70 < float(fre) < 110 and float(grade) < 6
    assert first[1] == "3 2 None"
    # The prepared syllable table is cached, and a second run gives the same answers from it.
    assert list((tmp_path / "cache").glob("syllables-cmudict-*.sqlite"))
    assert _run(tmp_path / "cache", tmp_path)[:2] == first[:2]
