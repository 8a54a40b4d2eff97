"""The chronology is in time order to the millisecond, and agrees with the conduct analysers' "hours after".

A Discord export gives one message at ``09:15:00.1230000+00:00`` and her request to stop at
``10:15:00.0000000+01:00`` (09:15:00 UTC): stored as ``...:00.123Z`` and ``...:00Z``, which as text
sort the wrong way round (``.`` before ``Z``).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report
from footprint.report import schedules as sch
from footprint.synth.writers import write_csv
from tests import timeorder
from tests.conftest import store_findings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse" / "law"))
from lawscenario import run_only  # noqa: E402

DCE = [
    ["AuthorID", "Author", "Date", "Content", "Attachments", "Reactions"],
    ["1111", "alex.suspect", "2023-03-14T09:15:00.1230000+00:00", "you again", "", ""],
    ["2222", "victim", "2023-03-14T10:15:00.0000000+01:00", "leave me alone", "", ""],
    ["1111", "alex.suspect", "2023-03-14T09:14:59.9990000+00:00", "hello?", "", ""],
]


def _chronology(case: Case) -> list[dict[str, str]]:
    return list(
        csv.DictReader(io.StringIO(sch.chronology(build_report(case)).removeprefix(sch.BOM), newline=""))
    )


def test_the_chronology_and_the_hours_after_her_request_agree(case: Case, tmp_path: Path) -> None:
    export = tmp_path / "dce_export.csv"
    write_csv(export, DCE[0], DCE[1:])
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "Alex Suspect", "suspect")
    add_exhibit(case, export, AddOptions(producer="Jane Doe"))
    attribute_account(case, "discord:1111", "Alex Suspect", "investigator's decision")
    attribute_account(case, "discord:2222", "Jane Doe", "self-export owner", as_complainant=True)
    ids = {i.text: i.id for i in case.store.iter_items()}
    store_findings(case, "labels", [FindingDraft(ids["leave me alone"], "request_to_stop", 0.9, "planted")])
    run_only(case, "contact_after_request")
    [finding] = case.store.findings("contact_after_request")
    assert (finding.item_id, finding.details["hours_after"]) == (ids["you again"], 0.0)
    # 0.123 s after her request, listed before it in the export: said, and left to a person to check
    # ("0.0 hours after she asked him to stop", with both times shown as 09:15:00: court review 10)
    assert finding.explanation == (
        "Sent by Alex Suspect to her 0.123 second(s) after she asked him to stop (JD/1 line 3, 14/03/2023"
        " 09:15:00 GMT (+00:00), to discord:1111); 1 request(s) to stop before it. Check which came first:"
        " JD/1 line 3 (2023-03-14T09:15:00Z) and JD/1 line 2 (2023-03-14T09:15:00.123Z) are less than a"
        " second apart, a difference an export may not record exactly; JD/1 lists line 2 before line 3."
    )
    assert (finding.score, finding.details["to_check"]) == (0.5, True)
    rows = _chronology(case)
    assert [(r["When (UTC)"], r["Locator"], r["Text"]) for r in rows] == [
        ("2023-03-14T09:14:59.999Z", "line 4", "hello?"),
        ("2023-03-14T09:15:00Z", "line 3", "leave me alone"),
        ("2023-03-14T09:15:00.123Z", "line 2", "you again"),
    ]
    assert [r["No."] for r in rows] == ["1", "2", "3"]
    assert rows[2][sch.FINDINGS_COLUMN] == (
        f"finding {finding.id}: contact_after_request, score 0.50 (contact_after_request v12; unreviewed)"
    )


@pytest.mark.usefixtures("unchecked_rows")  # stored times are planted in SQL (tests/timeorder.py)
def test_the_chronology_csv_lists_mixed_precisions_in_time_order(case: Case, tmp_path: Path) -> None:
    timeorder.build(case, tmp_path / "exports")
    rows = _chronology(case)
    assert [(r["Exhibit"], r["Text"]) for r in rows] == timeorder.IN_TIME_ORDER
    stored = {text: at or "" for found in timeorder.STORED.values() for text, at in found}
    assert [r["When (UTC)"] for r in rows] == [stored[r["Text"]] for r in rows]  # shown as stored
