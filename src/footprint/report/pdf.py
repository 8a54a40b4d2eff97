"""Render the report to PDF/UA-1 with WeasyPrint (tagged, vector charts, fonts embedded, no network,
deterministic)."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from footprint.errors import ReportError
from footprint.model import StoredWarning
from footprint.report.glyphs import map_text
from footprint.report.html import render_html
from footprint.report.report_model import ReportModel

# A printed chronology longer than this keeps only flagged and offline events (the HTML has all).
PDF_FULL_CHRONOLOGY = 3000
# A printed copy shows at most this many flagged items in their conversations (the most serious).
PDF_FLAGGED_IN_CONTEXT = 200
# WeasyPrint lays out one long table far more slowly than several short ones.
PDF_TABLE_ROWS = 100
# WeasyPrint lays out an unbroken run of characters in time that grows with the square of its length (one
# 4,000-character word: 1.2 s; 8,000: 3.3 s; 16,000: 15 s), so in a run of the printed copy's text longer
# than LONG_WORD characters (wider than any line: it is broken mid-word anyway) each character is followed
# by a break opportunity, U+200B ZERO WIDTH SPACE (the same 4,000 characters: 0.6 s, and the lines as full
# as before). The PDF's text layer does not carry it; the HTML report, the CSV and JSONL exports and the
# item keep the text exactly.
LONG_WORD = 200
_ZWSP = "\u200b"
_LONG = re.compile(rf"[^\s{_ZWSP}]{{{LONG_WORD + 1},}}")
# one character, or one character reference of the escaped text (never split: "&amp;" is "&")
_UNIT = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|.", re.S)
_ZWJ = "\u200d"


def _joined(before: str, unit: str) -> bool:
    """Whether ``unit`` belongs with the character before it: an accent or other combining mark, a
    variation selector or emoji modifier, or either side of a zero width joiner."""
    return before == _ZWJ or unit == _ZWJ or unicodedata.category(unit[0]) in ("Mn", "Mc", "Me", "Sk")


# Ligatures off in the printed copy: a font joins "f", U+200B and "l" into one glyph whose text the PDF
# then loses (pdftotext read a message's "of\u200bfice" as "o ce", and "fl" and "ffi" vanished from a
# broken run). Hostile text may hold U+200B itself.
_NO_LIGATURES = "<style>body { font-variant-ligatures: none; }</style>"


def _breakable(run: re.Match[str]) -> str:
    units = _UNIT.findall(run.group(0))
    out = units[:1]
    for before, unit in pairwise(units):
        if not _joined(before, unit):
            out.append(_ZWSP)
        out.append(unit)
    return "".join(out)


def breakable_words(html: str) -> str:
    """The printed copy's HTML with a break opportunity after each character of a run of text longer than
    ``LONG_WORD`` (never inside a character reference or before a combining mark), outside the document
    head and the charts."""
    return map_text(html, lambda text, in_svg: text if in_svg else _LONG.sub(_breakable, text))


def printed_html(
    model: ReportModel, charts: dict[str, str | None], warnings: Sequence[StoredWarning] | None = None
) -> str:
    """The HTML WeasyPrint lays out: the printed copy, shortened for a large case, long words breakable,
    no ligatures."""
    full = len(model.chronology) <= PDF_FULL_CHRONOLOGY
    html = render_html(
        model,
        charts=charts,
        full_chronology=full,
        flagged_limit=PDF_FLAGGED_IN_CONTEXT,
        chunk_rows=PDF_TABLE_ROWS,
        printed=True,
        warnings=warnings,
    )
    return breakable_words(html).replace("</head>", f"{_NO_LIGATURES}</head>", 1)


def render_pdf(
    model: ReportModel, charts: dict[str, str | None], warnings: Sequence[StoredWarning] | None = None
) -> bytes:
    """The report as PDF bytes (``warnings``: as :func:`render_html` takes them)."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on system libraries
        raise ReportError(
            f"PDF output needs WeasyPrint and its system libraries (pango): {exc}; "
            "install them or leave out --pdf"
        ) from None
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    from footprint.report.pdf_ua import margins_as_artifacts, tag_attributes

    class NoFetch(URLFetcher):  # type: ignore[misc]
        """Refuses every fetch: the report is self-contained and must stay offline."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"external resource refused: {url[:80]}")

    html = printed_html(model, charts, warnings)
    # WeasyPrint warns about SVG presentation properties it reads another way; errors still show.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        document = HTML(string=html, base_url=None, url_fetcher=NoFetch())
        # PDF/UA-1: tagged (headings, tables, reading order, languages) for screen readers, the title
        # shown in the viewer, the page margins artifacts (docs/report.md, "Accessibility")
        with tag_attributes():
            data = document.write_pdf(
                pdf_identifier=b"footprint-" + model.head_short.encode("ascii"),
                pdf_variant="pdf/ua-1",
                finisher=margins_as_artifacts,
            )
    finally:
        logger.setLevel(level)
    assert isinstance(data, bytes)
    return data
