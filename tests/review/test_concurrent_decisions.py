"""Two people deciding on one finding at once: the check of what the decider last saw, the decision and its
time are taken under the lock that orders the writers, so the second is refused (or told what it replaces)
and the times agree with the order. The transactions are interleaved by hand, not by timing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.cli import cli
from footprint.review import decide, history
from footprint.review.decisions import Decided, DecidedMeanwhileError
from footprint.settings import Settings
from footprint.store.decisions import insert_decision, wait_for_runs
from footprint.times import now_utc
from tests.conftest import store_findings
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)
from tests.store.test_paged import closing  # noqa: F401  (the fixture: the cases the commands open, closed)

REFUSED = (
    "DS Ravi recorded a decision on this finding (dismissed) after you opened it; read it in the history and"
    " decide again"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_case(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Case]:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    settings = Settings(actor="tester", role="investigator", database_url=url)
    case = Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings)
    yield case
    case.close()


def _finding(case: Case) -> int:
    store_findings(case, "labels", [FindingDraft(None, "threat_to_kill", 0.9, "a test finding")])
    return case.store.findings()[0].id


def _reviews(case: Case) -> list[tuple[str, str, str]]:
    return [
        (e.actor, e.action, e.object) for e in case.store.audit_entries() if e.action.startswith("review")
    ]


def _before_the_next_transaction(monkeypatch: pytest.MonkeyPatch, colleague: Callable[[], object]) -> None:
    """Run ``colleague`` (a whole decision, committed) just before the next transaction begins: after the
    decider's page or command read the finding, before her decision is written."""
    pending = [colleague]
    original = Case.transaction

    def interleaved(self: Case, *args: Any, **kwargs: Any) -> Any:
        if pending:
            pending.pop()()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Case, "transaction", interleaved)


