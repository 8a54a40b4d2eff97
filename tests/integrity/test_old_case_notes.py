"""`verify` on a case made before 30 November says what it could not check (upgrade review 7)."""

from __future__ import annotations

import json

from footprint.case import Case
from footprint.integrity import verify_case
from footprint.integrity.outputs import expected_outputs, overwritten_notes
from footprint.model import AuditEntry


def _report(seq: int, outputs: dict[str, str], action: str = "report") -> AuditEntry:
    return AuditEntry(
        seq,
        "2026-11-28T12:00:00Z",
        "DC Old",
        "investigator",
        action,
        "reports",
        "",
        json.dumps({"outputs": outputs}),
        "",
        "",
    )


def test_outputs_an_old_report_wrote_over_in_place_are_named_as_not_checkable() -> None:
    # before: entry 22's outputs silently gave way to entry 37's, and verify said nothing of them
    entries = [
        _report(22, {"reports/report.html": "a" * 64, "reports/report.pdf": "b" * 64}),
        _report(37, {"reports/report.html": "c" * 64, "reports/report.pdf": "d" * 64}),
        _report(40, {"reports/report.html": "e" * 64, "reports/extra.csv": "f" * 64}),
    ]
    assert overwritten_notes(entries) == [
        "audit entry 22: its 2 report output(s) were written over in place by the report at audit entry 37"
        " (made before Footprint moved earlier reports aside), so they cannot be checked",
        "audit entry 37: its 1 report output(s) were written over in place by the report at audit entry 40"
        " (made before Footprint moved earlier reports aside), so they cannot be checked",
    ]
    assert expected_outputs(entries) == {
        "reports/report.html": ("e" * 64, 40),
        "reports/report.pdf": ("d" * 64, 37),
        "reports/extra.csv": ("f" * 64, 40),
    }


def test_a_later_report_that_moved_the_earlier_aside_leaves_nothing_unchecked() -> None:
    moved = AuditEntry(
        23,
        "2026-11-30T12:00:00Z",
        "DC",
        "investigator",
        "supersede report",
        "reports",
        "",
        json.dumps({"moved": {"reports/report.html": "reports/superseded/1/report.html"}}),
        "",
        "",
    )
    entries = [
        _report(22, {"reports/report.html": "a" * 64}),
        moved,
        _report(24, {"reports/report.html": "b" * 64}),
    ]
    assert overwritten_notes(entries) == []


def test_a_folder_without_a_case_id_is_said_to_be_matched_by_its_head_alone(case: Case) -> None:
    config = json.loads((case.dir / "case.json").read_text())
    note = (
        "case.json records no case_id (the case was made before 30 November 2026): the folder is matched to"
        " its database by audit.head alone (the newest audit entry it recorded), not also by the case's"
        " first entry"
    )
    assert note not in verify_case(case).notes
    del config["case_id"]
    (case.dir / "case.json").write_text(json.dumps(config))  # as case init wrote it before 30 November
    assert note in verify_case(case).notes
