"""The ids the review app shows in its addresses and pages.

A role that sees the whole case sees the case's own ids: those of ``footprint items --json`` and
``findings``, the report and the audit log. A role that sees part of it (an advocate, ``store.scope``) sees
opaque ones: the case's ids are counted over the whole case, so the gaps between hers (item 41, then 97)
and ids guessed would tell her how much she is not shown. Hers are an HMAC-SHA256 of the kind and the id
under a key of the case's own, kept in the case folder (never in a page or the database), cut to 80 bits
and written in 16 base32 letters: the same on every page, for every such user and after a restart (an
address bookmarked or sent to a colleague still works), yet telling nothing of order or number, and not to
be guessed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, Table, select

from footprint.errors import InputError
from footprint.her_numbers import NAMED_IDS as _NAMED
from footprint.store import schema as t

#: the key's file in the case folder, readable and writable by its owner only
KEY_FILE = "web-ids.key"
KEY_BYTES = 32
#: what an opaque id names: its table, to find the id a name stands for
TABLES: dict[str, Table] = {"item": t.item, "finding": t.finding, "link": t.link}
NAME_LENGTH = 16  # base32 letters: 80 bits


def case_key(directory: Path) -> bytes:
    """The case's key for opaque ids, made on first use (32 random bytes, readable by its owner only)."""
    path = directory / KEY_FILE
    if not path.exists():
        fresh = directory / f".{KEY_FILE}.{secrets.token_hex(8)}"
        try:
            descriptor = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(KEY_BYTES))
            try:
                os.link(fresh, path)  # whole or not at all, and never over a key another server made
            except FileExistsError:
                pass
        except OSError as exc:
            raise InputError(
                f"{path}: cannot make the review app's key for an advocate's ids ({exc.strerror}); serve"
                " the case as a user who may write to its folder"
            ) from None
        finally:
            fresh.unlink(missing_ok=True)
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise InputError(
            f"{path}: the review app's key for an advocate's ids is {len(key)} bytes, not {KEY_BYTES};"
            " restore it from the case's backup, or delete it to make a new one (an advocate's bookmarks"
            " of messages, findings and links then stop working)"
        )
    return key


class OpaqueIds:
    """Opaque ids under one case's key, and the case's id each stands for."""

    def __init__(self, key: bytes, engine: Engine) -> None:
        self._key = key
        self._engine = engine
        self._known: dict[str, dict[str, int]] = {kind: {} for kind in TABLES}
        self._upto = dict.fromkeys(TABLES, 0)  # every id up to this one is known
        self._lock = threading.Lock()

    def name(self, kind: str, number: int) -> str:
        """The opaque id of the ``kind`` (item, finding, link, decision) with the case's id ``number``."""
        digest = hmac.new(self._key, f"{kind} {number}".encode(), hashlib.sha256).digest()
        return base64.b32encode(digest[: NAME_LENGTH * 5 // 8]).decode().lower()

    def number(self, kind: str, name: str) -> int | None:
        """The case's id ``name`` stands for, if any (whether this user may see it is the store's to say)."""
        if len(name) != NAME_LENGTH:
            return None
        with self._lock:
            if name not in self._known[kind]:
                self._learn(kind)  # ids only grow: read those made since
            return self._known[kind].get(name)

    def _learn(self, kind: str) -> None:
        table = TABLES[kind]
        query = select(table.c.id).where(table.c.id > self._upto[kind]).order_by(table.c.id)
        with self._engine.connect() as conn:
            made = [int(n) for n in conn.execute(query).scalars()]
        self._known[kind].update((self.name(kind, n), n) for n in made)
        if made:
            self._upto[kind] = made[-1]


@dataclass(frozen=True)
class Names:
    """How one user's pages name items, findings, links and decisions: by the case's ids, or, for a role
    that sees part of the case, by opaque ones."""

    opaque: OpaqueIds | None = None

    def __call__(self, kind: str, number: int) -> str:
        return self.opaque.name(kind, number) if self.opaque else str(number)

    def number(self, kind: str, raw: str, largest: int) -> int | None:
        """The case's id that ``raw`` (from an address) names, if it names one (at most ``largest``)."""
        if self.opaque:
            return self.opaque.number(kind, raw)
        if len(raw) <= len(str(largest)) and raw.isascii() and raw.isdecimal() and 0 < int(raw) <= largest:
            return int(raw)
        return None

    def reword(self, message: str, *, bare: bool = True) -> str:
        """``message`` with the case's ids it names in the ids this user sees; a bare "#97" too unless not
        ``bare`` (an analyser's explanation may quote a message's "#1")."""
        if self.opaque is None:
            return message
        opaque = self.opaque

        def named(m: re.Match[str]) -> str:
            if m.group(1) is None and not bare:
                return m.group(0)
            kind = m.group(1) or "finding"  # a bare "#97" names a finding
            said = f"{m.group(1)} {m.group(2)}" if m.group(1) else "#"
            return said + opaque.name(kind, int(m.group(3)))

        return _NAMED.sub(named, message)
