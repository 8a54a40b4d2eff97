"""Items that repeat an item of an earlier exhibit: the same message received twice.

A complainant's own export and a later police download of her phone, a chat added as a ``.txt`` and
again inside its ``.zip`` or folder, a UFED ``report.xml`` and its ``.ufdr``: each exhibit is real
evidence and stays as received, but one message must be counted once. When an exhibit is added, each of
its items that repeats an item already in the case is recorded here (``item_copy``, append-only) against
the first item; analysers count the first and name the copies.

The rule (``docs/store.md``, "Copies of one message in two exhibits"): two items in different exhibits
are one message when they have

- the same kind (message, SMS, e-mail...), and both messages or both system lines;
- both sent, or both never sent (a draft, a failed send: ``Item.not_sent``): a send that failed in one
  download of a phone and went in the next is two records, one of them counted as a message he sent;
- the same author, on the same platform: the same account, or two accounts attributed (accepted) to the
  same person when the later exhibit is added (a system line may have none: then neither has);
- for system lines (the encryption notice, "X changed their phone number"), which any chat can hold in
  the same words, also the same conversation: the two exhibits' conversations repeat each other's
  messages (a copy recorded between them, directly or through a third exhibit's);
- the same recipients, compared the same way (each account, or the person it is attributed to), where
  both exhibits name them (a chat export does not: its recipients are inferred from who speaks in it,
  which differs between two exports of one chat covering different periods);
- the same text, whitespace aside (runs of spaces and line ends read as one space, ends trimmed);
- the same UTC time to the precision the coarser of the two exhibits gives: the same instant when both
  give fractions of a second, the same second when one gives whole seconds only (``same_time``), the
  same minute when one gives whole minutes only (``same_minute``; every timed item in it falls on a whole
  minute, as an Android chat export does). Times are compared as instants (``times.utc_order_key``:
  ``.1Z`` and ``.100Z`` are one), never as the text the export wrote.

Each item of the earlier exhibits is matched by at most one item of the new exhibit, the same instant
first, then the same second, then the same minute, each in time order, so two identical messages ("ok"
sent twice) stay two. Items of one exhibit are never copies of each other; an item without a time, or a
message without an author, is never matched. Messages are matched first, so the system lines of a
conversation follow its messages.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from sqlalchemy import ColumnElement, Connection, Engine, Select, String, func, select, true

from footprint.store import schema as t
from footprint.store.not_sent import never_sent_where
from footprint.store.ordering import utc_order
from footprint.times import now_utc

SAME_TIME = "same_time"
SAME_MINUTE = "same_minute"
# how much of a time's order key (``times.utc_order_key``: "2024-03-14T09:05:07.250000") an exhibit's times
# give: the minute, the second, or all of it (fractions of a second)
_MINUTE = 16  # "2024-03-14T09:05"
_SECOND = 19  # "2024-03-14T09:05:07"
_FRACTION = 26
# how times are compared, in turn, and the rule each records: the same instant, then the same second (the
# coarser export gives whole seconds), then the same minute (the coarser export gives whole minutes)
_PASSES = ((_FRACTION, SAME_TIME), (_SECOND, SAME_TIME), (_MINUTE, SAME_MINUTE))

# (identity of the author, kind, never sent, digest of the text)
_Key = tuple[str, str, bool, bytes]
# one exhibit's conversation: (exhibit id, conversation)
_Node = tuple[int, str | None]
_K = TypeVar("_K", bound=Hashable)  # what items are matched by: a _Key, or a conversation and a _Key


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
    at: str  # the time's order key (``times.utc_order_key``), not the text the export wrote
    to: frozenset[str]  # the recipients the exhibit names (none for a chat export: inferred from speakers)
    conversation: str | None

    @property
    def node(self) -> _Node:
        return (self.exhibit_id, self.conversation)


# a copy found, with the new exhibit's item and the earlier item it was compared with (the first item or
# one of its copies): a plain tuple, made once for each of a hundred thousand copies
_Found = tuple[Copy, _Row, _Row]


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


def _matchable(where: Sequence[ColumnElement[bool]], system: bool) -> tuple[ColumnElement[bool], ...]:
    """Messages with an author and a time, or system lines with a time (``system``), picked by ``where``."""
    item = t.item.c
    return (
        item.system.is_(system),
        *(() if system else (item.author_account_id.is_not(None),)),
        item.sent_at_utc.is_not(None),
        *where,
    )


def _by_key(
    conn: Connection, where: Sequence[ColumnElement[bool]], identity: dict[int, str], system: bool
) -> dict[_Key, list[_Row]]:
    """The matchable items that ``where`` picks out, by everything the rule compares except the time
    (and, for system lines, the conversation)."""
    item, recipient = t.item.c, t.recipient.c
    named: dict[int, set[str]] = defaultdict(set)
    for item_id, account_id in conn.execute(
        select(recipient.item_id, recipient.account_id)
        .select_from(t.recipient.join(t.item, item.id == recipient.item_id))
        .where(*_matchable(where, system))
    ).all():
        named[item_id].add(identity[account_id])
    unsent = never_sent_where(conn, *_matchable(where, system))
    out: dict[_Key, list[_Row]] = defaultdict(list)
    nobody: frozenset[str] = frozenset()
    at_key = utc_order(item.sent_at_utc)
    for item_id, exhibit_id, kind, author, at, text, conversation in conn.execute(
        select(
            item.id, item.exhibit_id, item.kind, item.author_account_id, at_key, item.text, item.conversation
        )
        .where(*_matchable(where, system))
        .order_by(at_key, item.id)
    ).all():
        recipients = frozenset(named[item_id]) if item_id in named else nobody
        who = identity[author] if author is not None else ""
        out[(who, kind, item_id in unsent, _digest(text))].append(
            _Row(item_id, exhibit_id, at, recipients, conversation)
        )
    return out


def _span(conn: Connection, exhibit_id: int, system: bool) -> tuple[str, str] | None:
    """The first and last matchable time of the exhibit's items, when an earlier exhibit has items then
    (else None: nothing to compare, and nothing is read)."""
    item = t.item.c
    lo, hi = conn.execute(
        select(func.min(item.sent_at_utc), func.max(item.sent_at_utc)).where(
            *_matchable((item.exhibit_id == exhibit_id,), system)
        )
    ).one()
    if lo is None:
        return None
    lo, hi = lo[:_MINUTE], hi[:_MINUTE] + "~"  # "~" sorts after any seconds
    earlier = conn.execute(
        select(item.id)
        .where(
            *_matchable((item.sent_at_utc >= lo, item.sent_at_utc < hi, item.exhibit_id < exhibit_id), system)
        )
        .limit(1)
    ).first()
    return (lo, hi) if earlier is not None else None


def _precision(conn: Connection, exhibit_id: int) -> int:
    """How much of the order key the exhibit's times give (``_FRACTION``, ``_SECOND`` or ``_MINUTE``): whole
    seconds when no timed item of it has a fraction of a second, whole minutes when none has seconds
    either. Read from the instants, not the text (a fraction of ``.000`` is a whole second)."""
    item = t.item.c
    key = utc_order(item.sent_at_utc)
    fraction = func.substr(key, _SECOND + 2, type_=String)  # "250000" of "...T09:05:07.250000"
    seconds = func.substr(key, _MINUTE + 2, type_=String)  # "07.250000"
    timed = (item.exhibit_id == exhibit_id, item.sent_at_utc.is_not(None))
    for width, finer in ((_FRACTION, fraction != "000000"), (_SECOND, seconds != "00.000000")):
        if conn.execute(select(item.id).where(*timed, finer).limit(1)).first() is not None:
            return width
    return _MINUTE


class _Matching:
    """What one search for a new exhibit's copies shares between its messages and its system lines."""

    def __init__(self, conn: Connection, exhibit_id: int) -> None:
        self.conn = conn
        self.exhibit_id = exhibit_id
        self.identity = _identities(conn)
        copy = t.item_copy.c
        # each copy already recorded, with the first item it repeats
        self.first = {r.item_id: r.of_item_id for r in conn.execute(select(copy.item_id, copy.of_item_id))}
        # first items this exhibit already repeats (recorded before an attribution made more authors one)
        self.taken = set(
            conn.execute(
                select(copy.of_item_id)
                .select_from(t.item_copy.join(t.item, t.item.c.id == copy.item_id))
                .where(t.item.c.exhibit_id == exhibit_id)
            ).scalars()
        )
        self.exhibit_of: dict[int, int] = {}
        self._precision: dict[int, int] = {}

    def precision(self, exhibit: int) -> int:
        if exhibit not in self._precision:
            self._precision[exhibit] = _precision(self.conn, exhibit)
        return self._precision[exhibit]

    def rows(self, system: bool) -> tuple[dict[_Key, list[_Row]], dict[_Key, list[_Row]]]:
        """The new exhibit's items not yet recorded as copies, and the earlier exhibits' items in its time
        span, by key; only keys both hold (nothing when no earlier exhibit has items then)."""
        span = _span(self.conn, self.exhibit_id, system)
        if span is None:
            return {}, {}
        lo, hi = span
        item = t.item.c
        new = {
            key: fresh
            for key, rows in _by_key(
                self.conn, (item.exhibit_id == self.exhibit_id,), self.identity, system
            ).items()
            if (fresh := [r for r in rows if r.id not in self.first])
        }
        old = _by_key(
            self.conn,
            (item.exhibit_id < self.exhibit_id, item.sent_at_utc >= lo, item.sent_at_utc < hi),
            self.identity,
            system,
        )
        shared = [key for key in new if key in old]
        self.exhibit_of.update({r.id: r.exhibit_id for key in shared for r in old[key]})
        return {key: new[key] for key in shared}, {key: old[key] for key in shared}

    def match(self, new: dict[_K, list[_Row]], old: dict[_K, list[_Row]]) -> list[_Found]:
        """Each new item matched to at most one first item of the same key: exact times first."""
        out: list[_Found] = []
        for key, pending in new.items():
            families: dict[int, list[_Row]] = defaultdict(list)  # first item -> it and its copies
            for r in old[key]:
                families[self.first.get(r.id, r.id)].append(r)
            roots = sorted(families) if len(families) > 1 else list(families)
            for width, rule in _PASSES:
                left = []
                for n in pending:
                    found = _pick(n, roots, families, width, self.taken, self.precision)
                    if found is None:
                        left.append(n)
                        continue
                    root, m = found
                    self.taken.add(root)
                    out.append((Copy(n.id, root, rule, self._exhibit(root)), n, m))
                pending = left
                if not pending:
                    break
        return out

    def _exhibit(self, item_id: int) -> int:
        """The exhibit of an item (read when the first item itself fell outside the times compared)."""
        if item_id not in self.exhibit_of:
            self.exhibit_of[item_id] = self.conn.execute(
                select(t.item.c.exhibit_id).where(t.item.c.id == item_id)
            ).scalar_one()
        return self.exhibit_of[item_id]

    def conversations(self, found: list[_Found]) -> dict[_Node, _Node]:
        """Each exhibit's conversation joined to those whose messages it repeats (copies recorded, and
        ``found`` now), directly or through another exhibit's: one node standing for each group."""
        copy, first, c = t.item.alias("copy_item"), t.item.alias("first_item"), t.item_copy.c
        recorded = self.conn.execute(
            select(copy.c.exhibit_id, copy.c.conversation, first.c.exhibit_id, first.c.conversation)
            .distinct()
            .select_from(
                t.item_copy.join(copy, copy.c.id == c.item_id).join(first, first.c.id == c.of_item_id)
            )
        ).all()
        parent: dict[_Node, _Node] = {}

        def root(node: _Node) -> _Node:
            while parent.setdefault(node, node) != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        # a set: every message of a chat gives the same pair (which node stands for a group depends on the
        # order of the pairs; the groups, all that is used, do not)
        pairs = {((a, ac), (b, bc)) for a, ac, b, bc in recorded} | {(n.node, m.node) for _, n, m in found}
        for a, b in pairs:
            parent[root(a)] = root(b)
        return {node: root(node) for node in parent}


