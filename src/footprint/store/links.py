"""SQL for account links: storing a run's links, reading the latest, and link decisions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Select, and_, func, or_, select, update

from footprint.errors import NotFoundError
from footprint.model import AuditEntry
from footprint.store import schema as t
from footprint.store import scope
from footprint.store.decisions import wait_for_runs
from footprint.store.ordering import bytewise
from footprint.store.queries import CaseQueries, latest_run_ids

LINK_ANALYSER = "link"
LINKAGE_BASIS = "linkage hypothesis accepted by "


@dataclass(frozen=True)
class LinkRow:
    """A link as the analyser hands it over (accounts by key)."""

    a: str
    b: str
    score: float
    log10_lr: float
    evidence: dict[str, Any]


@dataclass(frozen=True)
class StoredLink:
    """A stored link of the latest linkage run, with its decision status."""

    id: int
    run_id: int
    a: str
    b: str
    score: float
    log10_lr: float
    evidence: dict[str, Any]
    status: str


def _decided(conn: Connection) -> dict[tuple[int, int], str]:
    """The latest accepted/rejected status of every account pair ever decided."""
    rows = conn.execute(
        select(t.link.c.account_a_id, t.link.c.account_b_id, t.link.c.status)
        .where(t.link.c.status != "proposed")
        .order_by(t.link.c.id)
    ).all()
    out: dict[tuple[int, int], str] = {}
    for r in rows:
        out[(min(r[0], r[1]), max(r[0], r[1]))] = r[2]
    return out


def add_links(conn: Connection, run_id: int, links: list[LinkRow]) -> int:
    """Store a run's links; a pair already accepted or rejected keeps that decision."""
    ids = {r.key: r.id for r in conn.execute(select(t.account.c.key, t.account.c.id))}
    decided = _decided(conn)
    rows = []
    for link in links:
        a, b = ids.get(link.a), ids.get(link.b)
        if a is None or b is None:
            continue
        rows.append(
            {
                "run_id": run_id,
                "account_a_id": a,
                "account_b_id": b,
                "score": float(link.score),
                "log10_lr": float(link.log10_lr),
                "evidence": json.dumps(link.evidence, sort_keys=True, ensure_ascii=False),
                "status": decided.get((min(a, b), max(a, b)), "proposed"),
            }
        )
    if rows:
        conn.execute(t.link.insert(), rows)
    return len(rows)


def latest_links(engine: Engine) -> list[StoredLink]:
    """The links of the latest successful linkage run, strongest first."""
    a, b = t.account.alias("a"), t.account.alias("b")
    latest = (
        select(func.max(t.analysis_run.c.id))
        .where(and_(t.analysis_run.c.analyser == LINK_ANALYSER, t.analysis_run.c.status == "ok"))
        .scalar_subquery()
    )
    query = (
        select(t.link, a.c.key.label("a_key"), b.c.key.label("b_key"))
        .join(a, a.c.id == t.link.c.account_a_id)
        .join(b, b.c.id == t.link.c.account_b_id)
        .where(t.link.c.run_id == latest)
        .order_by(t.link.c.log10_lr.desc(), bytewise(a.c.key), bytewise(b.c.key))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        StoredLink(
            id=r.id,
            run_id=r.run_id,
            a=r.a_key,
            b=r.b_key,
            score=r.score,
            log10_lr=r.log10_lr,
            evidence=json.loads(r.evidence),
            status=r.status,
        )
        for r in rows
    ]


def visible_links(store: CaseQueries) -> list[StoredLink]:
    """The links of the latest linkage run that the store's role may see (both accounts and every item
    behind the link: ``store.scope``), strongest first."""
    every = latest_links(store.unscoped_engine)
    if not store.supplied_only:
        return every
    with store.unscoped_engine.connect() as conn:
        hidden = store.withheld_account_keys(conn)
        seen = scope.visible_items(conn, (i for x in every for i in scope.rests_on(x.evidence)))
    return [x for x in every if not {x.a, x.b} & hidden and set(scope.rests_on(x.evidence)) <= seen]


def set_status(conn: Connection, link_id: int, status: str) -> str:
    """Mark a link accepted or rejected; return its status as it was, read under the write lock.

    Read here rather than by the caller beforehand: another user may have decided on it meanwhile, or
    the analysers may have run again and replaced it (a decision on it would then never be shown).
    """
    wait_for_runs(conn)
    row = conn.execute(
        select(t.link.c.status)
        .where(t.link.c.id == link_id, t.link.c.run_id.in_(latest_run_ids()))
        .with_for_update()
    ).first()
    if row is None:
        raise replaced_link(link_id)
    conn.execute(update(t.link).where(t.link.c.id == link_id).values(status=status))
    return str(row.status)


def replaced_link(link_id: int) -> NotFoundError:
    """The refusal of a decision on a link that a later linkage run has replaced."""
    return NotFoundError(
        f"link {link_id} was replaced when the analysers ran again; open the list of links and decide on"
        " the link that replaced it"
    )


def withdraw_linkage_attributions(conn: Connection, account_ids: list[int]) -> list[int]:
    """Mark attributions that rest on an accepted linkage hypothesis as rejected; return their ids."""
    query = select(t.attribution.c.id).where(
        and_(
            t.attribution.c.account_id.in_(account_ids),
            t.attribution.c.status == "accepted",
            or_(t.attribution.c.basis.like(LINKAGE_BASIS + "%")),
        )
    )
    ids = [int(r[0]) for r in conn.execute(query)]
    if ids:
        conn.execute(update(t.attribution).where(t.attribution.c.id.in_(ids)).values(status="rejected"))
    return ids


def _decisions_of(a: str, b: str) -> Select[Any]:
    """The audit entries that accepted or rejected the pair ``a`` ~ ``b`` (either order), oldest first."""
    return (
        select(t.audit)
        .where(
            and_(
                t.audit.c.action.in_(("link accept", "link reject")),
                t.audit.c.object.in_((f"{a} ~ {b}", f"{b} ~ {a}")),
            )
        )
        .order_by(t.audit.c.seq)
    )


def link_decisions(engine: Engine, a: str, b: str) -> list[AuditEntry]:
    """Every accept and reject of the pair ``a`` ~ ``b`` (either order) in the audit log, oldest first."""
    with engine.connect() as conn:
        return [AuditEntry(**r._mapping) for r in conn.execute(_decisions_of(a, b))]


def latest_link_decision(conn: Connection, a: str, b: str) -> AuditEntry | None:
    """The latest accept or reject of the pair ``a`` ~ ``b`` (either order), read on ``conn`` (in a
    decision's transaction, after ``wait_for_runs``: what it reads then stands until the commit)."""
    query = _decisions_of(a, b).order_by(None).order_by(t.audit.c.seq.desc()).limit(1)
    row = conn.execute(query).first()
    return None if row is None else AuditEntry(**row._mapping)
