"""The review pack for a readers' panel session (not written yet)."""

from __future__ import annotations

from pathlib import Path

from .model import Page, Publication


def make_pack(root: Path, pub: Publication, pages: list[Page]) -> int:
    """Write the review pack; not written yet."""
    raise NotImplementedError
