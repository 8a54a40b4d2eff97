"""The assessment engine: for each suspect → complainant, the candidate offences element by element."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from footprint.analyse.conduct.breach import Breach, find_breaches, order_label
from footprint.analyse.conduct.course import describe_course
from footprint.analyse.conduct.escalation import describe_escalation
from footprint.analyse.conduct.evidence import (
    HER_WORDS,
    Pair,
    PairItem,
    certainly_after,
    occasions,
    pairs_of,
    read_record,
)
from footprint.analyse.conduct.orders import (
    awareness_words,
    counts_from_awareness,
    notice_words,
    order_words,
    read_conditions,
)
from footprint.analyse.law.confirmation import OFFENCE_GRADES, STATUS_WORDS, confirmed_for, count_confirmed
from footprint.analyse.law.kb import (
    Element,
    EvidenceSpec,
    KnowledgeBase,
    Offence,
    load_kb,
)
from footprint.analyse.law.left_out import note_left_out
from footprint.analyse.law.pending import note_pending
from footprint.analyse.law.reaction_notes import element_note, reaction_of
from footprint.analyse.law.timelimits import passed, time_limit
from footprint.case import Case
from footprint.times import iso_utc

STATEMENT = (
    "This is not a finding of guilt. It shows what the recorded evidence supports for each element of each"
    " candidate offence and what is missing; whether an offence is made out, and whether to charge, are"
    " decisions for a lawyer."
)
CHANGE_2023 = date(2023, 4, 5)
CURRENT = frozenset({"married", "civil_partners", "engaged", "intimate"})
FORMER = frozenset({"former_married", "former_civil_partners", "former_intimate"})
FAMILY = frozenset({"parent_same_child", "relative"})
RELATIONSHIPS = tuple(sorted(CURRENT | FORMER | FAMILY | {"none"}))


@dataclass(frozen=True)
class Match:
    """The evidence found for one element."""

    status: str
    items: tuple[PairItem, ...]
    occasions: int
    orders: tuple[str, ...] = ()
    reason: str | None = None
    # per item, the finding categories that made it match (empty: the item itself is the evidence)
    kinds: dict[int, frozenset[str]] = field(default_factory=dict)
    # for an ``indicated`` element: what it would be were its findings confirmed, and what it is on the
    # record and the findings a person confirmed alone
    if_confirmed: str | None = None
    as_reviewed: str | None = None
    # items that may support it, which a person must judge, and each ``judge`` evidence kind of the element
    # with its own items (its question, and the category to record where the answer is yes)
    may_support: tuple[PairItem, ...] = ()
    judged: tuple[tuple[EvidenceSpec, tuple[PairItem, ...]], ...] = ()


# An element's grades, weakest first; ``indicated`` stands in for the grade unreviewed findings alone give.
GRADES = ("not_evidenced", "partly_evidenced", "evidenced")


def _grade(full: Sequence[PairItem], every: Sequence[PairItem], needed: int) -> str:
    """``evidenced`` when the kinds that can fully show it do so on the occasions needed, ``partly`` when
    anything shows some of it."""
    if len(occasions(list(full))) >= needed:
        return "evidenced"
    return "partly_evidenced" if every else "not_evidenced"


def _kinds(spec: EvidenceSpec, p: PairItem, pair: Pair) -> frozenset[str]:
    """The categories of finding that made ``p`` match this kind of evidence: what a person must have
    confirmed for the item to count as confirmed for the element. Empty when no finding did: a message
    he sent (``conduct:contact``), an incident that names him."""
    if spec.prefix == "finding":
        return frozenset({spec.name})
    if spec.kind == "conduct:breach":
        return frozenset({"order_breach"})
    if spec.kind == "conduct:after_request":
        return frozenset({"contact_after_request"})
    if spec.kind == "conduct:contact":
        return frozenset()
    after = (
        {"contact_after_request"} if spec.kind == "conduct:any" and pair.counted_after_request(p) else set()
    )
    return frozenset(p.abuse) | after  # his conduct, an incident or a device observation: what flagged it


def _spec_items(
    spec: EvidenceSpec,
    pair: Pair,
    breaches: Sequence[Breach],
    offence: Offence,
    span: tuple[PairItem, PairItem] | None = None,
) -> list[PairItem]:
    """Items of the pair that this kind of evidence picks out, within the offence's dates. ``span`` is the
    first and last of his acts relied on for the offence: her distress counts only after the first (a
    reaction follows the act, even one on a date after the offence was repealed), her request to stop
    only before the last (it can tell him only of what follows)."""
    name = spec.name
    if spec.prefix == "finding":
        hers = name in HER_WORDS
        pool = [p for p in pair.by_category.get(name, ()) if (p.direction == "from_her") == hers]
        if name == "distress":
            pool = [p for p in pool if span is not None and certainly_after(p, span[0])]
        elif name == "request_to_stop":
            pool = [p for p in pool if span is not None and certainly_after(span[1], p)]
    elif spec.prefix == "conduct":
        if name == "breach":
            pool = [b.item for b in breaches if not offence.orders or b.order.type in offence.orders]
        else:
            pool = list(
                {"any": pair.conduct, "after_request": pair.after_request, "contact": pair.contact}[name]()
            )
    elif spec.prefix == "item":
        pool = [p for p in pair.items if p.by_him and p.item.kind == name]
    else:
        return []
    if spec.needs == "attachment":
        pool = [p for p in pool if p.item.attachments]
    if spec.rules:  # a finding of the category from one of these detector rules (or one a person recorded)
        pool = [
            p
            for p in pool
            if any(
                f.category == name
                and (set(f.rule_ids) & set(spec.rules) or (spec.or_recorded and f.recorded))
                for f in p.findings
            )
        ]
    if spec.prefix == "finding" and name in HER_WORDS:
        return pool  # her words are tied to his conduct by ``span``; the offence's dates bound his conduct
    start = _counts_from(offence, pair)
    return [
        p
        for p in pool
        if offence.in_force_on(p.day) and spec.covers(p.day) and (start is None or p.day >= start)
    ]


def _relationship(pair: Pair) -> tuple[bool, bool, str]:
    """Whether the recorded relationship connects them under the original s.76(6) (behaviour before
    5 April 2023) and under the substituted one (from that date), and the relationship in words."""
    if not pair.facts:
        return False, False, ""
    fact = pair.facts[-1]
    kind = fact.kind.replace("_", " ")
    if fact.kind == "none":
        return False, False, "recorded as not personally connected"
    if fact.kind in CURRENT:
        return True, True, f"recorded relationship: {kind}"
    if fact.living_together:
        return True, True, f"recorded relationship: {kind}, living together"
    return False, True, f"recorded relationship: {kind}, not living together"


def _counts_from(offence: Offence, pair: Pair) -> date | None:
    """The first day of behaviour that counts when only the substituted s.76(6) connects them."""
    if offence.relationship_test is None:
        return None
    before, after, _ = _relationship(pair)
    return CHANGE_2023 if after and not before else None


def _connected(offence: Offence, pair: Pair, days: Sequence[date]) -> tuple[bool, str]:
    """Whether they were personally connected for the behaviour on ``days`` (his conduct in force)."""
    before, after, words = _relationship(pair)
    if before or not after:
        return before, words
    old_test = "the original s.76(6) required former partners and family members to live together"
    if not any(d >= CHANGE_2023 for d in days):
        return False, f"{words}; before 5 April 2023 {old_test}"
    if any(d < CHANGE_2023 for d in days):
        return True, f"{words}; behaviour before 5 April 2023 is left out: {old_test}"
    return True, words


def match_element(
    element: Element,
    offence: Offence,
    pair: Pair,
    breaches: Sequence[Breach],
    conduct_days: Sequence[date],
    span: tuple[PairItem, PairItem] | None = None,
    act: PairItem | None = None,
) -> Match:
    """How far the record evidences one element; ``act``: the first item of the element it follows, when
    it follows one (only that item and what certainly came after it count)."""
    if any(s.kind == "fact:aware_of_order" for s in element.evidence):
        return _awareness(offence, pair)
    if any(s.prefix == "fact" for s in element.evidence):
        ok, why = _connected(offence, pair, conduct_days)
        return Match("evidenced" if ok else "not_evidenced", (), int(ok), reason=why or None)
    matching = [o for s in element.evidence if s.prefix == "order" for o in pair.orders if o.type == s.name]
    orders = tuple(order_label(o, pair.orders) for o in matching)
    if any(s.prefix == "order" for s in element.evidence):
        # when he became aware of each: it goes to his awareness (s.42A(2), for a non-molestation order
        # made without notice: said for each) or to his excuse (s.363, s.8, an order made on notice)
        known = "; ".join(order_words(o) for o in matching) or None
        return Match("evidenced" if orders else "not_evidenced", (), int(bool(orders)), orders, known)
    full: dict[int, PairItem] = {}
    every: dict[int, PairItem] = {}
    kinds: dict[int, frozenset[str]] = {}
    # the same, counting only what needs no review: the record itself (a message he sent, an incident
    # whose 'done by' column names him) or a finding a person confirmed
    settled_full: dict[int, PairItem] = {}
    settled: dict[int, PairItem] = {}
    maybe: dict[int, tuple[PairItem, EvidenceSpec]] = {}
    for spec in element.evidence:
        for p in _spec_items(spec, pair, breaches, offence, span):
            if element.follows is not None and not (
                act is not None and (p.item.id == act.item.id or certainly_after(p, act))
            ):
                continue
            if spec.strength == "judge":
                maybe.setdefault(p.item.id, (p, spec))  # named apart for a person to judge; never counted
                continue
            found = _kinds(spec, p, pair)
            every[p.item.id] = p
            kinds[p.item.id] = kinds.get(p.item.id, frozenset()) | found
            # an incident that is his only by its words is an opinion until a person says so
            reviewed = (not found or confirmed_for(p.findings, found)) and p.basis_reviewed
            if reviewed:
                settled[p.item.id] = p
            if spec.strength == "full":
                full[p.item.id] = p
                if reviewed:
                    settled_full[p.item.id] = p
    items = tuple(sorted(every.values(), key=lambda p: (p.at, p.item.id)))
    count = len(occasions(list(items)))
    status = _grade(list(full.values()), items, element.occasions)
    as_reviewed = _grade(list(settled_full.values()), list(settled.values()), element.occasions)
    # an item that evidences it otherwise (a threat to kill is also a threat of violence) is not named again
    named = sorted((m for i, m in maybe.items() if i not in every), key=lambda m: (m[0].at, m[0].item.id))
    may_support = tuple(p for p, _ in named)
    judged = tuple(
        (s, by_spec)
        for s in element.evidence
        if s.strength == "judge" and (by_spec := tuple(p for p, of in named if of is s))
    )
    if GRADES.index(as_reviewed) < GRADES.index(status):
        # software findings no person has confirmed are what lift it: an opinion, not yet evidence
        return Match(
            "indicated",
            items,
            count,
            kinds=kinds,
            if_confirmed=status,
            as_reviewed=as_reviewed,
            may_support=may_support,
            judged=judged,
        )
    return Match(status, items, count, kinds=kinds, may_support=may_support, judged=judged)


def may_support_words(m: Match) -> str:
    """The items a person must judge for an element, and the question ("" when there are none)."""
    if not m.judged:
        return ""
    questions = "; ".join(f"{spec.question}: {', '.join(p.ref for p in items)}" for spec, items in m.judged)
    return (
        f"may support, a person must judge {questions}; where the answer is yes, record it: footprint record"
        f" DIR ITEM_ID --category {m.judged[0][0].record} --reason TEXT"
    )


def _needs_review(m: Match, missing: str) -> str:
    """What an ``indicated`` element lacks: a person's review of the findings behind it, and then what
    the element itself still needs."""
    words = (
        "it rests on software findings no person has confirmed (footprint review);"
        f" confirmed, they would make it {STATUS_WORDS[m.if_confirmed or 'evidenced']}"
    )
    if m.as_reviewed == "partly_evidenced":
        words += "; on the record and confirmed findings alone it is partly evidenced"
    return words + (f": {missing}" if m.if_confirmed == "partly_evidenced" else "")


def _support(m: Match) -> list[dict[str, Any]]:
    """Per item of an element: the kinds of finding that made it match, the findings of those kinds on
    it (none dismissed) with the decision on each, and whether a person confirmed one of them."""
    out = []
    for p in m.items:
        kinds = m.kinds.get(p.item.id, frozenset())
        behind = [f for f in p.findings if f.category in kinds]
        out.append(
            {
                "item_id": p.item.id,
                "kinds": sorted(kinds),
                "findings": [{"id": f.id, "category": f.category, "decision": f.decision} for f in behind],
                "confirmed": confirmed_for(behind, kinds) and p.basis_reviewed,
            }
        )
        if p.basis:  # an incident: why it is his conduct, and whether a person said so
            out[-1]["attribution"] = p.basis
            out[-1]["attribution_reviewed"] = p.basis_reviewed
    return out


def _awareness(offence: Offence, pair: Pair) -> Match:
    """Whether his awareness of each order of the offence's types is settled: recorded (``order served``),
    or not needed for a non-molestation order recorded as made on notice (s.42A(2)). Never assumed; with
    none settled the element's missing text says so."""
    orders = [o for o in pair.orders if o.type in offence.orders]
    settled = [o for o in orders if o.aware is not None or not counts_from_awareness(o)]
    if not settled:
        return Match("not_evidenced", (), 0)
    status = "evidenced" if len(settled) == len(orders) else "partly_evidenced"
    return Match(status, (), len(settled), reason="; ".join(order_words(o) for o in orders))


