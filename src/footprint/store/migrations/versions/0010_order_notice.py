"""Whether a non-molestation order was made without notice (``order add --without-notice|--on-notice``,
``order notice``).

Family Law Act 1996 s.42A(2): for a non-molestation order made without notice (s.45(1)) he is guilty
only of conduct at a time he was aware of the order; for one made on notice his conduct counts from when
it was made. The rows are append-only, guarded as ``audit`` and ``decision`` are (0005): a correction is a
new row, and the latest row per order is the one read. No row: not recorded (the cautious reading).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from footprint.store.migrations.append_only import guard, unguard

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLE = "order_notice"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("order_id", sa.Integer, sa.ForeignKey("court_order.id"), nullable=False),
        sa.Column("without_notice", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("recorded_utc", sa.String(32), nullable=False),
    )
    guard(TABLE)


def downgrade() -> None:
    unguard(TABLE)
    op.drop_table(TABLE)
