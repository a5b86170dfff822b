"""Which files in a publication folder are its pages, and what to do about the files that are not.

A page is ``NNN-words.md``: a number that sets its place, a hyphen, lower-case words joined by
hyphens, ``.md``. ``publication.yml`` and ``glossary.yml`` are the settings, and
``co-production.yml`` is the readers' panel record. Names that start with ``_`` are editors'
notes and names that start with ``.`` belong to other programs; both are left alone, and so are
files that look like neither a page nor settings (a signed consent form, the panel's notes as a
PDF) and editors' backup files (``name~``, ``name.bak``).

Everything else that looks like a page or a settings file would be skipped without a word, so
it gets one ``ignored-file`` error whose fix names the file name it should have
(``100 My notes.md`` → ``100-my-notes.md``). A page whose number has a different count of digits
from the other pages' (``12-x.md`` among ``010-…``) is read, in number order, with a
``page-number-width`` warning: file lists would show it somewhere else.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model import Finding, Location, Severity

PAGE_NAME_RE = re.compile(r"^(?P<number>\d{1,4})-(?P<name>[a-z0-9][a-z0-9-]*)\.md$")
SETTINGS_FILES = ("publication.yml", "glossary.yml", "co-production.yml")
TEXT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".txt", ".text")
SETTINGS_SUFFIXES = (".yml", ".yaml")
BACKUP_ENDINGS = ("~", ".bak", ".orig", ".tmp", ".swp")
NUMBERED_RE = re.compile(r"^(?P<number>\d+)[\s_.-]*(?P<words>.*)$")
EXAMPLE = "030-what-is-seclusion.md"
MAX_LOOK_INSIDE = 200  # entries looked at in a sub-folder


@dataclass(frozen=True)
class PageFile:
    """A file that is read as a page: its number, the words of its name and its path."""

    number: int
    name: str
    path: Path
    digits: int


def scan(folder: Path, rel: Callable[[Path], str]) -> tuple[list[PageFile], list[Finding]]:
    """The page files of ``folder`` in number order, and findings about every other file that
    looks like a page or settings but would not be read."""
    entries = sorted(folder.iterdir(), key=lambda p: p.name)

    def where(path: Path) -> str:  # printable even when a name is not UTF-8
        return _printable(rel(path))

    pages: list[PageFile] = []
    findings: list[Finding] = []
    by_number: dict[int, str] = {}
    for path in entries:
        match = PAGE_NAME_RE.match(path.name)
        if match is None:
            continue  # (a folder or broken link with a page's name is read, and reported)
        number = int(match["number"])
        if number in by_number:
            findings.append(
                Finding(
                    Location(where(path)),
                    Severity.ERROR,
                    "duplicate-page-number",
                    f"Page number {number} is used twice: {by_number[number]} and {path.name}.",
                    "Give each page file its own number.",
                )
            )
            continue
        by_number[number] = path.name
        pages.append(PageFile(number, match["name"], path, len(match["number"])))
    widths = Counter(page.digits for page in pages)
    width = widths.most_common(1)[0][0] if widths else 3
    taken = set(by_number)
    for path in entries:
        if _left_alone(path.name) or PAGE_NAME_RE.match(path.name):
            continue
        if path.is_dir():
            findings.extend(_folder_finding(path, where, folder.name))
        elif path.suffix.lower() in SETTINGS_SUFFIXES:
            findings.append(_settings_finding(path, where, folder))
        elif _looks_like_a_page(path.name):
            findings.append(_page_finding(path, where, width, taken))
    findings.extend(_width_warnings(pages, width, where))
    pages.sort(key=lambda p: (p.number, p.path.name))
    return pages, findings


def stray_files(content: Path, rel: Callable[[Path], str], slugs: list[str]) -> list[Finding]:
    """Pages and settings files put straight into ``content/``, outside any publication."""
    findings = []
    for path in sorted(content.iterdir(), key=lambda p: p.name) if content.is_dir() else []:
        name = path.name
        if path.is_dir() or (_left_alone(name) and name not in SETTINGS_FILES):
            continue
        if not (_looks_like_a_page(name) or path.suffix.lower() in SETTINGS_SUFFIXES):
            continue
        home = f"content/{slugs[0]}/" if slugs else "content/<name>/"
        findings.append(
            Finding(
                Location(_printable(rel(path)), 1, 1),
                Severity.ERROR,
                "ignored-file",
                f"'{_printable(name)}' is not read: it is in content/ itself, and pages and "
                "settings belong in a publication's folder.",
                f"Move it into a publication's folder, such as {home}.",
            )
        )
    return findings


def _printable(text: str) -> str:
    """A file name as text that can be printed, even if it is not valid UTF-8."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _left_alone(name: str) -> bool:
    """Editors' notes, other programs' files, backups and the two settings files."""
    return (
        name.startswith((".", "_", "#", "~$"))
        or name.endswith(BACKUP_ENDINGS)
        or name in SETTINGS_FILES
    )


