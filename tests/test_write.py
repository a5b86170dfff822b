"""Writing output/: whole folders swapped in, and leftovers of killed builds cleaned up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pressroom.write import clean_stale_staging, write_outputs


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
