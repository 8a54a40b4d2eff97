"""`footprint verify`: re-hash every original and derived copy, check the audit chain, and check the
database's rows and the report's outputs against what the audit entries that wrote them recorded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from footprint import audit as audit_rules
from footprint import audit_head
from footprint.access_head import head_findings
from footprint.access_log import AccessEntry, anchor_problems, chain_problems
from footprint.analysis_gaps import gaps_of
from footprint.case import Case, head_only_note
from footprint.deletion_marker import stray_marker
from footprint.errors import CaseBusyError
from footprint.folder_match import Mismatch
from footprint.integrity.outputs import (
    check_outputs,
    check_set_aside,
    expected_outputs,
    in_flight_note,
    overwritten_notes,
    stray_files,
    stray_problem,
)
from footprint.integrity.restore_gaps import RestoreGap, check_kept, kept_files, restore_gaps
from footprint.integrity.rows import RowCheck, check_rows
from footprint.model import AuditEntry, Exhibit
from footprint.store import schema as t
from footprint.store.access_rows import access_entries
from footprint.store.engine import write_locked
from footprint.store.guards import missing_guards
from footprint.times import parse_iso_utc
from footprint.upgrade_record import running_upgrade, schema_checks
from footprint.vault import Vault, sha256_file
from footprint.vault_journal import FILE_TIME_SLACK, claims, describe, journals

#: how long `verify` waits for another writer before giving up recording its audit entry: a review
#: decision or another command's audit entry holds the lock for 30 ms at most (docs/integrity.md,
#: "Recording verify beside a writer"); an add or an analyse may hold it for minutes
RECORD_WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class VerifyReport:
    """What verification checked and what it found; ``notes`` name checks that could not be made."""

    exhibits: int
    attachments: int
    items: int
    findings: int
    decisions: int
    outputs: int
    audit_entries: int
    audit_head: str
    problems: list[str]
    notes: list[str]
    #: each restore of an older database a person accepted (`case accept-restore`): named by every verify
    gaps: tuple[RestoreGap, ...] = ()
    #: the access log's length and last hash (``footprint.access_log``): its problems are in ``problems``
    access_entries: int = 0
    access_head: str = audit_rules.GENESIS


@dataclass(frozen=True)
class CaseRead:
    """What `verify` reads of the case's database (:func:`read_case`), and the vault's listing that must be
    read before some of it; :func:`check_files` checks the case folder against it without the database."""

    exhibits: list[Exhibit]
    #: each vaulted attachment: (SHA-256, first name seen)
    blobs: list[tuple[str, str]]
    entries: list[AuditEntry]
    #: the audit log's head as the folder records it, as at the snapshot (``head_as_at``), and the head
    #: file's own problems
    recorded: audit_head.Head | None
    head_problems: list[str]
    mismatch: Mismatch | None
    guards: list[str]
    rows: RowCheck
    reads: list[AccessEntry]
    items: int
    findings: int
    decisions: int
    #: the schema the case's own database is at, and the NOTE of a `case upgrade` running now
    revision: str
    upgrade_now: str | None
    #: the analyses' gaps (``analysis_gaps.gaps_of``)
    analysis_notes: list[str]
    #: the vault's files no exhibit or attachment names: left behind, or being added
    strays: list[Path]
    in_flight: list[Path]


def verify_case(
    case: Case, revision: str | None = None, release: Callable[[], None] | None = None
) -> VerifyReport:
    """Check every vault file against its recorded hash, the whole audit chain and its database guards,
    every row against the audit entry that wrote it, the report's outputs, and the vault for strays.
    Every row compared is read in one transaction (``Case.snapshot``), so a colleague's commit meanwhile
    is wholly in what is compared or wholly out of it. ``revision``: the schema the case's own database
    is at, when ``case`` reads an upgraded copy of it (``integrity.upgraded_copy``). ``release``: called
    once the database has been read, before the vault is hashed (``integrity.rolled_back`` ends its
    transaction there, and the locks its upgrade holds with it)."""
    read = read_case(case, revision)
    if release is not None:
        release()
    return check_files(case.dir, case.vault, read)


def read_case(case: Case, revision: str | None = None) -> CaseRead:
    """`verify`'s database phase: everything it compares read in one transaction, and everything else it
    reads of the database, with the vault's listing (not its contents) that the strays are told by."""
    case.store.require_whole("verifying the case")  # the audit chain names every exhibit
    # an upgrade holding its lock now, between the case's open (its schema read) and the snapshot, may
    # have migrated the database before the snapshot and recorded its entry after it: not a stopped one
    upgrade_now = running_upgrade(case.dir, case.store.unscoped_engine)
    with case.snapshot() as frozen:
        exhibits = frozen.store.exhibits()
        blobs = frozen.store.attachment_blobs()
        runs, unread = frozen.store.runs(latest_only=False), frozen.store.not_read()  # exhibits not analysed
        entries = list(frozen.store.audit_entries())
        guards = missing_guards(frozen.store.engine)
        latest = frozen.store.latest_analysis()
        with frozen.store.unscoped_engine.connect() as conn:
            rows = check_rows(conn, entries, case.vault)
            reads = access_entries(conn)
            items, findings, decisions = (
                conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (t.item, t.finding, t.decision)
            )
    with case.store.unscoped_engine.connect() as conn:  # as it is now: the head file is read now too
        mismatch = case.mismatch(conn)
    recorded, head_problems = recorded_as_at(case, entries)  # the head file read after the snapshot
    # listed before `_in_flight` reads which files the case names now: after the snapshot, as ever
    writing = _in_flight(
        case, stray_files(case.vault.root, {e.sha256 for e in exhibits} | {s for s, _ in blobs}), entries
    )
    return CaseRead(
        exhibits=exhibits,
        blobs=blobs,
        entries=entries,
        recorded=recorded,
        head_problems=head_problems,
        mismatch=mismatch,
        guards=guards,
        rows=rows,
        reads=reads,
        items=items,
        findings=findings,
        decisions=decisions,
        revision=revision or case.revision,
        upgrade_now=upgrade_now,
        analysis_notes=gaps_of(latest, runs, unread),
        strays=writing.strays,
        in_flight=writing.in_flight,
    )


