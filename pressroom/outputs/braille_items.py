"""What the braille edition says, in reading order: the checked model as a list of items.

Each page file becomes headings, paragraphs, list items, glossary entries and transcriber's
notes (one for each picture, with its alt text, and one for each space to write or draw), with
the print page turns of :mod:`pagemap` between them. :mod:`braille` translates and formats them.
Easy read keeps each line of a row as a paragraph of its own, as it is printed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from ..model import Page, Publication
from ..source.kinds import kind_of
from ..source.markdown import ALLOW_RE
from ..source.pictures import EMOJI_RE, emoji_name
from .pagemap import PageMap, PageTurn


@dataclass(frozen=True)
class Item:
    """One piece of the braille edition.

    ``kind``: title (a page's title: centred and underlined), heading (centred), para, item (a
    list item, ``depth`` from 0), entry (a contents entry, ``depth`` its print page), term (a
    glossary entry), note (a transcriber's note), turn (a print page begins: ``text`` is its
    number).
    """

    kind: str
    text: str
    depth: int = 0
    path: str = ""
    lines: tuple[int, int] = (0, 0)  # the source lines it comes from: [first, end)


def items(pub: Publication, words: Mapping[str, Any], pages: PageMap) -> list[Item]:
    """Every item of the publication, page file by page file, with the print page turns."""
    out: list[Item] = []
    for page in pub.pages:
        made = list(_page_items(pub, page, words, pages))
        out += _with_turns(made, pages.in_page(page.display_path))
    return out


def _with_turns(made: list[Item], turns: Sequence[PageTurn]) -> list[Item]:
    """Put each page turn before the first item written at or after its source line."""
    own = [i for i, it in enumerate(made) if it.lines != (0, 0)]
    for position, turn in reversed(list(enumerate(turns))):
        path, line = turn.line
        at = 0  # the top of the page file
        if turn.src:
            at = next(
                (i for i, it in enumerate(made) if it.path == path and it.lines[1] > line),
                len(made),
            )
        elif position:  # no unit of the page's own text starts the page: it begins after them
            at = own[-1] + 1 if own else len(made)
        made.insert(at, Item("turn", str(turn.number)))
    return made


def word(words: Mapping[str, Any], key: str, default: str) -> str:
    """One of pressroom's own texts (``words.yml``), as one line."""
    value = words.get(key, default)
    return " ".join(value) if isinstance(value, list) else str(value)


def _page_items(
    pub: Publication, page: Page, words: Mapping[str, Any], pages: PageMap
) -> Iterator[Item]:
    if page.kind == "cover":
        yield Item("title", pub.settings.title)
        if pub.settings.subtitle:
            yield Item("heading", pub.settings.subtitle)
    else:
        default = {"contents": "contents_title", "glossary": "glossary_title"}.get(page.kind)
        title = page.title or (word(words, default, "") if default else "")
        if page.kind == "credits":
            title = title or word(words, "credits_title", "")
        if title:
            yield Item("title", title)
    if page.meta.get("picture"):
        yield _picture(words, str(page.meta.get("picture_alt") or ""), page.display_path, (1, 1))
    yield from _blocks(pub, page, words)
    if page.kind == "contents":
        for other in pub.pages:
            if other.title and other.meta.get("in_contents") and kind_of(other).in_contents:
                turns = pages.in_page(other.display_path)
                yield Item("entry", other.title, turns[0].number if turns else 0)
    elif page.kind == "glossary":
        for term in pub.glossary:
            where = (term.location.line, term.location.line + 1)
            yield Item("term", f"{term.word}: {term.meaning}", 0, term.location.path, where)
            if term.picture:
                yield _picture(words, term.picture_alt or term.word, term.location.path, where)
    elif page.kind == "notes" and page.meta.get("lines"):
        text = word(words, "space_to_write_lines", "Space to write: {lines} lines")
        yield Item("note", text.replace("{lines}", str(page.meta["lines"])), 0, page.display_path)
    elif page.kind == "credits":
        yield from _credits(pub, words)
    if page.kind == "cover":
        yield Item("para", word(words, "version_line", ""))


