"""Reading ``content/``: the only module that opens content files.

It turns each ``content/<slug>/`` folder into a :class:`Publication`: settings from
``publication.yml``, pages from ``NNN-name.md`` files in number order (front matter + Markdown
tokens with source lines), the glossary from ``glossary.yml``, and every picture the content
names, resolved to a file. Anything wrong becomes a finding; nothing here raises on bad input.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from . import config, layout, markdown, pagefiles, pictures, record
from .model import (
    Allow,
    Block,
    Finding,
    Link,
    LoadResult,
    Location,
    Page,
    Picture,
    PictureFile,
    Publication,
    Session,
    Severity,
    Term,
    TextLine,
)
from .yamlsrc import parse_yaml

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
SETTINGS_LOOKALIKES = ("publication.yaml", "publication.yml", "publication.yml.txt")
MAX_PAGE_BYTES = 1_000_000
MAX_SETTINGS_BYTES = 200_000


@dataclass
class Sources:
    """Where a project keeps its content and pictures."""

    root: Path
    content: Path = field(init=False)
    images: Path = field(init=False)
    digests: dict[str, str] = field(init=False, default_factory=dict)
    """The SHA-256 of every content file read, by its project-relative path: what the build
    key of a publication is made from, so the key describes exactly the text that was checked."""

    def __post_init__(self) -> None:
        self.content = self.root / "content"
        self.images = self.root / "images"

    def rel(self, path: Path) -> str:
        """A path as editors see it: relative to the project, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def discover(src: Sources) -> list[str]:
    """The names of all publication folders in ``content/`` (hidden folders aside), in order."""
    if not src.content.is_dir():
        return []
    return sorted(
        p.name for p in src.content.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )


def load_all(src: Sources, slugs: list[str]) -> LoadResult:
    """Load the named publications and check their layouts' settings; every problem becomes a
    finding."""
    pubs: list[Publication] = []
    findings: list[Finding] = []
    for slug in slugs:
        pub, problems = load_publication(src, slug)
        findings.extend(problems)
        if pub is not None:
            pubs.append(pub)
    findings.extend(pagefiles.stray_files(src.content, src.rel, discover(src)))
    for profile in sorted({pub.profile for pub in pubs}):  # the layouts are settings too
        findings.extend(layout.check_layout(src.root / "layouts", profile))
    return LoadResult(tuple(pubs), tuple(findings))


def load_publication(src: Sources, slug: str) -> tuple[Publication | None, list[Finding]]:
    """Load one ``content/<slug>/`` folder."""
    folder = src.content / slug
    rel = src.rel(folder)
    findings: list[Finding] = []
    if not SLUG_RE.match(slug):
        findings.append(
            Finding(
                Location(rel),
                Severity.ERROR,
                "bad-slug",
                f"The folder name '{slug}' cannot be used as a publication name.",
                "Use lower-case letters, digits and hyphens, for example 'my-rights'.",
            )
        )
        return None, findings
    if not (folder / "publication.yml").is_file():
        near = sorted(p.name for p in folder.glob("*") if p.name.lower() in SETTINGS_LOOKALIKES)
        findings.append(
            Finding(
                Location(f"{rel}/publication.yml"),
                Severity.ERROR,
                "missing-settings",
                f"The folder {rel}/ has no publication.yml, so it cannot be built.",
                f"Rename '{near[0]}' to 'publication.yml'."
                if near
                else "Copy publication.yml from another publication and change the title.",
            )
        )
        return None, findings
    settings, settings_lines = _load_settings(src, folder, findings)
    if settings is None:
        return None, findings
    profile = settings["profile"]
    pages = _load_pages(src, folder, profile, findings)
    glossary = _load_glossary(src, folder, findings)
    pub = Publication(
        slug=slug,
        root=folder,
        rel=rel,
        config=settings,
        config_lines=settings_lines,
        pages=tuple(pages),
        glossary=tuple(glossary),
    )
    resolved, problems = _resolve_pictures(src, pub)
    findings.extend(problems)
    sessions = _load_record(src, folder, findings)
    pub = Publication(
        **{
            **pub.__dict__,
            "pictures": resolved,
            "sources": _sources_read(src, folder),
            "sessions": sessions,
        }
    )
    pub = Publication(
        **{**pub.__dict__, "fingerprints": record.fingerprints(pub, record.read_picture(pub))}
    )
    findings.extend(record.review_findings(pub))
    return pub, findings


