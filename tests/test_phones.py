"""UK phone numbers in text become tel: links; other numbers, tags and links are left alone."""

from __future__ import annotations

import pytest

from pressroom.render.phones import link_phone_numbers


@pytest.mark.parametrize(
    ("text", "href", "shown"),
    [
        ("Phone 0808 808 1111.", "tel:08088081111", "0808 808 1111"),
        ("Phone 116 123 for free.", "tel:116123", "116 123"),
        ("Ring 0800 1111 any time.", "tel:08001111", "0800 1111"),
        ("Call 020 7946 0000 today.", "tel:02079460000", "020 7946 0000"),
        ("Or +44 20 7946 0000 from abroad.", "tel:02079460000", "+44 20 7946 0000"),
        ("Phone 03000 616161 and press 1.", "tel:03000616161", "03000 616161"),
        ("Call 999 in an emergency.", "tel:999", "999"),
    ],
)
def test_uk_numbers_become_tel_links(text: str, href: str, shown: str) -> None:
    assert f'<a href="{href}">{shown}</a>' in link_phone_numbers(f"<p>{text}</p>")


@pytest.mark.parametrize(
    "html",
    [
        "<p>In 2026 there were 12345 visits and 0 complaints.</p>",
        "<p>Version 0.2, 21 November 2026.</p>",
        '<p><a href="tel:08001111">0800 1111</a></p>',
        '<img src="x.svg" alt="Phone 0808 808 1111">',
        "<p>NHS 111 online and room 999.</p>",
        "<title>Phone 0808 808 1111</title>",
    ],
)
def test_other_text_is_left_alone(html: str) -> None:
    assert link_phone_numbers(html) == html
