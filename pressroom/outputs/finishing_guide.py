"""The finishing guide, ``<slug>-finishing.pdf``: the print PDF's pages with only the perforation
lines of the tear-out leaves, for the print shop (drawn by :mod:`printing.finishing`)."""

from __future__ import annotations

from ..render import pdf
from .printing import finishing
from .spec import Files, OutputSpec, Work


def make(work: Work) -> Files:
    """The guide, with a label beside each perforation line."""
    assert work.printed is not None, "the layout is made before its outputs"
    context, leaves = work.context, list(work.leaves)
    labels = finishing.label_html(leaves)
    label_pdf = pdf.simple_pdf(labels, context.base_url, context.fetcher) if leaves else None
    guide = finishing.finishing_guide(work.printed, leaves, label_pdf)
    return {f"{work.pub.slug}-finishing.pdf": guide}


OUTPUT = OutputSpec(
    name="finishing-guide",
    files=("{slug}-finishing.pdf",),
    needs="layout",
    make=make,
    purpose="finishing guide: perforation lines only",
)
