"""The review app's paged reads: one page of the findings or of an exhibit's items, and what it counts,
in SQL, so a page of a case with hundreds of thousands of findings costs about what a small case's does.

Every role's findings are filtered, counted and paged in the database: a supplied-only role's narrowed
there to what it may see (``store.finding_scope``). A page of findings in time order is read from indexes
(``ix_item_time``, ``ix_finding_item_category``, migration 0014) from its first finding on, not by sorting
every finding that matches: the findings on no item (which come first) are read apart, as an index on
items cannot give them. A later page is read from a finding on (``Seek``: the last of the page before,
or the first of the page after, read backwards), by its place in that order, so it costs what the first
page does; a page number alone (an old address) still skips the findings before it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Select, and_, func, or_, select, tuple_, union
from sqlalchemy.sql.elements import ColumnElement

from footprint.model import Finding, Item
from footprint.store import finding_state
from footprint.store import schema as t
from footprint.store.carried import carried_decisions, claim_of
from footprint.store.ordering import utc_order
from footprint.store.queries import CaseQueries, latest_findings, latest_run_ids


@dataclass(frozen=True)
class Seek:
    """Where a page of findings starts: after finding ``finding_id`` in the list's order, or (``backwards``)
    ending just before it, or, backwards with no finding, ending with the last."""

    finding_id: int | None
    backwards: bool = False


@dataclass(frozen=True)
class FindingSlice:
    """One page of the findings that match a list's filters, and how many match in all."""

    findings: list[Finding]
    matched: int


def copied_items() -> Select[tuple[int]]:
    """Every item that is a copy of another or has copies (``item_copy``): where counting each message
    once (``review.counting.count_once``) folds findings together."""
    return select(union(select(t.item_copy.c.item_id), select(t.item_copy.c.of_item_id)).subquery().c[0])


