"""What the account-link pages show: the link analyser's links, each reason with the items behind it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from footprint.analyse.link.review import accept_link, reject_link
from footprint.case import Case
from footprint.errors import InputError, NotFoundError
from footprint.model import AuditEntry, Item
from footprint.report.sections import link_evidence, link_tally, other_reason, text, weighed_reason
from footprint.store.links import StoredLink, link_decisions, visible_links

# the list's status filter: every link, or those in one state
LINK_STATUSES = ("all", "proposed", "accepted", "rejected")
# what the reviewer does -> the link's state afterwards
LINK_ACTIONS = {"accept": "accepted", "reject": "rejected"}


@dataclass(frozen=True)
class ReasonItem:
    """An item a reason rests on: where it is, and the item itself while it is still in the case."""

    account: str
    exhibit: str
    locator: str
    item: Item | None


@dataclass(frozen=True)
class Reason:
    """One reason for a link, as the link analyser weighed it (no weight or kind for other shapes)."""

    kind: str
    text: str
    weight: float | None
    features: tuple[str, ...]
    items: tuple[ReasonItem, ...]


@dataclass(frozen=True)
class LinkView:
    """A link with the people its accounts are attributed to and its reasons, strongest first."""

    link: StoredLink
    verbal: str
    owners: tuple[str | None, str | None]
    reasons: tuple[Reason, ...]
    tally: str = ""  # which kinds of evidence counted, were not counted, not compared or found nothing


@dataclass(frozen=True)
class LinkList:
    links: list[LinkView]
    status: str
    total: int


@dataclass(frozen=True)
class LinkPage:
    view: LinkView
    persons: list[str]  # who an accepted link may attribute both accounts to
    decisions: list[AuditEntry]  # every accept and reject of this pair of accounts, oldest first
    complainant_side: str = ""  # what accepting would do when one account is the complainant's

    @property
    def seen(self) -> str:
        """What the decision form carries: the latest decision shown, by its audit entry's number ("" for
        none); a decision recorded since refuses the form's (``accept_link``)."""
        return str(self.decisions[-1].seq) if self.decisions else ""


def _evidence(link: StoredLink) -> list[object]:
    raw = link.evidence
    return link_evidence(raw if isinstance(raw, list) else [raw])


def _listed(e: object) -> list[Mapping[str, object]]:
    """The items a weighed reason names (none for another shape)."""
    listed = e.get("items") if weighed_reason(e) else None
    return [i for i in listed if isinstance(i, Mapping)] if isinstance(listed, list) else []


def _item_id(i: Mapping[str, object]) -> int | None:
    found = i.get("item_id")
    return found if isinstance(found, int) and not isinstance(found, bool) else None


def _reason(e: object, items: Mapping[int, Item]) -> Reason:
    if not weighed_reason(e):
        return Reason("", other_reason(e), None, (), ())
    weight = e["weight_log10"]
    features = e.get("features")
    return Reason(
        kind=text(e.get("kind") or ""),
        text=text(e["reason"]),
        weight=float(weight) if isinstance(weight, int | float) and not isinstance(weight, bool) else None,
        features=tuple(text(f) for f in features) if isinstance(features, list) else (),
        items=tuple(
            ReasonItem(
                text(i.get("account") or ""),
                text(i.get("exhibit") or ""),
                text(i.get("locator") or ""),
                items.get(_item_id(i) or 0),
            )
            for i in _listed(e)
        ),
    )


def _view(link: StoredLink, owners: Mapping[str, str | None], items: Mapping[int, Item]) -> LinkView:
    verbal = link.evidence.get("verbal") if isinstance(link.evidence, dict) else None
    return LinkView(
        link,
        text(verbal or ""),
        (owners.get(link.a), owners.get(link.b)),
        tuple(_reason(e, items) for e in _evidence(link)),
        link_tally(link.evidence),
    )


def _owners(case: Case) -> dict[str, str | None]:
    return {a.key: a.person for a in case.store.accounts()}


def link_list(case: Case, status: str) -> LinkList:
    """The links of the latest link run, strongest first, narrowed to one state."""
    if status not in LINK_STATUSES:
        raise InputError(f"status {status!r} is not known; use one of {', '.join(LINK_STATUSES)}")
    every = visible_links(case.store)
    return LinkList(viewed(case, [x for x in every if status in ("all", x.status)]), status, len(every))


def viewed(case: Case, links: Sequence[StoredLink]) -> list[LinkView]:
    """Links as the lists show them: their accounts' people, strength in words and reasons (no items)."""
    owners = _owners(case)
    return [_view(x, owners, {}) for x in links]


def current_link(case: Case, link_id: int) -> StoredLink:
    """The link with this id, if it is one of the latest link run's (what is listed and reported)."""
    found = next((x for x in visible_links(case.store) if x.id == link_id), None)
    if found is None:
        raise NotFoundError(
            f"no link {link_id} in the latest link run of this case (it may have been replaced when the"
            " analysers ran again); open the list of links"
        )
    return found


def link_page(case: Case, link_id: int) -> LinkPage:
    """One link with every reason, the items behind each, and every accept or reject of its accounts."""
    link = current_link(case, link_id)
    ids = sorted({i for e in _evidence(link) for i in map(_item_id, _listed(e)) if i is not None})
    items = {i.id: i for i in case.store.items_by_id(ids)} if ids else {}
    owners = _owners(case)
    persons = case.store.persons()
    return LinkPage(
        _view(link, owners, items),
        [p.name for p in persons],
        link_decisions(case.store.unscoped_engine, link.a, link.b),
        _complainant_side(link, owners, {p.name for p in persons if p.role == "complainant"}),
    )


def _complainant_side(link: StoredLink, owners: Mapping[str, str | None], complainants: set[str]) -> str:
    """The warning a link between her account and one not hers needs: accepting it makes the other hers."""
    hers = [k for k in (link.a, link.b) if owners.get(k) in complainants]
    if len(hers) != 1:
        return ""
    other = link.b if hers[0] == link.a else link.a
    if owners.get(other) is not None:
        return ""
    return (
        f"{hers[0]} is the complainant's ({owners[hers[0]]}). Accepting this link attributes {other} to her:"
        f" its messages would count as hers. If {other} may be a fake profile in her name, reject the link;"
        " accept it only if she confirms she operates it, ticking the box below."
    )


def decide_link(
    case: Case, link_id: int, shown: str, action: str, reason: str, person: str, confirmed: bool, seen: str
) -> str:
    """Accept or reject the link ``link_id`` (named ``shown`` on the page) as the form asks, through the
    command line's functions, and what the page then says; ``seen``: the latest decision the form showed."""
    found = current_link(case, link_id)  # refused if the analysers ran again since the page was opened
    if action == "accept":
        accepted = accept_link(
            case,
            found.a,
            found.b,
            reason,
            person or None,
            link_id=link_id,
            as_complainant=confirmed,
            seen=seen,
        )
        return f"Link #{shown} accepted: both accounts are attributed to {accepted.person}."
    if action == "reject":
        reject_link(case, found.a, found.b, reason, link_id=link_id, seen=seen)
        return f"Link #{shown} rejected."
    raise InputError(f"decision {action!r} is not known; use one of {', '.join(LINK_ACTIONS)}")
