"""SQL for court orders (the ``court_order``, ``order_service`` and ``order_notice`` tables): insert and
read, nothing else."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select

from footprint.store import schema as t
from footprint.store.case_store import StoreTx
from footprint.store.ordering import utc_order


@dataclass(frozen=True)
class Awareness:
    """When the person an order is against became aware of it (served, or present when it was made), as
    last recorded; ``means`` says how (empty when not given)."""

    aware_utc: str
    aware_raw: str
    time_given: bool
    means: str
    recorded_by: str
    recorded_utc: str


@dataclass(frozen=True)
class Notice:
    """Whether a non-molestation order was made without notice (Family Law Act 1996 s.45(1)), as last
    recorded; ``reason`` says where that comes from (empty when not given)."""

    without: bool
    reason: str
    recorded_by: str
    recorded_utc: str


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
    aware: Awareness | None = None
    notice: Notice | None = None

    @property
    def via(self) -> str:
        """How it was recorded ("command line", "file orders.yaml"), from ``source`` (kept as it is when
        it is not the JSON ``order add`` writes)."""
        try:
            loaded = json.loads(self.source)
        except ValueError:
            return self.source
        return str(loaded.get("via", self.source)) if isinstance(loaded, dict) else self.source


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


def insert_awareness(tx: StoreTx, order_id: int, aware: Awareness) -> int:
    """Append when the person an order is against became aware of it; return the row's id."""
    return tx.inserted_id(
        insert(t.order_service).values(
            order_id=order_id,
            aware_utc=aware.aware_utc,
            aware_raw=aware.aware_raw,
            time_given=aware.time_given,
            means=aware.means,
            recorded_by=aware.recorded_by,
            recorded_utc=aware.recorded_utc,
        )
    )


def insert_notice(tx: StoreTx, order_id: int, notice: Notice) -> int:
    """Append whether an order was made without notice; return the row's id."""
    return tx.inserted_id(
        insert(t.order_notice).values(
            order_id=order_id,
            without_notice=notice.without,
            reason=notice.reason,
            recorded_by=notice.recorded_by,
            recorded_utc=notice.recorded_utc,
        )
    )


def _notices(conn: Connection) -> dict[int, Notice]:
    """The latest recorded notice of each order (later rows correct earlier ones)."""
    rows = conn.execute(select(t.order_notice).order_by(t.order_notice.c.id)).all()
    return {r.order_id: Notice(bool(r.without_notice), r.reason, r.recorded_by, r.recorded_utc) for r in rows}


def _awareness(conn: Connection) -> dict[int, Awareness]:
    """The latest recorded awareness of each order (later rows correct earlier ones)."""
    rows = conn.execute(select(t.order_service).order_by(t.order_service.c.id)).all()
    return {
        r.order_id: Awareness(
            r.aware_utc, r.aware_raw, bool(r.time_given), r.means, r.recorded_by, r.recorded_utc
        )
        for r in rows
    }


def list_orders(engine: Engine) -> list[CourtOrder]:
    """Every order, oldest first, with when he became aware of it and whether it was made without notice,
    as last recorded."""
    protects = t.person.alias("protects")
    against = t.person.alias("against")
    query = (
        select(t.court_order, protects.c.name.label("protects_name"), against.c.name.label("against_name"))
        .join(protects, protects.c.id == t.court_order.c.protects_person_id)
        .join(against, against.c.id == t.court_order.c.against_person_id)
        .order_by(utc_order(t.court_order.c.made_utc), t.court_order.c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        aware = _awareness(conn)
        notices = _notices(conn)
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
            aware=aware.get(r.id),
            notice=notices.get(r.id),
        )
        for r in rows
    ]
