"""Search finds words in other scripts as typed: the search index of every item is built again.

Search words are now folded further than FTS5's ``unicode61`` (``store/search_fold.py``): each Han or
kana character is a word of its own (``杀`` is found in ``我会杀了你``), Arabic and Hebrew vowel points and
tatweel are dropped, decimal digits of every script are ASCII digits (``07700`` finds ``٠٧٧٠٠``), and
``ł``, ``ø``, ``ß``… and look-alike letter forms are read as the letters typed for them. Every item's
words change with this, so the whole index is emptied and built again by the code that indexes new
items (``StoreTx.index_new_text``): on SQLite FTS5's entries (``delete-all``: ``item_fts`` keeps no text
of its own), on PostgreSQL the ``item_words`` partitions (dropped, and one made for all the words).
No item, exhibit or audit entry is touched; only the index and ``search_index.indexed_upto``.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30
"""

from __future__ import annotations

from footprint.store.migrations.search_index import empty_index, rebuild_index

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rebuild_index()


def downgrade() -> None:
    """The index is emptied: the older version builds its own at its first search (or add)."""
    empty_index()
