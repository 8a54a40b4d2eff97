"""The access log's rows (``footprint.access_log``): appending one, and reading them back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select

from footprint.access_log import AccessEntry, next_entry
from footprint.store import schema as t

# the PostgreSQL advisory lock key that serialises access log appends: "FPACCES" in ASCII
ACCESS_LOCK = 0x46504143434553
#: how long a read waits on SQLite for another writer before it goes ahead unlogged (an add or an analyse
#: may hold the write lock for minutes; a review decision holds it for milliseconds)
ACCESS_WAIT_MS = 2_000


def last_access(conn: Connection) -> tuple[int, str] | None:
    """The number and hash of the access log's last entry, or ``None`` when it is empty."""
    query = select(t.access_log.c.seq, t.access_log.c.hash).order_by(t.access_log.c.seq.desc()).limit(1)
    row = conn.execute(query).first()
    return (int(row.seq), str(row.hash)) if row is not None else None


def append_access(conn: Connection, *, arguments: dict[str, Any], **fields: Any) -> AccessEntry:
    """Append one hash-chained entry inside the open transaction of ``conn``; return it."""
    if conn.dialect.name == "postgresql":  # other sessions' reads wait here: no two take one number
        conn.execute(select(func.pg_advisory_xact_lock(ACCESS_LOCK)))
    entry = next_entry(last_access(conn), arguments=arguments, **fields)
    conn.execute(insert(t.access_log).values(**vars(entry)))
    return entry


def access_entries(conn: Connection, since: str | None = None) -> list[AccessEntry]:
    """The access log in sequence order; from ``since`` (UTC ``YYYY-MM-DDTHH:MM:SS``) on, when given."""
    query = select(t.access_log).order_by(t.access_log.c.seq)
    if since is not None:  # to the second: a time's fraction, when it has one, sorts before its "Z"
        query = query.where(func.substr(t.access_log.c.at_utc, 1, 19) >= since)
    return [AccessEntry(**row._mapping) for row in conn.execute(query)]
