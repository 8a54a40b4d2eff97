"""The findings of the latest runs as the conduct analysers read them: what each finding marks (its item,
category, analyser and detector rules) and the decision on it, without its explanation, spans or details.

``CaseQueries.findings`` reads each finding whole. The conduct analysers need the details only of the facts
recorded about a pair; reading every finding whole, each of them held the law analyser's one finding, whose
details were 156 MB of JSON on a case of 103,000 items (docs/benchmarks.md, "Analyse memory at case size";
about a tenth of that since ``law`` v16 names each item once)."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from footprint.store import schema as t
from footprint.store.carried import carried_decisions, claim_of
from footprint.store.finding_details import details_where, read_details
from footprint.store.finding_numbers import claims_query
from footprint.store.queries import latest_findings

# findings whose words are read at a time to decide whether an earlier decision carries to them
_BATCH = 500


@dataclass(frozen=True, slots=True)
class FindingMark:
    """A finding of the latest run of its analyser: what it marks, and the latest decision on it or the
    one carried to it from an earlier finding that asserted the same thing (as ``Finding.decision``)."""

    id: int
    item_id: int | None
    category: str
    analyser: str
    decision: str | None
    details: dict[str, object] = field(default_factory=dict)  # only of the categories asked for
    rule_ids: tuple[str, ...] = ()  # the detector rules behind it (an element may count only some)


def finding_marks(engine: Engine, details_of: Collection[str] = ()) -> list[FindingMark]:
    """Every finding of the latest runs, in ``CaseQueries.findings``'s order, with its decision; the
    details only of findings in the categories ``details_of`` (the others' are ``{}``)."""
    query = latest_findings(
        t.finding.c.id,
        t.finding.c.item_id,
        t.finding.c.category,
        t.analysis_run.c.analyser,
        t.decision.c.decision,
        details_where(t.finding.c.category.in_(sorted(details_of))),
        t.finding.c.rule_ids,
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        undecided = [
            (id_, (analyser, category, item_id))
            for id_, item_id, category, analyser, decision, _details, _rules in rows
            if decision is None and item_id is not None
        ]
        carried = _carried(conn, undecided)
    # a detector's rules recur on thousands of findings: each stored list is parsed once
    rules: dict[str, tuple[str, ...]] = {"[]": ()}
    marks = []
    for id_, item_id, category, analyser, decision, details, rule_ids in rows:
        found = rules.get(rule_ids)
        if found is None:
            found = rules[rule_ids] = tuple(json.loads(rule_ids))
        marks.append(
            FindingMark(
                id=id_,
                item_id=item_id,
                category=category,
                analyser=analyser,
                decision=decision if decision is not None else carried.get(id_),
                details=read_details(details),
                rule_ids=found,
            )
        )
    return marks


def _carried(conn: Connection, undecided: list[tuple[int, tuple[str, str, int]]]) -> dict[int, str]:
    """The decision carried to each of the ``undecided`` findings on items (id, and analyser, category
    and item) from an earlier finding that asserted the same thing (``carried.carried_decisions``), by
    finding id; only the findings whose item was decided on before are read again, for their words."""
    if not undecided:
        return {}
    decided = carried_decisions(conn)
    ids = [id_ for id_, subject in undecided if subject in decided.by_subject]
    out: dict[int, str] = {}
    for start in range(0, len(ids), _BATCH):
        query = claims_query().where(t.finding.c.id.in_(ids[start : start + _BATCH]))
        for r in conn.execute(query):
            spans = tuple((int(a), int(b)) for a, b in json.loads(r.spans))
            claim = claim_of(r.analyser, r.category, r.item_id, spans, r.explanation, r.score)
            if claim in decided.by_claim:
                out[r.id] = decided.by_claim[claim][0]
    return out
