"""The access log (DPA 2018 s.62): each command that reads a case leaves one row, the read goes ahead when
the row cannot be written, `access-log` shows the rows, and `verify` checks their chain apart from the
audit chain."""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from footprint import access_record
from footprint.access_log import AccessEntry, chain_problems
from footprint.analysis_gaps import NEVER
from footprint.cli import cli
from footprint.code_identity import tool_version
from footprint.settings import login_name
from footprint.store.access_rows import access_entries
from footprint.store.engine import make_engine

Run = Callable[..., Result]
LOGIN = login_name()
NOT_LOGGED = (
    "Warning: this read was not recorded in the case's access log ({why}); the read itself went ahead\n"
)


def _rows(case: Path) -> list[AccessEntry]:
    engine = make_engine(f"sqlite:///{case / 'case.db'}")
    try:
        with engine.connect() as conn:
            return access_entries(conn)
    finally:
        engine.dispose()


def _row(entry: AccessEntry) -> tuple[object, ...]:
    """An entry's fields but its time and hashes."""
    return (
        entry.seq, entry.actor, entry.role, entry.os_user, entry.command, json.loads(entry.arguments),
        entry.lines_shown, entry.outcome, entry.purpose, entry.tool_version,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("command", "args", "arguments", "lines"),
    [
        ("ls", (), {}, 8),  # the table: title, borders and one row
        ("ls", ("--json",), {"--json": True}, 1),
        ("items", ("--json",), {"--json": True}, 2),
        ("items", ("--exhibit", "BE/1"), {"--exhibit": "BE/1"}, 2),
        ("search", ("hello", "--limit", "5"), {"QUERY": "hello", "--limit": 5}, 2),  # the hit and the count
        ("findings", ("--category", "threat_to_kill"), {"--category": "threat_to_kill"}, 1),
        ("link", ("--json",), {"--json": True}, 1),
        ("assess", ("--as-of", "2024-06-01"), {"--as-of": "2024-06-01"}, 6),
        ("order list", (), {}, 1),
        ("verify", ("--json",), {"--json": True}, 1),
        ("user ls", ("--json",), {"--json": True}, 1),
        ("access-log", ("--since", "2024-01-01"), {"--since": "2024-01-01"}, 1),
    ],
)
def test_each_read_command_leaves_one_row(
    chat_case: Path,
    run_cli: Run,
    command: str,
    args: tuple[str, ...],
    arguments: dict[str, object],
    lines: int,
) -> None:
    result = run_cli(*command.split(), str(chat_case), *args)
    # the case was never analysed: the commands that show findings say so on stderr
    said = f"Warning: {NEVER}\n" if command in ("findings", "assess") else ""
    assert (result.stderr, result.stdout.count("\n")) == (said, lines)
    assert [_row(e) for e in _rows(chat_case)] == [
        (1, "tester", "investigator", LOGIN, command, arguments, lines, "ok", "", tool_version())
    ]


@pytest.mark.slow
def test_report_leaves_one_row(chat_case: Path, run_cli: Run) -> None:
    result = run_cli("report", str(chat_case))
    written = result.stdout.count("\n")
    assert written > 5  # a path per file written
    assert [_row(e) for e in _rows(chat_case)] == [
        (1, "tester", "investigator", LOGIN, "report", {}, written, "ok", "", tool_version())
    ]


def test_a_command_that_changes_the_case_leaves_no_row(chat_case: Path, run_cli: Run) -> None:
    assert run_cli("person", "add", str(chat_case), "Ann Example", "--role", "complainant").exit_code == 0
    assert _rows(chat_case) == []


def test_the_purpose_the_actor_and_a_failed_read_are_recorded(chat_case: Path) -> None:
    runner = CliRunner(env={"FOOTPRINT_PURPOSE": "incident 42/2026"})
    shown = runner.invoke(
        cli, ["--actor", "DC Jane Patel", "--role", "reviewer", "ls", str(chat_case), "--json"]
    )
    given = runner.invoke(
        cli, ["--purpose", "disclosure review", "items", str(chat_case), "--exhibit", "XX/9"]
    )
    assert (shown.exit_code, given.exit_code) == (0, 1)
    assert [_row(e) for e in _rows(chat_case)] == [
        (1, "DC Jane Patel", "reviewer", LOGIN, "ls", {"--json": True}, 1, "ok", "incident 42/2026", tool_version()),
        (2, LOGIN, "investigator", LOGIN, "items", {"--exhibit": "XX/9"}, 0, "error", "disclosure review",
         tool_version()),
    ]  # fmt: skip
    entries = _rows(chat_case)
    assert chain_problems(entries) == [] and entries[1].prev_hash == entries[0].hash


