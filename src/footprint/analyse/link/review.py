"""Candidate persons from links, and the investigator's accept / reject decisions (audited)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Connection

from footprint.analyse.link.joining import CLUSTER_FROM, joins
from footprint.analyse.link.wording import kind_tally
from footprint.case import Case
from footprint.deciders import require_whole_view
from footprint.errors import AccessDeniedError, ChangedMeanwhileError, InputError, NotFoundError
from footprint.integrity.digests import copy_digests
from footprint.model import AuditEntry
from footprint.parties import accept_attribution, complainant_confirmed
from footprint.review import may_decide
from footprint.review.decisions import checked_reason
from footprint.store.copies import record_all_copies
from footprint.store.decisions import wait_for_runs
from footprint.store.links import (
    LINKAGE_BASIS,
    StoredLink,
    latest_link_decision,
    replaced_link,
    set_status,
    visible_links,
    withdraw_linkage_attributions,
)
from footprint.times import uk_display

#: what an advocate may do about a link she may not decide on
LINK_INSTEAD = (
    "she may tell the officer in the case which accounts the complainant operates, for them to decide"
)


@dataclass(frozen=True)
class Cluster:
    """Accounts that may be one person, and the links that join them."""

    person: str
    accounts: tuple[str, ...]
    links: tuple[StoredLink, ...]


def stored_link_json(link: StoredLink) -> dict[str, Any]:
    """A stored link in the stable shape, with its id and decision status."""
    e = link.evidence
    evidence = [
        {k: x.get(k) for k in ("kind", "reason", "weight_log10", "features")}
        | {"items": [{k: i.get(k) for k in ("account", "exhibit", "locator", "item_id")} for i in x["items"]]}
        for x in e.get("evidence", [])
    ]
    return {
        "id": link.id,
        "a": link.a,
        "b": link.b,
        "score": link.score,
        "log10_lr": link.log10_lr,
        "verbal": e.get("verbal"),
        "abstained": e.get("abstained", False),
        "kinds": e.get("kinds", {}),
        "evidence": evidence,
        # counted again from the reasons, so that links an older version stored are tallied alike
        "kinds_considered": kind_tally(e.get("kinds", {}), evidence).to_json(),
        "status": link.status,
    }


def clusters(case: Case, threshold: float = CLUSTER_FROM) -> list[Cluster]:
    """Connected components over accepted links and undecided links at or above ``threshold``."""
    links = visible_links(case.store)
    accounts = {a.key: a for a in case.store.accounts()}
    keys = sorted(
        {k for link in links for k in (link.a, link.b)} | {k for k, a in accounts.items() if a.person}
    )
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    joining = [x for x in links if joins(x, threshold)]

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    for link in joining:
        union(link.a, link.b)
    owned: dict[str, str] = {}
    for k in keys:
        person = accounts[k].person if k in accounts else None
        if person:
            union(owned.setdefault(person, k), k)
    groups: dict[str, list[str]] = {}
    for k in keys:
        groups.setdefault(find(k), []).append(k)
    out: list[Cluster] = []
    unknown = 0
    for members in sorted(groups.values(), key=lambda m: m[0]):
        people = sorted({p for k in members if k in accounts for p in [accounts[k].person] if p})
        if not people:
            unknown += 1
            person = f"unknown person {unknown}"
        else:
            person = " / ".join(people) + (
                " (conflict: linked accounts are attributed to different people)" if len(people) > 1 else ""
            )
        member_set = set(members)
        inner = tuple(x for x in links if x.a in member_set and x.b in member_set)
        out.append(Cluster(person, tuple(members), inner))

    # known people by name, then the unknown ones by number ("unknown person 2" before 10)
    def order(c: Cluster) -> tuple[bool, int, str, tuple[str, ...]]:
        unknown = c.person.startswith("unknown person ")
        return unknown, len(c.person) if unknown else 0, c.person, c.accounts

    return sorted(out, key=order)


def _may_decide(case: Case) -> None:
    """Refuse a read-only role, as a decision on a finding is refused, and a role that sees only part of
    the case (a link changes who accounts belong to, and so how every exhibit naming them is read)."""
    if not may_decide(case.settings.role):
        raise AccessDeniedError(
            f"{case.settings.actor} acts as {case.settings.role!r}, which may read links but not accept or"
            " reject them; a reviewer, investigator, prosecutor or advocate must decide"
        )
    require_whole_view(case, "a decision on a link", LINK_INSTEAD)


def _find_link(case: Case, a: str, b: str, link_id: int | None) -> StoredLink:
    """The latest run's link between ``a`` and ``b``; with ``link_id``, only if it is still that link."""
    for link in visible_links(case.store):
        if {link.a, link.b} == {a, b}:
            if link_id is not None and link.id != link_id:
                raise replaced_link(link_id)
            return link
    if link_id is not None:
        raise replaced_link(link_id)
    raise NotFoundError(
        f"no stored link between {a!r} and {b!r}; run `footprint analyse DIR --only link`"
        " and pick a pair from `footprint link DIR`, or, where you know whose the account is (the same"
        f" number on two platforms), attribute it: `footprint account attribute DIR {shlex.quote(b)} --person"
        " NAME --basis TEXT`"
    )


class LinkDecidedMeanwhileError(ChangedMeanwhileError):
    """Someone accepted or rejected the link after the decision on it the deciding user last saw
    (``latest``: the latest decision on it now; None only when a form not made by the app named one)."""

    def __init__(self, message: str, latest: AuditEntry | None) -> None:
        super().__init__(message)
        self.latest = latest


def decided_words(entry: AuditEntry) -> str:
    """What a decision on a link did: ``accepted`` or ``rejected``."""
    return "accepted" if entry.action == "link accept" else "rejected"


