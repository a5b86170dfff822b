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
    assert result.exit_code == 0 and result.wrote, result.findings
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


def test_kept_stylesheets_give_what_parsing_them_again_would(project: Project) -> None:
    layouts = project.root / "layouts"
    style, base = layouts / "young-people/style.css", layouts / "base/base.css"
    (layouts / "base/extra.css").write_text('h2::after { content: " (first)"; }\n')
    base.write_text('@import "extra.css";\n' + base.read_text())
    style.write_text(style.read_text() + "\nh2 { colr: red; }\n")
    line = len(style.read_text().splitlines())
    first = in_this_process(project)
    assert [f.split(" ")[0] for f in first] == [f"layouts/young-people/style.css:{line}:"]
    assert "(first)" in printed_words(project)
    # style.css is unchanged, so kept: its warning is still reported. base.css imports a file
    # that changed: it is read again.
    (layouts / "base/extra.css").write_text('h2::after { content: " (second)"; }\n')
    assert in_this_process(project) == first
    assert "(second)" in printed_words(project) and "(first)" not in printed_words(project)
    # An edited stylesheet is parsed again.
    style.write_text(
        style.read_text().replace("h2 { colr: red; }", "h2::after { content: ' (edited)'; }")
    )
    assert in_this_process(project) == []
    assert "(edited)" in printed_words(project)
