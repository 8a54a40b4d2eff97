"""Read-only queries the report needs beyond ``CaseQueries``: links, decisions, hashes, incidents' places."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine, select

from footprint.store import schema as t
from footprint.store.queries import latest_run_ids


@dataclass(frozen=True)
class LinkRow:
    """One proposed link between two accounts from the latest successful link run."""

    account_a: str
    account_b: str
    score: float
    log10_lr: float
    evidence: tuple[object, ...]
    status: str
    analyser: str
    analyser_version: int


@dataclass(frozen=True)
class DecisionRow:
    """One reviewer decision on a finding (the whole history, not only the latest)."""

    finding_id: int
    user: str
    decision: str
    reason: str
    at_utc: str


@dataclass(frozen=True)
class DecidedFinding:
    """A finding a reviewer decided on, of whichever run made it: what the MG6C says of it."""

    id: int
    category: str
    score: float
    explanation: str
    analyser: str
    analyser_version: int
    exhibit: str | None
    locator: str | None


class ReportQueries:
    """Reads for the report; never writes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def links(self) -> list[LinkRow]:
        """Links of the latest successful run of each analyser that wrote links, strongest first."""
        latest = latest_run_ids()
        a = t.account.alias("a")
        b = t.account.alias("b")
        query = (
            select(
                a.c.key.label("ka"),
                b.c.key.label("kb"),
                t.link.c.score,
                t.link.c.log10_lr,
                t.link.c.evidence,
                t.link.c.status,
                t.analysis_run.c.analyser,
                t.analysis_run.c.version,
            )
            .join(a, a.c.id == t.link.c.account_a_id)
            .join(b, b.c.id == t.link.c.account_b_id)
            .join(t.analysis_run, t.analysis_run.c.id == t.link.c.run_id)
            .where(t.link.c.run_id.in_(latest))
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        out = []
        for r in rows:
            evidence = json.loads(r.evidence or "[]")
            out.append(
                LinkRow(
                    account_a=r.ka,
                    account_b=r.kb,
                    score=float(r.score),
                    log10_lr=float(r.log10_lr),
                    evidence=tuple(evidence if isinstance(evidence, list) else [evidence]),
                    status=r.status,
                    analyser=r.analyser,
                    analyser_version=int(r.version),
                )
            )
        return sorted(out, key=lambda x: (-x.score, x.account_a, x.account_b))

    def decisions(self) -> list[DecisionRow]:
        """Every reviewer decision, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.decision).order_by(t.decision.c.id)).all()
        return [DecisionRow(r.finding_id, r.user, r.decision, r.reason, r.at_utc) for r in rows]

    def decided_findings(self) -> list[DecidedFinding]:
        """Every finding a reviewer decided on, of any run (a later analysis replaces a run's findings, but
        a decision on one stays relevant material): what it said and where, oldest first."""
        query = (
            select(
                t.finding.c.id,
                t.finding.c.category,
                t.finding.c.score,
                t.finding.c.explanation,
                t.analysis_run.c.analyser,
                t.analysis_run.c.version,
                t.exhibit.c.ref,
                t.item.c.locator,
            )
            .join(t.analysis_run, t.analysis_run.c.id == t.finding.c.run_id)
            .outerjoin(t.item, t.item.c.id == t.finding.c.item_id)
            .outerjoin(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
            .where(t.finding.c.id.in_(select(t.decision.c.finding_id)))
            .order_by(t.finding.c.id)
        )
        with self.engine.connect() as conn:
            return [DecidedFinding(*r) for r in conn.execute(query)]

    def item_hashes(self) -> dict[int, str]:
        """SHA-256 of each item's raw text, by item id."""
        with self.engine.connect() as conn:
            return {r.id: r.sha256 for r in conn.execute(select(t.item.c.id, t.item.c.sha256))}

    def incident_places(self) -> list[str]:
        """Each place an offline incident's row names (its place column), in file order."""
        query = select(t.item.c.details).where(t.item.c.kind == "incident").order_by(t.item.c.id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).scalars().all()
        return [str(d["place"]) for d in (json.loads(r or "{}") for r in rows) if d.get("place")]

    def image_devices(self) -> list[str]:
        """Each device (EXIF make and model) an image item names, once each."""
        query = select(t.item.c.details).where(t.item.c.kind == "image")
        with self.engine.connect() as conn:
            rows = conn.execute(query).scalars().all()
        devices = (str(d["device"]) for d in (json.loads(r or "{}") for r in rows) if d.get("device"))
        return sorted(set(devices))