def _load_record(src: Sources, folder: Path, findings: list[Finding]) -> tuple[Session, ...]:
    """The panel sessions of ``co-production.yml`` (none when there is no record yet)."""
    path = folder / record.RECORD_FILE
    if not path.exists():
        return ()
    text, problems = read_text(src, path, MAX_SETTINGS_BYTES)
    findings.extend(problems)
    if text is None:
        return ()
    sessions, problems = record.parse_record(text, src.rel(path))
    findings.extend(problems)
    return sessions


def _sources_read(src: Sources, folder: Path) -> tuple[tuple[str, str], ...]:
    """Every file of the folder as loaded: read files with the digest of the bytes read, the
    others (editor notes, unknown files) by name only."""
    prefix = src.rel(folder) + "/"
    read = {rel: digest for rel, digest in src.digests.items() if rel.startswith(prefix)}
    listed = {src.rel(p): "" for p in folder.rglob("*") if p.is_file()}
    return tuple(sorted({**listed, **read}.items()))


# --- files ------------------------------------------------------------------------------------


def read_text(src: Sources, path: Path, limit: int) -> tuple[str | None, list[Finding]]:
    """Read a UTF-8 text file inside ``content/``; BOM and CRLF are accepted."""
    rel = src.rel(path)
    loc = Location(rel, 1, 1)
    real = path.resolve()
    if not real.is_relative_to(src.content.resolve()):
        return None, [
            Finding(
                loc,
                Severity.ERROR,
                "outside-content",
                f"'{rel}' is a link to a file outside content/; it was not read.",
                "Copy the file into the publication's folder instead of linking to it.",
            )
        ]
    try:
        data = real.read_bytes() if real.stat().st_size <= limit else None
        if data is not None:
            src.digests[rel] = hashlib.sha256(data).hexdigest()
    except OSError as exc:
        return None, [
            Finding(
                loc,
                Severity.ERROR,
                "unreadable-file",
                f"'{rel}' cannot be read: {exc.strerror}.",
                "Check that the file exists and is not open in another program.",
            )
        ]
    if data is None:
        return None, [
            Finding(
                loc,
                Severity.ERROR,
                "file-too-large",
                f"'{rel}' is larger than {limit // 1000} kB, the limit for one file.",
                "Split it into several pages, or remove pasted data.",
            )
        ]
    return _decode(data, loc)