def _credits(pub: Publication, words: Mapping[str, Any]) -> Iterator[Item]:
    made_with = pub.settings.co_production.made_with
    if made_with:
        yield Item("heading", word(words, "made_with", "Made with"))
        yield from (Item("item", str(who)) for who in made_with)
    yield Item("heading", word(words, "other_formats_title", "Other formats"))
    yield Item("para", word(words, "other_formats_text", ""))
    contact = pub.settings.contact
    for value, label in (
        (contact.phone, "contact_phone"),
        (contact.email, "contact_email"),
        (contact.address, "contact_address"),
        (contact.website, "contact_website"),
    ):
        if value:
            yield Item("item", f"{word(words, label, label)}: {value}")
    yield Item("para", word(words, "version_line", ""))


def _picture(words: Mapping[str, Any], alt: str, path: str, lines: tuple[int, int]) -> Item:
    return Item("note", f"{word(words, 'braille_picture', 'Picture')}: {alt}", 0, path, lines)


def _blocks(pub: Publication, page: Page, words: Mapping[str, Any]) -> Iterator[Item]:
    """The page's own Markdown, block by block."""
    tokens: Sequence[Token] = page.tokens
    breaks = pub.profile == "easy-read"
    depth, numbers = -1, []
    for index, token in enumerate(tokens):
        where = _lines(page, token)
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            numbers.append(int(token.attrGet("start") or 1) if token.tag == "ol" else 0)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            numbers.pop()
        elif token.type == "heading_open":
            yield Item(
                "heading", _inline(tokens[index + 1], words, False), 0, page.display_path, where
            )
        elif token.type == "row_open":
            picture = token.meta["picture"]
            alt = "".join(c.content for c in picture.children or [] if c.type == "text")
            yield _picture(words, alt, page.display_path, where)
            for text in _inline(tokens[index + 1], words, breaks).split("\n"):
                yield Item("para", text, 0, page.display_path, where)
        elif token.type == "paragraph_open":
            inside_item = index > 0 and tokens[index - 1].type == "list_item_open"
            text = _inline(tokens[index + 1], words, breaks and not inside_item)
            if inside_item:
                mark = f"{numbers[-1]}. " if numbers and numbers[-1] else ""
                if numbers and numbers[-1]:
                    numbers[-1] += 1
                yield Item("item", mark + text, max(depth, 0), page.display_path, where)
            else:
                for line in text.split("\n"):
                    yield Item("para", line, 0, page.display_path, where)
        elif token.type == "activity" and token.info != "cut":
            yield Item("note", _activity(token, words), 0, page.display_path, where)
        elif token.type == "html_block" and not ALLOW_RE.match(token.content.strip()):
            yield Item("para", " ".join(token.content.split()), 0, page.display_path, where)


def _lines(page: Page, token: Token) -> tuple[int, int]:
    if not token.map:
        return (0, 0)
    return (page.body_line + token.map[0], page.body_line + token.map[1])


def _activity(token: Token, words: Mapping[str, Any]) -> str:
    if token.info == "lines":
        arg = str(token.meta.get("arg", ""))
        count = max(1, min(int(arg), 30)) if arg.isdigit() else 6
        text = word(words, "space_to_write_lines", "Space to write: {lines} lines")
        return text.replace("{lines}", str(count))
    if token.info == "draw":
        return word(words, "space_to_draw", "Space to draw")
    return word(words, "dot_grid", "Dotted grid to draw or write on")


def _inline(token: Token, words: Mapping[str, Any], breaks: bool) -> str:
    """The words of an inline token; line breaks kept as "\\n" when ``breaks``."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(EMOJI_RE.sub(lambda m: emoji_name(m.group(0)), child.content))
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n" if breaks else " ")
        elif child.type == "image":
            alt = "".join(c.content for c in child.children or [] if c.type == "text")
            out.append(f"({word(words, 'braille_picture', 'Picture')}: {alt})")
    lines = ("".join(out)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())
