"""That every schema upgrade is in the audit log, even one stopped between its commit and its entry.

`case upgrade` commits the migration in one transaction and records its `case upgrade` audit entry in the
next, so a kill (or Ctrl-C) between the two left the case upgraded with no entry, for good. Now it writes
``upgrade-pending.json`` in the case folder (the schema it starts from) before migrating, and removes it
once the entry is recorded. The next `case upgrade` records a missed upgrade late (``recorded_late``,
from the schema the marker, or the last entry that records a schema, names), and `verify` names it until
then: a PROBLEM while it is unrecorded, a NOTE once it was recorded late.

The schema an audit log records is the last `case upgrade` entry's ``schema``, else the `case init`
entry's (recorded since 30 Nov 2026); a case made before that and never upgraded records none, and
`verify` says that a missed upgrade could not be told there.

Two `case upgrade`s at once are one after the other (:func:`upgrading`): the second, waiting until the
first has recorded its entry, finds the case at the newest schema with the entry that says so, and says
"already at schema N" — it no longer takes the first, still running, for one that was stopped. `verify`
tries the same locks without waiting (:func:`running_upgrade`): while another process holds one, the
upgrade is running, not stopped, and `verify` says so as a NOTE instead of the stopped upgrade's PROBLEM.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, func, select, text

from footprint.code_identity import tool_version
from footprint.file_locks import held_elsewhere
from footprint.model import AuditEntry
from footprint.store.engine import make_engine
from footprint.times import iso_utc, now_utc

#: in the case folder while an upgrade is between its start and its audit entry
PENDING = "upgrade-pending.json"
UPGRADE = "case upgrade"


#: the PostgreSQL advisory lock key held for a whole `case upgrade`: "FPUPCMD" in ASCII (not the key
#: ``engine.migrate`` takes in its own transaction meanwhile)
UPGRADING_LOCK = 0x46505550434D44


@contextmanager
def upgrading(case_dir: Path, url: str, waiting: Callable[[], None]) -> Iterator[None]:
    """Held from before an upgrade's note is written until its entry is recorded and the note removed;
    ``waiting`` is called (once) when another `case upgrade` of the case holds it. The lock is the case
    folder's own (``flock`` on the folder), and on PostgreSQL a session advisory lock too, for a
    colleague's upgrade of the same database through another folder."""
    told: list[bool] = []

    def wait() -> None:
        if not told:
            told.append(True)
            waiting()

    folder = os.open(case_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            wait()
            fcntl.flock(folder, fcntl.LOCK_EX)
        if url.startswith("sqlite"):
            yield
            return
        engine = make_engine(url)
        try:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                if not conn.execute(select(func.pg_try_advisory_lock(UPGRADING_LOCK))).scalar():
                    wait()
                    conn.execute(select(func.pg_advisory_lock(UPGRADING_LOCK)))
                try:
                    yield
                finally:
                    conn.execute(select(func.pg_advisory_unlock(UPGRADING_LOCK)))
        finally:
            engine.dispose()
    finally:
        os.close(folder)  # releases the folder's lock


#: the advisory lock above as ``pg_locks`` shows a bigint key: its high half, its low half, objsubid 1
_UPGRADING_HELD = text(
    "SELECT a.backend_start FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
    " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
    " AND l.classid = CAST(:high AS oid) AND l.objid = CAST(:low AS oid) AND l.pid <> pg_backend_pid()"
    " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
).bindparams(high=UPGRADING_LOCK >> 32, low=UPGRADING_LOCK & 0xFFFFFFFF)


def running_upgrade(case_dir: Path, engine: Engine) -> str | None:
    """`verify`'s NOTE while another process holds :func:`upgrading`'s lock (a `case upgrade` running
    now), else ``None``. Tried without waiting: the folder's ``flock`` (shared, let go at once), and on
    PostgreSQL the advisory lock, read from ``pg_locks`` (an upgrade through another copy of the folder).
    When it started: the note the upgrade wrote in this folder, else the PostgreSQL session holding it."""
    held, started = held_elsewhere(case_dir), None
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            holder = conn.execute(_UPGRADING_HELD).first()
        if holder is not None:
            held, started = True, holder[0]
    if not held:
        return None
    when = _started(case_dir) or (iso_utc(started) if started is not None else None)
    since = f" (started {when})" if when else ""
    return (
        f"schema: a `case upgrade` of this case is running now{since}: verify again when it ends (until its"
        " audit entry is recorded, the database's schema may be newer than the audit log records)"
    )


def _started(case_dir: Path) -> str | None:
    """When the upgrade whose note is in the folder started (``None``: no note, or none readable)."""
    try:
        fields = json.loads((case_dir / PENDING).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    started = fields.get("started_utc") if isinstance(fields, dict) else None
    return started if isinstance(started, str) else None


def recorded_schema(entries: Iterable[AuditEntry]) -> str | None:
    """The schema the audit log last recorded: the last `case upgrade` entry's, else `case init`'s
    (``None``: no entry records one)."""
    schema: str | None = None
    for entry in entries:
        if entry.action in (UPGRADE, "case init"):
            schema = json.loads(entry.details).get("schema")
    return schema


def begin(case_dir: Path, before: str | None) -> None:
    """Before migrating: note the schema the upgrade starts from, unless a stopped upgrade's note is
    there (it names the schema the case was at before either)."""
    marker = case_dir / PENDING
    if not marker.exists():
        fields = {"from_schema": before, "started_utc": now_utc(), "tool_version": tool_version()}
        marker.write_text(json.dumps(fields) + "\n", encoding="utf-8")


def pending_from(case_dir: Path) -> tuple[bool, str | None]:
    """Whether an upgrade's note is in the folder, and the schema it started from."""
    try:
        fields = json.loads((case_dir / PENDING).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False, None
    except (OSError, ValueError):  # damaged: an upgrade began, from a schema no longer known
        return True, None
    return True, fields.get("from_schema") if isinstance(fields, dict) else None


def finish(case_dir: Path) -> None:
    """Once the upgrade's entry is recorded (or none was needed)."""
    (case_dir / PENDING).unlink(missing_ok=True)


def missed_upgrade(case_dir: Path, entries: list[AuditEntry], revision: str) -> tuple[bool, str | None]:
    """Whether the database's schema ``revision`` was reached by an upgrade no `case upgrade` entry
    records, and the schema it came from (``None``: not known)."""
    recorded = recorded_schema(entries)
    if recorded == revision:
        return False, None
    marked, marked_from = pending_from(case_dir)
    if marked and marked_from != revision:
        return True, marked_from or recorded
    return (True, recorded) if recorded is not None else (False, None)


def schema_checks(
    case_dir: Path, entries: list[AuditEntry], revision: str, running: str | None = None
) -> tuple[list[str], list[str]]:
    """`verify`'s PROBLEM for an upgrade that is not in the audit log; its NOTEs for each upgrade recorded
    late, and for a case whose log records no schema at all (where a missed upgrade cannot be told).
    ``running``: :func:`running_upgrade`'s NOTE, given instead of the PROBLEM (that upgrade has not yet
    recorded its entry, or will record a stopped one's late)."""
    missed, origin = missed_upgrade(case_dir, entries, revision)
    problems = [
        f"schema: the database is at schema {revision}, but no `case upgrade` audit entry records its upgrade"
        f" from schema {origin or '(not known)'} — an upgrade stopped after it changed the database and"
        " before it recorded its entry; run `footprint case upgrade` on the case to record it (late)"
    ]
    notes = [
        f"audit entry {entry.seq}: the upgrade to schema {details.get('schema')} (from schema"
        f" {details.get('from_schema') or '(not known)'}) was recorded late, by a later `case upgrade`: the"
        " upgrade that made it was stopped before its entry, so when and by whom it was made is not recorded"
        for entry in entries
        if entry.action == UPGRADE and (details := json.loads(entry.details)).get("recorded_late")
    ]
    if not missed and entries and recorded_schema(entries) is None:
        notes.append(
            "schema: no audit entry records which schema this case was made at (its `case init` entry was"
            " written before Footprint recorded it, and no `case upgrade` entry follows), so an upgrade"
            " stopped before its entry could not be told here"
        )
    if running is not None:
        return [], [running, *notes]
    return (problems if missed else []), notes