def check_files(directory: Path, vault: Vault, read: CaseRead) -> VerifyReport:
    """`verify`'s file phase: the case folder in ``directory`` (its ``vault``, audit.head, access.head,
    the reports and what was set aside) checked against what :func:`read_case` read, without the
    database; the report of both."""
    entries = read.entries
    seen = audit_rules.past_head(entries, read.recorded)  # the folder is behind a log Footprint wrote
    added = {e.object: e.seq for e in entries if e.action == "add"}
    problems: list[str] = []
    for exhibit in read.exhibits:
        elsewhere = (
            f"it was added at audit entry {added[exhibit.ref]}, which this case folder has not seen (below),"
            " through another copy of the case folder, whose vault holds it"
            if seen is not None and added.get(exhibit.ref, 0) > seen.seq
            else ""
        )
        problems.extend(
            check_blob(vault, exhibit.sha256, f"exhibit {exhibit.ref} ({exhibit.file_name})", elsewhere)
        )
    for sha256, name in read.blobs:
        elsewhere = (
            "this case folder has not seen the audit log's last entries (below), so another copy of the case"
            " folder may hold it"
            if seen is not None
            else ""
        )
        problems.extend(check_blob(vault, sha256, f"attachment {name}", elsewhere))
    stopped = claims(read.strays, journals(vault.root))
    gaps = restore_gaps(entries)
    kept = kept_files(gaps)  # the originals of exhibits lost with a restore: kept, and named by the gap
    problems.extend(
        stray_problem(
            file,
            vault.root,
            describe(stopped[file].add) if file in stopped else "",
            older=read.mismatch is not None,
        )
        for file in read.strays
        if file.relative_to(directory).as_posix() not in kept
    )
    problems.extend(check_kept(directory, gaps))
    set_aside, set_aside_notes = check_set_aside(vault.root, entries)
    problems.extend(set_aside)
    problems.extend(read.head_problems)
    problems.extend(audit_rules.verify_chain(entries, read.recorded, folder=True))
    if read.mismatch is not None:  # what the chain's head problem may mean, and what to do (not to delete)
        problems.append(read.mismatch.problem())
    problems.extend(read.guards)
    problems.extend(read.rows.problems)
    problems.extend(check_outputs(directory, entries))
    problems.extend(stray_marker(directory))  # a DELETING.json the audit log does not bear out
    # upgrades unrecorded (at the case's own schema, when this is an upgraded copy of its database)
    schema_problems, schema_notes = schema_checks(directory, entries, read.revision, read.upgrade_now)
    problems.extend(schema_problems)
    problems.extend(
        [*chain_problems(read.reads), *anchor_problems(read.reads, entries)]
    )  # apart from the chain
    head_problems_found, access_notes = head_findings(directory, read.reads)
    problems.extend(head_problems_found)
    head = entries[-1].hash if entries else audit_rules.GENESIS
    return VerifyReport(
        exhibits=len(read.exhibits),
        attachments=len(read.blobs),
        items=read.items,
        findings=read.findings,
        decisions=read.decisions,
        outputs=len(expected_outputs(entries)),
        audit_entries=len(entries),
        audit_head=head,
        problems=problems,
        notes=[
            *(in_flight_note(file, vault.root) for file in read.in_flight),
            *set_aside_notes,
            *schema_notes,
            *overwritten_notes(entries),
            *filter(None, [head_only_note(directory)]),
            *read.rows.notes,
            *read.analysis_notes,
            *access_notes,
        ],
        gaps=gaps,
        access_entries=len(read.reads),
        access_head=read.reads[-1].hash if read.reads else audit_rules.GENESIS,
    )


