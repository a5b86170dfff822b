"""The print PDF: pictures separated for press, pages planned and laid out, PDF/X-4 finishing,
and the checks a print shop would make (tear-out leaves, printed length, preflight).

The print PDF is laid out once in the usual case; filler pages (a multiple of 4, the backs of
tear-out leaves) are planned from a layout and the PDF laid out again only when they change.
"""

from __future__ import annotations

import base64

from ..checks import rule_overrides
from ..model import Finding, Location, Publication, Severity
from ..render import html as render
from ..render import pdf
from ..render.pdfjob import Project, Session, make_pdf
from .printing import colour, fogra, pdfx, plan, preflight

Leaves = list[tuple[int, int]]


def print_pdf(
    session: Session, findings: list[Finding], guess: list[plan.Span] | None
) -> tuple[bytes, list[plan.Span], Leaves, dict[int, str]]:
    """The print PDF, laid out once in the usual case; with where each page file falls, the
    tear-out leaves, and the first source line on each printed page (see ``page_starts``).

    The digital PDF has the same page geometry, so its layout (``guess``), when there is one,
    tells where each page file falls, and the filler pages are planned from it. Without a guess,
    or if the print layout disagrees, the pages are planned from the print layout and laid out
    again only when fillers are needed.
    """
    pub = session.pub
    pictures = print_pictures(pub, session.profile)
    cycle, multiple = pub.audience.fillers, pub.audience.page_multiple
    fillers = plan.plan_fillers(guess, multiple, cycle) if guess else {}
    for _attempt in range(3):
        result = make_pdf(session, "print", pictures, fillers)
        spans = page_spans(pub, result)
        again = plan.plan_fillers(plan.without_fillers(spans), multiple, cycle)
        if again == fillers or _attempt == 2:
            break
        fillers = again
    fillers = plan.extra_padding(fillers, spans, result.page_count, cycle, multiple)
    if result.page_count % multiple:
        result = make_pdf(session, "print", pictures, fillers)
        spans = page_spans(pub, result)
    findings.extend(result.findings)
    for note in plan.check_tear_outs(spans, result.page_count):
        findings.append(_leaf_finding(pub, note))
    config = pub.settings.print
    finished = pdfx.finish_print_pdf(
        result.data, session.profile, config.bleed_mm, config.crop_marks
    )
    findings.extend(_preflight(pub, finished))
    findings.extend(printed_length(pub, spans))
    return finished, spans, plan.tear_out_leaves(spans), result.page_starts


def page_spans(pub: Publication, result: pdf.RenderedPdf) -> list[plan.Span]:
    """Where each page file (and each filler) starts, and how many pages it takes."""
    starts: list[tuple[int, int, str, str, str]] = []
    for index, page in enumerate(pub.pages):
        anchor = render.page_id(page)
        if anchor in result.anchor_pages:
            starts.append((result.anchor_pages[anchor], index, page.kind, page.title, page.rel))
    for anchor, number in result.anchor_pages.items():
        if anchor.startswith("filler-") and anchor.count("-") == 2:
            kind = anchor.split("-")[2]
            starts.append((number, -1, kind, "", ""))
    starts.sort()
    spans = []
    for position, (start, index, kind, title, source) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else result.page_count + 1
        spans.append(plan.Span(index, kind, title, source, start, max(1, end - start)))
    return spans


def _leaf_finding(pub: Publication, note: plan.LeafNote) -> Finding:
    severity = Severity.ERROR if note.severity == "error" else Severity.WARNING
    fix = "Move the tear-out page, or put a notes or doodle page next to it."
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
