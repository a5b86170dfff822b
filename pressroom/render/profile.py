"""Where a build's time goes: wall and CPU seconds per stage, for ``--timings`` and the benchmark.

A stage is a named step (``render HTML``, ``WeasyPrint layout``, ``lost-text readback`` …),
optionally with what it was for (``print PDF``, ``card PDF``), so that each extra layout shows
as a call of its own. :func:`stage` adds to this process's totals; a render worker hands its
totals back with its part (:func:`since`) and the build adds them up (:func:`merge`).

WeasyPrint's ``render()`` is one call that styles and then lays out; :func:`watch_weasyprint`
wraps its two inner steps (the cascade, and box building plus layout) with the same clocks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Figures = dict[str, list[float]]  # stage -> [wall seconds, CPU seconds, calls]
_TOTALS: Figures = {}
_CURRENT: list[str] = []  # what the enclosing calls are for, innermost last
_INNER: list[list[float]] = []  # seconds spent in stages inside each enclosing stage


@contextmanager
def stage(name: str, what: str = "") -> Iterator[None]:
    """Time the ``with`` body as ``name`` (``what`` names the output it is for, if any).

    Stages nest, and each counts only its own time: the time of the stages inside it is left
    out, so that the stages of a build add up to its total.
    """
    what = what or (_CURRENT[-1] if _CURRENT else "")
    key = f"{name} [{what}]" if what else name
    _CURRENT.append(what)
    _INNER.append([0.0, 0.0])
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        _CURRENT.pop()
        inner = _INNER.pop()
        if _INNER:
            _INNER[-1][0] += wall
            _INNER[-1][1] += cpu
        add(key, wall - inner[0], cpu - inner[1])


def add(key: str, wall: float, cpu: float, calls: int = 1) -> None:
    """Add one call's seconds to a stage."""
    figures = _TOTALS.setdefault(key, [0.0, 0.0, 0])
    figures[0] += wall
    figures[1] += cpu
    figures[2] += calls


def snapshot() -> Figures:
    """This process's totals so far (a copy)."""
    return {key: list(value) for key, value in _TOTALS.items()}


def since(before: Figures) -> Figures:
    """What this process added to its totals after ``before`` was taken."""
    added: Figures = {}
    for key, (wall, cpu, calls) in _TOTALS.items():
        old = before.get(key, [0.0, 0.0, 0])
        if calls > old[2]:
            added[key] = [wall - old[0], cpu - old[1], calls - old[2]]
    return added


def merge(into: Figures, more: Figures) -> None:
    """Add ``more`` to ``into``."""
    for key, (wall, cpu, calls) in more.items():
        figures = into.setdefault(key, [0.0, 0.0, 0])
        figures[0] += wall
        figures[1] += cpu
        figures[2] += calls


def rounded(figures: Figures) -> dict[str, list[float]]:
    """The figures for JSON: milliseconds-exact seconds, whole calls, longest first."""
    order = sorted(figures.items(), key=lambda item: -item[1][1])
    return {key: [round(w, 3), round(c, 3), int(n)] for key, (w, c, n) in order}


_WATCHED = [False]


def watch_weasyprint() -> None:
    """Time WeasyPrint's cascade and its layout inside ``render()`` (once per process)."""
    if _WATCHED[0]:
        return
    _WATCHED[0] = True
    from weasyprint import document

    def timed(name: str, function: Callable[..., Any], lazy: bool = False) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            with stage(name):
                made = function(*args, **kwargs)
                return list(made) if lazy else made  # layout yields its pages one by one

        return call

    document.get_all_computed_styles = timed("WeasyPrint style", document.get_all_computed_styles)
    document.layout_document = timed("WeasyPrint layout", document.layout_document, True)
    document.build_formatting_structure = timed(
        "WeasyPrint boxes", document.build_formatting_structure
    )
