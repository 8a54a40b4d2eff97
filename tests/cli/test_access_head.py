"""The access log's best-effort head in the case folder (``footprint.access_head``): rows logged after the
latest `verify` and then removed are seen; a head that is missing, unreadable or behind is said, never in a
read's way."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

import footprint.access_head as access_head
from footprint.access_head import ACCESS_HEAD, record_access_head
from tests.cli.test_access_log import Run, _rows


def _verified(case: Path, run_cli: Run) -> tuple[list[str], list[str]]:
    document = json.loads(run_cli("verify", str(case), "--json").stdout)
    return document["problems"], document["notes"]


def _remove_from(case: Path, seq: int) -> None:
    """Remove the access log's rows from ``seq`` on, its guard put back after."""
    with sqlite3.connect(case / "case.db") as db:
        (guard,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'access_log_no_delete'").fetchone()
        db.execute("DROP TRIGGER access_log_no_delete")
        db.execute("DELETE FROM access_log WHERE seq >= ?", (seq,))
        db.execute(guard)


def test_each_read_records_its_row_as_the_folders_head(chat_case: Path, run_cli: Run) -> None:
    run_cli("items", str(chat_case))
    run_cli("ls", str(chat_case))
    last = _rows(chat_case)[-1]
    assert (chat_case / ACCESS_HEAD).read_text(encoding="ascii") == f"2 {last.hash}\n"
    record_access_head(chat_case, 1, _rows(chat_case)[0].hash)  # a slower colleague's older row
    assert (chat_case / ACCESS_HEAD).read_text(encoding="ascii") == f"2 {last.hash}\n"


def test_reads_logged_after_the_latest_verify_and_then_removed_are_seen(
    chat_case: Path, run_cli: Run
) -> None:
    run_cli("items", str(chat_case))
    assert run_cli("verify", str(chat_case)).exit_code == 0  # records entry 1 as the log's last: 2 is its own
    run_cli("search", str(chat_case), "hello")
    run_cli("items", str(chat_case), "--exhibit", "BE/1")
    last = _rows(chat_case)[-1]
    _remove_from(chat_case, 3)  # the search and the items after the verify: the chain alone is intact
    problems, _ = _verified(chat_case, run_cli)
    assert problems == [
        "access log tampered with: it ends at entry 2, but the case folder's access.head records entry 4"
        f" (hash {last.hash}) as its last: entries removed or replaced, or the database is older than the"
        " case folder"
    ]


def test_a_missing_or_unreadable_head_is_said_not_a_problem(chat_case: Path, run_cli: Run) -> None:
    run_cli("items", str(chat_case))
    (chat_case / ACCESS_HEAD).unlink()
    missing = (
        "access log: the case folder's access.head does not record its last entry (there is none), so entries"
        " removed from its end since the latest verify would not be seen"
    )
    assert _verified(chat_case, run_cli) == ([], [missing])  # its own row records the head again
    (chat_case / ACCESS_HEAD).write_text("garbage\n", encoding="ascii")
    assert _verified(chat_case, run_cli) == (
        [],
        [
            "access log: the case folder's access.head does not record its last entry (it cannot be read: it"
            " does not read 'NUMBER SHA-256'), so entries removed from its end since the latest verify would"
            " not be seen"
        ],
    )
    assert _verified(chat_case, run_cli) == ([], [])


def test_a_head_behind_the_log_is_said_not_a_problem(chat_case: Path, run_cli: Run) -> None:
    run_cli("items", str(chat_case))
    first = (chat_case / ACCESS_HEAD).read_text(encoding="ascii")
    run_cli("ls", str(chat_case))
    run_cli("ls", str(chat_case))
    (chat_case / ACCESS_HEAD).write_text(first, encoding="ascii")  # as a folder that could not be written
    assert _verified(chat_case, run_cli) == (
        [],
        [
            "access log: entries 2–3 were logged after the case folder's access.head (entry 1): read through"
            " another copy of the case folder, or where this one could not be written; their removal would"
            " not be seen here"
        ],
    )


def test_two_reads_at_once_never_move_the_head_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # before: the slower read (row 5) read the head (4), the faster wrote 6, then the slower wrote 5 over
    # it; verify then gave only a NOTE for row 6 (integrity review 5)
    (tmp_path / ACCESS_HEAD).write_text(f"4 {'4' * 64}\n", encoding="ascii")
    slower_read, faster_done = threading.Event(), threading.Event()
    read = access_head.read_access_head

    def slow_read(case_dir: Path) -> tuple[int, str] | str | None:
        found = read(case_dir)
        if threading.current_thread().name == "slower":
            slower_read.set()
            faster_done.wait(0.5)  # the faster read, unless it waits for this one, ends meanwhile
        return found

    def faster() -> None:
        try:
            record_access_head(tmp_path, 6, "6" * 64)
        finally:
            faster_done.set()

    monkeypatch.setattr(access_head, "read_access_head", slow_read)
    first = threading.Thread(target=record_access_head, args=(tmp_path, 5, "5" * 64), name="slower")
    first.start()
    assert slower_read.wait(10)
    second = threading.Thread(target=faster)
    second.start()
    first.join()
    second.join()
    assert (tmp_path / ACCESS_HEAD).read_text(encoding="ascii") == f"6 {'6' * 64}\n"
