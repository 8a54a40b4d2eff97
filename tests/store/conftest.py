"""A throwaway PostgreSQL database per test, on the server named by FOOTPRINT_TEST_PG_URL."""

from __future__ import annotations

import gc
import os
import uuid
import warnings
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

SERVER = os.environ.get("FOOTPRINT_TEST_PG_URL")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test; skips when no server is set."""
    if not SERVER:
        pytest.skip("FOOTPRINT_TEST_PG_URL is not set (.ci/postgres.sh starts a server and prints it)")
    name = f"fp_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield SERVER.rsplit("/", 1)[0] + f"/{name}"
    # A test whose command failed leaves that command's engine undisposed, as its process would end
    # there (tests/store/test_postgres.py): its connections are collected now, not in whichever later
    # test the collector happens to run (psycopg warns of a connection deleted while open, which this
    # suite makes an error). Here, so a test that asks for the database while it runs is covered too.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
