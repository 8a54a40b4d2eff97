"""`case delete`: end a case when its retention period is over, leaving a record that outlives it.

Deleting removes every copy Footprint keeps of the case's material: the case folder (the vault of
originals, the reports and their superseded copies, the SQLite database) and, for a team case, every
table of its PostgreSQL database. It is the one write that leaves no case to audit it, so its record
goes to a file the user names outside the case folder, written (and flushed to disk) before anything is
removed: which case, who deleted it, when and why, each exhibit's reference, file name and SHA-256, and
the audit log's last entry (its number and hash: which state of the case was deleted) and the access log's
(how many reads it held; the table goes with the database, as every table does). The record holds
no message text. What Footprint cannot reach is said, never implied: copies made outside it (bundles
given to others, backups), the emptied PostgreSQL database itself, and the disk's blocks (files are
unlinked, not overwritten: on SSDs and journalled file systems overwriting is no guarantee; rely on disk
encryption).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, text

from footprint import __version__
from footprint.audit import GENESIS
from footprint.case import CASE_FILE, Case
from footprint.deciders import MANAGERS
from footprint.errors import AccessDeniedError, InputError
from footprint.review.decisions import may_manage
from footprint.store.access_rows import last_access
from footprint.store.case_store import last_audit_entry
from footprint.times import now_utc

#: what deleting cannot reach, said each time
NOT_REMOVED = (
    "copies made outside Footprint (bundles and reports given to others, backups of the folder or the"
    " database)",
    "the disk's blocks: files are unlinked, not overwritten (keep case folders on an encrypted disk)",
)
#: the trigger function the append-only tables share on PostgreSQL (migration 0005)
APPEND_ONLY_FUNCTION = "footprint_append_only"


@dataclass(frozen=True)
class Deletion:
    """What `case delete` did: where its record is, what was removed and what it could not reach."""

    record: Path
    removed: tuple[str, ...]
    not_removed: tuple[str, ...]


def delete_case(case: Case, *, reason: str, confirm: str, record: Path) -> Deletion:
    """Delete ``case`` (refused unless ``confirm`` is its name, a deciding role that sees the whole case
    asks, and ``record`` is a new file outside the case folder), after writing its record there."""
    _check(case, reason, confirm, record)
    case.record("case delete", str(case.dir), reason.strip(), record=str(record))
    with case.store.engine.connect() as conn:
        last = last_audit_entry(conn)
        reads = last_access(conn) or (0, GENESIS)
    assert last is not None  # the entry just written
    exhibits = case.store.exhibits()
    postgres = case.store.engine.dialect.name == "postgresql"
    removed = [
        f"the case folder {case.dir} (its vault of {len(exhibits)} original(s), reports, audit head)",
        f"the case's access log ({reads[0]} read(s))",
    ]
    not_removed = list(NOT_REMOVED)
    if postgres:
        removed.append("every table of the case's PostgreSQL database")
        not_removed.append("the PostgreSQL database itself, now empty (its administrator may drop it)")
    _write_record(
        record,
        {
            "deleted_case": case.info.name,
            "case_id": _case_id(case.dir),
            "folder": str(case.dir),
            "database": "PostgreSQL" if postgres else "SQLite (case.db in the folder)",
            "deleted_by": case.settings.actor,
            "role": case.settings.role,
            "deleted_utc": now_utc(),
            "reason": reason.strip(),
            "audit_entries": last[0],
            "audit_head": last[1],
            "access_log_entries": reads[0],
            "access_log_head": reads[1],
            "exhibits": [
                {"ref": e.ref, "file_name": e.file_name, "sha256": e.sha256, "size": e.size} for e in exhibits
            ],
            "removed": removed,
            "not_removed": not_removed,
            "tool": "footprint",
            "tool_version": __version__,
        },
    )
    if postgres:
        _drop_tables(case.store.engine)
    case.close()
    _remove_folder(case.dir)
    return Deletion(record, tuple(removed), tuple(not_removed))


def _check(case: Case, reason: str, confirm: str, record: Path) -> None:
    if not may_manage(case.settings.role):
        raise AccessDeniedError(
            f"{case.settings.actor} acts as {case.settings.role!r}, which may not delete a case; {MANAGERS}"
            " must; nothing was deleted"
        )
    name = case.info.name
    if confirm != name:
        raise InputError(
            f"--confirm must be the case's name exactly ({name!r}), to show which case is meant; nothing was"
            " deleted"
        )
    if not reason.strip():
        raise InputError(
            "say why the case is deleted with --reason (e.g. the retention review); nothing was deleted"
        )
    target = record.expanduser().resolve()
    if target.is_relative_to(case.dir.resolve()):
        raise InputError(
            f"{record}: the deletion record must be written outside the case folder, which is removed;"
            " nothing was deleted"
        )
    if target.exists():
        raise InputError(
            f"{record}: already exists; give a new file for the deletion record; nothing was deleted"
        )
    if not target.parent.is_dir():
        raise InputError(f"{record}: its folder does not exist; nothing was deleted")


def _case_id(directory: Path) -> str | None:
    try:
        value = json.loads((directory / CASE_FILE).read_text(encoding="utf-8")).get("case_id")
    except (OSError, ValueError, AttributeError):
        return None
    return str(value) if value else None


def _write_record(path: Path, fields: dict[str, Any]) -> None:
    """Write the record owner-only and flush it to disk before anything is removed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(json.dumps(fields, indent=2, ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())


def _drop_tables(engine: Engine) -> None:
    """Every table of the case's database (one database per case), and the append-only trigger
    function; the triggers refuse DELETE and TRUNCATE, not DROP."""
    tables = MetaData()
    tables.reflect(engine)
    quote = engine.dialect.identifier_preparer.quote
    with engine.begin() as conn:
        for table in reversed(tables.sorted_tables):
            conn.execute(text(f"DROP TABLE IF EXISTS {quote(table.name)} CASCADE"))
        conn.execute(text(f"DROP FUNCTION IF EXISTS {APPEND_ONLY_FUNCTION}() CASCADE"))


def _remove_folder(directory: Path) -> None:
    """Remove the folder, read-only vault copies included: a file is unlinked through its folder, so each
    folder is made the owner's to change first."""
    for folder, _dirs, _files in os.walk(directory):
        os.chmod(folder, stat.S_IRWXU)
    shutil.rmtree(directory)
