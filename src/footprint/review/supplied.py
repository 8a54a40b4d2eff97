"""Marking an exhibit as supplied by the complainant: what a victim's advocate may then see (audited)."""

from __future__ import annotations

from footprint.case import Case
from footprint.deciders import MANAGERS
from footprint.errors import AccessDeniedError, InputError, NotFoundError
from footprint.model import Exhibit
from footprint.review.decisions import checked_reason, may_manage
from footprint.store.scope import SUPPLIER, WITHDRAWN
from footprint.times import now_utc


def mark_supplied(case: Case, ref: str, reason: str, *, withdraw: bool = False) -> Exhibit:
    """Record that the complainant supplied exhibit ``ref``, or with ``withdraw`` that the mark was made in
    error (a new row, the newest of which decides, and an audit entry; the exhibit itself is not changed).
    Return the exhibit as it was before."""
    role = case.settings.role
    if not may_manage(role):
        raise AccessDeniedError(
            f"{case.settings.actor} acts as {role!r}, which may not mark who supplied an exhibit;"
            f" {MANAGERS} must mark it"
        )
    what = "withdrawal of the mark" if withdraw else "mark"
    reason = checked_reason(reason, f"{what} of an exhibit as supplied by the complainant")
    found = next((e for e in case.store.exhibits() if e.ref == ref), None)
    if found is None:
        raise NotFoundError(f"no exhibit {ref} in this case; list them with `footprint ls DIR`")
    if withdraw and not found.supplied_by:
        raise InputError(
            f"exhibit {ref} is not marked as supplied by the complainant: there is no mark to withdraw;"
            " nothing was changed"
        )
    if not withdraw and found.supplied_by:
        raise InputError(
            f"exhibit {ref} is already marked as supplied by the {found.supplied_by}; nothing was changed"
        )
    by = WITHDRAWN if withdraw else SUPPLIER
    with case.transaction() as (tx, record):
        supply_id = tx.mark_supplied(
            found.id, by, reason, by_user=case.settings.actor, role=role, at_utc=now_utc()
        )
        record("exhibit supplied", ref, reason, supplied_by=by, sha256=found.sha256, supply_id=supply_id)
    return found
