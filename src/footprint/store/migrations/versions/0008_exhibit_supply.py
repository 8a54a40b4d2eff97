"""Who supplied an exhibit: ``exhibit_supply``, one row each time an exhibit is marked as supplied by the
complainant, so a victim's advocate sees only what she supplied.

Exhibits are evidence records and are never rewritten: marking one adds a row here (who marked it, in
which role, when and why), and the rows themselves are append-only like the audit log (migration 0005):
an UPDATE or DELETE (and a TRUNCATE on PostgreSQL) fails. Exhibits added before this schema have no row:
nobody recorded who supplied them, so an advocate sees them only once a deciding user marks them
(`footprint exhibit supplied`).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from footprint.store.migrations.append_only import guard, unguard

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLE = "exhibit_supply"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("exhibit_id", sa.Integer, sa.ForeignKey("exhibit.id"), nullable=False),
        sa.Column("supplied_by", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("by_user", sa.Text, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("at_utc", sa.String(32), nullable=False),
    )
    op.create_index("ix_exhibit_supply_exhibit", TABLE, ["exhibit_id"])
    guard(TABLE)


def downgrade() -> None:
    unguard(TABLE)
    op.drop_table(TABLE)  # its triggers go with it
