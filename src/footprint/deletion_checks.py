"""What `case delete --finish` checks before it changes anything: that what it finds agrees with the
deletion marker (``footprint.deletion_marker``).

A marker is only a file in a folder, which anyone may write, so it is believed only where the folder is
(what is left of) the case it names (its ``case.json`` says so; once that is gone, only the marker is
left, since `case delete` removes ``case.json`` after everything else) and holds nothing a case does not
hold; the record it names is outside the folder and is that case's deletion record, begun or stopped
part-way, with the marker's token (or gone: it is then made anew); the case's database, while any of it
is there (a SQLite file, even damaged, or Footprint's tables), ends with the `case delete` entry holding
the marker's token (which the deletion wrote before the marker: whoever may only write the folder cannot
forge it), is the same case (a team case's tables are dropped only for a marker giving the case id its
audit log starts with) and gives the acting user no role that may not delete a case; once the database is
gone, nothing is left but ``case.json`` and the marker (`case delete` removes the database after
everything else), or, for a marker an older Footprint wrote (no token), its record is there and agrees
with the folder; and --confirm gives the case's name, as `case delete` asks. Otherwise nothing is done.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, make_url, select

from footprint.access_head import ACCESS_HEAD
from footprint.audit_head import HEAD_FILE, file_head
from footprint.case import CASE_FILE, Case
from footprint.case_delete import LAST, made_by_footprint
from footprint.deciders import MANAGERS
from footprint.deletion_entry import believed, deletion_recorded, holds_audit
from footprint.deletion_marker import MARKER, UNFINISHED, Marker
from footprint.errors import AccessDeniedError, CaseMismatchError, InputError
from footprint.review.decisions import may_manage
from footprint.settings import Settings
from footprint.staging_dirs import ADDING, CLAIMING
from footprint.store import schema as t
from footprint.store.engine import make_engine
from footprint.store.users import list_users
from footprint.upgrade_record import PENDING
from footprint.users import role_among

#: what to do when the marker was not written by `case delete` of the case it is in
_NOT_BEGUN = (
    "If no deletion of a case was begun here, remove {marker} (and, if this is a case, run"
    " `footprint verify {folder}`)"
)
#: the names a case folder holds (``web-ids.key``: ``footprint.web.ids.KEY_FILE``), and the prefixes of
#: the files and folders a command makes in it while it runs
_CASE_HOLDS = frozenset({*LAST, HEAD_FILE, ACCESS_HEAD, "vault", "reports", PENDING, "web-ids.key"})
_CASE_MAKES = (
    f"{HEAD_FILE}.",
    f"{ACCESS_HEAD}.",
    ".web-ids.key.",
    ".footprint-write-check.",
    CLAIMING,
    ADDING,
)


def check_finish(directory: Path, marker: Marker, settings: Settings, confirm: str | None) -> None:
    """Refuse to finish the deletion ``marker`` says was begun in ``directory`` (resolved) unless all
    agree (the module's docstring); nothing is changed either way."""
    _check_folder(directory, marker)
    _check_record(directory, marker)
    _check_database(directory, marker, settings)
    check_confirm(marker, confirm)


def check_holds_a_case(directory: Path) -> None:
    """The folder holds nothing a Footprint case does not: a folder that holds anything else is not
    removed on a marker's or a record's word."""
    others = sorted(
        entry.name
        for entry in directory.iterdir()
        if entry.name not in _CASE_HOLDS and not entry.name.startswith(_CASE_MAKES)
    )
    if others:
        raise InputError(
            f"{directory}: holds {_shown(others)}, which no Footprint case holds, so it is not a case folder"
            " --finish may remove; nothing was done. Move what is not the case's out of the folder (or, if"
            " this is no case whose deletion began, leave it as it is)"
        )


def database_left(directory: Path, settings: Settings) -> Engine | None:
    """The case's database while any of it is there (the caller disposes of it): a SQLite file, even one
    that cannot be read, or a PostgreSQL database holding any of Footprint's tables; ``None`` when it is
    gone (never connecting to a SQLite file that is not there, which would make an empty one)."""
    url = Case.database_url(directory, settings, existing=False)
    if url.startswith("sqlite"):
        path = make_url(url).database
        if not path or not os.path.lexists(path):
            return None
    engine = make_engine(url)
    if engine.dialect.name == "postgresql" and not any(
        map(made_by_footprint, inspect(engine).get_table_names())
    ):
        engine.dispose()
        return None
    return engine


def not_gone(directory: Path, engine: Engine) -> InputError:
    """The refusal for a database that is there and does not end with a deletion's `case delete` entry:
    its audit log cannot be read (a damaged file), or it says nothing of a deletion."""
    where = "its PostgreSQL database" if engine.dialect.name == "postgresql" else "case.db"
    if not holds_audit(engine):
        return InputError(
            f"{directory}: the case's database ({where}) is there, but its audit log cannot be read, so"
            " nothing shows that a deletion was begun: a database that is there, even damaged, is never taken"
            " for one a deletion removed; nothing was done (the vault of originals is untouched). Restore"
            f" the database from the case's backup, or have it investigated (`footprint verify {directory}`)"
        )
    return InputError(
        f"{directory}: no deletion was begun here (no {MARKER}, and the case's audit log does not end with a"
        " `case delete` entry); to delete a case give --confirm, --reason and --record without --finish;"
        " nothing was done"
    )


def check_confirm(marker: Marker, confirm: str | None) -> None:
    """``--confirm`` names the case being deleted, as when its deletion began."""
    if confirm != marker.case_name:
        raise InputError(
            f"--confirm must be the case's name exactly ({marker.case_name!r}), as when its deletion began,"
            " to show which case is meant; nothing was done"
        )


def _check_folder(directory: Path, marker: Marker) -> None:
    """The folder is the case the marker names, or only the marker is left of it."""
    not_begun = _NOT_BEGUN.format(marker=MARKER, folder=directory)
    config_path = directory / CASE_FILE
    if not os.path.lexists(config_path):
        others = sorted(entry.name for entry in directory.iterdir() if entry.name != MARKER)
        if others:
            shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
            raise InputError(
                f"{directory}: holds {MARKER} but is not what is left of a Footprint case: it has no"
                f" {CASE_FILE} (which `case delete` removes after everything else but the marker) and still"
                f" holds {len(others)} other file(s) or folder(s) ({shown}); nothing was done. {not_begun}"
            )
        return
    check_holds_a_case(directory)
    config = _json_object(config_path)
    if config is None or config.get("format") != "footprint-case":
        raise InputError(
            f"{config_path}: not a Footprint case's {CASE_FILE}, so {directory} is not a case whose deletion"
            f" could have begun; nothing was done. {not_begun}"
        )
    case_id = str(config["case_id"]) if config.get("case_id") else None
    case_name = str(config.get("case_name", marker.case_name))  # a case made before case.json named it
    if (case_id, case_name) != (marker.case_id, marker.case_name):
        raise CaseMismatchError(
            f"{directory}: its {MARKER} names the case {marker.case_name!r} (case id"
            f" {_short(marker.case_id)}), but its {CASE_FILE} is the case {case_name!r} (case id"
            f" {_short(case_id)}): the marker was not written by this case's `case delete`; nothing was"
            f" done. {not_begun}"
        )


def _check_record(directory: Path, marker: Marker) -> None:
    """The record is outside the folder and is this case's deletion record, unfinished, or is absent."""
    record = marker.record
    if not record.is_absolute() or (record.parent.resolve() / record.name).is_relative_to(directory):
        raise InputError(
            f"{directory}: its {MARKER} names {str(record)!r} as the deletion record, which `case delete`"
            " never writes there (it must be a full path outside the case folder); nothing was done."
            f" {_NOT_BEGUN.format(marker=MARKER, folder=directory)}"
        )
    if not os.path.lexists(record):
        return  # made anew by --finish from the marker
    fields = None if record.is_symlink() or not record.is_file() else _json_object(record)
    state = str((fields or {}).get("state", ""))
    if (
        fields is None
        or fields.get("tool") != "footprint"
        or not state.startswith(UNFINISHED)
        or fields.get("deleted_case") != marker.case_name
        or fields.get("case_id") != marker.case_id
    ):
        found = (
            "not a Footprint deletion record"
            if fields is None or fields.get("tool") != "footprint" or "deleted_case" not in fields
            else f"the deletion record of the case {fields.get('deleted_case')!r} in the state {state!r}"
        )
        raise InputError(
            f"{record}: the file {MARKER} in {directory} names as its deletion record is {found}, not the"
            f" record of the case {marker.case_name!r} whose deletion was begun or stopped part-way; it is"
            " left as it is and nothing was done. If this case's deletion was begun, put its record back"
            " there (or move that file away, and --finish makes the record anew from the marker)"
        )
    if fields.get("token") != marker.token:
        raise InputError(
            f"{record}: the file {MARKER} in {directory} names as its deletion record gives another token"
            " than the marker, so one of them was not written by the deletion that wrote the other; both"
            " are left as they are and nothing was done. Investigate: a `case delete` writes the same token"
            " into its record, its audit entry and its marker"
        )


def _check_database(directory: Path, marker: Marker, settings: Settings) -> None:
    """The case's database, while any of it is there: the case the marker names, its audit log ending
    with the entry holding the marker's token, and the acting user's role in it; once it is gone, the
    folder as a deletion leaves it."""
    if not (directory / CASE_FILE).exists():
        return  # nothing left names a database
    engine = database_left(directory, settings)
    if engine is None:
        _check_gone(directory, marker)
        return
    try:
        postgres = engine.dialect.name == "postgresql"
        if (marker.database == "PostgreSQL") != postgres:
            raise CaseMismatchError(
                f"{directory}: its {MARKER} says the case's database is {marker.database}, but {CASE_FILE}"
                f" names a {'PostgreSQL' if postgres else 'SQLite'} one; nothing was done."
                f" {_NOT_BEGUN.format(marker=MARKER, folder=directory)}"
            )
        if postgres:
            _check_case_id(directory, marker, engine, t.audit.name in inspect(engine).get_table_names())
        _check_borne_out(directory, marker, engine)
        if t.case_user.name in inspect(engine).get_table_names():
            _check_role(engine, settings)
    finally:
        engine.dispose()


def _check_borne_out(directory: Path, marker: Marker, engine: Engine) -> None:
    """The database ends with the `case delete` entry the deletion that wrote the marker recorded first."""
    entry = deletion_recorded(engine)
    if believed(marker, entry):
        return
    if entry is not None:
        raise CaseMismatchError(
            f"{directory}: the case's audit log ends with a `case delete` entry (entry {entry['seq']}), but"
            f" not the one the deletion that wrote this {MARKER} recorded (its token differs): the marker was"
            " changed or replaced outside Footprint; nothing was done. Keep a copy of the marker as evidence,"
            f" remove it, and give `footprint case delete {directory} --finish --confirm CASE_NAME` again"
            " (the entry names the deletion's record)"
        )
    if not holds_audit(engine):
        raise not_gone(directory, engine)
    raise CaseMismatchError(
        f"{directory}: its {MARKER} was not written by a `case delete` of this case: the case's database is"
        " there and its audit log does not end with the `case delete` entry a deletion records before it"
        " writes its marker, so this is a live case; nothing was done. The folder was changed outside"
        f" Footprint: keep a copy of {MARKER} as evidence, remove it, and run `footprint verify {directory}`"
    )


def _check_gone(directory: Path, marker: Marker) -> None:
    """The database is gone: the folder holds only what a deletion removes after it (``case.json`` and
    the marker), or, for a marker an older Footprint wrote (no token; it removed the database before the
    vault), the record it names is there and agrees with the folder."""
    if marker.token is None:
        if not os.path.lexists(marker.record):
            raise InputError(
                f"{directory}: the case's database is gone, and its {MARKER} (written by an older Footprint:"
                f" no token) names the record {marker.record}, which is not there, so nothing shows that a"
                " deletion began; nothing was done. Put that record back, or restore the database from the"
                f" case's backup; if no deletion was begun here, keep a copy of {MARKER} and remove it"
            )
        check_record_agrees(directory, marker.record)
        return
    left = sorted(entry.name for entry in directory.iterdir() if entry.name not in LAST)
    if left:
        raise InputError(
            f"{directory}: the case's database is gone, but the folder still holds {_shown(left)}:"
            f" `case delete` removes the database only after everything but {CASE_FILE} and {MARKER}, so this"
            " is not what a deletion left; nothing was done. Restore the database from the case's backup, or"
            f" have the folder investigated; if no deletion was begun here, keep a copy of {MARKER} and"
            " remove it"
        )


def check_record_agrees(directory: Path, record: Path) -> None:
    """A record relied on where no database is left (a deletion an older Footprint began) agrees with the
    folder: Footprint's, of this folder's case (the case id in its ``case.json``), the audit log's last
    entry it names is the folder's ``audit.head`` while that is there, and, for a record with a token
    (whose Footprint removes the database after everything else), nothing else is left."""
    fields = _json_object(record) or {}
    config = _json_object(directory / CASE_FILE) or {}
    case_id = str(config["case_id"]) if config.get("case_id") else None
    left = sorted(entry.name for entry in directory.iterdir() if entry.name not in LAST)
    why = ""
    if fields.get("tool") != "footprint":
        why = 'it is not a Footprint deletion record (no "tool": "footprint")'
    elif case_id is not None and fields.get("case_id") != case_id:
        why = f"it gives the case id {_short(_text(fields.get('case_id')))}, not {_short(case_id)}"
    elif fields.get("token") and left:
        why = (
            f"it was written by a `case delete` that removes the database after everything else, yet the"
            f" folder still holds {_shown(left)}"
        )
    elif os.path.lexists(directory / HEAD_FILE):
        head = file_head(directory)
        if head is None or head != (fields.get("audit_entries"), fields.get("audit_head")):
            why = (
                f"the audit log's last entry it names ({fields.get('audit_entries')}) is not the one the"
                f" folder's {HEAD_FILE} names ({head[0] if head else 'unreadable'})"
            )
    if why:
        raise CaseMismatchError(
            f"{record}: not the deletion record of the case in {directory}: {why}; nothing was done. Give"
            " the record written when this case's deletion began, or restore the case's database from its"
            " backup"
        )


def _check_case_id(directory: Path, marker: Marker, engine: Engine, audited: bool) -> None:
    """A team case's tables are dropped only when its audit log starts with the marker's case id."""
    if marker.case_id is None:
        raise CaseMismatchError(
            f"{directory}: its {MARKER} gives no case id, so the Footprint tables in the PostgreSQL database"
            f" named in {CASE_FILE} cannot be shown to be this case's, and --finish never drops them; nothing"
            " was done. Check that database with `footprint verify`; its administrator may drop them"
        )
    with engine.connect() as conn:
        first = conn.execute(select(t.audit.c.hash).where(t.audit.c.seq == 1)).scalar() if audited else None
    if first != marker.case_id:
        held = f"another case (case id {first[:16]})" if first else "Footprint's tables but no audit log"
        raise CaseMismatchError(
            f"{directory}: the database named in {CASE_FILE} holds {held}, not the case"
            f" {marker.case_id[:16]}; nothing was done. Correct database_url in {CASE_FILE} to the database"
            " of the case being deleted"
        )


def _check_role(engine: Engine, settings: Settings) -> None:
    """The role the case gives the acting user (as `case delete` reads it) may delete a case."""
    role = role_among(list_users(engine), settings.actor, settings.role, "role" in settings.model_fields_set)
    if not may_manage(role):
        raise AccessDeniedError(
            f"{settings.actor} acts as {role!r}, which may not delete a case; {MANAGERS} must; nothing was"
            " done"
        )


def _json_object(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _short(case_id: str | None) -> str:
    return case_id[:16] if case_id else "none"


def _text(value: object) -> str | None:
    return str(value) if value else None


def _shown(names: list[str]) -> str:
    return (
        f"{len(names)} other file(s) or folder(s) ("
        + ", ".join(names[:3])
        + (f" and {len(names) - 3} more)" if len(names) > 3 else ")")
    )
