"""Starter publications for ``python build.py new <name> --profile …``: one folder per profile.

Each folder holds a working publication (settings, glossary and a few example pages) that passes
the checks; ``$title`` and ``$date`` in ``publication.yml`` are filled in.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from string import Template

from ..source.config import PROFILES

HERE = Path(__file__).resolve().parent
AUDIENCES = {  # every profile, and what its starter makes
    "easy-read": "an easy read booklet for adults with a learning disability or autism",
    "young-people": "a plain-English magazine for young people",
}
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def create(content: Path, slug: str, profile: str, today: dt.date | None = None) -> Path:
    """Make ``content/<slug>/`` from the profile's starter; raise ValueError with a reason."""
    if not SLUG_RE.match(slug):
        raise ValueError(
            f"'{slug}' cannot be a publication name: use lower-case letters, digits and hyphens."
        )
    if profile not in PROFILES:
        raise ValueError(f"There is no profile '{profile}'. Use {' or '.join(AUDIENCES)}.")
    target = content / slug
    if target.exists():
        raise ValueError(f"content/{slug} already exists; choose another name.")
    shutil.copytree(HERE / profile, target)
    settings = target / "publication.yml"
    title = slug.replace("-", " ").capitalize()
    date = (today or dt.date.today()).isoformat()
    settings.write_text(
        Template(settings.read_text(encoding="utf-8")).substitute(title=title, date=date),
        encoding="utf-8",
    )
    return target
