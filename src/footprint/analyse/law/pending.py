"""Conduct pending attribution: what an account linked to the suspect's, but attributed to no one, would
add to each element were a person to attribute it to him. Named beside the element, never counted.

A link is an opinion until a person attributes the account (``footprint link accept``, ``account
attribute``), so the assessment counts only the accounts attributed to him. That left a prosecutor unable
to see that attributing one account would complete an element, or a course of conduct. For each pair with
such accounts (a link that bears on whose the account is, ``link.joining.weighs_on``: accepted, or
undecided and giving any support, log10 LR above 0, however weak; never a rejected one; its strength is
in the note), the pair is made once more with
every such account taken as his, from only the items those accounts sent or were sent (indexed by account
once), merged into the pair's own items; each offence is assessed on it once, and an element's items that
only that pair has, sent by a pending account, are named under the element's ``pending``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from footprint.analyse.conduct.breach import find_breaches
from footprint.analyse.conduct.evidence import Pair, PairItem, Record
from footprint.analyse.law.confirmation import status_words
from footprint.analyse.law.kb import KnowledgeBase
from footprint.analyse.link.joining import weighs_on
from footprint.analyse.link.wording import kind_tally, link_score
from footprint.case import Case
from footprint.model import Item
from footprint.store.links import StoredLink, visible_links

if TYPE_CHECKING:
    from footprint.analyse.law.assess import Match

NAMED = 10  # items a pending note names per account; the rest are counted


@dataclass(frozen=True)
class Pending:
    """An account attributed to no one, linked to one of the suspect's: the strongest such link, and the
    joining links from it to accounts attributed to someone else (``(person, link)``)."""

    account: str
    link: StoredLink
    others: tuple[tuple[str, StoredLink], ...]

    @property
    def linked_to(self) -> str:
        """The suspect's account at the other end of the link."""
        return self.link.b if self.link.a == self.account else self.link.a

    def link_words(self) -> str:
        """The link in words: its score, weight, verbal scale and the kinds of evidence it counted, and
        any link from the account to another person's account."""
        e = self.link.evidence
        verbal = e.get("verbal")
        counted = kind_tally(e.get("kinds", {}), e.get("evidence", [])).counted
        words = (
            f"link score {link_score(self.link.score)} at even prior odds, log10 LR {self.link.log10_lr:+.2f}"
            + (f", {verbal}" if isinstance(verbal, str) and verbal else "")
            + f", with {self.linked_to}; evidence counted: {', '.join(counted) or 'none'}"
        )
        also = "; ".join(
            f"{person}'s {_other(x, self.account)} (log10 LR {x.log10_lr:+.2f})" for person, x in self.others
        )
        return words + (f"; it is also linked to {also}" if also else "")


def _other(link: StoredLink, account: str) -> str:
    return link.b if link.a == account else link.a


def pending_accounts(links: Sequence[StoredLink], pair: Pair, owner: Mapping[str, str]) -> dict[str, Pending]:
    """The accounts attributed to no one (``owner``: account → person) that a joining link ties to one of
    the pair's suspect's accounts, strongest link first (``links`` come strongest first)."""
    his = set(pair.suspect_accounts)
    found: dict[str, StoredLink] = {}
    for x in links:
        for mine, other in ((x.a, x.b), (x.b, x.a)):
            if mine in his and other not in owner:
                found.setdefault(other, x)
    return {
        key: Pending(
            key,
            link,
            tuple(
                (owner[_other(x, key)], x)
                for x in links
                if key in (x.a, x.b) and owner.get(_other(x, key), pair.suspect) != pair.suspect
            ),
        )
        for key, link in sorted(found.items())
    }


class _ItemIndex:
    """The record's items by the accounts that sent or were sent them, and their places in it (built once,
    on the first pair with pending accounts)."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.place = {i.id: n for n, i in enumerate(items)}
        self.by_account: dict[str, list[int]] = defaultdict(list)
        for n, i in enumerate(items):
            for key in dict.fromkeys((i.author, *i.recipients)):
                if key is not None:
                    self.by_account[key].append(n)

    def touching(self, items: Sequence[Item], accounts: Sequence[str]) -> list[Item]:
        """The items sent by or to any of ``accounts``, in the record's order."""
        return [items[n] for n in sorted({n for a in accounts for n in self.by_account.get(a, ())})]


def note_pending(
    case: Case,
    record: Record | None,
    kb: KnowledgeBase,
    assessed: Sequence[tuple[Pair, dict[str, Any]]],
) -> None:
    """Add to each element of each assessment the conduct pending attribution (``pending``), and the
    status the element would have with it (``pending_status``, only where it differs); to the offences
    that are not candidates but would be, the same (``excluded``'s ``pending``)."""
    if record is None:
        return
    links = [x for x in visible_links(case.store) if weighs_on(x)]
    if not links:
        return
    owner = {key: person for person, keys in record.accounts.items() for key in keys}
    index: _ItemIndex | None = None
    for pair, result in assessed:
        pending = pending_accounts(links, pair, owner)
        if not pending:
            continue
        index = index or _ItemIndex(record.items)
        touching = index.touching(record.items, sorted(pending))
        them = record.pair(pair.suspect, pair.complainant, also=sorted(pending), items=touching)
        theirs = {p.item.id: p for p in them.items if p.item.author in pending}
        if not theirs:
            continue
        _note_pair(_with(pair, them, pending, index), theirs, pending, kb, result)


