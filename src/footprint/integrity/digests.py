"""Digests of the rows a write stored, recorded in its audit entry and recomputed by `verify`.

Each digest is SHA-256 over the compact JSON array of the rows, in id order, each row the array
``[id, value, …]`` (UTF-8, no spaces, ``ensure_ascii=False``). The rows of one write are digested field
group by field group (``ITEM_FIELDS``, ``FINDING_FIELDS``), so `verify` can say which of an item's
stored fields changed — its text, its author, its times — not only that something did. `add` takes its
items' digests from the rows as it inserts them (:class:`WrittenItems`); every other digest, and each
one `verify` recomputes, is of the rows read back (through the writer's own transaction, streamed), and
a test holds the two equal. ``docs/integrity.md`` describes the format.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select, select

from footprint.json_digest import ENCODE as _ENCODE
from footprint.json_digest import FieldDigests as FieldDigests
from footprint.json_digest import JsonArrayDigest as JsonArrayDigest
from footprint.json_digest import encoded as encoded
from footprint.store import schema as t
from footprint.store.item_rows import ATTACHMENT_COLUMNS, ITEM_COLUMNS, RowBatch

#: rows fetched at a time while digesting (the rows are streamed, never all held)
BATCH = 2000

_author = t.account.alias("author")
_recipient = t.account.alias("recipient_account")

#: an item's stored fields, grouped as `verify` names them
ITEM_FIELDS: Mapping[str, Sequence[ColumnElement[Any]]] = {
    "place": (t.item.c.seq, t.item.c.locator),
    "kind": (t.item.c.kind,),
    "author": (_author.c.key, t.item.c.author_name),
    "conversation": (t.item.c.conversation,),
    "times": (t.item.c.sent_at_raw, t.item.c.sent_at_utc, t.item.c.tz_source, t.item.c.tz_name),
    "text": (t.item.c.text,),
    "raw": (t.item.c.raw, t.item.c.sha256),
    "flags": (t.item.c.deleted, t.item.c.edited, t.item.c.system),
    "details": (t.item.c.details,),
}
#: a finding's stored fields, grouped as `verify` names them
FINDING_FIELDS: Mapping[str, Sequence[ColumnElement[Any]]] = {
    "item": (t.finding.c.item_id,),
    "category": (t.finding.c.category,),
    "score": (t.finding.c.score,),
    "spans": (t.finding.c.spans,),
    "rules": (t.finding.c.rule_ids, t.finding.c.model_id),
    "explanation": (t.finding.c.explanation,),
    "details": (t.finding.c.details,),
}
_link_a = t.account.alias("link_a")
_link_b = t.account.alias("link_b")
#: a link's fields a linkage run stored (its status is a decision, checked against the decisions)
LINK_FIELDS: Mapping[str, Sequence[ColumnElement[Any]]] = {
    "accounts": (_link_a.c.key, _link_b.c.key),
    "score": (t.link.c.score,),
    "log10_lr": (t.link.c.log10_lr,),
    "evidence": (t.link.c.evidence,),
}
#: a warning's fields, as `verify` names them
WARNING_FIELDS: Mapping[str, Sequence[ColumnElement[Any]]] = {
    "place": (t.warning.c.locator,),
    "message": (t.warning.c.message,),
    "raw": (t.warning.c.raw,),
}


# each field group of an inserted item row (ITEM_COLUMNS order) as `item_digests` reads it back: the
# id, then the group's columns (the author's account id where the key is read back: WrittenItems maps it)
_INSERTED = {
    name: itemgetter(
        0, *(ITEM_COLUMNS.index(c.name if c.table is t.item else "author_account_id") for c in group)
    )
    for name, group in ITEM_FIELDS.items()
}
_ITEM_SPANS: list[tuple[str, int, int]] = []  # each field group's columns in `item_digests`' rows
for _name, _group in ITEM_FIELDS.items():
    _at = _ITEM_SPANS[-1][2] if _ITEM_SPANS else 1
    _ITEM_SPANS.append((_name, _at, _at + len(_group)))
_PARTS = ("recipients", "attachments")
#: items in a block of the block digests, at the least; blocks in an `add` entry, at the most
BASE_BLOCK, MOST_BLOCKS = 16, 512
_EMPTY = hashlib.sha256(b"[]").digest()
_ATTACHMENT_ROW = itemgetter(
    *(ATTACHMENT_COLUMNS.index(c) for c in ("item_id", "name", "sha256", "size", "mime", "vault_path"))
)


class ItemDigester:
    """An exhibit's item digests, fed in id order: the count, a digest per field group, the recipients'
    and attachments' digests, and block digests — one over each run of ``BASE_BLOCK`` items (by place in
    id order) with their recipients and attachments, merged at the end into at most ``MOST_BLOCKS``
    blocks of ``block_items`` items, each the first 16 hex digits of a SHA-256 — which name the block an
    item changed in while the entry stays a few kilobytes (``docs/integrity.md``)."""

    def __init__(self) -> None:
        self.count = 0
        self._groups = {name: JsonArrayDigest() for name in ITEM_FIELDS}
        self._parts = {kind: JsonArrayDigest() for kind in _PARTS}
        self._blocks: dict[str, dict[int, bytes]] = {kind: {} for kind in ("items", *_PARTS)}
        self._open: dict[str, tuple[int, JsonArrayDigest]] = {}

    def items(self, groups: Mapping[str, Sequence[Sequence[Any]]]) -> None:
        """The next items: each field group's rows ``(id, *the group's columns)``, for the same items."""
        n = len(groups["place"])
        at = 0
        while at < n:
            place = self.count + at
            end = min(n, at + BASE_BLOCK - place % BASE_BLOCK)
            block = self._block("items", place // BASE_BLOCK)
            for name, rows in groups.items():
                body = encoded(rows[at:end])
                self._groups[name].update_encoded(body)
                block.update_encoded(body)
            at = end
        self.count += n

    def parts(self, kind: str, lines: Sequence[Sequence[Any]], place: Mapping[int, int]) -> None:
        """The next ``recipients`` or ``attachments`` lines ``(item_id, …)``, in item order; ``place``
        gives each item's place among the exhibit's."""
        for block, run in groupby(lines, key=lambda line: place[line[0]] // BASE_BLOCK):
            body = encoded(list(run))
            self._parts[kind].update_encoded(body)
            self._block(kind, block).update_encoded(body)

    def _block(self, kind: str, block: int) -> JsonArrayDigest:
        opened = self._open.get(kind)
        if opened is None or opened[0] != block:
            if opened is not None:
                self._blocks[kind][opened[0]] = opened[1].digest()
            opened = self._open[kind] = (block, JsonArrayDigest())
        return opened[1]

    def digests(self) -> dict[str, Any]:
        """What `add` records as ``item_digests``."""
        for kind, (block, digest) in self._open.items():
            self._blocks[kind][block] = digest.digest()
        self._open.clear()
        size = BASE_BLOCK
        while -(-self.count // size) > MOST_BLOCKS:
            size *= 2
        base = -(-self.count // BASE_BLOCK)
        blocks = []
        for first in range(0, base, size // BASE_BLOCK):
            merged = hashlib.sha256()
            for at in range(first, min(first + size // BASE_BLOCK, base)):
                for digests in self._blocks.values():
                    merged.update(digests.get(at, _EMPTY))
            blocks.append(merged.hexdigest()[:16])
        return {
            "items": self.count,
            **{name: d.hexdigest() for name, d in self._groups.items()},
            **{kind: d.hexdigest() for kind, d in self._parts.items()},
            "block_items": size,
            "blocks": blocks,
        }


def item_digests(conn: Connection, exhibit_id: int) -> dict[str, Any]:
    """The count of an exhibit's items and a digest per field group (with its recipients and attachments)."""
    items, recipients, attachments = _item_queries(exhibit_id)
    digester = ItemDigester()
    place: dict[int, int] = {}
    for batch in _batches(conn, items):
        place.update((row[0], digester.count + i) for i, row in enumerate(batch))
        digester.items({name: [(row[0], *row[a:b]) for row in batch] for name, a, b in _ITEM_SPANS})
    for kind, query in (("recipients", recipients), ("attachments", attachments)):
        for batch in _batches(conn, query):
            digester.parts(kind, [tuple(row) for row in batch], place)
    return digester.digests()


