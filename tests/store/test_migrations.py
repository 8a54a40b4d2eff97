"""Migrations build exactly the schema the code declares, and 0002 keeps cases made by 0001."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from footprint.store import schema
from footprint.store.engine import _alembic_config, make_engine, migrate


def test_migrated_database_matches_the_declared_schema(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'case.db'}")
    migrate(engine)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    # FTS5's own tables are not in the SQLAlchemy metadata.
    assert [d for d in diffs if not (d[0] == "remove_table" and d[1].name.startswith("item_fts"))] == []


def test_new_cases_use_16_kib_pages(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'case.db'}")
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA page_size")).scalar() == 16384


def test_0002_keeps_recipients_and_marks_existing_items_as_indexed(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'case.db'}")
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            text(
                "INSERT INTO exhibit (id, ref, file_name, original_path, sha256, size, format, parser,"
                " parser_version, producer, received_utc, notes, vault_path, settings) VALUES"
                " (1, 'JD/1', 'f', 'p', 'abc', 1, 'whatsapp', 'whatsapp', 1, 'J', 't', '', 'v', '{}')"
            )
        )
        conn.execute(text("INSERT INTO account (id, key, platform, native_id) VALUES (1, 'a:x', 'a', 'x')"))
        for item_id in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO item (id, exhibit_id, seq, locator, kind, tz_source, text, raw, sha256,"
                    " deleted, edited, system) VALUES (:i, 1, :i, 'line', 'message', 'assumed', 'hi',"
                    " 'hi', 's', 0, 0, 0)"
                ),
                {"i": item_id},
            )
        conn.execute(text("INSERT INTO recipient (item_id, account_id) VALUES (2, 1)"))
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, indexed_upto FROM search_index")).all() == [(1, 2)]
        assert conn.execute(text("SELECT item_id, account_id FROM recipient")).all() == [(2, 1)]
    assert {i["name"] for i in inspect(engine).get_indexes("item")} == {"ix_item_sent_at"}
