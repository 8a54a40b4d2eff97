"""CaseStore: the only code that writes SQL. Reads live in :mod:`footprint.store.queries`.

Writes happen inside ``with store.transaction() as tx:``; one transaction per exhibit, so a
failure leaves the case exactly as it was. Items go in as bulk ``executemany`` batches of plain
tuples built by :class:`~footprint.store.item_rows.ItemRowBuilder` (no per-row objects), with
ids assigned under the write lock so recipients and attachments refer to them without a round
trip. The full-text index is brought up to date by the first search after an ingest.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, Insert, Table, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from footprint import audit as audit_rules
from footprint.errors import DuplicateExhibitError, InputError, NotFoundError
from footprint.model import AccountRef, ParsedItem, ParseWarning, SearchHit
from footprint.read_only import cannot_write
from footprint.store import coverage
from footprint.store import schema as t
from footprint.store.engine import WAIT_OPTION
from footprint.store.finding_numbers import NUMBERS_KEY, give_numbers, recorded_numbers
from footprint.store.item_rows import (
    ATTACHMENT_COLUMNS,
    ITEM_COLUMNS,
    AttachmentResolver,
    ItemRowBuilder,
    RowBatch,
    SeenNames,
    fill_hashes,
)
from footprint.store.paged import PagedQueries
from footprint.store.queries import READ_BATCH
from footprint.store.search_words import copy_text, indexed_text
from footprint.times import now_utc, utc_order_key

STAGED_WORDS = "item_words_staged"  # a temporary table: the words of the items an add writes

# SQLite allows 32,766 bound values in a statement; 19 columns x 1,000 rows stays well inside.
ROWS_PER_STATEMENT = 1_000


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


# the PostgreSQL advisory lock key that serialises audit appends: "FPAUDIT" in ASCII
AUDIT_LOCK = 0x46504155444954


def last_audit_entry(conn: Connection) -> tuple[int, str] | None:
    """The number and hash of the audit log's last entry, or ``None`` when the log is empty."""
    row = conn.execute(select(t.audit.c.seq, t.audit.c.hash).order_by(t.audit.c.seq.desc()).limit(1)).first()
    return (int(row.seq), str(row.hash)) if row is not None else None


def no_person(name: str, known: Sequence[str]) -> NotFoundError:
    """What is said of a person not in the case (``known``: the people the refusal names, those the acting
    role may see)."""
    return NotFoundError(
        f"no person called {name!r} in this case; known: {', '.join(known) or 'none'}"
        " (add one with `footprint person add`)"
    )


