"""The audit log and the decisions are append-only in the database itself, not only by convention.

The hash chain already shows any change made outside Footprint; these triggers stop one being made
by accident (a tool, a script, a hand at the SQL prompt): an UPDATE or DELETE on ``audit`` or
``decision`` (and a TRUNCATE on PostgreSQL) fails with a message saying why. Someone who drops the
triggers first can still change rows; ``footprint verify`` then reports the missing guard as well as
the broken chain.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("audit", "decision")
MESSAGE = "is append-only: rows cannot be changed or removed (Footprint case database)"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION footprint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            f" RAISE EXCEPTION 'table % {MESSAGE}', TG_TABLE_NAME; END $$"
        )
        for table in TABLES:
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
    for table in TABLES:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}"
                f" BEGIN SELECT RAISE(ABORT, 'table {table} {MESSAGE}'); END"
            )


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in TABLES:
        for event in ("update", "delete", "truncate") if postgresql else ("update", "delete"):
            op.execute(f"DROP TRIGGER {table}_no_{event}" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        op.execute("DROP FUNCTION footprint_append_only()")