class PagedQueries(CaseQueries):
    """The paged reads, as a user acting in ``role`` may see them."""

    def finding_slice(
        self,
        category: str | None,
        status: str,
        offset: int = 0,
        limit: int | None = None,
        seek: Seek | None = None,
    ) -> FindingSlice:
        """The findings of the latest runs in category ``category`` (every one when None) whose review
        status (``all``, ``unreviewed`` or a state, carried from an earlier run as ``findings`` carries it;
        ``noted``: those with a note, which sets no state) is ``status``: ``limit`` of them (every one
        when None) after the first ``offset``, in the
        findings' order, or from where ``seek`` says (``offset`` then unused): none when the finding
        ``seek`` names is not one this role may see (one of an earlier run is: a page read before a new
        analysis still leads on from its place)."""
        wanted: list[ColumnElement[bool]] = []
        if category is not None:
            wanted.append(t.finding.c.category == category)
        with self._engine.connect() as conn:
            runs = _latest_runs(conn)
            if status != "all":
                carried = _carried(conn, runs)
                own = t.decision.c.decision
                if status == "unreviewed":
                    wanted += [own.is_(None), t.finding.c.id.not_in(sorted(carried))]
                elif status == finding_state.NOTE:  # a note sets no state: those with one, whatever it is
                    wanted.append(finding_state.noted(t.finding.c.id))
                else:
                    chosen = sorted(i for i, d in carried.items() if d == status)
                    wanted.append(or_(own == status, t.finding.c.id.in_(chosen)))
            query = self._scoped(conn, latest_findings(t.finding.c.id, runs=runs).where(*wanted))
            counted = select(func.count()).select_from(query.order_by(None).subquery())
            matched = int(conn.execute(counted).scalar_one())
            on_items = latest_findings(t.finding.c.id, runs=runs, on_items=True).where(*wanted)
            on_none, on_items = query.where(t.finding.c.item_id.is_(None)), self._scoped(conn, on_items)
            if seek is None:
                page = _page(conn, on_none, on_items, offset, limit)
            else:
                key = self._key(conn, seek.finding_id) if seek.finding_id is not None else None
                seen = seek.finding_id is None or key is not None
                page = _seek_page(conn, on_none, on_items, key, seek.backwards, limit) if seen else []
        return FindingSlice(self.findings(ids=page) if page else [], matched)

    def _key(self, conn: Connection, finding_id: int) -> _Key | None:
        """Finding ``finding_id``'s place in the findings' order (its item's time key, its item, category
        and id), if this role may see it."""
        query = (
            select(utc_order(t.item.c.sent_at_utc), t.finding.c.item_id, t.finding.c.category, t.finding.c.id)
            .select_from(t.finding)
            .outerjoin(t.item, t.item.c.id == t.finding.c.item_id)
            .where(t.finding.c.id == finding_id)
        )
        row = conn.execute(self._scoped(conn, query)).first()
        return None if row is None else _Key(row[0], row[1], str(row[2]), int(row[3]))

    def finding_categories(self) -> tuple[Counter[str], list[Finding]]:
        """How many findings of the latest runs (as this role sees them) each category has, leaving out
        those on items that are copies or have copies; and those left out, to be counted with each message
        once (``review.counting.count_once``)."""
        with self._engine.connect() as conn:
            query = (  # the findings alone (no join): what they are on and who decided is not counted here
                select(t.finding.c.category, func.count())
                .where(
                    t.finding.c.run_id.in_(_latest_runs(conn)),
                    or_(t.finding.c.item_id.is_(None), t.finding.c.item_id.not_in(copied_items())),
                )
                .group_by(t.finding.c.category)
            )
            counts = Counter({str(r[0]): int(r[1]) for r in conn.execute(self._scoped(conn, query))})
        return counts, self.findings(items=copied_items())

    def finding_counts(self, item_ids: Sequence[int]) -> dict[int, int]:
        """How many findings of the latest runs (and recorded) are on each of these items that has any."""
        if not item_ids:
            return {}
        query = (
            latest_findings(t.finding.c.item_id, func.count())
            .where(t.finding.c.item_id.in_(list(item_ids)))
            .group_by(t.finding.c.item_id)
            .order_by(None)
        )
        with self._engine.connect() as conn:
            return {int(r[0]): int(r[1]) for r in conn.execute(self._scoped(conn, query))}

    def item_window(self, exhibit_ref: str, start: int, limit: int) -> list[Item]:
        """Up to ``limit`` items of ``exhibit_ref`` in file order from position ``start`` (from 0): the
        first one's id is found among the exhibit's ids alone, then the page is read from it on (a seek,
        so no earlier item is assembled)."""
        exhibit = select(t.exhibit.c.id).where(t.exhibit.c.ref == exhibit_ref).scalar_subquery()
        first = (
            select(t.item.c.id)
            .where(t.item.c.exhibit_id == exhibit)
            .order_by(t.item.c.id)
            .offset(start)
            .limit(1)
            .scalar_subquery()
        )
        query = (
            self._item_rows()
            .where(t.item.c.exhibit_id == exhibit, t.item.c.id >= first)
            .order_by(t.item.c.id)  # ids are assigned in file order per exhibit
            .limit(limit)
        )
        with self._engine.connect() as conn:
            rows = conn.execute(self._visible(query, t.item.c.exhibit_id)).all()
            return list(self._assemble(conn, rows))


def _latest_runs(conn: Connection) -> list[int]:
    """The ids of the latest runs (``latest_run_ids``), to be named in a query rather than given as a
    subquery: PostgreSQL then knows how many findings they hold (it never analyses a table of a few rows,
    and took them for 1.4 % of the findings)."""
    return cast(list[int], list(conn.execute(latest_run_ids()).scalars()))


def _page(
    conn: Connection,
    on_none: Select[Any],
    on_items: Select[Any],
    offset: int,
    limit: int | None,
) -> list[int]:
    """The ids of ``limit`` findings (every one when None) after the first ``offset``, in the findings'
    order: those on no item first (``on_none``: a few), then those on items (``on_items``), read in time
    order from the indexes."""
    first = [int(i) for i in conn.execute(on_none).scalars()]
    page = first[offset:] if limit is None else first[offset : offset + limit]
    if limit is not None and len(page) == limit:
        return page
    rest = on_items.offset(max(0, offset - len(first)))
    return page + [
        int(i) for i in conn.execute(rest if limit is None else rest.limit(limit - len(page))).scalars()
    ]


@dataclass(frozen=True)
class _Key:
    """A finding's place in the findings' order: its item's time key (None for no time or no item), its
    item (None for a finding on the case), category and id."""

    time: str | None
    item_id: int | None
    category: str
    finding_id: int


