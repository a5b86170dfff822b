"""The machine's folder of what pressroom prepares once and keeps for every project and build:
the word tables and hyphenation patterns the checks read, the press profiles made from FOGRA's
data, and the web fonts' subsets. ``$PRESSROOM_CACHE`` names it; else it is
``$XDG_CACHE_HOME/pressroom`` or ``~/.cache/pressroom``. Each stage that prepares something
keeps it here with :func:`keep`; nothing in it is needed, only faster.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

CACHE_ENV = "PRESSROOM_CACHE"


def folder() -> Path:
    """Where prepared data is kept (``$PRESSROOM_CACHE`` or ``~/.cache/pressroom``)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pressroom"


def keep(path: Path, data: bytes) -> None:
    """Keep prepared data in the folder, whole or not at all (a temporary file, then a rename,
    so parallel builds see a whole file or none); a read-only folder only costs speed."""
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
