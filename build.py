"""Build every publication in content/: ``python build.py --help`` lists the options."""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV_PYTHON = HERE / ".venv" / "bin" / "python"

if __name__ == "__main__":
    # After the set-up command, plain `python build.py` uses the project's own environment.
    if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != (HERE / ".venv").resolve():
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), __file__, *sys.argv[1:]])
    from pressroom.cli import main

    sys.exit(main(default_root=HERE))
