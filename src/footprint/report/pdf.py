"""Render the report to PDF with WeasyPrint (vector charts, fonts embedded, no network, deterministic)."""

from __future__ import annotations

import logging
from typing import Any

from footprint.errors import ReportError
from footprint.report.build import ReportModel
from footprint.report.html import render_html

# A printed chronology longer than this keeps only flagged and offline events (the HTML has all).
PDF_FULL_CHRONOLOGY = 3000
# A printed copy shows at most this many flagged items in their conversations (the most serious).
PDF_FLAGGED_IN_CONTEXT = 200
# WeasyPrint lays out one long table far more slowly than several short ones.
PDF_TABLE_ROWS = 100


def render_pdf(model: ReportModel, charts: dict[str, str | None]) -> bytes:
    """The report as PDF bytes."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on system libraries
        raise ReportError(
            f"PDF output needs WeasyPrint and its system libraries (pango): {exc}; "
            "install them or leave out --pdf"
        ) from None
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    class NoFetch(URLFetcher):  # type: ignore[misc]
        """Refuses every fetch: the report is self-contained and must stay offline."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"external resource refused: {url[:80]}")

    full = len(model.chronology) <= PDF_FULL_CHRONOLOGY
    html = render_html(
        model,
        charts=charts,
        full_chronology=full,
        flagged_limit=PDF_FLAGGED_IN_CONTEXT,
        chunk_rows=PDF_TABLE_ROWS,
        printed=True,
    )
    # WeasyPrint warns about SVG presentation properties it reads another way; errors still show.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        document = HTML(string=html, base_url=None, url_fetcher=NoFetch())
        data = document.write_pdf(pdf_identifier=b"footprint-" + model.audit_head[:16].encode("ascii"))
    finally:
        logger.setLevel(level)
    assert isinstance(data, bytes)
    return data
