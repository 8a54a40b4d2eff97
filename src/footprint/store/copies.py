"""Items that repeat an item of an earlier exhibit: the same message received twice.

A complainant's own export and a later police download of her phone, a chat added as a ``.txt`` and
again inside its ``.zip`` or folder, a UFED ``report.xml`` and its ``.ufdr``: each exhibit is real
evidence and stays as received, but one message must be counted once. When an exhibit is added, each of
its items that repeats an item already in the case is recorded here (``item_copy``, append-only) against
the first item; analysers count the first and name the copies.

The rule (``docs/store.md``, "Copies of one message in two exhibits"): two items in different exhibits
are one message when they have

- the same kind (message, SMS, e-mail...) and neither is a system line;
- the same author, on the same platform: the same account, or two accounts attributed (accepted) to the
  same person when the later exhibit is added;
- the same recipients, compared the same way (each account, or the person it is attributed to), where
  both exhibits name them (a chat export does not: its recipients are inferred from who speaks in it,
  which differs between two exports of one chat covering different periods);
- the same text, whitespace aside (runs of spaces and line ends read as one space, ends trimmed);
- the same UTC time to the second (``same_time``), or, when either exhibit gives times in whole minutes
  only (every timed item in it falls on a whole minute, as an Android chat export does), the same UTC
  minute (``same_minute``).

Each item of the earlier exhibits is matched by at most one item of the new exhibit, exact times first,
then in time order, so two identical messages ("ok" sent twice) stay two. Items of one exhibit are never
copies of each other, and an item without an author or a time is never matched.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import ColumnElement, Connection, Engine, Select, func, select, true

from footprint.store import schema as t
from footprint.times import now_utc

SAME_TIME = "same_time"
SAME_MINUTE = "same_minute"
_MINUTE = 16  # "2024-03-14T09:05" of "2024-03-14T09:05:00Z"

# (identity of the author, kind, digest of the text)
_Key = tuple[str, str, bytes]


@dataclass(frozen=True)
class Copy:
    """One item recorded as a repeat of an item of an earlier exhibit."""

    item_id: int
    of_item_id: int
    rule: str
    of_exhibit_id: int


@dataclass(frozen=True)
class CopyRef:
    """Where a copy is: its item id, exhibit reference and locator."""

    item_id: int
    exhibit: str
    locator: str

    @property
    def ref(self) -> str:
        return f"{self.exhibit} {self.locator}"


class _Row(NamedTuple):
    id: int
    exhibit_id: int
    at: str
    to: frozenset[str]  # the recipients the exhibit names (none for a chat export: inferred from speakers)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _identities(conn: Connection) -> dict[int, str]:
    """Each account as the matching rule sees it: the person it is attributed to (on its platform)."""
    platforms = {r.id: r.platform for r in conn.execute(select(t.account.c.id, t.account.c.platform))}
    out = {account_id: f"account:{account_id}" for account_id in platforms}
    for r in conn.execute(
        select(t.attribution.c.account_id, t.attribution.c.person_id)
        .where(t.attribution.c.status == "accepted")
        .order_by(t.attribution.c.id)
    ):
        out[r.account_id] = f"person:{r.person_id}:{platforms[r.account_id]}"
    return out


def _matchable(where: Sequence[ColumnElement[bool]]) -> tuple[ColumnElement[bool], ...]:
    item = t.item.c
    return (
        item.system.is_(False),
        item.author_account_id.is_not(None),
        item.sent_at_utc.is_not(None),
        *where,
    )


def _by_key(
    conn: Connection, where: Sequence[ColumnElement[bool]], identity: dict[int, str]
) -> dict[_Key, list[_Row]]:
    """The matchable items that ``where`` picks out, by everything the rule compares except the time."""
    item, recipient = t.item.c, t.recipient.c
    named: dict[int, set[str]] = defaultdict(set)
    for item_id, account_id in conn.execute(
        select(recipient.item_id, recipient.account_id)
        .select_from(t.recipient.join(t.item, item.id == recipient.item_id))
        .where(*_matchable(where))
    ).all():
        named[item_id].add(identity[account_id])
    out: dict[_Key, list[_Row]] = defaultdict(list)
    nobody: frozenset[str] = frozenset()
    for item_id, exhibit_id, kind, author, at, text in conn.execute(
        select(item.id, item.exhibit_id, item.kind, item.author_account_id, item.sent_at_utc, item.text)
        .where(*_matchable(where))
        .order_by(item.sent_at_utc, item.id)
    ).all():
        recipients = frozenset(named[item_id]) if item_id in named else nobody
        out[(identity[author], kind, _digest(text))].append(_Row(item_id, exhibit_id, at, recipients))
    return out


def _span(conn: Connection, exhibit_id: int) -> tuple[str, str] | None:
    """The first and last matchable time of the exhibit's items, when an earlier exhibit has items then
    (else None: nothing to compare, and nothing is read)."""
    item = t.item.c
    lo, hi = conn.execute(
        select(func.min(item.sent_at_utc), func.max(item.sent_at_utc)).where(
            *_matchable((item.exhibit_id == exhibit_id,))
        )
    ).one()
    if lo is None:
        return None
    lo, hi = lo[:_MINUTE], hi[:_MINUTE] + "~"  # "~" sorts after any seconds
    earlier = conn.execute(
        select(item.id)
        .where(*_matchable((item.sent_at_utc >= lo, item.sent_at_utc < hi, item.exhibit_id < exhibit_id)))
        .limit(1)
    ).first()
    return (lo, hi) if earlier is not None else None


def _whole_minutes(conn: Connection, exhibit_id: int) -> bool:
    """Whether every timed item of the exhibit falls on a whole minute (times given to the minute)."""
    item = t.item.c
    return (
        conn.execute(
            select(item.id)
            .where(
                item.exhibit_id == exhibit_id, item.sent_at_utc.is_not(None), ~item.sent_at_utc.like("%:00Z")
            )
            .limit(1)
        ).first()
        is None
    )


def find_copies(conn: Connection, exhibit_id: int) -> list[Copy]:
    """The items of ``exhibit_id`` not yet recorded as copies that repeat an item of an exhibit added
    before it, each against the first item."""
    span = _span(conn, exhibit_id)
    if span is None:
        return []
    lo, hi = span
    identity = _identities(conn)
    item, copy = t.item.c, t.item_copy.c
    first = {r.item_id: r.of_item_id for r in conn.execute(select(copy.item_id, copy.of_item_id))}
    new = {
        key: fresh
        for key, rows in _by_key(conn, (item.exhibit_id == exhibit_id,), identity).items()
        if (fresh := [r for r in rows if r.id not in first])
    }
    old = _by_key(
        conn, (item.exhibit_id < exhibit_id, item.sent_at_utc >= lo, item.sent_at_utc < hi), identity
    )
    shared = [key for key in new if key in old]
    if not shared:
        return []
    # first items this exhibit already repeats (recorded before an attribution made more authors one)
    taken = set(
        conn.execute(
            select(copy.of_item_id)
            .select_from(t.item_copy.join(t.item, item.id == copy.item_id))
            .where(item.exhibit_id == exhibit_id)
        ).scalars()
    )
    minutes: dict[int, bool] = {}

    def whole(exhibit: int) -> bool:
        if exhibit not in minutes:
            minutes[exhibit] = _whole_minutes(conn, exhibit)
        return minutes[exhibit]

    exhibit_of = {r.id: r.exhibit_id for key in shared for r in old[key]}
    out: list[Copy] = []
    for key in shared:
        families: dict[int, list[_Row]] = defaultdict(list)  # first item -> it and its copies
        for r in old[key]:
            families[first.get(r.id, r.id)].append(r)
        if len(families) == 1 and len(new[key]) == 1:  # the usual case: one message, one earlier copy
            [(root, members)] = families.items()
            n = new[key][0]
            rule = next(
                (r for r in (SAME_TIME, SAME_MINUTE) if any(_same(n, m, r, whole) for m in members)), ""
            )
            if rule and root not in taken:
                taken.add(root)
                out.append(Copy(n.id, root, rule, _exhibit(conn, root, exhibit_of)))
            continue
        pending = new[key]
        for rule in (SAME_TIME, SAME_MINUTE):
            left = []
            for n in pending:
                match = next(
                    (
                        root
                        for root in sorted(families)
                        if root not in taken and any(_same(n, m, rule, whole) for m in families[root])
                    ),
                    None,
                )
                if match is None:
                    left.append(n)
                    continue
                taken.add(match)
                out.append(Copy(n.id, match, rule, _exhibit(conn, match, exhibit_of)))
            pending = left
    return sorted(out, key=lambda c: c.item_id)


def _exhibit(conn: Connection, item_id: int, known: dict[int, int]) -> int:
    """The exhibit of an item (read when the first item itself fell outside the times compared)."""
    if item_id not in known:
        known[item_id] = conn.execute(select(t.item.c.exhibit_id).where(t.item.c.id == item_id)).scalar_one()
    return known[item_id]


def _same(n: _Row, m: _Row, rule: str, whole: Callable[[int], bool]) -> bool:
    if n.to and m.to and n.to != m.to:
        return False
    if rule == SAME_TIME:
        return n.at == m.at
    return n.at[:_MINUTE] == m.at[:_MINUTE] and bool(whole(n.exhibit_id) or whole(m.exhibit_id))


def record_copies(conn: Connection, exhibit_id: int) -> dict[str, int]:
    """Find the new exhibit's copies and record them (append-only); how many repeat each earlier
    exhibit's items, by its reference."""
    found = find_copies(conn, exhibit_id)
    if not found:
        return {}
    at = now_utc()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    # the driver's own executemany: a hundred thousand copies in a second, not five
    conn.connection.cursor().executemany(
        f"INSERT INTO item_copy (item_id, of_item_id, rule, recorded_utc) VALUES ({', '.join([mark] * 4)})",
        [(c.item_id, c.of_item_id, c.rule, at) for c in found],
    )
    ref_of = {r.id: r.ref for r in conn.execute(select(t.exhibit.c.id, t.exhibit.c.ref))}
    return dict(sorted(Counter(ref_of[c.of_exhibit_id] for c in found).items()))


