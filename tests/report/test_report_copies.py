"""The report lists a message held by two exhibits once, naming the copy, and counts its findings once."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse" / "law"))
from lawscenario import chat_held_twice  # noqa: E402

from footprint.case import Case  # noqa: E402
from footprint.report import build_report, render_html  # noqa: E402
from footprint.report import schedules as sch  # noqa: E402
from footprint.report.export import items_jsonl, timeline_jsonl  # noqa: E402


def test_the_chronology_shows_each_message_once_with_also_in(case: Case, tmp_path: Path) -> None:
    chat_held_twice(case, tmp_path, "zip")
    model = build_report(case)
    assert [(r.item.exhibit, r.item.locator, r.copies) for r in model.chronology] == [
        ("JD/1", f"line {n}", (f"JD/2 line {n}",)) for n in range(1, 6)
    ]
    assert [(r.item.exhibit, r.item.locator, r.copy_of) for r in model.copies] == [
        ("JD/2", f"line {n}", f"JD/1 line {n}") for n in range(1, 6)
    ]
    counts = {c.category: c.total for c in model.category_counts}
    assert (counts["threat_violence"], counts["request_to_stop"]) == (1, 1)
    rows = list(csv.DictReader(io.StringIO(sch.chronology(model), newline="")))
    assert [(r["Exhibit"], r["Locator"], r["Flags"]) for r in rows] == [
        ("JD/1", f"line {n}", f"also in JD/2 line {n}") for n in range(1, 6)
    ]
    html = render_html(model)
    assert '<span class="mono">line 2</span><br><span class="small">also in JD/2 line 2</span>' in html
    assert (
        "5 item(s), online and offline, from both sides, in time order. This is a list of every item" in html
    )
    assert (
        "which the officer in the case writes. Each row names its exhibit and the place in it. Each finding in"
        " the Flags column gives its number" in html
    )
    assert (
        "finding a person recorded has no score. 5 item(s) of later exhibits repeat messages already listed"
        in html
    )


def test_the_item_export_keeps_every_item_and_says_which_repeat_which(case: Case, tmp_path: Path) -> None:
    chat_held_twice(case, tmp_path, "folder")
    model = build_report(case)
    lines = [json.loads(line) for line in items_jsonl(model)]
    assert [(x["exhibit"], x["locator"], x.get("copies"), x.get("copy_of")) for x in lines[:2]] == [
        ("JD/1", "line 1", ["JD/2 line 1"], None),
        ("JD/2", "line 1", None, "JD/1 line 1"),
    ]
    assert len(lines) == 10
    timeline = [json.loads(line) for line in timeline_jsonl(model)]
    assert [(x["exhibit"], x["copies"]) for x in timeline] == [
        ("JD/1", [f"JD/2 line {n}"]) for n in range(1, 6)
    ]


def test_a_decision_made_on_the_copy_counts_for_the_message(case: Case, tmp_path: Path) -> None:
    # confirmed on JD/2's copy only: `assess` said "1 of 1 confirmed", the report's matrix "0 of 1" and
    # its category table 0 confirmed; the detection total counted each message twice
    from lawscenario import run_only

    from footprint.review import decide

    chat_held_twice(case, tmp_path, "zip")
    copy = next(f for f in case.store.findings("threat_violence") if f.exhibit == "JD/2")
    decide(case, copy.id, "confirm", "seen in the second copy")
    run_only(case, "law")
    model = build_report(case)
    counts = {c.category: (c.total, c.confirmed) for c in model.category_counts}
    assert counts["threat_violence"] == (1, 1)
    confirmed = [
        e.confirmed for a in model.assessments for o in a.offences for e in o.elements if e.confirmed
    ]
    assert "1 of 1 confirmed by a person" in confirmed
    assert model.statuses["detect"].note == "2 finding(s)"  # two labelled messages, each once


def test_a_system_line_held_by_both_exports_is_listed_once(case: Case, tmp_path: Path) -> None:
    # the encryption notice and the changed number of one chat exported twice were listed twice
    from footprint.pipeline import AddOptions, add_exhibit

    chat = tmp_path / "chat.txt"
    chat.write_text(
        "14/03/2024, 08:59 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
        "14/03/2024, 09:00 - John Smith: you will regret this\n"
        "14/03/2024, 09:05 - John Smith changed their phone number to a new number.\n",
        encoding="utf-8",
    )
    again = tmp_path / "again"
    again.mkdir()
    (again / "_chat.txt").write_bytes(chat.read_bytes())
    for path in (chat, again):
        add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    model = build_report(case)
    assert [(r.item.locator, r.item.system, r.copies) for r in model.chronology] == [
        ("line 1", True, ("JD/2 line 1",)),
        ("line 2", False, ("JD/2 line 2",)),
        ("line 3", True, ("JD/2 line 3",)),
    ]
    assert (
        '<span class="mono">line 3</span><br><span class="small">also in JD/2 line 3</span>'
        in render_html(model)
    )
