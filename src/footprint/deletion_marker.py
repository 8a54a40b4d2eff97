"""The marker `case delete` leaves in a case folder before it removes anything (``DELETING.json``).

A deletion killed part-way (Ctrl-C, power loss) leaves the marker, which is removed last: any command that
opens the case is then refused with the one piece of advice that is true, to finish the deletion with
`footprint case delete DIR --finish`, never to restore or upgrade a case that was due for deletion.

A marker is only a file, which whoever may write the folder can write, so it is believed only with what
it cannot forge: the random token `case delete` puts in its hash-chained `case delete` audit entry before
it writes the marker (``footprint.deletion_entry.believed``). A marker in a case whose database is there and
does not end with that entry is a stray: the case opens as usual and `verify` names it as a PROBLEM.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from footprint.errors import DeletionBegunError

#: the marker's file name in the case folder
MARKER = "DELETING.json"
#: the states a deletion record is in while its deletion is unfinished (``case_delete`` writes them)
UNFINISHED = ("begun", "stopped part-way")


@dataclass(frozen=True)
class Marker:
    """What the marker says: where the deletion record is, when and by whom the deletion began."""

    record: Path
    begun_utc: str
    deleted_by: str
    role: str
    case_id: str | None
    case_name: str
    database: str  # "PostgreSQL" or "SQLite"
    #: the random token the deletion's `case delete` audit entry also holds (``None``: a marker an older
    #: Footprint wrote, or one that gives none)
    token: str | None = None


def write_marker(directory: Path, marker: Marker) -> None:
    """Write the marker into the case folder and flush it to disk, before anything is removed."""
    fields = {**marker.__dict__, "record": str(marker.record)}
    with open(directory / MARKER, "w", encoding="utf-8") as out:
        out.write(json.dumps(fields, indent=2, ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())


def read_marker(directory: Path) -> Marker | None:
    """The marker in ``directory``, or ``None`` when there is none (a marker that cannot be read still
    says a deletion began: its fields are then shown as unknown)."""
    path = directory / MARKER
    if not os.path.lexists(path):
        return None
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    words = {k: str(data.get(k) or "unknown") for k in ("begun_utc", "deleted_by", "role", "case_name")}
    return Marker(
        record=Path(str(data.get("record") or "unknown")),
        case_id=str(data["case_id"]) if data.get("case_id") else None,
        database=str(data.get("database") or "unknown"),
        token=str(data["token"]) if data.get("token") else None,
        **words,
    )


def refuse_a_deletion_begun(directory: Path) -> None:
    """Refuse to open a case whose deletion began and stopped part-way, saying how to finish it: one whose
    marker the case's audit log bears out, or where no database is left to say otherwise (`--finish`
    checks the folder then: ``footprint.deletion_checks``)."""
    marker = read_marker(directory)
    if marker is not None:
        raise DeletionBegunError(
            f"{directory}: this case's deletion was begun on {marker.begun_utc} by {marker.deleted_by} and"
            f" stopped part-way (record {marker.record}): finish it with"
            f" `footprint case delete {directory} --finish --confirm CASE_NAME`"
        )


def stray_marker(directory: Path) -> list[str]:
    """`verify`'s PROBLEM for a marker in a case that opened, which the audit log does not bear out."""
    if not os.path.lexists(directory / MARKER):
        return []
    return [
        f"{MARKER}: a deletion marker no `case delete` of this case wrote (the case's audit log does not end"
        " with the `case delete` entry a deletion writes before its marker): the case folder was changed"
        " outside Footprint; nothing was deleted. Keep a copy of the file, as evidence of that change, then"
        " remove it from the case folder"
    ]
