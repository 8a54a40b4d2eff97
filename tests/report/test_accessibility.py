"""The HTML and PDF report against the WCAG 2.2 AA review of 29 November: charts named, described and
tabled, severity not by colour alone, every table captioned, offences as headings, a main landmark, the
language of foreign messages (the Chromium checks at 320 px are in test_browser.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report, render_html
from footprint.report.build import ChartData
from footprint.report.charts import activity, render_charts
from footprint.report.report_model import ChartDay
from footprint.report.sections import Segment

GREEK = "Θα σε βρω απόψε, το ξέρεις"
ARABIC = "\u0645\u0631\u062d\u0628\u0627 \u0633\u0623\u062c\u062f\u0643 100%!"
RUSSIAN = "Я тебя найду сегодня"


def test_each_chart_is_a_named_figure_with_a_caption_and_a_table_of_its_counts(report_case: Case) -> None:
    model = build_report(report_case)
    html = render_html(model)
    figures = re.findall(
        r'<figure class="chart">\n<svg role="img" aria-label="([^"]+)".*?</svg>\s*<figcaption>(.*?)</figcaption>',
        html,
        re.S,
    )
    assert figures == [
        (
            "Activity over time, flagged items by severity (marker shape and colour)",
            "Items per day: 13 item(s) on 7 day(s) from Mon 05/02/2024 to Wed 03/04/2024, the most on Tue"
            " 02/04/2024 (3); 3 flagged item(s) on 3 day(s), the most serious threat to kill (very high). A"
            " finding a person dismissed on review is not counted. Each day&#39;s counts are in the table below.",
        ),
        (
            "Contact by hour and weekday: accounts attributed to the suspect",
            "Contact from accounts attributed to the suspect by weekday and hour of day (UK time): 7 item(s), the"
            " most (3) on Tuesdays between 21:00 and 21:59. The count for each weekday and hour is in the table"
            " below.",
        ),
        (
            "Account links (label and line width: log10 likelihood ratio)",
            "1 link(s) between 2 accounts, each line labelled with its log10 likelihood ratio. Every link is"
            " listed with its reasons in the table below.",
        ),
    ]
    for name, _ in figures:  # the same name in the SVG's <title>, which the PDF's Figure tag takes
        assert f"<title>{name}</title>" in html
    days = re.search(r"<caption id=\"table-\d+\"><span>Items per day: the counts the activity chart plots"
                     r"</span></caption>\n<thead>.*?</thead>\n(.*?)</table>", html, re.S)  # fmt: skip
    assert days is not None
    assert days.group(1).splitlines()[:3] == [
        "<tr><td>Mon 05/02/2024</td><td>2</td><td>0</td><td>—</td></tr>",
        "<tr><td>Tue 06/02/2024</td><td>2</td><td>1</td><td>monitoring (medium)</td></tr>",
        "<tr><td>Wed 07/02/2024</td><td>2</td><td>1</td><td>threat to kill (very high)</td></tr>",
    ]
    assert len(days.group(1).splitlines()) == len(model.charts.days)
    heat = re.search(
        r"the counts the chart shades</span></caption>\n<thead>(.*?)</thead>\n(.*?)</table>", html, re.S
    )
    assert heat is not None
    assert heat.group(1).count('<th scope="col">') == 25  # the weekday, then hours 00 to 23
    rows = re.findall(r'<tr><th scope="row">(\w+)</th>((?:<td>\d+</td>){24})</tr>', heat.group(2))
    assert [day for day, _ in rows] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    counts = [[int(n) for n in re.findall(r"\d+", cells)] for _, cells in rows]
    assert counts == [list(r) for r in model.charts.heatmap]


def test_severity_is_shown_by_marker_shape_as_well_as_colour() -> None:
    days = (ChartDay("2024-02-05", 3, 0, 0), ChartDay("2024-02-06", 3, 1, 2), ChartDay("2024-02-07", 2, 2, 3),
            ChartDay("2024-02-08", 2, 1, 4), ChartDay("2024-02-09", 2, 1, 5))  # fmt: skip
    svg = activity(ChartData(days=days, heatmap=(), heatmap_of="", edges=()))
    assert svg is not None
    groups = re.findall(r'<g id="activity-PathCollection_\d+">\s*<defs>\s*<path id="[^"]+" d="([^"]+)"', svg)
    assert len(groups) == 4 and len(set(groups)) == 4  # low, medium, high, very high: four shapes
    for label in ("flagged: low", "medium", "high", "very high"):
        assert f">{label}</text>" in svg


def test_heatmap_writes_each_count_in_its_cell() -> None:
    heat = tuple(
        tuple(12 if (d, h) == (2, 21) else 1 if (d, h) == (0, 7) else 0 for h in range(24)) for d in range(7)
    )
    svg = render_charts(ChartData(days=(), heatmap=heat, heatmap_of="x", edges=()))["heatmap"]
    assert svg is not None
    cells = re.findall(r'<text style="font-size: 5.5px; [^"]*?(fill: #ffffff)?"[^>]*>(\d+)</text>', svg)
    assert cells == [("", "1"), ("fill: #ffffff", "12")]  # white on the darkest cells


def test_every_table_has_a_caption_in_a_named_region_and_the_report_a_main_landmark(
    report_case: Case,
) -> None:
    html = render_html(build_report(report_case))
    tables = re.findall(r'<div class="scroll" role="region" tabindex="0" aria-labelledby="([^"]+)">\n<table[^>]*>\n'
                        r'<caption id="([^"]+)">', html)  # fmt: skip
    assert len(tables) == html.count("<table") and len(tables) > 20
    assert all(a == b for a, b in tables) and len({a for a, _ in tables}) == len(tables)
    assert html.count("<main>") == 1 and html.count("</main>") == 1
    assert html.index("<main>") < html.index("<h1>") and html.index("</main>") > html.rindex("</table>")
    assert html.index("</main>") < html.index("</body>")


def test_each_offence_is_a_heading_with_its_details_in_text_not_a_table_header(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    offences = html[html.index('<h2 id="offences">') : html.index('<h2 id="links">')]
    assert "colspan" not in offences
    headings = re.findall(
        r"<h4>(.*?)</h4>\n<p class=\"offence\">Status: <span class=\"(st-\w+)\">(.*?)</span>", offences
    )
    assert (
        "Stalking — Protection from Harassment Act 1997 s.2A",
        "st-missing",
        "out of time (summary only): cannot be charged",  # its six months ended on 02/10/2024
    ) in headings
    assert len(headings) == offences.count("<h4>") == offences.count("<caption ")
    assert (
        '<caption id="table-19"><span>Elements of Stalking: the status of each and the items behind it</span></caption>'
        '\n<thead><tr><th style="width:45%">Element</th>'
    ) in offences


def test_foreign_message_text_carries_its_language(case: Case, tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat with Ali.txt"
    lines = [f"12/03/2024, 21:1{n} - Ali: {t}" for n, t in enumerate((GREEK, ARABIC, RUSSIAN, "See you"))]
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", date_order="dmy"))
    html = render_html(build_report(case))
    assert f'<span class="text" lang="el">{GREEK}</span>' in html
    assert f'<span class="text" lang="ar">{ARABIC}</span>' in html
    assert f'<span class="text">{RUSSIAN}</span>' in html and '<span class="text">See you</span>' in html
    assert "unicode-bidi: plaintext" in html


def test_a_foreign_line_of_a_flagged_conversation_carries_its_language(report_case: Case) -> None:
    model = build_report(report_case)
    flagged = model.flagged[0]
    line = replace(
        flagged.context[0],
        item=replace(flagged.context[0].item, text=GREEK),
        segments=(Segment(GREEK, False),),
    )
    model = replace(
        model, flagged=(replace(flagged, context=(line, *flagged.context[1:])), *model.flagged[1:])
    )
    html = render_html(model)
    assert f'<br><span class="text" lang="el">{GREEK}</span>' in html


def _alt_texts(pdf: bytes) -> list[str]:
    """The /Alt strings of a PDF's structure elements (in its compressed object streams)."""
    alts: list[str] = []
    for start in re.finditer(rb"(?<!end)stream\r?\n", pdf):
        try:
            body = zlib.decompress(pdf[start.end() : pdf.index(b"endstream", start.end())])
        except zlib.error:
            continue
        alts += [
            re.sub(rb"\\(.)", rb"\1", a).decode() for a in re.findall(rb"/Alt \(((?:\\.|[^\\)])*)\)", body)
        ]
    return alts


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) not installed")
def test_pdf_tags_figures_captions_and_offence_headings(report_case: Case, tmp_path: Path) -> None:
    from footprint.report.pdf import render_pdf

    model = build_report(report_case)
    html = render_html(model)
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(model, render_charts(model.charts)))
    struct = subprocess.run(
        ["pdfinfo", "-struct", str(path)], capture_output=True, text=True, check=True
    ).stdout
    tags = re.findall(r"^\s*(\w+)", struct, re.M)
    assert tags.count("Figure") == 3
    assert tags.count("Caption") == html.count("<caption ") + 3  # each table's, each chart's figcaption
    assert tags.count("H4") == html.count("<h4>") > 0
    assert tags.count("H1") == 1
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Items per day: the counts the activity chart plots" in text
    assert _alt_texts(path.read_bytes()) == [  # each chart's Figure tag has its name, from the SVG's <title>
        "Activity over time, flagged items by severity (marker shape and colour)",
        "Contact by hour and weekday: accounts attributed to the suspect",
        "Account links (label and line width: log10 likelihood ratio)",
    ]
    assert "threat to kill (very high)" in text  # the table names the categories and their severity in words
