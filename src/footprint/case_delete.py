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
import re
import secrets
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine, inspect, text

from footprint.audit import GENESIS
from footprint.case import CASE_FILE, Case
from footprint.code_identity import tool_version
from footprint.deciders import MANAGERS
from footprint.deletion_entry import folder_case_id
from footprint.deletion_marker import MARKER, Marker, write_marker
from footprint.errors import AccessDeniedError, DeletionStoppedError, InputError
from footprint.review.decisions import may_manage
from footprint.store.access_rows import last_access
from footprint.store.case_store import last_audit_entry
from footprint.store.schema import metadata
from footprint.times import now_utc

#: what deleting cannot reach, said each time
NOT_REMOVED = (
    "copies made outside Footprint (bundles and reports given to others, backups of the folder or the"
    " database)",
    "the disk's blocks: files are unlinked, not overwritten (keep case folders on an encrypted disk)",
    "a review app (`footprint serve`) still running on the case, which holds its database open until it"
    " stops (stop it first)",
)
#: the trigger function the append-only tables share on PostgreSQL (migration 0005)
APPEND_ONLY_FUNCTION = "footprint_append_only"
#: tables Footprint's migrations make that the schema's ``metadata`` does not describe: the migrations'
#: own, and the search words (PostgreSQL), a table per add attached as a partition (migration 0006)
_OTHER_TABLES = re.compile(r"alembic_version|item_words(?:_\d+)?")
#: what a deletion removes last, in this order: a SQLite case's database (and the files SQLite keeps
#: beside it), ``case.json``, the marker
LAST = ("case.db", "case.db-journal", "case.db-wal", "case.db-shm", CASE_FILE, MARKER)


@dataclass(frozen=True)
class Deletion:
    """What `case delete` did: where its record is, what was removed and what it could not reach."""

    record: Path
    removed: tuple[str, ...]
    not_removed: tuple[str, ...]


def delete_case(case: Case, *, reason: str, confirm: str, record: Path) -> Deletion:
    """Delete ``case`` (refused unless ``confirm`` is its name, a deciding role that sees the whole case
    asks, and ``record`` is a new file outside the case folder), after writing its record there. The
    record is made before the audit entry (a record that cannot be written leaves no entry), says
    "begun" until everything is removed, then "completed"; a removal that fails leaves it "stopped
    part-way", naming what is left. The folder's deletion marker, written before anything is removed and
    removed last, refuses the case to every command until `--finish` (``case_delete_finish``) ends it."""
    directory = case.dir.resolve()  # a symbolic link to the folder: its target is what is removed
    _check(case, reason, confirm, record)
    target = record.expanduser().absolute()
    out = _new_record(target)
    token = secrets.token_hex(16)  # in the audit entry first, then the record and the marker
    try:
        case.record("case delete", str(directory), reason.strip(), record=str(target), token=token)
    except BaseException:
        out.close()
        target.unlink()
        raise
    with case.store.engine.connect() as conn:
        last = last_audit_entry(conn)
        reads = last_access(conn) or (0, GENESIS)
    assert last is not None  # the entry just written
    exhibits = case.store.exhibits()
    vault = sorted(str(f.relative_to(directory)) for f in (directory / "vault").rglob("*") if f.is_file())
    postgres = case.store.engine.dialect.name == "postgresql"
    folder_words = (
        f"the case folder {directory} (its vault of {len(vault)} file(s), {len(exhibits)} of them exhibits'"
        " originals, the rest attachments and files a restore left; reports; audit head)"
    )
    tables_words = "the case's tables in its PostgreSQL database"
    reads_words = f"the case's access log of {reads[0]} read(s), in its database"
    fields: dict[str, Any] = {
        "state": "begun: removal not yet recorded as completed",
        "deleted_case": case.info.name,
        "case_id": folder_case_id(directory),
        "folder": str(directory),
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
        "vault_files": vault,
        "to_remove": [*([tables_words] if postgres else []), folder_words, reads_words],
        "tool": "footprint",
        "tool_version": tool_version(),
        "token": token,
    }
    with out:
        _write(out, fields)
    kind = "PostgreSQL" if postgres else "SQLite"
    run = case.settings
    write_marker(
        directory,
        Marker(
            target, fields["deleted_utc"], run.actor, run.role, fields["case_id"], case.info.name, kind, token
        ),
    )
    removed: list[str] = []
    not_removed = list(NOT_REMOVED)
    try:
        clear_folder(directory)  # all but the database, case.json and the marker
        if postgres:
            left = drop_tables(case.store.engine)
            removed += [tables_words, reads_words]
            not_removed.append(
                f"the PostgreSQL database itself, which still holds {len(left)} object(s) Footprint did not"
                f" make ({', '.join(left)})"
                if left
                else "the PostgreSQL database itself, now empty (its administrator may drop it)"
            )
        case.close()
        remove_folder(directory)
        removed += [folder_words] if postgres else [folder_words, reads_words]
    except Exception as exc:
        still = [w for w in fields["to_remove"] if w not in removed]
        replace_record(target, {**fields, "state": "stopped part-way", "removed": removed, "left": still,
                          "error": str(exc)})  # fmt: skip
        raise DeletionStoppedError(
            f"the deletion stopped part-way ({exc}): "
            + (f"removed {'; '.join(removed)}; " if removed else "")
            + f"still there: {'; '.join(still)}. The record {target} says so; finish it with"
            f" `footprint case delete {directory} --finish --confirm CASE_NAME`"
        ) from exc
    finally:
        case.close()  # stopped in the tables' drop (Ctrl-C): no connection is left open
    replace_record(target, {**fields, "state": "completed", "completed_utc": now_utc(), "removed": removed,
                      "not_removed": not_removed})  # fmt: skip
    return Deletion(target, tuple(removed), tuple(not_removed))


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
    if os.path.lexists(record.expanduser()):  # a dangling symbolic link too
        raise InputError(
            f"{record}: already exists; give a new file for the deletion record; nothing was deleted"
        )
    if not target.parent.is_dir():
        raise InputError(f"{record}: its folder does not exist; nothing was deleted")


