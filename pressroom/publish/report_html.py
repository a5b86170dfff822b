"""``output/report.html``: a page for editors that shows their text with its problems marked.

For each publication: the pages by how well the readers' panel understood them, beside each
page's writing findings (when ``co-production.yml`` records answers), a table of readability per
page (words, sentences, average and longest sentence, reading ease, grade), then each page's
source lines with line numbers, long sentences and flagged words highlighted, and every finding
written under the line it belongs to. Findings that belong to no page (settings, layouts) are
listed first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from html import escape

from ..checks import _language as language
from ..checks._text import Sentence, page_sentences
from ..model import Finding, Page, Publication
from ..render.panel import understanding
from .report import counts

SENTENCE_RULES = {"sentence-length", "sentence-per-line", "passive-voice", "double-negatives"}
WORD_AT_RE = re.compile(r"[\w'’&;%()\[\].-]+")


def report_html(findings: Sequence[Finding], pubs: Sequence[Publication]) -> bytes:
    """The whole report page."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_path[f.location.path].append(f)
    page_paths = {page.display_path for pub in pubs for page in pub.pages}
    loose = [f for f in findings if f.location.path not in page_paths]
    c = counts(findings)
    titles = ", ".join(pub.settings.title for pub in pubs) or "no publications"
    tally = f"{c['error']} errors, {c['warning']} warnings, {c['info']} notes"
    head = _HEAD.replace(
        "<title>pressroom report</title>",
        f"<title>pressroom report: {escape(tally)} ({escape(titles)})</title>\n"
        f'<meta name="description" content="What pressroom found when it checked '
        f'{escape(titles)}: {escape(tally)}, with readability per page.">',
    )
    parts = [
        head,
        "<h1>pressroom report</h1>",
        f"<p class='summary'>{c['error']} errors, {c['warning']} warnings, {c['info']} notes.</p>",
    ]
    if loose:
        parts.append("<h2>Settings (publication.yml) and layouts</h2>")
        parts.append(_finding_list(loose))
    for pub in pubs:
        parts.append(_publication(pub, by_path))
    if not findings:
        parts.append("<p>No findings: everything passed.</p>")
    parts.append("</main></body></html>\n")
    return "\n".join(parts).encode("utf-8")