def record_all_copies(conn: Connection) -> dict[str, dict[str, int]]:
    """Look again, exhibit by exhibit in the order they were added, for copies not yet recorded (after
    an attribution makes two accounts one author); by exhibit, how many repeat each earlier one's items."""
    out = {}
    for exhibit_id, ref in conn.execute(
        select(t.exhibit.c.id, t.exhibit.c.ref).order_by(t.exhibit.c.id)
    ).all():
        found = record_copies(conn, exhibit_id)
        if found:
            out[ref] = found
    return out


def _families(
    conn: Connection, exhibits: Select[tuple[int]] | None
) -> tuple[dict[int, int], dict[int, CopyRef]]:
    """Each copy's item id with the item counted for its message — the family's member in the earliest
    exhibit (of ``exhibits`` only, when given) — and where every member is.

    A copy's row names the item it repeated when it was found, which may itself become a copy later (an
    attribution makes an earlier exhibit repeat a still earlier one), so rows are followed to the whole
    family: every item linked by any row, directly or not.
    """
    c, item, exhibit = t.item_copy.c, t.item.c, t.exhibit.c
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    for copy_id, of_id in conn.execute(select(c.item_id, c.of_item_id)).all():
        a, b = root(copy_id), root(of_id)
        if a != b:
            parent[max(a, b)] = min(a, b)
    place: dict[int, tuple[int, int]] = {}
    where: dict[int, CopyRef] = {}
    for side in (c.item_id, c.of_item_id):
        rows = conn.execute(
            select(item.id, item.exhibit_id, exhibit.ref, item.locator)
            .select_from(
                t.item_copy.join(t.item, item.id == side).join(t.exhibit, exhibit.id == item.exhibit_id)
            )
            .where(true() if exhibits is None else item.exhibit_id.in_(exhibits))
        )
        for r in rows:
            place[r.id] = (r.exhibit_id, r.id)
            where[r.id] = CopyRef(r.id, r.ref, r.locator)
    families: dict[int, list[int]] = defaultdict(list)
    for member in sorted(place):
        families[root(member)].append(member)
    firsts: dict[int, int] = {}
    for family in families.values():
        first = min(family, key=place.__getitem__)
        firsts.update((member, first) for member in family if member != first)
    return firsts, where


def copy_refs(engine: Engine, exhibits: Select[tuple[int]] | None = None) -> dict[int, tuple[CopyRef, ...]]:
    """Each first item's copies (in the order they were added), by the first item's id; with ``exhibits``,
    only the items in them (the earliest of a message's items there counts as its first)."""
    with engine.connect() as conn:
        firsts, where = _families(conn, exhibits)
    out: dict[int, list[CopyRef]] = defaultdict(list)
    for copy, first in sorted(firsts.items()):
        out[first].append(where[copy])
    return {k: tuple(v) for k, v in sorted(out.items())}


def copies_of(engine: Engine, exhibits: Select[tuple[int]] | None = None) -> dict[int, str]:
    """Each copy's item id with the first item it repeats (``JD/1 line 2``); with ``exhibits``, only the
    items in them."""
    with engine.connect() as conn:
        firsts, where = _families(conn, exhibits)
    return {copy: where[first].ref for copy, first in sorted(firsts.items())}
