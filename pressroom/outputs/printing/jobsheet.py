"""The job sheet: what the print shop needs to know, as JSON and as a one-page PDF.

It records whether the job is a draft or signed off for press, the title, version, date, every
file with its SHA-256, finished size and extent (cover and text sections with their paper), trim,
bleed, binding, colour (the FOGRA condition or the shop's own profile) and black overprint, paper
advice, finishing (which leaves to perforate, where and how long), quantity, proofs, who to
contact, every page with its kind, and whether the readers' panel checked every page as it is
now.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from ...model import Publication
from ...render.panel import panel_summary
from .colour import Profile
from .finishing import PERFORATION_MM
from .plan import Span, conjugates

PERFORATED_PAPER = "at least 135 gsm so that perforated pages tear cleanly"
BLACK_OVERPRINT = (
    "Overprint black at the RIP: 100 % K text and rules are not set to overprint in the PDF"
)
GSM_RE = re.compile(r"(\d+(?:\s*[-–]\s*\d+)?)\s*gsm\b(?:\s+(cover|inside|text))?", re.IGNORECASE)


def job_data(
    pub: Publication,
    spans: Sequence[Span],
    page_count: int,
    profile: Profile,
    leaves: Sequence[tuple[int, int]],
    files: Sequence[tuple[str, str, bytes]],
) -> dict[str, Any]:
    """The job sheet as a dictionary (it is written as ``<slug>-job.json``); ``files`` are the
    files to list, each with its purpose (the output registry's)."""
    c = pub.settings
    geometry = c.geometry
    (width, height), bleed = geometry.trim_mm, geometry.bleed_mm
    media_width, media_height = geometry.media_mm(with_bleed=True)
    for_press = c.co_production.status == "signed-off" and panel_summary(pub)["every_page"]
    parts = sections(c.print.paper, page_count)
    return {
        "status": "signed-off" if for_press else "draft",
        "for_press": for_press,
        "title": c.title,
        "slug": pub.slug,
        "version": c.version,
        "date": c.date.isoformat(),
        "files": [_file_entry(*file) for file in sorted(files)],
        "trim": {"size": c.page_size, "width_mm": width, "height_mm": height},
        "bleed_mm": bleed,
        "media_mm": {"width": media_width, "height": media_height},
        "crop_marks": c.print.crop_marks,
        "safe_zone_mm": {"from_trim": 10, "from_spine": 12},
        "finished_size": f"{c.page_size} portrait, {width:g} x {height:g} mm",
        "extent": extent(parts),
        "sections": parts,
        "page_count": page_count,
        "page_count_multiple_of_4": page_count % 4 == 0,
        "pages_added": sum(1 for s in spans if s.index < 0),
        "binding": c.print.binding,
        "colour": {
            "mode": "CMYK",
            "standard": "PDF/X-4",
            "output_condition": profile.condition,
            "registry": "http://www.color.org",
            "profile": profile.description,
            "black_overprint": BLACK_OVERPRINT,
        },
        "paper": {
            "advice": _paper(c.print.paper, bool(leaves)),
            "perforated": bool(leaves),
        },
        "finishing": {
            "perforated_leaves": [list(leaf) for leaf in leaves],
            "conjugate_leaves": conjugates(list(leaves), page_count),
            "position": f"{PERFORATION_MM:g} mm from the spine, full height of the leaf",
            "length_mm": height,
            "guide": f"{pub.slug}-finishing.pdf",
        },
        "quantity": c.print.quantity,
        "proofs": c.print.proofs,
        "contact": {k: v for k, v in asdict(c.contact).items() if v},
        "pages": _pages(spans),
        "readers_panel": _panel(pub),
    }


def _panel(pub: Publication) -> dict[str, Any]:
    """Whether the readers' panel checked every page as it is now (``co-production.yml``)."""
    panel = panel_summary(pub)
    return {
        "every_page_checked": panel["every_page"],
        "pages_checked": panel["checked"],
        "pages": panel["total"],
        "not_checked": panel["not_checked"],
        "sessions": panel["sessions"],
    }


def sections(paper: str, page_count: int) -> list[dict[str, Any]]:
    """Cover and text sections from the paper advice: a cover weight ("170 gsm cover") makes a
    4-page cover on its own stock; otherwise the booklet is self-cover."""
    weights = {
        (m[2] or "text").lower().replace("inside", "text"): m[1] for m in GSM_RE.finditer(paper)
    }
    if "cover" in weights and page_count > 4:
        return [
            {"part": "cover", "pages": 4, "gsm": weights["cover"]},
            {"part": "text", "pages": page_count - 4, "gsm": weights.get("text", "")},
        ]
    weight = weights.get("text") or weights.get("cover", "")
    return [{"part": "self-cover", "pages": page_count, "gsm": weight}]


def extent(parts: Sequence[Mapping[str, Any]]) -> str:
    """The sections in words: '4 pp cover on 170 gsm + 20 pp text on 120 gsm'."""
    return " + ".join(
        f"{p['pages']} pp {p['part']}" + (f" on {p['gsm']} gsm" if p["gsm"] else "") for p in parts
    )


def job_json(job: Mapping[str, Any]) -> bytes:
    """The job sheet as JSON bytes."""
    return (json.dumps(job, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _file_entry(name: str, purpose: str, data: bytes) -> dict[str, Any]:
    return {
        "name": name,
        "purpose": purpose,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def _paper(advice: str, perforated: bool) -> str:
    if perforated and "135" not in advice:
        return f"{advice}; {PERFORATED_PAPER}"
    return advice


def _pages(spans: Sequence[Span]) -> list[dict[str, Any]]:
    pages = []
    for span in sorted(spans, key=lambda s: s.start):
        for number in span.pages:
            pages.append(
                {
                    "number": number,
                    "kind": span.kind,
                    "title": span.title,
                    "source": span.source,
                    "added": span.index < 0,
                }
            )
    return pages
