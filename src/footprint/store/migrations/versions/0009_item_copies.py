"""``item_copy``: items that repeat an item of an earlier exhibit, so a message is counted once.

Append-only in the database itself, as ``audit`` and ``decision`` are (migration 0005): an UPDATE or
DELETE (and a TRUNCATE on PostgreSQL) fails with the same message.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLE = "item_copy"
MESSAGE = "is append-only: rows cannot be changed or removed (Footprint case database)"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("item_id", sa.Integer, sa.ForeignKey("item.id"), primary_key=True),
        sa.Column("of_item_id", sa.Integer, sa.ForeignKey("item.id"), nullable=False),
        sa.Column("rule", sa.String(16), nullable=False),
        sa.Column("recorded_utc", sa.String(32), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {TABLE}_no_{event.lower()} BEFORE {event} ON {TABLE}"
                " FOR EACH ROW EXECUTE FUNCTION footprint_append_only()"
            )
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}"
            " FOR EACH STATEMENT EXECUTE FUNCTION footprint_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_{event.lower()} BEFORE {event} ON {TABLE}"
            f" BEGIN SELECT RAISE(ABORT, 'table {TABLE} {MESSAGE}'); END"
        )


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for event in ("update", "delete", "truncate") if postgresql else ("update", "delete"):
        op.execute(f"DROP TRIGGER {TABLE}_no_{event}" + (f" ON {TABLE}" if postgresql else ""))
    op.drop_table(TABLE)
