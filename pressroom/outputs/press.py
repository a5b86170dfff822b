"""The print PDF (and the digital PDF from the same layout): pictures separated for press, pages
planned and laid out, PDF/X-4 finishing, and the checks a print shop would make (tear-out leaves,
printed length, preflight).

A publication is laid out once in the usual case; filler pages (a multiple of 4, the backs of
tear-out leaves) are planned before the layout from a guess, and the publication is laid out
again only when the layout shows the guess was wrong.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from pathlib import Path

from ..checks import rule_overrides
from ..model import Finding, Location, Publication, Severity
from ..render import html as render
from ..render import pdf
from ..render.pdfjob import Project, RenderContext, make_pdf, write_both
from ..render.profile import stage
from .printing import colour, fogra, pdfx, plan, preflight

Leaves = list[tuple[int, int]]


def print_pdf(
    context: RenderContext, findings: list[Finding], guess: list[plan.Span] | None
) -> tuple[bytes, bytes, list[plan.Span], Leaves, dict[int, str]]:
    """The print PDF and the digital PDF, from one layout in the usual case; with where each page
    file falls, the tear-out leaves, and the first source line on each printed page.

    Filler pages are planned before the layout from a guess of where each page file falls
    (``guess``, or one printed page per page file), and the layout is kept when it agrees with
    the guess. Only when a page file runs onto more pages than guessed are the pages planned
    again and laid out a second time (page numbers and the contents list follow the fillers, so
    a filler cannot be added to a finished layout).
    """
    pub = context.pub
    with stage("CMYK pictures"):
        pictures = print_pictures(pub, context.icc)
    cycle, multiple = pub.audience.fillers, pub.audience.page_multiple
    guess = guess or last_plan(context.project.root, pub) or one_page_each(pub)
    fillers = plan.plan_fillers(guess, multiple, cycle)
    for _attempt in range(3):
        result = make_pdf(context, "print", pictures, fillers, keep=True)
        spans = page_spans(pub, result)
        again = plan.plan_fillers(plan.without_fillers(spans), multiple, cycle)
        if again == fillers or _attempt == 2:
            break
        fillers = again
    fillers = plan.extra_padding(fillers, spans, result.page_count, cycle, multiple)
    if result.page_count % multiple:  # a filler itself ran onto a second page
        result = make_pdf(context, "print", pictures, fillers, keep=True)
        spans = page_spans(pub, result)
    findings.extend(result.findings)
    left_out = {n - 1 for span in spans if span.index < 0 for n in span.pages}
    printed, digital, written = write_both(context, result, left_out, pictures)
    findings.extend(written)
    for note in plan.check_tear_outs(spans, result.page_count):
        findings.append(_leaf_finding(pub, note))
    config = pub.settings.print
    with stage("PDF/X finishing and tidy"):
        finished = pdfx.finish_print_pdf(printed, context.icc, config.bleed_mm, config.crop_marks)
    with stage("preflight"):
        findings.extend(_preflight(pub, finished))
    findings.extend(printed_length(pub, spans))
    return finished, digital, spans, plan.tear_out_leaves(spans), result.page_starts


def last_plan(root: Path, pub: Publication) -> list[plan.Span] | None:
    """A guess from the last build's job sheet: how many printed pages each page file took.

    Only a guess: the layout decides, and the pages are planned again when it disagrees, so
    the outputs are the same with or without it.
    """
    try:
        job = json.loads((root / "output" / pub.slug / f"{pub.slug}-job.json").read_text())
        counts = Counter(str(p["source"]) for p in job["pages"] if not p.get("added"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    spans, start = [], 1
    for index, page in enumerate(pub.pages):
        count = counts.get(page.display_path, 0)
        if not count:
            return None
        spans.append(plan.Span(index, page.kind, page.title, page.display_path, start, count))
        start += count
    return spans


def one_page_each(pub: Publication) -> list[plan.Span]:
    """A guess of where the page files fall before any layout: one printed page each, or as
    many as its front matter allows (``pages: 2``), since an editor allows more pages where a
    page file needs them. (A kind's own allowance is no guess: the credits may take 2 pages and
    often take 1.)"""
    spans, start = [], 1
    for index, page in enumerate(pub.pages):
        count = int(page.meta.get("pages") or 1)
        spans.append(plan.Span(index, page.kind, page.title, page.display_path, start, count))
        start += count
    return spans


def page_spans(pub: Publication, result: pdf.RenderedPdf) -> list[plan.Span]:
    """Where each page file (and each filler) starts, and how many pages it takes."""
    starts: list[tuple[int, int, str, str, str, bool]] = []
    for index, page in enumerate(pub.pages):
        anchor = render.page_id(page)
        if anchor in result.anchor_pages:
            shown = bool(page.meta.get("shown_to_staff"))
            number = result.anchor_pages[anchor]
            starts.append((number, index, page.kind, page.title, page.display_path, shown))
    for anchor, number in result.anchor_pages.items():
        if anchor.startswith("filler-") and anchor.count("-") == 2:
            kind = anchor.split("-")[2]
            starts.append((number, -1, kind, "", "", False))
    starts.sort()
    spans = []
    for position, (start, index, kind, title, source, shown) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else result.page_count + 1
        spans.append(plan.Span(index, kind, title, source, start, max(1, end - start), shown))
    return spans


def _leaf_finding(pub: Publication, note: plan.LeafNote) -> Finding:
    severity = Severity.ERROR if note.severity == "error" else Severity.WARNING
    fix = note.fix or "Move the tear-out page, or put a notes or doodle page next to it."
    where = Location(note.source or pub.config_location().path, 1, 1)
    return Finding(where, severity, "tear-out", note.message, fix)


def printed_length(pub: Publication, spans: list[plan.Span]) -> list[Finding]:
    """Easy read length in printed pages (the check before layout can only count page files)."""
    limits = pub.audience.rules.get("document-length")
    if not limits:
        return []
    own = rule_overrides(pub)[0].get("document-length")
    limits = {**limits, **own} if isinstance(own, dict) else limits  # 'off' is applied later
    written = sum(s.count for s in spans if s.index >= 0)
    added = sum(s.count for s in spans if s.index < 0)
    if written <= int(limits["warn"]):
        return []
    severity = Severity.ERROR if written > int(limits["error"]) else Severity.WARNING
    extra = (
        f", plus {added} notes page{'s' if added != 1 else ''} added for printing" if added else ""
    )
    return [
        Finding(
            pub.config_location(),
            severity,
            "document-length",
            f"The printed booklet has {written} pages of text{extra}; easy read booklets have "
            f"at most {limits['warn']}.",
            "Shorten or join pages, or split the booklet in two. Pages that run onto a second "
            "printed page count twice.",
        )
    ]


def _preflight(pub: Publication, data: bytes) -> list[Finding]:
    geometry = pub.settings.geometry
    problems = preflight.preflight(data, geometry.trim_mm, geometry.bleed_mm)
    findings = []
    for problem in problems:
        where = f" (page {problem.page})" if problem.page else ""
        findings.append(
            Finding(
                pub.config_location(),
                Severity.ERROR if problem.severity == "error" else Severity.WARNING,
                "preflight",
                f"Print PDF{where}: {problem.message}",
                "A print shop would reject this. Check the layout colours and the pictures.",
            )
        )
    return findings


def print_pictures(pub: Publication, profile: colour.Profile) -> dict[str, str]:
    """Pictures for the press as data URLs: SVG colours and photos converted to CMYK."""
    urls: dict[str, str] = {}
    for ref, pic in pub.pictures.items():
        data = pic.path.read_bytes()
        if pic.path.suffix.lower() == ".svg":
            svg = data.decode("utf-8", errors="replace")
            urls[ref] = _data_url("image/svg+xml", colour.svg_to_cmyk(svg, profile).encode())
            line_art = colour.colouring_version(svg)
            urls[f"colouring:{ref}"] = _data_url(
                "image/svg+xml", colour.svg_to_cmyk(line_art, profile).encode()
            )
        else:
            urls[ref] = _data_url("image/jpeg", colour.image_to_cmyk_jpeg(data, profile))
    return urls


def _data_url(kind: str, data: bytes) -> str:
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def resolve_profile(
    project: Project, pub: Publication
) -> tuple[colour.Profile | None, Finding | None]:
    """The CMYK output profile: the publication's own ICC file, or the one the set-up installs."""
    settings = pub.settings.print
    name = settings.icc_profile or ""
    if not name:
        named = settings.output_condition or ""
        condition = fogra.condition_named(named) or fogra.condition_for(settings.paper)
        if named and fogra.condition_named(named) is None:
            return None, Finding(
                pub.config_location("print.output_condition"),
                Severity.ERROR,
                "icc-profile",
                f"pressroom can make the FOGRA29 and FOGRA39 profiles, not '{named}'.",
                "Ask the print shop for its .icc file and name it in print.icc_profile.",
            )
        try:
            path = fogra.profile_path(condition)
        except fogra.ProfileError as exc:
            return None, Finding(
                pub.config_location(),
                Severity.ERROR,
                "icc-profile",
                str(exc),
                "Run the set-up command (./run setup), which installs them.",
            )
        return colour.Profile(path, condition.name, condition.description), None
    path = (project.root / name).resolve()
    if not path.is_relative_to(project.root.resolve()) or not path.is_file():
        return None, Finding(
            pub.config_location("print.icc_profile"),
            Severity.ERROR,
            "icc-profile",
            f"The ICC profile '{name}' is not a file inside the project.",
            "Put the print shop's .icc file in the project (in print/, say) and name it here.",
        )
    description = colour.profile_description(path)
    return colour.Profile(path, settings.output_condition or description, description), None
