"""The append-only guards `verify` checks: a trigger of a guard's name that no longer refuses is no guard."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from footprint.store.engine import make_engine, migrate
from footprint.store.guards import missing_guards


def _migrated(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine


def test_a_sqlite_guard_replaced_by_one_that_lets_rows_go_is_reported(tmp_path: Path) -> None:
    engine = _migrated(f"sqlite:///{tmp_path / 'case.db'}")
    assert missing_guards(engine) == []
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER access_log_no_delete"))
        conn.execute(
            text("CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN SELECT 1; END")
        )
    assert missing_guards(engine) == [
        "database guard access_log_no_delete was changed and no longer refuses, so rows of table access_log"
        " can be removed (changed outside Footprint)"
    ]
    engine.dispose()


@pytest.mark.postgres
def test_a_postgresql_guard_calling_another_function_is_reported(pg_url: str) -> None:
    engine = _migrated(pg_url)
    assert missing_guards(engine) == []
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE FUNCTION let_it_go() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$"
            )
        )
        conn.execute(text("DROP TRIGGER audit_no_delete ON audit"))
        conn.execute(
            text(
                "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION let_it_go()"
            )
        )
        conn.execute(text("DROP TRIGGER audit_no_update ON audit"))
        conn.execute(  # the right function, the wrong event: an update is let through
            text(
                "CREATE TRIGGER audit_no_update BEFORE INSERT ON audit FOR EACH ROW"
                " EXECUTE FUNCTION footprint_append_only()"
            )
        )
    assert missing_guards(engine) == [
        "database guard audit_no_update was changed and no longer refuses, so rows of table audit can be"
        " changed (changed outside Footprint)",
        "database guard audit_no_delete was changed and no longer refuses, so rows of table audit can be"
        " removed (changed outside Footprint)",
    ]
    with engine.connect() as conn, pytest.raises(DBAPIError):
        conn.execute(text("TRUNCATE audit"))  # the guards left alone still refuse
    engine.dispose()
