"""Search reads a word through the invisible characters inside it: "k\u200bill" is found by ``kill``.

A ZERO WIDTH SPACE (or WORD JOINER, U+FEFF, SOFT HYPHEN, a zero-width joiner) inside a word split it
for the search index, so a message that reads "I will kill you" was not found by searching ``kill``.
Text is now indexed without them (``search_words.without_invisible``). This migration indexes again
the items already indexed whose text holds one: on SQLite their old FTS5 entries are deleted (with the
text they were made from) and the text without invisible characters is added; on PostgreSQL their
``item_words`` rows are replaced in the partition that held them. Other items are untouched.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from footprint.store.search_words import tsvector_parts, without_invisible
from footprint.visible import INVISIBLE

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_INSERT_WORDS = (
    "INSERT INTO item_words (item_id, part, words, generation) VALUES (:i, :p, CAST(:w AS tsvector), :g)"
)


def upgrade() -> None:
    bind = op.get_bind()
    upto = bind.execute(text("SELECT COALESCE(MAX(indexed_upto), 0) FROM search_index")).scalar_one()
    holds = " OR ".join(f"strpos(item.text, :c{i}) > 0" for i in range(len(INVISIBLE)))
    if bind.dialect.name == "sqlite":
        holds = holds.replace("strpos(", "instr(")
    chars = {f"c{i}": c for i, c in enumerate(sorted(INVISIBLE))}
    rows = bind.execute(
        text(f"SELECT id, text FROM item WHERE id <= :upto AND ({holds}) ORDER BY id"),
        {"upto": upto, **chars},
    ).all()
    for item_id, item_text in rows:
        if bind.dialect.name == "sqlite":
            bind.execute(
                text("INSERT INTO item_fts(item_fts, rowid, text) VALUES ('delete', :i, :t)"),
                {"i": item_id, "t": item_text},
            )
            bind.execute(
                text("INSERT INTO item_fts(rowid, text) VALUES (:i, :t)"),
                {"i": item_id, "t": without_invisible(item_text)},
            )
            continue
        generation = bind.execute(
            text("SELECT max(generation) FROM item_words WHERE item_id = :i"), {"i": item_id}
        ).scalar_one()
        if generation is None:
            continue
        bind.execute(text("DELETE FROM item_words WHERE item_id = :i"), {"i": item_id})
        for part, words in enumerate(tsvector_parts(item_text)):
            bind.execute(
                text(_INSERT_WORDS),
                {"i": item_id, "p": part, "w": words, "g": generation},
            )


def downgrade() -> None:
    """The index keeps the words without invisible characters; an older version finds fewer of them."""
