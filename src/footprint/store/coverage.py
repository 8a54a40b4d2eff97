"""SQL for what each analyser's latest successful run read: the exhibits it did not (``CaseStore.not_read``).

An exhibit is whole in the case from its `add`'s commit, and the audit log's order is the order of those
commits (every writer holds the log's lock until it commits). A run reads the case in one read transaction
and records, in its ``analyse`` entry, the last entry that transaction sees, read first inside it
(``read_after``; the earlier one of a run whose read of the items it shared, ``analyse.base.shared_read``):
an exhibit whose ``add`` entry comes no later was in everything it read, one committed later in nothing
(30 November; before, ``read_after`` was taken before the run's reads began, and an exhibit committed in
between, read, was said not read). A later exhibit still counts as read when the run made a finding on
one of its items, for runs recorded before then. A run without ``read_after`` (recorded before it was) is
judged from its analysis's ``analyse begin``; one recorded outside an analysis (before schema 0013) from
its own ``analyse`` entry, and one without that entry by its start and the exhibits' receipt.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from footprint.store import schema as t
from footprint.store.queries import PERSON_RUNS
from footprint.times import utc_order_key


def not_read(conn: Connection, visible: Callable[[Any, Any], Any]) -> dict[str, tuple[str, ...]]:
    """For each analyser whose latest successful run did not read every exhibit ``visible`` keeps (a
    query narrowed to what the role may see), the references of those it did not read, in exhibit order.
    A run a person made by recording a finding or a fact (``PERSON_RUNS``) read no exhibit and is left out:
    an exhibit added after it was not missed by it, and no `analyse` would run it again."""
    run = t.analysis_run.c
    latest = (
        select(func.max(run.id))
        .where(run.status == "ok", run.analyser.not_in(PERSON_RUNS))
        .group_by(run.analyser)
    )
    runs = conn.execute(
        select(run.id, run.analyser, run.started_utc, run.analysis_id).where(run.id.in_(latest))
    ).all()
    if not runs:
        return {}
    exhibits = conn.execute(
        visible(select(t.exhibit.c.id, t.exhibit.c.ref, t.exhibit.c.received_utc), t.exhibit.c.id).order_by(
            t.exhibit.c.id
        )
    ).all()
    seen = _audit_read(conn)
    added, began, ended = seen.added, seen.began, seen.ended
    out: dict[str, tuple[str, ...]] = {}
    for r in sorted(runs, key=lambda r: r.analyser):
        start = seen.read_after.get(r.id) or (
            began.get(r.analysis_id) if r.analysis_id is not None else ended.get(r.id)
        )
        later = [
            e
            for e in exhibits
            if (
                added[e.ref] > start
                if start is not None and e.ref in added
                else utc_order_key(e.received_utc) > utc_order_key(r.started_utc)
            )
        ]
        if later:
            found = select(t.item.c.exhibit_id).join(t.finding, t.finding.c.item_id == t.item.c.id)
            read = set(
                conn.execute(
                    found.where(
                        t.finding.c.run_id == r.id, t.item.c.exhibit_id.in_([e.id for e in later])
                    ).distinct()
                ).scalars()
            )
            if unread := tuple(e.ref for e in later if e.id not in read):
                out[r.analyser] = unread
    return out


@dataclass
class _Seen:
    """What the audit log says of adds and analyses, up to entry ``upto``: by exhibit reference its
    ``add``; by analysis its ``analyse begin``; by run its own ``analyse`` entry and its ``read_after``."""

    upto: int = 0
    added: dict[str, int] = field(default_factory=dict)
    began: dict[int, int] = field(default_factory=dict)
    ended: dict[int, int] = field(default_factory=dict)
    read_after: dict[int, int] = field(default_factory=dict)


#: by database (its URL and first entry): the log only grows, and an entry is committed only after every
#: entry before it, so each read scans the entries after the last one read, not the whole log (the review
#: app asks on every page, and every page view is an entry)
_SEEN: dict[tuple[str, str], _Seen] = {}
_SEEN_LOCK = threading.Lock()


def _audit_read(conn: Connection) -> _Seen:
    audit = t.audit.c
    first = conn.execute(select(audit.hash).where(audit.seq == 1)).scalar()
    top = conn.execute(select(func.max(audit.seq))).scalar() or 0
    key = (conn.engine.url.render_as_string(hide_password=True), str(first))
    with _SEEN_LOCK:
        seen = _SEEN.setdefault(key, _Seen())
        if seen.upto == top:
            return seen
        if seen.upto > top:  # an older database put back (or an older snapshot): read it afresh
            seen = _SEEN[key] = _Seen()
        for entry in conn.execute(
            select(audit.seq, audit.action, audit.object, audit.details).where(
                audit.seq > seen.upto, audit.seq <= top, audit.action.in_(("add", "analyse begin", "analyse"))
            )
        ):
            if entry.action == "add":
                seen.added.setdefault(entry.object, entry.seq)
                continue
            details = json.loads(entry.details)
            if entry.action == "analyse begin" and isinstance(details.get("analysis"), int):
                seen.began[details["analysis"]] = entry.seq
            elif entry.action == "analyse" and isinstance(details.get("run"), int):
                seen.ended[details["run"]] = entry.seq
                if isinstance(details.get("read_after"), int):
                    seen.read_after[details["run"]] = details["read_after"]
        seen.upto = top
        return seen
