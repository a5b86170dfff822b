"""``layouts/<profile>/layout.yml`` is checked like ``publication.yml``: every problem is a finding
at its file and line, never a traceback, and the build exits 2 (a settings problem), also with
``--check``."""

from __future__ import annotations

import re

from .conftest import Project

FINDING_RE = re.compile(r"^layouts/[^:]+:\d+:\d+: error\[[a-z0-9-]+\]: .+ — .+")
MAG = "layouts/young-people/layout.yml"


def edit(project: Project, rel: str, old: str, new: str) -> None:
    path = project.root / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_broken_yaml_is_a_finding_at_its_line(project: Project) -> None:
    edit(project, MAG, '  story:      {screen: "#005f56"', '  story:      {screen: "#005f56"]')
    run = project.build("--check", "mini-mag")
    assert run.code == 2
    (line,) = run.lines
    assert line.startswith(f"{MAG}:5:") and "error[yaml-syntax]" in line


def test_an_unknown_key_suggests_the_right_one(project: Project) -> None:
    edit(project, MAG, "colours:", "colors:")
    run = project.build("--check", "mini-mag")
    assert run.code == 2
    assert run.lines == [
        f"{MAG}:2:1: error[unknown-key]: Unknown key 'colors' in {MAG}. Did you mean "
        '"colours"? — Allowed keys: font, colours, stylesheets.'
    ]


def test_a_wrong_type_stops_the_build_with_exit_2_not_a_crash(project: Project) -> None:
    path = project.root / MAG
    path.write_text("colours: 5\nstylesheets:\n  pdf: {a: b}\n")
    run = project.build("mini-mag")  # a full build: it stops before rendering
    assert run.code == 2
    assert all(FINDING_RE.match(line) for line in run.lines), run.out
    assert [line.split(": error")[0] for line in run.lines] == [f"{MAG}:1:1", f"{MAG}:3:1"]
    assert not project.output("mini-mag").exists()


def test_colour_values_are_checked(project: Project) -> None:
    edit(project, MAG, "print: [100, 0, 45, 40]", "print: [100, 0, 45]")
    edit(project, MAG, 'tint:       {screen: "#f3ecfa"', 'tint:       {screen: "f3ecfa"')
    edit(project, MAG, "  highlight:  {screen:", "  highlight:  {screem:")
    run = project.build("--check", "mini-mag")
    assert run.code == 2
    got = [(line.split(":")[1], line.split("[")[1].split("]")[0]) for line in run.lines]
    assert got == [
        ("5", "bad-value"),
        ("6", "bad-value"),
        ("7", "missing-key"),
        ("7", "unknown-key"),
    ]
    assert any("must be 4 percentages" in line for line in run.lines)
    assert any("not a colour like '#1d3f8f'" in line for line in run.lines)


def test_a_key_missing_from_every_layout_file_is_reported(project: Project) -> None:
    edit(project, "layouts/base/layout.yml", "stylesheets:", "old_stylesheets:")
    run = project.build("--check", "mini-easy")
    assert run.code == 2
    assert any("error[unknown-key]: Unknown key 'old_stylesheets'" in line for line in run.lines)
    base = project.root / "layouts/base/layout.yml"
    text = base.read_text()
    base.write_text(text[: text.index("old_stylesheets:")])
    run = project.build("--check", "mini-easy")
    assert run.code == 2
    assert [line.split(": ", 2)[1] for line in run.lines] == ["error[missing-key]"]
    assert "needs 'stylesheets'" in run.out


def test_the_real_layouts_are_clean(project: Project) -> None:
    assert project.build("--check").code == 0
