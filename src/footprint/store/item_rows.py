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
_RAW = ITEM_COLUMNS.index("raw")
_SHA256 = ITEM_COLUMNS.index("sha256")

AttachmentResolver = Callable[[ParsedAttachment], tuple[str, int, str] | None]


class RowBatch(NamedTuple):
    """Rows ready to insert: accounts first (items refer to them), then items and their parts."""

    accounts: list[tuple[int, str, str, str]]  # id, key, platform, native_id
    items: list[list[Any]]  # in ITEM_COLUMNS order
    recipients: list[tuple[int, int]]  # item_id, account_id
    attachments: list[tuple[Any, ...]]  # in ATTACHMENT_COLUMNS order


class SeenNames:
    """The names each account was seen under, and every account's first and last times.

    Kept per (account, name) with ``""`` for "no name", so the per-item cost is one lookup;
    :attr:`names` and :attr:`span` are read once at the end.
    """

    def __init__(self) -> None:
        self.times: dict[tuple[int, str], list[str | None]] = {}

    def note(self, account_id: int, name: str, at: str | None) -> None:
        """Note one sighting of ``account_id`` under ``name`` (empty: no name) at ``at``."""
        entry = self.times.get((account_id, name))
        if entry is None:
            self.times[(account_id, name)] = [at, at]
        elif at is not None:
            _widen(entry, at)

    @property
    def names(self) -> dict[tuple[int, str], list[str | None]]:
        """First and last times of each (account, name) with a name."""
        return {key: times for key, times in self.times.items() if key[1]}

    @property
    def span(self) -> dict[int, list[str | None]]:
        """First and last times of each account seen at a known time."""
        spans: dict[int, list[str | None]] = {}
        for (account_id, _name), (first, last) in self.times.items():
            for at in (first, last):
                if at is not None:
                    if account_id in spans:
                        _widen(spans[account_id], at)
                    else:
                        spans[account_id] = [at, at]
        return spans


def fill_hashes(rows: list[list[Any]]) -> None:
    """Set each item row's SHA-256 of its raw text (for rows built with ``hash_items=False``)."""
    sha256 = hashlib.sha256
    for row in rows:
        row[_SHA256] = sha256(row[_RAW].encode("utf-8", "surrogatepass")).hexdigest()


def _widen(span: list[str | None], at: str) -> None:
    if span[0] is None or at < span[0]:
        span[0] = at
    if span[1] is None or at > span[1]:
        span[1] = at


class ItemRowBuilder:
    """Assigns ids and builds rows for one exhibit's items.

    With ``hash_items=False`` the rows' ``sha256`` is left empty for :func:`fill_hashes`, so that a
    writer with time to spare can take that work off a busy parsing process.
    """

    def __init__(
        self,
        exhibit_id: int,
        first_item_id: int,
        accounts: dict[str, int],
        resolve_attachment: AttachmentResolver,
        *,
        hash_items: bool = True,
    ) -> None:
        self.exhibit_id = exhibit_id
        self.hash_items = hash_items
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
        times_of = self.seen.times
        counts = self.counts
        sha256 = hashlib.sha256
        exhibit_id = self.exhibit_id
        item_id = self.next_item_id
        hash_items = self.hash_items
        rows: list[list[Any]] = []
        recipients: list[tuple[int, int]] = []
        attachments: list[tuple[Any, ...]] = []
        for seq, it in enumerate(items):
            author_id = None
            author = it.author
            if author is not None:
                author_id = accounts.get(author.key) or account(author)
                # SeenNames.note, inlined: this runs once per item
                at = it.sent_at_utc
                times = times_of.get((author_id, author.display_name))
                if times is None:
                    times_of[(author_id, author.display_name)] = [at, at]
                elif at is not None:
                    if times[0] is None or at < times[0]:
                        times[0] = at
                    if times[1] is None or at > times[1]:
                        times[1] = at
            for rcpt in it.recipients:
                rid = accounts.get(rcpt.key) or account(rcpt)
                recipients.append((item_id, rid))
                note(rid, rcpt.display_name, None)
            for att in it.attachments:
                stored = self.resolve_attachment(att)
                attachments.append((item_id, att.name, att.mime, *(stored if stored else (None, None, None))))
            rows.append(
                [
                    item_id, exhibit_id, seq, it.locator, it.kind, author_id,
                    author.display_name if author else None, it.conversation, it.sent_at_raw,
                    it.sent_at_utc, it.tz_source, it.tz_name, it.text, it.raw,
                    sha256(it.raw.encode("utf-8", "surrogatepass")).hexdigest() if hash_items else None,
                    it.deleted, it.edited, it.system,
                    json.dumps(it.details, sort_keys=True, ensure_ascii=False) if it.details else None,
                ]
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
