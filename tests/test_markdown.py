"""The Markdown dialect: picture rows, activity lines, links and terms."""

from __future__ import annotations

from pressroom.source import markdown


def render(text: str, line_breaks: bool = True, **env: object) -> str:
    return markdown.render(markdown.parse(text, line_breaks), line_breaks, dict(env))


def test_paragraph_starting_with_a_picture_is_a_row() -> None:
    html = render(
        "![A nurse](nurse)\nStaff help you.\nThey are kind.", picture_url=lambda r: "n.svg"
    )
    assert html == (
        '<div class="row"><img class="row-picture" src="n.svg" alt="A nurse">'
        '<div class="row-text"><p>Staff help you.<br />\nThey are kind.</p></div></div>\n'
    )


def test_plain_paragraph_is_not_a_row_and_keeps_inline_pictures() -> None:
    html = render("Call us ![a phone](phone) today.", False, picture_url=lambda r: "p.svg")
    assert html.startswith('<p>Call us <img class="inline-picture"')


def test_missing_picture_leaves_a_visible_marked_gap() -> None:
    html = render("![A nurse](nurse)\nText.")
    assert 'class="row-picture missing-picture" role="img" aria-label="A nurse"' in html


def test_activity_lines() -> None:
    tokens = markdown.parse("[lines: 3]\n\n[draw: big]\n\n[dots]\n\n[cut]\n", False)
    assert [(t.type, t.info, t.map) for t in tokens] == [
        ("activity", "lines", [0, 1]),
        ("activity", "draw", [2, 3]),
        ("activity", "dots", [4, 5]),
        ("activity", "cut", [6, 7]),
    ]
    html = markdown.render(tokens, False, {})
    assert html.count('<span class="write-line"></span>') == 3
    assert 'class="activity draw-space size-big"' in html
    assert 'class="activity dots-space size-half"' in html


def test_activity_words_inside_a_sentence_are_just_text() -> None:
    assert render("Please [draw] a line.", False) == "<p>Please [draw] a line.</p>\n"


def test_unsafe_links_are_dropped_but_their_text_stays() -> None:
    html = render(
        "[bad](file:///etc/passwd) and [good](https://nhs.uk)",
        False,
        link_url=lambda h: h if h.startswith("https:") else "",
    )
    assert html == '<p><span>bad</span> and <a href="https://nhs.uk">good</a></p>\n'


def test_bold_glossary_terms_link_to_their_meaning() -> None:
    html = render(
        "**Seclusion** is hard. **Really**.",
        False,
        term_anchor=lambda w: "term-seclusion" if w.lower() == "seclusion" else "",
    )
    assert html == (
        '<p><strong><a class="term" href="#term-seclusion">Seclusion</a></strong> is hard. '
        "<strong>Really</strong>.</p>\n"
    )


def test_deep_nesting_does_not_crash() -> None:
    deep = "> " * 5000 + "text\n" + "- " * 5000 + "item\n"
    html = render(deep, False)
    assert html.startswith("<blockquote>")  # the load step reports the lost depth (test_load)


def test_fields_are_named_after_their_card_and_the_digital_cut_line_has_no_words() -> None:
    source = "My name:\n\n[lines: 1]\n\nMy ward:\n\n[lines: 2]\n\n[cut]\n"
    html = render(source, False, fillable=True, field_prefix="my-card", digital=True)
    assert 'name="my-card-1"' in html and 'name="my-card-2"' in html
    assert "Tear or cut" not in html and 'class="activity cut-line"' in html
    assert "Tear or cut along the line" in render("[cut]\n", False)
