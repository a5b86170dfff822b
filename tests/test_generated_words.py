"""The words pressroom writes itself (layouts/<profile>/words.yml) obey the rules it enforces, for
each publication's profile, and call the publication by its own noun (the `format` setting)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from pressroom.checks import check_generated_words
from pressroom.model import Publication
from pressroom.render import html as render
from pressroom.render.layout import load_layout
from pressroom.source.config import FORMATS
from pressroom.source.load import Sources, load_publication

from .conftest import REPO, Project

# The easy read credits page of version 1: a 28-word sentence that pressroom wrote itself.
OLD_STATEMENT = (
    "This {format} is written in easy read: short sentences, a picture beside each idea, and "
    'hard words in bold with their meaning on the "Words to know" page.'
)


def _real(slug: str) -> Publication:
    pub, problems = load_publication(Sources(REPO), slug)
    assert pub is not None, problems
    return pub


@pytest.mark.parametrize("slug", ["restrictive-practices", "my-rights"])
@pytest.mark.parametrize("noun", ["", *FORMATS])
def test_the_real_publications_generated_words_pass(slug: str, noun: str) -> None:
    pub = _real(slug)
    if noun:
        pub = replace(pub, config={**pub.config, "format": noun})
    found = [(f.location.path, f.rule) for f in check_generated_words(pub, REPO / "layouts")]
    assert found == []  # every noun, "leaflet" too, is an everyday word for both audiences


def _set_words(project: Project, profile: str, key: str, value: str) -> int:
    """Give ``key`` a new value in a layout's words.yml; return the line of its text."""
    path = project.root / "layouts" / profile / "words.yml"
    kept: list[str] = []
    skipping = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{key}:"):
            skipping = True
            continue
        if skipping and line.startswith(" "):
            continue
        skipping = False
        kept.append(line)
    path.write_text("\n".join([*kept, f"{key}: {value}", ""]), encoding="utf-8")
    return len(kept) + 1


def test_a_long_generated_sentence_is_reported_at_its_line(project: Project) -> None:
    line = _set_words(project, "easy-read", "accessible_how", f"['{OLD_STATEMENT}']")
    run = project.build("--check", "mini-easy")
    where = f"layouts/easy-read/words.yml:{line}:"
    assert any(
        text.startswith(where) and "error[sentence-length]: Sentence has 28 words" in text
        for text in run.lines
    ), run.out
    assert all(text.startswith("layouts/easy-read/words.yml") for text in run.lines), run.out
    assert run.code == 2  # the layout's words, not the editor's content, need the fix


def test_generated_words_are_checked_for_the_publications_profile(project: Project) -> None:
    # Brackets are fine in the magazine, not in easy read: the same words give one finding.
    _set_words(project, "base", "tear_cue", "Tear out this page (and keep it)")
    easy = project.build("--check", "mini-easy")
    assert [t.split(": ")[1] for t in easy.lines] == ["warning[brackets]"], easy.out
    assert easy.lines[0].startswith("layouts/base/words.yml:")
    magazine = project.build("--check", "mini-mag")
    assert not [t for t in magazine.lines if "words.yml" in t], magazine.out


def test_the_publications_settings_apply_to_generated_words(project: Project) -> None:
    _set_words(project, "easy-read", "accessible_how", f"['{OLD_STATEMENT}']")
    settings = project.root / "content/mini-easy/publication.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text + "checks:\n  sentence-length: {warn: 30, error: 40}\n  passive-voice: off\n",
        encoding="utf-8",
    )
    run = project.build("--check", "mini-easy")
    assert run.code == 0 and run.lines == [], run.out


def _web_html(project: Project, slug: str) -> str:
    pub, problems = project.load(slug)
    assert pub is not None, problems
    layout, findings = load_layout(project.root / "layouts", pub.profile)
    assert layout is not None, findings
    return render.render_html(pub, layout, "web", render.file_pictures(pub))


def _visible_words(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_noun_follows_the_format_setting(project: Project) -> None:
    folder = project.root / "content/mini-easy"
    for path in folder.iterdir():  # the editor's own text does not say "booklet" here
        path.write_text(path.read_text(encoding="utf-8").replace("booklet", "text"))
    default = _visible_words(_web_html(project, "mini-easy"))
    assert "How we made this booklet easy to use" in default
    settings = folder / "publication.yml"
    settings.write_text(settings.read_text() + "format: leaflet\n", encoding="utf-8")
    text = _visible_words(_web_html(project, "mini-easy"))
    assert "How we made this leaflet easy to use" in text
    assert "We wrote this leaflet in easy read." in text
    assert "Download this leaflet" in text
    assert "booklet" not in text.lower()


def test_an_unknown_format_is_a_settings_error_with_a_suggestion(project: Project) -> None:
    settings = project.root / "content/mini-easy/publication.yml"
    settings.write_text(settings.read_text() + "format: leaflett\n", encoding="utf-8")
    run = project.build("--check", "mini-easy")
    assert run.code == 2
    assert any(
        "error[bad-value]: 'format' cannot be 'leaflett'. Did you mean \"leaflet\"?" in t
        for t in run.lines
    ), run.out


def test_templates_do_not_hard_code_the_noun() -> None:
    for path in sorted((REPO / "layouts").rglob("*.j2")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(booklet|magazine|leaflet)\b", text), path


def test_a_misspelt_key_in_a_profiles_words_is_reported(project: Project) -> None:
    line = _set_words(project, "easy-read", "tear_cu", "Tear out this page")
    run = project.build("--check", "mini-easy")
    assert run.lines == [
        f"layouts/easy-read/words.yml:{line}:1: error[layout]: There are no words called "
        "'tear_cu' to replace. Did you mean \"tear_cue\"? — Fix the words file of the layout."
    ]
    assert run.code == 2
