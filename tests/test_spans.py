"""Blocks carry markdown-it's inline spans with the exact place each one is written, and the
checks read those spans instead of reading Markdown themselves (issue 16, point 5)."""

from __future__ import annotations

import ast
import random
import re
from pathlib import Path

import pytest
import yaml

from pressroom.checks._text import sentences
from pressroom.model import Block, Span
from pressroom.source import markdown
from pressroom.source.blocks import extract_blocks

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ROOT / "pressroom" / "checks"


def blocks_of(text: str, profile: str = "young-people", first_line: int = 1) -> list[Block]:
    tokens = markdown.parse(text, profile == "easy-read", first_line)  # easy read breaks lines
    return extract_blocks(tokens, first_line, "page.md")[0]


def leaves(block: Block) -> list[tuple[str, str, int, int]]:
    return [(s.kind, s.text, s.line, s.col) for s in block.spans]


def at(text: str, span: Span) -> str:
    """The file's text from where ``span`` says it starts."""
    return text.split("\n")[span.line - 1][span.col - 1 :]


def test_an_escaped_star_is_printed_at_its_own_column_and_starts_no_italics() -> None:
    (block,) = blocks_of(r"Stars \*here\* stay.")
    assert leaves(block) == [
        ("text", "Stars ", 1, 1),
        ("text", "*", 1, 8),
        ("text", "here", 1, 9),
        ("text", "*", 1, 14),
        ("text", " stay.", 1, 15),
    ]
    (sentence,) = sentences(block, "page.md")
    assert sentence.text == "Stars *here* stay."
    assert [(w.text, w.location.col) for w in sentence.words] == [
        ("Stars", 1),
        ("here", 9),
        ("stay", 16),
    ]


def test_bold_in_a_link_and_a_link_after_bold() -> None:
    text = "**Bold** in a [link](x) and [a **bold** word](https://example.org)."
    (block,) = blocks_of(text)
    styles = [(s.kind, s.text, s.col, s.end, s.target) for s in block.spans if s.kind != "text"]
    assert styles == [
        ("bold", "Bold", 1, (1, 9), ""),
        ("link", "link", 15, (1, 24), "x"),
        ("link", "a bold word", 29, (1, 67), "https://example.org"),
        ("bold", "bold", 32, (1, 40), ""),
    ]
    inside = [s for s in block.spans if s.kind == "text"]
    assert all(at(text, s).startswith(s.text) for s in inside)
    (sentence,) = sentences(block, "page.md")
    assert sentence.text == "Bold in a link and a bold word."
    bold = [s for s in block.spans if s.kind == "bold"]
    word = next(w for w in sentence.words if w.text == "bold")
    assert word.location.col == 34 and any(b.covers(1, word.location.col) for b in bold)


def test_a_row_picture_and_a_picture_inside_a_row() -> None:
    text = "Intro.\n\n![A nurse](nurse) Call ![a phone](phone) us\ntoday."
    blocks = blocks_of(text, "easy-read", first_line=10)
    row = blocks[1]
    assert row.kind == "row" and row.location.line == 12 and row.location.col == 1
    assert [(p.ref, p.alt, p.location.line, p.location.col) for p in row.pictures] == [
        ("nurse", "A nurse", 12, 1),
        ("phone", "a phone", 12, 24),
    ]
    units = sentences(row, "page.md", split_lines=True)
    assert [(u.text, u.location.line, u.location.col) for u in units] == [
        ("Call  us", 12, 19),  # the picture between the words prints no word
        ("today.", 13, 1),
    ]


def test_an_entity_is_decoded_and_the_words_after_it_keep_their_columns() -> None:
    (block,) = blocks_of("Tom &amp; Jerry &copy; 2026.")
    assert ("text", "&", 1, 5) in leaves(block)
    entity = next(s for s in block.spans if s.text == "&")
    assert not entity.literal and entity.end == (1, 10)
    (sentence,) = sentences(block, "page.md")
    assert sentence.text == "Tom & Jerry © 2026."
    assert [(w.text, w.location.col) for w in sentence.words] == [
        ("Tom", 1),
        ("Jerry", 11),
        ("2026", 24),
    ]


def test_a_soft_line_break_in_a_list_item_and_a_quote() -> None:
    text = "- First line  \n  second *line*\n\n> Quoted\n> on two lines"
    item, quote = blocks_of(text, first_line=3)
    assert leaves(item)[:4] == [
        ("text", "First line", 3, 3),
        ("break", "\n", 3, 13),
        ("text", "second ", 4, 3),
        ("italic", "line", 4, 10),
    ]
    assert leaves(quote) == [
        ("text", "Quoted", 6, 3),
        ("break", "\n", 6, 9),
        ("text", "on two lines", 7, 3),
    ]
    (sentence,) = sentences(quote, "page.md")
    assert sentence.text == "Quoted on two lines" and sentence.lines == (6, 7)


def test_a_tab_in_a_list_items_indent_does_not_shift_the_words_after_it() -> None:
    """markdown-it widens the tab into spaces that are not in the file."""
    text = "- One\n\t[link](x) **two**"
    (item,) = blocks_of(text)
    assert leaves(item)[2:5] == [
        ("link", "link", 2, 2),
        ("text", "link", 2, 3),
        ("text", " ", 2, 11),
    ]
    assert assert_placed(text, item) == 7


