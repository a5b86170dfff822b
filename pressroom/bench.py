"""``python -m pressroom.bench``: how fast pressroom answers an editor, measured, never asserted.

Each figure is the median of several runs, each in a fresh process, on a scratch copy of the
project (``content/``, ``layouts/``, ``images/``):

* full cold build (``--force``), ``--check``, a no-op rebuild, a rebuild after editing one page;
* the watch preview's refresh after a save (load, check and the web page, without PDFs);
* peak memory of one build process (and of its worker processes);
* the weight of each web page: what a browser fetches before the reader scrolls, and in all;
* the share of build time spent inside WeasyPrint, and the baseline the issue compares with:
  WeasyPrint alone rendering each publication's print HTML once (from ``--emit-html``).
"""

from __future__ import annotations

import argparse
import json
import re
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

REFRESH = """
import sys, time
from pathlib import Path
from pressroom.watch import Preview
preview = Preview(Path(sys.argv[1]), ())
started = time.perf_counter()
preview.refresh()
print(time.perf_counter() - started)
"""

WEASYPRINT_ALONE = """
import sys, time
from weasyprint import CSS, HTML
total = 0.0
for folder in sys.argv[1:]:
    started = time.perf_counter()
    css = CSS(filename=folder + "/print.css")
    HTML(filename=folder + "/print.html").write_pdf(stylesheets=[css])
    total += time.perf_counter() - started
print(total)
"""


def run_build(root: Path, *args: str) -> dict[str, Any]:
    """One build in a fresh process: wall time and the ``--timings`` figures it printed."""
    started = time.perf_counter()
    done = subprocess.run(
        [PYTHON, str(REPO / "build.py"), "--root", str(root), "--quiet", "--timings", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    line = next((s for s in done.stderr.splitlines() if s.startswith("timings: ")), "timings: {}")
    figures: dict[str, Any] = json.loads(line[len("timings: ") :])
    figures["wall"] = wall
    figures["exit"] = done.returncode
    return figures


def scratch_copy() -> Path:
    root = Path(tempfile.mkdtemp(prefix="pressroom-bench-")) / "project"
    for folder in ("content", "layouts", "images"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def measure(runs: int) -> dict[str, Any]:
    root = scratch_copy()
    page = sorted((root / "content").glob("*/0[2-9]0-*.md"))[0]
    names = ("cold", "check", "check_cached", "noop", "edit", "refresh")
    results: dict[str, list[float]] = {k: [] for k in names}
    share, weasy, memory, workers = [], [], [], []
    for _number in range(runs):
        cold = run_build(root, "--force")
        results["cold"].append(cold["wall"])
        weasy.append(cold.get("weasyprint", 0.0))
        share.append(cold.get("weasyprint", 0.0) / max(cold.get("render_cpu", cold["wall"]), 1e-9))
        memory.append(cold.get("peak_mb", 0.0))
        workers.append(cold.get("peak_worker_mb", 0.0))
        results["check"].append(run_build(root, "--check", "--force")["wall"])
        results["check_cached"].append(run_build(root, "--check")["wall"])
        results["noop"].append(run_build(root)["wall"])
        page.write_text(page.read_text(encoding="utf-8") + "\n")  # a save that changes the file
        results["refresh"].append(float(_python(REFRESH, str(root))))
        results["edit"].append(run_build(root)["wall"])
    run_build(root, "--force", "--emit-html")
    debug = [str(p) for p in sorted(root.glob("output/*/debug"))]
    alone = float(_python(WEASYPRINT_ALONE, *debug))
    weights = {
        folder.parent.name: page_weight(folder) for folder in sorted(root.glob("output/*/web"))
    }
    figures: dict[str, Any] = {name: median(values) for name, values in results.items()}
    figures.update(
        weasyprint_seconds_in_cold_build=median(weasy),
        weasyprint_share_of_render_cpu=median(share),
        peak_memory_mb=median(memory),
        peak_worker_memory_mb=median(workers),
        weasyprint_alone_print_html=round(alone, 3),
        cold_over_weasyprint_alone=round(median(results["cold"]) / alone, 2),
        runs=runs,
        page_weight_kb=weights,
    )
    shutil.rmtree(root.parent, ignore_errors=True)
    return figures


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


def _python(code: str, *args: str) -> str:
    done = subprocess.run([PYTHON, "-c", code, *args], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m pressroom.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median reported)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = measure(args.runs)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"pressroom benchmark, median of {args.runs} runs, fresh process each")
    rows = [
        ("full cold build, both publications, every output (s)", figures["cold"]),
        ("WeasyPrint alone, print HTML of both once (s)", figures["weasyprint_alone_print_html"]),
        ("  cold build / WeasyPrint alone (target <= 1.2)", figures["cold_over_weasyprint_alone"]),
        ("--check, start-up included, checking everything (s, target <= 1)", figures["check"]),
        ("--check when nothing changed (s)", figures["check_cached"]),
        ("no-op rebuild (s, target <= 0.5)", figures["noop"]),
        ("one-page edit rebuild (s)", figures["edit"]),
        ("preview refresh after a save (s, target <= 0.5)", figures["refresh"]),
        ("peak memory, build process (MB, target <= 400)", figures["peak_memory_mb"]),
        ("peak memory, one render worker (MB)", figures["peak_worker_memory_mb"]),
        (
            "time inside WeasyPrint during the cold build (s)",
            figures["weasyprint_seconds_in_cold_build"],
        ),
        ("  share of render CPU time inside WeasyPrint", figures["weasyprint_share_of_render_cpu"]),
    ]
    for slug, weight in figures["page_weight_kb"].items():
        rows.append(
            (
                f"web page weight, {slug} (KB: first view / whole page / fonts)",
                f"{weight['first_view']} / {weight['whole_page']} / {weight['fonts']}",
            )
        )
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