def test_a_read_beside_a_writer_goes_ahead_and_says_it_was_not_logged(
    chat_case: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access_record, "ACCESS_WAIT_MS", 100)
    writer = sqlite3.connect(chat_case / "case.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # an add or an analyse holding the write lock
    try:
        result = run_cli("items", str(chat_case), "--json")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert (result.exit_code, result.stdout.count("\n")) == (0, 2)
    assert result.stderr == NOT_LOGGED.format(
        why="another command held the case's write lock for more than 0.1 s"
    )
    assert _rows(chat_case) == []


@contextmanager
def _read_only(database: Path) -> Iterator[None]:
    """``database`` as a read-only copy of a case is: mode 0400, and immutable when root (who may write a
    0400 file)."""
    database.chmod(0o400)
    root = os.geteuid() == 0
    if root and subprocess.run(["chattr", "+i", str(database)], capture_output=True).returncode != 0:
        database.chmod(0o600)
        pytest.skip("running as root without chattr +i: a 0400 file stays writable to root")
    try:
        yield
    finally:
        if root:
            subprocess.run(["chattr", "-i", str(database)], check=True)
        database.chmod(0o600)


def test_a_read_of_a_read_only_copy_goes_ahead_and_says_it_was_not_logged(
    chat_case: Path, run_cli: Run
) -> None:
    run_cli("ls", str(chat_case))  # SQLite's -wal and -shm files are there, as in a copy of a used case
    gc.collect()  # a connection of this process still open would lend the new one its writable descriptor
    with _read_only(chat_case / "case.db"):
        result = run_cli("items", str(chat_case), "--exhibit", "BE/1")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "BE/1 line 1 14/03/2024 09:15:00 GMT (+00:00) Ann Example: hello",
        "BE/1 line 2 14/03/2024 09:16:00 GMT (+00:00) Ben Example: hi",
    ]
    assert result.stderr == NOT_LOGGED.format(why="attempt to write a readonly database")
    assert [e.command for e in _rows(chat_case)] == ["ls"]


def test_access_log_lists_the_reads_and_is_itself_logged(chat_case: Path, run_cli: Run) -> None:
    run_cli("--purpose", "charging advice", "search", str(chat_case), "hello")
    listed = run_cli("access-log", str(chat_case))
    [first, count] = listed.stdout.splitlines()
    at = _rows(chat_case)[0].at_utc
    assert first == (
        f'1 {at} tester (investigator, login {LOGIN}): search {{"QUERY": "hello"}}, 2 line(s) shown — purpose:'
        " charging advice"
    )
    assert count == "1 read(s)"
    assert [e.command for e in _rows(chat_case)] == ["search", "access-log"]
    later = run_cli("access-log", str(chat_case), "--since", "2999-01-01T00:00:00Z", "--json")
    assert later.stdout == ""
    wrong = run_cli("access-log", str(chat_case), "--since", "last week")
    assert wrong.output == (
        "Error: --since 'last week' is not a date or time; give YYYY-MM-DD or an ISO 8601 time such as"
        " 2026-11-30T09:00:00Z\n"
    )


def test_a_viewer_may_not_read_the_access_log(chat_case: Path, run_cli: Run) -> None:
    result = run_cli("--role", "viewer", "access-log", str(chat_case))
    assert (result.exit_code, result.output) == (
        1,
        "Error: tester acts as 'viewer', which may not read the access log; ask the officer in the case (an"
        " investigator), a reviewer or a prosecutor for it\n",
    )


def _tamper(case: Path, sql: str) -> None:
    """Change the access log behind Footprint's back: its guards dropped first, as a tamperer must."""
    with sqlite3.connect(case / "case.db") as db:
        db.execute("DROP TRIGGER IF EXISTS access_log_no_update")
        db.execute("DROP TRIGGER IF EXISTS access_log_no_delete")
        db.execute(sql)


