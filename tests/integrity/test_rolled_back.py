"""`verify` of a team (PostgreSQL) case at an older schema: checked inside one transaction that upgrades its
database and is rolled back, so nothing in the database or the case folder changes (docs/integrity.md, "A
team case at an older schema"). Needs FOOTPRINT_TEST_PG_URL."""

from __future__ import annotations

import gc
import json
import shutil
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Connection, create_engine, make_url, text
from sqlalchemy.exc import OperationalError

import footprint.cli.verify_cmds as verify_cmds
import footprint.integrity as integrity
import footprint.integrity.narrowed as narrowed
import footprint.integrity.rolled_back as rolled_back
from footprint.advocate_view import label as advocate_label
from footprint.cli import cli
from footprint.integrity.narrowed import NOT_CHECKED
from footprint.integrity.upgraded_copy import REWRITES
from footprint.store.engine import UPGRADE_LOCK, head_revision, known_revisions
from tests.cli.test_read_only_copy import _files
from tests.integrity.test_upgraded_copy import _downgrade
from tests.store.conftest import SERVER
from tests.store.test_postgres_failures import _admin, _point_at

pytestmark = pytest.mark.postgres
Templates = dict[str, tuple[Path, str]]

#: the schema the older case is at: the one before this Footprint's, and one many migrations older
OLD = known_revisions()[-2]
OLDER = "0009"
CHAT = "14/03/2024, 09:15 - Ann Example: hello\n14/03/2024, 09:16 - Ben Example: hi\n"
NOTHING_WRITTEN = (
    "this verification was not recorded in the case's audit log, nor this read in its access log: the case"
    " is at an older schema and was checked inside a transaction that upgraded its database and was rolled"
    " back, so nothing was written to the case"
)


def _fp(*args: str) -> Result:
    result = CliRunner().invoke(cli, ["--actor", "tester", *args])
    with warnings.catch_warnings():  # the engines a command leaves undisposed (its process would end)
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return result


def _make_older_case(folder: Path, url: str, schema: str) -> Path:
    """A team case holding a two-line chat, made at ``schema`` (as its `case init` entry records) and
    at it still."""
    chat = folder / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(CHAT, encoding="utf-8")
    case = folder / "c"
    with pytest.MonkeyPatch.context() as patched:  # the schema `case init` records: the one it goes back to
        patched.setattr("footprint.case.check_revision", lambda *_: schema)
        assert _fp("--db", url, "case", "init", str(case), "--name", "R v Example").exit_code == 0
    assert _fp("add", str(case), str(chat), "--producer", "Ben Example").exit_code == 0
    _downgrade(url, schema)
    return case


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, str]]]:
    """For each of ``OLD`` and ``OLDER``, an older team case made once for the module: its folder and the
    name of its database, which each test's database copies (``CREATE DATABASE … TEMPLATE``)."""
    if not SERVER:
        pytest.skip("FOOTPRINT_TEST_PG_URL is not set (.ci/postgres.sh starts a server and prints it)")
    made: dict[str, tuple[Path, str]] = {}
    try:
        for schema in (OLD, OLDER):
            name = f"fp_tmpl_{uuid.uuid4().hex[:12]}"
            _admin(f'CREATE DATABASE "{name}"')
            made[schema] = (_make_older_case(tmp_path_factory.mktemp(schema), _url(name), schema), name)
        yield made
    finally:
        for _, name in made.values():
            _admin(f'DROP DATABASE "{name}" WITH (FORCE)')


def _url(database: str) -> str:
    return (SERVER or "").rsplit("/", 1)[0] + f"/{database}"


def _older_case(templates: dict[str, tuple[Path, str]], tmp_path: Path, url: str, schema: str) -> Path:
    """A case of its own at ``schema``: the template's folder copied, and its database into ``url``'s."""
    folder, template = templates[schema]
    database = make_url(url).database
    _admin(f'DROP DATABASE "{database}"')
    _admin(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
    case = Path(shutil.copytree(folder, tmp_path / "c"))
    _point_at(case, url)
    return case


@contextmanager
def _connection(url: str, **options: object) -> Iterator[Connection]:
    engine = create_engine(url, **options)  # type: ignore[arg-type]
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _state(url: str) -> dict[str, object]:
    """What matters in the database: its schema, its tables, triggers and functions, and every row of
    every table (each table's rows as text, sorted)."""
    with _connection(url) as conn:
        tables = conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        ).scalars()
        return {
            "version": conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one(),
            "triggers": conn.execute(
                text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1")
            ).all(),
            "functions": conn.execute(
                text("SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1")
            ).all(),
            "rows": {
                table: sorted(conn.execute(text(f'SELECT CAST(t AS text) FROM "{table}" t')).scalars())
                for table in list(tables)
            },
        }


def _ok_line(url: str) -> str:
    with _connection(url) as conn:
        entries, head = conn.execute(
            text("SELECT count(*), (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1) FROM audit")
        ).one()
    return (
        f"OK: 1 exhibit(s) and 0 attachment(s) match their SHA-256; audit chain of {entries} entries intact"
        f" (head {head}); 2 item(s), 0 finding(s), 0 decision(s) and 0 report output(s) match what their audit"
        " entries recorded; access log of 0 read(s) intact (head " + "0" * 64 + ")\n"
    )


