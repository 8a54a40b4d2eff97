"""`case delete --finish`: finish a deletion that was stopped part-way (killed, powered off), found by the
marker ``case delete`` leaves in the folder before it removes anything (``footprint.deletion_marker``).

No case store is opened (its database may be gone). Once what is found agrees with the marker
(``footprint.deletion_checks``: nothing is changed otherwise), any of Footprint's tables still in a team
case's PostgreSQL database are dropped, what is left of the folder is removed, and the record named when
the deletion began is completed in place.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import inspect

from footprint.case import CASE_FILE, Case
from footprint.case_delete import (
    NOT_REMOVED,
    Deletion,
    clear_folder,
    drop_tables,
    made_by_footprint,
    remove_folder,
    replace_record,
)
from footprint.code_identity import tool_version
from footprint.deciders import MANAGERS
from footprint.deletion_checks import (
    check_confirm,
    check_finish,
    check_holds_a_case,
    check_record_agrees,
    database_left,
    not_gone,
)
from footprint.deletion_entry import (
    deletion_recorded,
    folder_case_id,
    marker_from_entry,
    marker_from_record,
)
from footprint.deletion_marker import MARKER, Marker, read_marker
from footprint.errors import AccessDeniedError, InputError
from footprint.review.decisions import may_manage
from footprint.settings import Settings
from footprint.store.engine import make_engine
from footprint.times import now_utc


def finish_deletion(
    directory: Path, settings: Settings, record: Path | None = None, *, confirm: str | None
) -> Deletion:
    """Finish the deletion begun in ``directory`` once what is found agrees with how it began and
    ``confirm`` is the case's name; returns where its record is and what this run removed. With its
    marker, ``deletion_checks`` checks the folder, record and database against it; without one,
    ``record``: the deletion record of one begun without a marker (``footprint.deletion_entry``), where the
    case's database no longer says it began."""
    directory = directory.resolve()
    marker = read_marker(directory)
    if marker is not None and record is not None:
        raise InputError(
            f"{directory}: this deletion's {MARKER} names its record ({marker.record}); give --finish"
            " --confirm CASE_NAME without --record; nothing was done"
        )
    if not may_manage(settings.role):
        raise AccessDeniedError(
            f"{settings.actor} acts as {settings.role!r}, which may not delete a case; {MANAGERS} must;"
            " nothing was done"
        )
    found = ""
    if marker is None:
        marker, found = _unmarked(directory, settings, record)
        check_confirm(
            replace(marker, case_name=folder_case_id(directory, "case_name") or marker.case_name), confirm
        )
    else:
        check_finish(directory, marker, settings, confirm)
    if not marker.record.parent.is_dir() or not os.access(marker.record.parent, os.W_OK):
        raise InputError(
            f"{marker.record}: the deletion record's folder is missing or cannot be written, so the"
            " record could not be completed; put it back or make it writable; nothing was done"
        )
    removed: list[str] = []
    not_removed = list(NOT_REMOVED)
    clear_folder(directory)  # the database after everything but case.json and the marker, as delete does
    if marker.database == "PostgreSQL" and (directory / CASE_FILE).exists():
        removed += _drop_what_is_left(directory, settings, not_removed)
    remove_folder(directory)
    removed.append(f"what was left of the case folder {directory}")
    _complete(marker, settings, removed, not_removed, {"finished_without_marker": found} if found else {})
    return Deletion(marker.record, tuple(removed), tuple(not_removed))


