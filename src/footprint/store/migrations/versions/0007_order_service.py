"""When the person a court order is against became aware of it (``order add --served``, ``order served``).

Family Law Act 1996 s.42A(2): for a non-molestation order made without notice he is guilty only of
conduct at a time he was aware of the order; for the other orders his knowledge goes to "without
reasonable excuse". The rows are append-only, guarded as ``audit`` and ``decision`` are (0005): a
correction is a new row, and the latest row per order is the one read.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLE = "order_service"
MESSAGE = "is append-only: rows cannot be changed or removed (Footprint case database)"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("order_id", sa.Integer, sa.ForeignKey("court_order.id"), nullable=False),
        sa.Column("aware_utc", sa.String(32), nullable=False),
        sa.Column("aware_raw", sa.Text, nullable=False),
        sa.Column("time_given", sa.Boolean, nullable=False),
        sa.Column("means", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.Text, nullable=False),
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
