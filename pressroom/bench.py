"""``python -m pressroom.bench``: how fast pressroom answers an editor, measured, never asserted.

Every figure is measured in fresh processes on a scratch copy of the project (``content/``,
``layouts/``, ``images/``), several times, and printed beside a baseline measured in the same run,
right before or after it (paired), as the median of the ratios; so a machine that is busy
for everyone slows both sides alike. Each figure has two clocks: wall time, and CPU time (user
plus system, the process and all its workers), which a busy machine disturbs much less.

Baselines: WeasyPrint alone turning each publication's print HTML into a PDF once (from
``--emit-html``), for what builds; proselint on the same Markdown, for what checks.

Figures: a full cold build (``--force``; and the first build of a fresh copy, with no page plan
to reuse), a cold ``--check`` (``--force``), a ``--check`` when nothing changed, a one-page edit
followed by ``--check``, a no-op rebuild, a rebuild after a one-page edit, the watch preview's
refresh after a save; then the profile of one cold build (seconds and calls per stage, from
``--timings``), peak memory and each web page's weight.

Python's bytecode cache is on for every process (as Python has it by default); with
``PYTHONDONTWRITEBYTECODE=1`` each start would compile pressroom's hundred modules again.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PROSELINT = Path(PYTHON).parent / "proselint"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

REFRESH = """
import sys
from pathlib import Path
from pressroom.watch import Preview
Preview(Path(sys.argv[1]), ()).refresh()
"""

WEASYPRINT_ALONE = """
import sys
from weasyprint import CSS, HTML
for folder in sys.argv[1:]:
    css = CSS(filename=folder + "/print.css")
    HTML(filename=folder + "/print.html").write_pdf(stylesheets=[css])
"""


def timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Run ``command`` in a fresh process: wall seconds, CPU seconds (with its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=ENV)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def build(root: Path, *args: str) -> tuple[float, float, dict[str, Any]]:
    """One build in a fresh process, and what ``--timings`` printed. A cold build (``--force``)
    also starts without the web font subsets kept from builds before."""
    if "--force" in args and "--check" not in args:
        from .outputs.web import font_cache

        shutil.rmtree(font_cache(), ignore_errors=True)
    wall, cpu, done = timed(
        [PYTHON, str(REPO / "build.py"), "--root", str(root), "--quiet", "--timings", *args]
    )
    said: dict[str, Any] = {"exit": done.returncode}
    for line in done.stderr.splitlines():
        for name in ("timings", "profile"):
            if line.startswith(f"{name}: "):
                said[name] = json.loads(line[len(name) + 2 :])
    return wall, cpu, said


def scratch_copy() -> Path:
    root = Path(tempfile.mkdtemp(prefix="pressroom-bench-")) / "project"
    for folder in ("content", "layouts", "images"):
        shutil.copytree(REPO / folder, root / folder)
    return root


class Figures:
    """Pairs of (figure, baseline) seconds by name, for both clocks."""

    def __init__(self) -> None:
        self.pairs: dict[str, list[tuple[float, float, float, float]]] = {}

    def add(self, name: str, figure: tuple[float, float], baseline: tuple[float, float]) -> None:
        self.pairs.setdefault(name, []).append((*figure, *baseline))

    def summary(self) -> dict[str, dict[str, float]]:
        out = {}
        for name, pairs in self.pairs.items():
            wall, cpu, base_wall, base_cpu = (
                statistics.median(p[i] for p in pairs) for i in range(4)
            )
            out[name] = {
                "wall": round(wall, 3),
                "cpu": round(cpu, 3),
                "baseline_wall": round(base_wall, 3),
                "baseline_cpu": round(base_cpu, 3),
                "ratio_wall": round(statistics.median(p[0] / max(p[2], 1e-9) for p in pairs), 2),
                "ratio_cpu": round(statistics.median(p[1] / max(p[3], 1e-9) for p in pairs), 2),
            }
        return out


def measure(runs: int) -> dict[str, Any]:
    root = scratch_copy()
    pages = sorted((root / "content").glob("*/0[2-9]0-*.md"))
    page = pages[0]
    markdown = [str(p) for p in sorted((root / "content").glob("*/*.md"))]
    first = build(root, "--force", "--emit-html")  # a fresh copy: no page plan from before
    # What WeasyPrint was given, kept outside output/ (a build without --emit-html clears it)
    kept = root.parent / "weasyprint-input"
    for folder in sorted(root.glob("output/*/debug")):
        shutil.copytree(folder, kept / folder.parent.name)
    debug = [str(p) for p in sorted(kept.iterdir())]
    alone_cmd = [PYTHON, "-c", WEASYPRINT_ALONE, *debug]
    if not debug or timed(alone_cmd)[2].returncode != 0:
        raise SystemExit("the baseline cannot run: WeasyPrint alone failed on the print HTML")
    # proselint's script is run by this Python, as its first line would, so that a virtual
    # environment that was moved (whose scripts name the old folder) still measures it
    lint_cmd = [PYTHON, str(PROSELINT), "check", *markdown]
    lint_page_cmd = [PYTHON, str(PROSELINT), "check", str(page)]
    figures = Figures()
    figures.add("first build of a fresh copy", first[:2], timed(alone_cmd)[:2])
    profile: dict[str, Any] = {}
    memory: list[tuple[float, float]] = []
    for _number in range(runs):
        alone = timed(alone_cmd)[:2]
        cold = build(root, "--force")
        figures.add("full cold build (--force)", cold[:2], alone)
        profile = cold[2].get("profile", profile)
        timings = cold[2].get("timings", {})
        memory.append((timings.get("peak_mb", 0.0), timings.get("peak_worker_mb", 0.0)))
        lint = timed(lint_cmd)[:2]
        figures.add("cold --check (--force)", build(root, "--check", "--force")[:2], lint)
        figures.add("--check when nothing changed", build(root, "--check")[:2], lint)
        figures.add("no-op rebuild", build(root)[:2], lint)
        save(page)
        refresh = timed([PYTHON, "-c", REFRESH, str(root)])[:2]
        figures.add("preview refresh after a save", refresh, lint)
        save(page)
        edited = build(root, "--check")[:2]
        figures.add("one-page edit, then --check", edited, timed(lint_page_cmd)[:2])
        save(page)
        figures.add("rebuild after a one-page edit", build(root)[:2], alone)
    weights = {
        folder.parent.name: page_weight(folder) for folder in sorted(root.glob("output/*/web"))
    }
    shutil.rmtree(root.parent, ignore_errors=True)
    return {
        "runs": runs,
        "figures": figures.summary(),
        "profile_of_one_cold_build": profile,
        "peak_memory_mb": {
            "build": statistics.median(m[0] for m in memory),
            "worker": statistics.median(m[1] for m in memory),
        },
        "page_weight_kb": weights,
    }


def save(page: Path) -> None:
    """An editor's save that changes the file (one more empty line at the end)."""
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")


