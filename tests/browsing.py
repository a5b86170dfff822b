"""What the browser tests share: axe-core, the reflow probe, and where the real site's files are.

The built site and the browser themselves are session fixtures in ``conftest.py``, so every
test module that looks at the real web pages reuses one build and one Chromium.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from .conftest import Project

SLUGS = ("restrictive-practices", "my-rights")
AXE_JS = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EXTRA_RULES = ["heading-order", "page-has-heading-one", "landmark-one-main", "region"]
# Debian's ``chromium-headless-shell``: Chromium's build for headless use (the same Blink, V8 and
# accessibility tree, without the desktop browser's own process work), so the axe runs and DAISY
# Ace take about a quarter less CPU than with the full browser in its headless mode.
CHROMIUM = Path("/usr/bin/chromium-headless-shell")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
]  # fmt: skip

# The Java validators (the Nu HTML Checker, EPUBCheck) run for seconds, not hours: Java's quick
# compiler alone and its simplest collector take a third of the CPU time, with the same results.
# That compiler's frames are larger, so the Nu checker's deep regular expressions get a bigger
# stack (without it, it stops on the audio scripts with a stack overflow).
JAVA = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1", "-Xss8m"]


def axe_options(run_only: dict[str, Any], also: list[str] | None = None) -> dict[str, Any]:
    """axe.run options: every violation in full; passes and the rest only counted (axe's own
    way to run faster, which leaves what it reports as violations unchanged). ``also`` names
    rules to run beside the tags, in the same pass over the page."""
    options: dict[str, Any] = {"runOnly": run_only, "resultTypes": ["violations"]}
    if also:
        options["rules"] = {rule: {"enabled": True} for rule in also}
    return options


def axe(page: Any) -> list[dict[str, Any]]:
    """What axe-core finds against WCAG 2.2 AA and the page-structure rules, one dict a rule.
    axe is put into the page once (a new page, or a page loaded again, gets it again)."""
    if page.evaluate("typeof window.axe") == "undefined":
        page.evaluate(AXE_JS)
    options = axe_options({"type": "tag", "values": WCAG_TAGS}, also=EXTRA_RULES)
    found = page.evaluate("o => axe.run(document, o)", options)
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5], "help": v["help"]}
        for v in found["violations"]
    ]


def web(site: Project, slug: str, name: str = "index.html") -> Path:
    return site.output(f"{slug}/web/{name}")


REFLOW_JS = """() => {
  const vw = document.documentElement.clientWidth, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if ((r.width || r.height) && (r.right > vw + 1 || r.left < -1)) out.push(el.tagName + '.' + el.className);
  }
  return {hscroll: document.documentElement.scrollWidth > vw, offenders: out.slice(0, 10)};
}"""
