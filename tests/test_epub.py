"""The EPUB 3 of each real publication (``output/<slug>/<slug>.epub``), from the shared build.

Checked with tools we did not write: EPUBCheck (Debian's ``epubcheck``), poppler's
``pdftotext`` on the print PDF for the page list, and Chromium (with axe) for the content
documents at 320 CSS pixels.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from .browsing import AXE_JS, JAVA, REFLOW_JS, SLUGS, WCAG_TAGS, axe_options
from .conftest import REPO, Project

pytestmark = pytest.mark.heavy

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def epub_path(site: Project, slug: str) -> Path:
    return site.output(f"{slug}/{slug}.epub")


def read(site: Project, slug: str, name: str) -> Any:
    with zipfile.ZipFile(epub_path(site, slug)) as archive:
        return etree.fromstring(archive.read(f"EPUB/{name}"))


def documents(site: Project, slug: str) -> dict[str, Any]:
    with zipfile.ZipFile(epub_path(site, slug)) as archive:
        names = [n for n in archive.namelist() if n.startswith("EPUB/text/")]
        return {n.removeprefix("EPUB/"): etree.fromstring(archive.read(n)) for n in names}


ACE = REPO / "tests" / "ace" / "node_modules" / ".bin" / "ace-cli"
ACE_BROWSER = REPO / "tests" / "ace" / "chromium"  # the headless shell, in one process


def without_first_alt(epub: Path, out: Path) -> Path:
    """A copy of ``epub`` whose first picture has lost its alt text: what Ace must report."""
    with zipfile.ZipFile(epub) as source, zipfile.ZipFile(out, "w") as copy:
        done = False
        for item in source.infolist():
            data = source.read(item)
            if not done and item.filename.startswith("EPUB/text/") and b"<img" in data:
                data, done = re.sub(rb'(<img[^>]*?) alt="[^"]*"', rb"\1", data, count=1), True
            copy.writestr(item, data)
    assert done
    return out


@pytest.fixture(scope="module")
def validators(
    site: Project, mini_built: Project, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    """What EPUBCheck says of each EPUB, and DAISY Ace's report.json, for each EPUB and for a
    small one broken on purpose; all run at once (each waits mostly for a Java or Chromium
    start-up)."""
    if not ACE.exists():
        pytest.fail("DAISY Ace is not installed: run ./run test, which installs it.")
    reports = tmp_path_factory.mktemp("ace")
    broken = without_first_alt(mini_built.output("mini-easy/mini-easy.epub"), reports / "b.epub")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(ACE_BROWSER)}
    runs = {"ace:broken": [str(ACE), "--silent", "--outdir", str(reports / "broken"), str(broken)]}
    for slug in SLUGS:
        path = str(epub_path(site, slug))
        runs[f"epubcheck:{slug}"] = [*JAVA, "-jar", "/usr/bin/epubcheck", path]
        runs[f"ace:{slug}"] = [str(ACE), "--silent", "--outdir", str(reports / slug), path]
    started = {
        name: subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        for name, command in runs.items()
    }
    said = {name: run.communicate(timeout=400)[0] for name, run in started.items()}
    for slug in (*SLUGS, "broken"):
        report = reports / slug / "report.json"
        said[f"ace:{slug}"] = report.read_text() if report.exists() else said[f"ace:{slug}"]
    return said


def ace_violations(report: dict[str, Any]) -> list[tuple[str, str]]:
    """Each failed check in an Ace report: the document and the rule's title."""
    return [
        (part.get("earl:testSubject", {}).get("url"), found["earl:test"]["dct:title"])
        for part in report["assertions"]
        for found in part.get("assertions", [])
        if found["earl:result"]["earl:outcome"] == "fail"
    ]


@pytest.mark.parametrize("slug", SLUGS)
def test_each_epub_passes_epubcheck_with_no_errors_and_no_warnings(
    validators: dict[str, str], slug: str
) -> None:
    said = validators[f"epubcheck:{slug}"]
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in said, said


@pytest.mark.parametrize("slug", SLUGS)
def test_each_epub_passes_daisy_ace_with_no_violations(
    validators: dict[str, str], slug: str
) -> None:
    report = json.loads(validators[f"ace:{slug}"])
    assert ace_violations(report) == [] and report["earl:result"]["earl:outcome"] == "pass"
    metadata = report["earl:testSubject"]["metadata"]
    assert metadata["schema:accessModeSufficient"] and metadata["dc:source"]


def test_daisy_ace_as_run_here_reports_a_picture_without_alt_text(
    validators: dict[str, str],
) -> None:
    """The same Ace, browser and options find what is wrong in an EPUB broken on purpose."""
    report = json.loads(validators["ace:broken"])
    assert report["earl:result"]["earl:outcome"] == "fail"
    assert [title for _where, title in ace_violations(report)] == ["image-alt"]


