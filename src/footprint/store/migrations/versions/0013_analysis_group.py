"""One `footprint analyse` as one group: ``analysis`` (the analysers it set out to run, when, by whom)
and ``analysis_run.analysis_id`` (the analysis each run was part of).

Each analyser's run commits on its own, so an analyse stopped part-way (Ctrl-C, SIGTERM, a crash, the
power) used to leave new runs beside older ones with nothing to say so. An analysis now finishes when
every analyser it named has a run in it; `findings`, `assess`, `report`, the review app and `verify`
say when the latest did not, naming what ran and what did not. ``analysis`` rows are append-only,
guarded as ``audit`` is (0005). Runs made before this schema have no analysis (``analysis_id`` null).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from footprint.store.migrations.append_only import guard, unguard

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TABLE = "analysis"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("analysers", sa.Text, nullable=False),
        sa.Column("started_utc", sa.String(32), nullable=False),
        sa.Column("by_user", sa.Text, nullable=False),
    )
    guard(TABLE)
    # in place on both databases (Alembic would copy the table on SQLite to add the reference)
    op.execute("ALTER TABLE analysis_run ADD COLUMN analysis_id INTEGER REFERENCES analysis (id)")


def downgrade() -> None:
    with op.batch_alter_table("analysis_run") as batch:  # SQLite drops a referencing column by a copy
        batch.drop_column("analysis_id")
    unguard(TABLE)
    op.drop_table(TABLE)
