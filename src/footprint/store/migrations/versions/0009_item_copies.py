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

from footprint.store.migrations.append_only import guard, unguard

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLE = "item_copy"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("item_id", sa.Integer, sa.ForeignKey("item.id"), primary_key=True),
        sa.Column("of_item_id", sa.Integer, sa.ForeignKey("item.id"), nullable=False),
        sa.Column("rule", sa.String(16), nullable=False),
        sa.Column("recorded_utc", sa.String(32), nullable=False),
    )
    guard(TABLE)


def downgrade() -> None:
    unguard(TABLE)
    op.drop_table(TABLE)