def record_verification(case: Case, target: str, exhibits: int, head: str, **details: Any) -> None:
    """Record `verify`'s audit entry (``exhibits`` re-hashed, the chain's ``head``), waiting at most
    ``RECORD_WAIT_SECONDS`` for another writer; a ``CaseBusyError`` if it held the lock longer (only
    SQLite makes a writer wait so)."""
    try:
        with case.transaction(wait=RECORD_WAIT_SECONDS) as (_, record):
            record("verify", target, exhibits=exhibits, audit_head=head, **details)
    except OperationalError as exc:
        if not write_locked(exc):
            raise
        raise CaseBusyError(
            f"{case.dir}: another command is writing to this case (it held the case's write lock for more"
            f" than {RECORD_WAIT_SECONDS:g} s, as an add or an analyse does); verify has checked everything"
            " (the result is above) but could not record its audit entry; run footprint verify again when"
            " that command finishes"
        ) from exc


def check_case_rows(case: Case) -> RowCheck:
    """`verify`'s row checks alone, on the rows as ``case`` reads them (a snapshot: its one transaction),
    for a command that must not build on rows changed outside Footprint (``report``)."""
    with case.store.unscoped_engine.connect() as conn:
        return check_rows(conn, list(case.store.audit_entries()))


def recorded_as_at(case: Case, entries: list[AuditEntry]) -> tuple[audit_head.Head | None, list[str]]:
    """The audit log's head as the case folder records it, read after the snapshot ``entries`` were read
    in, and as at that snapshot (:func:`head_as_at`); with the head file's own problems."""
    recorded, problems = audit_head.recorded_head(case.dir, entries)
    return head_as_at(case, entries, recorded), problems


def head_as_at(case: Case, entries: list[AuditEntry], head: audit_head.Head | None) -> audit_head.Head | None:
    """The recorded head as at the snapshot ``entries`` were read in. The head file is read after it, so a
    colleague's entries committed since are beyond its last entry: when the log as it is now holds the
    snapshot's last entry and the head's, with their hashes, the head stands for the snapshot's last
    entry. Otherwise the head is as recorded, and the chain check names what is missing."""
    if head is None or not entries or head[0] <= entries[-1].seq:
        return head
    last = entries[-1]
    with case.store.unscoped_engine.connect() as conn:
        rows = conn.execute(
            select(t.audit.c.seq, t.audit.c.hash).where(t.audit.c.seq.in_([last.seq, head[0]]))
        )
        now = {seq: sha256 for seq, sha256 in rows}
    return (last.seq, last.hash) if now == {last.seq: last.hash, head[0]: head[1]} else head


@dataclass(frozen=True)
class _Strays:
    """The vault's files no exhibit or attachment names: left behind, or being added."""

    strays: list[Path]
    in_flight: list[Path]


def _in_flight(case: Case, files: list[Path], entries: list[AuditEntry]) -> _Strays:
    """Sort the vault's files no exhibit or attachment named into those left behind and those an `add`
    is writing now. `add` makes and removes its copies only while it holds the case's write lock, so a
    file is being written while another live session holds it (``CaseQueries.adding``) — on SQLite, where
    every writer holds it, only a file newer than the last audit entry. With no one holding it, a file an
    `add` committed or removed since the vault was listed is no stray."""
    if not files:
        return _Strays([], [])
    if not case.store.adding():
        left = set(stray_files(case.vault.root, case.store.blobs_named()))
        return _Strays([file for file in files if file in left], [])
    if case.store.unscoped_engine.dialect.name == "postgresql" or not entries:
        return _Strays([], files)
    since = (parse_iso_utc(entries[-1].at_utc) - FILE_TIME_SLACK).timestamp()
    strays: list[Path] = []
    new: list[Path] = []
    for file in files:
        try:
            (new if file.lstat().st_mtime >= since else strays).append(file)
        except FileNotFoundError:  # the add removed it (it failed) since the vault was listed
            continue
    return _Strays(strays, new)


def check_blob(vault: Vault, sha256: str, what: str, elsewhere: str = "") -> list[str]:
    """The problem of a vault copy missing or changed (none when it matches); ``elsewhere``: where a
    missing one may be instead."""
    path = vault.path(sha256)
    if not path.exists():
        where = f": {elsewhere}" if elsewhere else ""
        return [f"{what}: vault copy is missing ({vault.relative_path(sha256)}){where}"]
    actual, _ = sha256_file(path)
    if actual != sha256:
        return [f"{what}: vault copy has changed (SHA-256 now {actual[:12]}…, recorded {sha256[:12]}…)"]
    return []
