"""Hostile references never read a file outside the project or touch the network.

Each case asserts the one finding an editor gets (file, line, rule) and that the last good
output is left as it was.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressroom.render.pdf import FetchLog, make_fetcher
from pressroom.source import markdown

from .conftest import Project

PAGE = "content/mini-easy/020-about.md"


class CountingServer(http.server.HTTPServer):
    requests = 0


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.requests += 1  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.end_headers()
        self.wfile.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[CountingServer]:
    srv = CountingServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.svg"
    path.parent.mkdir()
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg"><title>TOP-SECRET-1234</title></svg>')
    return path


def page_with(body: str) -> str:
    return f"---\nkind: notes\ntitle: About\n---\n{body}\n"


def snapshot(project: Project) -> dict[Path, bytes]:
    return {
        p: p.read_bytes()
        for p in project.output().rglob("*")
        if p.is_file() and "report" not in p.name
    }


@pytest.mark.parametrize(
    ("body", "rule", "col"),
    [
        ("![A file](file:///etc/passwd)\nText.", "unsafe-reference", 1),
        ("![A web picture](http://127.0.0.1:9/x.svg)\nText.", "unsafe-reference", 1),
        ("![A web picture](https://example.org/x.svg)\nText.", "unsafe-reference", 1),
        ("![Up and out](../../../../etc/passwd)\nText.", "unsafe-reference", 1),
        ("![Absolute](/etc/passwd)\nText.", "unsafe-reference", 1),
        ("![Host](//evil.example/x.svg)\nText.", "unsafe-reference", 1),
        ("Read [this](file:///etc/passwd).", "unsafe-link", 6),
        ("Click [here](javascript:alert(1)).", "unsafe-link", 7),
        ("See [the site](http://example.org).", "unsafe-link", 5),
        ("See [the site](//example.org).", "unsafe-link", 5),
        ("See [my file](../../secret.txt).", "unsafe-link", 5),
        ("<script>alert('x')</script>", "raw-html", 1),
        ("Hello <img src=x onerror=alert(1)> there.", "raw-html", 7),
        ("<iframe src='file:///etc/passwd'></iframe>", "raw-html", 1),
        ("<style>body { display: none }</style>", "raw-html", 1),
    ],
)
def test_hostile_reference_gives_one_finding_and_keeps_output(
    built: Project, body: str, rule: str, col: int
) -> None:
    before = snapshot(built)
    built.write(PAGE, page_with(body))
    run = built.build()
    assert run.code == 1, run.out
    assert len(run.lines) == 1, run.out
    assert run.lines[0].startswith(f"{PAGE}:5:{col}: error[{rule}]: "), run.out
    assert snapshot(built) == before


def test_symlinked_picture_leaving_the_project_is_refused(built: Project, secret: Path) -> None:
    (built.root / "images" / "sneaky.svg").symlink_to(secret)
    built.write(PAGE, page_with("![A sneaky picture](sneaky)\nText."))
    run = built.build()
    assert run.code == 1
    assert run.lines[0].startswith(f"{PAGE}:5:1: error[unsafe-reference]: "), run.out


def test_symlinked_page_leaving_content_is_not_read(built: Project, secret: Path) -> None:
    (built.root / "content/mini-easy/025-linked.md").symlink_to(secret)
    run = built.build()
    assert run.code == 1
    assert run.lines == [
        "content/mini-easy/025-linked.md:1:1: error[outside-content]: 'content/mini-easy/"
        "025-linked.md' is a link to a file outside content/; it was not read. — Copy the file "
        "into the publication's folder instead of linking to it."
    ]


def test_layout_cannot_fetch_outside_the_project_or_from_the_network(
    project: Project, server: CountingServer, secret: Path
) -> None:
    port = server.server_address[1]
    css = project.root / "layouts/easy-read/style.css"
    css.write_text(
        css.read_text()
        + f'\n.row {{ background-image: url("http://127.0.0.1:{port}/x.svg"); }}\n'
        + f'.page {{ background-image: url("{secret.as_uri()}"); }}\n'
    )
    lines = len(css.read_text().splitlines())
    run = project.build("mini-easy")
    assert run.code == 2  # a layout problem is a settings error, not a content error
    assert run.findings("unsafe-reference") == run.lines
    assert [line.split(": ")[0] for line in run.lines] == [
        f"layouts/easy-read/style.css:{lines - 1}:26",
        f"layouts/easy-read/style.css:{lines}:27",
    ]
    assert server.requests == 0
    for path in project.output().rglob("*"):
        if path.is_file():
            assert b"TOP-SECRET-1234" not in path.read_bytes()


def test_fetcher_serves_only_allowed_folders(tmp_path: Path, secret: Path) -> None:
    inside = tmp_path / "project" / "ok.svg"
    inside.parent.mkdir()
    inside.write_text("<svg/>")
    log = FetchLog()
    fetcher = make_fetcher([inside.parent], log)
    assert fetcher.fetch(inside.as_uri()).read() == b"<svg/>"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in (secret.as_uri(), "http://127.0.0.1:9/x", "file:///etc/passwd", "ftp://x/y"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert [url for url, _ in log.refused][:3] == [
        secret.as_uri(),
        "http://127.0.0.1:9/x",
        "file:///etc/passwd",
    ]


def test_raw_html_and_template_syntax_are_shown_as_text() -> None:
    tokens = markdown.parse("<script>alert(1)</script>\n\nTotal: {{ 7 * 7 }} {% if x %}", False)
    html = markdown.render(tokens, False, {})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7 * 7 }} {% if x %}" in html


def test_template_syntax_in_content_is_never_executed(built: Project) -> None:
    built.write(PAGE, page_with("![A nurse smiling](nurse)\nSeven times seven is {{ 7 * 7 }}."))
    run = built.build()
    assert run.code == 0, run.out
    html = built.output("mini-easy/web/index.html").read_text()
    assert "Seven times seven is {{ 7 * 7 }}." in html
    assert "49" not in html


def test_contact_website_must_be_a_safe_link(built: Project) -> None:
    settings = built.root / "content/mini-easy/publication.yml"
    settings.write_text(
        settings.read_text().replace(
            "  email: test@example.org", "  email: test@example.org\n  website: javascript:alert(1)"
        )
    )
    run = built.build("mini-easy")
    assert run.code == 1
    assert run.lines[0].startswith(
        "content/mini-easy/publication.yml:15:1: error[unsafe-link]: Links starting 'javascript:'"
    )
