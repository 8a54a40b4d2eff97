"""What the candidate persons page shows: `footprint link`'s clusters, each account's attribution and each
link's part in joining them (no web framework here)."""

from __future__ import annotations

from dataclasses import dataclass

from footprint.analyse.link.review import CLUSTER_FROM, clusters, joins
from footprint.case import Case
from footprint.model import Account
from footprint.web.links import LinkView, viewed


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


def persons_page(case: Case) -> PersonsPage:
    """The candidate persons `footprint link` prints, with the same clustering and threshold."""
    accounts = {a.key: a for a in case.store.accounts()}
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
    return PersonsPage(out, CLUSTER_FROM, bool(case.store.withheld()))