def find_copies(conn: Connection, exhibit_id: int) -> list[Copy]:
    """The items of ``exhibit_id`` not yet recorded as copies that repeat an item of an exhibit added
    before it, each against the first item: its messages, then its system lines within the conversations
    whose messages it repeats."""
    matching = _Matching(conn, exhibit_id)
    messages = matching.match(*matching.rows(system=False))
    new, old = matching.rows(system=True)
    found = messages
    if new:
        same = matching.conversations(messages)

        def by_conversation(rows: dict[_Key, list[_Row]]) -> dict[tuple[_Node, _Key], list[_Row]]:
            out: dict[tuple[_Node, _Key], list[_Row]] = defaultdict(list)
            for key, listed in rows.items():
                for r in listed:
                    if r.node in same:  # a conversation repeating no other's messages has no copies
                        out[(same[r.node], key)].append(r)
            return out

        new_by, old_by = by_conversation(new), by_conversation(old)
        found = messages + matching.match({k: v for k, v in new_by.items() if k in old_by}, old_by)
    return sorted((c for c, _, _ in found), key=lambda c: c.item_id)


def _pick(
    n: _Row,
    roots: list[int],
    families: dict[int, list[_Row]],
    width: int,
    taken: set[int],
    precision: Callable[[int], int],
) -> tuple[int, _Row] | None:
    """The first of ``roots`` not ``taken`` with an item (it or a copy of it) that ``n`` repeats with times
    compared to ``width`` (``_PASSES``), and that item."""
    for root in roots:
        if root not in taken:
            for m in families[root]:
                if _same(n, m, width, precision):
                    return root, m
    return None


def _same(n: _Row, m: _Row, width: int, precision: Callable[[int], int]) -> bool:
    """Whether ``n`` and ``m`` name the same recipients (where both do) and have the same time to
    ``width``: the whole instant, or the second or minute when that is what the coarser exhibit gives."""
    if n.to and m.to and n.to != m.to:
        return False
    if width == _FRACTION:
        return n.at == m.at
    return n.at[:width] == m.at[:width] and min(precision(n.exhibit_id), precision(m.exhibit_id)) == width


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
