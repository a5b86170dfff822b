"""``python build.py --watch``: a live preview on 127.0.0.1 that follows every save.

On each change under ``content/``, ``layouts/``, ``profiles/`` or ``images/`` the preview is
remade first (load, check and the web page, in memory: well under a second) and open browser
tabs reload; then the full build runs and the PDFs in ``output/`` follow. The preview marks the
findings on the page (long sentences and hard words highlighted, missing pictures shown as dashed
boxes) and lists them, each linked to its source line. Two more views (see :mod:`workbench`): the
printed pages of each publication with their findings, and a picture browser. Ctrl-C stops it.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from . import checks, pipeline
from .checks._text import page_sentences
from .model import Finding, Publication, Severity
from .outputs import web
from .publish import report
from .render import html as render
from .render import workbench
from .render.layout import load_layout
from .source import load

WATCHED = ("content", "layouts", "profiles", "images")
POLL_SECONDS = 0.25
MARKED_RULES = {
    "sentence-length",
    "hard-words",
    "passive-voice",
    "double-negatives",
    "acronyms",
    "negative-contractions",
    "latin-abbreviations",
    "number-words",
    "all-caps",
}


@dataclass
class Preview:
    """The latest preview of each publication, and a counter that changes when they do."""

    root: Path
    slugs: tuple[str, ...]
    pages: dict[str, str] = field(default_factory=dict)
    css: dict[str, str] = field(default_factory=dict)
    pictures: dict[str, Path] = field(default_factory=dict)
    version: int = 0
    refreshed_in: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self) -> None:
        """Load, check and render the web page of every publication (no PDFs)."""
        started = time.perf_counter()
        src = load.Sources(self.root)
        slugs = list(self.slugs) or load.discover(src)
        pages, css, pictures = {}, {}, {}
        for slug in slugs:
            pub, problems = load.load_publication(src, slug)
            if pub is None:
                pages[slug] = _problem_page(slug, problems)
                continue
            findings = report.sort_findings(problems + checks.run_checks(pub))
            page, style = _preview_page(self.root, pub, findings)
            pages[slug], css[slug] = page, style
            for pic in pub.pictures.values():
                pictures[render.web_name(pic)] = pic.path
        with self.lock:
            self.pages, self.css, self.pictures = pages, css, pictures
            self.version += 1
            self.refreshed_in = time.perf_counter() - started

    def built(self) -> None:
        """The PDFs were built: open views reload (the printed pages show the new PDF)."""
        with self.lock:
            self.version += 1


def _preview_page(root: Path, pub: Publication, findings: list[Finding]) -> tuple[str, str]:
    layout, _problems = load_layout(root / "layouts", pub.profile)
    if layout is None:
        return _problem_page(pub.slug, findings), ""
    pictures = {ref: f"/pictures/{render.web_name(pic)}" for ref, pic in pub.pictures.items()}
    page = render.render_html(pub, layout, "web", pictures)
    page = page.replace('href="assets/style.css"', f'href="/style/{pub.slug}.css"')
    page = mark_findings(page, pub, findings)
    panel = _panel(findings).replace(
        "<ul>",
        f'<p><a href="/{pub.slug}/printed">See the printed pages</a> · '
        '<a href="/pictures">Find a picture</a></p><ul>',
        1,
    )
    page = page.replace("</body>", panel + _RELOAD_SCRIPT + "</body>", 1)
    return page, web.web_css(layout) + _PREVIEW_CSS


def mark_findings(page: str, pub: Publication, findings: list[Finding]) -> str:
    """Wrap the words and sentences that findings point at in ``<mark>`` (in plain text only)."""
    targets: list[tuple[str, str, str]] = []
    by_place: dict[tuple[str, int, int], Finding] = {}
    for f in findings:
        if f.rule in MARKED_RULES:
            by_place.setdefault((f.location.path, f.location.line, f.location.col), f)
    for source in pub.pages:
        for sentence in page_sentences(source, pub.audience.line_breaks):
            loc = sentence.location
            finding = by_place.get((loc.path, loc.line, loc.col))
            if finding is not None:
                targets.append((sentence.text, finding.severity.value, finding.message))
            for word in sentence.words:
                found = by_place.get((word.location.path, word.location.line, word.location.col))
                if found is not None and found is not finding:
                    targets.append((word.text, found.severity.value, found.message))
    for text, severity, message in targets:
        page = _mark_once(page, text, severity, message)
    return page


TAG_SPLIT = re.compile(r"(<[^>]+>)")


def _mark_once(page: str, text: str, severity: str, message: str) -> str:
    """Mark the first occurrence of ``text`` that lies inside one text node of the body."""
    needle = html.escape(text, quote=False)
    pieces = TAG_SPLIT.split(page)
    body = next((i for i, p in enumerate(pieces) if p.startswith("<main")), 0)
    for index in range(body, len(pieces)):
        piece = pieces[index]
        if piece.startswith("<") or needle not in piece:
            continue
        title = html.escape(message, quote=True)
        marked = f'<mark class="preview-{severity}" title="{title}">{needle}</mark>'
        pieces[index] = piece.replace(needle, marked, 1)
        return "".join(pieces)
    return page


def _panel(findings: list[Finding]) -> str:
    counts = report.counts(findings)
    items = "".join(
        f'<li class="preview-{f.severity.value}"><a href="/source/{html.escape(f.location.path)}'
        f'#L{f.location.line}">{html.escape(str(f.location))}</a> '
        f"<strong>{f.severity.value}</strong> {html.escape(f.message)}</li>"
        for f in findings
    )
    return (
        '<aside class="preview-panel" aria-label="Findings">'
        f"<h2>Preview: {counts['error']} errors, {counts['warning']} warnings</h2>"
        f"<ul>{items}</ul></aside>"
    )


def _problem_page(slug: str, findings: list[Finding]) -> str:
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{slug}</title>'
        f'<link rel="stylesheet" href="/style/{slug}.css"></head><body><main>'
        f"<h1>{html.escape(slug)} cannot be shown yet</h1>{_panel(findings)}</main>"
        f"{_RELOAD_SCRIPT}</body></html>"
    )


def source_page(root: Path, rel: str) -> str | None:
    """A source file with numbered lines, so a finding's link lands on its line."""
    path = (root / rel).resolve()
    allowed = [(root / folder).resolve() for folder in WATCHED]
    if not any(path.is_relative_to(a) for a in allowed) or not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    rows = "".join(
        f'<li id="L{n}" value="{n}"><code>{html.escape(line) or "&nbsp;"}</code></li>'
        for n, line in enumerate(lines, start=1)
    )
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{html.escape(rel)}'
        "</title><style>body{font-family:sans-serif} li:target{background:#fff1b8}"
        f"code{{white-space:pre-wrap}}</style></head><body><main><h1>{html.escape(rel)}</h1>"
        f"<ol>{rows}</ol></main></body></html>"
    )


