"""The Markdown dialect editors write, built on markdown-it-py.

Plain CommonMark plus two small plugins:

* **picture rows**: a paragraph that starts with a picture, ``![alt](name)``, becomes a row
  (picture on the left, its sentences beside it). This is how easy read pages are written.
* **activity markers**: a line on its own such as ``[lines: 6]``, ``[draw]``, ``[draw: big]``,
  ``[dots: half]`` or ``[cut]`` makes writing lines, a drawing space, a dotted grid or a cut line.

Raw HTML is parsed (so the checks can point at it) but always rendered as visible text. Block
tokens keep their lines in ``token.map``; inline tokens their spans (see :mod:`spans`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from . import spans
from .activities import ACTIVITY_SIZES, activity_plugin, dot_grid
from .pictures import EMOJI_RE, emoji_name, emoji_ref

MAX_NESTING = 20
ALLOW_RE = re.compile(
    r"^<!--\s*allow\s+(?P<rule>[a-z0-9-]*)\s*:?\s*(?P<reason>.*?)\s*-->$", re.DOTALL
)


def rows_plugin(md: MarkdownIt) -> None:
    """Turn each paragraph that starts with a picture into a picture row."""
    md.core.ruler.after("inline", "picture_rows", _rows_rule)


def _rows_rule(state: StateCore) -> None:
    tokens = state.tokens
    for i, token in enumerate(tokens[:-2]):
        if token.type != "paragraph_open":
            continue
        inline = tokens[i + 1]
        children = inline.children or []
        first = next(
            (c for c in children if not (c.type == "text" and not c.content.strip())), None
        )
        if first is None or first.type != "image":
            continue
        rest = children[children.index(first) + 1 :]
        skipped_lines = 0
        while rest and (rest[0].type in ("softbreak", "hardbreak") or not _has_text(rest[0])):
            skipped_lines += rest[0].type in ("softbreak", "hardbreak")
            rest = rest[1:]
        if rest and rest[0].type == "text":
            rest[0].content = rest[0].content.lstrip()
        inline.children = rest
        token.type = "row_open"
        token.meta = {"picture": first, "text_line": skipped_lines}
        close = _matching_close(tokens, i)
        if close is not None:
            tokens[close].type = "row_close"


def _has_text(token: Token) -> bool:
    return token.type != "text" or bool(token.content.strip())


def _matching_close(tokens: Sequence[Token], start: int) -> int | None:
    for j in range(start + 1, len(tokens)):
        if tokens[j].type == "paragraph_close" and tokens[j].level == tokens[start].level:
            return j
    return None


def _accept_all_links(url: str) -> bool:
    """Let every link reach the tokens; the checks judge it and the renderer drops bad ones."""
    return True


@lru_cache(maxsize=4)
def parser(line_breaks: bool) -> MarkdownIt:
    """The shared parser. With ``line_breaks`` (a profile setting, such as easy read's) each
    source line is a line of its own."""
    options = {"html": True, "breaks": line_breaks, "maxNesting": MAX_NESTING}
    md = MarkdownIt("commonmark", options)
    md.validateLink = _accept_all_links  # type: ignore[method-assign]
    md.use(activity_plugin).use(rows_plugin)
    spans.install(md, before="picture_rows")  # inline spans with file positions, for the checks
    for name, rule in RENDER_RULES.items():
        md.add_render_rule(name, rule)
    return md


def parse(text: str, line_breaks: bool, first_line: int = 1) -> list[Token]:
    """Parse a page body into block tokens (``token.map`` counts lines from 0); inline tokens
    carry their spans, placed as if the body started on line ``first_line`` of its file."""
    return parser(line_breaks).parse(text, {"first_line": first_line})


def render(tokens: Sequence[Token], line_breaks: bool, env: EnvType) -> str:
    """Render tokens to HTML. ``env`` supplies the callbacks described in :mod:`render.html`."""
    md = parser(line_breaks)
    html: str = md.renderer.render(list(tokens), md.options, env)
    return html


# --- rendering rules -------------------------------------------------------------------------

RenderRule = Callable[[Any, Sequence[Token], int, OptionsDict, EnvType], str]


def source_attr(token: Token, env: EnvType, offset: int = 0) -> str:
    """`` data-src="path:line"`` for a block the layout check follows (see :mod:`checks._laidout`):
    only when ``env["source"]`` gives the page file and the line its body starts on."""
    source = env.get("source") if isinstance(env, dict) else None
    if not source or not token.map:
        return ""
    path, body_line = source
    return f' data-src="{escapeHtml(path)}:{body_line + token.map[0] + offset}"'


def _render_row_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    picture: Token = token.meta["picture"]
    image = _image_html(picture, env, css_class="row-picture", src=source_attr(token, env))
    text = source_attr(token, env, int(token.meta.get("text_line", 0)))
    prompt = " prompt" if _before_activity(tokens, idx) else ""
    return f'<div class="row{prompt}">{image}<div class="row-text"><p{text}>'


def _render_paragraph_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    if token.hidden:
        return ""
    prompt = ' class="prompt"' if _before_activity(tokens, idx) else ""
    return f"<p{prompt}{source_attr(token, env)}>"


def _before_activity(tokens: Sequence[Token], idx: int) -> bool:
    """Whether this paragraph is the prompt of a space to write or draw (it must stay with it)."""
    for token in tokens[idx + 1 :]:
        if token.type in ("paragraph_close", "row_close", "inline"):
            continue
        return token.type == "activity"
    return False


def _render_list_item_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f"<li{source_attr(tokens[idx], env)}>"


def _render_row_close(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</p></div></div>\n"


def _render_image(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return _image_html(tokens[idx], env, css_class="inline-picture")


def _image_html(token: Token, env: EnvType, css_class: str, src: str = "") -> str:
    ref = str(token.attrGet("src") or "")
    alt = "".join(c.content for c in (token.children or []) if c.type in ("text", "code_inline"))
    url = env["picture_url"](ref) if "picture_url" in env else ""
    if not url:
        label = escapeHtml(alt or ref)
        return f'<span class="{css_class} missing-picture" role="img" aria-label="{label}"></span>'
    return f'<img class="{css_class}" src="{escapeHtml(url)}" alt="{escapeHtml(alt)}"{src}>'


def _render_link_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    href = str(tokens[idx].attrGet("href") or "")
    safe = env["link_url"](href) if "link_url" in env else ""
    tokens[idx].meta = {**(tokens[idx].meta or {}), "dropped": not safe}
    return f'<a href="{escapeHtml(safe)}">' if safe else "<span>"


def _render_link_close(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    for j in range(idx - 1, -1, -1):
        if tokens[j].type == "link_open" and tokens[j].level == tokens[idx].level:
            return "</span>" if (tokens[j].meta or {}).get("dropped") else "</a>"
    return "</a>"


def _render_strong_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    word = tokens[idx + 1].content if idx + 1 < len(tokens) else ""
    anchor = env["term_anchor"](word) if "term_anchor" in env else ""
    if anchor:  # the link inside the bold: a box inside a link would be a second link in a PDF
        return f'<strong><a class="term" href="#{anchor}">'
    return "<strong>"


def _render_strong_close(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    word = tokens[idx - 1].content if idx > 0 else ""
    anchor = env["term_anchor"](word) if "term_anchor" in env else ""
    return "</a></strong>" if anchor else "</strong>"


def _render_heading_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f"<h{_heading_level(tokens, idx)}{source_attr(tokens[idx], env)}>"


def _render_heading_close(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f"</h{_heading_level(tokens, idx)}>\n"


def _heading_level(tokens: Sequence[Token], idx: int) -> int:
    """Headings inside a page sit under the page title (h2), in order and without gaps.

    The page's biggest heading becomes h3, the next size h4, and so on, whichever number of
    '#' the editor used, so the levels never skip one.
    """
    used = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    return min(6, 3 + used.index(int(tokens[idx].tag[1])))


def _render_text(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """Plain text, with emoji drawn as OpenMoji pictures (fonts have no print-safe emoji)."""
    text = tokens[idx].content
    if "picture_url" not in env or not EMOJI_RE.search(text):
        return escapeHtml(text)
    out, pos = [], 0
    for match in EMOJI_RE.finditer(text):
        url = env["picture_url"](emoji_ref(match.group(0)))
        if not url:
            continue
        out.append(escapeHtml(text[pos : match.start()]))
        alt = escapeHtml(emoji_name(match.group(0)))
        out.append(f'<img class="emoji" src="{escapeHtml(url)}" alt="{alt}">')
        pos = match.end()
    out.append(escapeHtml(text[pos:]))
    return "".join(out)


def _render_raw_html(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    content = tokens[idx].content
    if ALLOW_RE.match(content.strip()):
        return ""  # an allow marker is for the checks only
    return escapeHtml(content)


def _render_activity(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    html = _activity_html(tokens, idx, env)
    if tokens[idx].info == "cut":
        return html  # a cue for the scissors, not content: print hides it on a perforation
    return html.replace(' class="activity', f'{source_attr(tokens[idx], env)} class="activity', 1)


def _activity_html(tokens: Sequence[Token], idx: int, env: EnvType) -> str:
    token = tokens[idx]
    name, arg = token.info, token.meta.get("arg", "")
    if name == "lines":
        count = int(arg) if arg.isdigit() else 6
        count = max(1, min(count, 30))
        lines = '<span class="write-line"></span>' * count
        if env.get("fillable"):
            env["fields"] = env.get("fields", 0) + 1
            label = escapeHtml(_prompt_before(tokens, idx) or _word(env, "write_here"))
            name = f"{env.get('field_prefix', 'field')}-{env['fields']}"  # unique in a document
            field = f'name="{escapeHtml(name)}" title="{label}" rows="{count}"'
            if env.get("digital"):  # a card on its own: a box to type in
                return (
                    f'<textarea class="activity write-field" {field} '
                    f'style="--rows: {count}"></textarea>\n'
                )
            # the booklet's two PDFs share one layout: lines to write on, and over them a field
            # that only the digital PDF turns into a form field
            over = f'<textarea class="write-over" {field} style="--rows: {count}"></textarea>'
            return f'<div class="activity write-lines fillable">{over}{lines}</div>\n'
        label = escapeHtml(_word(env, "space_to_write_lines").replace("{lines}", str(count)))
        return f'<div class="activity write-lines" role="img" aria-label="{label}">{lines}</div>\n'
    if name == "cut":
        if env.get("digital"):  # a PDF for screens: the line alone, no words to read aloud
            return '<div class="activity cut-line" aria-hidden="true"></div>\n'
        cue = escapeHtml(_word(env, "cut_cue"))  # print only: the digital PDF leaves it out
        return (
            f'<div class="activity cut-line"><span class="cut-cue print-only">{cue}</span></div>\n'
        )
    size = arg if arg in ACTIVITY_SIZES else "half"
    if name == "draw":
        label = escapeHtml(_word(env, "space_to_draw"))
        return (
            f'<div class="activity draw-space size-{size}" role="img" aria-label="{label}"></div>\n'
        )
    env["dots"] = env.get("dots", 0) + 1
    grid = dot_grid(f"dots-{env['dots']}", str(env.get("dot_colour", "#767676")))
    label = escapeHtml(_word(env, "dot_grid"))
    opening = f'<div class="activity dots-space size-{size}" role="img" aria-label="{label}">'
    return f"{opening}{grid}</div>\n"


# The words of activity lines when no layout gives them (the layout's words.yml does).
ACTIVITY_WORDS = {
    "write_here": "Write here",
    "space_to_write_lines": "Space to write: {lines} lines",
    "cut_cue": "Tear or cut along the line",
    "space_to_draw": "Space to draw",
    "dot_grid": "Dotted grid to draw or write on",
}


def _word(env: EnvType, key: str) -> str:
    """A cue in the layout's words (``env["words"]``), else the plain default."""
    words = env.get("words") or {}
    value = words.get(key)
    return value if isinstance(value, str) else ACTIVITY_WORDS[key]


def _prompt_before(tokens: Sequence[Token], idx: int) -> str:
    """The text of the paragraph just before a writing space (its prompt), without marks."""
    for token in reversed(tokens[:idx]):
        if token.type == "inline":  # the words as printed: no marks, pictures or addresses
            return " ".join(spans.printed(token.meta.get("spans", ())).split()).rstrip(":")
        if token.type == "activity":
            return ""
    return ""


RENDER_RULES: dict[str, RenderRule] = {
    "row_open": _render_row_open,
    "paragraph_open": _render_paragraph_open,
    "list_item_open": _render_list_item_open,
    "row_close": _render_row_close,
    "image": _render_image,
    "link_open": _render_link_open,
    "link_close": _render_link_close,
    "strong_open": _render_strong_open,
    "strong_close": _render_strong_close,
    "text": _render_text,
    "heading_open": _render_heading_open,
    "heading_close": _render_heading_close,
    "html_block": _render_raw_html,
    "html_inline": _render_raw_html,
    "activity": _render_activity,
}
