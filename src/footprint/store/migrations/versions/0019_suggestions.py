"""An advocate's suggested link or attribution: ``suggestion``.

A link's row holds only its status, changed in place by `link-accept` and `link-reject`, and an attribution
row is the decision itself, which an advocate may not take while material is withheld from her: neither
could hold "I think x:jd_alt is John Smith's account" or "these two accounts are one person". `footprint
link-suggest` and `footprint account suggest` add a row here instead (the kind, the account key or keys, the
person, who suggested it, in which role, her note, when), with an audit entry naming it; the officer's queue
(`footprint suggestions`) lists it until a deciding user accepts or rejects the link or attributes the
account. The rows are append-only like the audit log (migration 0005): an UPDATE or DELETE (and a TRUNCATE
on PostgreSQL) fails.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from footprint.store.migrations.append_only import guard, unguard

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

TABLE = "suggestion"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("account_a", sa.Text, nullable=False),
        sa.Column("account_b", sa.Text, nullable=True),
        sa.Column("person", sa.Text, nullable=True),
        sa.Column("user", sa.Text, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("at_utc", sa.String(32), nullable=False),
    )
    guard(TABLE)


def downgrade() -> None:
    unguard(TABLE)
    op.drop_table(TABLE)  # its triggers go with it
