"""Turning parsed items into the store's rows, with no database at hand.

The builder needs only what the writer knew when it took the write lock (the next item id and
the accounts already in the case), so it can run beside the writer in another process
(:mod:`footprint.parse_worker`) and hand over plain lists in batches. Each item's SHA-256 is left
to the writer (:func:`fill_hashes`), which has time to spare while the parser works.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from footprint.model import AccountRef, ParsedAttachment, ParsedItem
from footprint.store.search_words import copy_text
from footprint.times import utc_before

# The order of ``item`` columns in every row tuple.
ITEM_COLUMNS = (
    "id", "exhibit_id", "seq", "locator", "kind", "author_account_id", "author_name", "conversation",
    "sent_at_raw", "sent_at_utc", "tz_source", "tz_name", "text", "raw", "sha256", "deleted", "edited",
    "system", "details",
)  # fmt: skip
ATTACHMENT_COLUMNS = ("item_id", "name", "mime", "sha256", "size", "vault_path")
_KIND, _AUTHOR, _AUTHOR_NAME, _SENT_AT, _TEXT, _RAW, _SHA256 = (
    ITEM_COLUMNS.index(c)
    for c in ("kind", "author_account_id", "author_name", "sent_at_utc", "text", "raw", "sha256")
)

AttachmentResolver = Callable[[ParsedAttachment], tuple[str, int, str] | None]


class RowBatch(NamedTuple):
    """Rows ready to insert: accounts first (items refer to them), then items and their parts."""

    accounts: list[tuple[int, str, str, str]]  # id, key, platform, native_id
    items: list[list[Any]]  # in ITEM_COLUMNS order
    recipients: list[tuple[int, int]]  # item_id, account_id
    attachments: list[tuple[Any, ...]]  # in ATTACHMENT_COLUMNS order
    words: str = ""  # the items' search words as ``item_words`` rows in COPY's text format (PostgreSQL)


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


def raw_sha256(raw: str) -> str:
    """The SHA-256 recorded for an item: of its raw text as read, UTF-8 (lone surrogates kept)."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def fill_hashes(rows: list[list[Any]]) -> None:
    """Set each item row's SHA-256 of its raw text."""
    for row in rows:
        row[_SHA256] = raw_sha256(row[_RAW])


def _widen(span: list[str | None], at: str) -> None:
    if span[0] is None or utc_before(at, span[0]):
        span[0] = at
    if span[1] is None or utc_before(span[1], at):
        span[1] = at


class ItemRowBuilder:
    """Assigns ids and accounts, builds rows (``sha256`` left empty) and tallies them."""

    def __init__(
        self,
        exhibit_id: int,
        first_item_id: int,
        accounts: dict[str, int],
        resolve_attachment: AttachmentResolver,
        search_words: bool = False,
    ) -> None:
        self.exhibit_id = exhibit_id
        self.search_words = search_words  # also build each batch's search words (a case on PostgreSQL)
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
        # This loop runs once per message: locals, one unpacking of each item, and authors'
        # ids and times looked up by the AccountRef itself (parsers reuse them).
        by_ref: dict[AccountRef, int] = {}
        author_times: dict[AccountRef, list[str]] = {}  # first, last, first's second, last's second
        note = self.seen.note
        counts = self.counts
        exhibit_id = self.exhibit_id
        item_id = self.next_item_id
        rows: list[list[Any]] = []
        recipients: list[tuple[int, int]] = []
        attachments: list[tuple[Any, ...]] = []
        for seq, it in enumerate(items):
            (locator, kind, raw, text, sent_at_raw, at, tz_source, tz_name, author, rcpts, conversation,
             atts, deleted, edited, system, details) = it  # fmt: skip
            author_id = None
            if author is not None:
                author_id = by_ref.get(author)
                if author_id is None:
                    author_id = by_ref[author] = self.account(author)
                times = author_times.get(author)
                if times is None:
                    author_times[author] = [at, at, at[:19], at[:19]] if at is not None else []
                elif at is not None:
                    second = at[:19]
                    if not times:
                        times.extend((at, at, second, second))
                    # first, last and their seconds: text order is time order between different seconds
                    # (``utc_before``), so only two times in one second need their keys
                    elif second < times[2] or (second == times[2] and utc_before(at, times[0])):
                        times[0], times[2] = at, second
                    elif second > times[3] or (second == times[3] and utc_before(times[1], at)):
                        times[1], times[3] = at, second
            for rcpt in rcpts:
                rid = self.account(rcpt)
                recipients.append((item_id, rid))
                note(rid, rcpt.display_name, None)
            for att in atts:
                stored = self.resolve_attachment(att)
                attachments.append((item_id, att.name, att.mime, *(stored if stored else (None, None, None))))
            rows.append(
                [
                    item_id, exhibit_id, seq, locator, kind, author_id,
                    author.display_name if author else None, conversation, sent_at_raw, at, tz_source,
                    tz_name, text, raw, None, deleted, edited, system,
                    json.dumps(details, sort_keys=True, ensure_ascii=False) if details else None,
                ]
            )  # fmt: skip
            counts[kind] += 1
            item_id += 1
            if len(rows) >= batch_size:
                self.next_item_id = item_id
                yield RowBatch(self.take_new_accounts(), rows, recipients, attachments, self._words(rows))
                rows, recipients, attachments = [], [], []
        self.next_item_id = item_id
        if rows or self._new_accounts:
            yield RowBatch(self.take_new_accounts(), rows, recipients, attachments, self._words(rows))
        for ref, times in author_times.items():
            note(by_ref[ref], ref.display_name, times[0] if times else None)
            if times:
                note(by_ref[ref], ref.display_name, times[1])

    def _words(self, rows: list[list[Any]]) -> str:
        return copy_text((row[0], row[_TEXT]) for row in rows) if self.search_words else ""
