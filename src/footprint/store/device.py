"""Reading device observations (items of kind ``device_finding``) without scanning the whole case."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Engine, select

from footprint.store import schema as t

READ_BATCH = 5_000


@dataclass(frozen=True)
class DeviceObservation:
    """One stored observation: its item, exhibit reference, time and structured details."""

    item_id: int
    exhibit: str
    sent_at_utc: str | None
    details: dict[str, str]


def device_observations(engine: Engine, kind: str = "device_finding") -> Iterator[DeviceObservation]:
    """Items of the device kind that carry an ``observation`` detail, in exhibit and file order."""
    query = (
        select(t.item.c.id, t.exhibit.c.ref, t.item.c.sent_at_utc, t.item.c.details)
        .join(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
        .where(t.item.c.kind == kind, t.item.c.details.is_not(None))
        .order_by(t.item.c.exhibit_id, t.item.c.seq)
    )
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=READ_BATCH).execute(query)
        for row in result:
            details = json.loads(row.details)
            if isinstance(details, dict) and details.get("observation"):
                yield DeviceObservation(
                    row.id, row.ref, row.sent_at_utc, {k: str(v) for k, v in details.items()}
                )
