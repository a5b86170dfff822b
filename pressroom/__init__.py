"""pressroom: turns co-produced content into accessible publications.

Public API: :func:`build` runs the whole pipeline; :class:`BuildOptions` says what to build;
:class:`Finding` and :class:`Severity` describe what the editor is told.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .model import Finding, Location, Severity
from .pipeline import BuildOptions, BuildResult, build

__all__ = [
    "BuildOptions",
    "BuildResult",
    "Finding",
    "Location",
    "Severity",
    "__version__",
    "build",
]
