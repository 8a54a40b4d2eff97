"""Each decision on a finding with the role its maker acted in and the command that made it, as the audit
entry that made it records them: the ``decision`` table keeps who, not in which role (a user's role is
per case and may change; with no users it is whatever ``--role`` said), and the audit entry of each
decision names it by ``decision_id``."""

from __future__ import annotations

import json
from collections.abc import Collection, Hashable
from dataclasses import dataclass

from sqlalchemy import Engine, select

from footprint.integrity.rows import DECIDING
from footprint.store import schema as t
from footprint.store.carried import claim_of
from footprint.store.decisions import StoredDecision
from footprint.store.finding_numbers import claims_query


@dataclass(frozen=True)
class RoledDecision:
    """A decision, the role its audit entry names and that entry's action (``review note``, ``record
    finding``, …); both "" when no audit entry names it (made before entries named their decision)."""

    decision: StoredDecision
    role: str
    action: str


def decisions_with_roles(engine: Engine) -> list[RoledDecision]:
    """Every decision on a finding, oldest first, with the role and action of the audit entry that made it."""
    entries = select(t.audit.c.role, t.audit.c.action, t.audit.c.details).where(
        t.audit.c.action.in_(sorted(DECIDING))
    )
    made: dict[int, tuple[str, str]] = {}
    with engine.connect() as conn:
        for role, action, details in conn.execute(entries):
            decision_id = json.loads(details).get("decision_id")
            if isinstance(decision_id, int):
                made[decision_id] = (role, action)
        rows = conn.execute(select(t.decision).order_by(t.decision.c.id)).all()
    return [
        RoledDecision(
            StoredDecision(r.id, r.finding_id, r.user, r.decision, r.reason, r.at_utc),
            *made.get(r.id, ("", "")),
        )
        for r in rows
    ]


def finding_claims(engine: Engine, ids: Collection[int]) -> dict[int, tuple[int | None, str, Hashable]]:
    """The item (None: a case-level finding), the category and what it asserts (``queries.claim_of``) of
    each of these findings (of any run): a finding of a later run asserting the same is the one it stands
    as now."""
    query = claims_query().where(t.finding.c.id.in_(sorted(ids)))
    with engine.connect() as conn:
        return {
            r.id: (
                r.item_id,
                r.category,
                claim_of(
                    r.analyser,
                    r.category,
                    r.item_id,
                    tuple((int(a), int(b)) for a, b in json.loads(r.spans)),
                    r.explanation,
                    r.score,
                ),
            )
            for r in conn.execute(query)
        }
