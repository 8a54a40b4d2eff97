"""People in the case and which accounts are theirs (attribution is never silent)."""

from __future__ import annotations

from footprint.case import Case
from footprint.errors import InputError, NotFoundError
from footprint.integrity.digests import copy_digests
from footprint.model import PERSON_ROLES
from footprint.store.case_store import StoreTx
from footprint.store.copies import record_all_copies
from footprint.times import now_utc


def add_person(case: Case, name: str, role: str, justification: str = "") -> None:
    """Add a complainant, suspect, witness or other person."""
    name = name.strip()
    if not name:
        raise InputError("a person needs a name")
    if role not in PERSON_ROLES:
        raise InputError(f"role must be one of {', '.join(PERSON_ROLES)}")
    same = next((p for p in case.store.persons() if p.name == name), None)
    if same is not None:
        raise InputError(
            f"{name!r} is already a person in this case ({same.role}); to attribute an account to them use"
            f" `footprint account attribute --person {name!r}`, or add a different person under a name that"
            " tells them apart"
        )
    with case.transaction() as (tx, record):
        tx.add_person(name, role, now_utc())
        record("person add", name, justification, role=role)


def attribute_account(
    case: Case, key: str, person: str, basis: str, justification: str = ""
) -> dict[str, dict[str, int]]:
    """Attribute an account (``PLATFORM:ID``) to a person on the investigator's decision. Two accounts
    of one person are one author, so items of later exhibits may now be copies of earlier ones: they are
    recorded, and returned (by exhibit, how many repeat each earlier exhibit's items)."""
    if ":" not in key:
        raise InputError(f"{key!r} is not an account key; use PLATFORM:ID, e.g. whatsapp:+447700900123")
    seen = {a.key for a in case.store.accounts()} if case.store.supplied_only else None
    with case.transaction() as (tx, record):
        account_id = tx.account_id(key) if seen is None or key in seen else None  # one she may not see
        if account_id is None:
            known = [a.key for a in case.store.accounts()]
            hint = ", ".join(known[:10]) + (" …" if len(known) > 10 else "")
            raise NotFoundError(f"no account {key!r} in this case; accounts: {hint or 'none'}")
        attribution_id = accept_attribution(tx, account_id, tx.person_id(person), basis, case.settings.actor)
        copies = record_all_copies(tx.conn)
        record(
            "account attribute",
            key,
            justification,
            person=person,
            basis=basis,
            attribution_id=attribution_id,
            copies=copies,
            copy_digests=copy_digests(tx.conn, copies),
        )
    return copies


def accept_attribution(tx: StoreTx, account_id: int, person_id: int, basis: str, actor: str) -> int:
    """Record ``actor``'s accepted attribution of an account to a person, now; return its id."""
    return tx.attribute(
        account_id=account_id,
        person_id=person_id,
        basis=basis,
        by_user=actor,
        at_utc=now_utc(),
        status="accepted",
    )
