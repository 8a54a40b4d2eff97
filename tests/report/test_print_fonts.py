"""The printed copy draws the community scripts with the Noto fonts installed at the OS level (Hindi,
Bengali, Punjabi, Chinese, Urdu), names the fonts that drew it, and, when one is not installed, prints
its characters as code points (never inside a word) and says so."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result

from footprint.case import Case
from footprint.report import build_report, render_html
from footprint.report import print_fonts as pf
from footprint.report.build import ReportModel
from footprint.report.charts import render_charts
from footprint.report.glyphs import coverage, mark_undrawable
from footprint.report.pdf import render_pdf

from .pdfua import pdfua_problems

THREAT = "I will kill you if you go to the police"
HINDI = "मैं तुम्हें मार डालूँगा कुतिया"
BENGALI = "আমি তোমাকে মেরে ফেলব"
PUNJABI = "ਮੈਂ ਤੈਨੂੰ ਮਾਰ ਦਿਆਂਗਾ"
CHINESE = "我要杀了你，贱人"
URDU = "میں تمہیں مار دوں گا"  # ہ U+06C1: a letter DejaVu Sans lacks
NOTO = {f.family: f for f in pf.NOTO}
HEAD = "<html><head></head><body>"
CJK_WARNING = (
    "fonts-noto-cjk is not installed: Chinese, Japanese and Korean characters are printed as code points;"
    " install it and run `footprint report` again"
)


def _installed(*families: str) -> bool:
    return all(pf.lookup(f) is not None for f in families)


needs_noto = pytest.mark.skipif(
    not _installed(*NOTO), reason="fonts-noto-core and fonts-noto-cjk not installed (.ci/run installs them)"
)


@pytest.fixture
def fonts_missing(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """The families named in the set are "not installed": fontconfig's lookup finds nothing for them."""
    gone: set[str] = set()
    real = pf.lookup
    monkeypatch.setattr(
        pf, "lookup", lambda family, style="Regular": None if family in gone else real(family, style)
    )
    pf.installed.cache_clear()
    yield gone
    pf.installed.cache_clear()


def _gone(fonts_missing: set[str], *families: str) -> None:
    fonts_missing.update(families)
    pf.installed.cache_clear()


def _with(model: ReportModel, text: str) -> ReportModel:
    rows = [
        replace(r, item=replace(r.item, text=text)) if r.item.text == THREAT else r for r in model.chronology
    ]
    return replace(model, chronology=rows)


def _run(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
                          capture_output=True, check=True, text=True).stdout  # fmt: skip


@needs_noto
def test_the_printed_copy_draws_hindi_bengali_punjabi_chinese_and_urdu_with_the_noto_fonts(
    report_case: Case, tmp_path: Path, fonts_missing: set[str]
) -> None:
    text = f"{HINDI} {BENGALI} {PUNJABI} {CHINESE} {URDU}"
    model = _with(build_report(report_case), text)
    pdf = render_pdf(model, render_charts(model.charts))
    fonts = _run("pdffonts", pdf, tmp_path)
    for name in ("Devanagari", "Bengali", "Gurmukhi", "CJK-SC"):
        assert f"+Noto-Sans-{name} " in fonts, name
    assert "+Noto-Naskh-Arabic " in fonts
    assert "undrawable" not in fonts  # no character was left to a code point
    flat = _run("pdftotext", pdf, tmp_path, "-enc", "UTF-8")
    assert not re.search(
        r"\[U\+\w+ (DEVANAGARI|BENGALI|GURMUKHI|CJK|FULLWIDTH|ARABIC)", " ".join(flat.split())
    )
    # the text layer: a vowel sign drawn before its consonant (Hindi "ि", Bengali "ি") does not come back
    # in its place (one glyph, one meaning in a PDF), so those words are not compared (docs/report.md)
    assert "मैं तुम्हें मार" in flat and PUNJABI in flat and CHINESE in "".join(flat.split())
    assert all(word in flat for word in URDU.split())
    assert pdfua_problems(pdf) == []  # the new fonts keep the PDF/UA-1 checks


