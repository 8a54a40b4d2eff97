"""Recording whose phone or account an exhibit came from after it was added (append-only, audited).

`add --owner` writes the owner into the exhibit's row, which is never rewritten; an exhibit added
without one gets an ``exhibit_owner`` row instead, and the newest row is its owner. A different owner
replaces one already recorded only as an explicit correction, itself a new row naming the owner it
replaces, so both stay on the record.
"""

from __future__ import annotations

import json

from footprint.case import Case
from footprint.deciders import MANAGERS
from footprint.errors import AccessDeniedError, InputError, NotFoundError
from footprint.model import Exhibit
from footprint.review.decisions import checked_reason, may_manage
from footprint.times import now_utc


def record_owner(
    case: Case, ref: str, person: str, reason: str, *, correction: bool = False
) -> tuple[Exhibit, list[str]]:
    """Record that exhibit ``ref`` came from ``person``'s phone or account (a new row and an audit entry;
    the exhibit itself is not changed). Return the exhibit as it was before, and what the export itself
    says against it (``against``), which the audit entry records too."""
    role = case.settings.role
    if not may_manage(role):
        raise AccessDeniedError(
            f"{case.settings.actor} acts as {role!r}, which may not record whose an exhibit is;"
            f" {MANAGERS} must record it"
        )
    reason = checked_reason(reason, "record of an exhibit's owner")
    found = next((e for e in case.store.exhibits() if e.ref == ref), None)
    if found is None:
        raise NotFoundError(f"no exhibit {ref} in this case; list them with `footprint ls DIR`")
    if found.owner == person:
        raise InputError(f"exhibit {ref} is already recorded as {person}'s; nothing was changed")
    if found.owner is not None and not correction:
        raise InputError(
            f"exhibit {ref} is already recorded as {found.owner}'s; nothing was changed. If that was wrong,"
            " record the right owner with --correction (both stay on the record)"
        )
    if found.owner is None and correction:
        raise InputError(f"exhibit {ref} has no owner to correct; record one without --correction")
    warnings = against(case, ref, person)
    with case.transaction() as (tx, record):
        tx.person_id(person)  # refuses a name that is not a person in the case, naming who is
        owner_id = tx.record_owner(
            found.id,
            person,
            found.owner,
            reason,
            by_user=case.settings.actor,
            role=role,
            at_utc=now_utc(),
        )
        record(
            "exhibit owner",
            ref,
            reason,
            owner=person,
            corrects=found.owner,
            sha256=found.sha256,
            owner_id=owner_id,
            **({"warnings": warnings} if warnings else {}),
        )
    return found, warnings


def against(case: Case, ref: str, person: str) -> list[str]:
    """What exhibit ``ref``'s export says against ``person`` owning it, as `add --owner` checks it: its
    own account attributed to another person, or called by another person's name in the case."""
    entry = case.store.add_entry(ref)
    added = json.loads(entry.details) if entry is not None else {}
    own = set(added.get("owner_accounts") or [added.get("owner_account")]) - {None}
    others = {p.name.strip().casefold(): p for p in case.store.persons() if p.name != person}
    said = []
    for account in (a for a in case.store.accounts() if a.key in own):
        named = [others[n.strip().casefold()] for n in account.names if n.strip().casefold() in others]
        if account.person is not None and account.person != person:
            said.append(
                f"the export names {account.key} as its own account, and it is attributed to {account.person}"
            )
        elif named:
            said.append(
                f"the export names {account.key} as its own account, and it is called {named[0].name}, the"
                f" name of the {named[0].role} in this case"
            )
    return said
