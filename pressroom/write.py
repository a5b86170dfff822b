"""Putting outputs in place: the only module that writes to ``output/``.

Each publication's files are first written to a staging folder inside ``output/`` and then swapped
in with renames, so ``output/<slug>/`` is always either the complete previous build or the complete
new one, even if the build is interrupted or killed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

STAGING_PREFIX = ".staging-"


def write_outputs(output: Path, slug: str, files: dict[str, bytes | Path]) -> None:
    """Replace ``output/<slug>/`` with exactly ``files``, atomically."""
    output.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(output)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{slug}-", dir=output))
    try:
        for rel, content in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                shutil.copyfile(content, target)
            else:
                target.write_bytes(content)
        _fsync_tree(staging)
        swap_in(staging, output / slug)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, final: Path) -> None:
    """Move ``staging`` to ``final``; the old folder is removed only after the new one is there."""
    old = final.with_name(f"{STAGING_PREFIX}old-{final.name}-{os.getpid()}")
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def write_file(path: Path, data: bytes) -> None:
    """Write one file atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{STAGING_PREFIX}{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def clean_stale_staging(output: Path) -> None:
    """Remove staging folders left behind by a build that was killed."""
    for entry in _staging_entries(output):
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _staging_entries(output: Path) -> Iterable[Path]:
    return [p for p in output.iterdir() if p.name.startswith(STAGING_PREFIX)]


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
