"""Starter publications for ``python build.py new <name> --profile …``.

A profile names its starter with ``scaffold:`` in ``profiles/<name>.yml``: a folder here (one per
profile that comes with pressroom) or a folder of the project. Each holds a working publication
(settings, glossary and a few example pages) that passes the checks; ``$title``, ``$date`` and
``$profile`` in ``publication.yml`` are filled in.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from string import Template

from ..model import Audience

HERE = Path(__file__).resolve().parent
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def create(content: Path, slug: str, audience: Audience, today: dt.date | None = None) -> Path:
    """Make ``content/<slug>/`` from the profile's starter; raise ValueError with a reason."""
    if not SLUG_RE.match(slug):
        raise ValueError(
            f"'{slug}' cannot be a publication name: use lower-case letters, digits and hyphens."
        )
    target = content / slug
    if target.exists():
        raise ValueError(f"content/{slug} already exists; choose another name.")
    shutil.copytree(audience.scaffold, target)
    settings = target / "publication.yml"
    title = slug.replace("-", " ").capitalize()
    date = (today or dt.date.today()).isoformat()
    settings.write_text(
        Template(settings.read_text(encoding="utf-8")).safe_substitute(
            title=title, date=date, profile=audience.name
        ),
        encoding="utf-8",
    )
    return target
