"""A case that cannot be written: a read-only copy of it (given to the defence's expert on write-protected
media, a folder after ``chmod -R a-w``) or a PostgreSQL login without INSERT. The commands that only read it
— `verify`, `report`, `search`, `assess` — still do what they are asked, without the audit entry each
would otherwise write, and say so and why (docs/integrity.md, "A read-only copy of a case"). This module
tells whether the case can be written, and why not, without changing anything."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from footprint.case import Case

#: what to do when a command that changes the case meets one that cannot be written
READ_ONLY_ADVICE = (
    "it is a read-only copy, or the database user may not write: change the case itself, or a copy on a"
    " disk you can write to (the commands that only read a case, verify and report --out DIR, work on this"
    " one: docs/integrity.md, 'A read-only copy of a case')"
)
#: the operating system's refusals of a write into the case folder
FOLDER_REFUSALS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
#: PostgreSQL's refusals of a write: a login without the privilege, a read-only database or standby
SERVER_REFUSALS = frozenset({"42501", "25006"})


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def cannot_write(exc: BaseException, folder: Path | None = None) -> str | None:
    """Why ``exc`` shows that the case (in ``folder``, for a refusal of the file system) cannot be written,
    in words; ``None`` when it is any other failure (a busy database, a full disk, a fault)."""
    if isinstance(exc, OSError) and exc.errno in FOLDER_REFUSALS and folder is not None:
        return f"the case folder {folder} cannot be written: {exc.strerror}"
    if not isinstance(exc, DBAPIError):
        return None
    sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
    if sqlstate in SERVER_REFUSALS or "readonly database" in str(exc.orig):
        return f"its database refuses writes: {_first_line(exc)}"
    return None


def write_refusal(case: Case) -> str | None:
    """Why ``case`` cannot be written, or ``None`` when it can: found by trying, with nothing left behind
    (a file made and removed at once in the case folder, as a write's audit head is; a write to the
    database that is rolled back). Another writer holding the database's lock does not make it read-only."""
    try:
        fd, name = tempfile.mkstemp(prefix=".footprint-write-check.", dir=case.dir)
    except OSError as exc:
        return cannot_write(exc, case.dir) or f"the case folder {case.dir} cannot be written: {exc}"
    os.close(fd)
    Path(name).unlink()
    try:
        with case.store.unscoped_engine.connect() as conn:
            # SQLite: no wait for another writer's lock (a lock held is a database that can be written)
            with conn.execution_options(footprint_write=True, footprint_wait_ms=0).begin() as tx:
                if conn.dialect.name == "sqlite":
                    version = int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())
                    conn.exec_driver_sql(f"PRAGMA user_version = {version}")
                else:  # needs INSERT, UPDATE or DELETE on the table, and a transaction that may write
                    conn.exec_driver_sql("LOCK TABLE audit IN ROW EXCLUSIVE MODE")
                tx.rollback()
    except DBAPIError as exc:
        return cannot_write(exc, case.dir)
    return None


def not_recorded(what: str, why: str) -> str:
    """The warning that ``what`` ("this verification") is not in the case's audit log, and why."""
    return (
        f"{what} was not recorded in the case's audit log: the case cannot be written ({why}); nothing was"
        " written to it"
    )
