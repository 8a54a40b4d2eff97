"""Search reads Urdu's and Kurdish letters as the Arabic letters typed for them: the search index of every
item is built again.

Search words are folded further (``store/search_fold.py``): Urdu's heh goal ``ہ``, heh doachashmee ``ھ``
and teh marbuta goal ``ۃ`` and Kurdish ae ``ە`` are ``ه``; Urdu's yeh barree ``ے`` is ``ي`` and noon
ghunna ``ں`` is ``ن``. Every item's words may change with this, so the whole index is emptied and built
again by the code that indexes new items, as 0017, 0018 and 0020 did (``migrations/search_index.py``).
No item, exhibit or audit entry is touched; only the index and ``search_index.indexed_upto``.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01
"""

from __future__ import annotations

from footprint.store.migrations.search_index import empty_index, rebuild_index

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rebuild_index()


def downgrade() -> None:
    """The index is emptied: the older version builds its own at its first search (or add)."""
    empty_index()
