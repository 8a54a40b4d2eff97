"""A `case delete` stopped part-way that left no ``DELETING.json`` (``footprint.deletion_marker``): one begun
by an older Footprint, which wrote no marker, or one killed between its audit entry and its marker.

What such a deletion leaves, and how each is known:

- the database, whole, whose audit log ends with the `case delete` entry (killed before it removed
  anything, or, for a team case, before its tables were dropped; on SQLite also with ``case.json`` or the
  vault already gone): every command that opens the case is refused, with the advice to finish it, and
  ``case delete DIR --finish`` takes the record from that entry;
- no database left to say so (the team case's tables dropped; ``case.db`` removed with part of the
  folder): the deletion record the older Footprint wrote is the only word that a deletion began, so
  ``case delete DIR --finish --record FILE`` takes it, once it names this folder, says the deletion was
  begun or stopped, and names the case the folder's ``case.json`` (while it is there) names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from footprint.deletion_marker import UNFINISHED, Marker, read_marker, refuse_a_deletion_begun
from footprint.errors import CaseMismatchError, DeletionBegunError, InputError

#: the audit action a deletion records before it removes anything
DELETE_ACTION = "case delete"
#: ``footprint.case.CASE_FILE`` (that module opens cases through this one)
_CASE_FILE = "case.json"


def deletion_recorded(engine: Engine) -> dict[str, Any] | None:
    """The audit log's last entry (``seq``, ``at_utc``, ``actor``, ``role``, ``details``, the first
    entry's hash as ``case_id`` and the case's name) when it is a `case delete`; ``None`` when it is not,
    or there is no audit log to read (read in plain SQL: the database may be at any schema)."""
    try:
        with engine.connect() as conn:
            last = conn.execute(
                text("SELECT seq, at_utc, actor, role, action, details FROM audit ORDER BY seq DESC LIMIT 1")
            ).first()
            first = conn.execute(text("SELECT hash FROM audit WHERE seq = 1")).scalar()
            name = conn.execute(text('SELECT name FROM "case" LIMIT 1')).scalar()
    except SQLAlchemyError:
        return None
    if last is None or last.action != DELETE_ACTION:
        return None
    try:
        details = json.loads(last.details)
    except ValueError:
        details = {}
    return {
        **last._asdict(),
        "details": details if isinstance(details, dict) else {},
        "case_id": first,
        "case_name": name,
    }


def holds_audit(engine: Engine) -> bool:
    """Whether the database holds an audit log with an entry in it."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT seq FROM audit LIMIT 1")).first() is not None
    except SQLAlchemyError:
        return False


def believed(marker: Marker, entry: dict[str, Any] | None) -> bool:
    """Whether ``entry`` (``deletion_recorded``) is the `case delete` entry the deletion that wrote
    ``marker`` recorded first: the same random token (none in either: an older Footprint's), and the same
    case id where the marker gives one."""
    if entry is None or entry["details"].get("token") != marker.token:
        return False
    return marker.case_id is None or marker.case_id == entry["case_id"]


def tables_gone(engine: Engine) -> bool:
    """Whether a team case's database holds no audit log at all (its tables dropped by a deletion, or
    never there); a SQLite file that is there is never gone, even damaged."""
    if engine.dialect.name != "postgresql":
        return False
    return "audit" not in inspect(engine).get_table_names()


def refuse_a_deletion_recorded(directory: Path, engine: Engine) -> None:
    """Refuse to open a case whose deletion began: its marker is borne out by the `case delete` entry its
    audit log ends with (or no audit log is left to say otherwise), or its audit log ends with a `case
    delete` entry (stopped before the marker was written, or begun by a Footprint that wrote none). A
    marker the audit log does not bear out is a stray, which does not stop the case opening. ``engine`` is
    disposed of before a refusal (no connection is left open)."""
    entry = deletion_recorded(engine)
    marker = read_marker(directory)
    begun = marker is not None and (believed(marker, entry) or tables_gone(engine))
    if not begun and entry is None:
        return
    engine.dispose()
    if begun:
        refuse_a_deletion_begun(directory)
    assert entry is not None
    raise DeletionBegunError(
        f"{directory}: this case's deletion was begun on {entry['at_utc']} by {entry['actor']} (audit"
        f" entry {entry['seq']}, record {entry['details'].get('record', 'unknown')}) and stopped"
        f" part-way: finish it with `footprint case delete {directory} --finish --confirm CASE_NAME`"
    )


def marker_from_entry(entry: dict[str, Any], case_name: str, database: str) -> Marker:
    """The marker the deletion whose `case delete` entry is ``entry`` would have written."""
    return Marker(
        record=Path(str(entry["details"].get("record") or "unknown")),
        begun_utc=str(entry["at_utc"]),
        deleted_by=str(entry["actor"]),
        role=str(entry["role"]),
        case_id=str(entry["case_id"]) if entry["case_id"] else None,
        case_name=case_name,
        database=database,
    )


def marker_from_record(directory: Path, record: Path, case_id: str | None) -> Marker:
    """The marker the deletion whose record is ``record`` would have written, once the record is shown to
    be this folder's unfinished deletion of the case ``case_id`` (the folder's ``case.json``, when there)."""
    try:
        fields = json.loads(record.read_text(encoding="utf-8"))
        if not isinstance(fields, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        raise InputError(f"{record}: the deletion record cannot be read ({exc}); nothing was done") from None
    folder = Path(str(fields.get("folder") or "")).expanduser()
    if not folder.is_absolute() or folder.resolve() != directory:
        raise InputError(
            f"{record}: this deletion record is of the folder {fields.get('folder')!r}, not {directory};"
            " give the record written when this folder's deletion began; nothing was done"
        )
    state = str(fields.get("state") or "")
    if not state.startswith(UNFINISHED):
        raise InputError(
            f"{record}: this deletion record says {state!r}, not begun or stopped part-way; nothing was done"
        )
    recorded = str(fields["case_id"]) if fields.get("case_id") else None
    if case_id is not None and recorded is not None and case_id != recorded:
        raise CaseMismatchError(
            f"{directory}: the case here (case id {case_id[:16]}) is not the one the record deleted (case id"
            f" {recorded[:16]}); nothing was done"
        )
    return Marker(
        record=record,
        begun_utc=str(fields.get("deleted_utc") or "unknown"),
        deleted_by=str(fields.get("deleted_by") or "unknown"),
        role=str(fields.get("role") or "unknown"),
        case_id=recorded,
        case_name=str(fields.get("deleted_case") or "unknown"),
        database="PostgreSQL" if str(fields.get("database")).startswith("PostgreSQL") else "SQLite",
    )


def folder_case_id(directory: Path, key: str = "case_id") -> str | None:
    """The case id the folder's ``case.json`` names (or its field ``key``), or ``None`` when it names none
    or cannot be read."""
    try:
        value = json.loads((directory / _CASE_FILE).read_text(encoding="utf-8")).get(key)
    except (OSError, ValueError, AttributeError):
        return None
    return str(value) if value else None
