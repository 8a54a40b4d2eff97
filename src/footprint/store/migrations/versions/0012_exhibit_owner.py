"""Whose phone or account an exhibit came from, recorded after `add`: ``exhibit_owner``.

`add --owner` (and `device check --owner`) write the owner into the exhibit's own row, which is never
rewritten: a phone checked without ``--owner`` had no way to name its owner afterwards, so `assess` never
counted confirmed findings on it. `footprint exhibit owner` adds a row here instead (the owner, who
recorded it, in which role, when and why, and whether it corrects an owner already recorded); the newest
row is the exhibit's owner. The rows are append-only like the audit log (migration 0005): an UPDATE or
DELETE (and a TRUNCATE on PostgreSQL) fails.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from footprint.store.migrations.append_only import guard, unguard

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLE = "exhibit_owner"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("exhibit_id", sa.Integer, sa.ForeignKey("exhibit.id"), nullable=False),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("corrects", sa.Text, nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("by_user", sa.Text, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("at_utc", sa.String(32), nullable=False),
    )
    op.create_index("ix_exhibit_owner_exhibit", TABLE, ["exhibit_id"])
    guard(TABLE)


def downgrade() -> None:
    unguard(TABLE)
    op.drop_table(TABLE)  # its triggers go with it
