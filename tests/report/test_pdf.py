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
    assert "did not complete (media v1: error)" in text
    assert "Contact by hour and weekday" in text  # chart text stays vector text
    # Charts are vector: no raster images in the file.
    assert b"/Subtype /Image" not in pdf


def test_pdf_hostile_text_is_inert_and_readable(report_case: Case, tmp_path: Path) -> None:
    model = build_report(report_case)
    text = _text(render_pdf(model, render_charts(model.charts)), tmp_path)
    flat = re.sub(r"RvTest—asatauditentry\d+—page\d+of\d+", "", "".join(text.split()))
    assert "<script>alert(1)</script><imgsrc=xonerror=alert(2)>" in flat  # shown as text, not run
    assert "\u202e" not in text and "\ufffdgnp.exe\ufffd" in flat
    assert '<b>bold</b>&"quotes"' in flat
    assert "LONGSTART" in flat and "xLONGEND" in flat  # the long line wraps; nothing is cut off
    assert ("LONGSTART" + "x" * 3000 + "LONGEND") in flat
