"""``python build.py`` in a process of its own, started from a server that has imported pressroom.

Every call is a real, separate process: ``build.py`` runs in it as ``__main__`` with its own
arguments, environment, limits on memory and time, standard output and standard error, and it
ends with its own exit code. What differs from starting Python afresh is only that the process is
forked from a server (multiprocessing's forkserver, a clean process started once per test run)
that has already imported pressroom, so each call skips Python's start-up and pressroom's
imports, the most of a ``--check`` on a small project. A crash still shows as a traceback on
standard error and a non-zero exit code, as it would for an editor.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import runpy
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD_PY = REPO / "build.py"
# What the server imports once: build.py imports pressroom.cli, and a build's checks, outputs and
# rendering import the rest.
PRELOAD = ["pressroom.cli", "pressroom.pipeline", "pressroom.outputs.make", "weasyprint"]

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)


@dataclass(frozen=True)
class Done:
    """What a finished process left, as :func:`subprocess.run` would give it."""

    returncode: int
    stdout: str
    stderr: str


def _child(
    argv: list[str], env: dict[str, str], limits: dict[int, int], out: str, err: str
) -> None:
    """In the new process: standard output and error to the files, then build.py as __main__."""
    for fd, name in ((1, out), (2, err)):
        with open(name, "wb") as file:
            os.dup2(file.fileno(), fd)
    for limit, value in limits.items():
        resource.setrlimit(limit, (value, value))
    os.environ.clear()
    os.environ.update(env)
    sys.argv = [str(BUILD_PY), *argv]
    code: int | str | None = 0
    try:
        runpy.run_path(str(BUILD_PY), run_name="__main__")
    except SystemExit as stop:
        code = stop.code
    except BaseException:  # what Python itself would print for an uncaught exception
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    os._exit(code or 0)


def run_build_py(
    argv: list[str], env: dict[str, str], limits: dict[int, int], timeout: float
) -> Done:
    """Run ``python build.py *argv`` in a new process and wait for it (at most ``timeout`` s)."""
    with tempfile.TemporaryDirectory(prefix="pressroom-run-") as folder:
        out, err = os.path.join(folder, "out"), os.path.join(folder, "err")
        process = _context.Process(target=_child, args=(argv, env, limits, out, err))
        process.start()
        process.join(timeout)
        if process.exitcode is None:
            process.kill()
            process.join()
            raise TimeoutError(f"build.py {' '.join(argv)} ran for more than {timeout} s")
        if not os.path.exists(out):  # the process ended before build.py could start
            raise RuntimeError(f"the process for build.py never started (exit {process.exitcode})")
        said = [Path(name).read_text(encoding="utf-8", errors="replace") for name in (out, err)]
        return Done(process.exitcode, said[0], said[1])