def _insert_ignore(conn: Connection, table: Table) -> Insert:
    """An INSERT that skips rows already present (recipients named twice, for example)."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()


class StoreTx:
    """Write operations inside one open transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._account_ids: dict[str, int] | None = None
        self._next_account_id = 0
        #: the audit log's last entry before this transaction's first append (0: none), and the newest
        #: entry it appended: what the case folder's audit head must have seen, and moves to
        self.audit_before: int | None = None
        self.audit_head: tuple[int, str] | None = None
        #: the accounts whose rows or names this transaction wrote or named (an `add`'s: it records them)
        self.accounts_written: set[int] = set()
        #: what may show an advocate findings she was not shown: the runs it stored (their findings), or an
        #: exhibit marked as the complainant's (any finding); her numbers for them are given before it
        #: commits, in its next audit entry (``store.finding_numbers``)
        self.runs_stored: list[int] = []
        self.marked = False

    def pending_numbers(self) -> list[int] | None:
        """The runs whose findings want her numbers now (``None``: every finding, an exhibit was marked);
        they are then given, and nothing is pending."""
        runs = None if self.marked else list(self.runs_stored)
        self.marked, self.runs_stored = False, []
        return runs

    def inserted_id(self, statement: Insert) -> int:
        """Execute an INSERT of one row and return the new row's id."""
        result = self.conn.execute(statement)
        assert result.inserted_primary_key is not None
        return int(result.inserted_primary_key[0])

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
        """Append one hash-chained audit entry (naming the code that writes it: ``audit.next_entry``);
        return its sequence number and hash."""
        if self.conn.dialect.name == "postgresql":
            # writers in other sessions (a second server, a command beside the app) wait here until this
            # transaction ends, so two entries never take the same sequence number (SQLite's writers are
            # already one at a time: BEGIN IMMEDIATE)
            self.conn.execute(select(func.pg_advisory_xact_lock(AUDIT_LOCK)))
        if self.marked or self.runs_stored:  # the numbers its findings take, given and recorded here
            details = {**details, NUMBERS_KEY: recorded_numbers(self.conn, self.pending_numbers())}
        entry = audit_rules.next_entry(
            last_audit_entry(self.conn),
            at_utc=at_utc,
            actor=actor,
            role=role,
            action=action,
            object=object,
            justification=justification,
            details=details,
        )
        if self.audit_before is None:
            self.audit_before = entry.seq - 1
        self.conn.execute(insert(t.audit).values(**vars(entry)))  # the fields hashed are the fields stored
        self.audit_head = (entry.seq, entry.hash)
        return entry.seq, entry.hash

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
        return self.inserted_id(insert(t.person).values(name=name, role=role, created_utc=created_utc))

    def person_id(self, name: str) -> int:
        """The id of the named person, or a ``NotFoundError`` naming who exists."""
        row = self.conn.execute(select(t.person.c.id).where(t.person.c.name == name)).first()
        if row is None:
            raise no_person(name, [r.name for r in self.conn.execute(select(t.person.c.name))])
        return int(row.id)

    def account_id(self, key: str) -> int | None:
        """The id of an account key, or None."""
        return self._accounts().get(key)

    def attribute(
        self, *, account_id: int, person_id: int, basis: str, by_user: str, at_utc: str, status: str
    ) -> int:
        """Record an attribution of an account to a person (history is kept, never replaced); return its
        id."""
        return self.inserted_id(
            insert(t.attribution).values(
                account_id=account_id,
                person_id=person_id,
                basis=basis,
                by_user=by_user,
                at_utc=at_utc,
                status=status,
            )
        )

    def attributed_to(self, account_id: int) -> int | None:
        """The person an account's latest accepted attribution names, or None."""
        row = self.conn.execute(
            select(t.attribution.c.person_id)
            .where(t.attribution.c.account_id == account_id, t.attribution.c.status == "accepted")
            .order_by(t.attribution.c.id.desc())
        ).first()
        return None if row is None else int(row.person_id)

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
    def lock_items(self) -> None:
        """Take the one-writer lock of `add` until the transaction ends: SQLite's writers already hold it
        (``BEGIN IMMEDIATE``); on PostgreSQL it is ``item``'s SHARE ROW EXCLUSIVE lock, which `verify`
        looks for (``CaseQueries.adding``) and no other writer takes."""
        if self.conn.dialect.name == "postgresql":
            self.conn.exec_driver_sql("LOCK TABLE item IN SHARE ROW EXCLUSIVE MODE")

    def add_exhibit(
        self, *, renumber: Callable[[list[tuple[str, str]]], str] | None = None, **values: Any
    ) -> tuple[int, str]:
        """Insert an exhibit row; return its id and its reference.

        The reference and the file were checked before the write lock was taken; another ``add`` may
        have committed the same file since, which is refused here in one line. A reference taken
        meanwhile is chosen again by ``renumber`` (from the references now in use) when the reference
        was the tool's choice, and refused when the examiner gave it.
        """
        self.lock_items()
        same = self.conn.execute(
            select(t.exhibit.c.ref, t.exhibit.c.file_name).where(t.exhibit.c.sha256 == values["sha256"])
        ).first()
        if same is not None:
            raise DuplicateExhibitError(
                f"{values['file_name']}: already in the case as exhibit {same.ref} (added at the same time"
                f" from {same.file_name}, same SHA-256 {str(values['sha256'])[:12]}…); not added again"
            )
        if self.conn.execute(select(t.exhibit.c.id).where(t.exhibit.c.ref == values["ref"])).first():
            if renumber is None:
                raise InputError(
                    f"exhibit reference {values['ref']} was taken by an exhibit added at the same time; the"
                    " case is unchanged: choose another with --exhibit"
                )
            in_use = self.conn.execute(select(t.exhibit.c.ref, t.exhibit.c.producer))
            values["ref"] = renumber([(r.ref, r.producer) for r in in_use])
        return self.inserted_id(insert(t.exhibit).values(**values)), str(values["ref"])

    def mark_supplied(
        self, exhibit_id: int, supplied_by: str, reason: str, *, by_user: str, role: str, at_utc: str
    ) -> int:
        """Record that ``supplied_by`` supplied the exhibit (a new row; the exhibit is not changed); return
        the row's id."""
        self.marked = True
        return self.inserted_id(
            insert(t.exhibit_supply).values(
                exhibit_id=exhibit_id,
                supplied_by=supplied_by,
                reason=reason,
                by_user=by_user,
                role=role,
                at_utc=at_utc,
            )
        )

    def record_owner(
        self,
        exhibit_id: int,
        owner: str,
        corrects: str | None,
        reason: str,
        *,
        by_user: str,
        role: str,
        at_utc: str,
    ) -> int:
        """Record whose phone or account the exhibit came from (a new row; the exhibit is not changed);
        return the row's id."""
        return self.inserted_id(
            insert(t.exhibit_owner).values(
                exhibit_id=exhibit_id,
                owner=owner,
                corrects=corrects,
                reason=reason,
                by_user=by_user,
                role=role,
                at_utc=at_utc,
            )
        )

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

    def attachments_not_stored(self, exhibit_id: int) -> list[tuple[str, str]]:
        """(item locator, attachment name) of each attachment of the exhibit whose file is not stored
        (the export names it but does not contain it), in item order."""
        return [
            (r.locator, r.name)
            for r in self.conn.execute(
                select(t.item.c.locator, t.attachment.c.name)
                .join(t.attachment, t.attachment.c.item_id == t.item.c.id)
                .where(t.item.c.exhibit_id == exhibit_id, t.attachment.c.sha256.is_(None))
                .order_by(t.item.c.id, t.attachment.c.id)
            )
        ]

    def item_row_builder(self, exhibit_id: int, resolve_attachment: AttachmentResolver) -> ItemRowBuilder:
        """A builder for ``exhibit_id``'s rows, numbering items after every item in the case."""
        self.lock_items()  # ids are assigned here
        first_id = (self.conn.execute(select(func.max(t.item.c.id))).scalar() or 0) + 1
        postgresql = self.conn.dialect.name == "postgresql"
        return ItemRowBuilder(exhibit_id, first_id, self._accounts(), resolve_attachment, postgresql)

    def write_rows(
        self,
        batches: Iterable[RowBatch],
        progress: Callable[[int], None] | None = None,
        observe: Callable[[RowBatch], None] | None = None,
    ) -> None:
        """Insert batches built by an :class:`ItemRowBuilder`, hashing each item as it goes in; each batch
        inserted is given to ``observe`` (`add` digests the rows so, without reading them back).

        On PostgreSQL items go in by COPY, and the search words built with the rows are copied to a
        temporary table as they come and into ``item_words`` at the end (:meth:`_index_staged_words`),
        so the first search after the ingest has nothing left to index.
        """
        mark = "?" if self.conn.dialect.paramstyle == "qmark" else "%s"

        def sql(table: str, columns: tuple[str, ...]) -> str:
            return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"

        account_sql = sql("account", ("id", "key", "platform", "native_id"))
        item_copy = f"COPY item ({', '.join(ITEM_COLUMNS)}) FROM STDIN"
        recipient_sql = sql("recipient", ("item_id", "account_id")) + " ON CONFLICT DO NOTHING"
        attachment_sql = sql("attachment", ATTACHMENT_COLUMNS)
        accounts = self._accounts()
        cursor = self.conn.connection.cursor()  # the driver's own: rows go in exactly as built
        staged: list[int] = []  # ids of the items whose words are staged, batch by batch

        def insert_items(rows: list[list[Any]]) -> None:
            if mark != "?":  # PostgreSQL: COPY, which the server reads far faster than one INSERT a row
                with self._driver_cursor().copy(item_copy) as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            # SQLite: many rows per statement, which binds faster than one statement per row
            for start in range(0, len(rows), ROWS_PER_STATEMENT):
                chunk = rows[start : start + ROWS_PER_STATEMENT]
                cursor.execute(many_items_sql(len(chunk)), list(chain.from_iterable(chunk)))

        try:
            for batch in batches:
                if batch.accounts:
                    cursor.executemany(account_sql, batch.accounts)
                    for account_id, key, _platform, _native in batch.accounts:
                        accounts[key] = account_id
                        self._next_account_id = max(self._next_account_id, account_id + 1)
                if batch.items:
                    fill_hashes(batch.items)
                    insert_items(batch.items)
                if batch.recipients:
                    cursor.executemany(recipient_sql, batch.recipients)
                if batch.attachments:
                    cursor.executemany(attachment_sql, batch.attachments)
                if observe is not None:
                    observe(batch)
                if batch.words:
                    self._stage_words(batch.words, first=not staged)
                    staged += (batch.items[0][0], batch.items[-1][0])
                if progress is not None and batch.items:
                    progress(len(batch.items))
            if staged:
                self._index_staged_words(staged[0], staged[-1])
        except Exception as exc:
            if "NUL (0x00)" not in str(exc):  # psycopg's words: PostgreSQL text cannot hold U+0000
                raise
            raise InputError(
                "this exhibit holds a NUL character (U+0000), which PostgreSQL cannot store; the case is"
                " unchanged. Keep this exhibit in a case on SQLite (no --db), where it is stored as it is"
            ) from exc
        finally:
            cursor.close()

    def write_seen(self, seen: SeenNames) -> None:
        """Record the names accounts were seen under and widen their first and last times."""
        conn = self.conn
        self.accounts_written.update(account_id for account_id, _name in seen.times)
        existing = {
            (r.account_id, r.value): r
            for r in conn.execute(select(t.account_name).where(t.account_name.c.kind == "display_name"))
        }
        for (account_id, value), (first, last) in sorted(seen.names.items()):
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
        for account_id, (first, last) in sorted(seen.span.items()):
            row = conn.execute(select(t.account).where(t.account.c.id == account_id)).one()
            conn.execute(
                update(t.account)
                .where(t.account.c.id == account_id)
                .values(
                    first_seen_utc=_min(row.first_seen_utc, first),
                    last_seen_utc=_max(row.last_seen_utc, last),
                )
            )

    def add_items(
        self,
        exhibit_id: int,
        items: Iterable[ParsedItem],
        *,
        batch_size: int,
        resolve_attachment: AttachmentResolver,
        progress: Callable[[int], None] | None = None,
        observe: Callable[[RowBatch], None] | None = None,
    ) -> Counter[str]:
        """Build and insert ``items`` in this process (each batch given to ``observe``); return counts by
        kind."""
        builder = self.item_row_builder(exhibit_id, resolve_attachment)
        self.write_rows(builder.batches(items, batch_size), progress, observe)
        self.write_seen(builder.seen)
        return builder.counts

    def add_analysis(self, analysers: Sequence[str], by_user: str) -> int:
        """Record that an analyse begins, naming the analysers it will run in order; return its id."""
        return self.inserted_id(
            insert(t.analysis).values(
                analysers=json.dumps(list(analysers)), started_utc=now_utc(), by_user=by_user
            )
        )

    def add_run(
        self,
        *,
        analyser: str,
        version: int,
        settings_hash: str,
        started_utc: str,
        status: str,
        error: str | None,
        analysis_id: int | None = None,
    ) -> int:
        """Record one analyser run and return its id (finished now: ``finish_run`` once its rows are in)."""
        run_id = self.inserted_id(
            insert(t.analysis_run).values(
                analyser=analyser,
                version=version,
                settings_hash=settings_hash,
                started_utc=started_utc,
                finished_utc=now_utc(),
                status=status,
                error=error,
                analysis_id=analysis_id,
            )
        )
        self.runs_stored.append(run_id)
        return run_id

    def finish_run(self, run_id: int) -> None:
        """Stamp a run finished now, after its findings and other rows were written."""
        self.conn.execute(
            update(t.analysis_run).where(t.analysis_run.c.id == run_id).values(finished_utc=now_utc())
        )

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

    def add_conversation_members(
        self, exhibit_id: int, conversation: str, members: Iterable[AccountRef]
    ) -> None:
        """Record a chat conversation's members; each receives the messages they did not write.

        Chat exports name a conversation's members only through who speaks, so the recipients
        of its messages are derived from this list when items are read.
        """
        ids = sorted({self.ensure_account(m) for m in members})
        self.accounts_written.update(ids)
        if ids:
            self.conn.execute(
                _insert_ignore(self.conn, t.conversation_member),
                [{"exhibit_id": exhibit_id, "conversation": conversation, "account_id": i} for i in ids],
            )

    def _stage_words(self, words: str, first: bool) -> None:
        """Copy search words (``item_words`` rows in COPY's text format) to the temporary table."""
        if first:  # no index: filled once, read once; gone with the transaction, or dropped once read
            columns = "item_id integer, part integer, words tsvector"
            self.conn.exec_driver_sql(f"CREATE TEMP TABLE {STAGED_WORDS} ({columns}) ON COMMIT DROP")
        with self._driver_cursor().copy(f"COPY {STAGED_WORDS} (item_id, part, words) FROM STDIN") as copy:
            copy.write(words)

    def _index_staged_words(self, first: int, last: int) -> None:
        """Move the staged words of items ``first`` to ``last`` into ``item_words``: the index is up to date.

        Items before ``first`` not yet indexed (added before schema 0004) are indexed first.
        """
        upto = self._indexed_upto()
        with self._words_table(new=last - upto > upto) as table:
            self._copy_words(table, upto, first - 1)
            self.conn.exec_driver_sql(
                f"INSERT INTO {table} (item_id, part, words) SELECT * FROM {STAGED_WORDS}"
            )
        self.conn.exec_driver_sql(f"DROP TABLE {STAGED_WORDS}")
        self.conn.execute(update(t.search_index).values(indexed_upto=last))

    def _indexed_upto(self) -> int:
        """The last item in the full-text index (PostgreSQL: its row is locked until the transaction ends)."""
        upto_query = select(t.search_index.c.indexed_upto)
        if self.conn.dialect.name == "postgresql":
            upto_query = upto_query.with_for_update()
        return int(self.conn.execute(upto_query).scalar() or 0)

    def index_new_text(self) -> int:
        """Bring the full-text index up to the newest item; return how many items were added.

        SQLite: FTS5's ``item_fts``. PostgreSQL: ``item_words``, the words FTS5 would index
        (``search_words``). On PostgreSQL the ``search_index`` row is locked first, so a second
        search arriving meanwhile waits and then finds the index up to date.
        """
        upto = self._indexed_upto()
        newest = self.conn.execute(select(func.max(t.item.c.id))).scalar() or 0
        if newest <= upto:
            return 0
        if self.conn.dialect.name == "postgresql":
            with self._words_table(new=newest - upto > upto) as table:
                self._copy_words(table, upto, newest)
        else:
            for rows in self._texts(upto, newest):
                self.conn.exec_driver_sql(
                    "INSERT INTO item_fts(rowid, text) VALUES (?, ?)",
                    [(item_id, indexed_text(item_text)) for item_id, item_text in rows],
                )
        self.conn.execute(update(t.search_index).values(indexed_upto=newest))
        return newest - upto

    @contextmanager
    def _words_table(self, new: bool) -> Iterator[str]:
        """The ``item_words`` partition to add words to: the newest, or when ``new`` one made for them.

        A new table is filled without an index, then indexed and attached, which is quicker than adding
        to a GIN index word by word when more items are new than indexed (a large add). Other sessions
        do not see it until this transaction commits, and attaching it takes a lock their reads do not
        wait for (``SHARE UPDATE EXCLUSIVE`` on ``item_words``): a search meanwhile reads the case as it
        was. Each new table at least doubles the indexed items, so a case has few.
        """
        generation = self.conn.exec_driver_sql(
            "SELECT count(*) FROM pg_inherits WHERE inhparent = 'item_words'::regclass"
        ).scalar_one()
        if not new:
            yield f"item_words_{generation}"
            return
        generation += 1
        table = f"item_words_{generation}"
        self.conn.exec_driver_sql(
            f"CREATE TABLE {table} (item_id integer NOT NULL, part integer NOT NULL, words tsvector NOT NULL,"
            f" generation integer NOT NULL DEFAULT {generation} CHECK (generation = {generation}))"
        )  # the check spares ATTACH a scan of the table
        yield table
        self.conn.exec_driver_sql(f"ALTER TABLE {table} ADD PRIMARY KEY (item_id, part)")
        self.conn.exec_driver_sql(f"CREATE INDEX ix_{table} ON {table} USING gin (words)")
        self.conn.exec_driver_sql(
            f"ALTER TABLE item_words ATTACH PARTITION {table} FOR VALUES IN ({generation})"
        )
        # the planner is told the new table's size, and what item_words as a whole holds (which a search
        # joins to item: without it, it takes the hits for a few hundred items); autovacuum never
        # gathers the latter for a partitioned table
        self.conn.exec_driver_sql("ANALYZE item_words")

    def _texts(self, upto: int, newest: int) -> Iterator[list[tuple[int, str]]]:
        """The (id, text) of items ``upto`` (exclusive) to ``newest``, a batch at a time."""
        while upto < newest:
            rows = self.conn.execute(
                select(t.item.c.id, t.item.c.text)
                .where(t.item.c.id > upto, t.item.c.id <= newest)
                .order_by(t.item.c.id)
                .limit(READ_BATCH)
            ).all()
            if not rows:
                return
            yield [(r[0], r[1]) for r in rows]
            upto = rows[-1][0]

    def _copy_words(self, table: str, upto: int, newest: int) -> None:
        """Copy the search words of items ``upto`` (exclusive) to ``newest`` into ``table``."""
        cursor = self._driver_cursor()
        for rows in self._texts(upto, newest):
            with cursor.copy(f"COPY {table} (item_id, part, words) FROM STDIN") as copy:
                copy.write(copy_text(rows))

    def _driver_cursor(self) -> Any:
        """A cursor of psycopg itself: COPY is the fast way in."""
        driver = self.conn.connection.driver_connection
        assert driver is not None  # an open connection
        return driver.cursor()