def _unmarked(directory: Path, settings: Settings, record: Path | None) -> tuple[Marker, str]:
    """The marker a deletion begun without one would have written, and how it was known: from the
    `case delete` entry its audit log ends with, or, where no database is left (``database_left``), from
    its ``record`` once that agrees with the folder (``deletion_checks``)."""
    case_id = folder_case_id(directory)
    engine = database_left(directory, settings)
    try:
        entry = deletion_recorded(engine) if engine is not None else None
        refusal = not_gone(directory, engine) if engine is not None and entry is None else None
        postgres = engine is not None and engine.dialect.name == "postgresql"
    finally:
        if engine is not None:
            engine.dispose()
    if entry is not None:
        marker = marker_from_entry(
            entry,
            folder_case_id(directory, "case_name") or entry["case_name"] or "unknown",
            "PostgreSQL" if postgres else "SQLite",
        )
        if record is not None and record.expanduser().resolve() != marker.record.resolve():
            raise InputError(
                f"{directory}: the case's `case delete` audit entry {entry['seq']} names its record"
                f" ({marker.record}), not {record}; give --finish --confirm CASE_NAME without --record;"
                " nothing was done"
            )
        return marker, (
            f"begun without {MARKER} (by an older Footprint, or stopped before it was written); known by the"
            f" `case delete` entry the audit log ends with (entry {entry['seq']})"
        )
    if refusal is not None:
        raise refusal
    if record is None:
        raise InputError(
            f"{directory}: no deletion was begun here that this Footprint can tell (no {MARKER}, and no"
            " audit log ends with a `case delete` entry); if an older Footprint's `case delete` was stopped"
            " here, give the deletion record it wrote: `footprint case delete DIR --finish --confirm"
            " CASE_NAME --record FILE`;"
            " to delete a case give --confirm, --reason and --record without --finish; nothing was done"
        )
    check_holds_a_case(directory)
    if not (directory / CASE_FILE).exists() and any(directory.iterdir()):
        raise InputError(
            f"{directory}: holds no {CASE_FILE}, which `case delete` removes after everything else, yet is"
            " not empty, so it is not what is left of a Footprint case; nothing was done"
        )
    marker = marker_from_record(directory, record.expanduser().resolve(), case_id)
    check_record_agrees(directory, marker.record)
    return marker, (
        f"begun without {MARKER} (by an older Footprint), its database already gone; known by the deletion"
        " record given with --record"
    )


def _drop_what_is_left(directory: Path, settings: Settings, not_removed: list[str]) -> list[str]:
    """Drop the Footprint tables still in the case's PostgreSQL database (its audit log was shown to be
    this case's: ``deletion_checks``)."""
    # existing=False: the folder holds the deletion marker, which an existing case is refused for
    engine = make_engine(Case.database_url(directory, settings, existing=False))
    try:
        with engine.connect() as conn:
            tables = [name for name in inspect(conn).get_table_names() if made_by_footprint(name)]
        left = drop_tables(engine)
    finally:
        engine.dispose()
    not_removed.append(
        f"the PostgreSQL database itself, which still holds {len(left)} object(s) Footprint did not make"
        f" ({', '.join(left)})"
        if left
        else "the PostgreSQL database itself, now empty (its administrator may drop it)"
    )
    return [f"{len(tables)} of the case's tables still in its PostgreSQL database"] if tables else []


def _complete(
    marker: Marker, settings: Settings, removed: list[str], not_removed: list[str], found: dict[str, str]
) -> None:
    """Complete the record named when the deletion began, or make a new one there if it is missing."""
    fields: dict[str, Any]
    try:
        fields = json.loads(marker.record.read_text(encoding="utf-8"))
        if not isinstance(fields, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        fields = {
            "deleted_case": marker.case_name,
            "case_id": marker.case_id,
            "database": marker.database,
            "deleted_by": marker.deleted_by,
            "role": marker.role,
            "deleted_utc": marker.begun_utc,
            "record_remade": f"the record written when the deletion began could not be read ({exc}): this"
            " one was made by `case delete --finish` from the marker left in the case folder",
            "tool": "footprint",
            "tool_version": tool_version(),
        }
    replace_record(
        marker.record,
        {
            **fields,
            "state": "completed",
            "finished_utc": now_utc(),
            "finished_by": settings.actor,
            "finished_role": settings.role,
            "finished_removed": removed,
            "not_removed": not_removed,
            **found,
        },
    )
