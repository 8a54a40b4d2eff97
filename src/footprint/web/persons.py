"""What the candidate persons page shows: `footprint link`'s clusters, each account's attribution and each
link's part in joining them; and to an advocate, the forms that suggest a link or whose account one is
(``review.suggest``, as `footprint link-suggest` and `account suggest`). No web framework here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from footprint.advocate_view import without_bases
from footprint.analyse.link.review import CLUSTER_FROM, clusters, joins
from footprint.case import Case
from footprint.errors import InputError
from footprint.model import Account
from footprint.parties import visible_persons
from footprint.review.suggest import may_suggest, suggest_attribution, suggest_link
from footprint.web.links import LinkView, viewed

#: the suggestion forms (the hidden ``form`` field says which) and their fields, which are also the ids of
#: their controls: the accounts, then (an attribution) the person, then the note
SUGGESTION_FORMS = {
    "link": ("link_a", "link_b", "link_note"),
    "attribution": ("account", "person", "account_note"),
}
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
    # to an advocate, the suggestion forms: the accounts she sees, and the people she may be shown
    suggesting: bool = False
    accounts: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()


def persons_page(case: Case) -> PersonsPage:
    """The candidate persons `footprint link` prints, with the same clustering and threshold."""
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
    suggesting = may_suggest(case.settings.role)
    return PersonsPage(
        out,
        CLUSTER_FROM,
        bool(case.store.withheld()),
        suggesting,
        tuple(accounts) if suggesting else (),
        tuple(p.name for p in visible_persons(case, list(accounts.values()))) if suggesting else (),
    )


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
        key, person = typed["account"], typed["person"]
        suggest_attribution(case, key, person, typed["account_note"])
        return f"{RECORDED}: {key} is {person}'s account; {waits} attributes the account."
    raise InputError(f"form {form!r} is not known; use one of {', '.join(SUGGESTION_FORMS)}")