def test_urdu_is_set_in_naskh_as_whole_words(fonts_missing: set[str]) -> None:
    if not _installed("Noto Naskh Arabic"):
        pytest.skip("Noto Naskh Arabic (fonts-noto-core) not installed")
    marked = mark_undrawable(f"{HEAD}<p>{URDU}، کل رات 8 بجے</p></body></html>")
    assert marked.split("<body>")[1] == (
        f'<p><span class="naskh">{URDU}، کل رات</span> 8 <span class="naskh">بجے</span></p></body></html>'
    )
    assert '.naskh { font-family: "Noto Naskh Arabic", "DejaVu Sans", ' in marked
    # Arabic DejaVu draws too is set in Naskh, even in a document with nothing else to mark
    assert '<p><span class="naskh">سأقتلك</span></p>' in mark_undrawable(f"{HEAD}<p>سأقتلك</p></body></html>")


def test_a_chart_names_what_dejavu_lacks_as_its_font_is_dejavu_alone(fonts_missing: set[str]) -> None:
    marked = mark_undrawable(f"{HEAD}<p>{PUNJABI}</p><svg><text>ਮ x</text></svg></body></html>")
    assert f"<p>{PUNJABI}</p><svg><text>[U+0A2E GURMUKHI LETTER MA] x</text></svg>" in marked


def test_without_naskh_an_urdu_word_keeps_its_letters_together_and_the_markers_follow_it(
    fonts_missing: set[str],
) -> None:
    _gone(fonts_missing, "Noto Naskh Arabic")
    marked = mark_undrawable(f"{HEAD}<p>{URDU}</p></body></html>").split("<body>")[1]
    undrawn = '<span class="undrawn">{}</span>'.format
    marker = '<span class="cp">[{}]</span>'.format
    assert marked == (
        f"<p>میں تم{undrawn('ہ')}یں{marker('U+06C1 ARABIC LETTER HEH GOAL')} مار دوں گا</p></body></html>"
    )
    # a word with two such letters: both markers after it
    assert mark_undrawable(f"{HEAD}<p>ہے ہ</p></body></html>").split("<body>")[1] == (
        f"<p>{undrawn('ہ')}{undrawn('ے')}{marker('U+06C1 ARABIC LETTER HEH GOAL')}"
        f"{marker('U+06D2 ARABIC LETTER YEH BARREE')} {undrawn('ہ')}{marker('U+06C1 ARABIC LETTER HEH GOAL')}"
        "</p></body></html>"
    )


def test_a_missing_font_prints_its_characters_as_code_points_and_says_so(
    report_case: Case, fonts_missing: set[str]
) -> None:
    _gone(fonts_missing, "Noto Sans CJK SC")
    assert pf.missing_warnings() == [CJK_WARNING]
    html = render_html(_with(build_report(report_case), CHINESE), printed=True)
    assert "我<" in html and "[U+6211 CJK UNIFIED IDEOGRAPH-6211]" in html
    assert f'<span class="flag">{CJK_WARNING}</span>' in html.replace("&#96;", "`")
    assert ". Not installed: Noto Sans CJK SC (fonts-noto-cjk). A character" in html
    assert '"Noto Sans CJK SC"' not in html  # nor in the font stack
    _gone(fonts_missing, *(f.family for f in pf.NOTO if f.package == "fonts-noto-core"))
    assert pf.missing_warnings()[0] == (
        "fonts-noto-core is not installed: Urdu and other Arabic-script letters that DejaVu Sans lacks,"
        " Devanagari (Hindi, Marathi, Nepali), Bengali (Bangla, Sylheti), Gurmukhi (Punjabi), Gujarati, Tamil,"
        " Telugu, Kannada, Malayalam, Sinhala, Thai and Ethiopic (Amharic, Tigrinya) characters are printed as"
        " code points; install it and run `footprint report` again"
    )


