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
    # tagged for screen readers: headings and tables in a structure tree (it was untagged)
    (tmp_path / "report.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "report.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)


def test_pdf_hostile_text_is_inert_and_readable(report_case: Case, tmp_path: Path) -> None:
    model = build_report(report_case)
    text = _text(render_pdf(model, render_charts(model.charts)), tmp_path)
    flat = re.sub(
        r"(?:footprint[\d.]+\+code\.[0-9a-f]{12}|asatauditentry\d+,chainhead[0-9a-f]{16}"
        r"|OFFICIAL-SENSITIVE|page\d+of\d+|RvTest—casereport)+",  # each page's foot and head, in any order
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


def test_pdf_keeps_each_message_of_a_conversation_whole_on_one_page(case: Case, tmp_path: Path) -> None:
    """A message shorter than a page is never split across pages in section 3, where the continuation
    would carry no exhibit reference, time or author."""
    from datetime import datetime, timedelta

    from footprint.analyse.base import FindingDraft
    from footprint.parties import add_person
    from footprint.pipeline import AddOptions, add_exhibit
    from footprint.synth.writers import ChatLine, write_whatsapp_txt
    from report.planted import _run

    add_person(case, "Vic Tim", "complainant")
    add_person(case, "Sus Pect", "suspect")
    start = datetime(2024, 3, 1, 9, 0)
    texts = [f"M{n:02d}START " + "word " * (100 + 37 * n % 160) + f"M{n:02d}END" for n in range(14)]
    chat = tmp_path / "WhatsApp Chat with Sus Pect.txt"
    lines = [
        ChatLine(start + timedelta(minutes=n), ("Sus Pect", "Vic Tim")[n % 2], t) for n, t in enumerate(texts)
    ]
    write_whatsapp_txt(chat, lines)
    add_exhibit(case, chat, AddOptions(producer="Vic Tim", exhibit_ref="VT/1", date_order="dmy"))
    ids = {i.text: i.id for i in case.store.iter_items()}
    flagged = [FindingDraft(ids[texts[n]], "insult_harassment", 0.5, "Abuse.", ((0, 9),)) for n in (3, 10)]
    _run(case, "detect", 4, flagged)
    model = build_report(case)
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(model, render_charts(model.charts)))
    pages = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout.split("\f")
    first = max(n for n, page in enumerate(pages) if "3. Flagged items in their conversations" in page)
    last = max(n for n, page in enumerate(pages) if "4. Course of conduct and escalation" in page)
    # section 3 only: the page it starts on may end the chronology (section 2), which lists every message
    pages[first] = pages[first][pages[first].index("3. Flagged items in their conversations") :]
    pages[last] = pages[last][: pages[last].index("4. Course of conduct and escalation")]
    shown = split = 0
    for n in range(14):
        starts = [p for p in range(first, last + 1) if f"M{n:02d}START" in pages[p]]
        ends = [p for p in range(first, last + 1) if f"M{n:02d}END" in pages[p]]
        assert len(starts) == len(ends) <= 1, n
        shown += len(starts)
        split += starts != ends
    assert shown == 14  # two conversations of seven messages, each of 500 to 1,300 characters
    assert split == 0


def test_pdf_page_header_shows_the_case_name_as_typed(report_case: Case, tmp_path: Path) -> None:
    # the header's CSS string was HTML-escaped inside <style>: "R v O&#39;Brien &amp; Co &lt;Ltd&gt;"
    from dataclasses import replace

    model = replace(build_report(report_case), case_name='R v O\'Brien & Co <Ltd> "X"\\</style>')
    pages = _text(render_pdf(model, render_charts(model.charts)), tmp_path).split("\f")
    header = 'R v O\'Brien & Co <Ltd> "X"\\</style> — case report'
    assert all(header in page for page in pages[1:-1])
    assert "&amp;" not in "".join(pages) and "&#39;" not in "".join(pages)
