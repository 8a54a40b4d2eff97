"""Engines and migrations: SQLite by default (WAL, one writer at a time), PostgreSQL for teams."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from footprint.errors import FootprintError, InputError, SchemaVersionError
from footprint.store.damaged import damaged_database, sqlite_damage

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseUnreachableError(FootprintError):
    """The case database's server cannot be reached or refuses the connection."""

    http_status = 503


#: query parameters in which libpq takes a secret: masked when shown, never written to the case folder
SECRET_PARAMETERS = ("password", "sslpassword")


class _UnreadableURL(InputError):
    """A database URL that cannot be read as one; the message says why, and shows nothing of it."""


def _read_url(url: str) -> URL:
    """The URL read, or ``_UnreadableURL`` saying why not (an unreadable URL may hold a password anywhere)."""
    try:
        read = make_url(url)
    except ArgumentError:
        why = "it is not a URL, and may hold a password; a libpq 'key=value' string is not taken"
        raise _UnreadableURL(why) from None
    except ValueError:
        raise _UnreadableURL("its port is not a number") from None
    if read.host and "@" in read.host:  # `user:Top@Secret@host`: the host would be `Secret@host`
        raise _UnreadableURL(
            "it has an '@' after the one that ends the user and password; write an '@' in a password as %40"
        )
    return read


def _unreadable_shown(url: str, exc: _UnreadableURL) -> str:
    """An unreadable URL as it may be shown: its scheme, and why the rest is not."""
    scheme, sep, _ = url.partition("://")
    shown = f"{scheme}://… " if sep and re.fullmatch(r"[A-Za-z][\w+]*", scheme) else ""
    return f"{shown}(not shown: {exc})"


def _masked(url: URL) -> str:
    """A readable URL as it may be shown: its password and every secret query parameter as ``***``."""
    secrets = {key: "***" for key in SECRET_PARAMETERS if key in url.query}
    rendered = url.update_query_dict(secrets).render_as_string(hide_password=True)
    return rendered.replace("=%2A%2A%2A", "=***")


def shown_url(url: str) -> str:
    """The URL as it may be shown or logged: a password, in the URL or its query, as ``***``; a URL that
    cannot be read, as its scheme and why (where a password is in it cannot be known)."""
    try:
        return _masked(_read_url(url))
    except _UnreadableURL as exc:
        return _unreadable_shown(url, exc)


def stored_url(url: str) -> str:
    """The URL as it is written into the case folder: never with a password (use PGPASSWORD or ~/.pgpass).
    Raises ``InputError`` for a URL that cannot be read."""
    read = _read_url(url)
    query = {key: value for key, value in read.query.items() if key not in SECRET_PARAMETERS}
    bare = URL.create(read.drivername, read.username, None, read.host, read.port, read.database, query)
    return bare.render_as_string(hide_password=False)


def _identity(url: str) -> tuple[object, ...]:
    """What names the database a URL connects to, with no password: the back end (not the driver, which
    connects to the same database), the server (the default port written out), the database; a SQLite file
    by its absolute path. Not the user: each team member may sign in to the one database as themselves
    (``case.json``'s ``case_id`` and ``audit.head`` still say whether it holds this case)."""
    try:
        read = _read_url(url)
    except _UnreadableURL as exc:
        raise _unusable(_unreadable_shown(url, exc)) from None
    backend = read.get_backend_name()
    if backend == "sqlite":
        return (backend, str(Path(read.database or "").resolve()))
    libpq = tuple(read.query.get(key) for key in ("host", "hostaddr", "port", "dbname"))
    port = read.port or (5432 if backend == "postgresql" else None)
    return (backend, read.host, port, read.database, libpq)


def same_database(url: str, other: str) -> bool:
    """Whether two URLs name one database (whatever password, driver or other options they give)."""
    return _identity(url) == _identity(other)


def unreachable(engine: Engine, exc: OperationalError) -> DatabaseUnreachableError:
    """A one-line error for a failed connection (the driver's first line, never the password)."""
    reason = str(exc.orig or exc).strip().splitlines()[0]
    if engine.dialect.name == "sqlite":
        return DatabaseUnreachableError(
            f"cannot open the case database {engine.url.database}: {reason}; check that the case folder is"
            " there and that you may write to it (SQLite writes beside case.db even to read it): on a"
            " read-only disk, copy the case folder to one you can write to"
        )
    for secret in (engine.url.password, *(engine.url.query.get(key) for key in SECRET_PARAMETERS)):
        if secret and isinstance(secret, str):
            reason = reason.replace(secret, "***")
    return DatabaseUnreachableError(
        f"cannot reach the case database {_masked(engine.url)}:"
        f" {reason}; check that the server is running and the URL (--db, or the case's case.json, which"
        " keeps no password: give it in PGPASSWORD or ~/.pgpass)"
    )