def test_one_font_of_a_package_missing_is_named(fonts_missing: set[str]) -> None:
    _gone(fonts_missing, "Noto Sans Gurmukhi")
    assert pf.missing_warnings()[:1] == [
        "Noto Sans Gurmukhi (fonts-noto-core) is not installed: Gurmukhi (Punjabi) characters are printed as"
        " code points; install it and run `footprint report` again"
    ]
    assert '<span class="undrawn">ਮ</span>' in mark_undrawable(f"{HEAD}<p>{PUNJABI}</p></body></html>")


@needs_noto
def test_another_version_than_the_list_was_made_from_is_warned_of(
    monkeypatch: pytest.MonkeyPatch, fonts_missing: set[str]
) -> None:
    real = pf.file_version
    monkeypatch.setattr(
        pf, "file_version", lambda path, face="": "9.9" if "Thai" in path.name else real(path, face)
    )
    pf.installed.cache_clear()
    assert pf.missing_warnings() == [
        "Noto Sans Thai is version 9.9, not the 2.000 that report/fonts/noto-sans-thai.txt lists: a character"
        " the two versions draw differently may print as a box or in another font (tools/font_coverage.py"
        " rewrites the list)"
    ]


@needs_noto
def test_the_printed_copy_names_each_font_its_version_and_the_hash_of_their_files(
    report_case: Case, fonts_missing: set[str]
) -> None:
    html = render_html(build_report(report_case), printed=True)
    assert (
        "<td>DejaVu Sans 2.37 (fonts-dejavu-core); Noto Naskh Arabic 2.004, Noto Sans Devanagari 2.001,"
        " Noto Sans Bengali 2.001, Noto Sans Gurmukhi 2.001, Noto Sans Gujarati 2.001, Noto Sans Tamil 2.001,"
        " Noto Sans Telugu 2.001, Noto Sans Kannada 2.001, Noto Sans Malayalam 2.001, Noto Sans Sinhala 2.001,"
        " Noto Sans Thai 2.000, Noto Sans Ethiopic 2.000 (fonts-noto-core); Noto Sans CJK SC 2.004"
        " (fonts-noto-cjk); SHA-256 of their 30 files" in html
    )
    paths = {p for f in pf.FONTS for family in (f.family, "DejaVu Sans Mono") for style in ("Regular", "Bold")
             if (p := pf.lookup(family, style)) is not None and (family == f.family or f is pf.DEJAVU)}  # fmt: skip
    lines = sorted((p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in paths)
    digest = hashlib.sha256("".join(f"{h}  {n}\n" for n, h in lines).encode()).hexdigest()
    assert len(lines) == 30 and f'in name order) <span class="mono">{digest}</span>.' in html
    assert "Fonts of this printed copy" not in render_html(build_report(report_case))  # the browser's own


@needs_noto
def test_each_shipped_list_is_what_the_installed_font_draws() -> None:
    from tools.font_coverage import font_covered, listing

    for font in pf.NOTO:
        assert coverage(font) == font_covered(font), f"rewrite {font.coverage}"
        assert (pf.FOLDER / font.coverage).read_text().splitlines()[0] == listing(font).splitlines()[0]


@pytest.mark.slow
def test_report_pdf_warns_of_a_missing_font_on_the_console_and_in_the_method_appendix(
    report_case: Case, run_cli: Callable[..., Result], fonts_missing: set[str], tmp_path: Path
) -> None:
    _gone(fonts_missing, "Noto Sans CJK SC")
    result = run_cli("report", str(report_case.dir), "--pdf")
    assert result.exit_code == 0, result.output
    assert f"Warning: {CJK_WARNING}\n" in result.stderr
    pdf = (report_case.dir / "reports" / "report.pdf").read_bytes()
    flat = " ".join(_run("pdftotext", pdf, tmp_path, "-enc", "UTF-8").split())
    assert CJK_WARNING in flat and "Not installed: Noto Sans CJK SC (fonts-noto-cjk)." in flat
    assert "Warning:" not in run_cli("report", str(report_case.dir)).stderr  # no PDF, no fonts