def _looks_like_a_page(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES) or name[:1].isdigit()


def suggested_name(name: str, width: int, taken: set[int]) -> str:
    """The page file name ``name`` should have; its number is added to ``taken``."""
    stem = name
    while stem.lower().endswith(TEXT_SUFFIXES):
        stem = stem[: stem.rfind(".")]
    if not name.lower().endswith(TEXT_SUFFIXES) and "." in stem:
        stem = stem[: stem.rfind(".")]  # 030-page.docx: the words are '030-page'
    match = NUMBERED_RE.match(stem)
    number = int(match["number"]) if match else None
    words = _words(match["words"] if match else stem)
    if number is None:
        number = (max(taken) // 10 + 1) * 10 if taken else 10
    while number in taken:
        number += 1
    taken.add(number)
    return f"{number:0{width}d}-{words}.md"


def _words(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'My Notes (draft)' → 'my-notes-draft'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "page"


def _page_finding(path: Path, rel: Callable[[Path], str], width: int, taken: set[int]) -> Finding:
    name = _printable(path.name)
    better = suggested_name(name, width, taken)
    suffix = path.suffix
    if suffix.lower() == ".md" and suffix != ".md":
        why = "a page file's name must end in '.md', in small letters"
    elif name.lower().endswith(TEXT_SUFFIXES) and suffix.lower() != ".md":
        why = "pages are Markdown files whose names end in '.md'"
    elif not name.lower().endswith(TEXT_SUFFIXES):
        why = "pages are plain text (Markdown) files whose names end in '.md'"
    elif not name[:1].isdigit():
        why = "a page file's name starts with the number that sets its place, like '030-'"
    else:
        why = "a page file's name is a number, a hyphen, then small-letter words with hyphens"
    how = "Save it as plain text named" if not name.lower().endswith(TEXT_SUFFIXES) else "Rename it"
    return Finding(
        Location(rel(path), 1, 1),
        Severity.ERROR,
        "ignored-file",
        f"'{name}' is not read, so it is not printed: {why} (like '{EXAMPLE}').",
        f"{how} '{better}' to make it a page, or '_{name}' if it is a note for editors "
        "(never printed).",
    )


def _settings_finding(path: Path, rel: Callable[[Path], str], folder: Path) -> Finding:
    name = _printable(path.name)
    stem = path.stem.lower()
    stems = {s.split(".")[0]: s for s in SETTINGS_FILES}
    close = difflib.get_close_matches(stem, list(stems), n=1, cutoff=0.75)
    meant = stems[close[0]] if close else None
    if meant is not None and (folder / meant).exists():
        why = f"only '{meant}' is read, and it is there too"
        fix = f"Move what you need from '{name}' into '{meant}', then delete '{name}'."
    elif meant is not None:
        why = f"the settings file must be called '{meant}'"
        fix = f"Rename it '{meant}'."
    else:
        why = f"the only settings files are {', '.join(SETTINGS_FILES)}"
        fix = f"Move its settings into one of them, or rename it '_{name}' if it is a note."
    return Finding(
        Location(rel(path), 1, 1),
        Severity.ERROR,
        "ignored-file",
        f"'{name}' is not read: {why}.",
        fix,
    )


def _folder_finding(path: Path, rel: Callable[[Path], str], slug: str) -> list[Finding]:
    """A folder holding pages is not read: pages live in the publication folder itself."""
    inside = []
    try:
        for count, entry in enumerate(path.iterdir()):
            if count >= MAX_LOOK_INSIDE:
                break
            if entry.is_file() and not _left_alone(entry.name) and _looks_like_a_page(entry.name):
                inside.append(entry.name)
    except OSError:
        return []
    if not inside:
        return []
    example = sorted(inside)[0]
    return [
        Finding(
            Location(rel(path / example), 1, 1),
            Severity.ERROR,
            "ignored-file",
            f"The folder '{path.name}/' is not read, so '{example}' "
            f"{'and the files next to it are' if len(inside) > 1 else 'is'} not printed: "
            "pages live in the publication's own folder.",
            f"Move the pages into content/{slug}/, or rename the folder '_{path.name}' "
            "if it holds notes for editors.",
        )
    ]


def _width_warnings(pages: list[PageFile], width: int, rel: Callable[[Path], str]) -> list[Finding]:
    findings = []
    for page in pages:
        if page.digits == width:
            continue
        if len(str(page.number)) <= width:
            fix = f"Rename it '{page.number:0{width}d}-{page.name}.md'."
        else:
            fix = f"Give every page number {page.digits} digits, or this page a smaller number."
        findings.append(
            Finding(
                Location(rel(page.path), 1, 1),
                Severity.WARNING,
                "page-number-width",
                f"The number in '{page.path.name}' has {page.digits} digits and most pages' "
                f"numbers have {width}, so a list of files shows it in another place than it is "
                f"printed (pages are printed in number order: this is number {page.number}).",
                fix,
            )
        )
    return findings
