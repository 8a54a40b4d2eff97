"""Conversation members instead of one recipient row per message; search index built on use.

Chat exports name a conversation's members only through who speaks, so "every member but the
author receives the message" is now stored once per member (``conversation_member``) and derived
when items are read, instead of one ``recipient`` row per message and member. Recipients a
format names per message (e-mail To/Cc, SMS addresses) stay in ``recipient``; rows written by
earlier versions stay valid because reads take the union.

The full-text index is brought up to date when it is searched (``search_index.indexed_upto``)
rather than inside every ingest transaction. ``ix_item_exhibit`` served only the ingest-time
statements this replaces, so it goes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation_member",
        sa.Column("exhibit_id", sa.Integer, sa.ForeignKey("exhibit.id"), primary_key=True),
        sa.Column("conversation", sa.Text, primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id"), primary_key=True),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "search_index",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("indexed_upto", sa.Integer, nullable=False),
    )
    # Cases made by 0001 indexed every item at ingest.
    op.execute("INSERT INTO search_index (id, indexed_upto) SELECT 1, COALESCE(MAX(id), 0) FROM item")
    op.drop_index("ix_item_exhibit", table_name="item")
    op.drop_index("ix_item_author", table_name="item")


def downgrade() -> None:
    op.create_index("ix_item_exhibit", "item", ["exhibit_id"])
    op.create_index("ix_item_author", "item", ["author_account_id"])
    op.drop_table("search_index")
    op.drop_table("conversation_member")
