"""The access log on a team's PostgreSQL case: a database user who may only read still reads (the read is
said not to be logged), and a case folder copy behind the database, whose writes are refused, has its
reads logged. Needs FOOTPRINT_TEST_PG_URL."""

from __future__ import annotations

import gc
import json
import shutil
import uuid
import warnings
from pathlib import Path

import pytest
from sqlalchemy import make_url

from footprint.analysis_gaps import NEVER
from footprint.model import AuditEntry
from footprint.store import CaseStore
from footprint.store.access_rows import access_entries
from footprint.store.engine import make_engine
from tests.cli.test_read_only_copy import _read_only
from tests.store.test_postgres import CHAT
from tests.store.test_postgres_failures import _admin, _case, _cli, _point_at

pytestmark = pytest.mark.postgres


def _run(*args: str) -> tuple[int, str, str]:
    """A command's exit code, stdout and stderr; the connections of the case it opened (an error's
    traceback holds them) closed here, not in a later test."""
    result = _cli(*args)
    done = (result.exit_code, result.stdout, result.stderr)
    del result
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return done


def _commands(url: str) -> list[tuple[str, str]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [(e.actor, e.command) for e in access_entries(conn)]
    finally:
        engine.dispose()


def test_a_database_user_without_insert_reads_and_is_told_the_read_was_not_logged(
    tmp_path: Path, pg_url: str
) -> None:
    _case(tmp_path / "c", pg_url).close()
    database = make_url(pg_url).database
    role = f"fp_ro_{uuid.uuid4().hex[:8]}"
    _admin(f'CREATE ROLE "{role}" LOGIN')
    try:
        _admin(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"', database)
        _point_at(tmp_path / "c", make_url(pg_url).set(username=role).render_as_string(hide_password=False))
        code, out, err = _run("ls", str(tmp_path / "c"), "--json")
    finally:
        _admin(f'DROP OWNED BY "{role}"', database)
        _admin(f'DROP ROLE "{role}"')
    assert (code, out.count("\n")) == (0, 1)
    assert err == (
        "Warning: this read was not recorded in the case's access log (permission denied for table"
        " access_log); the read itself went ahead\n"
    )
    assert _commands(pg_url) == []


def test_reads_through_a_folder_copy_behind_the_database_are_logged(tmp_path: Path, pg_url: str) -> None:
    _case(tmp_path / "c", pg_url).close()
    shutil.copytree(tmp_path / "c", tmp_path / "copy")
    assert _cli("person", "add", str(tmp_path / "c"), "Ann Example", "--role", "suspect").exit_code == 0
    refused = _run("person", "add", str(tmp_path / "copy"), "Ben Example", "--role", "witness")
    assert refused[0] == 1  # the copy has not seen the audit entry written through the folder
    assert _run("--actor", "DC Jane Patel", "items", str(tmp_path / "copy")) == (0, "", "")
    assert _commands(pg_url) == [("DC Jane Patel", "items")]


def test_a_database_user_without_insert_verifies_searches_and_reports_unrecorded(
    tmp_path: Path, pg_url: str
) -> None:
    _case(tmp_path / "c", pg_url).close()
    (tmp_path / "chat.txt").write_text(CHAT, encoding="utf-8")
    assert _cli("add", str(tmp_path / "c"), str(tmp_path / "chat.txt"), "--producer", "Ben").exit_code == 0
    assert _cli("search", str(tmp_path / "c"), "kill").exit_code == 0  # its search index up to date
    audit = [e.seq for e in _audit(pg_url)]
    database = make_url(pg_url).database
    role = f"fp_ro_{uuid.uuid4().hex[:8]}"
    _admin(f'CREATE ROLE "{role}" LOGIN')
    try:
        _admin(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"', database)
        _point_at(tmp_path / "c", make_url(pg_url).set(username=role).render_as_string(hide_password=False))
        verified = _run("verify", str(tmp_path / "c"))
        searched = _run("search", str(tmp_path / "c"), "kill")
        reported = _run("report", str(tmp_path / "c"), "--out", str(tmp_path / "out"))
    finally:
        _admin(f'DROP OWNED BY "{role}"', database)
        _admin(f'DROP ROLE "{role}"')
    why = "its database refuses writes: permission denied for table audit"
    not_logged = (
        "Warning: this read was not recorded in the case's access log (permission denied for table"
        " access_log); the read itself went ahead\n"
    )
    assert (verified[0], verified[2]) == (0, not_logged)
    assert verified[1].splitlines()[-1] == (
        f"Warning: this verification was not recorded in the case's audit log: the case cannot be written"
        f" ({why}); nothing was written to it"
    )
    assert (searched[0], searched[2]) == (
        0,
        f"Warning: this search was not recorded in the case's audit log: the case cannot be written ({why});"
        " nothing was written to it\n" + not_logged,
    )
    assert (reported[0], reported[2], reported[1].splitlines()[:2]) == (
        0,
        f"Warning: {NEVER}\n" + not_logged,  # the case was never analysed: `report` says so first
        [
            "Warning: this report was not recorded in the case's audit log: the case cannot be written"
            f" ({why}); nothing was written to it",
            str(tmp_path / "out" / "items.jsonl"),
        ],
    )
    assert [e.seq for e in _audit(pg_url)] == audit  # nothing recorded since the search before
    assert _commands(pg_url) == [("tester", "search")]
    assert sorted(p.name for p in (tmp_path / "c" / "reports").iterdir()) == []


def _audit(url: str) -> list[AuditEntry]:
    engine = make_engine(url)
    try:
        return list(CaseStore(engine).audit_entries())
    finally:
        engine.dispose()


def test_a_read_through_a_case_folder_that_cannot_be_written_is_logged_its_head_said_behind(
    tmp_path: Path, pg_url: str
) -> None:
    _case(tmp_path / "c", pg_url).close()
    assert _run("ls", str(tmp_path / "c"), "--json")[0] == 0  # row 1: the folder's access.head
    with _read_only(tmp_path / "c"):  # the database can be written, the folder cannot: nothing in it changes
        assert _run("--actor", "DC Jane Patel", "items", str(tmp_path / "c")) == (0, "", "")
    assert _commands(pg_url) == [("tester", "ls"), ("DC Jane Patel", "items")]
    code, out, _ = _run("verify", str(tmp_path / "c"), "--json")
    assert (code, json.loads(out)["problems"], json.loads(out)["notes"]) == (
        0,
        [],
        [
            "access log: entry 2 was logged after the case folder's access.head (entry 1): read through another"
            " copy of the case folder, or where this one could not be written; its removal would not be seen"
            " here"
        ],
    )