def _unchanged(case: Case, conn: Connection, link: StoredLink, seen: str | None) -> None:
    """Refuse the decision unless the latest decision on the link's accounts is ``seen`` (its audit entry's
    number; "" for none), read under the lock that orders the writers, in the decision's transaction: of
    two deciding at once, or one form sent twice, the second is refused and nothing is recorded for it."""
    wait_for_runs(conn)  # on PostgreSQL the writers' lock; on SQLite the write transaction holds it already
    latest = latest_link_decision(conn, link.a, link.b)
    if seen is None or (str(latest.seq) if latest else "") == seen:
        return
    what = (
        f"{latest.actor} {decided_words(latest)} this link at {uk_display(latest.at_utc)},"
        if latest
        else "the decisions on this link changed"  # only a form not made by the app
    )
    raise LinkDecidedMeanwhileError(
        f"{what} after you opened it; read it in the decisions and decide again", latest
    )


class Accepted(NamedTuple):
    """What accepting a link did: the person both accounts are attributed to, the copies that found
    (by exhibit, how many of its items repeat each earlier exhibit's), as ``account attribute`` says, the
    decision's number (its audit entry's) and the accounts it attributed to the complainant (confirmed with
    ``as_complainant``)."""

    person: str
    copies: dict[str, dict[str, int]]
    decision: int
    to_complainant: tuple[str, ...] = ()


class Rejected(NamedTuple):
    """What rejecting a link did: the attributions it withdrew and the decision's number (its audit
    entry's)."""

    withdrawn: list[int]
    decision: int


def _complainant_check(case: Case, person: str, newly: list[str], as_complainant: bool) -> bool:
    """Whether the accept attributes an account to a complainant; refused unless ``as_complainant``
    confirms it (a fake profile in her name would otherwise become hers on one click)."""
    return complainant_confirmed(
        case,
        person,
        newly,
        as_complainant,
        doing="accepting this link",
        act="accept",
        confirm='`--as-complainant` on the command line, the box "she operates it too" in the review app',
        otherwise="reject the link",
        what="a link that attributes an account to her",
        already=f"both accounts are already {person}'s",
    )


def accept_link(
    case: Case,
    a: str,
    b: str,
    reason: str,
    person: str | None = None,
    link_id: int | None = None,
    *,
    as_complainant: bool = False,
    seen: str | None = None,
) -> Accepted:
    """Accept a link: both accounts are attributed to one person, on a recorded basis; two accounts of
    one person are one author, so items of later exhibits may now be copies of earlier ones (recorded).

    ``link_id`` is the link the user saw (the review app): refused if a later run has replaced it.
    ``seen``: the latest decision on the link the user saw (its audit entry's number, "" for none); when
    another is the latest by the time the decision is written, nothing is recorded
    (``LinkDecidedMeanwhileError``).
    ``as_complainant`` confirms an accept that attributes an account to the complainant (refused without
    it, and refused with it when the accept does not).
    """
    _may_decide(case)
    reason = checked_reason(reason, "decision on a link")
    if person is not None and "\x00" in person:
        raise InputError("a person's name may not contain a NUL character; name someone in the case")
    link = _find_link(case, a, b, link_id)
    accounts = {x.key: x for x in case.store.accounts()}
    owners = sorted({p for k in (a, b) for p in [accounts[k].person] if p})
    if person is None:
        if len(owners) != 1:
            raise InputError(
                f"{a} and {b} are attributed to {', '.join(owners) or 'no one'};"
                " name the person both accounts belong to"
            )
        person = owners[0]
    newly = [k for k in (a, b) if accounts[k].person != person]
    to_complainant = _complainant_check(case, person, newly, as_complainant)
    basis = f"{LINKAGE_BASIS}{case.settings.actor}: {reason}"
    with case.transaction() as (tx, record):
        _unchanged(case, tx.conn, link, seen)
        person_id = tx.person_id(person)
        set_status(tx.conn, link.id, "accepted")
        attribution_ids = []
        for key in newly:
            account_id = tx.account_id(key)
            assert account_id is not None
            attribution_ids.append(accept_attribution(tx, account_id, person_id, basis, case.settings.actor))
        copies = record_all_copies(tx.conn) if newly else {}
        record(
            "link accept",
            f"{link.a} ~ {link.b}",
            reason,
            link_id=link.id,
            log10_lr=link.log10_lr,
            person=person,
            as_complainant=to_complainant,
            attributed=newly,
            attribution_ids=attribution_ids,
            copies=copies,
            copy_digests=copy_digests(tx.conn, copies),
        )
        assert record.head is not None
    return Accepted(person, copies, record.head[0], tuple(newly) if to_complainant else ())


def reject_link(
    case: Case, a: str, b: str, reason: str, link_id: int | None = None, *, seen: str | None = None
) -> Rejected:
    """Reject a link; attributions that rested on an accepted linkage hypothesis are withdrawn.
    ``link_id`` and ``seen`` as for :func:`accept_link`."""
    _may_decide(case)
    reason = checked_reason(reason, "decision on a link")
    link = _find_link(case, a, b, link_id)
    with case.transaction() as (tx, record):
        _unchanged(case, tx.conn, link, seen)
        was = set_status(tx.conn, link.id, "rejected")
        ids = [i for i in (tx.account_id(a), tx.account_id(b)) if i is not None]
        withdrawn = withdraw_linkage_attributions(tx.conn, ids) if was == "accepted" else []
        record(
            "link reject",
            f"{link.a} ~ {link.b}",
            reason,
            link_id=link.id,
            log10_lr=link.log10_lr,
            withdrawn_attributions=withdrawn,
        )
        assert record.head is not None
    return Rejected(withdrawn, record.head[0])