class OneConnection:
    """Stands in for an engine: every ``connect()`` is the same open connection, so every read made
    through it sees one snapshot of the case (see ``Case.snapshot``). Read-only use."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect
        self.url = conn.engine.url

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        yield self.conn

    def dispose(self) -> None:
        """Nothing: the connection is closed by whoever opened it."""


def _unusable(what: str) -> InputError:
    return InputError(
        f"database URL {what}; give a PostgreSQL URL such as postgresql+psycopg://USER@HOST:PORT/DATABASE"
        " (the password in PGPASSWORD or ~/.pgpass), or no --db for SQLite"
    )


_LOST = "footprint_lost_database"
_SHOWN = "footprint_database"  # every error from the server names its database (``refused_statement``)

#: how long a writer on SQLite waits for the write lock another holds, unless its transaction says
#: otherwise (the execution option ``WAIT_OPTION``, in milliseconds)
WRITE_WAIT_MS = 30_000
WAIT_OPTION = "footprint_wait_ms"


def write_locked(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's "database is locked": another writer held the lock for longer than
    this one would wait."""
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


def lost_database(exc: BaseException) -> str | None:
    """The database (as it may be shown) whose connection ``exc`` reports lost or refused mid-command, or
    ``None`` when ``exc`` is not that (PostgreSQL)."""
    return getattr(exc, _LOST, None) if isinstance(exc, OperationalError) else None


#: the server's refusals that are the user's (or the server's administrator's) to fix, by SQLSTATE: what
#: happened and what to do
_REFUSALS = {
    "57014": (
        "the server stopped a statement at its time limit",
        "ask the database's administrator to raise or remove statement_timeout for this database user (ALTER"
        " ROLE … IN DATABASE … RESET statement_timeout), then run the command again",
    ),
    "55P03": (
        "the server stopped a statement waiting for a lock at its time limit",
        "ask the database's administrator to raise or remove lock_timeout for this database user, then run"
        " the command again",
    ),
    "42501": (
        "the database user {user} may not do what this command needs",
        "a command that changes the case needs a database user that may write the case's tables (one that"
        " may only read them can list, search, verify and report with --out, unrecorded): use such a login,"
        " or ask the database's administrator to grant it (docs/store.md, 'Database users')",
    ),
    "25006": (
        "the database is read-only (a standby, or default_transaction_read_only)",
        "use the server's primary, writable database for a command that changes the case (one that only"
        " reads it goes ahead unrecorded)",
    ),
}


def refused_statement(exc: BaseException) -> tuple[str, str] | None:
    """What the server refused and what to do, for an error that is not a fault in Footprint: a statement
    or lock time limit, a database user not allowed to write, a read-only database (PostgreSQL); else
    ``None``. The first part names the database (password as ``***``) and the server's first line."""
    shown = getattr(exc, _SHOWN, None)
    if not isinstance(exc, DBAPIError) or shown is None:
        return None
    found = _REFUSALS.get(str(getattr(exc.orig, "sqlstate", "") or ""))
    if found is None:
        return None
    what, advice = found
    reason = (str(exc.orig or exc).strip().splitlines() or [type(exc).__name__])[0]
    user = make_url(shown).username or "(none given)"
    return f"{what.format(user=user)} in the case database {shown} ({reason})", advice


