"""The two workbench views of ``--watch``: the printed pages, and a picture browser.

* ``/<publication>/printed``: an image of every page of the real print PDF in ``output/`` (made
  with poppler's ``pdftoppm`` when asked for, and kept until the PDF changes), each with the
  findings of the page file it comes from beside it. The page reloads with the preview, so it
  follows every save once the PDFs are built.
* ``/pictures?q=WORDS``: a search box and a grid of the pictures ``python build.py pictures``
  finds; a click on a picture copies ``![alt](name)`` with its suggested alt text.

Both are served only by the preview's server on 127.0.0.1.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..source import picture_search

PAGE_PPI = 60
_cache_lock = threading.Lock()
_cache: list[Path] = []  # this process's own folder of page images, made when first needed


def _cache_dir() -> Path:
    if not _cache:
        _cache.append(Path(tempfile.mkdtemp(prefix="pressroom-printed-pages-")))
    return _cache[0]


def print_pdf(root: Path, slug: str) -> Path:
    """Where the last good print PDF of a publication is."""
    return root / "output" / slug / f"{slug}-print.pdf"


def page_image(root: Path, slug: str, number: int) -> bytes | None:
    """A PNG of one printed page, or None when there is no such page (or no poppler)."""
    pdf = print_pdf(root, slug)
    tool = shutil.which("pdftoppm")
    if tool is None or not pdf.is_file() or number < 1:
        return None
    stamp = pdf.stat().st_mtime_ns
    with _cache_lock:
        folder = _cache_dir() / slug
        target = folder / f"{stamp}-{number}"
        png = target.with_suffix(".png")
        if not png.is_file():
            folder.mkdir(exist_ok=True)
            for old in folder.glob("*.png"):  # pages of an older PDF
                if not old.name.startswith(f"{stamp}-"):
                    old.unlink(missing_ok=True)
            command = [tool, "-f", str(number), "-l", str(number), "-r", str(PAGE_PPI)]
            command += ["-png", "-singlefile", str(pdf), str(target)]
            done = subprocess.run(command, capture_output=True, timeout=60, check=False)
            if done.returncode != 0 or not png.is_file():
                return None
    return png.read_bytes()


def printed_pages(root: Path, slug: str, reload_script: str) -> str | None:
    """The printed-pages view, or None when the publication was never built."""
    job_file = root / "output" / slug / f"{slug}-job.json"
    if not job_file.is_file():
        return None
    job = json.loads(job_file.read_text(encoding="utf-8"))
    findings = _findings_by_file(root, slug)
    errors = sum(1 for items in findings.values() for f in items if f["severity"] == "error")
    note = (
        f"<p class='note'>The last build stopped with {errors} error(s): these are the last good "
        "printed pages. Fix the errors and save to see the new ones.</p>"
        if errors
        else ""
    )
    rows = []
    for page in job.get("pages", []):
        number, source = int(page["number"]), str(page.get("source") or "")
        items = findings.get(source, [])
        listed = "".join(
            f"<li class='{html.escape(f['severity'])}'><a href='/source/{quote(source)}#L"
            f"{int(f['line'])}'>{html.escape(source)}:{int(f['line'])}</a> "
            f"<strong>{html.escape(f['severity'])}[{html.escape(f['rule'])}]</strong> "
            f"{html.escape(f['message'])}</li>"
            for f in items
        )
        what = html.escape(source or ("added for printing" if page.get("added") else ""))
        rows.append(
            f"<section class='printed-page' id='page-{number}'><h2>Page {number}</h2>"
            f"<img src='/printed/{quote(slug)}/{number}.png' alt='Printed page {number}' "
            f"width='300'><div><p>{what}</p>"
            f"<ul>{listed or '<li>No findings for this page file.</li>'}</ul></div></section>"
        )
    title = html.escape(f"{job.get('title', slug)}: printed pages")
    return (
        f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{_CSS}</style></head><body><main><h1>{title}</h1>"
        f"<p><a href='/{quote(slug)}/'>Back to the preview</a> · "
        "<a href='/pictures'>Find a picture</a></p>"
        f"{note}{''.join(rows)}</main>{reload_script}</body></html>"
    )


def _findings_by_file(root: Path, slug: str) -> dict[str, list[dict[str, Any]]]:
    report = root / "output" / "report.json"
    if not report.is_file():
        return {}
    data = json.loads(report.read_text(encoding="utf-8"))
    items = data.get("findings", []) if isinstance(data, dict) else []
    folder = f"content/{slug}/"
    found: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        path = str(item.get("path", ""))
        if path.startswith(folder):
            found.setdefault(path, []).append(item)
    return found


def picture_browser(root: Path, query: str) -> str:
    """The picture browser: a search box, and a grid of what the words find."""
    words = query.split()
    hits = picture_search.search(words, root / "images")[:90] if words else []
    cards = "".join(
        f"<li><button type='button' class='pick' data-markdown='{html.escape(hit.markdown)}'>"
        f"<img src='{html.escape(_source(hit))}' alt=''>"
        f"<code>{html.escape(hit.ref)}</code><span>{html.escape(hit.alt)}</span>"
        f"<small>{html.escape(hit.source)}: {html.escape(hit.shows)}</small></button></li>"
        for hit in hits
    )
    said = (
        f"<p role='status'>{len(hits)} pictures for “{html.escape(query)}”. Click one to copy "
        "its Markdown, then paste it at the start of a row.</p>"
        if words
        else "<p role='status'>Type what the picture should mean, for example: nurse.</p>"
    )
    return (
        "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>Find a picture"
        f"</title><style>{_CSS}</style></head><body><main><h1>Find a picture</h1>"
        "<form action='/pictures' method='get' role='search'><label for='q'>What should the "
        f"picture mean?</label> <input id='q' name='q' type='search' value='{html.escape(query)}'>"
        f" <button type='submit'>Search</button></form>{said}"
        f"<p id='copied' role='status' aria-live='polite'></p><ul class='grid'>{cards}</ul>"
        f"</main>{_COPY_SCRIPT}</body></html>"
    )


def _source(hit: picture_search.Hit) -> str:
    return picture_search.data_uri(hit.path) if hit.path is not None else ""


_COPY_SCRIPT = """<script>
document.querySelectorAll('button.pick').forEach((button) => {
  button.addEventListener('click', async () => {
    const text = button.dataset.markdown;
    try { await navigator.clipboard.writeText(text); } catch (e) {
      const area = document.createElement('textarea'); area.value = text;
      document.body.append(area); area.select(); document.execCommand('copy'); area.remove(); }
    document.getElementById('copied').textContent = 'Copied: ' + text;
  });
});
</script>"""

_CSS = """
body { font: 1.05rem/1.4 "Liberation Sans", Arial, sans-serif; margin: 1.5rem; color: #1a1a1a; }
.printed-page { display: flex; gap: 1.5rem; align-items: flex-start; margin: 0 0 2rem; }
.printed-page img { border: 1px solid #767676; box-shadow: 0 1px 4px #0003; height: auto; }
.printed-page h2 { writing-mode: vertical-rl; margin: 0; font-size: 1rem; }
li.error { color: #a00000; } li.warning { color: #6b4f00; }
.note { background: #fff1b8; padding: .5rem 1rem; }
.grid { list-style: none; padding: 0; display: grid; gap: .75rem;
  grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); }
.pick { width: 100%; display: grid; gap: .2rem; justify-items: center; padding: .6rem;
  background: #fff; border: 1px solid #767676; border-radius: 6px; cursor: pointer;
  font: inherit; color: inherit; }
.pick:focus { outline: 3px solid #b34700; }
.pick img { width: 120px; height: 120px; object-fit: contain; }
.pick code, .pick span, .pick small { max-width: 100%; overflow-wrap: anywhere; }
.grid li { display: flex; } .pick { align-content: start; }
"""
