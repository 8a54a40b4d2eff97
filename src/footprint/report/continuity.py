"""Continuity of each exhibit, read from the audit log: received and hashed, re-hashed, exported."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from footprint.case import LOGIN_ACTOR
from footprint.model import AuditEntry, Exhibit
from footprint.store.scope import WITHDRAWN

BUNDLE = "reports/bundle.zip"


@dataclass(frozen=True)
class ContinuityEntry:
    """One audited event in an exhibit's life, with who did it and when."""

    ref: str
    seq: int
    at_utc: str
    actor: str
    role: str
    event: str
    login: bool = False  # the actor is only the OS login name, not a name given with --actor


def _event(entry: AuditEntry, exhibit: Exhibit) -> str | None:
    """What ``entry`` did to ``exhibit``, or ``None`` when it did not touch it."""
    if entry.object == exhibit.ref:
        if entry.action == "add":
            supplied = json.loads(entry.details or "{}").get("supplied_by")
            return (
                f"added to Footprint as received from {exhibit.producer}"
                + (f" (supplied by the {supplied})" if supplied else "")
                + f"; hashed, SHA-256 {exhibit.sha256}; original kept read-only"
            )
        if entry.action == "exhibit supplied":
            if json.loads(entry.details or "{}").get("supplied_by") == WITHDRAWN:
                return f"mark as supplied by the complainant withdrawn: {entry.justification}"
            return f"marked as supplied by the complainant: {entry.justification}"
        if entry.action == "exhibit owner":
            recorded = json.loads(entry.details or "{}")
            corrects = recorded.get("corrects")
            return (
                f"recorded as {recorded.get('owner')}'s"
                + (f" (correcting {corrects})" if corrects else "")
                + f": {entry.justification}"
            )
        return entry.action
    if entry.action == "verify":
        return "original re-hashed by footprint verify: matched"
    if entry.action == "report":
        details = json.loads(entry.details or "{}")
        if BUNDLE not in details.get("outputs", {}):
            return None
        options = details.get("options")
        if options is None:  # written before reports recorded their options
            return f"{BUNDLE} written (whether with the original or only its SHA-256 was not recorded)"
        if options.get("hashes_only"):
            return f"SHA-256 listed in {BUNDLE} (original not exported)"
        return f"original exported in {BUNDLE} (re-hashed first)"
    return None


def continuity(exhibits: Sequence[Exhibit], entries: Sequence[AuditEntry]) -> tuple[ContinuityEntry, ...]:
    """Per exhibit, in audit order: its receipt, later actions on it, verifications and exports."""
    received = {e.object: e.seq for e in entries if e.action == "add"}
    case_wide = [e for e in entries if e.action in ("verify", "report")]
    by_ref: dict[str, list[AuditEntry]] = {}
    for e in entries:
        by_ref.setdefault(e.object, []).append(e)
    out = []
    for exhibit in exhibits:
        start = received.get(exhibit.ref)
        if start is None:
            continue
        touching = {e.seq: e for e in by_ref.get(exhibit.ref, [])}
        touching.update((e.seq, e) for e in case_wide if e.seq > start)
        for _, entry in sorted(touching.items()):
            event = _event(entry, exhibit)
            if event is not None:
                login = bool(json.loads(entry.details or "{}").get(LOGIN_ACTOR))
                out.append(
                    ContinuityEntry(
                        exhibit.ref, entry.seq, entry.at_utc, entry.actor, entry.role, event, login
                    )
                )
    return tuple(out)
