"""SQL for court orders (the ``court_order`` table): insert and read, nothing else."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select

from footprint.store import schema as t
from footprint.store.case_store import StoreTx


@dataclass(frozen=True)
class CourtOrder:
    """A court order as stored, with the people's names resolved."""

    id: int
    type: str
    made_utc: str
    expires_utc: str | None
    protects: str
    against: str
    conditions: tuple[str, ...]
    source: str


def insert_order(
    tx: StoreTx,
    *,
    type: str,
    made_utc: str,
    expires_utc: str | None,
    protects_person_id: int,
    against_person_id: int,
    conditions: list[str],
    source: str,
) -> int:
    """Insert one order and return its id."""
    return tx.inserted_id(
        insert(t.court_order).values(
            type=type,
            made_utc=made_utc,
            expires_utc=expires_utc,
            protects_person_id=protects_person_id,
            against_person_id=against_person_id,
            conditions=json.dumps(conditions, ensure_ascii=False),
            source=source,
        )
    )


def list_orders(engine: Engine) -> list[CourtOrder]:
    """Every order, oldest first."""
    protects = t.person.alias("protects")
    against = t.person.alias("against")
    query = (
        select(t.court_order, protects.c.name.label("protects_name"), against.c.name.label("against_name"))
        .join(protects, protects.c.id == t.court_order.c.protects_person_id)
        .join(against, against.c.id == t.court_order.c.against_person_id)
        .order_by(t.court_order.c.made_utc, t.court_order.c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        CourtOrder(
            id=r.id,
            type=r.type,
            made_utc=r.made_utc,
            expires_utc=r.expires_utc,
            protects=r.protects_name,
            against=r.against_name,
            conditions=tuple(str(c) for c in json.loads(r.conditions or "[]")),
            source=r.source,
        )
        for r in rows
    ]
