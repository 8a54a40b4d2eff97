"""SQL for the items the phone never sent (``model.NOT_SENT`` in their details): which, and why."""

from __future__ import annotations

import json

from sqlalchemy import ColumnElement, Connection, Engine, select

from footprint.model import NOT_SENT
from footprint.store import schema as t


def never_sent(engine: Engine) -> dict[int, str]:
    """Each item never sent (a draft, a failed send...), by id, with its reason (``Item.not_sent``)."""
    with engine.connect() as conn:
        return never_sent_where(conn)


def never_sent_where(conn: Connection, *where: ColumnElement[bool]) -> dict[int, str]:
    """:func:`never_sent` among the items ``where`` picks, read on ``conn`` (an add's own transaction)."""
    # LIKE only narrows the rows; the parsed details decide
    query = select(t.item.c.id, t.item.c.details).where(t.item.c.details.like(f'%"{NOT_SENT}"%'), *where)
    found = {r.id: json.loads(r.details).get(NOT_SENT) for r in conn.execute(query).all()}
    return {item_id: str(reason) for item_id, reason in found.items() if reason}
