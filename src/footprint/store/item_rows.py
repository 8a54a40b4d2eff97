"""Turning parsed items into the store's rows, with no database at hand.

The builder needs only what the writer knew when it took the write lock (the next item id and
the accounts already in the case), so it can run beside the writer in another process
(:mod:`footprint.parse_worker`) and hand over plain tuples in batches.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from footprint.model import AccountRef, ParsedAttachment, ParsedItem

# The order of ``item`` columns in every row tuple.
ITEM_COLUMNS = (
    "id", "exhibit_id", "seq", "locator", "kind", "author_account_id", "author_name", "conversation",
    "sent_at_raw", "sent_at_utc", "tz_source", "tz_name", "text", "raw", "sha256", "deleted", "edited",
    "system", "details",
)  # fmt: skip
ATTACHMENT_COLUMNS = ("item_id", "name", "mime", "sha256", "size", "vault_path")

AttachmentResolver = Callable[[ParsedAttachment], tuple[str, int, str] | None]


class RowBatch(NamedTuple):
    """Rows ready to insert: accounts first (items refer to them), then items and their parts."""

    accounts: list[tuple[int, str, str, str]]  # id, key, platform, native_id
    items: list[tuple[Any, ...]]  # in ITEM_COLUMNS order
    recipients: list[tuple[int, int]]  # item_id, account_id
    attachments: list[tuple[Any, ...]]  # in ATTACHMENT_COLUMNS order


class SeenNames:
    """The names each account was seen under, and every account's first and last times."""

    def __init__(self) -> None:
        self.names: dict[tuple[int, str], list[str | None]] = {}
        self.span: dict[int, list[str | None]] = {}

    def note(self, account_id: int, name: str, at: str | None) -> None:
        """Note one sighting of ``account_id`` under ``name`` (empty: no name) at ``at``."""
        if name:
            key = (account_id, name)
            entry = self.names.get(key)
            if entry is None:
                self.names[key] = [at, at]
            elif at is not None:
                _widen(entry, at)
        if at is not None:
            span = self.span.get(account_id)
            if span is None:
                self.span[account_id] = [at, at]
            else:
                _widen(span, at)


def _widen(span: list[str | None], at: str) -> None:
    if span[0] is None or at < span[0]:
        span[0] = at
    if span[1] is None or at > span[1]:
        span[1] = at


class ItemRowBuilder:
    """Assigns ids and builds rows for one exhibit's items."""

    def __init__(
        self,
        exhibit_id: int,
        first_item_id: int,
        accounts: dict[str, int],
        resolve_attachment: AttachmentResolver,
    ) -> None:
        self.exhibit_id = exhibit_id
        self.next_item_id = first_item_id
        self.accounts = dict(accounts)
        self.next_account_id = max(accounts.values(), default=0) + 1
        self.resolve_attachment = resolve_attachment
        self.seen = SeenNames()
        self.counts: Counter[str] = Counter()
        self._new_accounts: list[tuple[int, str, str, str]] = []

    def account(self, ref: AccountRef) -> int:
        """The id of ``ref``'s account, assigning one (written with the next batch) if new."""
        found = self.accounts.get(ref.key)
        if found is not None:
            return found
        new_id = self.next_account_id
        self.next_account_id += 1
        self.accounts[ref.key] = new_id
        self._new_accounts.append((new_id, ref.key, ref.platform, ref.native_id))
        return new_id

    def take_new_accounts(self) -> list[tuple[int, str, str, str]]:
        """Accounts assigned since the last call (they must be written before rows using them)."""
        taken, self._new_accounts = self._new_accounts, []
        return taken

    def batches(self, items: Iterable[ParsedItem], batch_size: int) -> Iterator[RowBatch]:
        """Rows for ``items`` in batches of ``batch_size`` items (the last may be smaller)."""
        accounts = self.accounts
        account = self.account
        note = self.seen.note
        counts = self.counts
        sha256 = hashlib.sha256
        exhibit_id = self.exhibit_id
        item_id = self.next_item_id
        rows: list[tuple[Any, ...]] = []
        recipients: list[tuple[int, int]] = []
        attachments: list[tuple[Any, ...]] = []
        for seq, it in enumerate(items):
            author_id = None
            author = it.author
            if author is not None:
                author_id = accounts.get(author.key) or account(author)
                note(author_id, author.display_name, it.sent_at_utc)
            for rcpt in it.recipients:
                rid = accounts.get(rcpt.key) or account(rcpt)
                recipients.append((item_id, rid))
                note(rid, rcpt.display_name, None)
            for att in it.attachments:
                stored = self.resolve_attachment(att)
                attachments.append((item_id, att.name, att.mime, *(stored if stored else (None, None, None))))
            rows.append(
                (
                    item_id, exhibit_id, seq, it.locator, it.kind, author_id,
                    author.display_name if author else None, it.conversation, it.sent_at_raw,
                    it.sent_at_utc, it.tz_source, it.tz_name, it.text, it.raw,
                    sha256(it.raw.encode("utf-8", "surrogatepass")).hexdigest(),
                    it.deleted, it.edited, it.system,
                    json.dumps(it.details, sort_keys=True, ensure_ascii=False) if it.details else None,
                )
            )  # fmt: skip
            counts[it.kind] += 1
            item_id += 1
            if len(rows) >= batch_size:
                self.next_item_id = item_id
                yield RowBatch(self.take_new_accounts(), rows, recipients, attachments)
                rows, recipients, attachments = [], [], []
        self.next_item_id = item_id
        if rows or self._new_accounts:
            yield RowBatch(self.take_new_accounts(), rows, recipients, attachments)