def _publication(pub: Publication, by_path: dict[str, list[Finding]]) -> str:
    title = escape(pub.settings.title)
    rows = []
    sections = []
    for page in pub.pages:
        split = pub.audience.line_breaks
        sentences = [s for s in page_sentences(page, split) if s.block.kind != "heading"]
        rows.append(_summary_row(page, sentences, len(by_path.get(page.display_path, []))))
        sections.append(_page_section(page, sentences, by_path.get(page.display_path, [])))
    caption = f"readability-{escape(pub.slug)}"
    table = (
        f"<div class='table-scroll' role='region' aria-labelledby='{caption}' tabindex='0'>"
        f"<table><caption id='{caption}'>Readability per page (scores are a guide only)"
        "</caption><thead><tr>"
        "<th scope='col'>Page</th><th scope='col'>Words</th><th scope='col'>Sentences</th>"
        "<th scope='col'>Average sentence</th><th scope='col'>Longest sentence</th>"
        "<th scope='col'>Reading ease</th><th scope='col'>Grade</th>"
        "<th scope='col'>Findings</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )
    heading = f"<h2>{title} <small>({escape(pub.slug)})</small></h2>"
    found = [f for fs in by_path.values() for f in fs]
    return f"<section>{heading}{_understood(pub, found)}{table}{''.join(sections)}</section>"


def _understood(pub: Publication, findings: list[Finding]) -> str:
    """The readers' panel table: pages, least understood first, beside their writing findings."""
    rows = []
    for row in understanding(pub, findings):
        stale = " <em>(changed since)</em>" if row.state == "outdated" else ""
        rows.append(
            f"<tr><th scope='row'><a href='#{_anchor(row.display_path)}'>{escape(row.key)}</a></th>"
            f"<td>{escape(row.answers)}{stale}</td><td>{escape(row.said)}</td>"
            f"<td>{escape(', '.join(row.writing))}</td></tr>"
        )
    if not rows:
        return ""
    return (
        "<table class='panel'><caption>How well the readers' panel understood each page, "
        "least understood first</caption><thead><tr><th scope='col'>Page</th>"
        "<th scope='col'>Readers' answers</th><th scope='col'>What they said</th>"
        "<th scope='col'>Writing findings</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _summary_row(page: Page, sentences: list[Sentence], finding_count: int) -> str:
    words = sum(s.word_count for s in sentences)
    if sentences:
        score = language.readability(" ".join(s.text for s in sentences))
        average = f"{words / len(sentences):.1f}"
        longest = str(max(s.word_count for s in sentences))
        ease, grade = f"{score.flesch_reading_ease:g}", f"{score.flesch_kincaid_grade:g}"
    else:
        average = longest = ease = grade = "–"
    anchor = _anchor(page.display_path)
    return (
        f"<tr><th scope='row'><a href='#{anchor}'>{escape(page.display_path.rsplit('/', 1)[-1])}"
        "</a></th>"
        f"<td>{words}</td><td>{len(sentences)}</td><td>{average}</td><td>{longest}</td>"
        f"<td>{ease}</td><td>{grade}</td><td>{finding_count}</td></tr>"
    )


def _page_section(page: Page, sentences: list[Sentence], findings: list[Finding]) -> str:
    source = (page.body).split("\n")
    marks = _marks(sentences, findings)
    by_line: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        by_line[f.location.line].append(f)
    lines = []
    for index, text in enumerate(source):
        number = page.body_line + index
        if not text.strip() and not by_line.get(number):
            continue
        lines.append(
            f"<li value='{number}' id='{_anchor(page.display_path)}-{number}'>"
            f"<code class='src'>{_highlight(text, marks.get(number, []))}</code>"
            + (_finding_list(by_line[number]) if by_line.get(number) else "")
            + "</li>"
        )
    top = [f for f in findings if f.location.line < page.body_line]
    head = _finding_list(top) if top else ""
    title = escape(page.title or page.name)
    return (
        f"<article id='{_anchor(page.display_path)}'><h3>{title} "
        f"<small>{escape(page.display_path)}</small></h3>"
        f"{head}<ol class='lines'>{''.join(lines)}</ol></article>"
    )


Mark = tuple[int, int, str, str]  # start col, end col (exclusive), css class, title


def _marks(sentences: list[Sentence], findings: list[Finding]) -> dict[int, list[Mark]]:
    marks: dict[int, list[Mark]] = defaultdict(list)
    starts = {(s.location.line, s.location.col): s for s in sentences}
    for f in findings:
        loc = f.location
        css = f.severity.value
        sentence = starts.get((loc.line, loc.col)) if f.rule in SENTENCE_RULES else None
        if sentence is not None:
            for line in sentence.lines:
                cols = [c.col for c in sentence.chars if c.line == line and c.char != "\n"]
                marks[line].append((min(cols), max(cols) + 1, f"sentence {css}", f.message))
        elif loc.col > 0 and f.rule not in SENTENCE_RULES:
            marks[loc.line].append((loc.col, loc.col, f"word {css}", f.message))
    return marks


def _highlight(text: str, marks: list[Mark]) -> str:
    if not marks:
        return escape(text)
    spans: list[Mark] = []
    for start, end, css, title in marks:
        if start == end:  # a word: extend to the end of the word at that column
            match = WORD_AT_RE.match(text, start - 1)
            end = start + (len(match.group(0)) if match else 1)
        spans.append((start, end, css, title))
    spans.sort()
    out, pos = [], 1
    for start, end, css, title in spans:
        if start < pos:
            continue  # overlapping marks: the first one wins
        out.append(escape(text[pos - 1 : start - 1]))
        piece = escape(text[start - 1 : end - 1])
        out.append(f"<mark class='{css}' title='{escape(title)}'>{piece}</mark>")
        pos = end
    out.append(escape(text[pos - 1 :]))
    return "".join(out)


def _finding_list(findings: Sequence[Finding]) -> str:
    items = []
    for f in findings:
        fix = f" <span class='fix'>{escape(f.fix)}</span>" if f.fix else ""
        items.append(
            f"<li class='{f.severity.value}'><span class='where'>{escape(str(f.location))}</span> "
            f"<strong>{f.severity.value}</strong> <code>{escape(f.rule)}</code>: "
            f"{escape(f.message)}{fix}</li>"
        )
    return f"<ul class='findings'>{''.join(items)}</ul>"


def _anchor(rel: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", rel.lower()).strip("-")


_HEAD = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pressroom report</title>
<style>
body { font-family: "Liberation Sans", Arial, sans-serif; line-height: 1.5; color: #1a1a1a;
  background: #fff; margin: 0; }
main { max-width: 70rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
.table-scroll { overflow-x: auto; max-width: 100%; }
.table-scroll:focus-visible { outline: 3px solid #b34700; }
th, td { overflow-wrap: normal; }
@media (max-width: 40rem) { ol.lines { padding-left: 2rem; } main { padding: .5rem; } }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #767676; padding: .25rem .5rem; text-align: left; }
caption { text-align: left; font-weight: bold; }
ol.lines { padding-left: 3.5rem; }
ol.lines > li { margin: .15rem 0; }
code.src { white-space: pre-wrap; font-family: inherit; }
mark.warning { background: #fff1b8; color: inherit; }
mark.error { background: #ffd6d6; color: inherit; outline: 1px solid #a00000; }
mark.info { background: #e3ecfa; color: inherit; }
mark.word { text-decoration: underline; }
ul.findings { list-style: none; padding-left: 0; margin: .2rem 0 .6rem; font-size: .95rem; }
ul.findings li { border-left: 4px solid #767676; padding-left: .5rem; margin: .2rem 0; }
ul.findings li.error { border-color: #a00000; } ul.findings li.warning { border-color: #8a5a00; }
.where { color: #4a4a4a; } .fix { display: block; color: #333; }
small { font-weight: normal; color: #4a4a4a; }
</style></head><body><main>"""
