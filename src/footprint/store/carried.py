"""Which decision a finding of the latest runs shows when it has none of its own: one made on an earlier
finding that asserted the same thing (it carries), or else the latest one made on an earlier finding about
the same subject that asserted something else (named beside it, never inherited:
``Finding.earlier_decision``).

An item-level finding's subject is its analyser, category and item; a case-level finding's (a course of
conduct, an escalation, an offence assessment) is matched by ``store.case_subjects``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from sqlalchemy import Connection, select

from footprint.model import Finding
from footprint.store import schema as t
from footprint.store.finding_state import NOTE

# What a finding asserts: the same analyser saying the same category about the same words of one item (or
# about the case as a whole: no item), in the same explanation and with the same score (a conduct finding
# has no words of its own: its explanation says what it asserts — the order, the times, what is left to
# check; a case-level one's names its items, occasions and accounts).
_Claim = tuple[str, str, int | None, tuple[tuple[int, int], ...], str, float]
# An item-level finding's subject, whatever it asserts about it: the analyser, the category and the item.
_Subject = tuple[str, str, int]


def claim_of(
    analyser: str,
    category: str,
    item_id: int | None,
    spans: tuple[tuple[int, int], ...],
    explanation: str,
    score: float,
) -> _Claim:
    return analyser, category, item_id, spans, explanation, round(float(score), 2)


@dataclass(frozen=True)
class Decided:
    """The latest decisions that set a state (a confirm or dismiss; a note never: ``store.finding_state``):
    per claim; per item-level subject (whatever was claimed about it); and, for
    the case-level findings (no item), the latest decision on each, by their analyser and category."""

    by_claim: dict[_Claim, tuple[str, int]] = field(default_factory=dict)
    by_subject: dict[_Subject, list[tuple[_Claim, str, int]]] = field(default_factory=dict)
    #: (analyser, category) → {finding id: (its latest decision, that decision's id)}
    by_case: dict[tuple[str, str], dict[int, tuple[str, int]]] = field(default_factory=dict)
    #: per claim, the latest finding asserting it that someone made a note on (shown, never a state)
    noted_claims: dict[_Claim, int] = field(default_factory=dict)
    noted: set[int] = field(default_factory=set)  #: every finding someone made a note on


def carried_decisions(conn: Connection) -> Decided:
    """The latest confirm or dismiss (and the finding it was made on) for each finding's claim, item-level
    subject and case-level finding: a note made since leaves it standing (``store.finding_state``).

    Decisions are made on the finding rows of one run; when the analysers run again and assert the same
    thing — the same category, words, explanation and score — the reviewer's decision still stands. A
    finding that asserts something different about the same item (a breach now dated only to the day he
    became aware of the order) is not decided: the reviewer never saw what it now says, and the decision
    made on the earlier one is named beside it. A case-level finding, such as a course of conduct or an
    impersonation, carries a decision only when it is made again in the very same words and score: its
    explanation names what it rests on, so the same words are the same claim (it had been decided afresh,
    so a dismissed impersonation read "not yet reviewed" after every analysis); in any other words it is
    decided afresh, beside the decision on the earlier finding about the same subject
    (``store.case_subjects``).
    """
    query = (
        select(
            t.analysis_run.c.analyser,
            t.finding.c.category,
            t.finding.c.item_id,
            t.finding.c.spans,
            t.finding.c.explanation,
            t.finding.c.score,
            t.finding.c.id,
            t.decision.c.decision,
            t.decision.c.id.label("decision_id"),
        )
        .join(t.finding, t.finding.c.id == t.decision.c.finding_id)
        .join(t.analysis_run, t.analysis_run.c.id == t.finding.c.run_id)
        .order_by(t.decision.c.id)
    )
    decided = Decided()
    for r in conn.execute(query):
        spans = tuple((int(a), int(b)) for a, b in json.loads(r.spans))
        claim = claim_of(r.analyser, r.category, r.item_id, spans, r.explanation, r.score)
        if r.decision == NOTE:
            decided.noted_claims[claim] = r.id
            decided.noted.add(r.id)
            continue
        decided.by_claim[claim] = (r.decision, r.id)
        if r.item_id is not None:
            decided.by_subject.setdefault((r.analyser, r.category, r.item_id), []).append(
                (claim, r.decision, r.id)
            )
        else:
            decided.by_case.setdefault((r.analyser, r.category), {})[r.id] = (r.decision, r.decision_id)
    return decided


def with_carried(finding: Finding, decided: Decided) -> Finding:
    """The finding with the decision made on an earlier finding that asserted the same thing, or else
    with the latest decision made on an earlier one about the same item that asserted something else (a
    case-level finding's earlier one is named by ``store.case_subjects``). One with no state of its own or
    carried that an earlier finding asserting the same thing was noted on shows that finding's history
    (``decided_on``), its state still unreviewed: a note carries as a note."""
    if finding.decision is not None:
        return finding
    claim = claim_of(
        finding.analyser,
        finding.category,
        finding.item_id,
        finding.spans,
        finding.explanation,
        finding.score,
    )
    if claim in decided.by_claim:
        decision, on = decided.by_claim[claim]
        return replace(finding, decision=decision, decided_on=on, noted=finding.noted or on in decided.noted)
    if claim in decided.noted_claims and not finding.noted:
        finding = replace(finding, decided_on=decided.noted_claims[claim], noted=True)
    other = (
        decided.by_subject.get((finding.analyser, finding.category, finding.item_id))
        if finding.item_id is not None
        else None
    )
    if not other:
        return finding
    _, decision, on = other[-1]  # every claim decided on it differs from this one's
    return replace(finding, earlier_decision=(on, decision))
