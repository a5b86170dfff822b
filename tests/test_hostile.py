"""Hostile content: every case gives exactly the findings it should, in a real build process with
limits on time and memory, and leaves the last good output/ as it was.

Each case writes some files into a copy of the small fixture project (which has been built once),
runs ``python build.py`` in a process of its own with a memory limit and a timeout, and checks the
(file, line, rule) of every finding, the exit code, and that output/ did not change.
"""

from __future__ import annotations

import os
import resource
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pressroom.checks import catalogue

from .conftest import Project, copy_project
from .fresh_process import Done, run_build_py

pytestmark = pytest.mark.heavy

PAGE = "content/mini-easy/020-about.md"
MAG = "content/mini-mag/030-tips.md"
SETTINGS = "content/mini-easy/publication.yml"
MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for the build process
TIME_LIMIT = 120  # seconds


def page(body: str, kind: str = "notes") -> str:
    return f"---\nkind: {kind}\ntitle: About\n---\n{body}\n"


def png(width: int, height: int) -> bytes:
    """A valid PNG header claiming the given size (the pixel data is not needed to trip limits)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"\x00" * 16)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@dataclass
class Case:
    """One hostile input and what must come of it."""

    name: str
    files: dict[str, str | bytes]
    expect: list[tuple[str, int, str]]
    code: int = 1
    args: tuple[str, ...] = ("--check",)
    setup: Callable[[Path], None] | None = None
    html_has: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)


def symlink_out(target_rel: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        secret = root.parent / "secret.txt"
        secret.write_text("TOP-SECRET")
        (root / target_rel).symlink_to(secret)

    return make


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)

CASES = [
    # --- settings and front matter -------------------------------------------------------------
    Case(
        "malformed YAML in settings",
        {SETTINGS: "title: [broken\nprofile: easy-read\n"},
        [(SETTINGS, 2, "yaml-syntax")],
        2,
    ),
    Case(
        "malformed YAML in front matter",
        {PAGE: "---\nkind: notes\ntitle: 'open\n---\nText.\n"},
        [(PAGE, 3, "yaml-syntax")],
    ),
    Case(
        "wrong type",
        {PAGE: "---\nkind: notes\ntitle: [a, list]\n---\nText.\n"},
        [(PAGE, 3, "bad-type")],
    ),
    Case(
        "YAML tag building an object",
        {PAGE: "---\nkind: notes\ntitle: !!python/object/apply:os.system [ls]\n---\n"},
        [(PAGE, 3, "yaml-tag")],
    ),
    Case(
        "YAML tag in settings",
        {
            SETTINGS: "title: !!python/name:os.system\nprofile: easy-read\nversion: '1'\ndate: 2026-01-01\n"
        },
        [(SETTINGS, 1, "yaml-tag")],
        2,
    ),
    Case(
        "custom YAML tag", {PAGE: "---\nkind: !include secret.yml\n---\n"}, [(PAGE, 2, "yaml-tag")]
    ),
    Case(
        "unknown key in settings",
        {SETTINGS: "title: T\nprofile: easy-read\nversion: '1'\ndate: 2026-01-01\ncolour: red\n"},
        [(SETTINGS, 5, "unknown-key")],
        2,
    ),
    Case(
        "unknown key in front matter",
        {PAGE: "---\nkind: notes\nauthor: me\n---\n"},
        [(PAGE, 3, "unknown-key")],
    ),
    Case("unknown page kind", {PAGE: "---\nkind: poster\n---\n"}, [(PAGE, 2, "bad-value")]),
    Case(
        "duplicate key",
        {PAGE: "---\nkind: notes\nkind: content\n---\n"},
        [(PAGE, 3, "yaml-duplicate-key")],
    ),
    Case(
        "YAML alias bomb", {PAGE: "---\n" + BILLION_LAUGHS + "---\n"}, [(PAGE, 2, "yaml-too-large")]
    ),
    Case(
        "YAML nested 10,000 deep",
        {PAGE: "---\nkind: " + "[" * 10_000 + "]" * 10_000 + "\n---\n"},
        [(PAGE, 2, "yaml-too-deep")],
    ),
    Case("empty settings file", {SETTINGS: ""}, [(SETTINGS, 1, "missing-key")] * 4, 2),
    # --- bytes and encodings -------------------------------------------------------------------
    Case("not UTF-8", {PAGE: b"---\nkind: notes\n---\nCaf\xe9\n"}, [(PAGE, 4, "not-utf8")]),
    Case(
        "BOM and CRLF are fine",
        {PAGE: "\ufeff---\r\nkind: notes\r\ntitle: About\r\n---\r\nText.\r\n"},
        [],
        0,
    ),
    Case("empty page file", {PAGE: ""}, [(PAGE, 1, "no-front-matter")]),
    Case(
        "binary page file", {PAGE: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, [(PAGE, 1, "not-text")]
    ),
    Case("a 5 MB page", {PAGE: page("Text. " * 900_000)}, [(PAGE, 1, "file-too-large")]),
    Case(
        "invisible characters",
        {PAGE: page("You have the right to be sa\u200bfe.")},
        [(PAGE, 5, "invisible-characters")],
    ),
    Case(
        "bidi override",
        {PAGE: page("Call \u202e1111 0080\u202c today.")},
        [(PAGE, 5, "invisible-characters")],
    ),
    # --- structure -------------------------------------------------------------------------------
    Case(
        "lists nested 10,000 deep",
        {PAGE: page("- " * 10_000 + "item")},
        [(PAGE, 5, "nesting-too-deep")],
    ),
    Case(
        "quotes nested 10,000 deep",
        {PAGE: page("> " * 10_000 + "text")},
        [(PAGE, 5, "nesting-too-deep")],
    ),
    Case(
        "duplicate page numbers",
        {"content/mini-easy/020-again.md": page("Text.")},
        [("content/mini-easy/020-again.md", 0, "duplicate-page-number")],
    ),
    Case(
        "a publication folder with a bad name",
        {"content/Mini Easy/publication.yml": "title: x\n"},
        [("content/Mini Easy", 0, "bad-slug")],
        2,
    ),
    Case(
        "symlinked page leaving content",
        {},
        [("content/mini-easy/025-link.md", 1, "outside-content")],
        setup=symlink_out("content/mini-easy/025-link.md"),
    ),
    # --- pictures --------------------------------------------------------------------------------
    Case(
        "missing picture",
        {PAGE: page("![A thing](no-such-picture)\nText.")},
        [(PAGE, 5, "missing-picture")],
    ),
    Case(
        "corrupt picture",
        {
            "images/broken.png": b"\x89PNG\r\n\x1a\nnot really",
            PAGE: page("![A thing](broken)\nText."),
        },
        [(PAGE, 5, "picture-unreadable")],
    ),
    Case(
        "decompression bomb",
        {"images/bomb.png": png(60_000, 60_000), PAGE: page("![A thing](bomb)\nText.")},
        [(PAGE, 5, "picture-too-large")],
    ),
    Case(
        "SVG with a script",
        {
            "images/s.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            PAGE: page("![A thing](s)\nText."),
        },
        [(PAGE, 5, "unsafe-picture")],
    ),
    Case(
        "SVG with an event attribute",
        {
            "images/s.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            PAGE: page("![A thing](s)\nText."),
        },
        [(PAGE, 5, "unsafe-picture")],
    ),
    Case(
        "SVG with an external reference",
        {
            "images/s.svg": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><image href="file:///etc/passwd"/></svg>',
            PAGE: page("![A thing](s)\nText."),
        },
        [(PAGE, 5, "unsafe-picture")],
    ),
    Case(
        "SVG with entity expansion",
        {
            "images/s.svg": '<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
            PAGE: page("![A thing](s)\nText."),
        },
        [(PAGE, 5, "unsafe-picture")],
    ),
    Case(
        "file:// picture",
        {PAGE: page("![A thing](file:///etc/passwd)\nText.")},
        [(PAGE, 5, "unsafe-reference")],
    ),
    Case(
        "http:// picture",
        {PAGE: page("![A thing](http://127.0.0.1:9/x.png)\nText.")},
        [(PAGE, 5, "unsafe-reference")],
    ),
    Case(
        "//host/ picture",
        {PAGE: page("![A thing](//evil.example/x.png)\nText.")},
        [(PAGE, 5, "unsafe-reference")],
    ),
    Case(
        "absolute path picture",
        {PAGE: page("![A thing](/etc/passwd)\nText.")},
        [(PAGE, 5, "unsafe-reference")],
    ),
    Case(
        "../ picture",
        {PAGE: page("![A thing](../../../etc/passwd)\nText.")},
        [(PAGE, 5, "unsafe-reference")],
    ),
    Case(
        "symlinked picture leaving the project",
        {PAGE: page("![A thing](leak)\nText.")},
        [(PAGE, 5, "unsafe-reference")],
        setup=symlink_out("images/leak.svg"),
    ),
    # --- links and raw HTML ---------------------------------------------------------------------
    Case(
        "file:// link", {PAGE: page("See [this](file:///etc/passwd).")}, [(PAGE, 5, "unsafe-link")]
    ),
    Case(
        "javascript: link",
        {PAGE: page("See [this](javascript:alert(1)).")},
        [(PAGE, 5, "unsafe-link")],
    ),
    Case(
        "http:// link", {PAGE: page("See [this](http://example.org).")}, [(PAGE, 5, "unsafe-link")]
    ),
    Case("raw script", {PAGE: page("<script>alert(1)</script>")}, [(PAGE, 5, "raw-html")]),
    Case(
        "raw iframe",
        {PAGE: page("<iframe src='https://example.org'></iframe>")},
        [(PAGE, 5, "raw-html")],
    ),
    Case("raw style", {PAGE: page("<style>body{display:none}</style>")}, [(PAGE, 5, "raw-html")]),
    Case(
        "event attribute",
        {PAGE: page('Hi <b onmouseover="alert(1)">there</b>.')},
        [(PAGE, 5, "raw-html")],
    ),
    # --- text that must be shown, not run ---------------------------------------------------------
    Case(
        "template syntax is shown as text",
        {MAG: page("{{ 7 * 7 }} {% for x in y %} {# note #}", "tips")},
        [],
        0,
        ("mini-mag",),
        html_has=("{{ 7 * 7 }} {% for x in y %} {# note #}",),
    ),
    Case(
        "emoji and combining marks are rendered",
        {
            MAG: page("Zoë, José and Ñandú are here. 🙂👍🏽", "tips"),
            "content/mini-mag/090-credits.md": "---\nkind: credits\n---\n",
        },
        [],
        0,
        ("mini-mag",),
        html_has=(
            "Zoë, José and Ñandú are here. ",
            'alt="slightly smiling face">',
            'alt="thumbs up sign">',
        ),
    ),
]


def snapshot(root: Path) -> dict[str, bytes]:
    out = root / "output"
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith("report.")
    }


def run_build(root: Path, *args: str) -> Done:
    """``python build.py --root <root> *args`` in a process of its own, with limits on its
    memory and time (forked from a server that has imported pressroom: ``fresh_process``)."""
    return run_build_py(
        ["--root", str(root), *args],
        env={**os.environ, "CI": "1"},
        limits={resource.RLIMIT_AS: MEMORY_LIMIT, resource.RLIMIT_CPU: TIME_LIMIT},
        timeout=TIME_LIMIT,
    )


def findings_of(stdout: str) -> list[tuple[str, int, str]]:
    found = []
    for line in stdout.splitlines()[:-1]:
        where, _, rest = line.partition(": ")
        path, row, _col = where.rsplit(":", 2)
        rule = rest.split("[", 1)[1].split("]", 1)[0]
        found.append((path, int(row), rule))
    return found


def test_there_are_at_least_40_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(mini_built: Project, case: Case, tmp_path: Path) -> None:
    root = copy_project(mini_built, tmp_path).root
    before = snapshot(root)
    for rel, data in case.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    if case.setup:
        case.setup(root)
    Project(root).record_every_page()  # the panel checked the pages as the case left them
    done = run_build(root, *case.args)
    assert "Traceback" not in done.stderr, done.stderr
    got = [f for f in findings_of(done.stdout) if f[2] != "sign-off"]
    assert {f[2] for f in got} <= set(catalogue()), "every finding id is in the catalogue"
    assert sorted(got) == sorted(case.expect), done.stdout
    assert done.returncode == case.code, done.stdout + done.stderr
    for text in case.html_has:
        assert text in (root / "output/mini-mag/web/index.html").read_text(encoding="utf-8")
    if case.code:
        assert snapshot(root) == before  # the last good output is untouched
    for path in (root / "output").rglob("*"):
        if path.is_file():
            assert b"TOP-SECRET" not in path.read_bytes()