def _new_record(path: Path) -> TextIO:
    """The record's file, made new and owner-only before anything is audited or removed."""
    try:
        return _owner_only(path)
    except OSError as exc:
        raise InputError(
            f"{path}: the deletion record cannot be written ({exc.strerror or exc}); give a new file in a"
            " folder you may write; nothing was deleted"
        ) from exc


def _owner_only(path: Path) -> TextIO:
    """A new file at ``path``, readable by its owner only (refused if anything is there)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8")


def _write(out: TextIO, fields: dict[str, Any]) -> None:
    """Write the record and flush it to disk."""
    out.write(json.dumps(fields, indent=2, ensure_ascii=False) + "\n")
    out.flush()
    os.fsync(out.fileno())


def replace_record(path: Path, fields: dict[str, Any]) -> None:
    """The record as it now stands, put in place of the last whole (a new file, then renamed). Removal
    has begun by now: a failure here is the disk's, never "nothing was deleted"."""
    part = path.with_name(f".{path.name}.part")
    part.unlink(missing_ok=True)  # left by a run killed while it replaced this record
    with _owner_only(part) as out:
        _write(out, fields)
    os.replace(part, path)


def drop_tables(engine: Engine) -> list[str]:
    """The tables Footprint made in the case's database, and the append-only trigger function (the
    triggers refuse DELETE and TRUNCATE, not DROP), in one transaction; returns what the database still
    holds that Footprint did not make (an administrator's tables, views, sequences)."""
    quote = engine.dialect.identifier_preparer.quote
    with engine.begin() as conn:
        for name in sorted(filter(made_by_footprint, inspect(conn).get_table_names())):
            conn.execute(text(f"DROP TABLE IF EXISTS {quote(name)} CASCADE"))
        conn.execute(text(f"DROP FUNCTION IF EXISTS {APPEND_ONLY_FUNCTION}() CASCADE"))
    with engine.connect() as conn:
        seen = inspect(conn)
        left = [*seen.get_table_names(), *seen.get_view_names(), *seen.get_sequence_names()]
    return sorted(left)


def made_by_footprint(table: str) -> bool:
    """Whether Footprint's schema or migrations make a table of this name."""
    return table in metadata.tables or bool(_OTHER_TABLES.fullmatch(table))


def clear_folder(directory: Path) -> None:
    """Remove all of the folder but ``LAST`` (the database, ``case.json``, the marker), read-only vault
    copies included: a file is unlinked through its folder, so each folder is made the owner's to change
    first. The database goes after everything else (a team case's tables are dropped after this), so a
    deletion whose database is gone has left nothing but ``case.json`` and the marker: a marker found with
    the vault but no database is no deletion's (``footprint.deletion_checks``)."""
    for folder, _dirs, _files in os.walk(directory):
        os.chmod(folder, stat.S_IRWXU)
    for entry in sorted(directory.iterdir()):
        if entry.name not in LAST:
            _remove(entry)


def remove_folder(directory: Path) -> None:
    """Remove what is left of the folder (``clear_folder``), then ``LAST`` in its order: ``case.json``
    (which names a team case's database) after the database, and the deletion marker last, so a removal
    stopped part-way leaves the marker."""
    clear_folder(directory)
    for name in LAST:
        (directory / name).unlink(missing_ok=True)
    directory.rmdir()


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    else:
        entry.unlink()
