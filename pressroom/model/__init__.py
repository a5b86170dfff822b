"""The data model every stage shares: publications, pages, blocks, settings and findings.

Everything here is a frozen dataclass so that checks and rendering can be pure functions of the
model. This package imports nothing from the rest of pressroom. Its parts: :mod:`.findings`,
:mod:`.settings` (typed settings, page geometry, audience profiles) and :mod:`.content`.
"""

from .content import (
    Allow,
    Block,
    Link,
    LoadResult,
    Page,
    PageReview,
    PanelSession,
    Picture,
    PictureFile,
    Publication,
    Span,
    Term,
    plain_span,
    printed,
)
from .findings import Finding, Location, Severity
from .settings import (
    PAGE_SIZES_MM,
    Audience,
    ContactSettings,
    CoProductionSettings,
    PageGeometry,
    PrintSettings,
    Settings,
    WebSettings,
)

__all__ = [
    "PAGE_SIZES_MM",
    "Allow",
    "Audience",
    "Block",
    "CoProductionSettings",
    "ContactSettings",
    "Finding",
    "Link",
    "LoadResult",
    "Location",
    "Page",
    "PageGeometry",
    "PageReview",
    "PanelSession",
    "Picture",
    "PictureFile",
    "PrintSettings",
    "Publication",
    "Settings",
    "Severity",
    "Span",
    "Term",
    "WebSettings",
    "plain_span",
    "printed",
]
