"""The audio script (``<slug>-audio-script.html``), as the person recording the audio version uses
it: every sentence of the sources in reading order, what to say for every picture, how to say the
hard words, pauses between rows; a page that passes axe and reflows at 320 px."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from pressroom.checks._text import page_sentences
from pressroom.model import Publication
from pressroom.outputs import audio_script
from pressroom.render.html import publication_words
from pressroom.render.layout import load_layout
from pressroom.source.load import Sources, load_publication

from .browsing import REFLOW_JS, SLUGS, axe
from .conftest import Project, make_project

INLINE = ("strong", "em", "span", "a")


class _Text(HTMLParser):
    """The text of an HTML page as one string, with the heading of each track."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.skip = tag in ("style", "title")
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.skip = False
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def plain(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def script(site: Project, slug: str) -> str:
    return site.output(f"{slug}/{slug}-audio-script.html").read_text(encoding="utf-8")


def loaded(site: Project, slug: str) -> Publication:
    pub, _ = load_publication(Sources(site.root), slug)
    assert pub is not None
    return pub


@pytest.mark.parametrize("slug", SLUGS)
def test_every_source_sentence_is_in_the_script_in_reading_order(site: Project, slug: str) -> None:
    text = plain(script(site, slug))
    pub = loaded(site, slug)
    cursor = 0
    checked = 0
    for page in pub.pages:
        for sentence in page_sentences(page):
            wanted = " ".join(sentence.text.split())
            found = text.find(wanted, cursor)
            assert found >= 0, (
                f"{page.display_path}:{sentence.location.line}: {wanted!r} (in order)"
            )
            cursor = found + len(wanted)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("slug", SLUGS)
def test_every_picture_has_what_to_say(site: Project, slug: str) -> None:
    html = script(site, slug)
    said = [plain(m) for m in re.findall(r"Picture, say:</span>(.*?)(?:</p>|\))", html)]
    pub = loaded(site, slug)
    alts = [pic.alt for page in pub.pages for block in page.blocks for pic in block.pictures]
    alts += [str(p.meta["picture_alt"]) for p in pub.pages if p.meta.get("picture")]
    alts += [term.picture_alt for term in pub.glossary if term.picture]
    assert len(alts) > 20
    for alt in alts:
        assert " ".join(alt.split()) in said, alt


def test_pauses_fall_between_picture_rows(site: Project) -> None:
    html = script(site, "restrictive-practices")
    pub = loaded(site, "restrictive-practices")
    tracks = re.split(r'<section aria-labelledby="track-\d+">', html)[1:]
    assert len(tracks) == len(pub.pages)
    rows_pages = 0
    for page, track in zip(pub.pages, tracks, strict=True):
        rows = [b for b in page.blocks if b.kind == "row"]
        runs = sum(
            1
            for a, b in zip(page.blocks, page.blocks[1:], strict=False)
            if a.kind == b.kind == "row"
        )
        assert track.count('<span class="cue">Pause</span>') == runs, page.display_path
        rows_pages += len(rows) > 1
    assert rows_pages > 10


def test_hard_words_say_how_to_say_them(site: Project) -> None:
    html = script(site, "my-rights")
    table = html.split('<h2 id="hard-words">', 1)[1].split("</table>", 1)[0]
    pub = loaded(site, "my-rights")
    for term in pub.glossary:
        assert f'<th scope="row">{term.word}</th>' in table
    # seclusion has a hint in data/say-words.yml: given beside its first bold use in a track
    assert '<span class="cue">How to say:</span> <strong>seclusion</strong>: sih-KLOO-zhun' in html


def test_a_glossary_say_key_is_the_hint_the_script_gives(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    glossary = project.root / "content/mini-easy/glossary.yml"
    source = glossary.read_text(encoding="utf-8")
    word = re.search(r"- word: (.+)", source)
    assert word is not None
    project.write(
        "content/mini-easy/glossary.yml",
        source.replace(word[0], f"{word[0]}\n  say: SAY-it-like-this", 1),
    )
    pub, findings = load_publication(Sources(project.root), "mini-easy")
    assert pub is not None and not [f for f in findings if f.rule == "unknown-key"]
    layout, _ = load_layout(project.root / "layouts", pub.profile)
    assert layout is not None
    html = audio_script.script_html(pub, publication_words(pub, layout))
    row = f'<th scope="row">{word[1].strip()}</th><td>SAY-it-like-this</td>'
    assert row in html


@pytest.mark.parametrize("slug", SLUGS)
def test_the_script_passes_axe_and_reflows_at_320_px(
    site: Project, slug: str, browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        page.goto(site.output(f"{slug}/{slug}-audio-script.html").as_uri())
        assert axe(page) == []
        reflow = page.evaluate(REFLOW_JS)
        assert not reflow["hscroll"], reflow["offenders"]
    finally:
        page.close()


def test_the_script_is_valid_html(nu_messages: dict[str, list[str]]) -> None:
    for slug in SLUGS:
        assert nu_messages[f"{slug}/{slug}-audio-script.html"] == [], slug
    assert "elsewhere" not in nu_messages, nu_messages