@pytest.mark.parametrize("slug", SLUGS)
def test_the_page_list_gives_the_print_pdfs_page_numbers_where_those_pages_begin(
    site: Project, slug: str
) -> None:
    job = json.loads(site.output(f"{slug}/{slug}-job.json").read_bytes())
    nav = read(site, slug, "nav.xhtml")
    page_list = nav.find(".//x:nav[@epub:type='page-list']", NS)
    links = [(a.text, a.get("href")) for a in page_list.iterfind(".//x:a", NS)]
    with_content = [str(p["number"]) for p in job["pages"] if p["source"]]
    assert [number for number, _href in links] == with_content
    docs = documents(site, slug)
    by_source = {p["number"]: Path(p["source"]).stem for p in job["pages"]}
    for number, href in links:
        name, _, anchor = href.partition("#")
        assert name.removeprefix("text/page-").removesuffix(".xhtml") == by_source[int(number)]
        marker = docs[name].find(f".//*[@id='{anchor}']")
        assert marker.get(EPUB_TYPE) == "pagebreak" and marker.get("role") == "doc-pagebreak"
        assert marker.get("title") == number
    # A page file that runs onto a second printed page: the break is before the first thing
    # that the print PDF shows on that page.
    glossary = [p["number"] for p in job["pages"] if p["kind"] == "glossary"]
    assert len(glossary) == 2
    number = glossary[1]
    printed = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), "-layout",
         str(site.output(f"{slug}/{slug}-print.pdf")), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    name = next(href for n, href in links if n == str(number)).partition("#")[0]
    marker = docs[name].find(f".//*[@id='print-page-{number}']")
    entry = marker.getparent().getparent()  # the marker opens the entry's dt
    word = "".join(entry.find("x:dt/x:dfn", NS).itertext())
    before = entry.getprevious()
    assert re.search(rf"\b{re.escape(word)}\b", printed)
    previous = "".join(before.find("x:dt/x:dfn", NS).itertext())
    assert not re.search(rf"^\s*{re.escape(previous)}\b", printed, re.MULTILINE)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_picture_has_the_alt_text_of_its_source_and_every_document_its_language(
    site: Project, slug: str
) -> None:
    pub, _findings = site.load(slug)
    assert pub is not None
    written = {pic.alt for page in pub.pages for block in page.blocks for pic in block.pictures}
    written |= {t.picture_alt or t.word for t in pub.glossary if t.picture}
    docs = documents(site, slug)
    alts = [img.get("alt") for doc in docs.values() for img in doc.iterfind(".//x:img", NS)]
    assert alts and all(alt and alt.strip() for alt in alts)
    assert written <= set(alts)
    lang = pub.config["lang"]
    for doc in [*docs.values(), read(site, slug, "nav.xhtml")]:
        assert doc.get("lang") == lang
        assert doc.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    opf = read(site, slug, "package.opf")
    assert opf.findtext(".//dc:language", namespaces=NS) == lang


@pytest.mark.parametrize("slug", SLUGS)
def test_the_glossary_is_an_epub_glossary_linked_both_ways(site: Project, slug: str) -> None:
    pub, _findings = site.load(slug)
    assert pub is not None
    docs = documents(site, slug)
    glossary_name, glossary = next(
        (name, doc)
        for name, doc in docs.items()
        if doc.find(".//x:section[@epub:type='glossary']", NS) is not None
    )
    section = glossary.find(".//x:section[@epub:type='glossary']", NS)
    assert section.get("role") == "doc-glossary"
    terms = section.findall(".//x:dl/x:div/x:dt[@epub:type='glossterm']", NS)
    words = ["".join(dt.find("x:dfn", NS).itertext()) for dt in terms]
    assert words == [term.word for term in pub.glossary]
    uses = [
        (name, link)
        for name, doc in docs.items()
        for link in doc.iterfind(".//x:a[@epub:type='glossref']", NS)
    ]
    assert uses
    for name, link in uses:  # each word in the text goes to its entry...
        target, _, anchor = link.get("href").partition("#")
        assert target == glossary_name.removeprefix("text/") and link.get("role") == "doc-glossref"
        entry = section.find(f".//x:div[@id='{anchor}']", NS)
        assert entry is not None
        back = {a.get("href") for a in entry.iterfind(".//x:dd//x:a", NS)}
        first_here = next(u for n, u in uses if n == name and u.get("href") == link.get("href"))
        # ...and the entry links back to the first use on each page
        assert f"{name.removeprefix('text/')}#{first_here.get('id')}" in back


