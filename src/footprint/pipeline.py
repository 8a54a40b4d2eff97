"""Adding an exhibit: hash -> vault -> sniff -> parse -> store, all or nothing.

The original is hashed, copied into the vault (checked against the hash on the way) and parsed
from the vault copy, so the bytes parsed are the bytes hashed. Items, warnings, the exhibit's
continuity record and the audit entry go in one transaction; if anything fails the transaction
rolls back and a vault copy made by this call is removed, leaving the case as it was. The vault
copies are made, and removed again on a failure, only while the transaction holds the case's
one-writer lock, so `verify` can tell a file an `add` is writing from one left behind; under it, a
journal names the add until it ends, so the files of an add that was killed are set aside by the next
(``footprint.stopped_adds``).
"""

from __future__ import annotations

import errno
import json
import os
import re
import shlex
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from footprint.case import Case
from footprint.errors import DiskFullError, DuplicateExhibitError, FootprintError, InputError, ParseError
from footprint.ingest import ParseContext, Parser, Source, parsers
from footprint.ingest.dates import DATE_ORDERS
from footprint.ingest.folder import pack_folder
from footprint.ingest.sniff import choose_parser
from footprint.ingest.unread import account_for_unread
from footprint.integrity.digests import (
    WrittenItems,
    account_digests,
    copy_digests,
    member_digests,
    warning_digests,
)
from footprint.integrity.reread import read_settings
from footprint.model import NOT_IN_EXPORT, AccountRef, Person
from footprint.parse_worker import ParseJob, ParseWorker, attachment_resolver, fewer_collections
from footprint.parties import accept_attribution
from footprint.staging_dirs import ADDING, locked_folder, stopped_adds
from footprint.stopped_adds import set_aside_stopped_adds
from footprint.store.case_store import StoreTx
from footprint.store.copies import record_copies
from footprint.store.engine import lost_database
from footprint.store.item_rows import ItemRowBuilder
from footprint.store.scope import SUPPLIER, supplied_only
from footprint.times import now_utc, zone
from footprint.vault import sha256_file
from footprint.vault_journal import end_journal, start_journal

_TITLES = {"pc", "dc", "ds", "di", "dci", "sgt", "insp", "mr", "mrs", "ms", "miss", "mx", "dr"}
_REF = re.compile(r"^[A-Z]{1,6}/\d{1,5}[A-Z]?$")


@dataclass(frozen=True)
class AddOptions:
    """What the user said about an exhibit when adding it."""

    producer: str
    exhibit_ref: str | None = None
    owner: str | None = None
    format: str | None = None
    date_order: str | None = None
    tz: str | None = None
    column_map: dict[str, str] = field(default_factory=dict)
    platform: str | None = None
    notes: str = ""
    justification: str = ""
    victim_supplied: bool = False  # the complainant supplied it (always so when an advocate adds it)
    accept_partial: bool = False  # keep what was read before a damaged byte, marked partial (ingest.damage)


@dataclass(frozen=True)
class AddResult:
    """What adding an exhibit produced."""

    ref: str
    sha256: str
    parser: str
    parser_version: int
    items_by_kind: dict[str, int]
    warnings: int
    decisions: dict[str, str]
    owner_account: str = ""  # what `--owner` did with the export's own account (empty without --owner)
    supplied_by: str = ""  # "complainant" when it was added as supplied by her
    not_read: tuple[str, ...] = ()  # "name (N bytes)" of each file of a folder or zip left unread (a warning)
    copies: dict[str, int] = field(default_factory=dict)  # items repeating an earlier exhibit's, by its ref
    own_accounts: tuple[AccountRef, ...] = ()  # the accounts the export names as its own


def initials(producer: str) -> str:
    """Exhibit prefix from the producer's name: initials, ranks and titles left out."""
    return _prefixes(producer)[0]


