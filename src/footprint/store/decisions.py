"""SQL for reviewers' decisions on findings (the append-only ``decision`` table)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, insert, select

from footprint.errors import NotFoundError
from footprint.store import schema as t
from footprint.store.case_store import AUDIT_LOCK, StoreTx
from footprint.store.finding_state import sets_state
from footprint.store.queries import RECORDED_ANALYSER, latest_run_ids

RECORDED_VERSION = 1


@dataclass(frozen=True)
class StoredDecision:
    """One decision as recorded."""

    id: int
    finding_id: int
    user: str
    decision: str
    reason: str
    at_utc: str


def finding_summary(engine: Engine, finding_id: int) -> tuple[str, str] | None:
    """The category and analyser of a finding (any run), or None when there is no such finding."""
    query = (
        select(t.finding.c.category, t.analysis_run.c.analyser)
        .join(t.analysis_run, t.analysis_run.c.id == t.finding.c.run_id)
        .where(t.finding.c.id == finding_id)
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return (row.category, row.analyser) if row else None


def wait_for_runs(conn: Connection) -> None:
    """Wait until analyser runs being written are committed, so a check of the latest runs sees them.

    An analyser run commits holding this lock (its audit entry); SQLite's writers are one at a time
    already.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(AUDIT_LOCK)))


def insert_decision(
    tx: StoreTx, *, finding_id: int, user: str, decision: str, reason: str, at_utc: str
) -> int:
    """Append one decision and return its id (decisions are never updated or deleted).

    Only a finding of its analyser's latest run may be decided: one the analysers have replaced since
    the reviewer opened it is no longer listed, so the decision would be kept but never shown.
    """
    wait_for_runs(tx.conn)
    current = tx.conn.execute(
        select(t.finding.c.id).where(t.finding.c.id == finding_id, t.finding.c.run_id.in_(latest_run_ids()))
    ).first()
    if current is None:
        raise NotFoundError(
            f"finding {finding_id} was replaced when the analysers ran again, so a decision on it would"
            " not be shown; open the list of findings and decide on the finding that replaced it"
        )
    return tx.inserted_id(
        insert(t.decision).values(
            finding_id=finding_id, user=user, decision=decision, reason=reason, at_utc=at_utc
        )
    )


def insert_recorded_finding(
    tx: StoreTx,
    *,
    item_id: int,
    category: str,
    spans: tuple[tuple[int, int], ...],
    explanation: str,
    details: dict[str, str],
    at_utc: str,
) -> int:
    """Store a finding a person recorded on an item, as a run of its own; return the finding's id."""
    settings = {"item_id": item_id, "category": category, "spans": spans, **details}
    run_id = tx.add_run(
        analyser=RECORDED_ANALYSER,
        version=RECORDED_VERSION,
        settings_hash=hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest(),
        started_utc=at_utc,
        status="ok",
        error=None,
    )
    return tx.inserted_id(
        insert(t.finding).values(
            run_id=run_id,
            item_id=item_id,
            category=category,
            score=1.0,
            spans=json.dumps([list(s) for s in spans]),
            rule_ids="[]",
            model_id=None,
            explanation=explanation,
            details=json.dumps(details, sort_keys=True, ensure_ascii=False),
        )
    )


def decisions_for(engine: Engine, finding_id: int) -> list[StoredDecision]:
    """Every decision on a finding, oldest first."""
    query = select(t.decision).where(t.decision.c.finding_id == finding_id).order_by(t.decision.c.id)
    with engine.connect() as conn:
        return [
            StoredDecision(r.id, r.finding_id, r.user, r.decision, r.reason, r.at_utc)
            for r in conn.execute(query)
        ]


def latest_item_decisions(engine: Engine, categories: tuple[str, ...]) -> dict[tuple[str, int], str]:
    """The latest confirm or dismiss on each (category, item) over every run, for findings of these
    categories (a note sets no state: ``store.finding_state``).

    Decisions belong to finding rows of one run; reading them across runs keeps a reviewer's
    dismissal of a conduct finding in force when the analyser runs again.
    """
    query = (
        select(t.finding.c.category, t.finding.c.item_id, t.decision.c.id, t.decision.c.decision)
        .join(t.decision, t.decision.c.finding_id == t.finding.c.id)
        .where(t.finding.c.category.in_(categories), t.finding.c.item_id.is_not(None), sets_state())
        .order_by(t.decision.c.id)
    )
    latest: dict[tuple[str, int], str] = {}
    with engine.connect() as conn:
        for r in conn.execute(query):
            latest[(r.category, int(r.item_id))] = r.decision
    return latest
