"""The access log on a team's PostgreSQL case: a database user who may only read still reads (the read is
said not to be logged), and a case folder copy behind the database, whose writes are refused, has its
reads logged. Needs FOOTPRINT_TEST_PG_URL."""

from __future__ import annotations

import gc
import shutil
import uuid
import warnings
from pathlib import Path

import pytest
from sqlalchemy import make_url

from footprint.store.access_rows import access_entries
from footprint.store.engine import make_engine
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
