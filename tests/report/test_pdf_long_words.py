"""A very long unbroken word is laid out in the PDF in time that grows with its length, not its square,
and every one of its characters is still in the PDF's text; the HTML and the exports keep it exactly."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import ReportOptions, build_report, write_outputs
from footprint.report.charts import render_charts
from footprint.report.excerpt import MESSAGE_CHARS
from footprint.report.pdf import LONG_WORD, breakable_words, printed_html

ZWSP = "\u200b"
# Letters, digits, markup characters (escaped as entities in the HTML), a letter with a combining accent,
# and letters a font draws as one ligature.
UNITS = [*"abcdefghijklmnopqrstuvwxyz0123456789", "&", "<", ">", '"', "'", "e\u0301", "fl", "ffi"]


def _word(length: int) -> str:
    rng = random.Random(7)
    units: list[str] = []
    size = 0
    while size < length:
        units.append(rng.choice(UNITS))
        size += len(units[-1])
    return "".join(units)[:length]


@pytest.fixture
def long_word_case(case: Case, tmp_path: Path) -> tuple[Case, str]:
    word = _word(50_000)
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(
        f"14/03/2024, 09:10 - Ann Example: meet at the of{ZWSP}fice\n14/03/2024, 09:11 - Ann Example: {word}\n",
        encoding="utf-8",
    )
    add_exhibit(case, chat, AddOptions(producer="Ben Example"))
    return case, word


def test_a_long_run_may_break_after_any_character_but_not_inside_an_entity_or_before_an_accent() -> None:
    run = "a" * 195 + "&amp;" + "e\u0301" + "\u200dx" + "ffl"
    assert breakable_words(f"<p title='{run}'>{run}</p>") == (
        f"<p title='{run}'>" + ZWSP.join(["a"] * 195 + ["&amp;", "e\u0301\u200dx", "f", "f", "l"]) + "</p>"
    )
    short = "x" * LONG_WORD
    assert breakable_words(f"<p>{short} {short}</p>") == f"<p>{short} {short}</p>"


def test_the_head_and_charts_are_left_as_they_are() -> None:
    run = "y" * (LONG_WORD + 1)
    html = f"<html><head><title>{run}</title><style>.a{{}}</style></head><body><svg><text>{run}</text></svg></body>"
    assert breakable_words(html) == html


def test_a_50000_character_word_is_broken_for_layout_only_and_every_character_is_in_the_pdf_text(
    long_word_case: tuple[Case, str], tmp_path: Path
) -> None:
    # WeasyPrint's time for one unbroken word grows with the square of its length (4,000 characters:
    # 1.2 s; 8,000: 3.3 s; 16,000: 15 s), and each message a section shows may be 4,000 characters.
    case, word = long_word_case
    model = build_report(case)
    charts = render_charts(model.charts)
    printed = printed_html(model, charts)
    body = re.sub(r"<svg\b.*?</svg>", "", printed.split("</head>", 1)[1], flags=re.S)
    runs = [w for text in re.split(r"<[^>]*>", body) for w in re.split(rf"[\s{ZWSP}]+", text)]
    assert max(map(len, runs)) <= LONG_WORD  # one character between breaks (an entity, an accented letter)
    written = write_outputs(case, ReportOptions(pdf=True))
    shown = word[:MESSAGE_CHARS]
    html = (case.reports_dir / "report.html").read_text(encoding="utf-8")
    # the message's own zero-width space is named where it stands, so none is left in the page
    assert html.count(ZWSP) == 0 and "of[U+200B ZERO WIDTH SPACE]fice" in html
    assert (
        shown.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
        in html
    )
    items = [json.loads(line) for line in (case.reports_dir / "items.jsonl").read_text().splitlines()]
    assert [i["text"] for i in items] == [f"meet at the of{ZWSP}fice", word]
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed: the PDF's text was not read back")
    pdf = next(p for p in written.paths if p.name == "report.pdf")
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert ZWSP not in out
    # the marker wraps in its narrow cell; a ligature across the U+200B itself had lost "ffi" ("o ce")
    assert "meet at the of[U+200B ZERO WIDTH SPACE]fice" in " ".join(out.split())
    # the message runs over several pages: take out each page's foot and head and the table's head
    tool = re.escape(f"{model.tool}{model.tool_version}")
    foot = re.escape(f"asatauditentry{model.audit_seq},chainhead{model.audit_head[:16]}")
    head = re.escape("RvTest—casereportNo.When(UK)ExhibitFromWhatFlags")
    # the page foot's boxes and lines are read in any order, the marking at foot and head
    between = rf"(?:{tool}|{foot}|OFFICIAL-SENSITIVE|page\d+of\d+|{head})+"
    assert shown in re.sub(between, "", "".join(out.split()))
    assert f"… {50_000 - MESSAGE_CHARS:,} more characters: the whole text is in items.jsonl" in " ".join(
        out.split()
    )
