"""Times that fell in a clock change: shown as exported beside the resolved time, and flagged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report, render_html
from footprint.report import schedules as sch
from footprint.report.build import ReportModel
from footprint.report.export import items_jsonl, timeline_jsonl

SKIPPED = (
    "31/03/2024 02:30:00 BST (+01:00) (exported as “31/03/2024, 01:30”; time skipped by the clock change)"
)
AMBIGUOUS = "27/10/2024 01:30:00 BST (+01:00) (exported as “27/10/2024, 01:30”; ambiguous: BST or GMT)"


def add_clock_change_chat(case: Case, tmp_path: Path) -> None:
    """Exhibit BE/1: a time in the spring gap, one in the autumn fold and an ordinary one."""
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(
        "31/03/2024, 01:30 - Ann Example: in the spring gap\n"
        "27/10/2024, 01:30 - Ann Example: in the autumn fold\n"
        "28/10/2024, 09:00 - Ann Example: an ordinary time\n",
        encoding="utf-8",
    )
    add_exhibit(case, chat, AddOptions(producer="Ben Example", exhibit_ref="BE/1", date_order="dmy"))


@pytest.fixture
def model(case: Case, tmp_path: Path) -> ReportModel:
    add_clock_change_chat(case, tmp_path)
    return build_report(case)


def test_the_chronology_shows_the_exported_time_and_the_clock_change(model: ReportModel) -> None:
    # Shown as "02:30:00 BST" and "01:30:00 BST" with nothing saying the first never happened on a UK
    # clock or that the second could be GMT; the warnings were only under `items --warnings`.
    assert [r.when for r in model.chronology] == [SKIPPED, AMBIGUOUS, "28/10/2024 09:00:00 GMT (+00:00)"]
    assert [r.item.details.get("clock_change") for r in model.chronology] == [
        "time skipped by the clock change",
        "ambiguous: BST or GMT",
        None,
    ]
    html = render_html(model)
    assert "time skipped by the clock change" in html and "ambiguous: BST or GMT" in html


def test_the_csv_and_the_exports_flag_the_clock_change(model: ReportModel) -> None:
    rows = list(csv.DictReader(io.StringIO(sch.chronology(model))))
    assert [r["Flags"] for r in rows] == ["time skipped by the clock change", "ambiguous: BST or GMT", ""]
    assert rows[0]["When (UK)"] == SKIPPED and rows[0]["Time as exported"] == "31/03/2024, 01:30"
    items = [json.loads(line) for line in items_jsonl(model)]
    assert [i["details"].get("clock_change") for i in items] == [
        "time skipped by the clock change",
        "ambiguous: BST or GMT",
        None,
    ]
    events = [json.loads(line) for line in timeline_jsonl(model)]
    assert [e["uk_time"] for e in events[:2]] == [SKIPPED, AMBIGUOUS]
    assert [e["clock_change"] for e in events] == [
        "time skipped by the clock change",
        "ambiguous: BST or GMT",
        "",
    ]


def test_the_accounts_table_flags_a_first_or_last_seen_time_in_a_clock_change(
    case: Case, tmp_path: Path
) -> None:
    # Defence review 8: the Accounts table gave "31/03/2024 02:30:00 BST" and "27/10/2024 01:30:00 BST" as
    # his first and last seen, with nothing saying one never happened on a UK clock and the other may be GMT.
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(
        "31/03/2024, 01:30 - Ben Example: in the spring gap\n"
        "01/06/2024, 09:00 - Ann Example: an ordinary time\n"
        "27/10/2024, 01:30 - Ben Example: in the autumn fold\n",
        encoding="utf-8",
    )
    add_exhibit(case, chat, AddOptions(producer="Ben Example", exhibit_ref="BE/1", date_order="dmy"))
    model = build_report(case)
    seen = {a.key: model.account_seen[a.id] for a in model.accounts}
    assert seen == {
        "whatsapp:Ben Example": (SKIPPED, AMBIGUOUS),
        "whatsapp:Ann Example": ("01/06/2024 09:00:00 BST (+01:00)", "01/06/2024 09:00:00 BST (+01:00)"),
    }
    html = render_html(model)
    assert f"<td>Ben Example</td><td>{SKIPPED}</td><td>{AMBIGUOUS}</td>" in html
