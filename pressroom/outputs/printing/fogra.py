"""The default press profiles: FOGRA conditions built from characterisation data Debian ships.

No package registry ships a ready-made FOGRA ICC profile, but Debian's ``icc-profiles-free``
ships FOGRA's characterisation data (measured CMYK patches, ``FOGRA29L.ti3``, ``FOGRA39L.ti3``…)
and Debian's ``argyll`` has ``colprof``, which builds an ICC output profile from such data. This
module builds the profile for the paper once, offline, into the pressroom cache folder.

colprof writes the time it ran into the profile header; that one field is set to the date of the
measurements, so every build on every machine embeds the same bytes (and byte-identical PDFs).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ... import prepared

DATA_FOLDER = Path("/usr/share/color/icc")
PACKAGES = ("icc-profiles-free", "argyll")
REGISTRY = "http://www.color.org"
# The fixed options: low quality tables (about 4 s; average error 0.5 dE against the data),
# the default black ramp, and 300 % total ink, as UK shops ask for.
COLPROF_OPTIONS = ("-ql", "-kr", "-l300", "-nc")
HEADER_DATE = slice(24, 36)


@dataclass(frozen=True)
class Condition:
    """A FOGRA printing condition pressroom can build a profile for."""

    name: str  # the registered OutputConditionIdentifier
    data: str  # characterisation data file in DATA_FOLDER
    paper: str
    measured: tuple[int, int, int]  # year, month, day of the measurements

    @property
    def description(self) -> str:
        """What the profile (and the output intent's OutputCondition) says."""
        return f"{self.name}: offset printing to ISO 12647-2, {self.paper}, 300 % total ink"


UNCOATED = Condition("FOGRA29", "FOGRA29L.ti3", "uncoated white paper (paper type 4)", (2003, 9, 1))
COATED = Condition("FOGRA39", "FOGRA39L.ti3", "coated paper (paper types 1 and 2)", (2006, 9, 1))

COATED_WORDS = re.compile(r"\b(?:coated|gloss|glossy|silk|satin)\b", re.IGNORECASE)
UNCOATED_WORDS = re.compile(r"\b(?:uncoated|offset|bond|recycled)\b", re.IGNORECASE)


def condition_for(paper: str) -> Condition:
    """The condition for the paper named in ``print.paper``: coated paper gets FOGRA39, anything
    else (uncoated, offset, or not said) FOGRA29."""
    if COATED_WORDS.search(paper) and not UNCOATED_WORDS.search(paper):
        return COATED
    return UNCOATED


def condition_named(name: str) -> Condition | None:
    """A condition pressroom can build, by its name (``print.output_condition``)."""
    return next((c for c in (UNCOATED, COATED) if c.name == name.strip().upper()), None)


class ProfileError(Exception):
    """The profile could not be built (a package is missing, or colprof failed)."""


def profile_path(condition: Condition) -> Path:
    """The condition's ICC profile, built on first use and kept in the cache folder."""
    data = DATA_FOLDER / condition.data
    colprof = shutil.which("colprof")
    if not data.is_file() or colprof is None:
        raise ProfileError(
            f"The {condition.name} profile needs the Debian packages {' and '.join(PACKAGES)}."
        )
    key = hashlib.sha256(data.read_bytes() + " ".join(COLPROF_OPTIONS).encode()).hexdigest()
    target = prepared.folder() / "icc" / f"{condition.name}-{key[:16]}.icc"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        shutil.copyfile(data, Path(work) / "data.ti3")
        command = [colprof, *COLPROF_OPTIONS, "-D", condition.description, "-C", _COPYRIGHT]
        done = subprocess.run(
            [*command, "-A", "pressroom", "-M", condition.name, "data"],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        built = Path(work) / "data.icc"
        if done.returncode != 0 or not built.is_file():
            raise ProfileError(f"colprof could not build {condition.name}: {done.stderr[-300:]}")
        profile = bytearray(built.read_bytes())
        year, month, day = condition.measured
        profile[HEADER_DATE] = b"".join(v.to_bytes(2, "big") for v in (year, month, day, 0, 0, 0))
        temporary = Path(work) / "fixed.icc"
        temporary.write_bytes(bytes(profile))
        os.replace(temporary, target)  # atomic: parallel builds see a whole file or none
    return target


_COPYRIGHT = (
    "Made by pressroom with ArgyllCMS colprof from FOGRA characterisation data "
    "(Debian icc-profiles-free, zlib licence)"
)


if __name__ == "__main__":  # ./run setup: build both profiles ahead of the first build
    for known in (UNCOATED, COATED):
        print(f"{known.name}: {profile_path(known)}")