def _first_line(schema: str) -> str:
    not_covered = "; ".join(
        f"{revision}: {REWRITES[revision]}"
        for revision in known_revisions()[known_revisions().index(schema) + 1 :]
        if REWRITES[revision]
    )
    return (
        f"ROLLED-BACK UPGRADE: the case database is at schema {schema}, older than this Footprint's"
        f" {head_revision()}: checked inside one transaction on it that upgraded it from schema {schema} to"
        f" {head_revision()} and was then rolled back, against the case folder's own files; nothing is written"
        " to the case folder, and nothing is committed to its database. Not covered, as the upgrade in that"
        f" transaction wrote it: {not_covered}\n"
    )


def test_an_older_team_case_is_verified_in_a_rolled_back_transaction_and_nothing_changes(
    templates: Templates, tmp_path: Path, pg_url: str
) -> None:
    case = _older_case(templates, tmp_path, pg_url, OLD)
    before, files = _state(pg_url), _files(case)
    shown = _fp("verify", str(case))
    as_json = _fp("verify", str(case), "--json")
    assert (shown.exit_code, shown.stderr) == (0, "")
    assert shown.stdout == _first_line(OLD) + _ok_line(pg_url) + f"Warning: {NOTHING_WRITTEN}\n"
    document = json.loads(as_json.stdout)
    assert (as_json.exit_code, as_json.stderr, document["problems"]) == (0, "", [])
    assert document["upgraded_copy"] == {
        "method": "rolled_back_transaction",
        "from_schema": OLD,
        "to_schema": head_revision(),
        "database_sha256": None,
        "wal_sha256": None,
        "not_covered": [f"{head_revision()}: {REWRITES[head_revision()]}"],
    }
    assert document["warnings"] == [NOTHING_WRITTEN]
    assert (_state(pg_url), _files(case)) == (before, files)
    assert before["version"] == OLD


def test_a_case_many_schemas_older_is_upgraded_in_the_transaction_and_left_as_it_was(
    templates: Templates, tmp_path: Path, pg_url: str
) -> None:
    case = _older_case(templates, tmp_path, pg_url, OLDER)
    before, files = _state(pg_url), _files(case)
    result = _fp("verify", str(case))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == _first_line(OLDER) + _ok_line(pg_url) + f"Warning: {NOTHING_WRITTEN}\n"
    assert (_state(pg_url), _files(case)) == (before, files)
    assert "access_log" not in before["rows"]  # type: ignore[operator]  # 0015's table: rolled back


#: the case's tables the upgrade from ``OLDER`` locks against every other command (ACCESS EXCLUSIVE) until the
#: rollback: those it adds a column, a foreign key or a trigger to, or whose search words it drops (the tables
#: it makes are locked too, but no other session sees them)
LOCKED = ["analysis_run", "finding", "item_words"]
_HELD = text(
    "SELECT DISTINCT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
    " WHERE l.mode = 'AccessExclusiveLock' AND l.granted AND c.relkind IN ('r', 'p') AND l.pid <> pg_backend_pid()"
    " ORDER BY 1"
)


