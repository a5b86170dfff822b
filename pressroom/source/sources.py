"""Where a project's sources are, and reading one content file safely.

:class:`Sources` knows the project's folders and remembers the digest of every file read, so
the build key describes exactly the text that was checked. :func:`read_text` reads one UTF-8
file inside ``content/``: links out of it, unreadable, oversized, binary or non-UTF-8 files
become findings, never exceptions. :mod:`load` is the only caller that reads content.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Audience, Finding, Location, Severity

MAX_PAGE_BYTES = 1_000_000
MAX_SETTINGS_BYTES = 200_000


@dataclass
class Sources:
    """Where a project keeps its content and pictures."""

    root: Path
    content: Path = field(init=False)
    images: Path = field(init=False)
    digests: dict[str, str] = field(init=False, default_factory=dict)
    """The SHA-256 of every content file read, by its project-relative path: what the build
    key of a publication is made from, so the key describes exactly the text that was checked."""
    audiences: dict[str, Audience | None] = field(init=False, default_factory=dict)
    """The profiles read so far, by name (None: the profile file has an error)."""

    def __post_init__(self) -> None:
        self.content = self.root / "content"
        self.images = self.root / "images"

    def display_path(self, path: Path) -> str:
        """A path as editors see it: relative to the project, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def read_text(src: Sources, path: Path, limit: int) -> tuple[str | None, list[Finding]]:
    """Read a UTF-8 text file inside ``content/``; BOM and CRLF are accepted."""
    rel = src.display_path(path)
    loc = Location(rel, 1, 1)
    real = path.resolve()
    if not real.is_relative_to(src.content.resolve()):
        return None, [
            Finding(
                loc,
                Severity.ERROR,
                "outside-content",
                f"'{rel}' is a link to a file outside content/; it was not read.",
                "Copy the file into the publication's folder instead of linking to it.",
            )
        ]
    try:
        data = real.read_bytes() if real.stat().st_size <= limit else None
        if data is not None:
            src.digests[rel] = hashlib.sha256(data).hexdigest()
    except OSError as exc:
        return None, [
            Finding(
                loc,
                Severity.ERROR,
                "unreadable-file",
                f"'{rel}' cannot be read: {exc.strerror}.",
                "Check that the file exists and is not open in another program.",
            )
        ]
    if data is None:
        return None, [
            Finding(
                loc,
                Severity.ERROR,
                "file-too-large",
                f"'{rel}' is larger than {limit // 1000} kB, the limit for one file.",
                "Split it into several pages, or remove pasted data.",
            )
        ]
    return _decode(data, loc)


def _decode(data: bytes, loc: Location) -> tuple[str | None, list[Finding]]:
    if b"\x00" in data:
        return None, [
            Finding(
                loc,
                Severity.ERROR,
                "not-text",
                "This file is not plain text (it looks like a binary file).",
                "Save it as plain text (UTF-8) from your editor.",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Finding(
                Location(loc.path, line, col),
                Severity.ERROR,
                "not-utf8",
                "This file is not saved as UTF-8 text.",
                "Save it again choosing the 'UTF-8' encoding.",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []
