"""A PostgreSQL database of a benchmark's own, made for one run and dropped after it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text


@contextmanager
def scratch_database(server: str | None) -> Iterator[str | None]:
    """The URL of a new database on the PostgreSQL ``server`` (a URL naming any database on it), dropped
    when the block ends, however it ends; ``None`` without a server (the case is then SQLite's)."""
    if not server:
        yield None
        return
    name = f"fp_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
