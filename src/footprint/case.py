"""A case on disk: ``case.db`` (or a database URL), ``vault/``, ``reports/`` and the audit head.

This is the service the CLI and the web app share: it opens the store, the vault and the audit
log together and records every action in the audit log.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import DBAPIError

from footprint import audit_head, folder_match
from footprint.code_identity import tool_version
from footprint.deletion_entry import refuse_a_deletion_recorded
from footprint.deletion_marker import refuse_a_deletion_begun
from footprint.errors import CaseExistsError, CaseNotFoundError, FolderBehindError, FootprintError, InputError
from footprint.model import CaseInfo
from footprint.privacy import FOLDER_MODE, make_private_folder
from footprint.read_only import cannot_write, not_recorded
from footprint.settings import Settings
from footprint.store import CaseStore
from footprint.store.case_store import StoreTx, last_audit_entry
from footprint.store.damaged import damaged_database
from footprint.store.engine import (
    OneConnection,
    check_revision,
    current_revision,
    make_engine,
    migrate,
    refuse_newer,
    same_database,
    shown_url,
    stored_url,
)
from footprint.times import now_utc, zone
from footprint.vault import Vault

CASE_FILE = "case.json"


# the audit detail marking an actor who is only the operating-system login name
LOGIN_ACTOR = "actor_is_login"
#: what a refusal through a case folder behind the database asks of the team
ONE_FOLDER = (
    "Every team member must use the one shared case folder (e.g. on a network share): docs/store.md, 'One"
    " case folder for a team'"
)


@dataclass
class Recorder:
    """Writes audit entries inside a transaction on behalf of the acting user."""

    tx: StoreTx
    actor: str
    role: str
    head: tuple[int, str] | None = None
    login: bool = False  # the actor is only the OS login name: each entry says so (``actor_is_login``)

    def __call__(self, action: str, object: str, justification: str = "", **details: Any) -> None:
        if self.login:
            details = {**details, LOGIN_ACTOR: True}
        self.head = self.tx.append_audit(
            actor=self.actor,
            role=self.role,
            action=action,
            object=object,
            justification=justification,
            details=details,
            at_utc=now_utc(),
        )


class Case:
    """An open case."""

    def __init__(self, directory: Path, settings: Settings, store: CaseStore, revision: str) -> None:
        self.dir = directory
        self.settings = settings
        self.store = store.for_role(settings.role)  # what the acting role may see (store.scope)
        self.vault = Vault(directory / "vault")
        self.revision = revision
        #: transactions committed through this object: a caller whose work a Ctrl-C or SIGTERM ended can
        #: tell whether its transaction had committed (its files then stay; ``transaction``)
        self.commits = 0

    def acting_as(self, actor: str, role: str) -> Case:
        """The same case, with actions recorded as ``actor`` in ``role`` (a signed-in user of the app)."""
        settings = self.settings.model_copy(update={"actor": actor, "role": role})
        return Case(self.dir, settings, self.store, self.revision)

    @property
    def reports_dir(self) -> Path:
        """Where reports are written."""
        return self.dir / "reports"

    @property
    def info(self) -> CaseInfo:
        """The case's name, zone and creation details."""
        return self.store.case_info(self.revision)

    @staticmethod
    def database_url(directory: Path, settings: Settings, *, existing: bool = True) -> str:
        """The case's database: named in ``case.json`` (a team case), or the ``case.db`` beside it — which,
        for a case that ``existing`` says is there, must exist (connecting would make an empty one in its
        place). A URL given in the settings (``--db``) is used for it (it may carry the password), but
        one naming another database is refused: the folder's vault and audit head belong to its own."""
        config = directory / CASE_FILE
        stored = _read_config(config).get("database_url") if config.exists() else None
        database = directory / "case.db"
        own = str(stored) if stored else f"sqlite:///{database}"
        given = settings.database_url
        if given and config.exists() and not same_database(given, own):
            where = "named in case.json" if stored else "the case.db in the case folder"
            raise InputError(
                f"{directory}: the database given by --db or FOOTPRINT_DATABASE_URL ({shown_url(given)})"
                f" is not this case's database ({shown_url(own)}, {where}); nothing was done. Leave out"
                " --db and unset FOOTPRINT_DATABASE_URL to use the case's own database (a case whose"
                " database has moved: docs/store.md, 'Moving a case's database')"
            )
        if not stored and existing and not database.exists():
            refuse_a_deletion_begun(directory)  # never "restore it" for a case being deleted
            raise CaseNotFoundError(
                f"{database}: the case's database is missing (its items, findings and audit log); restore it"
                " from the case's backup — the originals in the vault are untouched (if a `case delete` by an"
                f" older Footprint was stopped part-way here, finish it instead: `footprint case delete"
                f" {directory} --finish --confirm CASE_NAME --record FILE`, FILE the deletion record it"
                " wrote)"
            )
        if not stored and existing and database.stat().st_size == 0:  # SQLite reads it as a new database
            raise damaged_database(database, "the file is empty: 0 bytes")
        return given or own

    @classmethod
    def init(cls, directory: Path, *, name: str, tz: str | None, settings: Settings) -> Case:
        """Create a new case; refuse if one is already there."""
        zone(tz or "Europe/London")
        if (directory / CASE_FILE).exists() or (directory / "case.db").exists():
            raise CaseExistsError(f"{directory}: a case already exists here; choose another folder")
        if directory.exists() and not directory.is_dir():
            raise InputError(f"{directory}: exists and is not a folder")
        team = bool(settings.database_url) and not str(settings.database_url).startswith("sqlite")
        engine = make_engine(cls.database_url(directory, settings, existing=False))
        if team:
            try:
                _refuse_a_used_database(engine, directory, str(settings.database_url))
            except FootprintError:
                engine.dispose()
                raise
        make_private_folder(directory)  # owner-only, before the database is written in it
        (directory / "vault").mkdir(exist_ok=True, mode=FOLDER_MODE)
        (directory / "reports").mkdir(exist_ok=True, mode=FOLDER_MODE)
        config: dict[str, str] = {"format": "footprint-case", "created_by": tool_version()}
        if team and settings.database_url:
            config["database_url"] = stored_url(settings.database_url)
        migrate(engine)
        revision = check_revision(engine, str(directory))
        case = cls(directory, settings, CaseStore(engine), revision)
        with case.transaction() as (tx, record):
            tx.create_case(
                name=name,
                zone=tz or "Europe/London",
                zone_source="examiner" if tz else "assumed",
                created_utc=now_utc(),
                tool_version=tool_version(),
            )
            record(
                "case init",
                name,
                zone=tz or "Europe/London",
                zone_given=bool(tz),
                schema=revision,
                tool_version=config["created_by"],
            )
        # the case's identity: its first audit entry's hash, which only its own database holds
        assert record.head is not None
        config |= {"case_id": record.head[1], "case_name": name}
        (directory / CASE_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        return case

    @classmethod
    def open(cls, directory: Path, settings: Settings, *, check_folder: bool = True) -> Case:
        """Open an existing case; refuse one whose database is another case's or older than the folder
        (``folder_match``) unless ``check_folder`` is false (`verify`, which reports it), and one whose
        deletion began (``deletion_marker``)."""
        if not (directory / CASE_FILE).exists():
            refuse_a_deletion_begun(directory)  # all but the marker removed
            raise CaseNotFoundError(
                f"{directory}: no Footprint case here; create one with `footprint case init`"
            )
        engine = make_engine(cls.database_url(directory, settings))
        try:
            refuse_a_deletion_recorded(directory, engine)  # before the schema: an older Footprint's deletion
            revision = check_revision(engine, str(directory))
            if check_folder:
                refuse_a_mismatch(directory, engine)
        except BaseException:  # a refusal leaves no connection open (nor SQLite's -wal and -shm files)
            engine.dispose()
            raise
        return cls(directory, settings, CaseStore(engine), revision)

    def mismatch(self, conn: Connection, last: int | None = None) -> folder_match.Mismatch | None:
        """How the database disagrees with this case folder (another case's, older than it), or ``None``."""
        return _mismatch(self.dir, self.store.unscoped_engine, conn, last)

    @contextmanager
    def transaction(
        self, wait: float | None = None, *, accepting: audit_head.Head | None = None
    ) -> Iterator[tuple[StoreTx, Recorder]]:
        """An all-or-nothing transaction with an audit recorder; its chain head is staged before the commit
        and recorded after it (``footprint.audit_head``). On SQLite it waits up to ``wait`` seconds for
        another writer to end (by default 30). ``accepting``: the folder's head a `case accept-restore`
        carries the case on from, while it is still the folder's head; the database may then be older than
        the folder, and the new head replaces it (``footprint.accept_restore``)."""
        staged: Path | None = None
        held: _Held | None = None
        try:
            with self.store.transaction(None if wait is None else round(wait * 1000)) as tx:
                recorder = Recorder(
                    tx, self.settings.actor, self.settings.role, login=self.settings.actor_is_login
                )
                yield tx, recorder
                if tx.audit_head is not None:  # before the commit: a head that cannot be written undoes it
                    found = self.mismatch(tx.conn, tx.audit_before or 0)
                    if found is not None and not (
                        found.older and accepting is not None and audit_head.file_head(self.dir) == accepting
                    ):
                        raise found.refusal(self.dir)
                    self._refuse_a_folder_behind(tx.audit_before or 0)
                    staged = audit_head.stage_head(self.dir, *tx.audit_head)
                # a Ctrl-C or SIGTERM between the commit and the head's promotion would leave the log
                # ahead of its head, and its caller undoing files the commit keeps: it waits until both
                held = _hold_stops()
        except BaseException:
            if staged is not None:
                audit_head.discard_staged(staged)
            _let_through(held)
            raise
        if staged is not None:
            (audit_head.replace_head if accepting else audit_head.promote_head)(self.dir, staged)
        self.commits += 1
        _let_through(held)  # a stop that came during the commit is raised here, after it

    def _refuse_a_folder_behind(self, before: int) -> None:
        """Refuse a write through a folder that has not seen the audit log up to entry ``before`` (the last
        before this transaction's; committed writers stage their head before they commit, so a folder
        shared by several writers has seen it): another copy of the case folder wrote the entries it has
        not, and its vault holds their originals. A folder whose head is missing or unreadable while the log
        has entries is refused too: a database restored from an older backup would pass unseen (the
        write's own head would agree with it); `case head` re-records it."""
        seen = audit_head.seen_upto(self.dir)
        if seen is None and before:  # a restored older database could not be told from the right one
            raise InputError(
                f"{self.dir}: this case folder's {audit_head.HEAD_FILE} is missing or unreadable while the"
                f" case's database holds {before} audit entries, so a database restored from an older backup"
                " could not be told from the newest; nothing was done. Put back the folder's"
                f" {audit_head.HEAD_FILE} from a copy of the case folder, or, once `footprint verify"
                f" {self.dir}` shows the database is the newest, record its last entry as the head with"
                f" `footprint case head {self.dir} --reason TEXT` (docs/integrity.md)"
            )
        if seen is None or seen >= before:
            return
        unseen = before - seen
        entries = "1 audit entry" if unseen == 1 else f"{unseen} audit entries"
        behind = (
            f"{self.dir}: the case's database has {entries} this case folder has not seen (its"
            f" {audit_head.HEAD_FILE} is at entry {seen}, the database at entry {before}):"
            f" {'it was' if unseen == 1 else 'they were'} written through another copy of the case folder,"
            " which holds their originals and audit head"
        )
        raise FolderBehindError(f"{behind}; nothing was changed. {ONE_FOLDER}", behind=behind)

    def refuse_if_behind(self) -> None:
        """Refuse, as a write through it would be, a case folder behind the database (`serve`, whose
        sign-ins and decisions are writes, refuses to start)."""
        with self.store.unscoped_engine.connect() as conn:
            last = last_audit_entry(conn)
        self._refuse_a_folder_behind(last[0] if last is not None else 0)

    @contextmanager
    def snapshot(self) -> Iterator[Case]:
        """The case read as at one moment: every read goes through one transaction (REPEATABLE READ on
        PostgreSQL, read-only; one read transaction on SQLite), so a colleague's change committed meanwhile
        is not half in what is read. For reading only (a report, `verify`); write through ``self``. A case
        read through one connection already (``OneConnection``: its one transaction) is its own snapshot."""
        if isinstance(self.store.unscoped_engine, OneConnection):
            yield self
            return
        with self.store.unscoped_engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with conn.begin():
                frozen = CaseStore(cast(Engine, OneConnection(conn)))
                yield Case(self.dir, self.settings, frozen, self.revision)

    def close(self) -> None:
        """Release the database connections (the case can be opened again)."""
        self.store.unscoped_engine.dispose()

    def record(self, action: str, object: str, justification: str = "", **details: Any) -> None:
        """Record one action in its own transaction (for reads such as search and report)."""
        with self.transaction() as (_, record):
            record(action, object, justification, **details)

    def record_read(self, action: str, object: str, **details: Any) -> str:
        """Record a read that only shows the case (a search, an assessment) as :meth:`record` does. Through
        a case folder behind the database, where writes are refused, or of a case that cannot be written (a
        read-only copy: ``read_only``), the read is not: it goes ahead without its audit entry, and what is
        returned says so ("" when it was recorded)."""
        try:
            self.record(action, object, **details)
        except FolderBehindError as exc:
            return f"this {action} is not in the audit log: {exc.behind}. {ONE_FOLDER}"
        except (OSError, DBAPIError) as exc:
            why = cannot_write(exc, self.dir)
            if why is None:
                raise
            return not_recorded(f"this {action}", why)
        return ""


def _mismatch(
    directory: Path, engine: Engine, conn: Connection, last: int | None = None
) -> folder_match.Mismatch | None:
    config = _read_config(directory / CASE_FILE) if (directory / CASE_FILE).exists() else {}
    shown = shown_url(engine.url.render_as_string(hide_password=False))
    return folder_match.mismatch(directory, config, conn, shown, last)


def head_only_note(directory: Path) -> str | None:
    """`verify`'s NOTE for a folder whose case.json records no ``case_id`` (``folder_match``)."""
    return folder_match.head_only_note(_read_config(directory / CASE_FILE))


def refuse_a_mismatch(directory: Path, engine: Engine) -> None:
    """Refuse a case whose database holds another case or is older than its folder (``folder_match``);
    the engine is disposed when it is refused."""
    with engine.connect() as conn:
        found = _mismatch(directory, engine, conn)
    if found is not None:
        engine.dispose()
        raise found.refusal(directory)


def _refuse_a_used_database(engine: Engine, directory: Path, url: str) -> None:
    """Refuse `case init` on a server database that is not empty: made by a newer Footprint, holding a case,
    or holding tables Footprint did not make (nothing is created: the folder is made after this)."""
    current = current_revision(engine)
    if current is None:
        tables = sorted(inspect(engine).get_table_names())
        if tables:
            shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
            raise CaseExistsError(
                f"the database {shown_url(url)} is not empty: it holds tables Footprint did not make"
                f" ({shown}); nothing was created. A new case needs an empty database of its own: create one"
                " (createdb NAME) and give it with --db"
            )
        return
    refuse_newer(current, f"{directory}: ")  # a newer Footprint's schema may name its case elsewhere
    held = CaseStore(engine).held_case_name()
    if held is not None:
        raise CaseExistsError(
            f"the database already holds the case {held!r} ({shown_url(url)});"
            " open that case's folder, or create an empty database for a new case"
        )


def _read_config(path: Path) -> dict[str, Any]:
    """``case.json``, or an error naming it when it is not a JSON object."""
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        why = f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    except UnicodeDecodeError:
        why = "not UTF-8 text"
    else:
        if isinstance(config, dict):
            return config
        why = "not a JSON object"
    raise CaseNotFoundError(f"{path}: not a Footprint case file ({why}); restore it from the case's backup")


_STOPS = (signal.SIGINT, signal.SIGTERM)


@dataclass
class _Held:
    """Ctrl-C and SIGTERM held back: the handlers they had, and those that came meanwhile."""

    previous: dict[int, Any]
    came: list[int]


def _hold_stops() -> _Held | None:
    """Hold back Ctrl-C and SIGTERM (their handlers run in the main thread only, so a mask of this thread
    would not do: another thread takes the signal). None off the main thread, where they are not ours."""
    if threading.current_thread() is not threading.main_thread():
        return None
    held = _Held({s: signal.getsignal(s) for s in _STOPS}, [])
    for s, handler in held.previous.items():
        if handler is not None:  # None: a handler not set from Python, which cannot be put back
            signal.signal(s, lambda signum, frame: held.came.append(signum))
    return held


def _let_through(held: _Held | None) -> None:
    """Put the handlers back; a stop that came meanwhile is handled now, as it would have been."""
    if held is None:
        return
    for s, handler in held.previous.items():
        if handler is not None:
            signal.signal(s, handler)
    for signum in held.came[:1]:
        handler = held.previous[signum]
        if callable(handler):
            handler(signum, None)
        elif handler == signal.SIG_DFL:
            os.kill(os.getpid(), signum)
