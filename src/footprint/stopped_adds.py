"""Setting aside what an `add` that was stopped part-way (killed, a power cut) left in the vault.

A journal no live add owns (``footprint.vault_journal``) names an add that was stopped before it
committed. The next `add` (or ``footprint case recover``), holding the lock `add` holds — so no live add is
writing — moves the vault files that add left to ``vault/.abandoned/<stamp>/`` (never deletes them) and
records each, with its SHA-256 and why, in a ``set aside`` audit entry (docs/integrity.md, "An add that was
stopped").
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from footprint.case import Case
from footprint.integrity.outputs import stray_files
from footprint.vault import ABANDONED, ADDING, sha256_file
from footprint.vault_journal import SET_ASIDE, claims, end_journal, journals, sync_folder

WHY = (
    "left in the vault by an add that was stopped part-way (killed, or the machine lost power) before it"
    " committed; no exhibit or attachment names them. Set aside, not deleted: they are not evidence in"
    " the case"
)


def set_aside_stopped_adds(case: Case) -> list[str]:
    """Move the vault files each stopped add left to ``vault/.abandoned/<stamp>/`` and record them, one
    ``set aside`` audit entry per add; remove the journals. Return the folders written (none when no add
    was stopped). Holds the lock `add` holds, so it waits for a live add to end and moves nothing of it."""
    if not journals(case.vault.root):  # the usual case: nothing to do, no lock taken
        return []
    done: list[str] = []
    moved: list[tuple[Path, Path]] = []
    try:
        with case.transaction() as (tx, record):
            tx.lock_items()
            found = journals(case.vault.root)  # again, under the lock: a live add has ended meanwhile
            left = claims(stray_files(case.vault.root, case.store.for_role("").blobs_named()), found)
            recorded = _recorded_folders(case)
            for journal in found:
                folder = f"{ABANDONED}/{journal.stamp}"
                if f"vault/{folder}" in recorded:  # set aside already; stopped before removing the journal
                    continue
                mine = [file for file, j in left.items() if j is journal]
                files = [_move(file, case.vault.root / folder, moved) for file in mine]
                files += _already_there(case.vault.root / folder, {to for _, to in moved})
                if not files:
                    continue
                record(
                    SET_ASIDE,
                    f"vault/{folder}",
                    add=journal.add,
                    journal=f"vault/{ADDING}/{journal.path.name}",
                    reason=WHY,
                    files=[_listed(case.dir, was, to) for was, to in files],
                )
                done.append(f"vault/{folder}")
    except BaseException:
        try:  # a failure after the commit (the head file) leaves the entry, and its files where it says
            kept = _recorded_folders(case)
        except Exception:  # noqa: BLE001 - the database is gone too: nothing was recorded that can be read
            kept = set()
        for was, to in reversed(moved):  # the entry was not recorded: the files go back where they were
            if to.parent.relative_to(case.dir).as_posix() not in kept:
                was.parent.mkdir(parents=True, exist_ok=True)
                os.replace(to, was)
        raise
    for journal in found:
        end_journal(journal.path)
    return done


def _recorded_folders(case: Case) -> set[str]:
    """The folders of stopped adds that a `set aside` entry already records."""
    return {e.object for e in case.store.for_role("").audit_entries() if e.action == SET_ASIDE}


def _move(file: Path, folder: Path, moved: list[tuple[Path, Path]]) -> tuple[Path | None, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file.name
    os.replace(file, target)
    moved.append((file, target))
    sync_folder(folder)
    return file, target


def _already_there(folder: Path, just_moved: set[Path]) -> list[tuple[Path | None, Path]]:
    """Files set aside by an earlier run that was stopped before it recorded them (its journal stayed)."""
    if not folder.is_dir():
        return []
    return [(None, file) for file in sorted(folder.iterdir()) if file.is_file() and file not in just_moved]


def _listed(case_dir: Path, was: Path | None, to: Path) -> dict[str, Any]:
    sha256, size = sha256_file(to)
    return {
        "file": to.relative_to(case_dir).as_posix(),
        "was": was.relative_to(case_dir).as_posix() if was else "",
        "sha256": sha256,
        "size": size,
    }