def test_a_colleague_sees_the_case_as_it_was_while_verify_runs(
    templates: Templates, tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _older_case(templates, tmp_path, pg_url, OLDER)
    real = verify_cmds.verify_case
    seen: list[object] = []

    def colleague_meanwhile(*args: object) -> object:
        with _connection(pg_url, connect_args={"options": "-c lock_timeout=100"}) as colleague:
            seen.append(colleague.execute(text("SELECT version_num FROM alembic_version")).scalar_one())
            seen.append(colleague.execute(text("SELECT count(*) FROM audit")).scalar_one())  # not locked
            seen.append(colleague.execute(text("SELECT to_regclass('access_log')")).scalar_one())
            seen.append(colleague.execute(_HELD).scalars().all())
            try:  # a table the migrations changed: its read waits for the rollback
                colleague.execute(text("SELECT count(*) FROM finding"))
            except OperationalError as exc:
                seen.append(str(exc.orig).splitlines()[0])
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(verify_cmds, "verify_case", colleague_meanwhile)
    assert _fp("verify", str(case)).exit_code == 0
    with _connection(pg_url) as conn:
        entries = conn.execute(text("SELECT count(*) FROM audit")).scalar_one()
    assert seen == [OLDER, entries, None, LOCKED, "canceling statement due to lock timeout"]


def _colleague_meanwhile(
    pg_url: str, real: Callable[..., list[str]], seen: list[object]
) -> Callable[..., list[str]]:
    """``real`` (verify's hashing of an exhibit's vault copy), a colleague trying the database first: the
    locks still held (``_HELD``), then a count of a table the migrations changed, or why it could not be
    read, go to ``seen``."""

    def colleague_meanwhile(*args: object) -> list[str]:
        with _connection(pg_url, connect_args={"options": "-c lock_timeout=100"}) as colleague:
            seen.append(colleague.execute(_HELD).scalars().all())
            try:  # a table the migrations changed: its locks ended with the rollback, before the hashing
                seen.append(colleague.execute(text("SELECT count(*) FROM finding")).scalar_one())
            except OperationalError as exc:
                seen.append(str(exc.orig).splitlines()[0])
        return real(*args)

    return colleague_meanwhile


def test_a_colleague_is_not_held_up_while_verify_hashes_the_vault(
    templates: Templates, tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _older_case(templates, tmp_path, pg_url, OLDER)
    seen: list[object] = []
    monkeypatch.setattr(integrity, "check_blob", _colleague_meanwhile(pg_url, integrity.check_blob, seen))
    result = _fp("verify", str(case))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == _first_line(OLDER) + _ok_line(pg_url) + f"Warning: {NOTHING_WRITTEN}\n"
    assert seen == [[], 0]


def test_a_colleague_is_not_held_up_while_the_advocate_s_verify_hashes_the_vault(
    templates: Templates, tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _older_case(templates, tmp_path, pg_url, OLDER)  # its one exhibit not supplied by her: withheld
    seen: list[object] = []
    monkeypatch.setattr(narrowed, "check_blob", _colleague_meanwhile(pg_url, narrowed.check_blob, seen))
    result = _fp("--role", "advocate", "verify", str(case))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        _first_line(OLDER)
        + f"{advocate_label(1)}\n"
        + "OK: 0 exhibit(s) the complainant supplied and 0 attachment(s) of theirs match their SHA-256; the 1"
        " other exhibit(s), held by the police and not shown to this role, and their attachments also match"
        f" theirs; audit chain intact; {NOT_CHECKED}\n"
        f"Warning: {NOTHING_WRITTEN}\n"
    )
    assert seen == [[], 0]


def _busy(case: Path, seconds: str) -> str:
    return (
        f"Error: {case}: another command is using the case's tables (verify waits at most {seconds} s for them,"
        " to upgrade the database inside a transaction it rolls back, and holds up no colleague for longer);"
        " nothing was checked and nothing was changed. Run footprint verify again when that command has"
        " finished\n"
    )


def test_a_colleague_using_a_table_the_upgrade_changes_makes_verify_say_busy(
    templates: Templates, tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _older_case(templates, tmp_path, pg_url, OLD)
    monkeypatch.setattr(rolled_back, "LOCK_WAIT_MS", 200)
    before = _state(pg_url)
    with _connection(pg_url) as colleague, colleague.begin():  # a search bringing its index up to date
        colleague.execute(text("UPDATE search_index SET indexed_upto = indexed_upto"))
        result = _fp("verify", str(case))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", _busy(case, "0.2"))
    assert _state(pg_url) == before


def test_an_upgrade_running_now_makes_verify_say_busy_without_waiting(
    templates: Templates, tmp_path: Path, pg_url: str
) -> None:
    case = _older_case(templates, tmp_path, pg_url, OLD)
    with _connection(pg_url) as upgrading, upgrading.begin():  # `case upgrade` holds this while it runs
        upgrading.execute(text(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})"))
        started = time.perf_counter()
        result = _fp("verify", str(case))
        waited = time.perf_counter() - started
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {case}: a `case upgrade` of this case is running now (verify does not wait for it: the case it"
        " would read is the one before that upgrade); nothing was checked and nothing was changed. Run"
        " footprint verify again when it has finished\n"
    )
    assert waited < 1.5  # not the 2 s a lock would be waited for: not waited for at all


def test_a_login_that_does_not_own_the_tables_is_refused_naming_the_right(
    templates: Templates, tmp_path: Path, pg_url: str
) -> None:
    case = _older_case(templates, tmp_path, pg_url, OLD)
    database = make_url(pg_url).database
    role = f"fp_ro_{uuid.uuid4().hex[:8]}"
    _admin(f'CREATE ROLE "{role}" LOGIN')
    try:
        _admin(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"', database)
        _point_at(case, make_url(pg_url).set(username=role).render_as_string(hide_password=False))
        before, files = _state(pg_url), _files(case)
        result = _fp("verify", str(case))
    finally:
        _admin(f'DROP OWNED BY "{role}"', database)
        _admin(f'DROP ROLE "{role}"')
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {case}: case database is at schema {OLD}, this Footprint needs {head_revision()}; verify checks"
        " an older team case by upgrading its database inside a transaction it then rolls back, but the"
        f" database user {role} may not change the case's tables (permission denied for table search_index):"
        " the upgrade, even one rolled back, needs the login that owns them (the one that made the case or"
        " last upgraded it), which may also create tables in its schema; nothing was checked and nothing was"
        " changed. Run verify as that login, or copy it to a scratch database (`createdb -T` it, or `pg_dump`"
        " it into one), point a copy of the case folder's case.json database_url at that, and run `footprint"
        " case upgrade` then `footprint verify` on the copy (docs/integrity.md, 'A team case at an older"
        " schema')\n"
    )
    assert (_state(pg_url), _files(case)) == (before, files)