def test_verify_reports_an_access_log_changed_as_tampering_apart_from_the_audit_chain(
    chat_case: Path, run_cli: Run
) -> None:
    run_cli("items", str(chat_case))
    run_cli("ls", str(chat_case))
    _tamper(chat_case, "UPDATE access_log SET purpose = 'routine check' WHERE seq = 1")
    result = run_cli("verify", str(chat_case))
    assert result.exit_code == 1
    assert [line for line in result.stdout.splitlines() if line.startswith("PROBLEM")] == [
        "PROBLEM: database guard access_log_no_update is missing or disabled, so rows of table access_log can"
        " be changed (changed outside Footprint)",
        "PROBLEM: database guard access_log_no_delete is missing or disabled, so rows of table access_log can"
        " be removed (changed outside Footprint)",
        "PROBLEM: access log tampered with: entry 1 (items) was changed after it was written",
    ]


def test_verify_finds_the_newest_reads_removed_after_it_ran(chat_case: Path, run_cli: Run) -> None:
    run_cli("items", str(chat_case))
    ok = run_cli("verify", str(chat_case))
    assert ok.stdout.splitlines()[-1].endswith(
        f"; access log of 1 read(s) intact (head {_rows(chat_case)[0].hash})"
    )
    head, last = _rows(chat_case)[0].hash, _rows(chat_case)[-1]  # the verify's own row: the folder's head
    _tamper(chat_case, "DELETE FROM access_log WHERE seq >= 1")  # every row: the chain alone is intact
    result = run_cli("verify", str(chat_case), "--json")
    problems = json.loads(result.stdout)["problems"]
    assert [p for p in problems if p.startswith("access log")] == [
        (
            "access log tampered with: it ends at entry 0, but verify at audit entry 3 recorded entry 1 as its"
            f" last (hash {head}): entries removed or replaced"
        ),
        (
            "access log tampered with: it ends at entry 0, but the case folder's access.head records entry 2"
            f" (hash {last.hash}) as its last: entries removed or replaced, or the database is older than"
            " the case folder"
        ),
    ]


def test_a_read_whose_reader_stopped_early_is_logged_as_stopped(
    chat_case: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from footprint.cli import list_cmds

    def closed(_value: object) -> None:  # the reader (`| head -0`) has gone: the first line fails
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    monkeypatch.setattr(list_cmds, "emit_json", closed)
    result = run_cli("items", str(chat_case), "--json")
    assert (result.exit_code, result.output) == (141, "")  # as before: quietly, 128 + SIGPIPE
    assert [(e.command, e.lines_shown, e.outcome) for e in _rows(chat_case)] == [("items", 0, "stopped")]


def test_an_advocates_verify_after_the_officers_does_not_hide_reads_removed_at_the_end(
    chat_case: Path, run_cli: Run
) -> None:
    police = chat_case.parent / "WhatsApp Chat with Ben Example.txt"  # BE/2, held by the police
    police.write_text(
        "14/03/2024, 10:00 - Ben Example: seen it\n14/03/2024, 10:01 - Cy Example: ok\n", encoding="utf-8"
    )
    assert run_cli("add", str(chat_case), str(police), "--producer", "Ben Example").exit_code == 0
    assert run_cli("exhibit", "supplied", str(chat_case), "BE/1", "--reason", "she gave it").exit_code == 0
    run_cli("items", str(chat_case))
    anchored = _rows(chat_case)[-1]
    assert run_cli("verify", str(chat_case)).exit_code == 0  # the officer's: it records the log's last entry
    assert run_cli("--role", "advocate", "verify", str(chat_case)).exit_code == 0  # hers records none
    last = _rows(chat_case)[-1]  # her verify's row: the folder's head
    with sqlite3.connect(chat_case / "case.db") as db:  # the guard is put back as it was: only rows go
        (guard,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'access_log_no_delete'").fetchone()
        db.execute("DROP TRIGGER access_log_no_delete")
        db.execute("DELETE FROM access_log WHERE seq >= 1")
        db.execute(guard)
    problems = json.loads(run_cli("verify", str(chat_case), "--json").stdout)["problems"]
    assert problems == [
        f"access log tampered with: it ends at entry 0, but verify at audit entry 5 recorded entry"
        f" {anchored.seq} as its last (hash {anchored.hash}): entries removed or replaced",
        f"access log tampered with: it ends at entry 0, but the case folder's access.head records entry"
        f" {last.seq} (hash {last.hash}) as its last: entries removed or replaced, or the database is older"
        " than the case folder",
    ]
