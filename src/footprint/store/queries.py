"""Read-side queries of the case store (no writes here)."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sqlalchemy import CompoundSelect, Connection, Engine, Row, Select, func, literal, select, text, union_all

from footprint.errors import WithheldError
from footprint.model import (
    RECEIVED_KINDS,
    Account,
    Analysis,
    AnalysisRun,
    Attachment,
    AuditEntry,
    CaseInfo,
    Exhibit,
    Finding,
    Item,
    Person,
    SearchHit,
    StoredWarning,
    run_ended,
)
from footprint.store import copies, finding_scope, finding_state, scope
from footprint.store import schema as t
from footprint.store.carried import Decided, carried_decisions, with_carried
from footprint.store.case_subjects import earlier_case_pointers
from footprint.store.copies import CopyRef
from footprint.store.finding_details import finding_columns, read_details
from footprint.store.ordering import bytewise, utc_order, utc_order_sql
from footprint.store.search_snippet import snippets
from footprint.store.search_words import fts5_query, pg_tsqueries

READ_BATCH = 5_000
#: audited changes an analysis reads (who operates an account, court orders, the relationship): made after
#: the latest `analyse` began, its findings and offence assessment do not reflect them (``analysis_gaps``)
INPUT_ACTIONS = (
    "account attribute",
    "exhibit owner",
    "link accept",
    "link reject",
    "order add",
    "order notice",
    "order served",
    "relationship add",
)
# The source of findings a person records on an item (``footprint record``): each is a run of its own,
# and every one of them stays current (an analyser's run replaces its previous one; a person's does not).
RECORDED_ANALYSER = "reviewer"
# The source of the facts an investigator records (``footprint relationship add``): a run of its own too.
FACTS_ANALYSER = "investigator_facts"
# Runs a person made by recording something, which read no exhibit: never "not read" by a later `add`.
PERSON_RUNS = (RECORDED_ANALYSER, FACTS_ANALYSER)


def latest_run_ids() -> CompoundSelect[tuple[int]]:
    """The id of each analyser's latest successful run and of every finding a person recorded (what
    findings and links are read from)."""
    run = t.analysis_run.c
    return union_all(
        select(func.max(run.id))
        .where(run.status == "ok", run.analyser != RECORDED_ANALYSER)
        .group_by(run.analyser),
        select(run.id).where(run.status == "ok", run.analyser == RECORDED_ANALYSER),
    )


def latest_findings(*columns: Any, runs: Sequence[int] | None = None, on_items: bool = False) -> Select[Any]:
    """``columns`` of the findings of the latest runs (``latest_run_ids``; these ``runs`` when given),
    joined to their run, item, exhibit and state (``decision.decision``: the latest confirm or dismiss, a
    note never; ``store.finding_state``), in item then category order. ``on_items``: only the findings on
    items, joined to them (not a left join), so a database may
    read them in time order from ``ix_item_time`` and ``ix_finding_item_category`` rather than sort them."""
    last_decision = finding_state.latest_states()
    query = (
        select(*columns)
        .select_from(t.finding)
        .join(t.analysis_run, t.analysis_run.c.id == t.finding.c.run_id)
    )
    if on_items:
        query = query.join(t.item, t.item.c.id == t.finding.c.item_id)
    else:
        query = query.outerjoin(t.item, t.item.c.id == t.finding.c.item_id)
    return (
        query.outerjoin(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
        .outerjoin(last_decision, last_decision.c.finding_id == t.finding.c.id)
        .outerjoin(t.decision, t.decision.c.id == last_decision.c.did)
        .where(t.finding.c.run_id.in_(latest_run_ids() if runs is None else list(runs)))
        .order_by(  # case-level findings (no item) first, on PostgreSQL too (it puts NULLs last)
            utc_order(t.item.c.sent_at_utc).nulls_first(),
            t.item.c.id if on_items else t.finding.c.item_id.nulls_first(),
            t.finding.c.category,
            t.finding.c.id,
        )
    )


class CaseQueries:
    """Everything that reads the case database, as a user acting in ``role`` may see it (``store.scope``)."""

    def __init__(self, engine: Engine, role: str = "") -> None:
        self._engine = engine
        self.role = role
        self.supplied_only = scope.supplied_only(role)

    @property
    def engine(self) -> Engine:
        """The database, for reads outside these queries: refused while this role may not see every
        exhibit (deny by default; a read that can be narrowed to what the role sees belongs here)."""
        self.require_whole("this part of the case")
        return self._engine

    @property
    def unscoped_engine(self) -> Engine:
        """The database without the role's scope: only for what is not evidence (users, connections) or
        for a read already checked against the scope."""
        return self._engine

    def adding(self) -> bool:
        """Whether another live session holds `add`'s one-writer lock now (``StoreTx.lock_items``): on
        SQLite the database's write lock, which every writer holds while it writes; on PostgreSQL the lock
        on ``item`` that only `add` takes. A lock ends with its process: an `add` that was stopped holds
        none."""
        if self._engine.dialect.name == "postgresql":
            with self._engine.connect() as conn:
                held = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'relation' AND granted"
                        " AND relation = CAST('item' AS regclass) AND mode = 'ShareRowExclusiveLock'"
                        " AND pid <> pg_backend_pid()"
                    )
                ).scalar_one()
            return bool(held)
        raw = self._engine.raw_connection()  # the driver's own: its BEGIN, with no wait for the lock
        try:
            cursor = raw.cursor()
            waits = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
            cursor.execute("PRAGMA busy_timeout = 0")
            try:
                cursor.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # "database is locked": a writer holds it
                return True
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {int(waits)}")
            cursor.execute("ROLLBACK")
            return False
        finally:
            raw.close()

    def withheld(self) -> int:
        """How many exhibits this role may not see (0 for every role but a supplied-only one)."""
        if not self.supplied_only:
            return 0
        with self._engine.connect() as conn:
            return scope.withheld_count(conn)

    def require_whole(self, what: str, remedy: str = WithheldError.REMEDY) -> None:
        """Refuse ``what`` (which cannot be shown in part) while this role may not see every exhibit
        (``remedy``: what she may do instead)."""
        withheld = self.withheld()
        if withheld:
            raise scope.refuse(self.role, withheld, what, remedy)

    def _visible(self, query: Any, exhibit_id: Any) -> Any:
        """``query`` narrowed to the exhibits this role may see (``exhibit_id``: the column to narrow)."""
        return query.where(exhibit_id.in_(scope.supplied_exhibits())) if self.supplied_only else query

    def held_case_name(self) -> str | None:
        """The name of the case this (migrated) database already holds, if any."""
        with self._engine.connect() as conn:
            return conn.execute(select(t.case.c.name)).scalar()

    def case_info(self, revision: str) -> CaseInfo:
        """The case's own row."""
        with self._engine.connect() as conn:
            row = conn.execute(select(t.case)).one()
        return CaseInfo(
            name=row.name,
            zone=row.zone,
            zone_source=row.zone_source,
            created_utc=row.created_utc,
            schema_revision=revision,
        )

    def persons(self) -> list[Person]:
        """Everyone in the case, by name."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(t.person).order_by(bytewise(t.person.c.name))).all()
        return [Person(id=r.id, name=r.name, role=r.role) for r in rows]

    def accounts(self) -> list[Account]:
        """Every account with its names and its latest accepted attribution."""
        with self._engine.connect() as conn:
            names: dict[int, list[str]] = defaultdict(list)
            for n in conn.execute(
                select(t.account_name.c.account_id, t.account_name.c.value).order_by(
                    utc_order(t.account_name.c.first_seen_utc).nulls_first(), bytewise(t.account_name.c.value)
                )
            ):
                names[n.account_id].append(n.value)
            attributed: dict[int, tuple[str, str]] = {}
            for a in conn.execute(
                select(t.attribution.c.account_id, t.person.c.name, t.attribution.c.basis)
                .join(t.person, t.person.c.id == t.attribution.c.person_id)
                .where(t.attribution.c.status == "accepted")
                .order_by(t.attribution.c.id)
            ):
                attributed[a.account_id] = (a.name, a.basis)
            rows = conn.execute(select(t.account).order_by(bytewise(t.account.c.key))).all()
            hidden = scope.withheld_accounts(conn) if self.supplied_only else set()
        return [
            Account(
                id=r.id,
                key=r.key,
                platform=r.platform,
                native_id=r.native_id,
                names=tuple(names.get(r.id, ())),
                first_seen_utc=r.first_seen_utc,
                last_seen_utc=r.last_seen_utc,
                person=attributed.get(r.id, (None, None))[0],
                basis=attributed.get(r.id, (None, None))[1],
            )
            for r in rows
            if r.id not in hidden
        ]

    def exhibits(self) -> list[Exhibit]:
        """Every exhibit in the order it was received, with who supplied it when recorded and its owner (the
        newest `exhibit owner` record, else the one given to `add`)."""
        supplied = (
            select(t.exhibit.c.id.label("exhibit_id"), literal(scope.SUPPLIER).label("by"))
            .where(t.exhibit.c.id.in_(scope.supplied_exhibits()))
            .subquery()
        )
        newest = (
            select(func.max(t.exhibit_owner.c.id).label("id"))
            .group_by(t.exhibit_owner.c.exhibit_id)
            .subquery()
        )
        owned = (
            select(t.exhibit_owner.c.exhibit_id, t.exhibit_owner.c.owner)
            .where(t.exhibit_owner.c.id.in_(select(newest.c.id)))
            .subquery()
        )
        query = (
            select(t.exhibit, supplied.c.by, owned.c.owner.label("owner_now"))
            .outerjoin(supplied, supplied.c.exhibit_id == t.exhibit.c.id)
            .outerjoin(owned, owned.c.exhibit_id == t.exhibit.c.id)
            .order_by(t.exhibit.c.id)
        )
        with self._engine.connect() as conn:
            rows = conn.execute(self._visible(query, t.exhibit.c.id)).all()
        return [
            Exhibit(
                id=r.id,
                ref=r.ref,
                file_name=r.file_name,
                original_path=r.original_path,
                sha256=r.sha256,
                size=r.size,
                format=r.format,
                parser=r.parser,
                parser_version=r.parser_version,
                producer=r.producer,
                owner=r.owner_now if r.owner_now is not None else r.owner,
                received_utc=r.received_utc,
                notes=r.notes,
                vault_path=r.vault_path,
                settings=json.loads(r.settings),
                supplied_by=r.by or "",
            )
            for r in rows
        ]

    def exhibit_refs(self) -> list[tuple[str, str]]:
        """All exhibit references in use, each with its producer (whatever the role sees: a new exhibit's
        reference is chosen among them; they are never shown)."""
        with self._engine.connect() as conn:
            return [(r.ref, r.producer) for r in conn.execute(select(t.exhibit.c.ref, t.exhibit.c.producer))]

    def exhibit_by_sha256(self, sha256: str) -> Exhibit | None:
        """The exhibit with these bytes, if any (and this role may see it)."""
        return next((e for e in self.exhibits() if e.sha256 == sha256), None)

    def sha256_withheld(self, sha256: str) -> bool:
        """Whether an exhibit this role may not see holds these bytes (an add of them is refused, without
        naming it)."""
        if not self.supplied_only:
            return False
        query = select(t.exhibit.c.id).where(
            t.exhibit.c.sha256 == sha256, t.exhibit.c.id.not_in(scope.supplied_exhibits())
        )
        with self._engine.connect() as conn:
            return conn.execute(query).first() is not None

    def item_counts(self) -> dict[int, dict[str, int]]:
        """Items per exhibit id and kind."""
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        with self._engine.connect() as conn:
            query = select(t.item.c.exhibit_id, t.item.c.kind, func.count()).group_by(
                t.item.c.exhibit_id, t.item.c.kind
            )
            for r in conn.execute(self._visible(query, t.item.c.exhibit_id)):
                counts[r[0]][r[1]] = r[2]
        return {k: dict(sorted(v.items())) for k, v in counts.items()}

    def author_names(self) -> set[str]:
        """The names shown as the authors of the items this role may see."""
        query = select(t.item.c.author_name).where(t.item.c.author_name.is_not(None)).distinct()
        with self._engine.connect() as conn:
            return {r[0] for r in conn.execute(self._visible(query, t.item.c.exhibit_id))}

    def authors(self, exhibit_ref: str) -> list[tuple[str, str, int]]:
        """Who wrote an exhibit's messages: each author account's key, latest name shown and number of
        items (not system lines), most first."""
        author = t.account.alias("author")
        query = (
            select(author.c.key, func.max(t.item.c.author_name), func.count())
            .select_from(t.item)
            .join(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
            .join(author, author.c.id == t.item.c.author_account_id)
            .where(t.exhibit.c.ref == exhibit_ref, t.item.c.system.is_(False))
            .group_by(author.c.key)
        )
        with self._engine.connect() as conn:
            rows = conn.execute(self._visible(query, t.item.c.exhibit_id)).all()
        return sorted(((r[0], r[1] or "", int(r[2])) for r in rows), key=lambda r: (-r[2], r[0]))

    def recipients(self, exhibit_ref: str) -> list[tuple[str, int]]:
        """Whom an exhibit's messages were sent to, where it names them (an e-mail's To and Cc; a chat
        export names none): each recipient account's key and number of items, most first."""
        query = (
            select(t.account.c.key, func.count())
            .select_from(t.recipient)
            .join(t.item, t.item.c.id == t.recipient.c.item_id)
            .join(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
            .join(t.account, t.account.c.id == t.recipient.c.account_id)
            .where(t.exhibit.c.ref == exhibit_ref, t.item.c.system.is_(False))
            .group_by(t.account.c.key)
        )
        with self._engine.connect() as conn:
            rows = conn.execute(self._visible(query, t.item.c.exhibit_id)).all()
        return sorted(((r[0], int(r[1])) for r in rows), key=lambda r: (-r[1], r[0]))

    def warning_counts(self) -> dict[int, int]:
        """Warnings per exhibit id."""
        with self._engine.connect() as conn:
            query = select(t.warning.c.exhibit_id, func.count()).group_by(t.warning.c.exhibit_id)
            rows = conn.execute(self._visible(query, t.warning.c.exhibit_id)).all()
        return {r[0]: r[1] for r in rows}

    def warnings(self, exhibit_ref: str | None = None) -> list[StoredWarning]:
        """Stored parse warnings, in exhibit then file order."""
        query = (
            select(t.exhibit.c.ref, t.warning.c.locator, t.warning.c.message, t.warning.c.raw)
            .join(t.exhibit, t.exhibit.c.id == t.warning.c.exhibit_id)
            .order_by(t.warning.c.exhibit_id, t.warning.c.id)
        )
        if exhibit_ref is not None:
            query = query.where(t.exhibit.c.ref == exhibit_ref)
        with self._engine.connect() as conn:
            return [StoredWarning(*r) for r in conn.execute(self._visible(query, t.warning.c.exhibit_id))]

    def copy_refs(self) -> dict[int, tuple[CopyRef, ...]]:
        """Each item that later exhibits repeat, with its copies (``footprint.store.copies``)."""
        return copies.copy_refs(self._engine, scope.supplied_exhibits() if self.supplied_only else None)

    def copies_of(self) -> dict[int, str]:
        """Each copy's item id with the first item it repeats (``JD/1 line 2``)."""
        return copies.copies_of(self._engine, scope.supplied_exhibits() if self.supplied_only else None)

    def count_items(self) -> int:
        """How many items the case holds."""
        with self._engine.connect() as conn:
            query = select(func.count()).select_from(t.item)
            return int(conn.execute(self._visible(query, t.item.c.exhibit_id)).scalar_one())

    def iter_items(self, exhibit_ref: str | None = None, *, chronological: bool = False) -> Iterator[Item]:
        """Stream items with their recipients and attachments: in file order, or in time order (to the
        microsecond; at one instant by exhibit, then file order; items without a time last)."""
        query = self._item_rows()
        if exhibit_ref is not None:
            query = query.where(t.exhibit.c.ref == exhibit_ref)
        query = self._visible(query, t.item.c.exhibit_id)
        if chronological:
            at = t.item.c.sent_at_utc
            query = query.order_by(at.is_(None), utc_order(at), t.item.c.exhibit_id, t.item.c.seq)
        else:
            query = query.order_by(t.item.c.id)  # ids are assigned in file order per exhibit
        with self._engine.connect() as conn:
            result = conn.execution_options(yield_per=READ_BATCH).execute(query)
            for rows in result.partitions():
                yield from self._assemble(conn, rows)

    def items_by_id(self, ids: Sequence[int]) -> list[Item]:
        """The items with these ids, in the given order."""
        query = self._item_rows().where(t.item.c.id.in_(list(ids)))
        with self._engine.connect() as conn:
            rows = conn.execute(self._visible(query, t.item.c.exhibit_id)).all()
            found = {i.id: i for i in self._assemble(conn, rows)}
        return [found[i] for i in ids if i in found]

    @staticmethod
    def _item_rows() -> Select[Any]:
        """Items' rows with their exhibit's reference and author's key (``_assemble`` makes them items)."""
        author = t.account.alias("author")
        return (
            select(t.item, t.exhibit.c.ref.label("exhibit_ref"), author.c.key.label("author_key"))
            .join(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
            .outerjoin(author, author.c.id == t.item.c.author_account_id)
        )

    def _assemble(self, conn: Any, rows: Sequence[Any]) -> Iterator[Item]:
        ids = [r.id for r in rows]
        recipients: dict[int, set[str]] = defaultdict(set)
        attachments: dict[int, list[Attachment]] = defaultdict(list)
        for r in conn.execute(
            select(t.recipient.c.item_id, t.account.c.key)
            .join(t.account, t.account.c.id == t.recipient.c.account_id)
            .where(t.recipient.c.item_id.in_(ids))
        ):
            recipients[r.item_id].add(r.key)
        members = self._members(conn, {r.exhibit_id for r in rows})
        if members:
            for r in rows:
                if r.kind in RECEIVED_KINDS:
                    found = members.get((r.exhibit_id, r.conversation))
                    if found:
                        recipients[r.id].update(found - {r.author_key})
        for r in conn.execute(
            select(t.attachment).where(t.attachment.c.item_id.in_(ids)).order_by(t.attachment.c.id)
        ):
            attachments[r.item_id].append(Attachment(r.name, r.sha256, r.size, r.mime))
        for r in rows:
            yield Item(
                id=r.id,
                exhibit=r.exhibit_ref,
                locator=r.locator,
                kind=r.kind,
                author=r.author_key,
                author_name=r.author_name,
                recipients=tuple(sorted(recipients.get(r.id, ()))),
                conversation=r.conversation,
                sent_at_raw=r.sent_at_raw,
                sent_at_utc=r.sent_at_utc,
                tz_source=r.tz_source,
                tz_name=r.tz_name,
                text=r.text,
                raw=r.raw,
                deleted=bool(r.deleted),
                edited=bool(r.edited),
                system=bool(r.system),
                attachments=tuple(attachments.get(r.id, ())),
                details=json.loads(r.details) if r.details else {},
            )

    @staticmethod
    def _members(conn: Any, exhibit_ids: set[int]) -> dict[tuple[int, str], frozenset[str]]:
        """Each chat conversation's members (account keys), by exhibit and conversation."""
        found: dict[tuple[int, str], set[str]] = defaultdict(set)
        for r in conn.execute(
            select(t.conversation_member.c.exhibit_id, t.conversation_member.c.conversation, t.account.c.key)
            .join(t.account, t.account.c.id == t.conversation_member.c.account_id)
            .where(t.conversation_member.c.exhibit_id.in_(sorted(exhibit_ids)))
        ):
            found[(r.exhibit_id, r.conversation)].add(r.key)
        return {k: frozenset(v) for k, v in found.items()}

    def search(
        self, query: str, limit: int = 100, offset: int = 0, exhibit: str | None = None
    ) -> list[SearchHit]:
        """Full-text search over item text (of exhibit ``exhibit`` alone when given); hits in time order
        with a highlighted snippet (``limit`` of them, after the first ``offset``).

        Both back ends find the same items for the same query: PostgreSQL searches the words FTS5
        holds (``item_words``, see ``search_words``); on both, snippets are cut from the text as it is
        (``search_snippet``).
        """
        with self._engine.connect() as conn:
            found = self._search_from(conn, query, exhibit)
            if found is None:
                return []
            sql, params = found
            page = {**params, "n": limit, "o": offset}
            nulls = " NULLS FIRST" if conn.dialect.name == "postgresql" else ""  # SQLite's own order
            rows = conn.execute(
                text(
                    "SELECT item.id, exhibit.ref, item.locator, item.sent_at_utc, account.key, item.text"
                    f"{sql} ORDER BY {utc_order_sql(t.item.c.sent_at_utc, conn.dialect)}{nulls},"
                    " item.exhibit_id, item.seq LIMIT :n OFFSET :o"
                ),
                page,
            ).all()
        cuts = snippets([r.text for r in rows], query)
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], cut) for r, cut in zip(rows, cuts, strict=True)]

    def search_count(self, query: str, exhibit: str | None = None) -> int:
        """How many items ``search`` finds for ``query`` in all (as this role may see them)."""
        with self._engine.connect() as conn:
            found = self._search_from(conn, query, exhibit)
            if found is None:
                return 0
            sql, params = found
            return int(conn.execute(text(f"SELECT count(*){sql}"), params).scalar_one())

    def _search_from(
        self, conn: Connection, query: str, exhibit: str | None
    ) -> tuple[str, dict[str, str]] | None:
        """The FROM and WHERE of a search for ``query`` narrowed to what this role may see (and to
        ``exhibit``), with its parameters; None when the query holds no word to search for."""
        within, ref = (" AND exhibit.ref = :ref", {"ref": exhibit}) if exhibit is not None else ("", {})
        joins = (
            " JOIN exhibit ON exhibit.id = item.exhibit_id"
            " LEFT JOIN account ON account.id = item.author_account_id"
        )
        if conn.dialect.name == "sqlite":
            match = fts5_query(query)
            if not match:
                return None
            sql = f" FROM item_fts JOIN item ON item.id = item_fts.rowid{joins} WHERE item_fts MATCH :q"
            return sql + self._visible_sql() + within, {"q": match, **ref}
        terms = pg_tsqueries(query)
        if not terms:
            return None
        # one condition per term: a long text is indexed in parts, and its terms may be in different parts
        each = " AND ".join(
            f"item.id IN (SELECT item_id FROM item_words WHERE words @@ CAST(:q{i} AS tsquery))"
            for i in range(len(terms))
        )
        return f" FROM item{joins} WHERE {each}{self._visible_sql()}{within}", {
            **{f"q{i}": q for i, q in enumerate(terms)},
            **ref,
        }

    def _visible_sql(self) -> str:
        """The condition that narrows a search to the exhibits this role may see ("" when it sees all)."""
        return f" AND item.exhibit_id IN ({scope.SUPPLIED_SQL})" if self.supplied_only else ""

    def attachment_blobs(self) -> list[tuple[str, str]]:
        """Distinct vaulted attachments as (sha256, first name seen)."""
        with self._engine.connect() as conn:
            query = (
                select(t.attachment.c.sha256, func.min(bytewise(t.attachment.c.name)))
                .join(t.item, t.item.c.id == t.attachment.c.item_id)
                .where(t.attachment.c.sha256.is_not(None))
                .group_by(t.attachment.c.sha256)
                .order_by(t.attachment.c.sha256)
            )
            rows = conn.execute(self._visible(query, t.item.c.exhibit_id)).all()
        return [(r[0], r[1]) for r in rows]

    def blobs_named(self) -> set[str]:
        """The SHA-256 of every exhibit and vaulted attachment this role may see: the vault files the
        case names."""
        return {e.sha256 for e in self.exhibits()} | {sha256 for sha256, _ in self.attachment_blobs()}

    def runs(self, latest_only: bool = True) -> list[AnalysisRun]:
        """Analyser runs (by default only the latest of each analyser)."""
        query = select(t.analysis_run).order_by(t.analysis_run.c.analyser, t.analysis_run.c.id)
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        runs = [AnalysisRun(*r) for r in rows]
        if latest_only:
            latest = {r.analyser: r for r in runs}
            runs = [latest[k] for k in sorted(latest)]
        return runs

    def latest_analysis(self) -> Analysis | None:
        """The latest `analyse` with the analysers that have a run in it (None before any, or schema 0013)."""
        a = t.analysis.c
        with self._engine.connect() as conn:
            row = conn.execute(
                select(a.id, a.started_utc, a.by_user, a.analysers).order_by(a.id.desc()).limit(1)
            ).first()
            if row is None:
                return None
            r = t.analysis_run.c
            ran = {
                x.analyser: x
                for x in conn.execute(select(r.analyser, r.status, r.error).where(r.analysis_id == row.id))
            }
        named = tuple(n for n in json.loads(row.analysers) if n in ran)
        failed = tuple((n, run_ended(ran[n].status, ran[n].error)) for n in named if ran[n].status != "ok")
        return Analysis(row.id, row.started_utc, row.by_user, tuple(json.loads(row.analysers)), named, failed)

    def changed_since_analysis(self) -> dict[str, int]:
        """How many of each audited change an analysis reads (``INPUT_ACTIONS``: an attribution, a link
        decision, an order, a relationship) were recorded after the latest `analyse` began; {} before any."""
        a = t.audit.c
        with self._engine.connect() as conn:
            began = conn.execute(select(func.max(a.seq)).where(a.action == "analyse begin")).scalar()
            if began is None:
                return {}
            rows = conn.execute(
                select(a.action, func.count())
                .where(a.seq > began, a.action.in_(INPUT_ACTIONS))
                .group_by(a.action)
                .order_by(a.action)
            ).all()
        return {action: n for action, n in rows}

    def findings(
        self,
        category: str | None = None,
        finding_id: int | None = None,
        *,
        ids: Sequence[int] | None = None,
        items: Sequence[int] | Select[tuple[int]] | None = None,
        without_details: Collection[str] = (),
    ) -> list[Finding]:
        """Findings of the latest successful run of each analyser, in item then category order (only
        those with these ``ids``, or on these ``items``, when given; ``{}`` the details of those of the
        categories ``without_details``)."""
        query = latest_findings(
            *finding_columns(without_details),
            t.analysis_run.c.analyser,
            t.analysis_run.c.version,
            t.exhibit.c.ref,
            t.item.c.locator,
            t.decision.c.decision,
            finding_state.noted(t.finding.c.id).label("noted"),
        )
        if category is not None:
            query = query.where(t.finding.c.category == category)
        if finding_id is not None:
            query = query.where(t.finding.c.id == finding_id)
        if ids is not None:
            query = query.where(t.finding.c.id.in_(list(ids)))
        if items is not None:
            query = query.where(t.finding.c.item_id.in_(items if isinstance(items, Select) else list(items)))
        with self._engine.connect() as conn:
            rows = conn.execute(self._scoped(conn, query)).all()
            carried = carried_decisions(conn) if any(r.decision is None for r in rows) else Decided()
            found = [
                with_carried(
                    Finding(
                        id=r.id,
                        item_id=r.item_id,
                        exhibit=r.ref,
                        locator=r.locator,
                        category=r.category,
                        score=r.score,
                        spans=tuple((int(a), int(b)) for a, b in json.loads(r.spans)),
                        rule_ids=tuple(json.loads(r.rule_ids)),
                        model_id=r.model_id,
                        analyser=r.analyser,
                        analyser_version=r.version,
                        explanation=r.explanation,
                        details=read_details(r.details),
                        decision=r.decision,
                        noted=bool(r.noted),
                    ),
                    carried,
                )
                for r in rows
            ]
            return earlier_case_pointers(
                conn, found, carried, latest_run_ids(), lambda q: self._scoped(conn, q)
            )

    @staticmethod
    def withheld_account_keys(conn: Connection) -> set[str]:
        """The keys of the accounts a supplied-only role may not see (``scope.withheld_accounts``)."""
        ids = sorted(scope.withheld_accounts(conn))
        if not ids:
            return set()
        return set(conn.execute(select(t.account.c.key).where(t.account.c.id.in_(ids))).scalars())

    def finding_visible(self, finding_id: int) -> bool:
        """Whether this role may see finding ``finding_id`` of any run (true of any id for a role that sees
        the whole case: whether it exists is for the caller)."""
        if not self.supplied_only:
            return True
        with self._engine.connect() as conn:
            return finding_scope.is_visible(conn, finding_id)

    def _scoped(self, conn: Connection, query: Select[Any]) -> Select[Any]:
        """A query of findings narrowed to those this role may see (``store.finding_scope``)."""
        return finding_scope.visible(conn, query) if self.supplied_only else query

    def add_entry(self, ref: str) -> AuditEntry | None:
        """The `add` audit entry of exhibit ``ref`` (refused, as the log is, while this role may not see
        every exhibit)."""
        self.require_whole("the audit log")
        with self._engine.connect() as conn:
            r = conn.execute(
                select(t.audit)
                .where(t.audit.c.action == "add", t.audit.c.object == ref)
                .order_by(t.audit.c.seq)
            ).first()
        return None if r is None else _audit_entry(r)

    def audit_entries(self) -> Iterator[AuditEntry]:
        """The audit log in sequence order (refused while this role may not see every exhibit: the log
        names every exhibit and every search)."""
        self.require_whole("the audit log")
        with self._engine.connect() as conn:
            for r in conn.execute(select(t.audit).order_by(t.audit.c.seq)):
                yield _audit_entry(r)


def _audit_entry(r: Row[Any]) -> AuditEntry:
    return AuditEntry(
        seq=r.seq,
        at_utc=r.at_utc,
        actor=r.actor,
        role=r.role,
        action=r.action,
        object=r.object,
        justification=r.justification,
        details=r.details,
        prev_hash=r.prev_hash,
        hash=r.hash,
    )