#: an item's lines as its digests take them, by field group and part: ``{"text": [(id, text)], …,
#: "recipients": [(id, key), …], "attachments": […]}``
ItemLines = dict[str, list[tuple[Any, ...]]]


def stored_lines(conn: Connection, exhibit_id: int, first: int, last: int) -> dict[int, ItemLines]:
    """The lines of an exhibit's items with ids ``first`` to ``last``, as :func:`item_digests` takes them."""
    items, recipients, attachments = _item_queries(exhibit_id)
    out: dict[int, ItemLines] = {}
    for row in conn.execute(items.where(t.item.c.id.between(first, last))):
        out[row[0]] = {name: [(row[0], *row[a:b])] for name, a, b in _ITEM_SPANS}
        out[row[0]].update({kind: [] for kind in _PARTS})
    for kind, query in (("recipients", recipients), ("attachments", attachments)):
        for line in conn.execute(query.where(t.item.c.id.between(first, last))):
            if line[0] in out:
                out[line[0]][kind].append(tuple(line))
    return out


def _item_queries(exhibit_id: int) -> tuple[Select[Any], Select[Any], Select[Any]]:
    """An exhibit's items (id, then every field group's columns), recipients and attachments, in the
    order their digests take them."""
    columns = [c for group in ITEM_FIELDS.values() for c in group]
    items = (
        select(t.item.c.id, *columns)
        .outerjoin(_author, _author.c.id == t.item.c.author_account_id)
        .where(t.item.c.exhibit_id == exhibit_id)
        .order_by(t.item.c.id)
    )
    recipients = (
        select(t.recipient.c.item_id, _recipient.c.key)
        .join(t.item, t.item.c.id == t.recipient.c.item_id)
        .join(_recipient, _recipient.c.id == t.recipient.c.account_id)
        .where(t.item.c.exhibit_id == exhibit_id)
        .order_by(t.recipient.c.item_id, t.recipient.c.account_id)
    )
    attachments = (
        select(
            t.attachment.c.item_id,
            t.attachment.c.name,
            t.attachment.c.sha256,
            t.attachment.c.size,
            t.attachment.c.mime,
            t.attachment.c.vault_path,
        )
        .join(t.item, t.item.c.id == t.attachment.c.item_id)
        .where(t.item.c.exhibit_id == exhibit_id)
        .order_by(t.attachment.c.item_id, t.attachment.c.id)
    )
    return items, recipients, attachments