class _EndingAfterLoss(logging.Filter):
    """Drops psycopg's "error ignored terminating <Pipeline|Copy>: the connection is lost": ending a batch
    of statements, or a COPY, after the connection was lost fails too, and psycopg says so as a warning
    (printed on stderr, with no logging set up) before the error that lost it, which is the one reported."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("error ignored terminating")


logging.getLogger("psycopg").addFilter(_EndingAfterLoss())


def connect_sqlite(database: str, dbapi: Any, cargs: Any, cparams: Any) -> Any:
    """A connection to the SQLite file ``database``; in a folder that cannot be written (a copy of a case on
    write-protected media, or after ``chmod -R a-w``), where SQLite cannot make the ``-shm`` file WAL needs
    even to read, the file opened read-only and immutable — but only when it has no ``-wal`` file, whose
    changes an immutable open would not read (with one, SQLite's own error stands). Every write through a
    read-only connection fails ("attempt to write a readonly database"), so nothing is written."""
    connection = dbapi.connect(*cargs, **cparams)
    try:
        connection.execute("PRAGMA schema_version")  # SQLite opens the file at its first statement
        return connection
    except dbapi.OperationalError:
        connection.close()
        path = Path(database)
        if not database or not path.is_file() or Path(f"{database}-wal").exists():
            raise
        uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
        try:
            return dbapi.connect(uri, **{**cparams, "uri": True})
        except dbapi.Error:
            pass
        raise
    except dbapi.Error:  # a damaged file (``store.damaged``): closed now, with SQLite's -wal and -shm files
        connection.close()
        raise


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and ``BEGIN IMMEDIATE`` for writers."""
    if not url.startswith("sqlite"):
        try:
            server = create_engine(_read_url(url), pool_pre_ping=True)
        except _UnreadableURL as exc:
            raise _unusable(_unreadable_shown(url, exc)) from None
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise _unusable(f"{shown_url(url)} cannot be used ({type(exc).__name__})") from exc
        shown = _masked(server.url)

        @event.listens_for(server, "handle_error")
        def _name_the_database(context: ExceptionContext) -> None:
            # the connection was lost, or a new one could not be made: name the database (``lost_database``)
            lost = context.sqlalchemy_exception
            if lost is not None:
                setattr(lost, _SHOWN, shown)
            if isinstance(lost, OperationalError) and (context.is_disconnect or context.connection is None):
                setattr(lost, _LOST, shown)

        return server
    engine = create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "do_connect")
    def _read_only_copy(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        return connect_sqlite(str(engine.url.database or ""), dialect.loaded_dbapi, cargs, cparams)

    @event.listens_for(engine, "handle_error")
    def _name_the_damage(context: ExceptionContext) -> None:
        # a file SQLite cannot read as a database, at whichever statement first reaches the damage
        said = sqlite_damage(context.original_exception)
        if said is not None:
            raise damaged_database(engine.url.database or "", said) from context.original_exception

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # Takes effect only when the database is created (before WAL): larger pages make bulk
        # inserts cheaper (measured in docs/benchmarks.md); existing cases keep theirs.
        cursor.execute("PRAGMA page_size=16384")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={WRITE_WAIT_MS}")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: bulk inserts keep their indexes in memory
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front (no lock upgrades, no deadlocks); readers never
        # take it, so reading inside a write transaction or beside a long ingest never blocks.
        options = conn.get_execution_options()
        if options.get("footprint_write", False):
            # how long this writer waits for another to let go of the lock (``CaseStore.transaction``)
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(options.get(WAIT_OPTION, WRITE_WAIT_MS))}")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this version of Footprint knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> list[str]:
    """Every schema revision this version of Footprint knows, oldest first."""
    scripts = ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    return [script.revision for script in scripts][::-1]


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for an empty database."""
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except OperationalError as exc:
        raise unreachable(engine, exc) from exc


def refuse_newer(current: str | None, where: str) -> None:
    """A case made by a newer Footprint (a revision this version does not know) is not touched."""
    if current is None:
        return
    if current not in known_revisions():
        raise SchemaVersionError(
            f"{where}this case was made by a newer version of Footprint (schema {current}; this version"
            f" knows schemas up to {head_revision()}); open it with that version or a newer one"
        )


#: the PostgreSQL advisory lock key that serialises upgrades: "FPUPGRD" in ASCII
UPGRADE_LOCK = 0x46505550475244


def migrate(engine: Engine, where: str | None = None) -> str | None:
    """Bring the database to the newest revision in one transaction: if a step fails, nothing changes.
    Return the revision it was at (``None``: empty), read once no other upgrade is running (PostgreSQL:
    an advisory lock; SQLite: the write lock) — so an upgrade that waited for another finds the newest.

    ``where`` (the case folder) starts any error message.
    """
    try:
        conn = engine.connect()
    except OperationalError as exc:  # a server that cannot be reached is a one-line error
        raise unreachable(engine, exc) from exc
    with conn, conn.execution_options(footprint_write=True).begin():
        return upgrade_in(conn, where)


def upgrade_in(conn: Connection, where: str | None = None) -> str | None:
    """:func:`migrate`'s work on ``conn``, in the transaction it is in, which its caller commits or rolls
    back (`verify` of an older team case rolls it back: ``integrity.rolled_back``): once no other upgrade is
    running, the revision it was at read, a newer one refused, and the migrations run; returns that
    revision. A step's own error is a ``SchemaVersionError``; ``where`` (the case folder) starts it."""
    prefix = f"{where}: " if where else ""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(UPGRADE_LOCK)))
    current = MigrationContext.configure(conn).get_current_revision()
    refuse_newer(current, prefix)
    if current == head_revision():
        return current
    config = _alembic_config()
    config.attributes["connection"] = conn
    try:
        command.upgrade(config, "head")
    except Exception as exc:  # a step's own error: the whole upgrade is rolled back
        reason = (str(exc).strip().splitlines() or [""])[0]
        old = current or "none"
        raise SchemaVersionError(
            f"{prefix}upgrading the case database from schema {old} to {head_revision()} failed"
            f" ({type(exc).__name__}: {reason}); nothing was changed: the case is still at schema {old}"
        ) from exc
    return current


def check_revision(engine: Engine, where: str) -> str:
    """Raise ``SchemaVersionError`` unless the database is at the newest revision."""
    current = current_revision(engine)
    refuse_newer(current, f"{where}: ")
    head = head_revision()
    if current != head:
        raise SchemaVersionError(
            f"{where}: case database is at schema {current or 'none'}, this Footprint needs "
            f"{head}; run `footprint case upgrade` on the case (back it up first)"
        )
    return current