@lru_cache(maxsize=8)
def many_items_sql(rows: int) -> str:
    """An SQLite INSERT of ``rows`` items in one statement."""
    one = f"({', '.join(['?'] * len(ITEM_COLUMNS))})"
    return f"INSERT INTO item ({', '.join(ITEM_COLUMNS)}) VALUES {', '.join([one] * rows)}"


def _min(a: str | None, b: str | None) -> str | None:
    return min((x for x in (a, b) if x is not None), key=utc_order_key) if (a or b) else None


def _max(a: str | None, b: str | None) -> str | None:
    return max((x for x in (a, b) if x is not None), key=utc_order_key) if (a or b) else None


class CaseStore(PagedQueries):
    """The case database: reads (inherited from :class:`CaseQueries` and :class:`PagedQueries`) and
    transactions."""

    def __init__(self, engine: Engine, role: str = "") -> None:
        super().__init__(engine, role)

    def for_role(self, role: str) -> CaseStore:
        """The same database as a user acting in ``role`` may see it (``store.scope``)."""
        return self if role == self.role else CaseStore(self._engine, role)

    @contextmanager
    def transaction(self, wait_ms: int | None = None) -> Iterator[StoreTx]:
        """One all-or-nothing transaction; on SQLite waiting up to ``wait_ms`` for another writer to end
        (by default ``WRITE_WAIT_MS``)."""
        with self._engine.connect() as conn:
            conn.execution_options(
                footprint_write=True, **({} if wait_ms is None else {WAIT_OPTION: wait_ms})
            )
            with conn.begin():
                tx = StoreTx(conn)
                yield tx
                if tx.marked or tx.runs_stored:  # stored after its last audit entry (none does)
                    give_numbers(conn, tx.pending_numbers())

    def not_read(self) -> dict[str, tuple[str, ...]]:
        """For each analyser, the exhibits this role may see that its latest successful run did not read
        (added after it began: ``store.coverage``)."""
        with self._engine.connect() as conn:
            return coverage.not_read(conn, self._visible)

    def search(
        self, query: str, limit: int = 100, offset: int = 0, exhibit: str | None = None
    ) -> list[SearchHit]:
        """Full-text search, first indexing items added since the last search."""
        self._catch_up_search_index()
        return super().search(query, limit, offset, exhibit)

    def search_count(self, query: str, exhibit: str | None = None) -> int:
        """How many items a search finds, first indexing items added since the last search."""
        self._catch_up_search_index()
        return super().search_count(query, exhibit)

    def _catch_up_search_index(self) -> None:
        behind = self._search_index_behind()
        if not behind:
            return
        try:
            with self.transaction() as tx:
                tx.index_new_text()
        except DBAPIError as exc:  # a read-only copy: a search of the index alone would miss items
            why = cannot_write(exc)
            if why is None:
                raise
            raise InputError(
                f"the case's search index lacks the {behind:,} item(s) added since its last search, and the"
                f" case cannot be written to add them ({why}); nothing was searched, as the search would"
                " miss them. Copy the case folder to a disk you can write to and search the copy"
            ) from None

    def _search_index_behind(self) -> int:
        """How many items the full-text index does not hold yet (0 when it is up to date)."""
        with self._engine.connect() as conn:
            upto = conn.execute(select(t.search_index.c.indexed_upto)).scalar() or 0
            newest = conn.execute(select(func.max(t.item.c.id))).scalar() or 0
        return max(int(newest) - int(upto), 0)
