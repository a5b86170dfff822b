"""Writing output/: whole folders swapped in, and leftovers of killed builds cleaned up."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

from pressroom.publish.write import clean_stale_staging, write_file, write_outputs

from .conftest import Project


def test_write_replaces_the_folder_with_exactly_the_new_files(tmp_path: Path) -> None:
    write_outputs(tmp_path, "pub", {"a.txt": b"one", "web/b.txt": b"two"})
    write_outputs(tmp_path, "pub", {"a.txt": b"three"})
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == ["pub/a.txt"]
    assert (tmp_path / "pub/a.txt").read_bytes() == b"three"


def test_leftovers_of_dead_builds_go_but_a_running_build_keeps_its_staging(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(dead.stdout)
    (tmp_path / f".staging-{dead_pid}-pub-abc").mkdir()
    (tmp_path / f".staging-{dead_pid}-report.json-x").write_text("half")
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / f".staging-{alive.pid}-other-def").mkdir()
        clean_stale_staging(tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == [f".staging-{alive.pid}-other-def"]
    finally:
        alive.kill()
        alive.wait()
    assert os.getpid() != dead_pid


def test_a_build_with_nothing_to_redo_still_clears_what_a_killed_build_left(
    built: Project,
) -> None:
    project = built
    dead = subprocess.run(
        [sys.executable, "-c", "print(__import__('os').getpid())"], capture_output=True, text=True
    )
    leftover = project.output() / f".staging-{int(dead.stdout)}-old-mini-mag"
    (leftover / "web").mkdir(parents=True)
    (leftover / "mini-mag-print.pdf").write_bytes(b"%PDF half")
    run = project.build()
    assert run.code == 0
    assert "already up to date" in run.out
    assert not leftover.exists()


def test_a_leftover_is_cleared_when_its_pid_now_belongs_to_a_later_process(
    tmp_path: Path,
) -> None:
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        leftover = tmp_path / f".staging-{alive.pid}-old-pub"
        leftover.mkdir()
        an_hour_ago = time.time() - 3600  # made by a killed build, before this process started
        os.utime(leftover, (an_hour_ago, an_hour_ago))
        clean_stale_staging(tmp_path)
        assert not leftover.exists()
    finally:
        alive.kill()
        alive.wait()


def _modes(folder: Path) -> dict[str, int]:
    paths = [folder, *folder.rglob("*")]
    return {p.relative_to(folder).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in paths}


def test_a_real_build_under_umask_022_gives_folders_0755_and_files_0644(project: Project) -> None:
    old = os.umask(0o022)
    try:
        assert project.build("mini-mag").code == 0
    finally:
        os.umask(old)
    modes = _modes(project.output())
    assert "mini-mag/web/index.html" in modes and "report.json" in modes
    wrong = {
        rel: oct(mode)
        for rel, mode in modes.items()
        if mode != (0o755 if (project.output() / rel).is_dir() else 0o644)
    }
    assert wrong == {}


def test_writing_follows_a_stricter_umask_too(tmp_path: Path) -> None:
    output = tmp_path / "output"
    old = os.umask(0o027)
    try:
        write_outputs(output, "pub", {"pub.pdf": b"%PDF", "web/index.html": b"<p>"})
        write_file(output / "report.json", b"{}")
    finally:
        os.umask(old)
    assert _modes(output) == {
        ".": 0o750,
        "pub": 0o750,
        "pub/pub.pdf": 0o640,
        "pub/web": 0o750,
        "pub/web/index.html": 0o640,
        "report.json": 0o640,
    }