class WrittenItems:
    """:func:`item_digests` of an exhibit's rows taken as ``write_rows`` inserts them, batch by batch
    (``observe``), so `add` need not read them back: the same values the database returns — each
    author's and recipient's account key, flags as booleans, recipients once each in account order,
    attachments in the order inserted (their ids' order)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._keys: dict[int, str] = {
            r.id: r.key for r in conn.execute(select(t.account.c.id, t.account.c.key))
        }
        self._digester = ItemDigester()

    def observe(self, batch: RowBatch) -> None:
        """Take one batch as it was inserted (after its items' SHA-256 were filled in)."""
        self.take(batch, self.lines(batch))

    def lines(self, batch: RowBatch) -> ItemLines:
        """One batch's lines as :func:`item_digests` reads them back: each field group's rows, and the
        ``recipients`` and ``attachments`` lines."""
        keys = self._keys
        keys.update((account_id, key) for account_id, key, _platform, _native in batch.accounts)
        lines: ItemLines = {}
        for name in ITEM_FIELDS:
            rows: list[tuple[Any, ...]] = list(map(_INSERTED[name], batch.items))
            if name == "author":
                rows = [(i, a if a is None else keys.get(a) or self._key(a), n) for i, a, n in rows]
            elif name == "flags":  # the database's booleans, whatever a parser gave
                rows = [(i, bool(d), bool(e), bool(s)) for i, d, e, s in rows]
            lines[name] = rows
        recipients = sorted(set(batch.recipients))  # the table's key: each once, in account order
        lines["recipients"] = [(i, keys.get(a) or self._key(a)) for i, a in recipients]
        lines["attachments"] = [_ATTACHMENT_ROW(row) for row in batch.attachments]
        return lines

    def take(self, batch: RowBatch, lines: ItemLines) -> None:
        """Digest one batch's ``lines`` (:meth:`lines`)."""
        place = {row[0]: self._digester.count + i for i, row in enumerate(batch.items)}
        self._digester.items({name: lines[name] for name in ITEM_FIELDS})
        for kind in _PARTS:
            self._digester.parts(kind, lines[kind], place)

    def _key(self, account_id: int) -> str:
        """An account the writer knew and this did not (committed by another writer in between)."""
        key = self._conn.execute(select(t.account.c.key).where(t.account.c.id == account_id)).scalar_one()
        self._keys[account_id] = key
        return str(key)

    def digests(self) -> dict[str, Any]:
        """What :func:`item_digests` returns for the rows taken."""
        return self._digester.digests()


def finding_digests(conn: Connection, run_id: int) -> dict[str, Any]:
    """The count of one analyser run's findings and a digest per field group."""
    columns = [c for group in FINDING_FIELDS.values() for c in group]
    findings = select(t.finding.c.id, *columns).where(t.finding.c.run_id == run_id).order_by(t.finding.c.id)
    count, out = _digests(conn, findings, FINDING_FIELDS)
    return {"findings": count, **out}


def link_digests(conn: Connection, run_id: int) -> dict[str, Any]:
    """The count of one analyser run's links and a digest per field group (none but a linkage run's)."""
    columns = [c for group in LINK_FIELDS.values() for c in group]
    links = (
        select(t.link.c.id, *columns)
        .join(_link_a, _link_a.c.id == t.link.c.account_a_id)
        .join(_link_b, _link_b.c.id == t.link.c.account_b_id)
        .where(t.link.c.run_id == run_id)
        .order_by(t.link.c.id)
    )
    count, out = _digests(conn, links, LINK_FIELDS)
    return {"links": count, **out}


def warning_digests(conn: Connection, exhibit_id: int) -> dict[str, Any]:
    """The count of an exhibit's warnings and a digest per field group."""
    columns = [c for group in WARNING_FIELDS.values() for c in group]
    rows = (
        select(t.warning.c.id, *columns).where(t.warning.c.exhibit_id == exhibit_id).order_by(t.warning.c.id)
    )
    count, out = _digests(conn, rows, WARNING_FIELDS)
    return {"warnings": count, **out}


def short_digest(value: Any) -> str:
    """The first 32 hex digits (128 bits) of the SHA-256 of ``value``'s compact JSON: one account's."""
    return hashlib.sha256(_ENCODE(value).encode("utf-8")).hexdigest()[:32]


def account_digests(conn: Connection, account_ids: Collection[int] | None = None) -> dict[str, list[str]]:
    """Two digests of each account, by key: of its names (its ``account_name`` rows ``[id, kind, value,
    first seen, last seen]`` in id order) and of its first and last times seen; of the accounts in
    ``account_ids`` (those an `add` wrote), or of every account."""
    names: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    n = t.account_name.c
    for account_id, *row in conn.execute(
        select(n.account_id, n.id, n.kind, n.value, n.first_seen_utc, n.last_seen_utc).order_by(n.id)
    ):
        if account_ids is None or account_id in account_ids:
            names[account_id].append(tuple(row))
    a = t.account.c
    return {
        key: [short_digest(names.get(account_id, [])), short_digest([first, last])]
        for account_id, key, first, last in conn.execute(
            select(a.id, a.key, a.first_seen_utc, a.last_seen_utc).order_by(a.id)
        )
        if account_ids is None or account_id in account_ids
    }


def member_digests(conn: Connection, exhibit_id: int) -> dict[str, Any]:
    """The count of an exhibit's conversation members and the digest of the lines ``[conversation, account
    key]``, in that order (compared as text by code point, as no database collation does)."""
    m = t.conversation_member.c
    rows = sorted(
        (conversation, key)
        for conversation, key in conn.execute(
            select(m.conversation, t.account.c.key)
            .join(t.account, t.account.c.id == m.account_id)
            .where(m.exhibit_id == exhibit_id)
        )
    )
    digest = JsonArrayDigest()
    digest.update(rows)
    return {"members": len(rows), "digest": digest.hexdigest()}


def copy_digests(conn: Connection, refs: Collection[str] | None = None) -> dict[str, dict[str, str]]:
    """The digest of the copy records ``[item_id, of_item_id, rule]`` (in item order) of each exhibit's
    items, by its reference and the reference of the earlier exhibit they repeat; of the exhibits ``refs``
    names (those a write recorded copies in), or of every one."""
    c = t.item_copy.c
    of_item, of_exhibit = t.item.alias("copied_item"), t.exhibit.alias("copied_exhibit")
    query = (
        select(c.item_id, c.of_item_id, c.rule, t.exhibit.c.ref, of_exhibit.c.ref)
        .join(t.item, t.item.c.id == c.item_id)
        .join(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
        .join(of_item, of_item.c.id == c.of_item_id)
        .join(of_exhibit, of_exhibit.c.id == of_item.c.exhibit_id)
        .order_by(c.item_id)
    )
    if refs is not None:
        query = query.where(t.exhibit.c.ref.in_(list(refs)))
    digests: dict[tuple[str, str], JsonArrayDigest] = defaultdict(JsonArrayDigest)
    for batch in _batches(conn, query):
        lines: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
        for item_id, of_item_id, rule, ref, of_ref in map(tuple, batch):
            lines[(ref, of_ref)].append((item_id, of_item_id, rule))
        for pair, rows in lines.items():
            digests[pair].update(rows)
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for (ref, of_ref), digest in sorted(digests.items()):
        out[ref][of_ref] = digest.hexdigest()
    return dict(out)


def run_details(conn: Connection, run_id: int) -> dict[str, Any]:
    """What an audit entry that stored an analyser run's findings records of them: the run and the
    digests of its findings and links."""
    return {
        "run": run_id,
        "finding_digests": finding_digests(conn, run_id),
        "link_digests": link_digests(conn, run_id),
    }


def run_of(conn: Connection, finding_id: int) -> int:
    """The analyser run a finding belongs to."""
    return int(conn.execute(select(t.finding.c.run_id).where(t.finding.c.id == finding_id)).scalar_one())


def _digests(
    conn: Connection, query: Select[Any], fields: Mapping[str, Sequence[Any]]
) -> tuple[int, dict[str, str]]:
    """The number of rows ``query`` yields (its first column is the row's id) and a digest per field group."""
    digests = FieldDigests(fields)
    for batch in _batches(conn, query):
        digests.update(batch)
    return digests.count, digests.hexdigests()


def _batches(conn: Connection, query: Select[Any]) -> Iterator[Sequence[Row[Any]]]:
    result = conn.execute(query.execution_options(yield_per=BATCH))
    yield from result.partitions()
