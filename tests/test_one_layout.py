"""One layout per publication: the print PDF and the digital PDF are two writes of it.

A reader with the printed booklet and a reader on screen see the same pages with the same
numbers (the digital PDF leaves out the notes and doodle pages added for printing, and its page
labels keep the printed numbers); ``--timings`` shows one layout per publication; and ``--check``
starts without the packages only rendering needs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from .conftest import REPO, Project, SharedBuild, copy_project

SLUGS = ("my-rights", "restrictive-practices")


def page_text(path: Path, number: int) -> str:
    """The words of one page (1-based) as pdftotext reads them, spaces squeezed."""
    text = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(text.split())


@pytest.mark.parametrize("slug", SLUGS)
def test_each_digital_page_is_the_printed_page_with_its_number(site: Project, slug: str) -> None:
    printed = site.output(f"{slug}/{slug}-print.pdf")
    digital = site.output(f"{slug}/{slug}-digital.pdf")
    job = json.loads(site.output(f"{slug}/{slug}-job.json").read_text())
    added = [page["number"] for page in job["pages"] if page["added"]]
    print_only = ("Tear out this page and take it with you", "Tear or cut along the line")
    with pikepdf.open(digital) as pdf:
        labels = [int(str(page.label)) for page in pdf.pages]
    assert labels == [n for n in range(1, job["page_count"] + 1) if n not in added]
    for index, number in enumerate(labels, start=1):
        expected = page_text(printed, number)
        for cue in print_only:
            expected = " ".join(expected.replace(cue, " ").split())
        assert page_text(digital, index) == expected, f"digital page {index} (printed {number})"


def test_the_digital_pdf_has_the_form_fields_and_the_print_pdf_none(site: Project) -> None:
    with pikepdf.open(site.output("my-rights/my-rights-print.pdf")) as pdf:
        assert "/AcroForm" not in pdf.Root
        assert not any("/Annots" in page.obj for page in pdf.pages)
    with pikepdf.open(site.output("my-rights/my-rights-digital.pdf")) as pdf:
        names = sorted(str(field.T) for field in pdf.Root.AcroForm.Fields)
    cards = [
        path.read_text(encoding="utf-8")
        for path in sorted((REPO / "content/my-rights").glob("*.md"))
        if "kind: tear-out" in path.read_text(encoding="utf-8")
    ]
    assert len(names) == sum(len(re.findall(r"^\[lines", card, re.M)) for card in cards) > 0


def test_a_cold_build_lays_each_publication_out_once(real_site_build: SharedBuild) -> None:
    """The shared build of the real site is the first build of a fresh copy, with --timings."""
    site, run = real_site_build.project, real_site_build.run
    assert "Built my-rights, restrictive-practices in output/." in run.out
    line = next(s for s in run.err.splitlines() if s.startswith("profile: "))
    profile = json.loads(line[len("profile: ") :])
    calls = {stage: figures[2] for stage, figures in profile.items()}
    assert calls["WeasyPrint layout [print PDF]"] == len(SLUGS)  # one for each publication
    assert "WeasyPrint layout [digital PDF]" not in calls
    assert (
        calls["WeasyPrint write [print PDF]"]
        == calls["WeasyPrint write [digital PDF]"]
        == len(SLUGS)
    )
    cards = [p for slug in SLUGS for p in site.output(f"{slug}/cards").glob("*.pdf")]
    assert calls["WeasyPrint layout [card PDF]"] == len(cards) > 0
    for stage in (
        "load",
        "check",
        "render HTML [print PDF]",
        "WeasyPrint style [print PDF]",
        "lost-text readback [print PDF]",
        "tagged-PDF fixing [digital PDF]",
        "PDF/X finishing and tidy",
        "web",
        "job-sheet",
        "write",
    ):
        assert stage in calls, stage


def test_check_does_not_import_what_only_rendering_needs(site: Project, tmp_path: Path) -> None:
    own = copy_project(site, tmp_path)  # --check writes the reports
    command = [sys.executable, "-X", "importtime", str(REPO / "build.py")]
    done = subprocess.run(
        [*command, "--root", str(own.root), "--check", "--force", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "textstat" in imported  # readability was checked
    assert not imported & {"nltk", "weasyprint", "multiprocessing", "pikepdf", "jinja2"}


def test_a_fresh_copy_is_laid_out_once_when_its_page_files_fill_the_pages_they_are_given(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no job sheet from a build before, the filler pages are planned from one printed
    page per page file, or the pages its front matter gives it: the fixture's credits run onto
    a second page, and say so (``pages: 2``)."""
    credits = project.root / "content/mini-easy/040-credits.md"
    assert "\npages: 2\n" in credits.read_text()
    capsys.readouterr()
    assert project.build("mini-easy", "--timings").code == 0
    line = next(s for s in capsys.readouterr().err.splitlines() if s.startswith("profile: "))
    calls = {stage: figures[2] for stage, figures in json.loads(line[9:]).items()}
    assert calls["WeasyPrint layout [print PDF]"] == 1
    job = json.loads(project.output("mini-easy/mini-easy-job.json").read_text())
    assert [p["source"] for p in job["pages"]].count(str(credits.relative_to(project.root))) == 2
