"""`verify` of a team (PostgreSQL) case whose database is at an older schema, without writing to it:
PostgreSQL runs DDL inside a transaction, so one connection begins one (REPEATABLE READ: the case read as at
one moment), runs the project's own migrations in it, reads everything `verify` reads of the database
through that same connection, and rolls it back; the case folder's files (the vault's, above all) are then
checked against what was read. Nothing is committed (the migrations' tables, triggers and ``alembic_version``
row included), and no second connection is opened (docs/integrity.md, "A team case at an older schema").

What it costs colleagues: the migrations lock the tables they change (ACCESS EXCLUSIVE: a colleague's read
of them waits) until the rollback, which comes as soon as the database has been read
(``UpgradedCopy.release``, which ``verify_case`` calls before it hashes the vault). Verify waits at most
``LOCK_WAIT_MS`` for a table a colleague is using, so a colleague's commands never queue behind it for
longer, and then refuses (``CaseBusyError``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import DBAPIError, OperationalError

from footprint.case import Case
from footprint.deletion_entry import refuse_a_deletion_recorded
from footprint.errors import CaseBusyError, SchemaVersionError
from footprint.integrity.upgraded_copy import ROLLED_BACK, UpgradedCopy, is_older
from footprint.settings import Settings
from footprint.store import CaseStore
from footprint.store.engine import (
    UPGRADE_LOCK,
    OneConnection,
    current_revision,
    head_revision,
    make_engine,
    unreachable,
    upgrade_in,
)

#: how long verify waits for a lock a colleague's command holds (a table the migrations change, a row they
#: update) before refusing: while it waits, the colleague's next commands on that table queue behind it
LOCK_WAIT_MS = 2_000
#: the server's refusals that mean another command is using the case now: a lock not had in time, a row
#: changed by a colleague since the transaction's snapshot (SQLSTATE)
_BUSY = frozenset({"55P03", "40001"})
#: the server's refusals of the upgrade itself, by SQLSTATE: what is lacking, and what to do
_NOT_ALLOWED = {
    "42501": (
        "the database user {user} may not change the case's tables ({reason}): the upgrade, even one rolled"
        " back, needs the login that owns them (the one that made the case or last upgraded it), which may"
        " also create tables in its schema",
        "Run verify as that login, or",
    ),
    "25006": (
        "the database is read-only ({reason}: a standby, or default_transaction_read_only), and the upgrade,"
        " even one rolled back, writes",
        "Run verify on the server's primary, writable database, or",
    ),
}
_SCRATCH = (
    "copy it to a scratch database (`createdb -T` it, or `pg_dump` it into one), point a copy of the case"
    " folder's case.json database_url at that, and run `footprint case upgrade` then `footprint verify` on"
    " the copy (docs/integrity.md, 'A team case at an older schema')"
)


def _refusal(exc: BaseException) -> tuple[str, str] | None:
    """The SQLSTATE and the server's first line of the database error ``exc`` is, or was raised from."""
    found: BaseException | None = exc
    while found is not None and not isinstance(found, DBAPIError):
        found = found.__cause__
    if found is None:
        return None
    sqlstate = str(getattr(found.orig, "sqlstate", "") or "")
    return sqlstate, (str(found.orig).strip().splitlines() or [sqlstate])[0]


def _upgrading(directory: Path) -> CaseBusyError:
    return CaseBusyError(
        f"{directory}: a `case upgrade` of this case is running now (verify does not wait for it: the case it"
        " would read is the one before that upgrade); nothing was checked and nothing was changed. Run"
        " footprint verify again when it has finished"
    )


def _busy(directory: Path) -> CaseBusyError:
    return CaseBusyError(
        f"{directory}: another command is using the case's tables (verify waits at most"
        f" {LOCK_WAIT_MS / 1000:g} s for them, to upgrade the database inside a transaction it rolls back,"
        " and holds up no colleague for longer); nothing was checked and nothing was changed. Run footprint"
        " verify again when that command has finished"
    )


@contextmanager
def rolled_back(directory: Path, url: str, settings: Settings) -> Iterator[UpgradedCopy | None]:
    """The team case in ``directory`` read inside one transaction that upgraded its database, which is
    rolled back when the block ends, however it ends; ``None`` when the database is not at an older schema
    (the ordinary opening checks it, or refuses it), or no longer is. Another command holding a lock the
    upgrade needs, or upgrading the case now, is a ``CaseBusyError``; a database user who may not upgrade
    it, a ``SchemaVersionError`` saying what to do."""
    engine = make_engine(url)
    try:
        current = current_revision(engine)
        if not is_older(current):
            yield None
            return
        refuse_a_deletion_recorded(directory, engine)
        try:
            conn = engine.connect()
        except OperationalError as exc:
            raise unreachable(engine, exc) from exc
        with conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin() as transaction:

                def release() -> None:  # nothing is ever committed; once is enough
                    if not conn.closed:
                        transaction.rollback()
                        conn.close()  # a read after it would see the case at its own schema: none is made

                try:
                    yield _upgraded(directory, settings, conn, release)
                except DBAPIError as exc:
                    refusal = _refusal(exc)
                    if refusal is not None and refusal[0] in _BUSY:
                        raise _busy(directory) from exc
                    raise
                finally:
                    release()
    finally:
        engine.dispose()


def _upgraded(
    directory: Path, settings: Settings, conn: Connection, release: Callable[[], None]
) -> UpgradedCopy | None:
    """The migrations run inside ``conn``'s transaction, and the case read through it; ``None`` when an
    upgrade that ended since its schema was read left it at this Footprint's. ``release``: rolls the
    transaction back and closes ``conn``, ending every lock the migrations took."""
    conn.execute(text(f"SET LOCAL lock_timeout = {LOCK_WAIT_MS}"))
    # an upgrade running now would commit after this transaction's snapshot: not waited for
    if not conn.execute(select(func.pg_try_advisory_xact_lock(UPGRADE_LOCK))).scalar_one():
        raise _upgrading(directory)
    current = current_revision(cast(Engine, OneConnection(conn)))  # as the transaction's snapshot has it
    if not is_older(current):
        return None
    try:
        upgrade_in(conn, str(directory))
    except (SchemaVersionError, DBAPIError) as exc:
        refusal = _refusal(exc)
        if refusal is None:
            raise
        sqlstate, reason = refusal
        if sqlstate in _BUSY:
            raise _busy(directory) from exc
        if sqlstate not in _NOT_ALLOWED:
            raise
        lacking, what_to_do = _NOT_ALLOWED[sqlstate]
        user = conn.engine.url.username or "(none given)"
        raise SchemaVersionError(
            f"{directory}: case database is at schema {current}, this Footprint needs {head_revision()};"
            " verify checks an older team case by upgrading its database inside a transaction it then rolls"
            f" back, but {lacking.format(user=user, reason=reason)}; nothing was checked and nothing was"
            f" changed. {what_to_do} {_SCRATCH}"
        ) from exc
    case = Case(directory, settings, CaseStore(cast(Engine, OneConnection(conn))), head_revision())
    return UpgradedCopy(case, cast(str, current), head_revision(), None, None, ROLLED_BACK, release)
