"""The job sheet for the print shop, ``<slug>-job.json`` and ``<slug>-job.pdf``: every output that
has a purpose in the registry, with its SHA-256, and the print job's facts
(:mod:`printing.jobsheet`)."""

from __future__ import annotations

from typing import Any

from ..render import pdf
from ..render.layout import environment
from ..render.pdfjob import RenderContext
from .printing import jobsheet, tidy
from .spec import Files, OutputSpec, Work, as_bytes


def make(work: Work) -> Files:
    """The job sheet as JSON and as a one-page PDF."""
    pub, spans = work.pub, work.spans
    page_count = spans[-1].start + spans[-1].count - 1
    files = [
        (name, spec.purpose, as_bytes(data))
        for spec, made in work.made
        if spec.purpose
        for name, data in made.items()
    ]
    job = jobsheet.job_data(pub, spans, page_count, work.context.icc, work.leaves, files)
    return {
        f"{pub.slug}-job.json": jobsheet.job_json(job),
        f"{pub.slug}-job.pdf": tidy.tidy_pdf(job_pdf(work.context, job)),
    }


def job_pdf(context: RenderContext, job: dict[str, Any]) -> bytes:
    """The job sheet on one page (``job-sheet.html.j2``)."""
    env = environment(context.layout.folders)
    html = env.get_template("job-sheet.html.j2").render(job=job)
    return pdf.simple_pdf(html, context.base_url, context.fetcher)


OUTPUT = OutputSpec(
    name="job-sheet",
    files=("{slug}-job.json", "{slug}-job.pdf"),
    needs="other outputs",
    make=make,
)
