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
    try:
        from pressroom.cli import main

        sys.exit(main(default_root=HERE))
    except KeyboardInterrupt:  # Ctrl-C before the build started (main handles it after)
        print("\nStopped. output/ was left as it was before this build.", file=sys.stderr)
        sys.exit(130)
