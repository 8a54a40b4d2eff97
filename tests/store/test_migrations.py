"""Migrations build exactly the schema the code declares and bring older cases forward."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError, SAWarning

from footprint.case import Case
from footprint.cli import cli
from footprint.errors import SchemaVersionError
from footprint.settings import Settings
from footprint.store import schema
from footprint.store.case_store import CaseStore
from footprint.store.engine import (
    MIGRATIONS,
    _alembic_config,
    current_revision,
    head_revision,
    make_engine,
    migrate,
)
from footprint.store.finding_numbers import RENUMBERED
from footprint.store.guards import missing_guards
from footprint.store.ordering import utc_order_sql
from footprint.store.orders import list_orders

HEAD = head_revision()  # the newest schema: what an upgrade ends at


def test_migrated_database_matches_the_declared_schema(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'case.db'}")
    migrate(engine)
    with engine.connect() as conn, pytest.warns(SAWarning, match="expression-based index ix_item_time"):
        diffs = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    # FTS5's own tables are not in the SQLAlchemy metadata.
    assert [d for d in diffs if not (d[0] == "remove_table" and d[1].name.startswith("item_fts"))] == []
    # nor is the index on the time key (an expression, which SQLAlchemy does not reflect)
    with engine.connect() as conn:
        made = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'ix_item_time'")).scalar_one()
    assert made.endswith(f"({utc_order_sql(schema.item.c.sent_at_utc, engine.dialect).replace('item.', '')})")


def _indexes(engine: Engine, table: str) -> set[str]:
    """The names of ``table``'s indexes, read from the database's own catalogue (SQLAlchemy's reflection
    skips an index on an expression, with a warning)."""
    sql = {
        "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL",
        "postgresql": "SELECT indexname FROM pg_indexes WHERE tablename = :t AND indexname NOT LIKE '%pkey'",
    }[engine.dialect.name]
    with engine.connect() as conn:
        return set(conn.execute(text(sql), {"t": table}).scalars())


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
    assert _indexes(engine, "item") == {"ix_item_sent_at", "ix_item_time"}


def _old_case_with_items(engine: Engine, revision: str, texts: list[str]) -> None:
    """A case database built up to ``revision`` holding one exhibit with these messages."""
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.execute(
            text(
                "INSERT INTO exhibit (id, ref, file_name, original_path, sha256, size, format, parser,"
                " parser_version, producer, received_utc, notes, vault_path, settings) VALUES"
                " (1, 'JD/1', 'f', 'p', 'abc', 1, 'whatsapp', 'whatsapp', 1, 'J', 't', '', 'v', '{}')"
            )
        )
        for item_id, item_text in enumerate(texts, 1):
            conn.execute(
                text(
                    "INSERT INTO item (id, exhibit_id, seq, locator, kind, sent_at_utc, tz_source, text,"
                    " raw, sha256, deleted, edited, system) VALUES (:i, 1, :i, :loc, 'message', :at,"
                    " 'assumed', :t, :t, 's', false, false, false)"
                ),
                {
                    "i": item_id,
                    "loc": f"line {item_id}",
                    "at": f"2024-03-14T09:{item_id:02d}:00Z",
                    "t": item_text,
                },
            )
        # PostgreSQL's GIN index needed no search_index, which stayed where 0002 left it
        conn.execute(text("UPDATE search_index SET indexed_upto = 1"))


def test_0004_upgrades_a_postgresql_case_with_items_to_search_as_sqlite_does(pg_url: str) -> None:
    engine = make_engine(pg_url)
    _old_case_with_items(engine, "0003", ["Meet me at the café on 13/03/2023", "cafe? no: IMG_2023.jpg"])
    migrate(engine)
    assert current_revision(engine) == HEAD
    assert _indexes(engine, "item") == {"ix_item_sent_at", "ix_item_time"}
    store = CaseStore(engine)
    assert [(h.locator, h.snippet) for h in store.search("cafe")] == [
        ("line 1", "Meet me at the «café» on 13/03/2023"),
        ("line 2", "«cafe»? no: IMG_2023.jpg"),
    ]
    assert [h.locator for h in store.search("2023")] == ["line 1", "line 2"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT item_id, part FROM item_words ORDER BY item_id")).all() == [
            (1, 0),
            (2, 0),
        ]
        assert conn.execute(text("SELECT indexed_upto FROM search_index")).scalar() == 2
    engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_0005_guards_an_existing_audit_log_and_keeps_its_rows(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = (
        request.getfixturevalue("pg_url") if backend == "postgresql" else f"sqlite:///{tmp_path / 'case.db'}"
    )
    engine = make_engine(url)
    config = _alembic_config()
    row = "(1, 't', 'a', 'investigator', 'case init', 'R v X', '', '{}', 'p', 'h')"
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        conn.execute(text(f"INSERT INTO audit VALUES {row}"))
    migrate(engine)
    assert missing_guards(engine) == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT seq, action FROM audit")).all() == [(1, "case init")]
        with pytest.raises(DBAPIError):
            conn.execute(text("DELETE FROM audit"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    assert missing_guards(engine)[0] == (
        "database guard audit_no_update is missing or disabled, so rows of table audit can be changed"
        " (changed outside Footprint)"
    )
    engine.dispose()


def _order_case_migrated(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path, revision: str, order_type: str
) -> tuple[Engine, Config]:
    """A case at ``revision`` holding two people and one order of ``order_type``, then migrated to the head."""
    url = (
        request.getfixturevalue("pg_url") if backend == "postgresql" else f"sqlite:///{tmp_path / 'case.db'}"
    )
    engine = make_engine(url)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.execute(
            text("INSERT INTO person (id, name, role, created_utc) VALUES (1, 'A', 'complainant', 't')")
        )
        conn.execute(text("INSERT INTO person (id, name, role, created_utc) VALUES (2, 'B', 'suspect', 't')"))
        conn.execute(
            text(
                "INSERT INTO court_order (type, made_utc, protects_person_id, against_person_id, conditions,"
                " source) VALUES (:type, '2024-03-01T10:00:00Z', 1, 2, '[\"no contact\"]', '{}')"
            ),
            {"type": order_type},
        )
    migrate(engine)
    return engine, config


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_0007_adds_append_only_awareness_of_orders_to_an_existing_case(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    engine, _ = _order_case_migrated(request, backend, tmp_path, "0006", "restraining")
    assert current_revision(engine) == HEAD
    assert missing_guards(engine) == []
    [order] = list_orders(engine)
    assert (order.id, order.aware) == (1, None)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO order_service (order_id, aware_utc, aware_raw, time_given, means, recorded_by,"
                " recorded_utc) VALUES (1, '2024-03-02T00:00:00Z', '2024-03-02', false, '', 'x', 't')"
            )
        )
    with engine.connect() as conn, pytest.raises(DBAPIError):
        conn.execute(text("DELETE FROM order_service"))
    assert list_orders(engine)[0].aware is not None
    engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_0010_adds_append_only_notice_of_orders_to_an_existing_case(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    engine, config = _order_case_migrated(request, backend, tmp_path, "0009", "non_molestation")
    assert current_revision(engine) == HEAD
    assert missing_guards(engine) == []
    [order] = list_orders(engine)
    assert (order.id, order.notice) == (1, None)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO order_notice (order_id, without_notice, reason, recorded_by, recorded_utc)"
                " VALUES (1, true, 'ex parte', 'x', 't')"
            )
        )
    with engine.connect() as conn, pytest.raises(DBAPIError):
        conn.execute(text("DELETE FROM order_notice"))
    notice = list_orders(engine)[0].notice
    assert notice is not None and (notice.without, notice.reason) == (True, "ex parte")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0009")
    assert "order_notice" not in inspect(engine).get_table_names()
    engine.dispose()


def test_0006_keeps_a_postgresql_case_s_words_and_indexes_the_rest_in_a_table_of_their_own(
    pg_url: str,
) -> None:
    engine = make_engine(pg_url)
    _old_case_with_items(engine, "0005", ["Meet me at the café", "the café again", "no café"])
    with engine.begin() as conn:  # item 1 indexed at 0005 (indexed_upto is 1)
        conn.execute(text("INSERT INTO item_words VALUES (1, 0, 'at:3 cafe:5 me:2 meet:1 the:4')"))
    config = _alembic_config()
    with engine.begin() as conn:  # up to the schema before 0017, which indexes every item again
        config.attributes["connection"] = conn
        command.upgrade(config, "0016")
    assert current_revision(engine) == "0016"
    with engine.connect() as conn:  # the planner knows item_words as a whole (autovacuum never tells it)
        stats = "SELECT count(*) FROM pg_stats WHERE tablename = 'item_words' AND inherited"
        assert conn.execute(text(stats)).scalar() == 4
    # the first search indexes items 2 and 3: more than were indexed, so in a table of their own
    assert [h.locator for h in CaseStore(engine).search("cafe")] == ["line 1", "line 2", "line 3"]
    where = "SELECT tableoid::regclass::text, item_id, generation FROM item_words ORDER BY item_id"
    with engine.connect() as conn:
        assert conn.execute(text(where)).all() == [
            ("item_words_1", 1, 1),
            ("item_words_2", 2, 2),
            ("item_words_2", 3, 2),
        ]
    for table in ("item_words_1", "item_words_2"):
        assert {i["name"] for i in inspect(engine).get_indexes(table)} == {f"ix_{table}"}
        assert inspect(engine).get_pk_constraint(table)["constrained_columns"] == ["item_id", "part"]
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
    assert {i["name"] for i in inspect(engine).get_indexes("item_words")} == {"ix_item_words"}
    assert not {"item_words_1", "item_words_2"} & set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT item_id, part FROM item_words ORDER BY 1")).all()
    assert rows == [(1, 0), (2, 0), (3, 0)]
    engine.dispose()


#: a migration after the newest that fails half-way (its number and the one before it filled in)
FAILING = '''"""A migration that fails half-way (tests only)."""

import sqlalchemy as sa
from alembic import op

revision = "{number}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    raise RuntimeError("disk full")
'''


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_failed_upgrade_leaves_the_case_at_its_old_schema(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    url = (
        request.getfixturevalue("pg_url") if backend == "postgresql" else f"sqlite:///{tmp_path / 'case.db'}"
    )
    engine = make_engine(url)
    _old_case_with_items(engine, "0003", ["Meet me at the café"])
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    failing = f"{int(HEAD) + 1:04d}"
    (migrations / "versions" / f"{failing}_fails.py").write_text(
        FAILING.format(number=failing, head=HEAD), encoding="utf-8"
    )
    monkeypatch.setattr("footprint.store.engine.MIGRATIONS", migrations)
    with pytest.raises(SchemaVersionError) as raised:
        migrate(engine)
    assert str(raised.value) == (
        f"upgrading the case database from schema 0003 to {failing} failed (RuntimeError: disk full);"
        " nothing was changed: the case is still at schema 0003"
    )
    assert current_revision(engine) == "0003"
    tables = set(inspect(engine).get_table_names())
    assert "half_done" not in tables and "item_words" not in tables and "case_user" in tables
    with engine.connect() as conn:
        assert conn.execute(text("SELECT text FROM item")).scalars().all() == ["Meet me at the café"]
    engine.dispose()


def test_a_case_made_by_a_newer_footprint_is_refused_and_left_as_it_is(
    tmp_path: Path, settings: Settings
) -> None:
    directory = tmp_path / "case"
    Case.init(directory, name="R v Newer", tz="Europe/London", settings=settings).close()
    engine = make_engine(f"sqlite:///{directory / 'case.db'}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0042'"))
    message = (
        f"{directory}: this case was made by a newer version of Footprint (schema 0042; this version"
        f" knows schemas up to {HEAD}); open it with that version or a newer one"
    )
    with pytest.raises(SchemaVersionError) as raised:
        Case.open(directory, settings)
    assert str(raised.value) == message
    result = CliRunner().invoke(cli, ["case", "upgrade", str(directory)])
    assert (result.exit_code, result.output.strip().splitlines()[-1]) == (1, f"Error: {message}")
    assert current_revision(engine) == "0042"
    engine.dispose()


def test_an_upgrade_that_waited_for_another_finds_the_case_upgraded_and_changes_nothing(pg_url: str) -> None:
    # two `case upgrade` at once: the second read "0005" before the first committed, then failed
    # (DuplicateTable) and said "nothing was changed: the case is still at schema 0005"
    import threading

    from footprint.store.engine import UPGRADE_LOCK

    engine = make_engine(pg_url)
    _old_case_with_items(engine, "0005", ["Meet me at the café"])
    found: list[str | None] = []
    with engine.connect() as first:
        with first.begin():  # the first upgrade holds the lock while it works
            first.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
            second = threading.Thread(target=lambda: found.append(migrate(engine)))
            second.start()
            while not first.execute(
                text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            ).scalar():
                second.join(0.01)
            config = _alembic_config()
            config.attributes["connection"] = first
            command.upgrade(config, "head")
        second.join(10)
    assert found == [HEAD]
    assert current_revision(engine) == HEAD
    engine.dispose()


def test_an_upgrade_of_a_case_at_the_newest_schema_says_so(tmp_path: Path, settings: Settings) -> None:
    Case.init(tmp_path / "case", name="R v Up", tz=None, settings=settings).close()
    result = CliRunner().invoke(cli, ["--actor", "tester", "case", "upgrade", str(tmp_path / "case")])
    assert (result.exit_code, result.output) == (0, f"Case is already at schema {HEAD}; nothing to upgrade\n")
    old = make_engine(f"sqlite:///{tmp_path / 'case' / 'case.db'}")
    config = _alembic_config()
    with old.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0009")
    old.dispose()
    result = CliRunner().invoke(cli, ["--actor", "tester", "case", "upgrade", str(tmp_path / "case")])
    # from before 0016: an advocate's finding numbers changed, and it says so (upgrade review 1)
    assert (result.exit_code, result.output) == (
        0,
        f"Case upgraded from schema 0009 to {HEAD}\n{RENUMBERED}\n",
    )


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_0011_indexes_again_the_words_an_invisible_character_had_split(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = (
        request.getfixturevalue("pg_url") if backend == "postgresql" else f"sqlite:///{tmp_path / 'case.db'}"
    )
    engine = make_engine(url)
    texts = ["I will k\u200bill you", "kill time at the caf\u00e9", "a word\u2060join"]
    _old_case_with_items(engine, "0010", texts)
    with engine.begin() as conn:  # indexed as the old code did: the invisible character split the word
        if backend == "sqlite":
            conn.execute(text("INSERT INTO item_fts(rowid, text) SELECT id, text FROM item"))
        else:
            from footprint.store.search_words import tsvector_parts

            for item_id, old in enumerate(texts, 1):
                split = old.replace("\u200b", " ").replace("\u2060", " ")
                for part, words in enumerate(tsvector_parts(split)):
                    conn.execute(
                        text("INSERT INTO item_words VALUES (:i, :p, CAST(:w AS tsvector), 1)"),
                        {"i": item_id, "p": part, "w": words},
                    )
        conn.execute(text("UPDATE search_index SET indexed_upto = 3"))
    assert [h.locator for h in CaseStore(engine).search("kill")] == ["line 2"]
    migrate(engine)
    store = CaseStore(engine)
    assert [(h.locator, h.snippet) for h in store.search("kill")] == [
        ("line 1", "I will «k\u200bill» you"),  # the snippet keeps the message's characters (0017)
        ("line 2", "«kill» time at the café"),
    ]
    assert [h.locator for h in store.search("wordjoin")] == ["line 3"]
    assert store.search("ill") == [] and store.search("join") == []
    engine.dispose()
