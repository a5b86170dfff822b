"""Incremental builds: a publication is rendered again only when something it is made from changed.

The build key of a publication is a hash of everything its outputs depend on: its content folder
(the bytes that were loaded and checked, never a second read), the layouts and its profile file,
the pictures it uses (project images and the picture library's version), the fonts and the colour
profile, the build settings that change outputs, and pressroom's own code (every module and YAML
file of the package; ``__init__.py``, with the version, is one of them). The key
and the findings that rendering gave are kept in ``output/<slug>/.build.json``; when the key is the
same, the folder is left as it is and those findings are reported again. The checks' findings are
kept the same way in ``.cache/pressroom/`` (git-ignored), so that a no-op build does not even
check again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Finding, Location, Publication, Severity
from ..source import profiles

CACHE_FILE = ".build.json"
PACKAGE = Path(__file__).resolve().parent.parent


def build_key(root: Path, pub: Publication, settings: dict[str, Any]) -> str:
    """The hash of everything ``pub``'s outputs are made from."""
    digest = hashlib.sha256()
    digest.update(json.dumps(settings, sort_keys=True).encode())
    digest.update(_code_hash().encode())
    for name, sha in pub.sources:  # the sources as loaded and checked, not as they are now
        digest.update(f"source {name} {sha}\n".encode("utf-8", "surrogateescape"))
    _add_files(digest, root, sorted(p for p in (root / "layouts").rglob("*") if p.is_file()))
    _add_files(digest, root, [profiles.folder(root) / f"{pub.profile}.yml"])
    for ref, picture in sorted(pub.pictures.items()):
        digest.update(f"picture {ref} {picture.source}\n".encode())
        if picture.source == "project":
            digest.update(picture.path.read_bytes())
        else:
            digest.update(str(picture.path).encode())  # the library's version is in its path
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_hash() -> str:
    """pressroom's own code, hashed once per process (it cannot change during a build)."""
    digest = hashlib.sha256()
    _add_files(digest, PACKAGE, sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.yml")]))
    return digest.hexdigest()


def _add_files(digest: Any, base: Path, paths: Iterable[Path]) -> None:
    for path in paths:
        try:
            name = path.relative_to(base).as_posix()
        except ValueError:
            name = path.as_posix()
        digest.update(f"file {name}\n".encode("utf-8", "surrogateescape"))
        digest.update(path.read_bytes())


def cache_record(key: str, findings: Iterable[Finding]) -> bytes:
    """The contents of ``.build.json`` for a freshly rendered publication."""
    data = {"key": key, "findings": [f.as_dict() for f in findings]}
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def cached_findings(output: Path, slug: str, key: str) -> list[Finding] | None:
    """The findings of the last render if its key is ``key`` and its outputs are there."""
    record = output / slug / CACHE_FILE
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    if not (output / slug / "web" / "index.html").is_file():
        return None
    return [_finding(item) for item in data.get("findings", [])]


CHECKS_FOLDER = Path(".cache") / "pressroom"  # in the project, git-ignored; never in output/


def checks_file(root: Path, slug: str) -> Path:
    """Where the findings of the checks on a publication's current sources are kept."""
    return root / CHECKS_FOLDER / f"checks-{slug}.json"


def cached_checks(root: Path, slug: str, key: str) -> list[Finding] | None:
    """The check findings recorded for exactly these sources, if any."""
    try:
        data = json.loads(checks_file(root, slug).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return [_finding(item) for item in data.get("findings", [])]


def _finding(item: dict[str, Any]) -> Finding:
    location = Location(str(item["path"]), int(item["line"]), int(item["column"]))
    return Finding(
        location,
        Severity(item["severity"]),
        str(item["rule"]),
        str(item["message"]),
        str(item.get("fix", "")),
    )
