"""The access log: ``access_log``, one row for each command that read the case (`items`, `findings`,
`search`, `report`, `verify`, ...), for the logs of consultation and disclosure that the Data Protection
Act 2018 s.62 asks of law-enforcement processing.

It is kept apart from the audit log on purpose: a read must never fail where writes are refused (a
read-only database user, a case folder copy behind a team database), and reads would swamp the evidential
chain. Its rows are hash-chained among themselves (``footprint.access_log``) and append-only, guarded as
``audit`` is (0005): an UPDATE or DELETE (and a TRUNCATE on PostgreSQL) fails.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from footprint.store.migrations.append_only import guard, unguard

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TABLE = "access_log"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at_utc", sa.String(32), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("os_user", sa.Text, nullable=False),
        sa.Column("command", sa.String(64), nullable=False),
        sa.Column("arguments", sa.Text, nullable=False),
        sa.Column("lines_shown", sa.Integer, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("tool_version", sa.String(32), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    guard(TABLE)


def downgrade() -> None:
    unguard(TABLE)
    op.drop_table(TABLE)  # its triggers go with it
