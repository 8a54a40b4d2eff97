"""Plan moving an earlier report's outputs aside, into ``reports/superseded/<entry>/``, before a new report.

An earlier report.pdf or bundle.zip left beside a newer report.html would look current. They may have
been sent to someone, so they are never deleted: every file the earlier report recorded in its audit
entry (and a bundle's detached ``.sha256``) moves, unchanged, into a folder named after the audit entry
that report was as at (``-2``, ``-3``… when a folder of that name is already there), and the move is audited.
A file where the new report will write that no report recorded (copied there by hand, say) is never
overwritten: it moves aside with them (into ``superseded/unrecorded/`` when there was no earlier report),
and the audit entry names it as recorded by no report; a recorded file whose SHA-256 is no longer the one
recorded is named as changed since. ``write.py`` makes the moves and the entry
together with the new report's, all or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from footprint.case import Case
from footprint.model import AuditEntry
from footprint.vault import sha256_file

SUPERSEDED = "superseded"
UNRECORDED = "unrecorded"


@dataclass(frozen=True)
class EarlierReport:
    """A report written before this one: its ``report`` audit entry, and where its outputs are kept now."""

    seq: int  # its ``report`` audit entry
    at_utc: str
    actor: str
    as_at: int  # the audit entry it was as at
    files: tuple[str, ...]  # its outputs, inside the case folder (reports/...)
    folder: str  # where they were moved aside to (the ``supersede report`` entry's), or where they will go


def earlier_reports(entries: Iterable[AuditEntry]) -> tuple[EarlierReport, ...]:
    """Every report written so far, in audit order, with the folder its outputs were moved aside to. Each
    is superseded by the report being built: the last one's outputs move aside when it is written, into
    ``reports/superseded/<the entry it was as at>/`` (or ``-2``… when that folder is taken)."""
    reports: list[tuple[AuditEntry, int, tuple[str, ...]]] = []
    folders: dict[int, str] = {}
    for entry in entries:
        details = json.loads(entry.details or "{}")
        as_at = details.get("as_at_audit_entry")
        if entry.action == "report":  # an old entry may not say what it was as at: its own
            outputs = details.get("outputs", {})
            at = as_at if isinstance(as_at, int) else entry.seq
            reports.append((entry, at, tuple(sorted(outputs)) if isinstance(outputs, dict) else ()))
        elif entry.action == "supersede report" and isinstance(as_at, int):
            folders.setdefault(as_at, entry.object)
    return tuple(
        EarlierReport(
            e.seq, e.at_utc, e.actor, as_at, files, folders.get(as_at, f"reports/{SUPERSEDED}/{as_at}/")
        )
        for e, as_at, files in reports
    )


@dataclass(frozen=True)
class Superseded:
    """Where an earlier report's outputs go: the audit entry it was as at, the folder, the files."""

    as_at: int | None  # None: no report recorded any of the files
    folder: Path
    moves: tuple[tuple[str, str], ...]  # (path before, path after), inside the case folder
    unrecorded: tuple[str, ...] = ()  # of those, the files no report recorded
    changed: tuple[str, ...] = ()  # of those, the files whose SHA-256 is not the one recorded

    @property
    def moved(self) -> tuple[str, ...]:
        """The files' paths inside the case folder before the move."""
        return tuple(before for before, _ in self.moves)

    def details(self) -> dict[str, object]:
        """What the ``supersede report`` audit entry records."""
        found: dict[str, object] = {"as_at_audit_entry": self.as_at, "moved": dict(self.moves)}
        if self.unrecorded:
            found["recorded_by_no_report"] = list(self.unrecorded)
        if self.changed:
            found["changed_since_recorded"] = list(self.changed)
        return found


def _earlier(case: Case) -> tuple[int, dict[str, str | None]] | None:
    """The last report's "as at" audit entry and the files it wrote, as its audit entry lists them, with
    the SHA-256 it recorded for each (None for a bundle's detached hash, which it does not record)."""
    last = None
    for entry in case.store.audit_entries():
        if entry.action == "report":
            last = entry
    if last is None:
        return None
    details = json.loads(last.details or "{}")
    names: dict[str, str | None] = dict(details.get("outputs", {}))
    names |= {f"{n}.sha256": None for n in names if n.endswith(".zip")}  # the detached hash beside a bundle
    return int(details.get("as_at_audit_entry", last.seq)), names  # an old entry may not say: its own


def _unused(parent: Path, name: str) -> Path:
    """``<name>``, or ``<name>-2``, ``-3``… when a move used it: a kept report is never replaced."""
    folder, n = parent / name, 1
    while folder.exists():
        n += 1
        folder = parent / f"{name}-{n}"
    return folder


def plan(case: Case, new: Iterable[str]) -> Superseded | None:
    """What must move out of ``reports/`` before the new report's files (``new``: their paths inside the
    case folder) go in: the last report's outputs still there, and any other file in the way."""
    reports = case.reports_dir
    earlier = _earlier(case)
    recorded = earlier[1] if earlier is not None else {}
    names = list(dict.fromkeys([*recorded, *new]))
    present = [
        n
        for n in names
        if (case.dir / n).is_file() and not (case.dir / n).is_relative_to(reports / SUPERSEDED)
    ]
    if not present:
        return None
    as_at = earlier[0] if earlier is not None else None
    folder = _unused(reports / SUPERSEDED, UNRECORDED if as_at is None else str(as_at))
    moves = tuple(
        (n, (folder / (case.dir / n).relative_to(reports)).relative_to(case.dir).as_posix()) for n in present
    )
    unrecorded = tuple(n for n in present if n not in recorded)
    changed = tuple(n for n in present if recorded.get(n) and sha256_file(case.dir / n)[0] != recorded[n])
    return Superseded(as_at, folder, moves, unrecorded, changed)
