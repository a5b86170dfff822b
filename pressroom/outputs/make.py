"""Making every registered output of one publication, in memory: the recipe behind
``output/<slug>/``.

A build makes each publication in two halves that can run in parallel processes, then puts them
together:

* ``press``: the publication's one layout (pictures converted to CMYK, filler pages planned:
  :mod:`press`), written as the print PDF (PDF/X-4, preflight) and again as the digital PDF
  (tagged PDF/UA-1, sRGB: :mod:`pressroom.render.twowrites`), then every output made from the
  layout: the finishing guide, the office booklet;
* ``screen``: the outputs that need only the model (:data:`spec.Needs`), each laying out or
  writing its own: the cards, the large print PDF, the audio script;
* then, with both halves' files, the outputs that need other outputs, in registry order: the job
  sheet, the web folder.

What is made is what :mod:`registry` lists. Nothing is written here;
:mod:`pressroom.publish.write` puts the returned files in place.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..checks import _fit as fit
from ..model import Finding, Publication, Severity
from ..render import html as render
from ..render import pdf
from ..render.layout import load_layout
from ..render.pdfjob import Project as Project  # make.Project: the folders rendering may read
from ..render.pdfjob import RenderContext, refusals
from ..render.profile import Figures, since, snapshot, stage
from . import registry
from .press import print_pdf, resolve_profile
from .printing import plan, tidy
from .spec import Files, Needs, OutputSpec, Work, as_bytes


@dataclass
class Output:
    """Everything one publication produces: files by path relative to ``output/<slug>/``."""

    slug: str
    files: dict[str, bytes | Path] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    weasyprint_seconds: float = 0.0
    render_seconds: float = 0.0


@dataclass
class Part:
    """Half of a publication's outputs, made in one process: ``press`` (the print and digital
    PDFs from one layout, and what is made from it) or ``screen`` (what needs only the model)."""

    name: str
    files: dict[str, bytes] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    spans: list[plan.Span] = field(default_factory=list)
    leaves: list[tuple[int, int]] = field(default_factory=list)
    page_starts: dict[int, str] = field(default_factory=dict)
    weasyprint_seconds: float = 0.0
    render_seconds: float = 0.0
    profile: Figures = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Whether an error stopped this part."""
        return any(f.severity is Severity.ERROR for f in self.findings)


PARTS = ("screen", "press")
PART_NEEDS: dict[str, tuple[Needs, ...]] = {
    "screen": ("model",),
    "press": ("layout",),
}


def make_outputs(project: Project, pub: Publication, emit_html: bool = False) -> Output:
    """Render every output of ``pub`` in this process; findings report what went wrong.

    With ``emit_html`` the exact HTML and CSS given to WeasyPrint for the print and digital PDFs
    are kept in ``debug/``, so that a designer can open them in a browser.
    """
    screen = make_part(project, pub, "screen", emit_html)
    press = make_part(project, pub, "press", emit_html)
    return assemble(project, pub, [screen, press])


def make_part(
    project: Project,
    pub: Publication,
    name: str,
    emit_html: bool = False,
    guess: list[plan.Span] | None = None,
) -> Part:
    """One part of the outputs (see :class:`Part`); ``guess`` helps plan the print pages."""
    started, clock, before = pdf.WEASYPRINT_SECONDS[0], time.perf_counter(), snapshot()
    part = Part(name)
    context = _session(project, pub, emit_html, part.findings)
    if context is not None:
        try:
            work = _screen(context, part) if name == "screen" else _press(context, part, guess)
            for spec in registry.needing(*PART_NEEDS[name]):
                part.files.update((n, as_bytes(d)) for n, d in _made(spec, work).items())
        except jinja2.TemplateError as exc:
            part.findings.append(render.template_finding(project.root, exc))
        part.findings.extend(refusals(context))
        part.files.update(context.debug)
        with stage("tidy PDFs"):
            tidy.tidy_files(part.files)
    part.weasyprint_seconds = pdf.WEASYPRINT_SECONDS[0] - started
    part.render_seconds = time.perf_counter() - clock
    part.profile = since(before)
    return part


def _session(
    project: Project, pub: Publication, emit_html: bool, findings: list[Finding]
) -> RenderContext | None:
    with stage("load layout and colour profile"):
        layout, problems = load_layout(project.layouts, pub.profile)
        profile, problem = resolve_profile(project, pub)
    findings.extend(problems)
    if problem is not None:
        findings.append(problem)
    if layout is None or profile is None or any(f.severity is Severity.ERROR for f in findings):
        return None
    return RenderContext(project, pub, layout, profile, emit_html)


def _screen(context: RenderContext, part: Part) -> Work:
    """Nothing laid out: the screen half's outputs need only the model."""
    return Work(context, part.findings)


def _press(context: RenderContext, part: Part, guess: list[plan.Span] | None) -> Work:
    """The one layout, written as the print PDF and as the digital PDF."""
    printed, digital, part.spans, part.leaves, part.page_starts = print_pdf(
        context, part.findings, guess
    )
    return Work(
        context,
        part.findings,
        printed=printed,
        digital=digital,
        spans=part.spans,
        leaves=part.leaves,
        page_starts=part.page_starts,
    )


def _made(spec: OutputSpec, work: Work) -> Files:
    """The files of one output, which must be the files it is registered for."""
    with stage(spec.name):
        files = spec.make(work)
    for name in files:
        if not spec.owns(work.pub.slug, name):
            raise ValueError(f"Output '{spec.name}' made '{name}', not one of {spec.files}.")
    return files


def assemble(project: Project, pub: Publication, parts: list[Part]) -> Output:
    """Put the parts together and add the outputs that need other outputs (job sheet, web)."""
    out = Output(pub.slug)
    for part in parts:
        out.findings.extend(part.findings)
        out.weasyprint_seconds += part.weasyprint_seconds
        out.render_seconds += part.render_seconds
        out.files.update(part.files)
    out.findings = fit.merge(out.findings)
    if any(part.failed for part in parts):
        return out
    started, clock = pdf.WEASYPRINT_SECONDS[0], time.perf_counter()
    context = _session(project, pub, False, out.findings)
    if context is None:
        return out
    press = next(part for part in parts if part.name == "press")
    made = _by_output(pub.slug, out.files)
    work = Work(context, out.findings, spans=press.spans, leaves=press.leaves, made=made)
    try:
        for spec in registry.needing("other outputs"):
            files = _made(spec, work)
            out.files.update(files)
            made.append((spec, files))
    except jinja2.TemplateError as exc:
        out.findings.append(render.template_finding(project.root, exc))
    out.weasyprint_seconds += pdf.WEASYPRINT_SECONDS[0] - started
    out.render_seconds += time.perf_counter() - clock
    return out


def _by_output(
    slug: str, files: Mapping[str, bytes | Path]
) -> list[tuple[OutputSpec, Mapping[str, bytes | Path]]]:
    """The halves' files grouped by the output that made them, in registry order."""
    made = [spec for needs in PART_NEEDS.values() for spec in registry.needing(*needs)]
    return [
        (spec, {name: data for name, data in files.items() if spec.owns(slug, name)})
        for spec in registry.OUTPUTS
        if spec in made
    ]
