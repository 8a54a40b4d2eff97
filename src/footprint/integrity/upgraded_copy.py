"""`verify` of a case whose database is at an older schema, without writing to it: the database is copied
(its files read, byte for byte, never opened through SQLite, which would leave ``-wal`` and ``-shm`` files
in the folder) into a private temporary folder, upgraded there by the project's own migrations, and checked
against the case folder's own files (the vault, ``audit.head``, ``access.head``, the reports), which are
only read. The copy is removed afterwards, on an error or a Ctrl-C too (docs/integrity.md, "A case at an
older schema"). A team (PostgreSQL) database, which cannot be copied without the right to make a database,
is upgraded instead inside one transaction that is rolled back (``integrity.rolled_back``)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy.engine import make_url

from footprint.case import CASE_FILE, Case
from footprint.deletion_entry import refuse_a_deletion_recorded
from footprint.errors import CaseBusyError
from footprint.settings import Settings
from footprint.store import CaseStore
from footprint.store.engine import current_revision, head_revision, known_revisions, make_engine, migrate

#: what each migration writes into a case's database beyond new empty tables, columns and indexes (``None``:
#: nothing else): on the copy it is the migration's work, not the case's, so `verify` of the copy cannot
#: vouch for it in the case. Every migration is named here (a test holds a new one to it).
REWRITES: dict[str, str | None] = {
    "0001": None,
    "0002": "marks the items already stored as indexed for search (the search index is not checked)",
    "0003": None,
    "0004": "PostgreSQL only: empties the search index, to build it again (the search index is not checked)",
    "0005": "adds the append-only guards of the audit log and decisions",
    "0006": "PostgreSQL only: moves the search words into a table of parts (the search index is not checked)",
    "0007": "adds the append-only guards of order service records",
    "0008": "adds the append-only guards of supply records",
    "0009": "adds the append-only guards of copy records",
    "0010": "adds the append-only guards of order notice records",
    "0011": "indexes again for search the items whose text holds an invisible character",
    "0012": "adds the append-only guards of exhibit owners",
    "0013": "adds the append-only guards of analyses",
    "0014": None,
    "0015": "adds the access log, empty, and its append-only guards",
    "0016": "gives the advocate's finding numbers (their rows are the migration's, not the case's)",
    "0017": "builds the whole search index again (the search index is not checked)",
    "0018": "builds the whole search index again (the search index is not checked)",
    "0019": "adds the advocates' suggested links and attributions, empty, and their append-only guards",
    "0020": "builds the whole search index again (the search index is not checked)",
    "0021": "builds the whole search index again (the search index is not checked)",
}
#: the migrations that write only into a PostgreSQL database (a SQLite copy's upgrade does nothing there)
POSTGRESQL_ONLY = frozenset({"0004", "0006"})
#: how an older case was checked: on an upgraded temporary copy of its SQLite database, or inside a
#: transaction on its PostgreSQL database that upgraded it and was rolled back (``UpgradedCopy.method``)
COPY = "temporary_copy"
ROLLED_BACK = "rolled_back_transaction"
#: the copy's name inside the private temporary folder
COPY_NAME = "case.db"
#: how often the copy is taken again when the database changed while it was read
COPY_TRIES = 3


@dataclass(frozen=True)
class UpgradedCopy:
    """An older case opened on an upgraded temporary copy of its database, or (``method`` ``ROLLED_BACK``, a
    team case) inside a transaction that upgraded its database and is rolled back: ``case`` reads the upgraded
    database and the case folder itself; ``from_schema`` is the case's own schema, ``to_schema`` the
    upgraded one."""

    case: Case
    from_schema: str
    to_schema: str
    #: the SHA-256 of the database file copied (and of its ``-wal`` file, when it had one); ``None`` when
    #: nothing was copied (``ROLLED_BACK``)
    database_sha256: str | None
    wal_sha256: str | None
    method: str = COPY
    #: called once everything is read of the database, before the vault is hashed: ``ROLLED_BACK`` rolls
    #: its transaction back there, so its locks are not held while the vault is hashed; a copy holds none
    release: Callable[[], None] = lambda: None

    def rewrites(self) -> list[str]:
        """What the upgrade of the copy wrote, migration by migration, that the check cannot cover."""
        return [
            f"{revision}: {REWRITES[revision]}"
            for revision in _after(self.from_schema, self.to_schema)
            if REWRITES.get(revision) and (self.method == ROLLED_BACK or revision not in POSTGRESQL_ONLY)
        ]

    def label(self) -> str:
        """What starts `verify`'s first line."""
        return "ROLLED-BACK UPGRADE" if self.method == ROLLED_BACK else "UPGRADED COPY"

    def checked(self) -> str:
        """How the case was checked, as `verify`'s last line says it (nothing was written to it)."""
        if self.method == ROLLED_BACK:
            return "inside a transaction that upgraded its database and was rolled back"
        return "on a temporary copy of its database"

    def line(self) -> str:
        """The first line of `verify`'s output: what was checked, on what, and what it cannot cover."""
        if self.method == ROLLED_BACK:
            return (
                f"the case database is at schema {self.from_schema}, older than this Footprint's"
                f" {self.to_schema}: checked inside one transaction on it that upgraded it from schema"
                f" {self.from_schema} to {self.to_schema} and was then rolled back, against the case folder's"
                " own files; nothing is written to the case folder, and nothing is committed to its database."
                f" Not covered, as the upgrade in that transaction wrote it: {self._not_covered()}"
            )
        wal = f" and its -wal file (SHA-256 {self.wal_sha256})" if self.wal_sha256 else ""
        return (
            f"the case database is at schema {self.from_schema}, older than this Footprint's"
            f" {self.to_schema}: checked on a temporary copy of it (SHA-256 {self.database_sha256}){wal},"
            f" upgraded from schema {self.from_schema} to {self.to_schema}, against the case folder's own"
            " files; nothing is written to the case folder or its database, and the copy is removed when the"
            " check ends."
            f" Not covered, as the upgrade of the copy wrote it: {self._not_covered()}"
        )

    def _not_covered(self) -> str:
        return "; ".join(
            self.rewrites() or ["nothing (the migrations between them add only empty tables or indexes)"]
        )

    def as_json(self) -> dict[str, Any]:
        """``upgraded_copy`` in `verify --json`."""
        return {
            "method": self.method,
            "from_schema": self.from_schema,
            "to_schema": self.to_schema,
            "database_sha256": self.database_sha256,
            "wal_sha256": self.wal_sha256,
            "not_covered": self.rewrites(),
        }