def _prefixes(producer: str) -> list[str]:
    """The producer's initials, then the initials followed by more of the surname's letters."""
    words = [w for w in re.split(r"[\s.\-]+", producer) if w]
    kept = [w for w in words if w.lower() not in _TITLES] or words
    letters = "".join(w[0] for w in kept if w[0].isalpha()).upper()[:6] or "EX"
    surname = "".join(c for c in kept[-1][1:] if c.isalpha()).upper() if kept else ""
    return [letters] + [letters + surname[:n] for n in range(1, len(surname) + 1)]


def _same_producer(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def next_ref(existing: Sequence[tuple[str, str]], producer: str) -> str:
    """The producer's next consecutive exhibit reference (``JD/1``, ``JD/2``...).

    ``existing`` holds each reference in use with its producer. A prefix another producer already uses
    is not shared (two series "JD" would make "Exhibit JD/2 referred to in the statement of ..." point
    at the wrong statement): the initials grow by the surname's letters (John Dee after Jane Doe:
    ``JDE/1``), then by a number (``JD2/1``).
    """
    base = _prefixes(producer)
    for prefix in base + [f"{base[0]}{n}" for n in range(2, len(existing) + 3)]:
        pattern = re.compile(rf"^{re.escape(prefix)}/(\d+)$")
        used = [(int(m.group(1)), p) for r, p in existing if (m := pattern.match(r))]
        if all(_same_producer(p, producer) for _, p in used):
            return f"{prefix}/{max((n for n, _ in used), default=0) + 1}"
    raise AssertionError("unreachable: there are more prefixes than exhibits")


def _attribute_owner(
    tx: StoreTx, ctx: ParseContext, person_id: int, actor: str, persons: list[Person]
) -> tuple[str, list[str], list[int]]:
    """Attribute the export's own accounts to the person given as their owner; say what was done, and
    the accounts attributed and the attributions' ids (for the `add` audit entry). An account that calls
    itself by another person's name in the case (``persons``) is left for a person to decide: ``--owner``
    given for the wrong export would otherwise make the suspect's words hers."""
    owner = str(ctx.owner)
    others = {p.name.casefold(): p for p in persons if p.id != person_id}
    named = [a for a in ctx.owner_accounts if a.display_name.strip().casefold() in others]
    if named:
        other = others[named[0].display_name.strip().casefold()]
        return (
            (
                f"not attributed: {named[0].key} is called {other.name}, the name of the {other.role} in this"
                f" case, not {owner}; check --owner, or attribute it with `footprint account attribute DIR"
                f" {shlex.quote(named[0].key)} --person NAME`"
            ),
            [],
            [],
        )
    found = [(a.key, tx.account_id(a.key)) for a in ctx.owner_accounts]
    known = [(key, account_id) for key, account_id in found if account_id is not None]
    if not known:
        return (
            (
                f"not attributed: the export does not say which account is {owner}'s (its accounts"
                " are listed below)"
            ),
            [],
            [],
        )
    attributed: list[str] = []
    ids: list[int] = []
    notes = [f"not attributed: {key} is named by no item of this export" for key, i in found if i is None]
    for key, account_id in known:
        current = tx.attributed_to(account_id)
        if current == person_id:
            notes.append(f"{key} was already attributed to {owner}")
        elif current is not None:
            notes.append(
                f"not attributed: {key} is already attributed to another person; check which is right"
            )
        else:
            basis = f"the export's own account; {owner} given as its owner"
            ids.append(accept_attribution(tx, account_id, person_id, basis, actor))
            attributed.append(key)
    if len(attributed) == 1:
        notes.insert(
            0,
            f"{attributed[0]} attributed to {owner}: the export's own account, and {owner} was"
            " given as its owner",
        )
    elif attributed:
        notes.insert(
            0,
            f"{', '.join(attributed)} attributed to {owner}: the export's own accounts, and"
            f" {owner} was given as their owner",
        )
    notes += [
        f"warning: {a.key} calls itself {a.display_name.strip()!r}, which shares no word with {owner}; check"
        f" that --owner is right (if not, correct it with `footprint account attribute DIR"
        f" {shlex.quote(a.key)} --person NAME`)"
        for a in ctx.owner_accounts
        if a.key in attributed and _other_name(a.display_name, owner)
    ]
    return "; ".join(notes), attributed, ids


def _other_name(display: str, owner: str) -> bool:
    """Whether an account's own display name shares no word with the owner given (``Alex Suspect`` for
    ``--owner "Emma Clarke"``): a name it does not give (empty), or an id in its place (a number, an
    address: ``447700900789@s.whatsapp.net``), is no contradiction."""
    if any(c.isdigit() or c == "@" for c in display):
        return False
    words = [{w for w in re.split(r"\W+", n.casefold()) if len(w) > 1} for n in (display, owner)]
    return bool(words[0]) and not words[0] & words[1]


def add_exhibit(
    case: Case,
    path: Path,
    options: AddOptions,
    progress: Callable[[int], None] | None = None,
) -> AddResult:
    """Add one file to the case as an exhibit (a folder is packed into a deterministic zip first).

    A folder is packed, and the parser spills to disk, inside the case folder (``ADDING``): what a killed
    add leaves there is found and removed by the next."""
    stopped_adds(case.dir)
    with locked_folder(case.dir, ADDING) as workdir:
        if not path.is_dir():
            return _add_file(case, path, options, progress, None, workdir)
        packed = pack_folder(path, workdir)
        note = f"packed by Footprint from the folder {_text(str(path.resolve()))} into a deterministic zip"
        notes = f"{note}; {options.notes}" if options.notes else note
        return _add_file(case, packed, replace(options, notes=notes), progress, path.resolve(), workdir)


def _add_file(
    case: Case,
    path: Path,
    options: AddOptions,
    progress: Callable[[int], None] | None,
    original: Path | None,
    workdir: Path,
) -> AddResult:
    _check_options(path, options)
    original_path = _text(str(original or path.resolve()))
    name = _text(path.name)
    sha256, size = sha256_file(path)
    existing = case.store.exhibit_by_sha256(sha256)
    if existing is not None:
        raise DuplicateExhibitError(
            f"{name}: already in the case as exhibit {existing.ref} (same SHA-256"
            f" {sha256[:12]}…, added from {existing.file_name}); not added again"
        )
    if case.store.sha256_withheld(sha256):  # her copy is kept on record; which exhibit holds it is not said
        case.record(
            "add duplicate", name, sha256=sha256, size=size, producer=options.producer, supplied_by=SUPPLIER
        )
        raise DuplicateExhibitError(
            f"{name}: these bytes are already in the case, so no new exhibit was made; that"
            f" {options.producer} produced this copy is recorded in the audit log for the officer in the case"
        )
    refs = case.store.exhibit_refs()
    ref = options.exhibit_ref or next_ref(refs, options.producer)
    if ref in (r for r, _ in refs):
        raise InputError(f"exhibit reference {ref} is already used; choose another with --exhibit")
    info = case.info
    ctx = ParseContext(
        zone=options.tz or info.zone,
        tz_source="examiner" if options.tz or info.zone_source == "examiner" else "assumed",
        zone_given=options.tz is not None,
        date_order=options.date_order,
        column_map=dict(options.column_map),
        owner=options.owner,
        platform=options.platform,
        workdir=workdir,
        accept_partial=options.accept_partial,
    )
    read_with = read_settings(ctx)  # as given: the parse worker hands back a context it has filled
    persons = case.store.persons() if options.owner else []
    set_aside_stopped_adds(case)  # what an add that was killed left in the vault (docs/integrity.md)
    created = copying = False
    created_blobs: list[str] = []
    journal: Path | None = None
    commits = case.commits
    try:
        with case.transaction() as (tx, record):
            tx.lock_items()  # before the vault copy: `verify` sees this add writing (docs/integrity.md)
            copying = True  # the journal is written to the vault too
            journal = start_journal(
                case.vault.root,
                file=name,
                original_path=original_path,
                sha256=sha256,
                size=size,
                actor=case.settings.actor,
                role=case.settings.role,
                started_utc=now_utc(),
            )
            try:
                created = case.vault.put_file(path, sha256)
                copying = False
                with Source(case.vault.path(sha256), name=name) as source:
                    shown = f"the folder {_text(original.name)}" if original else None
                    parser_cls = choose_parser(source, options.format, shown)
                    _check_platform(parser_cls, options, name)
                    source.opened.clear()  # what the sniffers opened is not what the parser read
                    owner_id = tx.person_id(options.owner) if options.owner else None
                    exhibit_id, ref = tx.add_exhibit(
                        renumber=None
                        if options.exhibit_ref
                        else partial(next_ref, producer=options.producer),
                        ref=ref,
                        file_name=name,
                        original_path=original_path,
                        sha256=sha256,
                        size=size,
                        format=parser_cls.format_name or parser_cls.name,
                        parser=parser_cls.name,
                        parser_version=parser_cls.version,
                        producer=options.producer,
                        owner=options.owner,
                        received_utc=now_utc(),
                        notes=options.notes,
                        vault_path=case.vault.relative_path(sha256),
                        settings="{}",
                    )
                    supplied = _supplied(tx, exhibit_id, case, options)
                    resolve = attachment_resolver(case.vault, source, created_blobs.append)
                    written = WrittenItems(tx.conn)  # the item digests, taken as the rows go in
                    if size >= case.settings.parallel_parse_min_bytes:
                        builder = tx.item_row_builder(exhibit_id, resolve)
                        job = _job(case, builder, parser_cls.name, source, ctx)
                        ctx, counts, opened = _parse_in_worker(tx, job, progress, created_blobs, written)
                    else:
                        counts = tx.add_items(
                            exhibit_id,
                            parser_cls().items(source, ctx),
                            batch_size=case.settings.batch_size,
                            resolve_attachment=resolve,
                            progress=progress,
                            observe=written.observe,
                        )
                        opened = frozenset(source.opened)
                    for member, target in source.symlinks.items():
                        ctx.warn(
                            member,
                            f"a symbolic link to {target!r} in the archive, not a file: not followed, and"
                            " not stored as an attachment — ask for the file itself",
                            target,
                        )
                    not_read = account_for_unread(
                        source,
                        parser_cls,
                        opened | frozenset(source.symlinks),  # each link is a warning of its own
                        ctx,
                        "folder" if original else "archive",
                        original.name if original else name,
                    )
                    _warn_not_in_export(tx.attachments_not_stored(exhibit_id), ctx)
                    for conversation, members in sorted(ctx.participants.items()):
                        tx.add_conversation_members(exhibit_id, conversation, members)
                    warnings = tx.add_warnings(exhibit_id, ctx.warnings)
                    owner_note, attributed, attribution_ids = (
                        _attribute_owner(tx, ctx, owner_id, case.settings.actor, persons)
                        if owner_id is not None
                        else ("", [], [])
                    )
                    copies = record_copies(tx.conn, exhibit_id)
                    settings = dict(ctx.decisions)
                    if options.column_map and parser_cls.takes_column_map:  # `device check` maps every input
                        settings["column_map"] = json.dumps(options.column_map, sort_keys=True)
                    if options.platform:
                        settings["platform"] = options.platform
                    tx.set_exhibit_settings(exhibit_id, settings)
                    record(
                        "add",
                        ref,
                        options.justification,
                        file=name,
                        original_path=original_path,
                        sha256=sha256,
                        size=size,
                        producer=options.producer,
                        owner=options.owner,
                        owner_person_id=owner_id,
                        owner_account=ctx.owner_account.key if ctx.owner_account else None,
                        **(
                            {"owner_accounts": [a.key for a in ctx.owner_accounts]}
                            if len(ctx.owner_accounts) > 1
                            else {}
                        ),
                        parser=parser_cls.name,
                        parser_version=parser_cls.version,
                        read_with=read_with,
                        items=sum(counts.values()),
                        warnings=warnings,
                        copies=copies,
                        copy_digests=copy_digests(tx.conn, [ref]).get(ref, {}) if copies else {},
                        decisions=settings,
                        item_digests=written.digests(),
                        warning_digests=warning_digests(tx.conn, exhibit_id),
                        member_digests=member_digests(tx.conn, exhibit_id),
                        account_digests=account_digests(tx.conn, tx.accounts_written),
                        attributed=attributed,
                        attribution_ids=attribution_ids,
                        **supplied.details(),
                    )
            except BaseException:  # the vault copies go while the lock is still held
                _roll_back(case, sha256 if created else None, created_blobs)
                created = False
                created_blobs.clear()
                raise
    except FootprintError:
        _roll_back(case, sha256 if created else None, created_blobs)
        raise
    except Exception as exc:
        _roll_back(case, sha256 if created else None, created_blobs)
        full = _disk_full(exc)
        unchanged = f"the case is unchanged ({name} was not added, and no copy of it is left in the vault)"
        if copying and full:  # the vault copy (or its journal)
            raise DiskFullError(str(case.vault.root), full, unchanged, ADD_AGAIN) from exc
        if copying and isinstance(exc, OSError):  # the vault copy: the command line names it (cli)
            raise
        if lost_database(exc):  # the server, not the file: the command line says so (cli.FootprintGroup)
            raise
        if full:
            raise DiskFullError(_database_place(case), full, unchanged, ADD_AGAIN) from exc
        raise ParseError(
            f"could not be read ({type(exc).__name__}: {str(exc)[:200]}); the case is unchanged —"
            " please report this with the file's SHA-256",
            source=name,
        ) from exc
    except BaseException:  # Ctrl-C: the transaction has rolled back; the vault copies have gone too
        if case.commits == commits:  # else the stop came during the commit and was held: the add stands
            _roll_back(case, sha256 if created else None, created_blobs)
        raise
    finally:  # committed, or its copies removed: the add is no longer in progress
        if journal is not None:
            end_journal(journal)
    return AddResult(
        ref=ref,
        sha256=sha256,
        parser=parser_cls.name,
        parser_version=parser_cls.version,
        items_by_kind=dict(sorted(counts.items())),
        warnings=warnings,
        decisions=settings,
        owner_account=owner_note,
        supplied_by=supplied.by,
        not_read=not_read,
        copies=copies,
        own_accounts=tuple(ctx.owner_accounts),
    )


@dataclass(frozen=True)
class _Supplied:
    """Who supplied a new exhibit ("" unknown), why it is so marked, and the supply record's id."""

    by: str = ""
    reason: str = ""
    record_id: int | None = None

    def details(self) -> dict[str, object]:
        """What the `add` entry records of it (nothing when no one is named)."""
        if not self.by:
            return {}
        return {"supplied_by": self.by, "supplied_reason": self.reason, "supply_id": self.record_id}


def _supplied(tx: StoreTx, exhibit_id: int, case: Case, options: AddOptions) -> _Supplied:
    """Mark the new exhibit as supplied by the complainant when it is; say who supplied it and why."""
    role = case.settings.role
    if supplied_only(role):
        why = f"added by a user acting as {role!r} (what an advocate adds is supplied by the complainant)"
    elif options.victim_supplied:
        why = "added with --victim-supplied"
    else:
        return _Supplied()
    at = now_utc()
    record_id = tx.mark_supplied(exhibit_id, SUPPLIER, why, by_user=case.settings.actor, role=role, at_utc=at)
    return _Supplied(SUPPLIER, why, record_id)


def _job(case: Case, builder: ItemRowBuilder, parser: str, source: Source, ctx: ParseContext) -> ParseJob:
    return ParseJob(
        parser=parser,
        path=source.path,
        name=source.name,
        ctx=ctx,
        vault_root=case.vault.root,
        exhibit_id=builder.exhibit_id,
        first_item_id=builder.next_item_id,
        accounts=builder.accounts,
        batch_size=case.settings.batch_size,
        search_words=builder.search_words,
    )


def _parse_in_worker(
    tx: StoreTx,
    job: ParseJob,
    progress: Callable[[int], None] | None,
    created_blobs: list[str],
    written: WrittenItems,
) -> tuple[ParseContext, Counter[str], frozenset[str]]:
    """Parse in a second process while this one writes (and digests what it writes); return the child's
    context, counts and the archive members it opened."""
    worker = ParseWorker(job)
    try:
        with fewer_collections():
            tx.write_rows(worker.batches(), progress, written.observe)
    finally:
        worker.close()  # first: it collects the vault files the child announced before stopping
        created_blobs.extend(worker.created_blobs)
    assert worker.outcome is not None
    tx.write_seen(worker.outcome.seen)
    return worker.outcome.ctx, worker.outcome.counts, worker.outcome.opened


def _text(name: str) -> str:
    """A file name or path as text: bytes that are not UTF-8 (kept by the OS as surrogates) become \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _disk_full(exc: Exception) -> str | None:
    """The database's or the system's words when writing failed for want of space, else None."""
    said = str(exc.orig) if isinstance(exc, DBAPIError) else str(exc)
    if isinstance(exc, DBAPIError) and ("disk is full" in said or "No space left" in said):
        return said[:200]
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return exc.strerror or said[:200]
    return None


#: what to do when the disk filled during `add`
ADD_AGAIN = "free space on that disk and add the file again"


def _database_place(case: Case) -> str:
    """Where the case database's disk is: the ``case.db`` file, or the server (its address, no password)."""
    url = case.store.unscoped_engine.url
    if url.get_backend_name() == "sqlite":
        return str(url.database or case.dir / "case.db")
    return f"the case database on {url.render_as_string(hide_password=True)} (the server's disk)"


def _roll_back(case: Case, exhibit_blob: str | None, blobs: list[str]) -> None:
    for digest in blobs:
        case.vault.remove(digest)
    if exhibit_blob is not None:
        case.vault.remove(exhibit_blob)


def _check_platform(parser_cls: type[Parser], options: AddOptions, name: str) -> None:
    """Refuse `--platform` for a parser that would not use it (it would be recorded, yet not used)."""
    if options.platform is None or parser_cls.takes_platform:
        return
    takers = sorted(p.name for p in parsers if p.takes_platform)
    raise InputError(
        f"{name}: --platform is not used by {parser_cls.name}, which names its accounts itself; only"
        f" {', '.join(takers[:-1])} and {takers[-1]} take --platform — add it again without --platform"
    )


def _check_options(path: Path, options: AddOptions) -> None:
    if not path.exists():
        raise InputError(
            f"{_text(str(path))}: no such file or folder; check the path and the spelling of the name"
        )
    if path.stat().st_size == 0:
        raise InputError(
            f"{_text(path.name)}: the file is empty (0 bytes); check the export finished and add the"
            " complete file"
        )
    if options.exhibit_ref is not None and not _REF.match(options.exhibit_ref):
        raise InputError(f"exhibit reference {options.exhibit_ref!r} is not initials and a number, e.g. JD/1")
    if options.date_order is not None and options.date_order not in DATE_ORDERS:
        raise InputError(f"--date-order must be one of {', '.join(DATE_ORDERS)}")
    if options.tz is not None:
        zone(options.tz)
    if not options.producer.strip():
        raise InputError("--producer is required: who produced this exhibit")


NOT_IN_EXPORT_LISTED = 20  # attachments named in the warning's message; the raw text lists them all


def _warn_not_in_export(missing: list[tuple[str, str]], ctx: ParseContext) -> None:
    """One warning for the attachments messages name but the export does not contain."""
    if not missing:
        return
    named = "; ".join(f"{locator}: {name}" for locator, name in missing[:NOT_IN_EXPORT_LISTED])
    more = f"; and {len(missing) - NOT_IN_EXPORT_LISTED} more" if len(missing) > NOT_IN_EXPORT_LISTED else ""
    ctx.warn(
        "file",
        f"{len(missing)} attachment(s) named by messages are not in the export, so not stored or hashed"
        f" (each is marked {NOT_IN_EXPORT!r}): {named}{more}; ask for the media if they matter",
        "\n".join(f"{locator}\t{name}" for locator, name in missing),
    )
