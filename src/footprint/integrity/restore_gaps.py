"""Gaps in a case's audit log that a person accepted (`case accept-restore`, ``footprint.accept_restore``):
read from their audit entries for `verify` and the report, which name each for good."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from footprint.model import AuditEntry
from footprint.vault import sha256_file

ACTION = "case accept-restore"


@dataclass(frozen=True)
class LostOriginal:
    """A vault file no exhibit named when the restore was accepted: its path in the case folder, SHA-256
    and size."""

    file: str
    sha256: str
    size: int


@dataclass(frozen=True)
class RestoreGap:
    """One accepted restore, as its audit entry (``seq``) records it."""

    seq: int
    at_utc: str
    actor: str
    role: str
    reason: str
    folder_seq: int  # the newest entry the case folder had seen
    folder_sha256: str
    database_seq: int  # the restored database's last entry
    database_sha256: str
    lost_originals: tuple[LostOriginal, ...]

    @property
    def lost(self) -> int:
        """How many audit entries were lost."""
        return self.folder_seq - self.database_seq

    def line(self, *, hashes: bool = True) -> str:
        """The gap in words, as `verify` and the report give it (without SHA-256 when not ``hashes``: a
        disclosure copy withholds an entry's hash, which would confirm a guess at what it records)."""
        files = f" ({', '.join(f.file for f in self.lost_originals)})" if hashes else ""
        kept = (
            f"; the vault keeps {len(self.lost_originals)} file(s) no exhibit named then, the originals of"
            f" exhibits lost with them, most likely{files}"
            if self.lost_originals
            else ""
        )
        head = f", SHA-256 {self.folder_sha256[:16]}…" if hashes else ""
        return (
            f"the audit log has a gap: {self.lost} audit entr{'y' if self.lost == 1 else 'ies'} lost when the"
            f" database was restored from an older state (the case folder had seen up to entry"
            f" {self.folder_seq}{head}; the database held up to entry {self.database_seq}); what they"
            " recorded (exhibits, decisions, findings) is not in the case. Accepted at audit entry"
            f" {self.seq} by {self.actor} ({self.role}) at {self.at_utc}: {self.reason}{kept}"
        )

    def as_json(self) -> dict[str, object]:
        """The gap as `verify --json` gives it."""
        return {
            "accepted_at_entry": self.seq,
            "at_utc": self.at_utc,
            "actor": self.actor,
            "role": self.role,
            "reason": self.reason,
            "folder_head": {"seq": self.folder_seq, "sha256": self.folder_sha256},
            "database_last": {"seq": self.database_seq, "sha256": self.database_sha256},
            "entries_lost": self.lost,
            "lost_originals": [asdict(f) for f in self.lost_originals],
        }


def restore_gaps(entries: Iterable[AuditEntry]) -> tuple[RestoreGap, ...]:
    """Every accepted restore in the audit log, in order."""
    gaps = []
    for entry in entries:
        if entry.action != ACTION:
            continue
        details = json.loads(entry.details or "{}")
        folder, database = details.get("folder_head") or {}, details.get("database_last") or {}
        gaps.append(
            RestoreGap(
                seq=entry.seq,
                at_utc=entry.at_utc,
                actor=entry.actor,
                role=entry.role,
                reason=entry.justification,
                folder_seq=int(folder.get("seq") or 0),
                folder_sha256=str(folder.get("sha256") or ""),
                database_seq=int(database.get("seq") or 0),
                database_sha256=str(database.get("sha256") or ""),
                lost_originals=tuple(
                    LostOriginal(str(f.get("file", "")), str(f.get("sha256", "")), int(f.get("size") or 0))
                    for f in details.get("lost_originals") or ()
                    if isinstance(f, dict)
                ),
            )
        )
    return tuple(gaps)


def kept_files(gaps: Sequence[RestoreGap]) -> set[str]:
    """The vault files the gaps recorded as kept (their paths in the case folder): no stray left behind."""
    return {original.file for gap in gaps for original in gap.lost_originals}


def check_kept(case_dir: Path, gaps: Sequence[RestoreGap]) -> list[str]:
    """A problem for each vault file a gap recorded that is missing or changed since."""
    problems = []
    for gap in gaps:
        for original in gap.lost_originals:
            path = case_dir / original.file
            if not path.is_file():
                problems.append(
                    f"vault file {original.file}: recorded at audit entry {gap.seq} as kept when the restore"
                    " was accepted, now missing"
                )
            elif sha256_file(path)[0] != original.sha256:
                problems.append(
                    f"vault file {original.file}: changed since audit entry {gap.seq} recorded it when the"
                    " restore was accepted"
                )
    return problems