def _seek_page(
    conn: Connection,
    on_none: Select[Any],
    on_items: Select[Any],
    key: _Key | None,
    backwards: bool,
    limit: int | None,
) -> list[int]:
    """The ids of ``limit`` findings (every one when None) in the findings' order just after ``key`` (or,
    ``backwards``, just before it; before the end when None). The order has three parts, read one after
    another: the findings on no item, on items with no time, on items in time order. The part ``key`` is
    in is read from it by a condition on the order's columns, so the database seeks to it in the indexes
    rather than reading every finding before it."""
    time = utc_order(t.item.c.sent_at_utc)
    on_items = on_items.order_by(None)
    parts = [
        (on_none, (t.finding.c.category, t.finding.c.id)),
        (on_items.where(time.is_(None)), (t.item.c.id, t.finding.c.category, t.finding.c.id)),
        (on_items.where(time.is_not(None)), (time, t.item.c.id, t.finding.c.category, t.finding.c.id)),
    ]
    if key is None:  # from the start, or backwards from the end
        at = len(parts) - 1 if backwards else 0
    else:
        at = 0 if key.item_id is None else 1 if key.time is None else 2
    queries = []
    for n, (part, columns) in enumerate(parts):
        if n == at and key is not None:
            values = (key.category, key.finding_id) if n == 0 else (key.item_id, key.category, key.finding_id)
            part = part.where(_beyond(columns, (key.time, *values) if n == 2 else values, backwards))
        if (n >= at) if not backwards else (n <= at):
            terms = [c.desc() if backwards else c for c in columns]
            if n == 2:  # NULLs first, as ``ix_item_time`` has them on PostgreSQL: read forwards or backwards
                terms[0] = time.desc().nulls_last() if backwards else time.nulls_first()
            queries.append(part.order_by(None).order_by(*terms))
    found: list[int] = []
    for query in queries if not backwards else reversed(queries):
        if limit is not None and len(found) >= limit:
            break
        wanted = query if limit is None else query.limit(limit - len(found))
        found += [int(i) for i in conn.execute(wanted).scalars()]
    return found[::-1] if backwards else found


def _beyond(columns: tuple[Any, ...], values: tuple[Any, ...], backwards: bool) -> ColumnElement[bool]:
    """The rows whose ``columns`` come after ``values`` in the order (before them when ``backwards``),
    written so that the first column's range can be sought in an index."""
    first, rest = columns[0], tuple_(*columns[1:]) if len(columns) > 2 else columns[1]
    value, others = values[0], tuple_(*values[1:]) if len(values) > 2 else values[1]
    if backwards:
        return and_(first <= value, or_(first < value, and_(first == value, rest < others)))
    return and_(first >= value, or_(first > value, and_(first == value, rest > others)))


def _carried(conn: Connection, runs: Sequence[int]) -> dict[int, str]:
    """The findings of the latest runs with no decision of their own that carry one made on an earlier
    finding asserting the same thing (``carried.carried_decisions``), with that decision: read only for
    the findings on items someone decided on, a few among many, and those on no item."""
    decided = carried_decisions(conn)
    if not decided.by_claim:
        return {}
    on_decided = (
        select(t.finding.c.item_id)
        .join(t.decision, t.decision.c.finding_id == t.finding.c.id)
        .where(finding_state.sets_state())
    )
    query = latest_findings(
        t.finding.c.id,
        t.analysis_run.c.analyser,
        t.finding.c.category,
        t.finding.c.item_id,
        t.finding.c.spans,
        t.finding.c.explanation,
        t.finding.c.score,
        runs=runs,
    ).where(  # and those on no item: a few, whose claim may carry (``carried.carried_decisions``)
        t.decision.c.decision.is_(None),
        or_(t.finding.c.item_id.in_(on_decided), t.finding.c.item_id.is_(None)),
    )
    found: dict[int, str] = {}
    for r in conn.execute(query.order_by(None)):
        spans = tuple((int(a), int(b)) for a, b in json.loads(r.spans))
        claim = claim_of(r.analyser, r.category, r.item_id, spans, r.explanation, r.score)
        if claim in decided.by_claim:
            found[r.id] = decided.by_claim[claim][0]
    return found
