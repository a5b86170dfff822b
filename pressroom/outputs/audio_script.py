"""The audio script, ``<slug>-audio-script.html``: for the person who records the audio version.

One track per page, in reading order: the page's words as written (lines kept where the
publication keeps them), what to say for each picture (its alt text), how to say the hard words
(the glossary's words, with a hint from the glossary's ``say:`` or ``data/say-words.yml``), a
pause between picture rows, and notes for what is only on paper (writing spaces, cut lines).
The contents page lists the tracks, the glossary page reads every word and its meaning, and the
credits page gives the "ask for this in another format" contacts.

It is made from the checked model's Markdown tokens (never from the rendered HTML), so what it
says is what the pages say.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it.token import Token

from ..model import Page, Publication, Term
from ..render.html import publication_words
from ..source.kinds import kind_of
from .spec import Files, OutputSpec, Work, words_label

SAY_WORDS = Path(__file__).resolve().parent.parent / "data" / "say-words.yml"
CONTAINERS = {
    "bullet_list_open": "<ul>",
    "bullet_list_close": "</ul>",
    "ordered_list_open": "<ol>",
    "ordered_list_close": "</ol>",
    "list_item_open": "<li>",
    "list_item_close": "</li>",
    "blockquote_open": "<blockquote>",
    "blockquote_close": "</blockquote>",
}
NOT_READ = {  # what an activity line is, for the reader of the script: none is read out
    "lines": "A space to write on the page. Do not read it out.",
    "draw": "A space to draw on the page. Do not read it out.",
    "dots": "A dotted grid to draw or write on. Do not read it out.",
    "cut": "A line to tear or cut along. Do not read it out.",
}
HOW_TO = (
    "Each track is one page. Read the words in normal type as they are written, in this order.",
    "After “Picture, say:” is what to say for a picture. Say it before the words next to it.",
    "“Pause” means stop for about 2 seconds before the next row.",
    "Hard words are in bold. “How to say:” after the words tells you how to say them, where we "
    "know. The table of hard words has them all.",
    "“Note:” is for you. Do not read it out.",
)
STYLE = """
body { font: 1.25rem/1.6 "Liberation Sans", Arial, sans-serif; color: #1a1a1a;
  background: #fff; margin: 0 auto; padding: 1rem 1.25rem 3rem; max-width: 42rem; }
h1 { font-size: 2rem; line-height: 1.2; }
h2 { font-size: 1.5rem; margin-top: 2.5rem; border-top: 2px solid #1a1a1a; padding-top: 1rem; }
h3 { font-size: 1.25rem; }
.cue { font-weight: bold; color: #0b4f8a; }
.picture, .hint, .note, .pause { padding: 0.25rem 0.75rem; border-left: 6px solid #0b4f8a; }
.note, .pause { border-left-color: #595959; color: #333; font-style: italic; }
.note .cue, .pause .cue { color: #333; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { text-align: left; vertical-align: top; border: 1px solid #595959; padding: 0.4rem;
  overflow-wrap: anywhere; }
@media (max-width: 30rem) { table { font-size: 1rem; } }
@media (prefers-color-scheme: dark) {
  body { color: #f2f2f2; background: #121212; }
  h2 { border-top-color: #f2f2f2; }
  .cue { color: #9cd0ff; }
  .note, .pause, .note .cue, .pause .cue { color: #ddd; }
}
"""


@dataclass
class _Track:
    """One page as the script gives it: its title and its lines of HTML."""

    number: int
    title: str
    parts: list[str] = field(default_factory=list)
    said: set[str] = field(default_factory=set)  # hard words whose hint this track gave


def make(work: Work) -> Files:
    """The script as one HTML page."""
    pub = work.pub
    words = publication_words(pub, work.context.layout)
    return {f"{pub.slug}-audio-script.html": script_html(pub, words).encode("utf-8")}


def script_html(pub: Publication, words: Mapping[str, Any]) -> str:
    """The whole script."""
    terms = _term_forms(pub.glossary)
    breaks = pub.audience.line_breaks
    titles = [_title(pub, page, words) for page in pub.pages]
    tracks = []
    for number, page in enumerate(pub.pages, start=1):
        track = _Track(number, titles[number - 1])
        _page(track, pub, page, words, terms, breaks, titles)
        tracks.append(track)
    title = html.escape(pub.settings.title)
    head = (
        f'<!DOCTYPE html>\n<html lang="{html.escape(pub.settings.lang)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Audio script: {title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    )
    intro = (
        f"<h1>Audio script: {title}</h1>\n"
        f"<p>For the person who records {title} as audio. Version "
        f"{html.escape(pub.settings.version)}, {len(tracks)} tracks.</p>\n"
        '<h2 id="how">How to use this script</h2>\n<ul>\n'
        + "".join(f"<li>{html.escape(line)}</li>\n" for line in HOW_TO)
        + "</ul>\n"
        + _hard_words(pub.glossary)
    )
    body = "".join(
        f'<section aria-labelledby="track-{t.number}">\n'
        f'<h2 id="track-{t.number}">Track {t.number}: {html.escape(t.title)}</h2>\n'
        + "".join(t.parts)
        + "</section>\n"
        for t in tracks
    )
    return head + intro + body + "</main>\n</body>\n</html>\n"


def _title(pub: Publication, page: Page, words: Mapping[str, Any]) -> str:
    defaults = {  # by template: what the page shows as its heading when it has no title
        "cover": pub.settings.title,
        "contents": words.get("contents_title"),
        "glossary": words.get("glossary_title"),
        "credits": words.get("credits_title"),
    }
    default = defaults.get(kind_of(page).template)
    return page.title or str(default or page.name.replace("-", " ").capitalize())


def _page(
    track: _Track,
    pub: Publication,
    page: Page,
    words: Mapping[str, Any],
    terms: Mapping[str, Term],
    breaks: bool,
    titles: Sequence[str],
) -> None:
    parts = track.parts
    template = kind_of(page).template  # what the page fills in itself, beside its own words
    if template == "cover":
        parts.append(f"<p>{html.escape(pub.settings.title)}</p>\n")
        if pub.settings.subtitle:
            parts.append(f"<p>{html.escape(pub.settings.subtitle)}</p>\n")
    if page.meta.get("picture") and page.meta.get("picture_alt"):
        parts.append(_picture(str(page.meta["picture_alt"])))
    _blocks(track, page.tokens, terms, breaks)
    if template == "contents":
        parts.append("<ol>\n" + "".join(f"<li>{html.escape(t)}</li>\n" for t in titles) + "</ol>\n")
    elif template == "glossary":
        _glossary(track, pub.glossary)
    elif template == "credits":
        _other_formats(track, pub, words)


def _blocks(
    track: _Track, tokens: Sequence[Token], terms: Mapping[str, Term], breaks: bool
) -> None:
    """A page body's blocks, in order, with a pause between picture rows."""
    parts = track.parts
    for index, token in enumerate(tokens):
        if token.type in CONTAINERS:
            parts.append(CONTAINERS[token.type] + "\n")
        elif token.type == "activity":
            parts.append(_note(NOT_READ.get(token.info, NOT_READ["lines"])))
        elif token.type in ("heading_open", "paragraph_open", "row_open"):
            inline = tokens[index + 1]
            text, used = _inline(inline.children or [], terms, breaks)
            if token.type == "row_open":
                if _previous_block(tokens, index) == "row_open":
                    parts.append('<p class="pause"><span class="cue">Pause</span></p>\n')
                picture = (token.meta or {}).get("picture")
                if picture is not None:
                    parts.append(_picture(_alt(picture)))
            if not text.strip():
                continue
            tag = "h3" if token.type == "heading_open" else "p"  # under the track's h2
            parts.append(f"<{tag}>{text}</{tag}>\n")
            parts.extend(_hints(track, used))


def _previous_block(tokens: Sequence[Token], index: int) -> str:
    """The kind of block before the one that opens at ``index`` ("" for none)."""
    for back in range(index - 1, -1, -1):
        if tokens[back].type in ("row_open", "paragraph_open", "heading_open", "activity"):
            return tokens[back].type
    return ""


def _inline(
    children: Sequence[Token], terms: Mapping[str, Term], breaks: bool
) -> tuple[str, list[Term]]:
    """The words of an inline run as HTML, and the glossary words it has in bold."""
    out: list[str] = []
    used: list[Term] = []
    for position, child in enumerate(children):
        if child.type in ("text", "code_inline"):
            out.append(html.escape(child.content))
        elif child.type == "softbreak":
            out.append("<br>\n" if breaks else "\n")
        elif child.type == "hardbreak":
            out.append("<br>\n")
        elif child.type in ("strong_open", "strong_close", "em_open", "em_close"):
            tag = "strong" if child.type.startswith("strong") else "em"
            out.append(f"</{tag}>" if child.type.endswith("close") else f"<{tag}>")
            following = children[position + 1] if position + 1 < len(children) else None
            if child.type == "strong_open" and following is not None:
                term = terms.get(following.content.strip().lower())
                if term is not None and term not in used:
                    used.append(term)
        elif child.type == "image":
            out.append(f' <span class="cue">(Picture, say:</span> {html.escape(_alt(child))})')
        elif child.type == "html_inline" and not child.content.startswith("<!--"):
            out.append(" ")
    return "".join(out), used


def _alt(image: Token) -> str:
    return "".join(c.content for c in (image.children or []) if c.type == "text")


def _picture(alt: str) -> str:
    return f'<p class="picture"><span class="cue">Picture, say:</span> {html.escape(alt)}</p>\n'


def _note(text: str) -> str:
    return f'<p class="note"><span class="cue">Note:</span> {html.escape(text)}</p>\n'


def _hints(track: _Track, used: Sequence[Term]) -> list[str]:
    """How to say the hard words just read, once a track."""
    hints = []
    for term in used:
        if term.word in track.said:
            continue
        track.said.add(term.word)
        say = pronunciation(term)
        if say:
            hints.append(
                f'<p class="hint"><span class="cue">How to say:</span> '
                f"<strong>{html.escape(term.word)}</strong>: {html.escape(say)}</p>\n"
            )
    return hints


def _glossary(track: _Track, glossary: Sequence[Term]) -> None:
    for term in glossary:
        if term.picture and term.picture_alt:
            track.parts.append(_picture(term.picture_alt))
        track.parts.append(
            f"<p><strong>{html.escape(term.word)}</strong>.<br>\n{html.escape(term.meaning)}</p>\n"
        )
        track.parts.extend(_hints(track, [term]))


def _other_formats(track: _Track, pub: Publication, words: Mapping[str, Any]) -> None:
    """The "Ask for this in another format" box, with whom to ask."""
    title = str(words.get("other_formats_title", ""))
    text = words.get("other_formats_text") or []
    lines = [text] if isinstance(text, str) else [str(t) for t in text]
    contact = pub.settings.contact
    rows = [
        (words.get("contact_phone"), contact.phone),
        (words.get("contact_email"), contact.email),
        (words.get("contact_address"), contact.address),
        (words.get("contact_website"), contact.website),
    ]
    parts = [f"<h3>{html.escape(title)}</h3>\n"] if title else []
    parts += [f"<p>{html.escape(line)}</p>\n" for line in lines]
    if contact.organisation:
        parts.append(f"<p>{html.escape(contact.organisation)}</p>\n")
    parts += [f"<p>{html.escape(str(k))}: {html.escape(v)}</p>\n" for k, v in rows if k and v]
    track.parts.extend(parts)


def _hard_words(glossary: Sequence[Term]) -> str:
    if not glossary:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{html.escape(t.word)}</th>'
        f"<td>{html.escape(pronunciation(t) or 'Say it as it is written.')}</td>"
        f"<td>{html.escape(t.meaning)}</td></tr>\n"
        for t in sorted(glossary, key=lambda t: t.word.lower())
    )
    return (
        '<h2 id="hard-words">Hard words</h2>\n<table>\n'
        "<caption>The hard words, how to say them and what they mean</caption>\n"
        '<thead><tr><th scope="col">Word</th><th scope="col">How to say it</th>'
        '<th scope="col">What it means</th></tr></thead>\n'
        f"<tbody>\n{rows}</tbody>\n</table>\n"
    )


def _term_forms(glossary: Sequence[Term]) -> dict[str, Term]:
    forms: dict[str, Term] = {}
    for term in glossary:
        for form in (term.word, *term.forms):
            forms.setdefault(form.strip().lower(), term)
    return forms


def pronunciation(term: Term) -> str:
    """How to say a glossary word: its own ``say:``, else the data file's hint for the whole
    word, else the hints for its words that have one; "" when nothing is known."""
    if term.say:
        return term.say
    known = say_words()
    whole = known.get(term.word.strip().lower())
    if whole:
        return whole
    parts = [w.strip(",.") for w in term.word.lower().split()]
    hints = [f"{w} as {known[w]}" for w in parts if w in known]
    return f"Say {', '.join(hints)}" if hints else ""


@lru_cache(maxsize=1)
def say_words() -> dict[str, str]:
    """``data/say-words.yml``: word (lower case) → how to say it."""
    data = yaml.safe_load(SAY_WORDS.read_text(encoding="utf-8")) or {}
    return {str(k).lower(): str(v) for k, v in data.items()}


def tracks(data: bytes) -> str:
    """How many tracks a script has, for its download link."""
    count = data.count(b'<section aria-labelledby="track-')
    return f"{count} track" if count == 1 else f"{count} tracks"


OUTPUT = OutputSpec(
    name="audio-script",
    files=("{slug}-audio-script.html",),
    needs="model",
    make=make,
    purpose="script for recording the audio version (not for press)",
    download=words_label("download_audio_script"),
    for_makers=(".html",),
    count=tracks,
)
