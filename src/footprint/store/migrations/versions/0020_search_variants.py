"""Search reads letters written for one another as one: the search index of every item is built again.

Search words are folded further (``store/search_fold.py``): Persian ``ی`` and ``ک`` are Arabic ``ي`` and
``ك``; an Arabic presentation form (a letter's shape, or a ligature such as ``ﻻ``, as a character of its
own) is the letters it draws; a kana with a spacing voicing mark (``か゛``) is the composed letter; and
Devanagari's candrabindu and Gurmukhi's tippi are the anusvara and bindi. Every item's words may change
with this, so the whole index is emptied and built again by the code that indexes new items, as 0017 and
0018 did (``migrations/search_index.py``). No item, exhibit or audit entry is touched; only the index and
``search_index.indexed_upto``.

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30
"""

from __future__ import annotations

from footprint.store.migrations.search_index import empty_index, rebuild_index

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rebuild_index()


def downgrade() -> None:
    """The index is emptied: the older version builds its own at its first search (or add)."""
    empty_index()