BASELINES = {
    "full cold build (--force)": "WeasyPrint alone",
    "first build of a fresh copy": "WeasyPrint alone",
    "rebuild after a one-page edit": "WeasyPrint alone",
    "one-page edit, then --check": "proselint, that page",
}


def page_weight(folder: Path) -> dict[str, float]:
    """What a browser fetches for ``web/index.html``, in KB: everything it refers to (the
    stylesheet, the fonts the stylesheet names, the icon, every picture), and the part fetched
    before the reader scrolls (pictures with ``loading="lazy"`` left out)."""
    html = (folder / "index.html").read_text(encoding="utf-8")
    css_path = folder / "assets" / "style.css"
    css = css_path.read_text(encoding="utf-8")
    fonts = {css_path.parent / url for url in re.findall(r'url\("([^"]+)"\)', css)}
    first = {folder / "index.html", css_path, *fonts}
    lazy: set[Path] = set()
    for tag in re.findall(r"<(?:img|link)\b[^>]*>", html):
        ref = re.search(r'(?:src|href)="([^"#]+)"', tag)
        if ref is None or ref[1].startswith(("https:", "data:")) or "stylesheet" in tag:
            continue
        (lazy if 'loading="lazy"' in tag else first).add(folder / ref[1])
    lazy -= first
    return {"first_view": _kb(first), "whole_page": _kb(first | lazy), "fonts": _kb(fonts)}


def _kb(paths: set[Path]) -> float:
    return round(sum(path.stat().st_size for path in paths) / 1024, 1)


def report(result: dict[str, Any]) -> list[str]:
    """The figures as text: each beside its baseline, then the profile of one cold build."""
    lines = [f"pressroom benchmark: medians of {result['runs']} paired runs, fresh processes"]
    lines.append(
        f"{'figure':<34}{'wall s':>8}{'CPU s':>8}  {'baseline':<22}{'wall s':>8}"
        f"{'CPU s':>8}{'x wall':>8}{'x CPU':>7}"
    )
    for name, f in result["figures"].items():
        base = BASELINES.get(name, "proselint, all pages")
        lines.append(
            f"{name:<34}{f['wall']:>8.2f}{f['cpu']:>8.2f}  {base:<22}{f['baseline_wall']:>8.2f}"
            f"{f['baseline_cpu']:>8.2f}{f['ratio_wall']:>8.2f}{f['ratio_cpu']:>7.2f}"
        )
    memory = result["peak_memory_mb"]
    lines.append(
        f"peak memory: build process {memory['build']} MB, one worker {memory['worker']} MB"
    )
    for slug, weight in result["page_weight_kb"].items():
        lines.append(
            f"web page {slug}: first view {weight['first_view']} KB, whole page "
            f"{weight['whole_page']} KB, fonts {weight['fonts']} KB"
        )
    profile = result["profile_of_one_cold_build"]
    total = sum(cpu for _wall, cpu, _calls in profile.values()) or 1.0
    lines.append("")
    lines.append(
        "profile of one cold build (every process; a stage's own time, not its inner stages)"
    )
    lines.append(f"{'stage [for]':<58}{'wall s':>8}{'CPU s':>8}{'share':>7}{'calls':>6}")
    for stage, (wall, cpu, calls) in profile.items():
        if cpu >= 0.005 or wall >= 0.01:
            lines.append(f"{stage:<58}{wall:>8.3f}{cpu:>8.3f}{cpu / total:>7.1%}{calls:>6}")
    lines.append(f"{'all stages':<58}{'':>8}{total:>8.3f}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m pressroom.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runs", type=int, default=3, help="paired runs per figure (median)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = measure(args.runs)
    print(json.dumps(result, indent=2) if args.json else "\n".join(report(result)))


if __name__ == "__main__":
    main()
