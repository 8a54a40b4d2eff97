"""Characters the printed copy's fonts cannot draw: kept in the PDF's text layer, named in a visible
marker, never drawn as the empty ".notdef" box; the HTML report keeps them as they are."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.report import build_report
from footprint.report.build import ReportModel
from footprint.report.charts import render_charts
from footprint.report.glyphs import blank_font, coverage, label, mark_undrawable
from footprint.report.html import _css_string, render_html
from footprint.report.pdf import render_pdf
from footprint.report.print_fonts import DEJAVU
from footprint.report.print_fonts import FOLDER as LISTS

FOLDER = Path("/usr/share/fonts/truetype/dejavu")
THREAT = "I will kill you if you go to the police"
EMOJI = "\U0001f52a\U0001f52b \U0001f480"  # knife, pistol, skull
# WeasyPrint writes this CMap only when a font lacked a glyph and it drew ".notdef" instead
NOTDEF = b"/WP-Encod-0"


def _pdftotext(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _with_emoji(model: ReportModel) -> ReportModel:
    rows = [
        replace(r, item=replace(r.item, text=f"{r.item.text} {EMOJI}")) if r.item.text == THREAT else r
        for r in model.chronology
    ]
    return replace(model, chronology=rows)


def test_the_check_for_a_notdef_box_sees_one_and_the_marked_copy_has_none() -> None:
    from weasyprint import HTML  # type: ignore[import-untyped]

    assert NOTDEF in HTML(string=f"<p>{EMOJI}</p>").write_pdf()
    marked = mark_undrawable(f"<html><head></head><p>{EMOJI}</p>")
    pdf = HTML(string=marked).write_pdf()
    assert NOTDEF not in pdf
    assert pdf == HTML(string=marked).write_pdf()  # the font made for the document is the same each time


def test_pdf_keeps_each_undrawable_character_names_it_and_draws_no_box(
    report_case: Case, tmp_path: Path
) -> None:
    model = _with_emoji(build_report(report_case))
    pdf = render_pdf(model, render_charts(model.charts))
    assert NOTDEF not in pdf
    flat = "".join(_pdftotext(pdf, tmp_path).split())
    assert (
        "ifyougotothepolice\U0001f52a[U+1F52AHOCHO]\U0001f52b[U+1F52BPISTOL]\U0001f480[U+1F480SKULL]" in flat
    )


def test_the_html_report_keeps_the_characters_as_they_are(report_case: Case) -> None:
    html = render_html(_with_emoji(build_report(report_case)))
    assert f"{THREAT} {EMOJI}" in html
    assert "U+1F52A" not in html and "undrawn" not in html


def test_a_marker_names_the_code_point_and_says_what_a_nameless_one_is() -> None:
    assert label("\U0001f52a") == "U+1F52A HOCHO"
    assert label("\ue000") == "U+E000 (private use)"
    assert label("\U000e0080") == "U+E0080 (unassigned in Unicode 14.0.0)"
    assert label("\ud83d") == "U+D83D (lone surrogate)"
    assert label("\x85") == "U+0085 (control)"
    assert label("\x1b") == "U+001B ESCAPE"
    assert label("\x07") == "U+0007 ALERT"
    assert label("\x7f") == "U+007F DELETE"


def test_every_c0_control_is_named_by_its_unicode_alias() -> None:
    for code in [*range(32), 0x7F]:
        name = label(chr(code)).split(" ", 1)[1]
        assert unicodedata.lookup(name) == chr(code), name


def test_hostile_text_stays_as_the_report_shows_it() -> None:
    """Bidi overrides were named before (``html.inert``); zero-width joiners and combining marks the fonts
    have stay as they are; a lone surrogate (which cannot be written into a PDF) is only named."""
    head = "<html><head><title>t</title></head><body>"
    named = "[U+202E RIGHT-TO-LEFT OVERRIDE]gnp.exe[U+202C POP DIRECTIONAL FORMATTING]"
    text = f"{named} a\u200db e\u0301 \ud83d"
    assert mark_undrawable(f"{head}<p>{text}</p></body></html>") == (
        f"{head}<p>{named} a\u200db e\u0301 [U+D83D (lone surrogate)]</p></body></html>"
    )


def test_markup_is_untouched_the_head_is_left_and_a_chart_gets_the_marker_only() -> None:
    html = (
        '<html><head><title>R v \U0001f52a</title></head><body><p title="\U0001f480">x &amp; \U0001f480</p>'
        '<svg><text x="1">\U0001f52a</text></svg></body></html>'
    )
    marked = mark_undrawable(html)
    head, body = marked.split("</head>")
    assert head.startswith("<html><head><title>R v \U0001f52a</title><style>@font-face")
    assert body == (
        '<body><p title="\U0001f480">x &amp; <span class="undrawn">\U0001f480</span>'
        '<span class="cp">[U+1F480 SKULL]</span></p><svg><text x="1">[U+1F52A HOCHO]</text></svg></body></html>'
    )


def test_a_document_every_character_of_which_the_fonts_draw_is_unchanged() -> None:
    html = "<html><head></head><body><p>caf\u00e9 \u2764 \u0416</p></body></html>"
    assert mark_undrawable(html) == html


def test_the_page_header_gives_code_points_and_is_cut_by_what_it_shows() -> None:
    assert _css_string("R v \U0001f52a Smith") == "R v \U0001f52a Smith"
    assert _css_string("R v \U0001f52a Smith", printed=True) == "R v [U+1F52A] Smith"
    assert _css_string("\U0001f480" * 10, printed=True) == "[U+1F480]" * 6 + "…"


def test_the_blank_font_is_the_same_bytes_every_time() -> None:
    assert blank_font([0x1F52A, 0x1F480]) == blank_font([0x1F52A, 0x1F480])


@pytest.mark.skipif(not (FOLDER / "DejaVuSans.ttf").exists(), reason="fonts-dejavu-core not installed")
def test_the_shipped_coverage_is_what_the_installed_dejavu_fonts_draw() -> None:
    from tools.font_coverage import covered

    assert coverage(DEJAVU) == covered(FOLDER), f"rewrite {DEJAVU.coverage}"
    assert re.match(
        r"# Code points drawn by fonts-dejavu-core \(Version 2\.37\)", (LISTS / DEJAVU.coverage).read_text()
    )