def test_code_headings_and_raw_html_are_placed_where_they_are_written() -> None:
    text = "## A *heading* ##\n\nType ``a `b` c`` or ` d ` and <b>this</b> &nbsp;now"
    heading, paragraph, *html = blocks_of(text)
    assert leaves(heading)[:2] == [("text", "A ", 1, 4), ("italic", "heading", 1, 6)]
    codes = [(s.text, s.col) for s in paragraph.spans if s.kind == "code"]
    assert codes == [("a `b` c", 8), ("d", 23)]
    assert [(b.location.col, b.spans[0].text) for b in html] == [
        (31, "<b>this</b> \u00a0now"),
        (38, "</b> \u00a0now"),
    ]


def content_pages() -> list[tuple[str, str]]:
    """Every page body the project holds, with the profile it is read with."""
    pages = []
    for path in sorted(ROOT.glob("content/*/*.md")) + sorted(
        ROOT.glob("tests/fixtures/*/content/*/*.md")
    ):
        pages.append((path.read_text(encoding="utf-8"), "easy-read"))
        pages.append((path.read_text(encoding="utf-8"), "young-people"))
    for path in sorted((ROOT / "tests" / "checks").glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            for body in [case["page"], *case.get("extra_pages", [])]:
                pages.append((body, case.get("profile", "easy-read")))
    return pages


def test_every_span_of_the_real_content_and_the_examples_points_at_what_is_written() -> None:
    checked = sum(
        assert_placed(text, block)
        for text, profile in content_pages()
        for block in blocks_of(text, profile)
    )
    assert checked > 3000


def assert_placed(text: str, block: Block) -> int:
    """Each span of ``block`` starts (and a style, link or picture ends) where ``text`` says."""
    lines = text.split("\n")
    for span in block.spans:
        source = at(text, span)
        if span.kind in ("text", "code") and span.literal:
            assert source.startswith(span.text), (span, source)
        elif span.kind == "text":
            assert source[:1] in "&\\<", (span, source)  # an entity, an escape, an autolink
        elif span.kind == "picture":
            assert source.startswith("!["), (span, source)
        elif span.kind in ("bold", "italic", "link"):
            assert source.startswith(span.mark), (span, source)
        if span.kind in ("picture", "link", "bold", "italic"):
            line, col = span.end
            last = lines[line - 1][col - 2 : col - 1]
            assert last and last in {"picture": ")]", "link": ")]>"}.get(span.kind, span.mark)
    return len(block.spans)


PIECES = (
    "word", " ", "  ", "\n", "*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "![", "](x)",
    '](y "t")', "\\", "\\*", "\\[", "&amp;", "&copy;", "&#35;", "&bogus;", "<b>", "</b>",
    "<!-- c -->", "<https://a.b>", "<m@a.b>", "> ", "- ", "1. ", "# ", "\t", "é", "x_y", "[r]",
    "[r][]", "\n\n[r]: https://r.org\n", "  \n", "\\\n", "===", "---", "    ", "## x ##",
    "> > ", "   - ", "&nbsp;", "`` ` ``", "[a **b** c](x)", "***", "_a_b_",
)  # fmt: skip


def test_spans_stay_in_place_in_markdown_made_of_random_pieces() -> None:
    """Escapes, entities, code, tabs, lists and quotes in any order (seeded, so it repeats)."""
    pick = random.Random(16)
    for _ in range(400):
        text = "".join(pick.choice(PIECES) for _ in range(pick.randint(1, 25)))
        for profile in ("easy-read", "young-people"):
            for block in blocks_of(text, profile):
                assert_placed(text, block)


MARKDOWN_SYNTAX = re.compile(r"\\\*|!\\\[|\\\]\\\(|`|<!--|__")
REGEX_CALLS = {
    "compile",
    "match",
    "fullmatch",
    "search",
    "sub",
    "subn",
    "finditer",
    "findall",
    "split",
}


def markdown_readers(path: Path) -> list[str]:
    """What in a module reads Markdown itself: markdown_it imports, and regular expressions
    written to match Markdown's marks (``\\*``, ``![``, ``](``, backticks, comments, ``__``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names]
            found += [f"imports {n}" for n in names if n.startswith("markdown_it")]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in REGEX_CALLS
            and node.args
        ):
            found += [
                f"regex {part.value!r}"
                for part in ast.walk(node.args[0])
                if isinstance(part, ast.Constant)
                and isinstance(part.value, str)
                and MARKDOWN_SYNTAX.search(part.value)
            ]
    return found


@pytest.mark.parametrize("path", sorted(CHECKS.glob("*.py")), ids=lambda p: p.name)
def test_no_rule_reads_markdown_itself(path: Path) -> None:
    assert markdown_readers(path) == []


def test_the_markdown_detector_finds_what_it_looks_for(tmp_path: Path) -> None:
    module = tmp_path / "rule.py"
    module.write_text(
        "import re\nfrom markdown_it import MarkdownIt\n"
        'BOLD = re.compile(r"(\\*\\*|__)(.+?)\\1")\nPIC = re.compile(r"!\\[[^\\]]*\\]\\([^)]*\\)")\n'
        'WORD = re.compile(r"[A-Za-z]+")\n',
        encoding="utf-8",
    )
    assert len(markdown_readers(module)) == 3


def test_a_writing_space_is_named_by_its_prompt_as_printed() -> None:
    text = (
        "![A pencil](nurse)\nWhat do **you** think of [this](https://example.org)?\n\n[lines: 3]\n"
    )
    html = markdown.render(markdown.parse(text, True), True, {"fillable": True})
    assert 'title="What do you think of this?"' in html