class _Handler(BaseHTTPRequestHandler):
    preview: Preview
    version: int = 0

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        preview = self.preview
        # Read before the page is made: a change while it is made or loaded still reloads it.
        self.version = preview.version
        if path == "/":
            links = "".join(f'<li><a href="/{s}/">{s}</a></li>' for s in sorted(preview.pages))
            self._send(
                "text/html",
                "<!DOCTYPE html><html lang='en-GB'><head><title>Preview</title></head><body>"
                f"<main><h1>Preview</h1><ul>{links}</ul></main></body></html>",
            )
        elif path == "/pictures":
            query = parse_qs(urlsplit(self.path).query).get("q", [""])[0]
            self._send("text/html", workbench.picture_browser(preview.root, query[:200]))
        elif path.endswith("/printed") and path.strip("/")[:-8] in preview.pages:
            view = workbench.printed_pages(preview.root, path.strip("/")[:-8], _RELOAD_SCRIPT)
            self._send("text/html", view) if view else self.send_error(HTTPStatus.NOT_FOUND)
        elif path.startswith("/printed/") and path.endswith(".png"):
            slug, _, number = path[9:-4].partition("/")
            image = (
                workbench.page_image(preview.root, slug, int(number))
                if slug in preview.pages and number.isdigit()
                else None
            )
            self._send("image/png", image) if image else self.send_error(HTTPStatus.NOT_FOUND)
        elif path == "/version":
            self._send("application/json", json.dumps({"version": preview.version}))
        elif path.startswith("/style/") and path.endswith(".css"):
            self._send("text/css", preview.css.get(path[7:-4], ""))
        elif path.startswith("/pictures/") and path[10:] in preview.pictures:
            kind = "image/svg+xml" if path.endswith(".svg") else "image/png"
            self._send(kind, preview.pictures[path[10:]].read_bytes())
        elif path.startswith("/source/"):
            page = source_page(preview.root, path[8:])
            self._send("text/html", page) if page else self.send_error(HTTPStatus.NOT_FOUND)
        elif path.strip("/") in preview.pages:
            self._send("text/html", preview.pages[path.strip("/")])
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _send(self, kind: str, body: str | bytes) -> None:
        if isinstance(body, str) and kind == "text/html":
            head, mark, tail = body.rpartition(_VERSION_MARK)  # the script comes last
            body = head + str(self.version) + tail if mark else body
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(HTTPStatus.OK)
        self.send_header(
            "Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text") else kind
        )
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every watched file."""
    times: dict[str, float] = {}
    for folder in WATCHED:
        for path in (root / folder).rglob("*"):
            if path.is_file():
                times[str(path)] = path.stat().st_mtime_ns
    return times


def watch(
    root: Path,
    slugs: tuple[str, ...],
    port: int,
    say: Callable[[str], None],
    options: pipeline.BuildOptions,
    stop: threading.Event | None = None,
) -> int:
    """Serve the preview and rebuild on every change until Ctrl-C (or ``stop`` is set)."""
    preview = Preview(root, slugs)
    preview.refresh()
    handler = type("Handler", (_Handler,), {"preview": preview})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    say(f"Preview on http://127.0.0.1:{server.server_address[1]}/  (Ctrl-C to stop)")
    stop = stop or threading.Event()
    seen = snapshot(root)
    try:
        _full_build(options, say)
        preview.built()
        while not stop.wait(POLL_SECONDS):
            now = snapshot(root)
            if now == seen:
                continue
            seen = now
            preview.refresh()
            say(f"Preview updated in {preview.refreshed_in:.2f} s; building the PDFs…")
            _full_build(options, say)
            preview.built()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    say("Stopped watching.")
    return 0


def _full_build(options: pipeline.BuildOptions, say: Callable[[str], None]) -> None:
    result = pipeline.build(replace(options, progress=None))
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    say("PDFs up to date." if result.exit_code == 0 else f"Build stopped: {errors} error(s).")


_VERSION_MARK = "/*preview-version*/0"
# The page starts from the version it was made at (filled in as it is served), so a build that
# ends while the page loads still reloads it.
_RELOAD_SCRIPT = (
    """<script>
(() => { let seen = """
    + _VERSION_MARK
    + """;
  setInterval(async () => {
    try { const v = (await (await fetch('/version', {cache: 'no-store'})).json()).version;
          if (v !== seen) location.reload(); seen = v; } catch (e) {}
  }, 300); })();
</script>"""
)

_PREVIEW_CSS = """
/* preview only */
.preview-panel { border-top: 4px solid #767676; margin: 2rem auto; max-width: 44rem;
  padding: 0 1rem; }
.preview-panel li { margin: .3rem 0; }
mark.preview-error { background: #ffd6d6; outline: 2px solid #a00000; color: inherit; }
mark.preview-warning { background: #fff1b8; color: inherit; }
mark.preview-info { background: #e3ecfa; color: inherit; }
.missing-picture { background: repeating-linear-gradient(45deg, #fff, #fff 6px, #ffd6d6 6px,
  #ffd6d6 12px); }
"""
