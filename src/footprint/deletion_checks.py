"""What `case delete --finish` checks before it changes anything: that what it finds agrees with the
deletion marker (``footprint.deletion_marker``).

A marker is only a file in a folder, which anyone may write, so it is believed only where the folder is
(what is left of) the case it names (its ``case.json`` says so; once that is gone, only the marker is
left, since `case delete` removes ``case.json`` after everything else); the record it names is outside
the folder and is that case's deletion record, begun or stopped part-way (or gone: it is then made
anew); the case's database, while it is there, is the same case (a team case's tables are dropped only
for a marker giving the case id its audit log starts with) and gives the acting user no role that may not
delete a case; and --confirm gives the case's name, as `case delete` asks. Otherwise nothing is done.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, select

from footprint.case import CASE_FILE, Case
from footprint.case_delete import made_by_footprint
from footprint.deciders import MANAGERS
from footprint.deletion_marker import MARKER, UNFINISHED, Marker
from footprint.errors import AccessDeniedError, CaseMismatchError, InputError
from footprint.review.decisions import may_manage
from footprint.settings import Settings
from footprint.store import schema as t
from footprint.store.engine import make_engine
from footprint.store.users import list_users
from footprint.users import role_among

#: what to do when the marker was not written by `case delete` of the case it is in
_NOT_BEGUN = (
    "If no deletion of a case was begun here, remove {marker} (and, if this is a case, run"
    " `footprint verify {folder}`)"
)


def check_finish(directory: Path, marker: Marker, settings: Settings, confirm: str | None) -> None:
    """Refuse to finish the deletion ``marker`` says was begun in ``directory`` (resolved) unless all
    agree (the module's docstring); nothing is changed either way."""
    _check_folder(directory, marker)
    _check_record(directory, marker)
    _check_database(directory, marker, settings)
    check_confirm(marker, confirm)


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


def _check_database(directory: Path, marker: Marker, settings: Settings) -> None:
    """The case's database, while there: the case the marker names, and the acting user's role in it."""
    if not (directory / CASE_FILE).exists():
        return  # nothing left names a database
    url = Case.database_url(directory, settings, existing=False)
    if url.startswith("sqlite") and not (directory / "case.db").exists():
        return  # removed already (connecting would make an empty one)
    engine = make_engine(url)
    try:
        postgres = engine.dialect.name == "postgresql"
        if (marker.database == "PostgreSQL") != postgres:
            raise CaseMismatchError(
                f"{directory}: its {MARKER} says the case's database is {marker.database}, but {CASE_FILE}"
                f" names a {'PostgreSQL' if postgres else 'SQLite'} one; nothing was done."
                f" {_NOT_BEGUN.format(marker=MARKER, folder=directory)}"
            )
        tables = inspect(engine).get_table_names()
        if postgres and any(map(made_by_footprint, tables)):
            _check_case_id(directory, marker, engine, t.audit.name in tables)
        if t.case_user.name in tables:
            _check_role(engine, settings)
    finally:
        engine.dispose()


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