def _with(pair: Pair, them: Pair, pending: Mapping[str, Pending], index: _ItemIndex) -> Pair:
    """The pair were the pending accounts his: its items with theirs (and her words to them) added."""
    known = {p.item.id for p in pair.items}
    items = [*pair.items, *(p for p in them.items if p.item.id not in known)]
    return replace(
        pair,
        suspect_accounts=tuple(sorted({*pair.suspect_accounts, *pending})),
        items=tuple(sorted(items, key=lambda p: index.place[p.item.id])),
    )


def _note_pair(
    hypothetical: Pair,
    theirs: Mapping[int, PairItem],
    pending: Mapping[str, Pending],
    kb: KnowledgeBase,
    result: dict[str, Any],
) -> None:
    """Match each offence's elements once on ``hypothetical`` and note, beside the assessment's elements,
    the items only it counts that a pending account sent."""
    from footprint.analyse.law.assess import match_offence, offence_status  # ``assess_case`` imports us

    breaches = find_breaches(hypothetical)
    candidates = {o["id"]: o for o in result["offences"]}
    excluded = {x["id"]: x for x in result["excluded"]}
    for offence in kb.offences:
        matches = match_offence(offence, hypothetical, breaches)
        counted = candidates.get(offence.id)
        if counted is not None:
            for element, (_, m) in zip(counted["elements"], matches, strict=True):
                _note_element(element, m, theirs, pending, hypothetical.suspect)
            continue
        status, candidate = offence_status(matches)
        accounts = sorted({a for _, m in matches for p in m.items if (a := _sender(p, theirs)) is not None})
        if not candidate or not accounts:
            continue
        entry = excluded.get(offence.id)
        if entry is None:
            entry = {
                "id": offence.id,
                "statute": offence.statute,
                "section": offence.section,
                "title": offence.title,
                "reason": f"nothing sent by the accounts attributed to {hypothetical.suspect} touches it",
            }
            result["excluded"].append(entry)
        entry["pending"] = (
            f"it would be a candidate ({status_words(status)}) were "
            + "; ".join(
                f"{a} attributed to {hypothetical.suspect} ({pending[a].link_words()})" for a in accounts
            )
            + "; not counted until a person attributes it"
        )


def _sender(p: PairItem, theirs: Mapping[int, PairItem]) -> str | None:
    """The pending account that sent ``p``, or None when a pending account did not."""
    return p.item.author if p.item.id in theirs else None


def _note_element(
    element: dict[str, Any],
    m: Match,
    theirs: Mapping[int, PairItem],
    pending: Mapping[str, Pending],
    suspect: str,
) -> None:
    """The element's ``pending`` notes, one per account, and its ``pending_status``."""
    counted = {i["item_id"] for i in element["items"]}
    added: dict[str, list[PairItem]] = defaultdict(list)
    for p in m.items:
        account = _sender(p, theirs)
        if account is not None and p.item.id not in counted:
            added[account].append(p)
    if not added:
        return
    notes = []
    for account in sorted(added):
        items, named = added[account], added[account][:NAMED]
        behind = {
            p.item.id: [f.id for f in p.findings if f.category in m.kinds.get(p.item.id, ())] for p in named
        }
        more = len(items) - NAMED
        notes.append(
            {
                "account": account,
                "person": suspect,
                "linked_to": pending[account].linked_to,
                "score": pending[account].link.score,
                "log10_lr": pending[account].link.log10_lr,
                "items": [p.item.id for p in named],
                "item_count": len(items),
                "findings": sorted(f for ids in behind.values() for f in ids),
                "note": (
                    f"would count were {account} attributed to {suspect} ({pending[account].link_words()}):"
                    f" {', '.join(p.ref + _findings(behind[p.item.id]) for p in named)}"
                    f"{f' and {more} more' if more > 0 else ''}; not counted until a person attributes it"
                ),
            }
        )
    element["pending"] = notes
    if m.status != element["status"]:
        element["pending_status"] = m.status


def _findings(ids: Sequence[int]) -> str:
    if not ids:
        return ""
    return f" ({'finding' if len(ids) == 1 else 'findings'} {', '.join(str(i) for i in ids)})"


def pending_words(element: Mapping[str, Any]) -> tuple[str, ...]:
    """An assessed element's pending notes as the report and the review app show them, the last saying
    what the element would be with them ("" notes when it has none)."""
    notes = [str(n.get("note", "")) for n in element.get("pending", []) if isinstance(n, Mapping)]
    status = element.get("pending_status")
    if notes and isinstance(status, str):
        notes.append(f"with {'it' if len(notes) == 1 else 'them'} attributed, {status_words(status)}")
    return tuple(notes)
