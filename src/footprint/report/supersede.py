"""Move an earlier report's outputs aside, into ``reports/superseded/<entry>/``, before a new report.

An earlier report.pdf or bundle.zip left beside a newer report.html would look current. They may have
been sent to someone, so they are never deleted: every file the earlier report recorded in its audit
entry (and a bundle's detached ``.sha256``) moves, unchanged, into a folder named after the audit entry
that report was as at (``-2``, ``-3``… when a folder of that name is already there), and the move is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from footprint.case import Case

SUPERSEDED = "superseded"


@dataclass(frozen=True)
class Superseded:
    """Where an earlier report's outputs went: the audit entry it was as at, the folder, the files."""

    as_at: int
    folder: Path
    moved: tuple[str, ...]  # the files' paths inside the case folder before the move


def _earlier(case: Case) -> tuple[int, list[str]] | None:
    """The last report's "as at" audit entry and the files it wrote, as its audit entry lists them."""
    last = None
    for entry in case.store.audit_entries():
        if entry.action == "report":
            last = entry
    if last is None:
        return None
    details = json.loads(last.details or "{}")
    names = list(details.get("outputs", {}))
    names += [f"{n}.sha256" for n in names if n.endswith(".zip")]  # the detached hash beside a bundle
    return int(details.get("as_at_audit_entry", last.seq)), names  # an old entry may not say: its own


def _unused(parent: Path, as_at: int) -> Path:
    """``<as_at>``, or ``<as_at>-2``, ``-3``… when a move used it: a kept report is never replaced."""
    folder, n = parent / str(as_at), 1
    while folder.exists():
        n += 1
        folder = parent / f"{as_at}-{n}"
    return folder


def supersede(case: Case) -> Superseded | None:
    """Move the last report's outputs that are still in ``reports/`` aside and audit the move."""
    earlier = _earlier(case)
    if earlier is None:
        return None
    as_at, names = earlier
    reports = case.reports_dir
    folder = _unused(reports / SUPERSEDED, as_at)
    moved: dict[str, str] = {}
    for name in names:
        source = case.dir / name
        if not source.is_file() or source.is_relative_to(reports / SUPERSEDED):
            continue
        target = folder / source.relative_to(reports)
        target.parent.mkdir(parents=True, exist_ok=True)
        source.replace(target)
        moved[name] = target.relative_to(case.dir).as_posix()
        for parent in source.parents:  # schedules/, disclosure/ … once empty
            if parent == reports or any(parent.iterdir()):
                break
            parent.rmdir()
    if not moved:
        return None
    case.record(
        "supersede report",
        f"{folder.relative_to(case.dir).as_posix()}/",
        "a later report replaces these outputs; kept, not deleted",
        as_at_audit_entry=as_at,
        moved=moved,
    )
    return Superseded(as_at, folder, tuple(moved))