@pytest.mark.parametrize("slug", SLUGS)
def test_the_accessibility_metadata_says_what_the_epub_has(site: Project, slug: str) -> None:
    opf = read(site, slug, "package.opf")
    meta: dict[str, list[str]] = {}
    for element in opf.iterfind(".//opf:meta[@property]", NS):
        meta.setdefault(element.get("property"), []).append(element.text)
    docs = documents(site, slug)
    nav = read(site, slug, "nav.xhtml")
    images = [
        i for i in opf.iterfind(".//opf:item", NS) if i.get("media-type").startswith("image/")
    ]
    assert images and meta["schema:accessMode"] == ["textual", "visual"]
    assert "textual" in meta["schema:accessModeSufficient"]  # every picture is described
    features = set(meta["schema:accessibilityFeature"])
    assert {"alternativeText", "tableOfContents", "structuralNavigation"} <= features
    assert {"pageNavigation", "pageBreakMarkers"} <= features
    assert nav.find(".//x:nav[@epub:type='page-list']", NS) is not None
    assert nav.find(".//x:nav[@epub:type='toc']//x:a", NS) is not None
    for entry in nav.iterfind(".//x:nav[@epub:type='toc']//x:a", NS):  # each entry a heading
        headings = docs[entry.get("href")].xpath("//x:h1|//x:h2", namespaces=NS)
        assert entry.text in ["".join(h.itertext()) for h in headings]
    assert set(meta["schema:accessibilityHazard"]) == {
        "noFlashingHazard", "noMotionSimulationHazard", "noSoundHazard"
    }  # fmt: skip
    with zipfile.ZipFile(epub_path(site, slug)) as archive:
        media = [n for n in archive.namelist() if n.startswith("EPUB/images/")]
        assert not any(n.endswith(".gif") or b"<animate" in archive.read(n) for n in media)
        assert not any(n.endswith((".mp3", ".mp4", ".js")) for n in archive.namelist())
    summary = meta["schema:accessibilitySummary"][0]
    assert "text description" in summary and "page numbers of the printed copy" in summary


MAKE_AGAIN = """
import hashlib, json, sys
from pathlib import Path
from pressroom.outputs import epub, pagemap
from pressroom.render.layout import load_layout
from pressroom.source import load
root, slug = Path(sys.argv[1]), sys.argv[2]
pub = load.load_all(load.Sources(root), [slug]).publications[0]
layout, _ = load_layout(root / "layouts", pub.profile)
job = json.loads((root / "output" / slug / f"{slug}-job.json").read_bytes())
turns, seen = [], set()
for page in job["pages"]:
    if page["source"] and page["source"] not in seen:
        turns.append(pagemap.PageTurn(page["number"], page["source"]))
    seen.add(page["source"])
data = epub.make_epub(pub, layout, pagemap.PageMap(tuple(turns), len(job["pages"])))
print(hashlib.sha256(data).hexdigest())
"""


def test_the_epub_is_the_same_bytes_every_time(site: Project) -> None:
    slug = SLUGS[0]
    digests = set()
    for seed in ("1", "2"):  # a new process each time, with another hash seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        run = subprocess.run(
            [sys.executable, "-c", MAKE_AGAIN, str(site.root), slug],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        digests.add(run.stdout.strip())
    assert len(digests) == 1
    with zipfile.ZipFile(epub_path(site, slug)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert first.extra == b"" and archive.read(first) == b"application/epub+zip"
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 21, 0, 0, 0)}


def test_a_content_document_reads_at_320_pixels_in_chromium(
    site: Project, browser: Any, tmp_path: Path
) -> None:
    with zipfile.ZipFile(epub_path(site, "restrictive-practices")) as archive:
        archive.extractall(tmp_path)
    page = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        for name in ("page-030-what-are-restrictive-practices", "page-220-words-to-know"):
            page.goto((tmp_path / "EPUB" / "text" / f"{name}.xhtml").as_uri())
            assert page.evaluate("document.contentType") == "application/xhtml+xml"
            reflow = page.evaluate(REFLOW_JS)
            assert not reflow["hscroll"] and not reflow["offenders"], reflow
            # WCAG rules only: a chapter of an EPUB is not a web page, with a main landmark and
            # an h1 of its own (the publication's one h1 is on the cover)
            page.evaluate(AXE_JS)
            wcag = axe_options({"type": "tag", "values": WCAG_TAGS})
            found = page.evaluate("o => axe.run(document, o)", wcag)["violations"]
            assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in found] == []
            pictures = page.evaluate(
                "[...document.images].map(i => [i.complete && i.naturalWidth > 0, i.alt])"
            )
            assert pictures and all(loaded and alt for loaded, alt in pictures)
    finally:
        page.close()
