"""SHA-256 of rows as a compact JSON array, fed a batch at a time: the digests the audit entries record
(``footprint.integrity.digests``, ``store.finding_numbers``; ``docs/integrity.md``, "The digests").

It imports nothing of Footprint's, so the store's own writes can digest what they wrote."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

#: compact JSON: UTF-8 text as it is, no spaces
ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def encoded(rows: Sequence[Sequence[Any]]) -> bytes:
    """Rows as the inside of their compact JSON array, UTF-8: what a digest adds for them."""
    return ENCODE(rows)[1:-1].encode("utf-8")


class JsonArrayDigest:
    """SHA-256 of the compact JSON array of every row given, ``[[id, value, …], …]``, fed a batch at a
    time: the digest does not depend on how the rows were batched."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256(b"[")
        self._first = True

    def update(self, rows: Sequence[Sequence[Any]]) -> None:
        """Add rows (each a tuple of JSON values) to the end of the array."""
        self.update_encoded(encoded(rows))

    def update_encoded(self, body: bytes) -> None:
        """Add rows already :func:`encoded` to the end of the array."""
        if body:
            self._hash.update(body if self._first else b"," + body)
            self._first = False

    def digest(self) -> bytes:
        """The digest of the array so far, closed, as bytes."""
        closed = self._hash.copy()
        closed.update(b"]")
        return closed.digest()

    def hexdigest(self) -> str:
        """The digest of the array so far, closed."""
        closed = self._hash.copy()
        closed.update(b"]")
        return closed.hexdigest()


class FieldDigests:
    """The number of rows given (each ``[id, *columns]``, the columns in ``fields`` order) and one
    :class:`JsonArrayDigest` per field group of ``[id, *the group's columns]``, fed a batch at a time."""

    def __init__(self, fields: Mapping[str, Sequence[Any]]) -> None:
        self.count = 0
        self._spans: list[tuple[str, JsonArrayDigest, int, int]] = []
        at = 1
        for name, group in fields.items():
            self._spans.append((name, JsonArrayDigest(), at, at + len(group)))
            at += len(group)

    def update(self, rows: Sequence[Sequence[Any]]) -> None:
        """Add rows, in id order, after those already given."""
        self.count += len(rows)
        for _name, digest, start, end in self._spans:
            digest.update([(row[0], *row[start:end]) for row in rows])

    def hexdigests(self) -> dict[str, str]:
        """Each field group's digest so far."""
        return {name: digest.hexdigest() for name, digest, _start, _end in self._spans}
