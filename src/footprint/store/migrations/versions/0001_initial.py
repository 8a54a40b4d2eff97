"""Initial case schema.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

T = sa.Text
S = sa.String
I = sa.Integer  # noqa: E741


def _id() -> sa.Column[int]:
    return sa.Column("id", I, primary_key=True)


def _fk(name: str, target: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, I, sa.ForeignKey(target), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "case",
        _id(),
        sa.Column("name", T, nullable=False),
        sa.Column("zone", S(64), nullable=False),
        sa.Column("zone_source", S(16), nullable=False),
        sa.Column("created_utc", S(32), nullable=False),
        sa.Column("tool_version", S(32), nullable=False),
    )
    op.create_table(
        "person",
        _id(),
        sa.Column("name", T, nullable=False, unique=True),
        sa.Column("role", S(16), nullable=False),
        sa.Column("created_utc", S(32), nullable=False),
    )
    op.create_table(
        "account",
        _id(),
        sa.Column("key", T, nullable=False, unique=True),
        sa.Column("platform", S(32), nullable=False),
        sa.Column("native_id", T, nullable=False),
        sa.Column("first_seen_utc", S(32)),
        sa.Column("last_seen_utc", S(32)),
    )
    op.create_table(
        "account_name",
        _id(),
        _fk("account_id", "account.id"),
        sa.Column("kind", S(16), nullable=False),
        sa.Column("value", T, nullable=False),
        sa.Column("first_seen_utc", S(32)),
        sa.Column("last_seen_utc", S(32)),
        sa.UniqueConstraint("account_id", "kind", "value"),
    )
    op.create_table(
        "attribution",
        _id(),
        _fk("account_id", "account.id"),
        _fk("person_id", "person.id"),
        sa.Column("basis", T, nullable=False),
        sa.Column("by_user", T, nullable=False),
        sa.Column("at_utc", S(32), nullable=False),
        sa.Column("status", S(16), nullable=False),
    )
    op.create_table(
        "exhibit",
        _id(),
        sa.Column("ref", S(32), nullable=False, unique=True),
        sa.Column("file_name", T, nullable=False),
        sa.Column("original_path", T, nullable=False),
        sa.Column("sha256", S(64), nullable=False, unique=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("format", S(64), nullable=False),
        sa.Column("parser", S(64), nullable=False),
        sa.Column("parser_version", I, nullable=False),
        sa.Column("producer", T, nullable=False),
        sa.Column("owner", T),
        sa.Column("received_utc", S(32), nullable=False),
        sa.Column("notes", T, nullable=False),
        sa.Column("vault_path", T, nullable=False),
        sa.Column("settings", T, nullable=False),
    )
    op.create_table(
        "item",
        sa.Column("id", I, primary_key=True, autoincrement=False),
        _fk("exhibit_id", "exhibit.id"),
        sa.Column("seq", I, nullable=False),
        sa.Column("locator", T, nullable=False),
        sa.Column("kind", S(16), nullable=False),
        _fk("author_account_id", "account.id", nullable=True),
        sa.Column("author_name", T),
        sa.Column("conversation", T),
        sa.Column("sent_at_raw", T),
        sa.Column("sent_at_utc", S(32)),
        sa.Column("tz_source", S(16), nullable=False),
        sa.Column("tz_name", S(64)),
        sa.Column("text", T, nullable=False),
        sa.Column("raw", T, nullable=False),
        sa.Column("sha256", S(64), nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("edited", sa.Boolean, nullable=False),
        sa.Column("system", sa.Boolean, nullable=False),
        sa.Column("details", T),
    )
    op.create_index("ix_item_exhibit", "item", ["exhibit_id"])
    op.create_index("ix_item_sent_at", "item", ["sent_at_utc"])
    op.create_index("ix_item_author", "item", ["author_account_id"])
    op.create_table(
        "recipient",
        sa.Column("item_id", I, sa.ForeignKey("item.id"), primary_key=True),
        sa.Column("account_id", I, sa.ForeignKey("account.id"), primary_key=True),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "attachment",
        _id(),
        _fk("item_id", "item.id"),
        sa.Column("name", T, nullable=False),
        sa.Column("sha256", S(64)),
        sa.Column("size", sa.BigInteger),
        sa.Column("mime", S(128), nullable=False),
        sa.Column("pdq", S(64)),
        sa.Column("phash", S(16)),
        sa.Column("vault_path", T),
    )
    op.create_index("ix_attachment_item", "attachment", ["item_id"])
    op.create_table(
        "warning",
        _id(),
        _fk("exhibit_id", "exhibit.id"),
        sa.Column("locator", T, nullable=False),
        sa.Column("message", T, nullable=False),
        sa.Column("raw", T, nullable=False),
    )
    op.create_table(
        "analysis_run",
        _id(),
        sa.Column("analyser", S(64), nullable=False),
        sa.Column("version", I, nullable=False),
        sa.Column("settings_hash", S(64), nullable=False),
        sa.Column("started_utc", S(32), nullable=False),
        sa.Column("finished_utc", S(32)),
        sa.Column("status", S(16), nullable=False),
        sa.Column("error", T),
    )
    op.create_table(
        "finding",
        _id(),
        _fk("run_id", "analysis_run.id"),
        _fk("item_id", "item.id", nullable=True),
        sa.Column("category", S(64), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("spans", T, nullable=False),
        sa.Column("rule_ids", T, nullable=False),
        sa.Column("model_id", T),
        sa.Column("explanation", T, nullable=False),
        sa.Column("details", T, nullable=False),
    )
    op.create_index("ix_finding_item", "finding", ["item_id"])
    op.create_index("ix_finding_category", "finding", ["category"])
    op.create_table(
        "decision",
        _id(),
        _fk("finding_id", "finding.id"),
        sa.Column("user", T, nullable=False),
        sa.Column("decision", S(16), nullable=False),
        sa.Column("reason", T, nullable=False),
        sa.Column("at_utc", S(32), nullable=False),
    )
    op.create_table(
        "link",
        _id(),
        _fk("run_id", "analysis_run.id"),
        _fk("account_a_id", "account.id"),
        _fk("account_b_id", "account.id"),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("log10_lr", sa.Float, nullable=False),
        sa.Column("evidence", T, nullable=False),
        sa.Column("status", S(16), nullable=False),
    )
    op.create_table(
        "court_order",
        _id(),
        sa.Column("type", S(32), nullable=False),
        sa.Column("made_utc", S(32), nullable=False),
        sa.Column("expires_utc", S(32)),
        _fk("protects_person_id", "person.id"),
        _fk("against_person_id", "person.id"),
        sa.Column("conditions", T, nullable=False),
        sa.Column("source", T, nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("seq", I, primary_key=True, autoincrement=False),
        sa.Column("at_utc", S(32), nullable=False),
        sa.Column("actor", T, nullable=False),
        sa.Column("role", S(32), nullable=False),
        sa.Column("action", S(64), nullable=False),
        sa.Column("object", T, nullable=False),
        sa.Column("justification", T, nullable=False),
        sa.Column("details", T, nullable=False),
        sa.Column("prev_hash", S(64), nullable=False),
        sa.Column("hash", S(64), nullable=False),
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE item_fts USING fts5("
            "text, content='item', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
    else:
        op.execute("CREATE INDEX ix_item_text_fts ON item USING gin (to_tsvector('simple', text))")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE item_fts")
    for table in (
        "audit",
        "court_order",
        "link",
        "decision",
        "finding",
        "analysis_run",
        "warning",
        "attachment",
        "recipient",
        "item",
        "exhibit",
        "attribution",
        "account_name",
        "account",
        "person",
        "case",
    ):
        op.drop_table(table)
