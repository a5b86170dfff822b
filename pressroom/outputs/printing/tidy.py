"""Tidying every PDF the build writes: subset font names from their glyphs, no unused resources,
and a header version that covers the features the file uses.

WeasyPrint names each font subset ``XXXXXX+Family`` with a tag it makes from the font's
position in the document, not from the subset's glyphs (``pdf/fonts.py`` in 70.0), so every PDF
gets the same ``NZDDWO+…`` tags for different glyph sets, and a PDF made from two of them (the
office booklet) holds two different fonts under one name. RIPs that cache fonts by name can then
print the wrong glyphs. Here the tag is derived from a hash of the embedded font program, so a
name means one set of glyphs in every file.
"""

from __future__ import annotations

import hashlib
import io
import re

import pikepdf

SUBSET_RE = re.compile(r"^[A-Z]{6}\+")
TRANSPARENCY_KEYS = ("/SMask", "/CA", "/ca", "/BM")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def tidy_pdf(data: bytes) -> bytes:
    """``data`` with glyph-derived subset tags, no unused resources and a truthful header."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tidy(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, min_version=needed_version(pdf))
        return out.getvalue()


def tidy_files(files: dict[str, bytes]) -> None:
    """Tidy every PDF among a part's files, in place."""
    for name, data in files.items():
        if name.endswith(".pdf"):
            files[name] = tidy_pdf(data)


def tidy(pdf: pikepdf.Pdf) -> None:
    """Rename font subsets and drop unused resources, in place."""
    pdf.remove_unreferenced_resources()
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
            _retag(obj)


def subset_tag(font_program: bytes) -> str:
    """Six capital letters from a hash of a subset's font program (its glyphs)."""
    digest = hashlib.sha256(font_program).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _retag(font: pikepdf.Dictionary) -> None:
    name = str(font.get("/BaseFont", ""))[1:]
    if not SUBSET_RE.match(name):
        return
    target = font["/DescendantFonts"][0] if font.get("/Subtype") == "/Type0" else font
    descriptor = target.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return
    program = next((descriptor[k] for k in FONT_FILES if k in descriptor), None)
    if not isinstance(program, pikepdf.Stream):
        return
    renamed = pikepdf.Name("/" + subset_tag(program.read_bytes()) + name[6:])
    font["/BaseFont"] = renamed
    target["/BaseFont"] = renamed
    descriptor["/FontName"] = renamed


def needed_version(pdf: pikepdf.Pdf) -> str:
    """The lowest PDF version for what the file holds: 1.4 once it has transparency (groups,
    soft masks, alpha or blend modes); never lower than the version it already says."""
    version = pdf.pdf_version
    if version >= "1.4":
        return version
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            return "1.4"
        if any(k in obj for k in TRANSPARENCY_KEYS):
            return "1.4"
    return version
