"""`case head`: re-record the case folder's audit head from the database when ``audit.head`` is lost.

A write is refused while the folder's head is missing or unreadable and the log has entries, because a
database restored from an older backup would then pass unseen (the write's own head would agree with
it). Once a person has checked that the database is the newest (`footprint verify`), this records its
last entry as the head, with their reason, in the audit log."""

from __future__ import annotations

from footprint import audit_head
from footprint.case import Case
from footprint.deciders import MANAGERS
from footprint.errors import AccessDeniedError, InputError
from footprint.review.decisions import may_manage
from footprint.store.case_store import last_audit_entry


def record_head(case: Case, reason: str) -> tuple[int, str]:
    """Record the database's last audit entry as the case folder's head when ``audit.head`` is missing or
    unreadable (refused otherwise), and audit it with ``reason``; return the entry's number and hash."""
    if not may_manage(case.settings.role):  # it vouches for the whole audit log
        raise AccessDeniedError(
            f"{case.settings.actor} acts as {case.settings.role!r}, which may not re-record the audit head;"
            f" {MANAGERS} must"
        )
    if audit_head.file_head(case.dir) is not None:
        raise InputError(
            f"{case.dir}: {audit_head.HEAD_FILE} reads a head already; nothing was changed (`footprint"
            " verify` compares it with the audit log)"
        )
    reason = reason.strip()
    if not reason:
        raise InputError(
            "say why the head is re-recorded with --reason (how the database is known to be the newest)"
        )
    with case.store.engine.connect() as conn:
        last = last_audit_entry(conn)
    if last is None:
        raise InputError(f"{case.dir}: the case's audit log is empty; nothing to record")
    seq, digest = last
    path = case.dir / audit_head.HEAD_FILE
    was = path.read_bytes()[:80].decode("ascii", "backslashreplace") if path.exists() else None
    audit_head.promote_head(case.dir, audit_head.stage_head(case.dir, seq, digest))
    case.record("case head", str(case.dir), reason, seq=seq, sha256=digest, file_read=was)
    return seq, digest
