"""Stylesheets parsed once per render process (``render/pdf.parse_stylesheet``): what a kept
stylesheet gives is what parsing it again would give.

The builds here render in this process, one publication after the other, as ``--watch`` does on
one core, so the second render of each build and every later build meet the kept stylesheets.
"""

from __future__ import annotations

import subprocess

from pressroom.pipeline import BuildOptions, build

from .conftest import Project


def in_this_process(project: Project) -> list[str]:
    """Build mini-mag again in this process; its WeasyPrint findings, as ``file:line`` lines."""
    project.record_every_page()
    result = build(BuildOptions(root=project.root, slugs=("mini-mag",), parallel=False, force=True))
    assert result.exit_code in (0, 1), result.findings
    return [
        f"{f.location.path}:{f.location.line}: {f.message}"
        for f in result.findings
        if f.rule == "weasyprint"
    ]


def printed_words(project: Project) -> str:
    """The print PDF's words, as poppler reads them."""
    path = project.output("mini-mag/mini-mag-print.pdf")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def test_a_kept_stylesheet_reports_its_warning_on_every_build(project: Project) -> None:
    css = project.root / "layouts/young-people/style.css"
    css.write_text(css.read_text() + "\nh2 { colr: red; }\n")
    line = len(css.read_text().splitlines())
    first, second = in_this_process(project), in_this_process(project)
    assert first == second
    assert [f for f in first if f.startswith(f"layouts/young-people/style.css:{line}:")]


def test_an_edited_stylesheet_is_parsed_again(project: Project) -> None:
    in_this_process(project)
    assert "(edited)" not in printed_words(project)
    css = project.root / "layouts/young-people/style.css"
    css.write_text(css.read_text() + '\nh2::after { content: " (edited)"; }\n')
    assert in_this_process(project) == []
    assert "(edited)" in printed_words(project)


def test_a_stylesheet_that_imports_another_reads_it_again_on_every_build(project: Project) -> None:
    css = project.root / "layouts/young-people/style.css"
    extra = project.root / "layouts/young-people/extra.css"
    extra.write_text('h2::after { content: " (first)"; }\n')
    css.write_text('@import "extra.css";\n' + css.read_text())
    assert in_this_process(project) == []
    assert "(first)" in printed_words(project)
    extra.write_text('h2::after { content: " (second)"; }\n')  # style.css itself is unchanged
    assert in_this_process(project) == []
    assert "(second)" in printed_words(project) and "(first)" not in printed_words(project)
