"""Append-only guards for a table, as migrations create and drop them (the trigger function
``footprint_append_only`` on PostgreSQL comes from migration 0005). Used by every migration after 0005
that adds an evidence table whose rows are never changed or removed."""

from __future__ import annotations

from alembic import op

from footprint.store.guards import APPEND_ONLY as MESSAGE


def guard(table: str) -> None:
    """Refuse UPDATE and DELETE on ``table`` (and TRUNCATE on PostgreSQL), naming it."""
    if op.get_bind().dialect.name == "postgresql":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}"
                " FOR EACH ROW EXECUTE FUNCTION footprint_append_only()"
            )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION footprint_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}"
            f" BEGIN SELECT RAISE(ABORT, 'table {table} {MESSAGE}'); END"
        )


def unguard(table: str) -> None:
    """Drop the guards :func:`guard` made on ``table``."""
    postgresql = op.get_bind().dialect.name == "postgresql"
    for event in ("update", "delete", "truncate") if postgresql else ("update", "delete"):
        op.execute(f"DROP TRIGGER {table}_no_{event}" + (f" ON {table}" if postgresql else ""))
