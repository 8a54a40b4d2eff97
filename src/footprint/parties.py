"""People in the case and which accounts are theirs (attribution is never silent)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from footprint.advocate_view import persons_shown
from footprint.case import Case
from footprint.deciders import require_whole_view
from footprint.errors import InputError, NotFoundError
from footprint.integrity.digests import copy_digests
from footprint.model import PERSON_ROLES, Account, Person
from footprint.review.decisions import require_decider
from footprint.store.case_store import StoreTx, no_person
from footprint.store.copies import record_all_copies
from footprint.times import now_utc


def add_person(case: Case, name: str, role: str, justification: str = "") -> None:
    """Add a complainant, suspect, witness or other person (refused to a role that sees only part of the
    case: who is a suspect or the complainant changes how every exhibit is read)."""
    require_whole_view(
        case, "who is in the case", "she may tell the officer in the case who else is involved, to add them"
    )
    name = name.strip()
    if not name:
        raise InputError("a person needs a name")
    if role not in PERSON_ROLES:
        raise InputError(f"role must be one of {', '.join(PERSON_ROLES)}")
    # the same name in other capitals or spacing is the same person to a reader ("jane doe" beside the
    # complainant "Jane Doe" had been added as a suspect)
    folded = " ".join(name.casefold().split())
    same = next((p for p in case.store.persons() if " ".join(p.name.casefold().split()) == folded), None)
    if same is not None:
        raise InputError(
            f"{name!r} is already a person in this case"
            + (f" as {same.name!r}" if same.name != name else "")
            + f" ({same.role}); to attribute an account to them use"
            f" `footprint account attribute --person {same.name!r}`, or add a different person under a name"
            " that tells them apart"
        )
    with case.transaction() as (tx, record):
        tx.add_person(name, role, now_utc())
        record("person add", name, justification, role=role)


def attribute_account(
    case: Case,
    key: str,
    person: str,
    basis: str,
    justification: str = "",
    *,
    as_complainant: bool = False,
    reassign: bool = False,
) -> dict[str, dict[str, int]]:
    """Attribute an account (``PLATFORM:ID``) to a person on the investigator's decision. Two accounts
    of one person are one author, so items of later exhibits may now be copies of earlier ones: they are
    recorded, and returned (by exhibit, how many repeat each earlier exhibit's items).

    Never silent: an account already attributed to someone else moves only with ``reassign``; one
    attributed to the complainant only with ``as_complainant`` (her confirmation that she operates it,
    as ``link-accept`` asks). Refused to a role that sees only part of the case while any exhibit is
    withheld (it changes how exhibits she cannot see are read)."""
    require_decider(case, "attribute", "attribution")
    require_whole_view(
        case,
        "who an account belongs to",
        "she may tell the officer in the case which accounts the complainant operates, for them to decide",
    )
    found = visible_account(case, key)
    before = found.person
    _check_reassign(key, person, before, found.basis, reassign)
    newly = [key] if before != person else []
    to_complainant = complainant_confirmed(
        case,
        person,
        newly,
        as_complainant,
        doing="this",
        act="attribute it",
        confirm="`--as-complainant`",
        otherwise="leave it unattributed, or attribute it to whoever operates it",
        what="an attribution of an account to her",
        already=f"{key} is already {person}'s",
    )
    with case.transaction() as (tx, record):
        account_id = tx.account_id(key)
        assert account_id is not None  # listed above
        attribution_id = accept_attribution(tx, account_id, tx.person_id(person), basis, case.settings.actor)
        copies = record_all_copies(tx.conn)
        record(
            "account attribute",
            key,
            justification,
            person=person,
            basis=basis,
            previous=before,
            as_complainant=to_complainant,
            attribution_id=attribution_id,
            copies=copies,
            copy_digests=copy_digests(tx.conn, copies),
        )
    return copies


def visible_account(case: Case, key: str) -> Account:
    """The account ``key`` (``PLATFORM:ID``) among those the acting role may see; one it may not see is
    refused exactly as an unknown one is (the accounts it names are those it sees), so the refusal tells
    nothing of what is withheld."""
    if ":" not in key:
        raise InputError(f"{key!r} is not an account key; use PLATFORM:ID, e.g. whatsapp:+447700900123")
    accounts = {a.key: a for a in case.store.accounts()}
    found = accounts.get(key)
    if found is None:
        hint = ", ".join(list(accounts)[:10]) + (" …" if len(accounts) > 10 else "")
        # a key mistyped by a letter ("whatsapp:Alex Suspekt"): the nearest, which the list cut at ten
        # may not reach
        close = difflib.get_close_matches(key, list(accounts), n=3, cutoff=0.8)
        near = f" (did you mean {' or '.join(close)}?)" if close else ""
        raise NotFoundError(f"no account {key!r} in this case{near}; accounts: {hint or 'none'}")
    return found


def visible_persons(case: Case, accounts: Sequence[Account] | None = None) -> list[Person]:
    """The people in the case the acting role may be shown: everyone, unless material is withheld from it;
    then the people her material shows (``advocate_view.persons_shown``), not one the case names only for
    what she may not see. ``accounts``: the accounts it sees, when already read."""
    every = case.store.persons()
    if not case.store.withheld():
        return every
    seen = case.store.accounts() if accounts is None else accounts
    return persons_shown(every, seen, case.store.author_names())


def visible_person(case: Case, name: str) -> Person:
    """The person ``name`` among those the acting role may be shown (``visible_persons``); one it may not be
    shown is refused exactly as one the case does not hold is (naming the people it may be shown)."""
    if "\x00" in name:  # PostgreSQL's text cannot hold it
        raise InputError("a person's name may not contain a NUL character; name someone in the case")
    shown = visible_persons(case)
    found = next((p for p in shown if p.name == name), None)
    if found is None:
        raise no_person(name, [p.name for p in shown])
    return found


def _check_reassign(key: str, person: str, before: str | None, basis: str | None, reassign: bool) -> None:
    """Refuse moving an account from one person to another unless ``reassign`` says it is meant."""
    moves = before is not None and before != person
    if moves and not reassign:
        raise InputError(
            f"{key} is attributed to {before} ({basis}); attributing it to {person} would make every message"
            f" it sent {person}'s, and findings on them would no longer count as {before}'s conduct. If that"
            " is right, run again with `--reassign` and say why in --basis; nothing was changed"
        )
    if reassign and not moves:
        now = f"it is already {person}'s" if before == person else "it is attributed to no one yet"
        raise InputError(
            f"`--reassign` is only for an account attributed to someone else, but {now}; run again without it"
        )


def complainant_confirmed(
    case: Case,
    person: str,
    newly: list[str],
    as_complainant: bool,
    *,
    doing: str,
    act: str,
    confirm: str,
    otherwise: str,
    what: str,
    already: str,
) -> bool:
    """Whether ``doing`` (``act``: what the user does, "accept") attributes the accounts ``newly`` to a
    complainant; refused unless
    ``as_complainant`` confirms it (a fake profile in her name would otherwise become hers, and the
    suspect's messages her own words), and refused with it when it does not (``what`` it is for)."""
    hers = any(p.name == person and p.role == "complainant" for p in case.store.persons())
    if hers and newly and not as_complainant:
        accounts = " and ".join(newly)
        raise InputError(
            f"{doing} attributes {accounts} to {person}, the complainant: the messages of"
            f" {accounts} would then count as hers, and if it is a fake profile in her name, as her own"
            f" words. {act.capitalize()} only if she confirms she operates {accounts}, and say so"
            f" ({confirm}); otherwise {otherwise}"
        )
    if as_complainant and not (hers and newly):
        why = f"{person} is not the complainant" if not hers else already
        raise InputError(
            f"the confirmation that the complainant operates the account ({confirm}) is only for {what},"
            f" but {why}; {act} without it"
        )
    return hers and bool(newly)


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
