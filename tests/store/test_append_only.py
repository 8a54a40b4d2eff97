"""The audit log, the decisions, who supplied an exhibit, the record of copies, the access log and the
advocates' suggestions refuse UPDATE, DELETE (and TRUNCATE) in the database itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from footprint.case import Case
from footprint.settings import Settings

STATEMENTS = [
    ("UPDATE audit SET actor = 'someone else' WHERE seq = 1", "audit"),
    ("DELETE FROM audit WHERE seq = 1", "audit"),
    ("UPDATE decision SET reason = 'x'", "decision"),
    ("DELETE FROM decision", "decision"),
    ("UPDATE exhibit_supply SET supplied_by = 'police'", "exhibit_supply"),
    ("DELETE FROM exhibit_supply", "exhibit_supply"),
    ("UPDATE item_copy SET of_item_id = 2", "item_copy"),
    ("DELETE FROM item_copy", "item_copy"),
    ("UPDATE exhibit_owner SET owner = 'John Smith'", "exhibit_owner"),
    ("DELETE FROM exhibit_owner", "exhibit_owner"),
    ("UPDATE access_log SET purpose = 'routine'", "access_log"),
    ("DELETE FROM access_log", "access_log"),
    ("UPDATE finding_number SET number = 2", "finding_number"),
    ("DELETE FROM finding_number", "finding_number"),
    ("UPDATE suggestion SET note = 'she never said so'", "suggestion"),
    ("DELETE FROM suggestion", "suggestion"),
]
#: an advocate's suggested link (migration 0019), for the guards of ``suggestion`` to refuse
SUGGESTION_ROW = (
    "INSERT INTO suggestion (kind, account_a, account_b, user, role, note, at_utc)"
    " VALUES ('link', 'x:1', 'x:2', 'Ann', 'advocate', 'same photo', 't')"
)
MESSAGE = "is append-only: rows cannot be changed or removed (Footprint case database)"


@pytest.mark.parametrize(("statement", "table"), STATEMENTS)
def test_sqlite_refuses_changes_to_append_only_tables(case: Case, statement: str, table: str) -> None:
    case.store.engine.dispose()
    with sqlite3.connect(case.dir / "case.db") as conn:
        # the refusal fires for a row that exists; give decision one (no foreign keys checked here)
        conn.execute(
            "INSERT INTO decision (finding_id, user, decision, reason, at_utc) VALUES (1, 'a', 'confirmed', 'r', 't')"
        )
        conn.execute(
            "INSERT INTO exhibit_supply (exhibit_id, supplied_by, reason, by_user, role, at_utc)"
            " VALUES (1, 'complainant', 'r', 'a', 'investigator', 't')"
        )
        conn.execute(
            "INSERT INTO item_copy (item_id, of_item_id, rule, recorded_utc) VALUES (2, 1, 'same_time', 't')"
        )
        conn.execute(
            "INSERT INTO exhibit_owner (exhibit_id, owner, reason, by_user, role, at_utc)"
            " VALUES (1, 'Jane Doe', 'r', 'a', 'investigator', 't')"
        )
        conn.execute(
            "INSERT INTO access_log VALUES (1, 't', 'a', 'investigator', 'a', 'ls', '{}', 1, 'ok', '', 'v', 'h', 'h')"
        )
        conn.execute("INSERT INTO finding_number (finding_id, number, claim) VALUES (1, 1, 'c')")
        conn.execute(SUGGESTION_ROW)
        with pytest.raises(sqlite3.IntegrityError) as refused:
            conn.execute(statement)
    assert str(refused.value) == f"table {table} {MESSAGE}"


def test_postgresql_refuses_changes_to_append_only_tables(tmp_path: Path, pg_url: str) -> None:
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = Case.init(tmp_path / "case", name="R v Example", tz="Europe/London", settings=settings)
    truncates = [
        (f"TRUNCATE {table}", table)
        for table in (
            "audit",
            "decision",
            "exhibit_supply",
            "item_copy",
            "exhibit_owner",
            "access_log",
            "finding_number",
            "suggestion",
        )
    ]
    with case.store.engine.begin() as conn:  # a row for the row guards to refuse changing
        conn.execute(text(SUGGESTION_ROW.replace(" user,", ' "user",')))
    for statement, table in [*STATEMENTS[:2], *STATEMENTS[-2:], *truncates]:
        with case.store.engine.begin() as conn, pytest.raises(DBAPIError) as refused:
            conn.execute(text(statement))
        assert f"table {table} {MESSAGE}" in str(refused.value.orig)
    assert [e.seq for e in case.store.audit_entries()] == [1]
    case.close()
