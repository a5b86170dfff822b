"""Build every publication in content/: ``python build.py --help`` lists the options."""

import sys

STOPPED = "\nStopped. output/ was left as it was before this build."


def _start() -> int:
    """Run pressroom, in the project's own environment once the set-up command has made it."""
    import os
    from pathlib import Path

    here = Path(__file__).resolve().parent
    venv_python = here / ".venv" / "bin" / "python"
    if venv_python.exists() and Path(sys.prefix).resolve() != (here / ".venv").resolve():
        os.execv(str(venv_python), [str(venv_python), __file__, *sys.argv[1:]])
    from pressroom.cli import main

    return main(default_root=here)


if __name__ == "__main__":
    try:
        sys.exit(_start())
    except KeyboardInterrupt:  # Ctrl-C while Python starts up (main handles it after that)
        print(STOPPED, file=sys.stderr)
        sys.exit(130)