def _item_ref(p: PairItem, refs: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """An item as the assessment names it (built once per item per assessment)."""
    found = refs.get(p.item.id)
    if found is None:
        found = refs[p.item.id] = {
            "item_id": p.item.id,
            "exhibit": p.item.exhibit,
            "locator": p.item.locator,
            "sent_at_utc": p.item.sent_at_utc,
            "categories": list(p.categories),
            "confirmed": list(p.confirmed),
        }
        if not p.item.time_known:  # a date alone: stored at local midnight, not a recorded time
            found["time_known"] = False
        if p.copies:  # the same message in later exhibits, counted once
            found["copies"] = list(p.copies)
        if p.basis:  # an incident: why it is his conduct ("his conduct by its words (not reviewed): …")
            found["attribution"] = p.basis
        reaction = reaction_of(p)
        if reaction:  # a notice on a message, not words he wrote (``reaction_notes``)
            found["reaction"] = reaction
    return found


def _incidents(offence: Offence, matches: Sequence[tuple[Element, Match]]) -> dict[int, PairItem]:
    """His items the time limit runs from. For a course of conduct, every item behind a core element.
    Otherwise one message is one offence, so only an item that meets every core element with items
    itself (s.127(1): a message he sent that is also menacing, not any message he sent); when no single
    item does, every item behind a core element, as for a course of conduct."""
    core = [m for e, m in matches if e.core and m.items]
    every = {p.item.id: p for m in core for p in m.items if p.by_him}
    if offence.course_of_conduct or not core:
        return every
    each = set.intersection(*({p.item.id for p in m.items if p.by_him} for m in core))
    return {i: p for i, p in every.items() if i in each} or every


def match_offence(offence: Offence, pair: Pair, breaches: Sequence[Breach]) -> list[tuple[Element, Match]]:
    """How far the record evidences each element of one offence, in the knowledge base's order."""
    conduct_days = [p.day for p in pair.conduct() if offence.in_force_on(p.day)]
    his = [
        p
        for e in offence.elements
        for spec in e.evidence
        if spec.prefix in ("finding", "conduct", "item")
        and spec.name not in HER_WORDS
        and spec.strength != "judge"  # an item a person must still judge is not yet an act relied on
        for p in _spec_items(spec, pair, breaches, offence)
        if p.by_him
    ]
    order = sorted(his, key=lambda p: (p.at, p.item.id))
    span = (order[0], order[-1]) if order else None
    matches: list[tuple[Element, Match]] = []
    for element in offence.elements:
        acts = [m.items[0] for e, m in matches if e.id == element.follows and m.items]
        m = match_element(element, offence, pair, breaches, conduct_days, span, acts[0] if acts else None)
        matches.append((element, m))
    return matches


def offence_status(matches: Sequence[tuple[Element, Match]]) -> tuple[str, bool]:
    """An offence's status from its elements' matches, and whether it is a candidate (every core element
    has some evidence, on the occasions it needs)."""
    candidate = all(m.status != "not_evidenced" and m.occasions >= e.occasions for e, m in matches if e.core)
    if all(m.status == "evidenced" for _, m in matches):
        status = "supported"
    elif any(m.status == "indicated" for e, m in matches if e.core):
        status = "indicated"  # a candidate only on software findings no person has confirmed
    else:
        status = "partly_supported"
    return status, candidate


def assess_offence(
    offence: Offence,
    pair: Pair,
    breaches: Sequence[Breach],
    kb: KnowledgeBase,
    as_of: date,
    refs: dict[int, dict[str, Any]] | None = None,
) -> tuple[dict[str, Any], bool, bool]:
    """One offence's assessment, whether it is a candidate, and whether any evidence touched a core
    element (the act, the course of conduct, the order, the relationship)."""
    refs = {} if refs is None else refs
    elements = []
    matches = match_offence(offence, pair, breaches)
    for element, m in matches:
        entry: dict[str, Any] = {
            "id": element.id,
            "text": element.text,
            "status": m.status,
            "items": [_item_ref(p, refs) for p in m.items],
            "core": element.core,
        }
        if element.occasions > 1 or m.items:
            entry["occasions"] = {"found": m.occasions, "needed": element.occasions}
        if m.items:
            entry["support"] = _support(m)
            reactions = element_note(m.items, element.occasions)
            if reactions:
                entry["reactions"] = reactions
            confirmed, of, without = count_confirmed(
                entry["support"], {p.item.id: p.findings for p in m.items}
            )
            entry["confirmed"] = {"items": confirmed, "of": of, "without_finding": without}
        if m.may_support:
            entry["may_support"] = may_support_words(m)
            entry["may_support_items"] = [p.item.id for p in m.may_support]
        if m.orders:
            entry["orders"] = list(m.orders)
        if m.reason:
            entry["basis"] = m.reason
        if m.if_confirmed is not None and m.as_reviewed is not None:
            entry["if_confirmed"] = m.if_confirmed
            entry["as_reviewed"] = m.as_reviewed
        if m.status != "evidenced":
            found = (
                f"found on {m.occasions} of the {element.occasions} occasions needed; "
                if 0 < m.occasions < element.occasions
                else ""
            )
            entry["missing"] = found + (
                _needs_review(m, element.missing)
                if m.status == "indicated"
                else m.reason
                if m.reason and m.status == "not_evidenced"
                else element.missing
            )
        elements.append(entry)
    status, candidate = offence_status(matches)
    # his act, not her words; or an item a person must judge whether it is his act (named under excluded)
    touched = any(m.items or m.orders or m.reason or m.may_support for e, m in matches if e.core)
    days = sorted((p.item.id, p.day) for p in _incidents(offence, matches).values())
    limit = time_limit(offence, days, as_of)
    result: dict[str, Any] = {
        "id": offence.id,
        "statute": offence.statute,
        "section": offence.section,
        "title": offence.title,
        "status": status if candidate else "not_supported",
        "elements": elements,
        "time_limit": limit,
        "mode_of_trial": offence.mode_of_trial,
        "max_penalty": offence.max_penalty,
        "cps_category": offence.cps_category,
        "in_force_from": offence.in_force_from.isoformat(),
        "in_force_until": offence.in_force_until.isoformat() if offence.in_force_until else None,
        "course_of_conduct": offence.course_of_conduct,
        "verification": offence.verification,
        "verification_text": offence.verification_text,
        "sources": [kb.sources[s].url for s in offence.sources],
        "missing": [e["missing"] for e in elements if "missing" in e],
    }
    if candidate and passed(limit):
        # the time limit has passed for every occasion: it cannot be charged, whatever the evidence shows
        result.update(status="out_of_time", status_in_time=status)
    if days:
        result["conduct_dates"] = {
            "first": min(d for _, d in days).isoformat(),
            "last": max(d for _, d in days).isoformat(),
        }
    if offence.notes:
        result["notes"] = offence.notes
    return result, candidate, touched


def assess_pair(pair: Pair, kb: KnowledgeBase, as_of: date) -> tuple[dict[str, Any], list[Breach]]:
    """The assessment of one pair and its breaches."""
    breaches = find_breaches(pair)
    refs: dict[int, dict[str, Any]] = {}
    offences, excluded = [], []
    for offence in kb.offences:
        result, candidate, touched = assess_offence(offence, pair, breaches, kb, as_of, refs)
        if candidate:
            offences.append(result)
        elif touched:
            lacking = [e for e in result["elements"] if e["core"] and "missing" in e]
            # why it is not a candidate: a core element with no evidence, or too few occasions (not one
            # that is only awaiting review)
            failing = [
                e
                for e in lacking
                if e["status"] == "not_evidenced"
                or e.get("occasions", {}).get("found", 0) < e.get("occasions", {}).get("needed", 0)
            ] or lacking
            first = next((e for e in failing if "basis" in e), failing[0])  # a recorded fact says why
            reason = first.get("missing", "")
            excluded.append(
                {
                    "id": offence.id,
                    "statute": offence.statute,
                    "section": offence.section,
                    "title": offence.title,
                    "reason": f"{reason}; {first['may_support']}" if "may_support" in first else reason,
                }
            )
    offences.sort(key=lambda o: (OFFENCE_GRADES.index(o["status"]), o["statute"], o["section"], o["id"]))
    escalation = describe_escalation(pair)
    categories = {c for p in pair.items for c in p.categories}
    aggravating = []
    for feature in kb.aggravation:
        hits = [
            p
            for spec in feature.evidence
            for p in (
                [b.item for b in breaches]
                if spec.kind == "conduct:breach"
                else [q for q in pair.items if spec.name in q.categories]
            )
        ]
        if hits:
            aggravating.append(
                {
                    "id": feature.id,
                    "text": feature.text,
                    "items": [
                        _item_ref(p, refs)
                        for p in sorted({p.item.id: p for p in hits}.values(), key=lambda p: p.at)
                    ],
                    "verification": feature.verification,
                }
            )
    triggers = {
        "always": True,
        "escalation": bool(escalation and escalation["change_points"]),
        "breach": bool(breaches),
        "identity_hate": "identity_hate" in categories,
        "distress": "distress" in categories,
        "category_4": any(o["cps_category"].startswith("cat4") for o in offences),
    }
    notes = list(pair.notes)
    before_awareness = find_breaches(pair, before_awareness=True)
    for order in pair.orders:
        for offence in kb.offences:
            early = [
                b
                for b in breaches
                if b.order.id == order.id
                and order.type in offence.orders
                and b.item.day < offence.in_force_from
            ]
            if early:
                notes.append(
                    f"{order_label(order, pair.orders)}: {len(early)} contravening item(s) before"
                    f" {offence.in_force_from:%d/%m/%Y}, when {offence.label} came into force, are listed as"
                    " breaches but assessed under no offence: the provision in force before then is not in"
                    " the knowledge base; a lawyer must choose it"
                )
        unaware = [b for b in before_awareness if b.order.id == order.id]
        if unaware:
            notes.append(
                f"{order_label(order, pair.orders)}: {len(unaware)} contravening item(s) before he is"
                f" recorded as aware of it ({awareness_words(order.aware)}) are not counted as breaches"
                f" ({notice_words(order.notice, True, order.type)})"
                + (
                    "; if it was made on notice they count: record that with `footprint order notice`"
                    if order.notice is None
                    else ""
                )
            )
        for condition in read_conditions(order):
            if "unrecognised" in condition.kinds:
                label = order_label(order, pair.orders)
                notes.append(f"{label}: condition '{condition.text}' is not checked automatically")
    course = describe_course(pair)
    return (
        {
            "suspect": pair.suspect,
            "complainant": pair.complainant,
            "offences": offences,
            "excluded": excluded,
            "course_of_conduct": {
                k: course[k]
                for k in ("occasion_count", "reaction_only_occasions", "links", "gaps", "longest_gap_days")
            },
            "escalation": escalation["change_points"] if escalation else [],
            "aggravating": aggravating,
            "public_interest": [{"id": p.id, "text": p.text} for p in kb.public_interest if triggers[p.when]],
            "accounts": {
                "suspect": list(pair.suspect_accounts),
                "complainant": list(pair.complainant_accounts),
            },
            "notes": notes,
        },
        breaches,
    )


def breach_row(b: Breach, pair: Pair) -> dict[str, Any]:
    """One breach in the ``assess --json`` shape (``check`` only when its timing is uncertain)."""
    row = {
        "order": b.order.id,
        "item_id": b.item.item.id,
        "exhibit": b.item.item.exhibit,
        "locator": b.item.item.locator,
        "condition": b.conditions[0].text,
        "conditions": [c.text for c in b.conditions],
        "order_type": b.order.type,
        "order_label": order_label(b.order, pair.orders),
        "sent_at_utc": iso_utc(b.item.at),
        "minutes_after_made": round(b.minutes_after_made, 1) if b.item.item.time_known else None,
        "minutes_after_made_readings": b.minutes_readings,
        "aware_utc": b.order.aware.aware_utc if b.order.aware else None,
        "suspect": pair.suspect,
        "complainant": pair.complainant,
    }
    if not b.item.item.time_known:  # a date alone: stored at local midnight, not a recorded time
        row["time_known"] = False
    if b.item.item.details.get("clock_change"):
        row["sent_at_raw"] = b.item.item.sent_at_raw
        row["clock_change"] = b.item.item.details["clock_change"]
    if b.check:
        row["check"] = b.check
    if b.item.copies:  # the same message in later exhibits, counted once
        row["copies"] = list(b.item.copies)
    return row


def assess_case(case: Case, as_of: date) -> dict[str, Any]:
    """The whole assessment, computed from what the store holds now (nothing is written)."""
    kb = load_kb()
    assessments: list[dict[str, Any]] = []
    breaches: list[dict[str, Any]] = []
    assessed = []
    record = read_record(case)
    for pair in pairs_of(record):
        result, found = assess_pair(pair, kb, as_of)
        assessments.append(result)
        assessed.append((pair, result))
        breaches.extend(breach_row(b, pair) for b in found)
    note_left_out(case, kb, assessed)
    note_pending(case, record, kb, assessed)
    return {
        "statement": STATEMENT,
        "knowledge_base": {"version": kb.version, "sha256": kb.sha256},
        "as_of": as_of.isoformat(),
        "assessments": assessments,
        "breaches": breaches,
    }
