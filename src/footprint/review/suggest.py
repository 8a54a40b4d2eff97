"""An advocate's suggested link between two accounts, or attribution of an account to a person: a row of
``suggestion`` (append-only) and its audit entry, in one transaction. A suggestion decides nothing: it waits
in the officer's queue (``review.suggestions``) until a deciding user accepts or rejects the link or
attributes the account.

Suggesting is for an advocate, while material is withheld from her too (she may not decide then). She may
name only accounts she sees, and people her material shows: one she cannot see is refused exactly as an
unknown one is. A deciding user (investigator, reviewer, prosecutor) decides instead of suggesting: the
queue is of what advocates ask the officer to weigh, and a deciding user's suggestion would wait for no one
but themselves.
"""

from __future__ import annotations

from footprint.case import Case
from footprint.deciders import MANAGERS
from footprint.errors import AccessDeniedError, InputError
from footprint.parties import visible_account, visible_person
from footprint.review.decisions import checked_reason, may_decide, may_manage
from footprint.store.suggestions import ATTRIBUTION, LINK, add_suggestion
from footprint.times import now_utc

#: the commands that decide instead, named in the refusal to a deciding user
LINK_DECIDERS = (
    "accept or reject the link with `footprint link-accept DIR A B --reason TEXT` or `footprint link-reject"
    " DIR A B --reason TEXT` (two accounts the linkage analyser did not pair: attribute both to the person"
    " with `footprint account attribute`)"
)
ATTRIBUTION_DECIDERS = (
    "attribute the account with `footprint account attribute DIR KEY --person NAME --basis TEXT`"
)


def suggest_link(case: Case, a: str, b: str, note: str) -> int:
    """Record the advocate's suggestion that accounts ``a`` and ``b`` are one person's, with her ``note``;
    return the suggestion's id."""
    _require_suggester(case, "a link", LINK_DECIDERS)
    note = checked_reason(note, "suggestion")
    first, second = visible_account(case, a), visible_account(case, b)
    if first.key == second.key:
        raise InputError(f"{a!r} is named twice; a link is between two different accounts")
    with case.transaction() as (tx, record):
        suggestion_id = add_suggestion(
            tx,
            kind=LINK,
            account_a=first.key,
            account_b=second.key,
            person=None,
            user=case.settings.actor,
            role=case.settings.role,
            note=note,
            at_utc=now_utc(),
        )
        record(
            "link suggest",
            f"{first.key} ~ {second.key}",
            note,
            suggestion_id=suggestion_id,
            kind=LINK,
            account_a=first.key,
            account_b=second.key,
        )
    return suggestion_id


def suggest_attribution(case: Case, key: str, person: str, note: str) -> int:
    """Record the advocate's suggestion that account ``key`` is ``person``'s, with her ``note``; return the
    suggestion's id."""
    _require_suggester(case, "an attribution", ATTRIBUTION_DECIDERS)
    note = checked_reason(note, "suggestion")
    account = visible_account(case, key)
    person = visible_person(case, person).name  # one she may not be shown is refused as an unknown one
    with case.transaction() as (tx, record):
        tx.person_id(person)  # refuses a person removed meanwhile
        suggestion_id = add_suggestion(
            tx,
            kind=ATTRIBUTION,
            account_a=account.key,
            account_b=None,
            person=person,
            user=case.settings.actor,
            role=case.settings.role,
            note=note,
            at_utc=now_utc(),
        )
        record(
            "account suggest",
            account.key,
            note,
            suggestion_id=suggestion_id,
            kind=ATTRIBUTION,
            account_a=account.key,
            person=person,
        )
    return suggestion_id


def may_suggest(role: str) -> bool:
    """Whether a user acting in ``role`` suggests links and attributions (an advocate): one that may decide
    but not manage what the case shows (``_require_suggester`` refuses the others)."""
    return may_decide(role) and not may_manage(role)


def _require_suggester(case: Case, what: str, instead: str) -> None:
    """Refuse a role that may only read (a viewer) and one that decides itself (``instead``: how); ``what``
    is suggested ("a link")."""
    actor, role = case.settings.actor, case.settings.role
    if not may_decide(role):
        raise AccessDeniedError(
            f"{actor} acts as {role!r}, which may read the case but not suggest {what}; an advocate"
            f" suggests one for {MANAGERS} to decide"
        )
    if may_manage(role):
        raise AccessDeniedError(
            f"{actor} acts as {role!r}, which decides on {what} itself rather than suggesting one:"
            f" {instead}. A suggestion is an advocate's, waiting for a deciding user in `footprint"
            " suggestions`"
        )
