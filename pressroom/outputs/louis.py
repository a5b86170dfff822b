"""liblouis, the braille translator, wrapped in one place: Debian's ``lou_translate`` tool.

``liblouis-bin`` ships the tool and ``liblouis-data`` its tables (``./run`` installs both). The
tool translates standard input line by line, so all the texts of one publication go through one
call. The Python binding (``python3-louis``) belongs to Debian's own Python, which the project's
virtual environment does not see; the tool gives the same translation from any Python.

Braille here is North American Braille ASCII, the usual ``.brf`` encoding: one character per
cell, upper case letters. :func:`to_unicode` turns it into Unicode braille for people to read.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence

UEB_GRADE_2 = "en-us-brf.dis,en-ueb-g2.ctb"  # Unified English Braille, contracted, as BRF
TOOL = "lou_translate"
# The 64 cells in Unicode order (U+2800 + dots bit pattern) as Braille ASCII characters.
BRAILLE_ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="


class LouisMissing(RuntimeError):
    """liblouis (its tool or its tables) is not installed."""


def _run(direction: str, lines: Sequence[str], table: str) -> list[str]:
    tool = shutil.which(TOOL)
    if tool is None:
        raise LouisMissing(f"{TOOL} is not installed")
    # the tool reads backslash escapes (\x2800…): a backslash (the cell for "ou") is written twice
    text = "".join(" ".join(line.split()).replace("\\", "\\\\") + "\n" for line in lines)
    done = subprocess.run(
        [tool, direction, table], input=text, capture_output=True, text=True, check=False
    )
    out = done.stdout.split("\n")[: len(lines)]
    if done.returncode != 0 or len(out) != len(lines):
        raise LouisMissing(f"{TOOL} could not use the table {table}: {done.stderr.strip()}")
    return out


def translate(lines: Sequence[str], table: str = UEB_GRADE_2) -> list[str]:
    """Each line of print as one line of braille (Braille ASCII, upper case)."""
    return [line.upper() for line in _run("--forward", lines, table)] if lines else []


def back_translate(lines: Sequence[str], table: str = UEB_GRADE_2) -> list[str]:
    """Each line of braille (Braille ASCII) back into print."""
    return _run("--backward", lines, table) if lines else []


def to_unicode(brf: str) -> str:
    """Braille ASCII as Unicode braille cells (a blank cell for a space); other characters
    (line ends, form feeds) are kept."""
    out = []
    for char in brf:
        index = BRAILLE_ASCII.find(char.upper())
        out.append(chr(0x2800 + index) if index >= 0 and char not in "\n\r\f" else char)
    return "".join(out)
