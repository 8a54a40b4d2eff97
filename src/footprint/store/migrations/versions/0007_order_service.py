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

from footprint.store.migrations.append_only import guard, unguard

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLE = "order_service"


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
    guard(TABLE)


def downgrade() -> None:
    unguard(TABLE)
    op.drop_table(TABLE)
