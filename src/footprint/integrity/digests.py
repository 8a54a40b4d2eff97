"""Digests of the rows a write stored, recorded in its audit entry and recomputed by `verify`.

Each digest is SHA-256 over the compact JSON array of the rows, in id order, each row the array
``[id, value, …]`` (UTF-8, no spaces, ``ensure_ascii=False``). The rows of one write are digested field
group by field group (``ITEM_FIELDS``, ``FINDING_FIELDS``), so `verify` can say which of an item's
stored fields changed — its text, its author, its times — not only that something did. The rows are
read back through the writer's own transaction, streamed, so the digest is of exactly what was stored.
``docs/integrity.md`` describes the format.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select, select

from footprint.store import schema as t

#: rows fetched at a time while digesting (the rows are streamed, never all held)
BATCH = 2000
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

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


class JsonArrayDigest:
    """SHA-256 of the compact JSON array of every row given, ``[[id, value, …], …]``, fed a batch at a
    time: the digest does not depend on how the rows were batched."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256(b"[")
        self._first = True

    def update(self, rows: list[tuple[Any, ...]]) -> None:
        """Add rows (each a tuple of JSON values) to the end of the array."""
        body = _ENCODE(rows)[1:-1]
        if body:
            self._hash.update(body.encode("utf-8") if self._first else b"," + body.encode("utf-8"))
            self._first = False

    def hexdigest(self) -> str:
        """The digest of the array so far, closed."""
        closed = self._hash.copy()
        closed.update(b"]")
        return closed.hexdigest()


def item_digests(conn: Connection, exhibit_id: int) -> dict[str, Any]:
    """The count of an exhibit's items and a digest per field group (with its recipients and attachments)."""
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
    count, out = _digests(conn, items, ITEM_FIELDS)
    out["recipients"] = _digest(conn, recipients)
    out["attachments"] = _digest(conn, attachments)
    return {"items": count, **out}


def finding_digests(conn: Connection, run_id: int) -> dict[str, Any]:
    """The count of one analyser run's findings and a digest per field group."""
    columns = [c for group in FINDING_FIELDS.values() for c in group]
    findings = select(t.finding.c.id, *columns).where(t.finding.c.run_id == run_id).order_by(t.finding.c.id)
    count, out = _digests(conn, findings, FINDING_FIELDS)
    return {"findings": count, **out}


def run_details(conn: Connection, run_id: int) -> dict[str, Any]:
    """What an audit entry that stored an analyser run's findings records of them: the run and its digests."""
    return {"run": run_id, "finding_digests": finding_digests(conn, run_id)}


def run_of(conn: Connection, finding_id: int) -> int:
    """The analyser run a finding belongs to."""
    return int(conn.execute(select(t.finding.c.run_id).where(t.finding.c.id == finding_id)).scalar_one())


def _digests(
    conn: Connection, query: Select[Any], fields: Mapping[str, Sequence[Any]]
) -> tuple[int, dict[str, str]]:
    """The number of rows ``query`` yields (its first column is the row's id) and a digest per field group."""
    spans: list[tuple[JsonArrayDigest, int, int]] = []
    digests: dict[str, JsonArrayDigest] = {}
    at = 1
    for name, group in fields.items():
        digests[name] = JsonArrayDigest()
        spans.append((digests[name], at, at + len(group)))
        at += len(group)
    count = 0
    for batch in _batches(conn, query):
        count += len(batch)
        for digest, start, end in spans:
            digest.update([(row[0], *row[start:end]) for row in batch])
    return count, {name: d.hexdigest() for name, d in digests.items()}


def _digest(conn: Connection, query: Select[Any]) -> str:
    """One digest over every row ``query`` yields, whole."""
    digest = JsonArrayDigest()
    for batch in _batches(conn, query):
        digest.update([tuple(row) for row in batch])
    return digest.hexdigest()


def _batches(conn: Connection, query: Select[Any]) -> Iterator[Sequence[Row[Any]]]:
    result = conn.execute(query.execution_options(yield_per=BATCH))
    yield from result.partitions()
