"""Putting outputs in place: the only module that writes to ``output/``.

Each publication's files are first written to a staging folder inside ``output/`` and then swapped
in with renames, so ``output/<slug>/`` is always either the complete previous build or the complete
new one, even if the build is interrupted or killed. Folders and files get the permissions the
user's umask gives (0755 and 0644 under the usual 022), so a web server can read them: staging
names are made unique here rather than by ``tempfile``, whose folders and files only their owner
can read.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

STAGING_PREFIX = ".staging-"


def write_outputs(output: Path, slug: str, files: dict[str, bytes | Path]) -> None:
    """Replace ``output/<slug>/`` with exactly ``files``, atomically."""
    output.mkdir(parents=True, exist_ok=True)
    staging = _staging_folder(output, slug)
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
    old = final.with_name(f"{STAGING_PREFIX}{os.getpid()}-old-{final.name}")
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def write_file(path: Path, data: bytes) -> None:
    """Write one file atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _staging_file(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _staging_name(folder: Path, name: str) -> Path:
    """A new staging path: the prefix, this process's id (see :func:`_owner_running`), a name."""
    return folder / f"{STAGING_PREFIX}{os.getpid()}-{name}-{secrets.token_hex(6)}"


def _staging_folder(output: Path, slug: str) -> Path:
    while True:
        path = _staging_name(output, slug)
        try:
            path.mkdir(mode=0o777)  # less what the umask takes away, like any new folder
        except FileExistsError:
            continue
        return path


def _staging_file(path: Path) -> tuple[int, str]:
    while True:
        tmp = _staging_name(path.parent, path.name)
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), str(tmp)
        except FileExistsError:
            continue


def clean_stale_staging(output: Path) -> None:
    """Remove staging files left behind by builds that were killed (not by running ones).

    The pipeline calls this once at the start of every build that may write, so leftovers go even
    when nothing needs rebuilding."""
    if not output.is_dir():
        return
    for entry in output.iterdir():
        if not entry.name.startswith(STAGING_PREFIX) or _owner_running(entry):
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _owner_running(path: Path) -> bool:
    """Whether the process that made a staging entry (its pid is in the name) still runs."""
    pid_text = path.name[len(STAGING_PREFIX) :].split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    started = _process_start(pid)
    try:
        made = os.stat(path).st_mtime
    except OSError:
        return False
    # A process that started after the entry was last written cannot have made it: its pid was
    # reused after the build that made it was killed.
    return started is None or started <= made + 1


def _process_start(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), where Linux's /proc tells."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        ticks = float(stat.rsplit(")", 1)[1].split()[19])
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
