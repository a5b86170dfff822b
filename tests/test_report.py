"""output/report.html shows each page's text with its problems marked, tied to source lines."""

from __future__ import annotations

import json
import re

from .conftest import Project

LONG = (
    "Staff must keep you safe and they must tell you what they are going to do "
    "and why they need to do it now."
)


def test_report_marks_long_sentences_and_hard_words_at_their_lines(project: Project) -> None:
    project.write(
        "content/mini-easy/020-about.md",
        "---\nkind: content\ntitle: About\n---\n![A nurse smiling](nurse)\n"
        f"{LONG}\nStaff will debrief you.\n",
    )
    project.build("--check")
    html = project.output("report.html").read_text()
    line6 = re.search(r"<li value='6' id='content-mini-easy-020-about-md-6'>(.*?)</li>", html, re.S)
    assert line6 and "<mark class='sentence error'" in line6.group(1)
    assert "Sentence has 24 words; easy read allows at most 20" in line6.group(1)
    line7 = re.search(r"<li value='7' id='content-mini-easy-020-about-md-7'>(.*?)</li>", html, re.S)
    assert line7 and "<mark class='word warning'" in line7.group(1)
    assert "debrief</mark> you." in line7.group(1)


def test_report_has_a_readability_table_per_page(project: Project) -> None:
    project.build("--check")
    html = project.output("report.html").read_text()
    assert "Readability per page (scores are a guide only)</caption>" in html
    assert "<a href='#content-mini-easy-020-about-md'>020-about.md</a>" in html
    report = json.loads(project.output("report.json").read_text())
    assert report["summary"] == {"error": 0, "warning": 0, "info": 0}
