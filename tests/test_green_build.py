"""What a green build promises: every output is made from the text that was checked, and a page
that does not fit stops the build with a finding on the line where it went wrong.

The held-out leaflet in ``fixtures/heldout`` was written from a fresh ``new --profile easy-read``
scaffold, as an editor would, and its layout was never tuned: in A4 and A5 it must either keep
every sentence or fail with an error on the right line.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from pressroom.model import Publication, Severity
from pressroom.outputs import make
from pressroom.pipeline import BuildOptions, build

from .conftest import Project, make_project

pytestmark = pytest.mark.heavy


def pdf_pages(data: bytes | Path, tmp: Path) -> list[str]:
    path = tmp / "read.pdf"
    path.write_bytes(data if isinstance(data, bytes) else data.read_bytes())
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [squeezed(p) for p in text.split("\f")]


def squeezed(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]+", "", text)


def test_outputs_carry_the_checked_text_when_a_file_changes_during_the_build(
    project: Project, tmp_path: Path
) -> None:
    page = project.root / "content/mini-easy/020-about.md"
    checked = page.read_text(encoding="utf-8")
    assert "with a friend" in checked
    saved: list[str] = []

    def save_during_the_build(message: str) -> None:
        # The editor saves the page after it was loaded and checked, while it is rendered.
        if message.startswith("Rendering") and not saved:
            page.write_text(checked.replace("with a friend", "with a neighbour"), encoding="utf-8")
            saved.append(message)

    project.record_every_page()
    result = build(BuildOptions(project.root, progress=save_during_the_build))
    assert saved and result.exit_code == 0
    out = project.output("mini-easy")
    texts = {
        "print": "".join(pdf_pages((out / "mini-easy-print.pdf").read_bytes(), tmp_path)),
        "digital": "".join(pdf_pages((out / "mini-easy-digital.pdf").read_bytes(), tmp_path)),
        "booklet": "".join(
            pdf_pages((out / "mini-easy-office-booklet.pdf").read_bytes(), tmp_path)
        ),
        "web": squeezed((out / "web/index.html").read_text(encoding="utf-8")),
        "fragment": squeezed((out / "web/fragment.html").read_text(encoding="utf-8")),
    }
    for name, text in texts.items():
        assert squeezed("with a friend") in text, name
        assert "neighbour" not in text, name
    # The next build sees that the sources are not what was built, and builds them again.
    project.record_every_page()  # the panel checks the saved page too
    again = build(BuildOptions(project.root))
    assert "mini-easy" in again.rendered
    assert "neighbour" in "".join(pdf_pages((out / "mini-easy-print.pdf").read_bytes(), tmp_path))


def test_a_card_too_big_for_its_page_stops_the_build_and_keeps_the_last_good_output(
    project: Project,
) -> None:
    assert project.build().code == 0
    before = {p: p.read_bytes() for p in project.output("mini-mag").rglob("*") if p.is_file()}
    card = project.root / "content/mini-mag/050-card.md"
    card.write_text(card.read_text() + "\nWhat I want to say:\n\n[lines: 30]\n", encoding="utf-8")
    run = project.build()
    assert run.code == 1  # a content problem, never a usage error
    (line,) = run.findings("page-fit")
    assert line.startswith("content/mini-mag/050-card.md:")
    assert "error[page-fit]" in line and " — " in line
    after = {p: p.read_bytes() for p in project.output("mini-mag").rglob("*") if p.is_file()}
    assert after == before


Heldout = tuple[Project, Publication, make.Output]


@pytest.fixture(scope="module", params=["A4", "A5"])
def heldout(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Heldout:
    project = make_project(tmp_path_factory.mktemp(f"heldout-{request.param}"), "heldout")
    settings = project.root / "content/visiting-rules/publication.yml"
    settings.write_text(
        settings.read_text().replace("page_size: A4", f"page_size: {request.param}"),
        encoding="utf-8",
    )
    pub, problems = project.load("visiting-rules")
    assert pub is not None, problems
    return project, pub, make.make_outputs(make.Project(project.root), pub)


def sentences(project: Project, rel: str) -> list[tuple[int, str]]:
    """The lines of a page file that a reader reads (not front matter, pictures or markers)."""
    lines = (project.root / rel).read_text(encoding="utf-8").split("\n")
    body_start = lines.index("---", 1) + 1
    return [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if number > body_start and line.strip() and not line.startswith(("![", "["))
    ]


def test_the_heldout_leaflet_keeps_every_sentence_or_fails_on_the_right_line(
    heldout: Heldout, tmp_path: Path
) -> None:
    project, pub, output = heldout
    findings = [f for f in output.findings if f.rule in ("lost-text", "page-fit")]
    assert all(  # easy read: errors, never silence (large print: a cover or card over a page)
        f.severity is Severity.ERROR or "of the large print PDF" in f.message for f in findings
    )
    pages = {
        name: pdf_pages(output.files[f"visiting-rules-{name}.pdf"], tmp_path)
        for name in ("print", "digital", "large-print")
    }
    for page in pub.pages:
        reported = sorted(f.location.line for f in findings if f.location.path == page.display_path)
        for number, line in sentences(project, page.display_path):
            text = squeezed(line.replace("**", ""))
            for name, texts in pages.items():
                if not any(text in p for p in texts):
                    assert any(at <= number for at in reported), (
                        f"{page.display_path}:{number} '{line}' is missing from the {name} PDF "
                        "and no finding says so"
                    )
    for finding in findings:  # each finding is on a line whose text really moved or was lost
        if finding.rule != "page-fit" or "of the large print PDF" in finding.message:
            continue
        if finding.location.line == 1:  # the page as a whole: no line of it moved (added words)
            continue
        rel = finding.location.path
        page_sentences = [text for number, text in sentences(project, rel)]
        following = [t for n, t in sentences(project, rel) if n >= finding.location.line]
        first_page = next(
            i
            for i, p in enumerate(pages["print"])
            if squeezed(page_sentences[0].replace("**", "")) in p
        )
        assert (
            following and squeezed(following[0].replace("**", "")) not in pages["print"][first_page]
        )
