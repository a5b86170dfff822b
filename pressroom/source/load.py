"""Reading ``content/``: the only module that opens content files.

It turns each ``content/<slug>/`` folder into a :class:`Publication`: settings from
``publication.yml``, pages from ``NNN-name.md`` files in number order (front matter + Markdown
tokens with source lines), the glossary from ``glossary.yml``, and every picture the content
names, resolved to a file. Anything wrong becomes a finding; nothing here raises on bad input.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from ..model import (
    Block,
    Finding,
    LoadResult,
    Location,
    Page,
    PanelSession,
    PictureFile,
    Publication,
    Severity,
    Term,
    plain_span,
)
from ..render import layout
from . import config, markdown, pagefiles, picture_names, pictures, profiles, record
from .blocks import extract_allows, extract_blocks
from .sources import MAX_PAGE_BYTES, MAX_SETTINGS_BYTES, read_text
from .sources import Sources as Sources  # load.Sources: where a project keeps its sources
from .yamlsrc import parse_yaml

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
SETTINGS_LOOKALIKES = ("publication.yaml", "publication.yml", "publication.yml.txt")


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
    findings.extend(pagefiles.stray_files(src.content, src.display_path, discover(src)))
    for profile in sorted({pub.profile for pub in pubs}):  # the layouts are settings too
        findings.extend(layout.check_layout(src.root / "layouts", profile))
    return LoadResult(tuple(pubs), tuple(findings))


def load_publication(src: Sources, slug: str) -> tuple[Publication | None, list[Finding]]:
    """Load one ``content/<slug>/`` folder."""
    folder = src.content / slug
    rel = src.display_path(folder)
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
    audience = profiles.profile_for(src, settings["profile"], findings) if settings else None
    if settings is None or audience is None:
        return None, findings
    settings["print"]["binding"] = settings["print"]["binding"] or audience.binding
    pages = _load_pages(src, folder, audience.line_breaks, findings)
    glossary = _load_glossary(src, folder, findings)
    pub = Publication(
        slug=slug,
        root=folder,
        display_path=rel,
        config=settings,
        config_lines=settings_lines,
        settings=config.typed_settings(settings),
        pages=tuple(pages),
        audience=audience,
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


def _load_record(src: Sources, folder: Path, findings: list[Finding]) -> tuple[PanelSession, ...]:
    """The panel sessions of ``co-production.yml`` (none when there is no record yet)."""
    path = folder / record.RECORD_FILE
    if not path.exists():
        return ()
    text, problems = read_text(src, path, MAX_SETTINGS_BYTES)
    findings.extend(problems)
    if text is None:
        return ()
    sessions, problems = record.parse_record(text, src.display_path(path))
    findings.extend(problems)
    return sessions


def _sources_read(src: Sources, folder: Path) -> tuple[tuple[str, str], ...]:
    """Every file of the folder as loaded: read files with the digest of the bytes read, the
    others (editor notes, unknown files) by name only."""
    prefix = src.display_path(folder) + "/"
    read = {rel: digest for rel, digest in src.digests.items() if rel.startswith(prefix)}
    listed = {src.display_path(p): "" for p in folder.rglob("*") if p.is_file()}
    return tuple(sorted({**listed, **read}.items()))


# --- publication.yml ------------------------------------------------------------------------


def _load_settings(
    src: Sources, folder: Path, findings: list[Finding]
) -> tuple[dict[str, Any] | None, dict[str, int]]:
    path = folder / "publication.yml"
    rel = src.display_path(path)
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

    schema = config.publication_schema(profiles.profile_names(src.root))
    settings, problems = config.validate(doc.data, schema, where, "publication.yml", raw=doc.raw)
    findings.extend(problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return None, doc.lines
    return settings, doc.lines


# --- pages ----------------------------------------------------------------------------------


def _load_pages(src: Sources, folder: Path, breaks: bool, findings: list[Finding]) -> list[Page]:
    files, problems = pagefiles.scan(folder, src.display_path)
    findings.extend(problems)
    pages: list[Page] = []
    for file in files:
        page = _load_page(src, file.path, file.number, file.name, breaks, findings)
        if page is not None:
            pages.append(page)
    if not pages and not any(f.rule == "ignored-file" for f in problems):
        findings.append(
            Finding(
                Location(src.display_path(folder / "publication.yml"), 1, 1),
                Severity.ERROR,
                "no-pages",
                "This publication has no pages.",
                "Add page files such as '010-cover.md' next to publication.yml.",
            )
        )
    return pages


FRONT_RE = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)(?:\n)?^---[ \t]*$\n?", re.DOTALL | re.MULTILINE)


def _load_page(
    src: Sources, path: Path, number: int, name: str, line_breaks: bool, findings: list[Finding]
) -> Page | None:
    rel = src.display_path(path)
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
        doc.data, config.page_schema(), where, "the page front matter", raw=doc.raw
    )
    findings.extend(problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return None
    body = text[match.end() :]
    body_line = text[: match.end()].count("\n") + 1
    tokens = markdown.parse(body, line_breaks, body_line)
    findings.extend(_too_deep(tokens, body_line, rel))
    findings.extend(picture_names.unshown_pictures(tokens, body, body_line, rel))
    blocks, links = extract_blocks(tokens, body_line, rel)
    title = _title_block(meta["title"], doc.lines.get("title", 0), text, rel)
    if title is not None:
        blocks.insert(0, title)
    allows = extract_allows(body, body_line, rel, blocks)
    return Page(
        path=path,
        display_path=rel,
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
    return Block("heading", Location(rel, line, col), (plain_span(title, line, col),), level=2)


# --- glossary -------------------------------------------------------------------------------


def _load_glossary(src: Sources, folder: Path, findings: list[Finding]) -> list[Term]:
    path = folder / "glossary.yml"
    if not path.exists():
        return []
    rel = src.display_path(path)
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
                picture_alt=data["picture_alt"],
                say=data["say"],
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
            if result.source == "project" and not result.credit:
                findings.append(pictures.uncredited(result, loc))
        else:
            findings.append(Finding(loc, Severity.ERROR, result.rule, result.message, result.fix))
    return resolved, findings
