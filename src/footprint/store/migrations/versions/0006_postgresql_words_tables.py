"""PostgreSQL: ``item_words`` becomes a partitioned table, so an add never locks searches out.

An add that more than doubled the indexed items dropped the GIN index of ``item_words`` and built it
again (quicker than adding to it word by word), but ``DROP INDEX`` locks the whole table: a search
from another session waited until the add committed. Now such an add writes its words into a table
of its own, ``item_words_N``, builds that table's index and attaches it as a partition of
``item_words`` (``ATTACH PARTITION`` takes a lock that reads do not wait for); searches read
``item_words`` as before. The words already indexed become partition 1 (``generation`` 1) without
being copied. Nothing changes on SQLite.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE item_words RENAME TO item_words_1")
    op.execute("ALTER INDEX ix_item_words RENAME TO ix_item_words_1")
    op.execute("ALTER INDEX item_words_pkey RENAME TO item_words_1_pkey")
    op.execute(
        "ALTER TABLE item_words_1 ADD COLUMN generation integer NOT NULL DEFAULT 1 CHECK (generation = 1)"
    )
    op.execute(
        "CREATE TABLE item_words (item_id integer NOT NULL, part integer NOT NULL, words tsvector NOT NULL,"
        " generation integer NOT NULL) PARTITION BY LIST (generation)"
    )
    op.execute("CREATE INDEX ix_item_words ON item_words USING gin (words)")
    op.execute("ALTER TABLE item_words ATTACH PARTITION item_words_1 FOR VALUES IN (1)")
    op.execute(
        "ANALYZE item_words"
    )  # autovacuum never does for a partitioned table; a search's plan needs it


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE item_words RENAME TO item_words_parts")
    op.execute("ALTER INDEX ix_item_words RENAME TO ix_item_words_parts")
    op.execute(
        "CREATE TABLE item_words (item_id integer NOT NULL, part integer NOT NULL, words tsvector NOT NULL,"
        " PRIMARY KEY (item_id, part))"
    )
    op.execute("INSERT INTO item_words SELECT item_id, part, words FROM item_words_parts")
    op.execute("DROP TABLE item_words_parts")
    op.execute("CREATE INDEX ix_item_words ON item_words USING gin (words)")
