"""What the candidate persons page shows: `footprint link`'s clusters, each account's attribution and each
link's part in joining them; and to an advocate, the forms that suggest a link or whose account one is, a
person in the case or someone not yet in it (``review.suggest``, as `footprint link-suggest` and `account
suggest`), whose lists of accounts and people a search narrows (``find``: a GET parameter, so it works
without scripts, which the pages never load). No web framework here."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from footprint.advocate_view import without_bases
from footprint.analyse.link.joining import CLUSTER_FROM, joins
from footprint.analyse.link.review import clusters
from footprint.case import Case
from footprint.errors import InputError
from footprint.model import Account
from footprint.parties import visible_persons
from footprint.review.suggest import (
    MAX_NEW_NAME,
    TYPED_NAME,
    may_suggest,
    suggest_attribution,
    suggest_link,
    suggest_new_person,
)
from footprint.visible import name_key
from footprint.web.links import LinkView, viewed

#: the suggestion forms (the hidden ``form`` field says which) and their fields, which are also the ids of
#: their controls: the accounts, then (an attribution) the person, then the note
SUGGESTION_FORMS = {
    "link": ("link_a", "link_b", "link_note"),
    "attribution": ("account", "person", "new_person", "account_note"),
}
#: the longest search of the forms' lists
MAX_FIND = 100
#: the status after a suggestion is recorded, before what was suggested
RECORDED = "Your suggestion was recorded for the officer"


@dataclass(frozen=True)
class CandidateLink:
    view: LinkView
    joins: bool  # accepted, or undecided and strong enough to join its accounts


@dataclass(frozen=True)
class Candidate:
    """Accounts that may be one person, and the links between them."""

    person: str  # the people its accounts are attributed to, or "unknown person N"
    accounts: tuple[Account, ...]
    links: tuple[CandidateLink, ...]
    proposed: int  # links joining accounts that nobody has accepted


@dataclass(frozen=True)
class PersonsPage:
    candidates: list[Candidate]
    threshold: float
    withheld: bool = False  # this role may not see every exhibit: what rests on those is not shown
    # to an advocate, the suggestion forms: the accounts she sees, and the people she may be shown, those
    # the search ``find`` matches (every one when it is empty) of how many in all
    suggesting: bool = False
    accounts: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    find: str = ""
    every_account: int = 0
    every_person: int = 0
    #: the longest search and new person's name the page's fields take
    max_find: ClassVar[int] = MAX_FIND
    max_name: ClassVar[int] = MAX_NEW_NAME


def persons_page(case: Case, find: str = "") -> PersonsPage:
    """The candidate persons `footprint link` prints, with the same clustering and threshold; the forms'
    lists narrowed to the accounts (by key or a name seen) and people (by name) ``find`` matches."""
    find = _checked_find(find)
    seen = case.store.accounts()
    accounts = {a.key: a for a in (without_bases(seen) if case.store.supplied_only else seen)}
    out = []
    for c in clusters(case):
        shown = tuple(CandidateLink(v, joins(v.link)) for v in viewed(case, c.links))  # strongest first
        out.append(
            Candidate(
                c.person,
                tuple(accounts[k] for k in c.accounts),  # a link's accounts are the case's
                shown,
                sum(1 for x in shown if x.joins and x.view.link.status == "proposed"),
            )
        )
    if not may_suggest(case.settings.role):
        return PersonsPage(out, CLUSTER_FROM, bool(case.store.withheld()))
    names = [p.name for p in visible_persons(case, list(accounts.values()))]
    wanted = name_key(find)
    return PersonsPage(
        out,
        CLUSTER_FROM,
        bool(case.store.withheld()),
        True,
        tuple(k for k, a in accounts.items() if not wanted or wanted in _folded(k, *a.names)),
        tuple(n for n in names if not wanted or wanted in name_key(n)),
        find,
        len(accounts),
        len(names),
    )


def _folded(*names: str) -> str:
    """The names as a search reads them (``visible.name_key``), in one string, apart: NUL, which no search
    holds (``_checked_find`` refuses control characters), so none matches across two."""
    return name_key("\x00".join(names))


def _checked_find(find: str) -> str:
    """The search of the forms' lists without surrounding spaces; refused when too long or holding a control
    character (the refusal never echoes it)."""
    find = find.strip()
    if len(find) > MAX_FIND:
        raise InputError(
            f"the search of accounts and people is {len(find)} characters long; search for at most {MAX_FIND}"
            " (part of an account's key, a name seen on it or a person's name)"
        )
    control = next((c for c in find if unicodedata.category(c) == "Cc"), None)
    if control is not None:
        raise InputError(
            f"the search of accounts and people holds a control character (U+{ord(control):04X}); search"
            " without it"
        )
    return find


def typed_suggestion(fields: Mapping[str, str]) -> dict[str, str]:
    """What the suggestion forms hold: every field of both, "" where nothing was typed."""
    every = ("form", *(f for names in SUGGESTION_FORMS.values() for f in names))
    return {f: fields.get(f, "") for f in every}


def suggest(case: Case, typed: Mapping[str, str]) -> str:
    """Record the suggestion the form ``typed["form"]`` sent, through `link-suggest`'s or `account
    suggest`'s own function (its checks, refusals and audit entry); what the page's status says of it."""
    form = typed.get("form", "")
    waits = "it waits for a deciding user, and decides nothing until one"
    if form == "link":
        a, b = typed["link_a"], typed["link_b"]
        suggest_link(case, a, b, typed["link_note"])
        return f"{RECORDED}: {a} and {b} are one person's accounts; {waits} accepts or rejects the link."
    if form == "attribution":
        key, person, new = typed["account"], typed["person"], typed.get("new_person", "")
        if bool(person) == bool(new.strip()):
            raise InputError(
                "choose whose account it is from the list of people, or type the name of someone not yet in"
                " the case, one of the two"
            )
        if person:
            suggest_attribution(case, key, person, typed["account_note"])
            return f"{RECORDED}: {key} is {person}'s account; {waits} attributes the account."
        suggest_new_person(case, key, new, typed["account_note"])
        return (
            f"{RECORDED}: {key} is the account of {new.strip()}, {TYPED_NAME}; {waits} adds them to the"
            " case if they are not in it, and attributes the account."
        )
    raise InputError(f"form {form!r} is not known; use one of {', '.join(SUGGESTION_FORMS)}")