def _after(older: str, newer: str) -> list[str]:
    """The revisions after ``older`` up to ``newer``, oldest first."""
    known = known_revisions()
    return known[known.index(older) + 1 : known.index(newer) + 1]


def is_older(revision: str | None) -> bool:
    """Whether ``revision`` is one this Footprint knows and upgrades from (not its own, not a newer one)."""
    return revision in known_revisions()[:-1]  # one reading of the migrations: the newest is the last


def _sqlite_revision(database: Path) -> str | None:
    """The schema of the SQLite file ``database`` as its file says, read through an immutable read-only
    open (which writes nothing, not even a ``-shm`` file); ``None`` when it holds none."""
    uri = f"file:{quote(str(database.resolve()))}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:  # not a case database: the ordinary opening says what is wrong
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None


def _copy_file(source: Path, target: Path) -> str:
    """Copy ``source`` to ``target`` byte for byte (read only), returning its SHA-256."""
    digest = hashlib.sha256()
    with source.open("rb") as read, target.open("xb") as written:
        while block := read.read(1 << 20):
            digest.update(block)
            written.write(block)
    return digest.hexdigest()


def _state(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_size, found.st_mtime_ns


def _copy_database(database: Path, folder: Path) -> tuple[str, str | None]:
    """Copy the database file and its ``-wal`` file, if any, into ``folder``; taken again when either
    changed while it was read (another program writing to the case), and refused after ``COPY_TRIES``."""
    wal = Path(f"{database}-wal")
    target = folder / COPY_NAME
    for _ in range(COPY_TRIES):
        before = (_state(database), _state(wal))
        for stale in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            stale.unlink(missing_ok=True)
        try:
            sha256 = _copy_file(database, target)
            wal_sha256 = _copy_file(wal, Path(f"{target}-wal")) if before[1] is not None else None
        except FileNotFoundError:  # the -wal file went (its last connection closed) while it was read
            continue
        if (_state(database), _state(wal)) == before:
            return sha256, wal_sha256
    raise CaseBusyError(
        f"{database}: the case database changed each time verify copied it ({COPY_TRIES} times): another"
        " program is writing to it; nothing was checked. Run footprint verify again when it has finished"
    )


@contextmanager
def upgraded_copy(directory: Path, settings: Settings) -> Iterator[UpgradedCopy | None]:
    """The case in ``directory`` on an upgraded temporary copy of its database when that is a SQLite file
    at an older schema; ``None`` otherwise (a case at this Footprint's schema, or one the ordinary opening
    refuses with its own message: no case, a newer schema). A team case at an older schema is upgraded
    inside a transaction instead, rolled back when the block ends (``rolled_back``). The copy is removed
    when the block ends, however it ends."""
    if not (directory / CASE_FILE).exists():
        yield None
        return
    url = Case.database_url(directory, settings)  # refuses a case being deleted, or another's database
    if not url.startswith("sqlite"):
        from footprint.integrity.rolled_back import rolled_back  # it builds this module's UpgradedCopy

        with rolled_back(directory, url, settings) as upgraded:
            yield upgraded
        return
    database = Path(str(make_url(url).database or ""))
    # the database file's own schema: a newer one may be in its -wal file (an upgrade not yet checkpointed),
    # never an older one, so only a file at an older schema is copied (its -wal file with it)
    if not is_older(_sqlite_revision(database)):
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="footprint-verify-copy-"))  # owner-only (0700)
    engine = None
    try:
        sha256, wal_sha256 = _copy_database(database, folder)
        engine = make_engine(f"sqlite:///{folder / COPY_NAME}")
        current = current_revision(engine)
        if current is None or not is_older(current):  # its -wal file held the upgrade: at this schema now
            yield None
            return
        refuse_a_deletion_recorded(directory, engine)
        migrate(engine, str(directory))
        case = Case(directory, settings, CaseStore(engine), head_revision())
        yield UpgradedCopy(case, current, head_revision(), sha256, wal_sha256)
    finally:
        if engine is not None:
            engine.dispose()
        shutil.rmtree(folder)  # a failure to remove it is raised: it holds a copy of the evidence
