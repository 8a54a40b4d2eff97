"""An advocate's suggested link between two accounts, or attribution of an account to a person (one in the
case, or one not yet in it: a name she types): a row of ``suggestion`` (append-only) and its audit entry, in
one transaction. A suggestion decides nothing: it waits in the officer's queue (``review.suggestions``) until
a deciding user accepts or rejects the link or attributes the account (adding the new person first).

Suggesting is for an advocate, while material is withheld from her too (she may not decide then). She may
name only accounts she sees, and people her material shows: one she cannot see is refused exactly as an
unknown one is. A new person's name that reads as a person's she sees is refused, telling her to name them
instead; one that reads as a person's she may not be shown is accepted as any new name is (a refusal would
tell her the name is taken), and the officer's queue reads it as that person. A deciding
user (investigator, reviewer, prosecutor) decides instead of suggesting: the queue is of what advocates ask
the officer to weigh, and a deciding user's suggestion would wait for no one but themselves.
"""

from __future__ import annotations

import shlex
import unicodedata

from footprint.case import Case
from footprint.deciders import MANAGERS
from footprint.errors import AccessDeniedError, InputError
from footprint.parties import visible_account, visible_person, visible_persons
from footprint.review.decisions import checked_reason, may_decide, may_manage
from footprint.store.suggestions import ATTRIBUTION, LINK, NEW_PERSON, add_suggestion
from footprint.times import now_utc
from footprint.visible import name_key

#: the commands that decide instead, named in the refusal to a deciding user
LINK_DECIDERS = (
    "accept or reject the link with `footprint link-accept DIR A B --reason TEXT` or `footprint link-reject"
    " DIR A B --reason TEXT` (two accounts the linkage analyser did not pair: attribute both to the person"
    " with `footprint account attribute`)"
)
ATTRIBUTION_DECIDERS = (
    "attribute the account with `footprint account attribute DIR KEY --person NAME --basis TEXT`"
)
NEW_PERSON_DECIDERS = (
    "add the person with `footprint person add DIR NAME --role ROLE`, then attribute the account with"
    " `footprint account attribute DIR KEY --person NAME --basis TEXT`"
)
#: what she is told of a new name she typed: the same whether or not it is a person she may not be shown
TYPED_NAME = "a name you typed (not one of the people you are shown)"
#: the longest name of a new person she may type (as a user's name: ``users.MAX_NAME``)
MAX_NEW_NAME = 200
#: what a new person's name may be, said in every refusal of one
NEW_NAME_RULE = (
    f"a new person's name is 1 to {MAX_NEW_NAME} characters, with no control characters (a line break, a"
    " terminal escape) and no invisible ones (zero-width spaces, direction marks)"
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
    return _record_attribution(case, ATTRIBUTION, account.key, person, note)


def suggest_new_person(case: Case, key: str, name: str, note: str) -> int:
    """Record the advocate's suggestion that account ``key`` is that of someone not yet in the case, whom she
    names ``name``, with her ``note``; return the suggestion's id. No person is created: the officer adds
    them (``review.suggestions`` shows how). A name that reads as (``visible.name_key``) a person's she may be
    shown is refused, telling her to name them; one's she may not be shown is accepted as any new name is, so
    nothing tells her the name is taken (the queue reads it as that person)."""
    _require_suggester(case, "an attribution", NEW_PERSON_DECIDERS)
    note = checked_reason(note, "suggestion")
    name = checked_new_name(name)
    account = visible_account(case, key)
    shown = visible_persons(case)
    same = next((p for p in shown if name_key(p.name) == name_key(name)), None)
    if same is not None:
        raise InputError(
            f"{name!r} is already a person in this case (as {same.name!r}): suggest the account is theirs"
            f" with `--person {shlex.quote(same.name)}` (in the review app: choose them from the list)"
        )
    # a person she may not be shown is not told apart from someone not in the case: accepted as a new name
    # (a refusal would tell her the name is taken), and the officer's queue reads it as that person
    return _record_attribution(case, NEW_PERSON, account.key, name, note)


def _record_attribution(case: Case, kind: str, key: str, person: str, note: str) -> int:
    """Write the suggestion that account ``key`` is ``person``'s (``kind``: a person in the case, or a new
    name) and its audit entry, in one transaction; return its id."""
    with case.transaction() as (tx, record):
        if kind == ATTRIBUTION:
            tx.person_id(person)  # refuses a person removed meanwhile
        suggestion_id = add_suggestion(
            tx,
            kind=kind,
            account_a=key,
            account_b=None,
            person=person,
            user=case.settings.actor,
            role=case.settings.role,
            note=note,
            at_utc=now_utc(),
        )
        record(
            "account suggest", key, note, suggestion_id=suggestion_id, kind=kind, account_a=key, person=person
        )
    return suggestion_id


def checked_new_name(name: str) -> str:
    """A new person's name without surrounding spaces; refused when empty, too long or holding a control or
    invisible character (hostile text: it is shown to the officer, in commands to copy). The refusal says
    the limits and never echoes the name."""
    name = name.strip()
    if not name:
        raise InputError(f"{NEW_NAME_RULE}: this one is empty; type their name")
    if len(name) > MAX_NEW_NAME:
        raise InputError(f"{NEW_NAME_RULE}: this one is {len(name)} characters long; shorten it")
    bad = next((c for c in name if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")), None)
    if bad is not None:
        raise InputError(
            f"{NEW_NAME_RULE}: this one holds U+{ord(bad):04X}"
            f" {unicodedata.name(bad, 'a control character')}; type it again without it"
        )
    return name


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
