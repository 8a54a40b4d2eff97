"""Search finds words in Thai, Lao, Khmer and Burmese, kana with a separate voicing mark and Arabic
letters written for one another: the search index of every item is built again.

Search words are folded further (``store/search_fold.py``): each grapheme cluster of Thai, Lao, Khmer
or Burmese is a word of its own (``ฆ่า`` is found in ``ฉันจะฆ่าแก``; FTS5 had split these words at
every vowel sign and tone mark), a kana and a separate voicing mark are the composed letter
(``か\u3099`` and ``ｶﾞ`` are ``が`` and ``ガ``), and ``ى``, ``ة``, ``ٱ`` are read as ``ي``, ``ه``, ``ا``.
Every item's words may change with this, so the whole index is emptied and built again by the code that
indexes new items, as 0017 did (``migrations/search_index.py``). No item, exhibit or audit entry is
touched; only the index and ``search_index.indexed_upto``.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30
"""

from __future__ import annotations

from footprint.store.migrations.search_index import empty_index, rebuild_index

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rebuild_index()


def downgrade() -> None:
    """The index is emptied: the older version builds its own at its first search (or add)."""
    empty_index()
