"""CaseStore: the only code that writes SQL. Reads live in :mod:`footprint.store.queries`.

Writes happen inside ``with store.transaction() as tx:``; one transaction per exhibit, so a
failure leaves the case exactly as it was. Items go in as bulk ``executemany`` batches of plain
tuples (no per-row objects), with ids assigned here so recipients and attachments can refer to
them without a round trip.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, Insert, Table, func, insert, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from footprint import audit as audit_rules
from footprint.errors import NotFoundError
from footprint.model import AccountRef, ParsedAttachment, ParsedItem, ParseWarning
from footprint.store import schema as t
from footprint.store.queries import CaseQueries
from footprint.times import now_utc


class FindingDraftLike(Protocol):
    """The fields of an analyser's finding that the store keeps."""

    @property
    def item_id(self) -> int | None: ...
    @property
    def category(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def explanation(self) -> str: ...
    @property
    def spans(self) -> tuple[tuple[int, int], ...]: ...
    @property
    def rule_ids(self) -> tuple[str, ...]: ...
    @property
    def model_id(self) -> str | None: ...
    @property
    def details(self) -> dict[str, Any]: ...


AttachmentResolver = Callable[[ParsedAttachment], tuple[str, int, str] | None]


def _insert_ignore(conn: Connection, table: Table) -> Insert:
    """An INSERT that skips rows already present (recipients named twice, for example)."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()


def _placeholders(conn: Connection, count: int) -> str:
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    return ", ".join([mark] * count)


class StoreTx:
    """Write operations inside one open transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._account_ids: dict[str, int] | None = None
        self._next_account_id = 0

    # -- audit -------------------------------------------------------------------------
    def append_audit(
        self,
        *,
        actor: str,
        role: str,
        action: str,
        object: str,
        justification: str,
        details: dict[str, Any],
        at_utc: str,
    ) -> tuple[int, str]:
        """Append one hash-chained audit entry; return its sequence number and hash."""
        last = self.conn.execute(
            select(t.audit.c.seq, t.audit.c.hash).order_by(t.audit.c.seq.desc()).limit(1)
        ).first()
        seq = (last.seq + 1) if last else 1
        prev_hash = last.hash if last else audit_rules.GENESIS
        details_json = json.dumps(details, sort_keys=True, ensure_ascii=False)
        digest = audit_rules.entry_hash(
            seq=seq,
            at_utc=at_utc,
            actor=actor,
            role=role,
            action=action,
            object=object,
            justification=justification,
            details=details_json,
            prev_hash=prev_hash,
        )
        self.conn.execute(
            insert(t.audit).values(
                seq=seq,
                at_utc=at_utc,
                actor=actor,
                role=role,
                action=action,
                object=object,
                justification=justification,
                details=details_json,
                prev_hash=prev_hash,
                hash=digest,
            )
        )
        return seq, digest

    # -- case, people, accounts ------------------------------------------------------------
    def create_case(
        self, *, name: str, zone: str, zone_source: str, created_utc: str, tool_version: str
    ) -> None:
        """Write the case's own row."""
        self.conn.execute(
            insert(t.case).values(
                id=1,
                name=name,
                zone=zone,
                zone_source=zone_source,
                created_utc=created_utc,
                tool_version=tool_version,
            )
        )

    def add_person(self, name: str, role: str, created_utc: str) -> int:
        """Add a person and return their id."""
        result = self.conn.execute(insert(t.person).values(name=name, role=role, created_utc=created_utc))
        assert result.inserted_primary_key is not None
        return int(result.inserted_primary_key[0])

    def person_id(self, name: str) -> int:
        """The id of the named person, or a ``NotFoundError`` naming who exists."""
        row = self.conn.execute(select(t.person.c.id).where(t.person.c.name == name)).first()
        if row is None:
            known = [r.name for r in self.conn.execute(select(t.person.c.name))]
            raise NotFoundError(
                f"no person called {name!r} in this case; known: {', '.join(known) or 'none'}"
                " (add one with `footprint person add`)"
            )
        return int(row.id)

    def account_id(self, key: str) -> int | None:
        """The id of an account key, or None."""
        return self._accounts().get(key)

    def attribute(
        self, *, account_id: int, person_id: int, basis: str, by_user: str, at_utc: str, status: str
    ) -> None:
        """Record an attribution of an account to a person (history is kept, never replaced)."""
        self.conn.execute(
            insert(t.attribution).values(
                account_id=account_id,
                person_id=person_id,
                basis=basis,
                by_user=by_user,
                at_utc=at_utc,
                status=status,
            )
        )

    def _accounts(self) -> dict[str, int]:
        if self._account_ids is None:
            rows = self.conn.execute(select(t.account.c.key, t.account.c.id)).all()
            self._account_ids = {r.key: r.id for r in rows}
            self._next_account_id = max(self._account_ids.values(), default=0) + 1
        return self._account_ids

    def ensure_account(self, ref: AccountRef) -> int:
        """Return the id of ``ref``'s account, creating it if new."""
        accounts = self._accounts()
        key = ref.key
        found = accounts.get(key)
        if found is not None:
            return found
        new_id = self._next_account_id
        self._next_account_id += 1
        self.conn.execute(
            insert(t.account).values(id=new_id, key=key, platform=ref.platform, native_id=ref.native_id)
        )
        accounts[key] = new_id
        return new_id

    # -- exhibits ---------------------------------------------------------------------------
    def add_exhibit(self, **values: Any) -> int:
        """Insert an exhibit row and return its id."""
        result = self.conn.execute(insert(t.exhibit).values(**values))
        assert result.inserted_primary_key is not None
        return int(result.inserted_primary_key[0])

    def set_exhibit_settings(self, exhibit_id: int, settings: dict[str, str]) -> None:
        """Record how the exhibit was read (date order, zone, column mapping)."""
        self.conn.execute(
            update(t.exhibit)
            .where(t.exhibit.c.id == exhibit_id)
            .values(settings=json.dumps(settings, sort_keys=True, ensure_ascii=False))
        )

    def add_warnings(self, exhibit_id: int, warnings: Iterable[ParseWarning]) -> int:
        """Store parse warnings with their raw text; return how many."""
        rows = [
            {"exhibit_id": exhibit_id, "locator": w.locator, "message": w.message, "raw": w.raw}
            for w in warnings
        ]
        if rows:
            self.conn.execute(insert(t.warning), rows)
        return len(rows)

    def add_items(
        self,
        exhibit_id: int,
        items: Iterable[ParsedItem],
        *,
        batch_size: int,
        resolve_attachment: AttachmentResolver,
        progress: Callable[[int], None] | None = None,
    ) -> Counter[str]:
        """Bulk-insert items with recipients and attachments; return counts by kind."""
        if self.conn.dialect.name == "postgresql":
            # ids are assigned here; one writer at a time (SQLite's BEGIN IMMEDIATE does the same)
            self.conn.exec_driver_sql("LOCK TABLE item IN SHARE ROW EXCLUSIVE MODE")
        first_id = (self.conn.execute(select(func.max(t.item.c.id))).scalar() or 0) + 1
        item_sql = (
            "INSERT INTO item (id, exhibit_id, seq, locator, kind, author_account_id, author_name,"
            " conversation, sent_at_raw, sent_at_utc, tz_source, tz_name, text, raw, sha256,"
            f" deleted, edited, system, details) VALUES ({_placeholders(self.conn, 19)})"
        )
        recipient_sql = (
            f"INSERT INTO recipient (item_id, account_id) VALUES ({_placeholders(self.conn, 2)})"
            " ON CONFLICT DO NOTHING"
        )
        seen = _SeenNames()
        counts: Counter[str] = Counter()
        batch: list[tuple[Any, ...]] = []
        recipients: list[tuple[int, int]] = []
        attachments: list[dict[str, Any]] = []
        accounts = self._accounts()
        ensure = self.ensure_account
        sha256 = hashlib.sha256
        item_id = first_id
        for seq, it in enumerate(items):
            author_id = None
            author = it.author
            if author is not None:
                author_id = accounts.get(author.key) or ensure(author)
            for rcpt in it.recipients:
                rid = accounts.get(rcpt.key) or ensure(rcpt)
                recipients.append((item_id, rid))
                seen.note(rid, rcpt.display_name, None)
            for att in it.attachments:
                stored = resolve_attachment(att)
                attachments.append(
                    {
                        "item_id": item_id,
                        "name": att.name,
                        "mime": att.mime,
                        "sha256": stored[0] if stored else None,
                        "size": stored[1] if stored else None,
                        "vault_path": stored[2] if stored else None,
                    }
                )
            batch.append(
                (
                    item_id, exhibit_id, seq, it.locator, it.kind, author_id,
                    author.display_name if author else None, it.conversation, it.sent_at_raw,
                    it.sent_at_utc, it.tz_source, it.tz_name, it.text, it.raw,
                    sha256(it.raw.encode("utf-8", "surrogatepass")).hexdigest(),
                    it.deleted, it.edited, it.system,
                    json.dumps(it.details, sort_keys=True, ensure_ascii=False)
                    if it.details else None,
                )
            )  # fmt: skip
            counts[it.kind] += 1
            item_id += 1
            if len(batch) >= batch_size:
                self._flush(item_sql, batch, recipient_sql, recipients, attachments)
                if progress is not None:
                    progress(len(batch))
                batch, recipients, attachments = [], [], []
        self._flush(item_sql, batch, recipient_sql, recipients, attachments)
        if progress is not None and batch:
            progress(len(batch))
        # Names and first/last times of authors, in one aggregate rather than per row.
        for row in self.conn.execute(
            select(
                t.item.c.author_account_id,
                t.item.c.author_name,
                func.min(t.item.c.sent_at_utc),
                func.max(t.item.c.sent_at_utc),
            )
            .where(t.item.c.exhibit_id == exhibit_id, t.item.c.author_account_id.is_not(None))
            .group_by(t.item.c.author_account_id, t.item.c.author_name)
        ):
            seen.note(row[0], row[1] or "", row[2])
            if row[3] is not None:
                seen.note(row[0], row[1] or "", row[3])
        seen.write(self.conn)
        self._index_text(exhibit_id)
        return counts

    def add_run(
        self,
        *,
        analyser: str,
        version: int,
        settings_hash: str,
        started_utc: str,
        status: str,
        error: str | None,
    ) -> int:
        """Record one analyser run and return its id."""
        result = self.conn.execute(
            insert(t.analysis_run).values(
                analyser=analyser,
                version=version,
                settings_hash=settings_hash,
                started_utc=started_utc,
                finished_utc=now_utc(),
                status=status,
                error=error,
            )
        )
        assert result.inserted_primary_key is not None
        return int(result.inserted_primary_key[0])

    def add_findings(self, run_id: int, drafts: Iterable[FindingDraftLike]) -> None:
        """Store an analyser's findings."""
        rows = [
            {
                "run_id": run_id,
                "item_id": d.item_id,
                "category": d.category,
                "score": float(d.score),
                "spans": json.dumps([list(s) for s in d.spans]),
                "rule_ids": json.dumps(list(d.rule_ids)),
                "model_id": d.model_id,
                "explanation": d.explanation,
                "details": json.dumps(d.details, sort_keys=True, ensure_ascii=False),
            }
            for d in drafts
        ]
        if rows:
            self.conn.execute(insert(t.finding), rows)

    def add_conversation_recipients(
        self, exhibit_id: int, conversation: str, members: Iterable[AccountRef]
    ) -> None:
        """Make every member a recipient of the conversation's messages they did not write.

        Chat exports name the conversation's members only through who speaks; recipients are
        therefore added after the parse, in one set-based statement per member.
        """
        kinds = ("message", "call", "location")
        for member in sorted(set(members)):
            account_id = self.ensure_account(member)
            self.conn.execute(
                _insert_ignore(self.conn, t.recipient).from_select(
                    ["item_id", "account_id"],
                    select(t.item.c.id, literal(account_id)).where(
                        t.item.c.exhibit_id == exhibit_id,
                        t.item.c.conversation == conversation,
                        t.item.c.kind.in_(kinds),
                        or_(
                            t.item.c.author_account_id.is_(None),
                            t.item.c.author_account_id != account_id,
                        ),
                    ),
                )
            )

    def _flush(
        self,
        item_sql: str,
        batch: list[tuple[Any, ...]],
        recipient_sql: str,
        recipients: list[tuple[int, int]],
        attachments: list[dict[str, Any]],
    ) -> None:
        if batch:
            self.conn.exec_driver_sql(item_sql, batch)
        if recipients:
            self.conn.exec_driver_sql(recipient_sql, recipients)
        if attachments:
            self.conn.execute(insert(t.attachment), attachments)

    def _index_text(self, exhibit_id: int) -> None:
        if self.conn.dialect.name == "sqlite":
            self.conn.exec_driver_sql(
                "INSERT INTO item_fts(rowid, text) SELECT id, text FROM item WHERE exhibit_id = ?",
                (exhibit_id,),
            )


class _SeenNames:
    """Collects the names each account was seen under, with first and last times."""

    def __init__(self) -> None:
        self.names: dict[tuple[int, str], list[str | None]] = {}
        self.span: dict[int, list[str | None]] = {}

    def note(self, account_id: int, name: str, at: str | None) -> None:
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

    def write(self, conn: Connection) -> None:
        existing = {
            (r.account_id, r.value): r
            for r in conn.execute(select(t.account_name).where(t.account_name.c.kind == "display_name"))
        }
        for (account_id, value), (first, last) in sorted(self.names.items()):
            row = existing.get((account_id, value))
            if row is None:
                conn.execute(
                    insert(t.account_name).values(
                        account_id=account_id,
                        kind="display_name",
                        value=value,
                        first_seen_utc=first,
                        last_seen_utc=last,
                    )
                )
            else:
                conn.execute(
                    update(t.account_name)
                    .where(t.account_name.c.id == row.id)
                    .values(
                        first_seen_utc=_min(row.first_seen_utc, first),
                        last_seen_utc=_max(row.last_seen_utc, last),
                    )
                )
        for account_id, (first, last) in sorted(self.span.items()):
            row = conn.execute(select(t.account).where(t.account.c.id == account_id)).one()
            conn.execute(
                update(t.account)
                .where(t.account.c.id == account_id)
                .values(
                    first_seen_utc=_min(row.first_seen_utc, first),
                    last_seen_utc=_max(row.last_seen_utc, last),
                )
            )


def _widen(span: list[str | None], at: str) -> None:
    if span[0] is None or at < span[0]:
        span[0] = at
    if span[1] is None or at > span[1]:
        span[1] = at


def _min(a: str | None, b: str | None) -> str | None:
    return min(x for x in (a, b) if x is not None) if (a or b) else None


def _max(a: str | None, b: str | None) -> str | None:
    return max(x for x in (a, b) if x is not None) if (a or b) else None


class CaseStore(CaseQueries):
    """The case database: reads (inherited from :class:`CaseQueries`) and transactions."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)

    @contextmanager
    def transaction(self) -> Iterator[StoreTx]:
        """One all-or-nothing transaction."""
        with self.engine.connect() as conn:
            conn.execution_options(footprint_write=True)
            with conn.begin():
                yield StoreTx(conn)
