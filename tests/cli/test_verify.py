"""`footprint verify DIR` beside another writer on SQLite: the checks' result is printed, and the audit entry
verify could not record is one clear error after a short wait (it was a raw "database is locked" after 30 s)."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from footprint import access_record, integrity

Run = Callable[..., Result]


@pytest.fixture
def held(chat_case: Path) -> Iterator[Path]:
    """The case, with another writer (an add, an analyse) holding its write lock throughout."""
    writer = sqlite3.connect(chat_case / "case.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    yield chat_case
    writer.execute("ROLLBACK")
    writer.close()


def _entries(case: Path) -> list[str]:
    with sqlite3.connect(case / "case.db") as db:
        return [action for (action,) in db.execute("SELECT action FROM audit ORDER BY seq")]


#: the read verify made is not in the access log either: its row waited for the same lock
NOT_LOGGED = (
    "Warning: this read was not recorded in the case's access log (another command held the case's write"
    " lock for more than 0.2 s); the read itself went ahead\n"
)


def _busy(case: Path) -> str:
    return (
        f"Error: {case}: another command is writing to this case (it held the case's write lock for more"
        " than 0.2 s, as an add or an analyse does); verify has checked everything (the result is above)"
        " but could not record its audit entry; run footprint verify again when that command finishes\n"
    )


def test_verify_beside_a_writer_prints_its_result_and_says_it_could_not_record_it(
    held: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(integrity, "RECORD_WAIT_SECONDS", 0.2, raising=False)
    monkeypatch.setattr(access_record, "ACCESS_WAIT_MS", 200)
    start = time.monotonic()
    result = run_cli("verify", str(held))
    assert time.monotonic() - start < 2
    assert result.exit_code == 1
    assert result.stdout.startswith("OK: 1 exhibit(s) and 0 attachment(s) match their SHA-256; audit chain")
    assert result.stderr == NOT_LOGGED + _busy(held)
    assert _entries(held) == ["case init", "add"]  # nothing recorded


def test_verify_json_beside_a_writer_keeps_the_document(
    held: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(integrity, "RECORD_WAIT_SECONDS", 0.2, raising=False)
    monkeypatch.setattr(access_record, "ACCESS_WAIT_MS", 200)
    result = run_cli("verify", str(held), "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert (document["exhibits"], document["problems"], document["audit_entries"]) == (1, [], 2)
    assert result.stderr == NOT_LOGGED + _busy(held)


def test_verify_records_its_entry_once_the_writer_has_finished(chat_case: Path, run_cli: Run) -> None:
    assert run_cli("verify", str(chat_case)).exit_code == 0
    assert _entries(chat_case) == ["case init", "add", "verify"]