def _decode(data: bytes, loc: Location) -> tuple[str | None, list[Finding]]:
    if b"\x00" in data:
        return None, [
            Finding(
                loc,
                Severity.ERROR,
                "not-text",
                "This file is not plain text (it looks like a binary file).",
                "Save it as plain text (UTF-8) from your editor.",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Finding(
                Location(loc.path, line, col),
                Severity.ERROR,
                "not-utf8",
                "This file is not saved as UTF-8 text.",
                "Save it again choosing the 'UTF-8' encoding.",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


# --- publication.yml ------------------------------------------------------------------------


def _load_settings(
    src: Sources, folder: Path, findings: list[Finding]
) -> tuple[dict[str, Any] | None, dict[str, int]]:
    path = folder / "publication.yml"
    rel = src.rel(path)
    text, problems = read_text(src, path, MAX_SETTINGS_BYTES)
    findings.extend(problems)
    if text is None:
        return None, {}
    doc = parse_yaml(text, rel)
    findings.extend(doc.findings)
    if not doc.ok:
        return None, doc.lines

    def where(key: str) -> Location:
        return Location(rel, doc.lines.get(key, 1), 1)

    settings, problems = config.validate(
        doc.data, config.PUBLICATION, where, "publication.yml", raw=doc.raw
    )
    findings.extend(problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return None, doc.lines
    return settings, doc.lines


# --- pages ----------------------------------------------------------------------------------


def _load_pages(src: Sources, folder: Path, profile: str, findings: list[Finding]) -> list[Page]:
    files, problems = pagefiles.scan(folder, src.rel)
    findings.extend(problems)
    pages: list[Page] = []
    for file in files:
        page = _load_page(src, file.path, file.number, file.name, profile, findings)
        if page is not None:
            pages.append(page)
    if not pages and not any(f.rule == "ignored-file" for f in problems):
        findings.append(
            Finding(
                Location(src.rel(folder / "publication.yml"), 1, 1),
                Severity.ERROR,
                "no-pages",
                "This publication has no pages.",
                "Add page files such as '010-cover.md' next to publication.yml.",
            )
        )
    return pages


FRONT_RE = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)(?:\n)?^---[ \t]*$\n?", re.DOTALL | re.MULTILINE)


def _load_page(
    src: Sources, path: Path, number: int, name: str, profile: str, findings: list[Finding]
) -> Page | None:
    rel = src.rel(path)
    text, problems = read_text(src, path, MAX_PAGE_BYTES)
    findings.extend(problems)
    if text is None:
        return None
    match = FRONT_RE.match(text)
    if not match:
        findings.append(
            Finding(
                Location(rel, 1, 1),
                Severity.ERROR,
                "no-front-matter",
                "This page does not start with front matter.",
                "Start the file with '---', then 'kind: content' and 'title: …', then '---'.",
            )
        )
        return None
    doc = parse_yaml(match["yaml"], rel, first_line=2)
    findings.extend(doc.findings)
    if not doc.ok:
        return None

    def where(key: str) -> Location:
        return Location(rel, doc.lines.get(key, 1), 1)

    meta, problems = config.validate(
        doc.data, config.PAGE, where, "the page front matter", raw=doc.raw
    )
    findings.extend(problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return None
    body = text[match.end() :]
    body_line = text[: match.end()].count("\n") + 1
    tokens = markdown.parse(body, profile)
    findings.extend(_too_deep(tokens, body_line, rel))
    blocks, links = extract_blocks(tokens, body, body_line, rel)
    title = _title_block(meta["title"], doc.lines.get("title", 0), text, rel)
    if title is not None:
        blocks.insert(0, title)
    allows = extract_allows(body, body_line, rel)
    return Page(
        path=path,
        rel=rel,
        number=number,
        name=name,
        kind=meta["kind"],
        title=meta["title"],
        meta=meta,
        body=body,
        body_line=body_line,
        blocks=tuple(blocks),
        links=tuple(links),
        tokens=tuple(tokens),
        allows=tuple(allows),
    )


def _too_deep(tokens: list[Token], body_line: int, rel: str) -> list[Finding]:
    """Lists or quotes nested deeper than the parser follows lose their text: say so."""
    limit = markdown.MAX_NESTING - 1
    for token in tokens:
        if token.level >= limit and token.map:
            return [
                Finding(
                    Location(rel, body_line + token.map[0], 1),
                    Severity.ERROR,
                    "nesting-too-deep",
                    f"Lists or quotes here are nested more than {limit} deep; "
                    "the text inside them cannot be shown.",
                    "Use at most two or three levels of lists or quotes.",
                )
            ]
    return []


def _title_block(title: str, line: int, text: str, rel: str) -> Block | None:
    """The page title (from front matter) as a heading block, so the checks read it too."""
    if not title or not line:
        return None
    source = text.split("\n")[line - 1]
    col = source.find(title) + 1 if title in source else 1
    return Block("heading", Location(rel, line, col), (TextLine(title, line, col),), level=2)


# --- blocks for the checks ------------------------------------------------------------------

CONTAINERS = {
    "bullet_list_open": "list-item",
    "ordered_list_open": "list-item",
    "blockquote_open": "quote",
}


def extract_blocks(
    tokens: list[Token], body: str, body_line: int, rel: str
) -> tuple[list[Block], list[Link]]:
    """Blocks with file positions, and every link target, from a page's tokens.

    Allow markers are not blocks; :func:`extract_allows` collects them.
    """
    source_lines = body.split("\n")
    blocks: list[Block] = []
    links: list[Link] = []
    context: list[str] = []
    for i, token in enumerate(tokens):
        if token.type in CONTAINERS:
            context.append(CONTAINERS[token.type])
        elif token.type.endswith("_close") and token.type.replace("_close", "_open") in CONTAINERS:
            context.pop()
        elif token.type in ("paragraph_open", "row_open", "heading_open") and token.map:
            inline = tokens[i + 1]
            kind = _block_kind(token, context)
            found_blocks, found = _text_block(kind, token, inline, source_lines, body_line, rel)
            blocks.extend(found_blocks)
            links.extend(found)
        elif token.type == "html_block" and markdown.ALLOW_RE.match(token.content.strip()):
            continue
        elif token.type in ("html_block", "activity") and token.map:
            line = body_line + token.map[0]
            text = (TextLine(token.content.strip(), line, 1),)
            blocks.append(Block(token.type.replace("_block", ""), Location(rel, line, 1), text))
    return blocks, links


def _block_kind(token: Token, context: list[str]) -> str:
    if token.type == "heading_open":
        return "heading"
    if token.type == "row_open":
        return "row"
    return context[-1] if context else "paragraph"


def _text_block(
    kind: str, token: Token, inline: Token, source: list[str], body_line: int, rel: str
) -> tuple[list[Block], list[Link]]:
    assert token.map is not None
    first = token.map[0]
    lines: list[TextLine] = []
    for offset, content_line in enumerate(inline.content.split("\n")):
        src_index = first + offset
        src_line = source[src_index] if src_index < len(source) else ""
        col = src_line.find(content_line.strip()) if content_line.strip() else 0
        lines.append(TextLine(content_line.strip(), body_line + src_index, max(col, 0) + 1))
    raw_lines = list(lines)
    start = Location(rel, body_line + first, lines[0].col if lines else 1)
    if kind == "row":
        lines = _without_leading_picture(lines)
    pics: list[Picture] = []
    links: list[Link] = []
    picture = (token.meta or {}).get("picture")
    images = ([picture] if picture is not None else []) + [
        c for c in (inline.children or []) if c.type == "image"
    ]
    for image in images:
        ref = str(image.attrGet("src") or "")
        alt = "".join(c.content for c in (image.children or []) if c.type == "text")
        pics.append(Picture(ref, alt, _find_picture(raw_lines, ref, start)))
    extra: list[Block] = []
    for child in inline.children or []:
        if child.type == "html_inline" and not markdown.ALLOW_RE.match(child.content.strip()):
            loc = _find(raw_lines, child.content, start)
            origin = next((t for t in raw_lines if t.line == loc.line), None)
            text = origin.text[loc.col - origin.col :] if origin else child.content
            extra.append(Block("html", loc, (TextLine(text, loc.line, loc.col),)))
        if child.type == "link_open":
            target = str(child.attrGet("href") or "")
            links.append(Link(target, _find_link(raw_lines, target, start)))
    level = int(token.tag[1]) if kind == "heading" else 0
    return [Block(kind, start, tuple(lines), tuple(pics), level), *extra], links


LEADING_PICTURE_RE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*")


def _without_leading_picture(lines: list[TextLine]) -> list[TextLine]:
    """A row's text lines without the picture markup that starts it."""
    if not lines:
        return lines
    match = LEADING_PICTURE_RE.match(lines[0].text)
    if not match:
        return lines
    rest = lines[0].text[match.end() :]
    if not rest:
        return lines[1:]
    first = TextLine(rest, lines[0].line, lines[0].col + match.end())
    return [first, *lines[1:]]


def _find_picture(lines: list[TextLine], ref: str, default: Location) -> Location:
    """Where the ``![alt](ref)`` markup of a picture starts."""
    return _find_markup(lines, ref, "![", default.path) or default


def _find_link(lines: list[TextLine], target: str, default: Location) -> Location:
    """Where the ``[text](target)`` markup of a link starts."""
    return _find_markup(lines, target, "[", default.path) or _find(lines, target, default)


def _find_markup(lines: list[TextLine], target: str, opener: str, path: str) -> Location | None:
    """The start of the first ``opener…](target)`` on the lines, or None."""
    for line in lines:
        index = line.text.find(f"]({target}")
        if index < 0:
            index = line.text.find(f"](<{target}")
        if index >= 0:
            start = line.text.rfind(opener, 0, index)
            return Location(path, line.line, line.col + max(start, 0))
    return None


def _find(lines: list[TextLine], needle: str, default: Location) -> Location:
    """The position of ``needle`` in the block's source lines (its first occurrence)."""
    for line in lines:
        index = line.text.find(needle) if needle else -1
        if index >= 0:
            return Location(default.path, line.line, line.col + index)
    return default


MARKER_RE = re.compile(r"<!--\s*allow\b.*?-->")


def extract_allows(body: str, body_line: int, rel: str) -> list[Allow]:
    """``<!-- allow rule-id: reason -->`` markers: alone on a line they cover the next line,
    after text they cover their own line."""
    allows: list[Allow] = []
    lines = body.split("\n")
    for index, line in enumerate(lines):
        for match in MARKER_RE.finditer(line):
            parsed = markdown.ALLOW_RE.match(match.group(0))
            if parsed is None:
                continue
            alone = not line[: match.start()].strip() and not line[match.end() :].strip()
            target = index + 1 if alone else index
            while alone and target < len(lines) - 1 and _not_text(lines[target]):
                target += 1
            allows.append(
                Allow(
                    rule=parsed["rule"],
                    reason=parsed["reason"].strip(),
                    location=Location(rel, body_line + index, match.start() + 1),
                    target_line=body_line + target,
                )
            )
    return allows


def _not_text(line: str) -> bool:
    """A blank line, or a line holding only a picture: an allow marker looks past it."""
    return not line.strip() or bool(re.fullmatch(r"\s*!\[[^\]]*\]\([^)]*\)\s*", line))


# --- glossary -------------------------------------------------------------------------------


def _load_glossary(src: Sources, folder: Path, findings: list[Finding]) -> list[Term]:
    path = folder / "glossary.yml"
    if not path.exists():
        return []
    rel = src.rel(path)
    text, problems = read_text(src, path, MAX_SETTINGS_BYTES)
    findings.extend(problems)
    if text is None:
        return []
    doc = parse_yaml(text, rel)
    findings.extend(doc.findings)
    if not doc.ok or doc.data is None:
        return []
    if not isinstance(doc.data, list):
        findings.append(
            Finding(
                Location(rel, 1, 1),
                Severity.ERROR,
                "bad-type",
                "glossary.yml should be a list of words, each starting with '- word:'.",
                "Write each entry as '- word: …' with 'meaning: …' under it.",
            )
        )
        return []
    terms: list[Term] = []
    for index, entry in enumerate(doc.data):
        key = str(index)

        def where(sub: str, key: str = key) -> Location:
            return Location(rel, doc.lines.get(sub, doc.lines.get(key, 1)), 1)

        data, problems = config.validate(
            entry, config.TERM, where, "a glossary entry", key, doc.raw
        )
        findings.extend(problems)
        if any(p.severity is Severity.ERROR for p in problems):
            continue
        terms.append(
            Term(
                word=data["word"],
                meaning=data["meaning"],
                location=where(f"{key}.word"),
                picture=data["picture"],
                forms=tuple(data["forms"]),
            )
        )
    return terms


# --- pictures ------------------------------------------------------------------------------


def _resolve_pictures(
    src: Sources, pub: Publication
) -> tuple[dict[str, PictureFile], list[Finding]]:
    wanted: list[tuple[str, Location]] = []
    for page in pub.pages:
        for block in page.blocks:
            wanted.extend((pic.ref, pic.location) for pic in block.pictures)
        if page.meta.get("picture"):
            wanted.append((page.meta["picture"], page.location))
    for term in pub.glossary:
        if term.picture:
            wanted.append((term.picture, term.location))
    emoji: list[str] = []
    for page in pub.pages:
        emoji.extend(pictures.emoji_ref(m.group(0)) for m in pictures.EMOJI_RE.finditer(page.body))
    resolved: dict[str, PictureFile] = {}
    for ref in dict.fromkeys(emoji):
        found = pictures.resolve(ref, src.images)
        if isinstance(found, PictureFile):  # an emoji OpenMoji lacks stays as text
            resolved[ref] = found
    results: dict[str, PictureFile | pictures.PictureProblem] = {}
    findings: list[Finding] = []
    for ref, loc in wanted:
        if ref not in results:
            results[ref] = pictures.resolve(ref, src.images)
        result = results[ref]
        if isinstance(result, PictureFile):
            resolved[ref] = result
        else:
            findings.append(Finding(loc, Severity.ERROR, result.rule, result.message, result.fix))
    return resolved, findings
