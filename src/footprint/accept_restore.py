"""`case accept-restore`: carry a case on from a database older than its folder, the gap recorded for good.

When a database has been restored from a backup older than the newest audit entry the case folder saw,
and no backup holds that entry, every write is refused (``folder_match``). A person in a deciding role may
then accept the restore: its audit entry, the first the log holds after the database's last, records the
head the folder held (number and SHA-256), the database's last entry, how many entries were lost, who,
when and why, and any vault files no exhibit names (the originals of exhibits lost with those entries).
From then on writes work, and `verify` and every report name the gap (docs/integrity.md, "Carrying a case
on from an older database").
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from footprint import audit_head
from footprint.case import Case
from footprint.deciders import MANAGERS
from footprint.errors import AccessDeniedError, InputError
from footprint.integrity.outputs import stray_files
from footprint.integrity.restore_gaps import ACTION, LostOriginal, RestoreGap, restore_gaps
from footprint.review.decisions import may_manage
from footprint.store.case_store import last_audit_entry
from footprint.vault import sha256_file

#: how many of the vault's unnamed files a refusal names
_NAMED = 3


def accept_restore(case: Case, reason: str, *, keep_unnamed: bool = False) -> RestoreGap:
    """Record that the case's database was restored from a state older than its folder's head, and carry
    the case on from it (refused unless it is; see the rules in docs/integrity.md)."""
    if not may_manage(case.settings.role):  # it vouches for what the whole case lost
        raise AccessDeniedError(
            f"{case.settings.actor} acts as {case.settings.role!r}, which may not accept a restored"
            f" database; {MANAGERS} must"
        )
    reason = reason.strip()
    if not reason:
        raise InputError(
            "say why with --reason: which backup was restored, why no newer one holds the folder's last"
            " entry, and what is known to be lost"
        )
    head = audit_head.file_head(case.dir)
    if head is None:
        raise InputError(
            f"{case.dir}: this case folder's {audit_head.HEAD_FILE} is missing or unreadable, so nothing says"
            " the database is older than the folder; nothing was done. Put it back from a copy of the case"
            " folder (docs/integrity.md, 'A lost or damaged `audit.head`')"
        )
    with case.store.unscoped_engine.connect() as conn:
        found = case.mismatch(conn)
        last = last_audit_entry(conn) or (0, "")
    if found is None:
        raise InputError(
            f"{case.dir}: the case's database is not older than this case folder (it holds the folder's"
            f" head, entry {head[0]}); nothing to accept, nothing was done"
        )
    if not found.older:  # another case's database, or one written to since its restore
        raise found.refusal(case.dir)
    unnamed = stray_files(case.vault.root, case.store.blobs_named())
    if unnamed and not keep_unnamed:
        shown = ", ".join(_in_folder(case.dir, file) for file in unnamed[:_NAMED])
        more = f" and {len(unnamed) - _NAMED} more" if len(unnamed) > _NAMED else ""
        raise InputError(
            f"{case.dir}: the vault holds {len(unnamed)} file(s) no exhibit or attachment in this database"
            f" names ({shown}{more}): most likely the originals of exhibits added after the restored backup;"
            " nothing was done. Look for a newer backup that holds them; if there is none, run the command"
            " again with --keep-unnamed to record them in its audit entry as lost with the restore (they stay"
            " in the vault, and `footprint add` can add each again)"
        )
    lost = tuple(_lost_original(case.dir, file) for file in unnamed)
    with case.transaction(accepting=head) as (_, record):
        record(
            ACTION,
            str(case.dir),
            reason,
            folder_head={"seq": head[0], "sha256": head[1]},
            database_last={"seq": last[0], "sha256": last[1]},
            entries_lost=head[0] - last[0],
            lost_originals=[asdict(original) for original in lost],
        )
    return restore_gaps(e for e in case.store.audit_entries() if e.seq > last[0])[-1]


def _in_folder(case_dir: Path, file: Path) -> str:
    return file.relative_to(case_dir).as_posix()


def _lost_original(case_dir: Path, file: Path) -> LostOriginal:
    sha256, size = sha256_file(file)
    return LostOriginal(_in_folder(case_dir, file), sha256, size)
