"""The output registry: every output a build makes for a publication, in one table.

Each line names an :class:`~spec.OutputSpec`: its name, its files, what it needs (the model, the
publication's one layout, or other outputs), its purpose on the job sheet and how the web
page offers it. The build (:mod:`make`) makes what is registered here; the job sheet lists each
output that has a purpose, the web page offers each that has a download label, and a test checks
that the README's "What you get" table names every output's files.

Adding an output: write a module with an ``OutputSpec`` and its ``make`` function, and add one
line to :data:`OUTPUTS` above the web folder (which offers the outputs before it, so stays last).
"""

from __future__ import annotations

from . import (
    audio_script,
    braille,
    cards,
    epub,
    finishing_guide,
    job_sheet,
    large_print,
    office_booklet,
    pdfs,
    web,
)
from .spec import Needs, OutputSpec

OUTPUTS: list[OutputSpec] = [
    pdfs.DIGITAL,
    large_print.OUTPUT,
    office_booklet.OUTPUT,
    pdfs.PRINT,
    finishing_guide.OUTPUT,
    audio_script.OUTPUT,
    epub.OUTPUT,
    braille.OUTPUT,
    cards.OUTPUT,
    job_sheet.OUTPUT,
    web.OUTPUT,
]
"""In the order they are offered on the web page (and made, within what they need)."""


def register(spec: OutputSpec) -> None:
    """Add an output just above the web folder (for outputs added at run time, like a test's)."""
    if any(known.name == spec.name for known in OUTPUTS):
        raise ValueError(f"An output called '{spec.name}' is registered already.")
    last = OUTPUTS[-1] if OUTPUTS and OUTPUTS[-1] is web.OUTPUT else None
    OUTPUTS.insert(len(OUTPUTS) - 1 if last else len(OUTPUTS), spec)


def unregister(name: str) -> None:
    """Remove the output called ``name``."""
    OUTPUTS[:] = [spec for spec in OUTPUTS if spec.name != name]


def needing(*needs: Needs) -> list[OutputSpec]:
    """The outputs made from any of ``needs``, in registry order."""
    return [spec for spec in OUTPUTS if spec.needs in needs]


def owner(slug: str, name: str) -> OutputSpec | None:
    """The output that makes ``name`` (a path relative to ``output/<slug>/``), if any."""
    return next((spec for spec in OUTPUTS if spec.owns(slug, name)), None)
