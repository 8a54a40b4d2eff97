"""`verify` checks the advocate's finding numbers (``finding_number``) against the writes that gave them:
each records the digests of the number rows as it found them and as it left them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from footprint.analyse.base import FindingDraft
from footprint.case import Case, Recorder
from footprint.integrity import verify_case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.store.finding_numbers import give_numbers, number_digests
from footprint.validation.integrity_checks import tamper_sql
from tests.conftest import store_findings

CHAT = (
    "14/03/2024, 09:15 - Craig Smith: you will regret leaving me\n"
    "14/03/2024, 09:16 - Jane Doe: please stop contacting me\n"
    "14/03/2024, 09:17 - Craig Smith: I know where you are tonight\n"
)
#: after the latest write that gave numbers (audit entry 4)
AT_4 = "what `analyse` recorded at audit entry 4"


def _filled(case: Case, folder: Path) -> Case:
    """Entries: 1 case init; 2 add JD/1 (hers: an advocate sees its findings); 3 a detect run of three findings (numbers 1-3); 4 a monitoring
    run of one (number 4)."""
    (folder / "chat.txt").write_text(CHAT, encoding="utf-8")
    add_exhibit(case, folder / "chat.txt", AddOptions(producer="Jane Doe", victim_supplied=True))
    items = [i.id for i in case.store.iter_items()]
    store_findings(
        case,
        "detect",
        [
            FindingDraft(items[0], "threat_violence", 0.9, "a threat"),
            FindingDraft(items[1], "request_to_stop", 0.8, "she asks him to stop"),
            FindingDraft(items[2], "monitoring", 0.7, "he knows where she is"),
        ],
    )
    _second_run(case, items[2])
    return case


def _second_run(case: Case, item_id: int, analyser: str = "device") -> None:
    store_findings(case, analyser, [FindingDraft(item_id, "monitoring", 0.6, f"{analyser}: where she is")])


def _tamper(case: Case, statement: str) -> None:
    """Change the rows past their append-only guards: dropped and put back on SQLite, not fired on
    PostgreSQL."""
    if case.store.unscoped_engine.dialect.name != "postgresql":
        tamper_sql(case, statement)
        return
    with case.store.unscoped_engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))  # the triggers do not fire
        conn.execute(text(statement))


@pytest.fixture
def filled(any_case: Case, tmp_path: Path) -> Case:
    return _filled(any_case, tmp_path)


def _numbers(case: Case) -> list[tuple[int, int]]:
    with case.store.unscoped_engine.connect() as conn:
        rows = conn.execute(text("SELECT finding_id, number FROM finding_number ORDER BY finding_id"))
        return [(int(f), int(n)) for f, n in rows]


def test_each_write_that_gives_numbers_records_them_and_an_untouched_case_verifies(filled: Case) -> None:
    assert _numbers(filled) == [(1, 1), (2, 2), (3, 3), (4, 4)]
    recorded = {e.seq: json.loads(e.details).get("finding_numbers") for e in filled.store.audit_entries()}
    with filled.store.unscoped_engine.connect() as conn:
        now = number_digests(conn)
    assert now["rows"] == 4
    assert recorded[4] == {"given": 1, "before": recorded[3]["after"], "after": now}
    assert (recorded[3]["given"], recorded[3]["before"]["rows"], recorded[3]["after"]["rows"]) == (3, 0, 3)
    assert (recorded[2]["given"], recorded[2]["after"]["rows"]) == (0, 0)  # JD/1 marked hers: no findings yet
    assert recorded[1] is None
    result = verify_case(filled)
    assert (result.problems, result.notes) == ([], [])


def test_two_numbers_swapped_are_named(filled: Case) -> None:
    _tamper(filled, "UPDATE finding_number SET number = 3 - number WHERE finding_id IN (1, 2)")
    assert verify_case(filled).problems == [f"finding numbers: numbers differ from {AT_4}"]


def test_a_claim_changed_is_named(filled: Case) -> None:
    _tamper(filled, "UPDATE finding_number SET claim = 'x' WHERE finding_id = 3")
    assert verify_case(filled).problems == [f"finding numbers: claims differ from {AT_4}"]


def test_a_removed_row_is_counted(filled: Case) -> None:
    _tamper(filled, "DELETE FROM finding_number WHERE finding_id = 4")
    assert verify_case(filled).problems == [
        f"finding numbers: 3 rows now, 4 in {AT_4}",
        f"finding numbers: numbers differ from {AT_4}",
        f"finding numbers: claims differ from {AT_4}",
    ]


def test_a_row_removed_before_a_later_write_is_named_between_the_two(filled: Case) -> None:
    _tamper(filled, "DELETE FROM finding_number WHERE finding_id = 1")
    _second_run(filled, [i.id for i in filled.store.iter_items()][0], "images")  # entry 5: numbers finding 5
    assert verify_case(filled).problems == [
        "finding numbers: 3 rows `analyse` found at audit entry 5, 4 in what `analyse` left at audit entry"
        " 4 (changed outside Footprint between them)",
        "finding numbers: numbers differ in what `analyse` found at audit entry 5 from what `analyse` left at"
        " audit entry 4 (changed outside Footprint between them)",
        "finding numbers: claims differ in what `analyse` found at audit entry 5 from what `analyse` left at"
        " audit entry 4 (changed outside Footprint between them)",
    ]


def test_numbers_given_by_writes_that_did_not_record_them_are_noted(
    any_case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = Recorder.__call__

    def as_before(self: Recorder, action: str, object: str, justification: str = "", **details: Any) -> None:
        runs = self.tx.pending_numbers()  # an older Footprint gave them after its entry, unrecorded
        record(self, action, object, justification, **details)
        give_numbers(self.tx.conn, runs)

    monkeypatch.setattr(Recorder, "__call__", as_before)
    _filled(any_case, tmp_path)
    result = verify_case(any_case)
    assert (result.problems, result.notes) == (
        [],
        [
            "finding numbers: 4 row(s) not checked; no audit entry recorded them (recorded before Footprint"
            " kept digests of what it wrote)"
        ],
    )
    monkeypatch.setattr(Recorder, "__call__", record)
    _second_run(
        any_case, [i.id for i in any_case.store.iter_items()][0], "images"
    )  # entry 5 records them: 5 rows
    assert verify_case(any_case).problems == []
    _tamper(any_case, "DELETE FROM finding_number WHERE finding_id = 5")
    assert verify_case(any_case).problems[0] == (
        "finding numbers: 4 rows now, 5 in what `analyse` recorded at audit entry 5"
    )
