"""`verify` of the files beside the database: the report's outputs and the vault's contents.

Every output a `report` (an advocate's narrowed one too) or a bundle wrote is recorded, with its
SHA-256, in that action's audit entry; a later report moves the earlier outputs to
``reports/superseded/…`` and its `supersede report` entry (an advocate's report's own entry, for hers)
records where each went. `verify` follows those entries to where each output should be now and
re-hashes it there. Every file in the vault must be an exhibit or an attachment the database names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from footprint.model import AuditEntry
from footprint.vault import ABANDONED, ADDING, sha256_file
from footprint.vault_journal import SET_ASIDE, describe

#: an advocate's narrowed report (``report.narrowed_write``): its entry records the moves it made too
NARROWED_REPORT = "advocate report"


def expected_outputs(entries: Iterable[AuditEntry]) -> dict[str, tuple[str, int]]:
    """Where each recorded report output should be now (relative to the case), its SHA-256 and entry."""
    return _walk(entries)[0]


def overwritten_notes(entries: Iterable[AuditEntry]) -> list[str]:
    """`verify`'s NOTEs for report outputs a later report wrote over in place (versions before Footprint
    moved earlier reports aside): what their entries recorded cannot be checked."""
    return [
        f"audit entry {earlier}: its {count} report output(s) were written over in place by the report at"
        f" audit entry {later} (made before Footprint moved earlier reports aside), so they cannot be checked"
        for (earlier, later), count in sorted(_walk(entries)[1].items())
    ]


def _walk(entries: Iterable[AuditEntry]) -> tuple[dict[str, tuple[str, int]], dict[tuple[int, int], int]]:
    """The recorded outputs where they should be now; and, by (earlier entry, later entry), how many of
    the earlier entry's outputs the later one recorded at the same path, over them."""
    expected: dict[str, tuple[str, int]] = {}
    overwritten: dict[tuple[int, int], int] = {}
    for entry in entries:
        if entry.action in ("report", NARROWED_REPORT):
            details = json.loads(entry.details)
            for before, after in details.get("moved", {}).items() if entry.action == NARROWED_REPORT else ():
                if before in expected:  # an advocate's report moves her earlier one aside itself
                    expected[after] = expected.pop(before)
            for path, sha256 in details.get("outputs", {}).items():
                if path in expected and expected[path][1] != entry.seq:
                    key = (expected[path][1], entry.seq)
                    overwritten[key] = overwritten.get(key, 0) + 1
                expected[path] = (sha256, entry.seq)
        elif entry.action == "supersede report":
            for before, after in json.loads(entry.details).get("moved", {}).items():
                if before in expected:
                    expected[after] = expected.pop(before)
    return expected, overwritten


def check_outputs(case_dir: Path, entries: Iterable[AuditEntry]) -> list[str]:
    """Name each recorded report output that is missing or no longer has its recorded SHA-256."""
    problems: list[str] = []
    for path, (sha256, seq) in sorted(expected_outputs(entries).items()):
        file = case_dir / path
        if not file.is_file():
            problems.append(f"report output {path}: missing (written at audit entry {seq})")
        elif sha256_file(file)[0] != sha256:
            problems.append(
                f"report output {path}: changed since it was written (SHA-256 recorded at audit entry {seq})"
            )
    return problems


def stray_files(vault_root: Path, named: set[str]) -> list[Path]:
    """Each file in the vault that no exhibit or attachment names (``named``: their SHA-256), but for the
    journals of adds and the files set aside from stopped ones (``footprint.stopped_adds``)."""
    if not vault_root.is_dir():
        return []
    return [
        file
        for file in sorted(p for p in vault_root.rglob("*") if p.is_file() or p.is_symlink())
        if not (file.parent == vault_root / ADDING and file.suffix == ".json")
        and not file.is_relative_to(vault_root / ABANDONED)  # check_set_aside
        and (
            not (file.parent.parent == vault_root / "sha256" and file.parent.name == file.name[:2])
            or file.name not in named
        )
    ]


def check_set_aside(vault_root: Path, entries: Iterable[AuditEntry]) -> tuple[list[str], list[str]]:
    """The files set aside from stopped adds (``footprint.stopped_adds``) against the `set aside` entries
    that recorded them: one note per folder whose files are all there as recorded; a problem for each file
    changed, missing or recorded by no entry."""
    recorded: dict[str, tuple[str, int]] = {}
    folders: dict[str, tuple[int, str]] = {}
    for entry in entries:
        if entry.action == SET_ASIDE:
            details = json.loads(entry.details)
            folders[entry.object] = (entry.seq, describe(details.get("add", {})))
            for listed in details.get("files", []):
                recorded[listed["file"]] = (listed["sha256"], entry.seq)
    case_dir = vault_root.parent
    here = vault_root / ABANDONED
    present = sorted(p for p in here.rglob("*") if p.is_file() or p.is_symlink()) if here.is_dir() else []
    problems: list[str] = []
    for file in present:
        name = file.relative_to(case_dir).as_posix()
        if name not in recorded:
            problems.append(
                f"vault file {name}: set aside, but no `set aside` audit entry records it — moved there"
                " outside Footprint, or by a `footprint add` stopped before it recorded it (the next add"
                " records it); keep it, and verify again after the next add"
            )
        elif sha256_file(file)[0] != recorded[name][0]:
            problems.append(
                f"vault file {name}: changed since it was set aside (SHA-256 recorded at audit entry"
                f" {recorded[name][1]})"
            )
    names = {p.relative_to(case_dir).as_posix() for p in present}
    problems.extend(
        f"vault file {name}: set aside at audit entry {seq}, now missing"
        for name, (_, seq) in sorted(recorded.items())
        if name not in names
    )
    notes = [
        f"{folder}: {sum(name.startswith(folder + '/') for name in recorded)} file(s) left by {what}, which"
        f" was stopped part-way, set aside at audit entry {seq}; not evidence in the case, kept for the"
        " record"
        for folder, (seq, what) in sorted(folders.items())
    ]
    return problems, notes


def stray_problem(file: Path, vault_root: Path, stopped: str = "", *, older: bool = False) -> str:
    """The problem of a vault file no exhibit or attachment names, and no `add` is writing; ``stopped``
    describes the stopped add whose journal claims it (``footprint.vault_journal``), if one does; ``older``:
    the database is another case's or older than the folder (``folder_match``), so it may be the original
    of an exhibit that database lacks."""
    if older:
        return (
            f"vault file {file.relative_to(vault_root.parent).as_posix()}: no exhibit or attachment in this"
            " database names it — the database is older than the case folder or another case's (above), so"
            " it may be the original of an exhibit the database lacks: do not remove it"
        )
    if stopped:
        return (
            f"vault file {file.relative_to(vault_root.parent).as_posix()}: no exhibit or attachment names it"
            f" — left by {stopped}, which was stopped part-way; the next `footprint add`, or `footprint case"
            " recover DIR`, sets it aside in vault/.abandoned/ and records it in the audit log; do not remove"
            " it by hand"
        )
    return (
        f"vault file {file.relative_to(vault_root.parent).as_posix()}: no exhibit or attachment names it —"
        " left by an `add` that was stopped part-way, or put there outside Footprint; keep a copy aside for"
        " the record and remove it from the vault, then verify again"
    )


def in_flight_note(file: Path, vault_root: Path) -> str:
    """The note of a vault file no exhibit or attachment names yet, while an `add` is writing."""
    return (
        f"vault file {file.relative_to(vault_root.parent).as_posix()}: no exhibit or attachment names it"
        " yet; being added by a write in progress; run verify again after it finishes"
    )
