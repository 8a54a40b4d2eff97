"""The case database's connection errors: one line, advice that fits the back end."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.errors import FootprintError, InputError
from footprint.store.engine import current_revision, make_engine, shown_url, stored_url


def test_a_sqlite_case_that_cannot_be_opened_gets_advice_for_a_file_not_a_server(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/gone/case.db")
    with pytest.raises(FootprintError) as refused:
        current_revision(engine)
    assert str(refused.value) == (
        f"cannot open the case database {tmp_path}/gone/case.db: unable to open database file; check that"
        " the case folder is there and that you may write to it (SQLite writes beside case.db even to read"
        " it): on a read-only disk, copy the case folder to one you can write to"
    )


@pytest.mark.parametrize(
    ("url", "shown", "stored"),
    [
        (
            "postgresql+psycopg://postgres:S3cr%25t@db.example:5432/r_v_smith",
            "postgresql+psycopg://postgres:***@db.example:5432/r_v_smith",
            "postgresql+psycopg://postgres@db.example:5432/r_v_smith",
        ),
        (
            "postgresql+psycopg://postgres@db.example:5432/r_v_smith?password=S3cr%25t&sslmode=require",
            "postgresql+psycopg://postgres@db.example:5432/r_v_smith?password=***&sslmode=require",
            "postgresql+psycopg://postgres@db.example:5432/r_v_smith?sslmode=require",
        ),
        (
            "postgresql+psycopg://postgres@db.example/r_v_smith?sslpassword=S3cr%25t",
            "postgresql+psycopg://postgres@db.example/r_v_smith?sslpassword=***",
            "postgresql+psycopg://postgres@db.example/r_v_smith",
        ),
    ],
)
def test_no_part_of_a_password_is_shown_or_stored(url: str, shown: str, stored: str) -> None:
    assert shown_url(url) == shown
    assert stored_url(url) == stored


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "host=127.0.0.1 user=postgres password=TopSecret77 dbname=x",
            "(not shown: it is not a URL, and may hold a password; a libpq 'key=value' string is not taken)",
        ),
        (
            "postgresql+psycopg://postgres:Top@Secret77@127.0.0.1:5432/x",
            "postgresql+psycopg://… (not shown: it has an '@' after the one that ends the user and password;"
            " write an '@' in a password as %40)",
        ),
        (
            "postgresql+psycopg://postgres:Top@Sec:ret77@127.0.0.1/x",
            "postgresql+psycopg://… (not shown: its port is not a number)",
        ),
        (
            "postgresql+psycopg://postgres@127.0.0.1:5439x/x",
            "postgresql+psycopg://… (not shown: its port is not a number)",
        ),
    ],
)
def test_a_url_that_cannot_be_read_is_shown_as_its_scheme_only_with_why(url: str, shown: str) -> None:
    assert shown_url(url) == shown
    with pytest.raises(InputError) as refused:
        make_engine(url)
    assert str(refused.value) == (
        f"database URL {shown}; give a PostgreSQL URL such as"
        " postgresql+psycopg://USER@HOST:PORT/DATABASE (the password in PGPASSWORD or ~/.pgpass), or no --db"
        " for SQLite"
    )
    with pytest.raises(InputError):
        stored_url(url)


def test_psycopgs_warning_of_ending_a_batch_after_a_lost_connection_is_not_printed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # it was printed on stderr before the one-line "lost the connection" error (pgfail review 10)
    import logging

    import footprint.store.engine  # noqa: F401  (sets the filter)

    logger = logging.getLogger("psycopg")
    with caplog.at_level(logging.WARNING, logger="psycopg"):
        logger.warning(
            "error ignored terminating %r: %s", "<psycopg.Pipeline [BAD]>", "the connection is lost"
        )
        logger.warning("another warning")
    assert [r.getMessage() for r in caplog.records] == ["another warning"]
