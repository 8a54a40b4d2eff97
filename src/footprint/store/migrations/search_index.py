"""The search index emptied and built again, as a migration that changes the search words does (0017,
0018): by the code that indexes new items (``StoreTx.index_new_text``), so an upgraded case holds the
words a new one would. No item, exhibit or audit entry is touched; only the index and
``search_index.indexed_upto``."""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from footprint.store.case_store import StoreTx


def empty_index() -> None:
    """Empty the index: on SQLite FTS5's entries (``delete-all``: ``item_fts`` keeps no text of its own),
    on PostgreSQL the ``item_words`` partitions (dropped; the next indexing makes one for all)."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("INSERT INTO item_fts(item_fts) VALUES ('delete-all')")
    else:
        parts = bind.execute(
            text("SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'item_words'::regclass")
        ).scalars()
        for part in sorted(parts):
            op.execute(f"DROP TABLE {part}")
    op.execute("UPDATE search_index SET indexed_upto = 0")


def rebuild_index() -> None:
    """Empty the index and index every item again (a case with no items is left as it is)."""
    bind = op.get_bind()
    if bind.execute(text("SELECT max(id) FROM item")).scalar() is None:  # a new case: nothing indexed
        return
    empty_index()
    StoreTx(bind).index_new_text()