def test_a_colleagues_decision_made_while_she_decides_refuses_hers(
    any_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    fid = _finding(any_case)
    jane, ravi = any_case.acting_as("DC Jane Patel", "reviewer"), any_case.acting_as("DS Ravi", "reviewer")
    _before_the_next_transaction(monkeypatch, lambda: decide(ravi, fid, "dismiss", "a song lyric"))
    with pytest.raises(DecidedMeanwhileError) as caught:
        decide(jane, fid, "confirm", "a clear threat", seen="")  # she saw no decision
    assert str(caught.value) == REFUSED
    assert caught.value.http_status == 409
    assert [(d.user, d.decision) for d in history(any_case, fid)] == [("DS Ravi", "dismissed")]
    assert _reviews(any_case) == [("DS Ravi", "review dismiss", f"finding {fid}")]
    # having read it, she decides again, naming the decision she has now seen
    again = decide(jane, fid, "confirm", "a clear threat", seen=str(history(any_case, fid)[0].id))
    assert again.replaced is not None and again.replaced.user == "DS Ravi"
    assert any_case.store.findings()[0].decision == "confirmed"


def test_without_seen_the_decision_says_what_it_replaces(
    any_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    fid = _finding(any_case)
    jane, ravi = any_case.acting_as("DC Jane Patel", "reviewer"), any_case.acting_as("DS Ravi", "reviewer")
    _before_the_next_transaction(monkeypatch, lambda: decide(ravi, fid, "dismiss", "a song lyric"))
    decided = decide(jane, fid, "confirm", "a clear threat")
    [dismissed, confirmed] = history(any_case, fid)
    assert decided == Decided(confirmed.id, dismissed)
    assert (dismissed.user, confirmed.user) == ("DS Ravi", "DC Jane Patel")


def _cli(case: Case, actor: str, *args: str) -> Any:
    url = case.settings.database_url
    return CliRunner().invoke(
        cli, ["--actor", actor, "--role", "reviewer", *(["--db", url] if url else []), *args]
    )


@pytest.mark.usefixtures("closing")
def test_the_cli_refuses_a_decision_when_the_latest_is_not_the_one_seen(
    any_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    fid = _finding(any_case)
    bogus = _cli(
        any_case, "bob", "review", str(any_case.dir), str(fid), "--note", "--reason", "y", "--seen", "7"
    )
    assert (
        bogus.output
        == f"Error: finding {fid} has no decision yet, not decision 7; nothing was recorded: give --seen 0\n"
    )
    ravi = any_case.acting_as("DS Ravi", "reviewer")
    _before_the_next_transaction(monkeypatch, lambda: decide(ravi, fid, "dismiss", "a song\nlyric"))
    refused = _cli(
        any_case, "alice", "review", str(any_case.dir), str(fid), "--confirm", "--reason", "x", "--seen", "0"
    )
    [dismissed] = history(any_case, fid)
    assert refused.exit_code == 1
    assert refused.output == (
        f"Error: finding {fid}: the latest decision on it is DS Ravi's decision {dismissed.id} (dismissed at"
        f' {dismissed.at_utc}: "a song lyric"), not none as --seen says; nothing was recorded: weigh it and'
        f" decide again with --seen {dismissed.id}\n"
    )
    assert _reviews(any_case) == [("DS Ravi", "review dismiss", f"finding {fid}")]
    agreed = _cli(
        any_case,
        "alice",
        "review",
        str(any_case.dir),
        str(fid),
        "--confirm",
        "--reason",
        "x",
        "--seen",
        str(dismissed.id),
    )
    assert agreed.exit_code == 0, agreed.output
    # she weighed it (--seen): nothing more is said of it
    assert agreed.output == f"finding {fid}: confirmed by alice (decision {dismissed.id + 1})\n"
    stale = _cli(
        any_case, "bob", "review", str(any_case.dir), str(fid), "--note", "--reason", "y", "--seen", "0"
    )
    assert stale.exit_code == 1
    assert f"the latest decision on it is alice's decision {dismissed.id + 1} (confirmed at" in stale.output


@pytest.mark.usefixtures("closing")
def test_without_seen_the_cli_says_when_a_decision_replaces_a_colleagues(any_case: Case) -> None:
    fid = _finding(any_case)
    first = _cli(any_case, "alice", "review", str(any_case.dir), str(fid), "--confirm", "--reason", "x")
    second = _cli(
        any_case, "alice", "review", str(any_case.dir), str(fid), "--dismiss", "--reason", "a\nlyric"
    )
    third = _cli(any_case, "bob", "review", str(any_case.dir), str(fid), "--note", "--reason", "z")
    at = history(any_case, fid)[1].at_utc
    assert (first.output, second.output, third.output) == (
        f"finding {fid}: confirmed by alice (decision 1)\n",
        f"finding {fid}: dismissed by alice (decision 2)\n",  # her own: nothing to say
        f"finding {fid}: noted by bob (decision 3)\n"
        f'  it replaces alice\'s decision 2 (dismissed at {at}: "a⏎lyric"); both are kept, the latest stands\n',
    )


def _waiting_for_the_lock(case: Case) -> None:
    """Return once a session waits for an advisory lock (the writers' lock) on the case's database."""
    deadline = time.monotonic() + 20
    with case.store.unscoped_engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            ).scalar()
            conn.rollback()
            if waiting:
                return
            time.sleep(0.01)
    raise AssertionError("the second decision never waited for the writers' lock")


def _while_ravi_decides(case: Case, fid: int, **jane: str) -> Decided | DecidedMeanwhileError:
    """Ravi's transaction holds the writers' lock; Jane's decision begins and waits for it; only then is
    Ravi's decision (and its time) written and committed, and Jane's goes on."""
    outcome: list[Decided | DecidedMeanwhileError] = []

    def jane_decides() -> None:
        try:
            outcome.append(
                decide(case.acting_as("DC Jane Patel", "reviewer"), fid, "confirm", "a threat", **jane)
            )
        except DecidedMeanwhileError as exc:
            outcome.append(exc)

    ravi = case.acting_as("DS Ravi", "reviewer")
    with ravi.transaction() as (tx, record):
        wait_for_runs(tx.conn)
        second = threading.Thread(target=jane_decides)
        second.start()
        _waiting_for_the_lock(case)
        decision_id = insert_decision(
            tx, finding_id=fid, user="DS Ravi", decision="dismissed", reason="a lyric", at_utc=now_utc()
        )
        record("review dismiss", f"finding {fid}", "a lyric", decision_id=decision_id)
    second.join(30)
    assert not second.is_alive()
    return outcome[0]


def test_on_postgresql_the_decision_waiting_for_the_lock_is_refused_once_it_has_it(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings)
    fid = _finding(case)
    refused = _while_ravi_decides(case, fid, seen="")
    assert isinstance(refused, DecidedMeanwhileError)
    assert str(refused) == REFUSED
    assert [(d.user, d.decision) for d in history(case, fid)] == [("DS Ravi", "dismissed")]
    case.close()


def test_on_postgresql_the_times_of_two_decisions_at_once_follow_their_order(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings)
    fid = _finding(case)
    decided = _while_ravi_decides(case, fid)
    assert isinstance(decided, Decided)
    [ravis, janes] = history(case, fid)
    assert (ravis.user, janes.user, decided.replaced) == ("DS Ravi", "DC Jane Patel", ravis)
    assert ravis.at_utc <= janes.at_utc  # her time was taken before the lock: it read earlier than his
    case.close()
