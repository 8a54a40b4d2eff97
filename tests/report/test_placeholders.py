"""A platform's placeholder ("This message was deleted", "null" for view-once) is flagged wherever items are
listed, so it is not read as the sender's words (the chronology and `items` showed "John Smith: null")."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report, render_html
from footprint.report import schedules as sch


def _case(case: Case, tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat with John Smith.txt"
    chat.write_text(
        "14/03/2024, 09:15 - John Smith: null\n14/03/2024, 09:16 - John Smith: see you\n", encoding="utf-8"
    )
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", date_order="dmy"))


def test_the_chronology_flags_a_placeholder(case: Case, tmp_path: Path) -> None:
    _case(case, tmp_path)
    model = build_report(case)
    rows = list(csv.DictReader(io.StringIO(sch.chronology(model))))
    assert [r["Flags"] for r in rows] == ["placeholder: view_once", ""]
    assert '<span class="flag">[placeholder: view_once]</span>' in render_html(model)


def test_items_flag_a_placeholder(case: Case, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    _case(case, tmp_path)
    lines = run_cli("items", str(case.dir)).output.splitlines()
    assert lines[0].endswith("John Smith: null [placeholder: view_once]")
    assert lines[1].endswith("John Smith: see you")
