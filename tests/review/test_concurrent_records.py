"""Two people recording findings at once: the check that no one recorded the same finding, and the time, are
taken under the lock that orders the writers (as a decision's), so a duplicate recorded meanwhile is refused
and the times follow the order the findings are written in. Interleaved by hand, not by timing."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.errors import InputError
from footprint.review import history, record_finding
from footprint.review import record as recording
from footprint.settings import Settings
from footprint.store.decisions import insert_recorded_finding, wait_for_runs
from tests.review.test_concurrent_decisions import (  # noqa: F401
    _before_the_next_transaction,
    _waiting_for_the_lock,
    any_case,
)
from tests.review.test_record import _item
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Recorded findings' clock: one second later each time it is read."""
    read = itertools.count()
    monkeypatch.setattr(recording, "now_utc", lambda: f"2026-11-30T10:00:{next(read):02d}Z")


def test_the_same_finding_recorded_meanwhile_by_a_colleague_refuses_hers(
    any_case: Case,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item_id = _item(any_case)
    jane, ravi = any_case.acting_as("DC Jane Patel", "reviewer"), any_case.acting_as("DS Ravi", "reviewer")
    _before_the_next_transaction(
        monkeypatch, lambda: record_finding(ravi, item_id, "money_demand", "voice note", (7, 11))
    )
    with pytest.raises(InputError) as caught:
        record_finding(jane, item_id, "money_demand", "demands £500", (7, 11))
    [ravis] = any_case.store.findings()
    assert str(caught.value) == (
        f"item {item_id} already has finding #{ravis.id} of category 'money_demand' on the same words,"
        f" recorded by DS Ravi (reviewer); nothing was added (a second would count twice): add a note to"
        f" #{ravis.id} instead"
    )
    assert [e.actor for e in any_case.store.audit_entries() if e.action == "record finding"] == ["DS Ravi"]


def _times_by_id(case: Case) -> list[str]:
    """The times of the findings people recorded (each its own run), in the order of their ids."""
    return [r.started_utc for r in sorted(case.store.runs(latest_only=False), key=lambda r: r.id)
            if r.analyser == "reviewer"]  # fmt: skip


@pytest.mark.usefixtures("clock")
def test_a_finding_recorded_while_hers_was_on_its_way_has_the_earlier_time(
    any_case: Case,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item_id = _item(any_case)
    jane, ravi = any_case.acting_as("DC Jane Patel", "reviewer"), any_case.acting_as("DS Ravi", "reviewer")
    _before_the_next_transaction(
        monkeypatch, lambda: record_finding(ravi, item_id, "money_demand", "voice note", (7, 11))
    )
    janes = record_finding(jane, item_id, "blackmail", "a demand", None).finding_id
    [ravis] = [f.id for f in any_case.store.findings() if f.category == "money_demand"]
    assert ravis < janes
    assert _times_by_id(any_case) == ["2026-11-30T10:00:00Z", "2026-11-30T10:00:01Z"]
    assert [d.at_utc for d in history(any_case, janes)] == ["2026-11-30T10:00:01Z"]


@pytest.mark.usefixtures("clock")
def test_on_postgresql_the_times_of_two_findings_recorded_at_once_follow_their_order(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings)
    item_id = _item(case)
    jane = case.acting_as("DC Jane Patel", "reviewer")
    second = threading.Thread(target=lambda: record_finding(jane, item_id, "blackmail", "a demand", None))
    # Ravi's transaction holds the writers' lock; Jane's begins and waits for it; only then is Ravi's
    # finding (and its time) written and committed, and Jane's goes on
    with case.acting_as("DS Ravi", "reviewer").transaction() as (tx, audit):
        wait_for_runs(tx.conn)
        second.start()
        _waiting_for_the_lock(case)
        details = {"recorded_by": "DS Ravi", "role": "reviewer", "reason": "voice note"}
        ravis = insert_recorded_finding(
            tx, item_id=item_id, category="money_demand", spans=((7, 11),), explanation="recorded",
            details=details, at_utc=recording.now_utc(),
        )  # fmt: skip
        audit("record finding", f"item {item_id}", "voice note", finding_id=ravis)
    second.join(30)
    assert not second.is_alive()
    [janes] = [f.id for f in case.store.findings() if f.category == "blackmail"]
    # his finding was written first and its time was read first: hers, read once she had the lock, is later
    assert ravis < janes
    assert _times_by_id(case) == ["2026-11-30T10:00:00Z", "2026-11-30T10:00:01Z"]
    case.close()
