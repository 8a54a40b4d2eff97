"""PostgreSQL searches the words FTS5 would index, so both back ends find the same items.

PostgreSQL's parser kept accents (``cafe`` did not find ``café``) and read a date, a file name or
an address as one word (``2023`` did not find ``13/03/2023``). The GIN index on
``to_tsvector('simple', text)`` goes; ``item_words`` holds each item's words as FTS5 splits and
folds them (``footprint.store.search_words``), with their positions, under a GIN index. It is
filled as SQLite's index is, by the first search after an ingest: ``indexed_upto`` goes back to 0,
so the first search after the upgrade indexes the items already in the case. Nothing changes on
SQLite.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_item_text_fts")
    # No foreign key: items are never deleted, and a check per word row would slow indexing.
    op.create_table(
        "item_words",
        sa.Column("item_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("part", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("words", TSVECTOR, nullable=False),
    )
    op.execute("CREATE INDEX ix_item_words ON item_words USING gin (words)")
    op.execute("UPDATE search_index SET indexed_upto = 0")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_table("item_words")
    op.execute("CREATE INDEX ix_item_text_fts ON item USING gin (to_tsvector('simple', text))")
    op.execute("UPDATE search_index SET indexed_upto = (SELECT COALESCE(MAX(id), 0) FROM item)")
