"""The PDF: text extracted with pdftotext shows the sections and the hostile text, inert; deterministic."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.report import build_report
from footprint.report.charts import render_charts
from footprint.report.pdf import render_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_pdf_text_has_every_section_and_is_deterministic(report_case: Case, tmp_path: Path) -> None:
    model = build_report(report_case)
    charts = render_charts(model.charts)
    pdf = render_pdf(model, charts)
    assert pdf.startswith(b"%PDF-")
    assert pdf == render_pdf(model, charts)
    text = _text(pdf, tmp_path)
    for heading in (
        "1. Case summary",
        "2. Chronology",
        "3. Flagged items in their conversations",
        "4. Course of conduct and escalation",
        "5. Court orders and breaches",
        "6. Offence matrix",
        "7. Account links",
        "8. Device findings",
        "9. Image matches",
        "10. Method and integrity",
    ):
        assert heading in text
    assert f"as at audit entry {model.audit_seq}" in text
    assert "Where were you last night?" in text
    assert "Stalking — Protection from Harassment Act 1997 s.2A" in text
    assert "did not complete (images v1: error)" in text
    assert "Contact by hour and weekday" in text  # chart text stays vector text
    # Charts are vector: no raster images in the file.
    assert b"/Subtype /Image" not in pdf


def test_pdf_hostile_text_is_inert_and_readable(report_case: Case, tmp_path: Path) -> None:
    model = build_report(report_case)
    text = _text(render_pdf(model, render_charts(model.charts)), tmp_path)
    flat = re.sub(
        r"footprint[\d.]+—asatauditentry\d+,chainhead[0-9a-f]{16}page\d+of\d+(RvTest—casereport)?",
        "",
        "".join(text.split()),
    )
    assert "<script>alert(1)</script><imgsrc=xonerror=alert(2)>" in flat  # shown as text, not run
    assert (
        "\u202e" not in text
        and "[U+202ERIGHT-TO-LEFTOVERRIDE]gnp.exe[U+202CPOPDIRECTIONALFORMATTING]" in flat
    )
    assert '<b>bold</b>&"quotes"' in flat
    assert "LONGSTART" in flat and "xLONGEND" in flat  # the long line wraps; nothing is cut off
    assert ("LONGSTART" + "x" * 3000 + "LONGEND") in flat


def _words(pdf: bytes, tmp_path: Path) -> list[tuple[int, float, float, float, str]]:
    """Every word pdftotext finds: page number, page width, xMin, xMax, text."""
    path = tmp_path / "layout.pdf"
    path.write_bytes(pdf)
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    words = []
    for n, page in enumerate(re.findall(r'<page width="([\d.]+)".*?</page>', xhtml, re.S), start=1):
        block = xhtml.split("<page ")[n]
        for x0, x1, word in re.findall(
            r'<word xMin="([\d.-]+)" yMin="[\d.-]+" xMax="([\d.-]+)"[^>]*>([^<]*)<', block
        ):
            words.append((n, float(page), float(x0), float(x1), word))
    return words


def test_pdf_keeps_hostile_long_text_inside_the_page(report_case: Case, tmp_path: Path) -> None:
    from dataclasses import replace

    model = build_report(report_case)
    hostile = replace(
        model, case_name="R v " + "Z" * 300 + " \u202eevil\u202c https://example.com/" + "a/b?c=d&" * 30
    )
    pdf = render_pdf(hostile, render_charts(model.charts))
    words = _words(pdf, tmp_path)
    pages = max(n for n, *_ in words)
    assert 6 <= pages <= 30, pages  # the offence matrix is the planted case's whole assessment (8 offences)
    margin = 12 / 25.4 * 72  # the page's left and right margins (12 mm), in points
    outside = [(n, w[:20]) for n, width, x0, x1, w in words if x0 < margin - 1 or x1 > width - margin + 1]
    assert outside == []
    on_page_two = [w for n, _, _, _, w in words if n == 2]
    assert "Z" * 56 + "…" in on_page_two  # the header's case name is cut short; the title keeps it whole
