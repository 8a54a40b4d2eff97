"""Confirmed findings that no offence counts, each named with why (court review 3): a threat a person
confirmed on an e-mail sent to her address, not yet attributed to her, had dropped out of every element
without a word."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from footprint.analyse.conduct.evidence import NOT_CONDUCT, Pair
from footprint.analyse.law.kb import KnowledgeBase
from footprint.case import Case
from footprint.model import Item
from footprint.store.finding_marks import FindingMark, finding_marks

NAMED = 10  # findings a pair's note names; the rest are counted


def note_left_out(case: Case, kb: KnowledgeBase, assessed: Sequence[tuple[Pair, dict[str, Any]]]) -> None:
    """Add to each assessment's ``notes`` the findings a person confirmed, of a kind an offence can count,
    on an item that concerns the pair (his, hers, to or from one of their accounts, or in her exhibit)
    that no element of a candidate offence and no aggravating feature cites, and why."""
    kinds = kb.finding_categories() - NOT_CONDUCT
    confirmed = [  # what each marks, not its details (the law analyser's own finding is big)
        f
        for f in finding_marks(case.store.engine)
        if f.decision == "confirmed" and f.item_id is not None and f.category in kinds
    ]
    if not confirmed:
        return
    # a finding on a later copy of a message counts on the first (``collect_pairs``)
    first_of = {c.item_id: first for first, refs in case.store.copy_refs().items() for c in refs}
    on = {f.id: first_of.get(f.item_id, f.item_id) for f in confirmed if f.item_id is not None}
    items = {i.id: i for i in case.store.items_by_id(sorted(set(on.values())))}
    attributed = {a.key: a.person for a in case.store.accounts()}
    complainants = {p.name for p in case.store.persons() if p.role == "complainant"}
    owners = {e.ref: e.owner for e in case.store.exhibits()}
    for pair, result in assessed:
        cited = {i["item_id"] for o in result["offences"] for e in o["elements"] for i in e["items"]} | {
            i["item_id"] for g in result["aggravating"] for i in g["items"]
        }
        in_pair = {p.item.id for p in pair.items}
        named: list[str] = []
        for f in sorted(confirmed, key=lambda f: f.id):
            item = items.get(on[f.id])
            if item is None or item.id in cited:
                continue
            theirs = {attributed.get(k) for k in (item.author or "", *item.recipients)} & complainants
            if theirs - {pair.complainant}:
                continue  # between him and another complainant: that pair's assessment
            why = _why(item, pair, item.id in in_pair, attributed, owners.get(item.exhibit))
            if why:
                named.append(_named(f, item, why))
        if named:
            more = len(named) - NAMED
            result["notes"].append(
                f"{len(named)} finding(s) a person confirmed are counted in no offence: "
                + "; ".join(named[:NAMED])
                + (f"; and {more} more (footprint findings)" if more > 0 else "")
            )


def _named(f: FindingMark, item: Item, why: str) -> str:
    return f"finding {f.id} ({f.category}) on {item.exhibit} {item.locator}: {why}"


def _why(
    item: Item, pair: Pair, between: bool, attributed: dict[str, str | None], owner: str | None
) -> str | None:
    """Why the item's confirmed finding counts in no offence of the pair; None when the item does not
    concern the pair at all (another suspect's, another complainant's)."""
    his, hers = set(pair.suspect_accounts), set(pair.complainant_accounts)
    recipients = sorted(item.recipients)
    concerns = (
        item.author in his
        or item.author in hers
        or bool((his | hers).intersection(recipients))
        or owner in (pair.complainant, pair.suspect)
    )
    if not concerns or item.sent_at_utc is None or item.not_sent_shown:
        return None  # the pair's own notes name items never sent and count those with no time
    if between:
        return (
            "it is between them, but no element of a candidate offence takes it (see the offences that are"
            " not candidates, and the in-force dates)"
        )
    attribute = "attribute it (footprint account attribute)"
    if item.kind == "incident":
        return (
            f"the incident is not counted as {pair.suspect}'s conduct: say so in its row's 'done by' column,"
            " or record a finding on it (footprint record)"
        )
    if item.author in his:
        if not recipients:
            return f"it names no recipient and does not name {pair.complainant}"
        whose = "; ".join(f"{r}: {_whose(attributed.get(r))}" for r in recipients)
        return (
            f"it was sent by {item.author} ({pair.suspect}'s) to accounts not attributed to"
            f" {pair.complainant} ({whose}); if one is hers, {attribute}"
        )
    if item.author in hers:
        return f"it was sent by {pair.complainant}'s {item.author} to no account attributed to {pair.suspect}"
    return (
        f"its author {item.author or '(none recorded)'} is {_whose(attributed.get(item.author or ''))};"
        f" if it is {pair.suspect}'s, {attribute}"
    )


def _whose(person: str | None) -> str:
    return f"attributed to {person}" if person else "attributed to no one"
