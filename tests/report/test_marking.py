"""Every page of the report is marked OFFICIAL-SENSITIVE, and every page of a disclosure copy names its
recipient, so that a printed page that leaks is traceable to its copy (data protection review, defect 12)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.report import build_report, render_html
from footprint.report.charts import render_charts
from footprint.report.disclosures import Disclosure
from footprint.report.pdf import render_pdf

TO = 'Hart & Co "defence" </style>'
WHY = "CPIA s.7A"


def test_the_report_is_marked_at_its_top_and_foot_and_on_each_printed_page(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    assert '<main>\n<p class="marking">OFFICIAL-SENSITIVE</p>\n<h1>' in html
    assert '<p class="marking">OFFICIAL-SENSITIVE</p>\n</main>' in html
    assert '@top-center { content: "OFFICIAL-SENSITIVE"; white-space: nowrap;' in html
    assert '@bottom-center { content: "OFFICIAL-SENSITIVE"; white-space: nowrap;' in html
    assert "Disclosed to" not in html[: html.index("</style>")]


def test_a_disclosure_copy_names_its_recipient_on_each_page(report_case: Case) -> None:
    html = render_html(build_report(report_case, redact=True, disclosure=Disclosure(TO, WHY)))
    assert '@top-right { content: "Disclosed to Hart & Co \\22 defence\\22  \\3c /style\\3e ";' in html
    assert (
        '<p class="marking">OFFICIAL-SENSITIVE — disclosed to Hart &amp; Co &#34;defence&#34; &lt;/style&gt;</p>'
    ) in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_every_printed_page_carries_the_marking_and_the_recipient(report_case: Case, tmp_path: Path) -> None:
    model = build_report(report_case, redact=True, disclosure=Disclosure(TO, WHY))
    path = tmp_path / "copy.pdf"
    path.write_bytes(render_pdf(model, render_charts(model.charts)))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) > 3
    assert [n for n, page in enumerate(pages) if page.count("OFFICIAL-SENSITIVE") < 2] == []
    assert [
        n for n, page in enumerate(pages) if 'Disclosed to Hart & Co "defence" </style>' not in page
    ] == []
