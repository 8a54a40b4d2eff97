"""A `case delete` stopped part-way that left no ``DELETING.json`` (``footprint.deletion_entry``): begun by
an older Footprint, which wrote none, or killed between its audit entry and its marker. Each state it can
leave is recognised and finished by `case delete --finish` (with `--record` where no database is left to
say a deletion began), or refused with what to do."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from footprint import case_delete
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)
from tests.test_case_delete import _case, delete, footprint

FINISHED_FROM_ENTRY = (
    "begun without DELETING.json (by an older Footprint, or stopped before it was written); known by the"
    " `case delete` entry the audit log ends with (entry 3)"
)
FINISHED_FROM_RECORD = (
    "begun without DELETING.json (by an older Footprint), its database already gone; known by the deletion"
    " record given with --record"
)


def _begun_as_before(case: Path, record: Path, monkeypatch: pytest.MonkeyPatch, removal: str) -> None:
    """`case delete` as an older Footprint ran it (no marker, no token in its record, the folder removed in
    one pass), stopped at ``removal``: before the folder was touched ("none"), or part-way through it, with
    ``case.db`` gone ("database") or ``case.json`` gone ("case.json")."""

    def stopped(directory: Path) -> None:
        if removal == "database":
            shutil.rmtree(directory / "vault")
            (directory / "case.db").unlink()
        elif removal == "case.json":
            (directory / "case.json").unlink()
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(case_delete, "write_marker", lambda directory, marker: None)
        patch.setattr(case_delete, "clear_folder", lambda directory: None)
        patch.setattr(case_delete, "remove_folder", stopped)
        assert delete(case, record).exit_code != 0
    assert not (case / "DELETING.json").exists()
    fields = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps({k: v for k, v in fields.items() if k != "token"}), encoding="utf-8")


def _finished(case: Path, record: Path, found: str, *args: str) -> dict[str, object]:
    result = footprint("case", "delete", str(case), "--finish", "--confirm", "R v Smith", *args)
    assert (result.exit_code, result.output.splitlines()[:2]) == (
        0,
        [f"Deleted: what was left of the case folder {case}", f"Deletion record: {record}"],
    ), result.output
    assert not case.exists()
    kept: dict[str, object] = json.loads(record.read_text(encoding="utf-8"))
    assert (kept["state"], kept["finished_without_marker"]) == ("completed", found)
    return kept


def test_stopped_before_removal_every_command_is_refused_and_finish_alone_ends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    _begun_as_before(case, record, monkeypatch, "none")
    begun = json.loads(record.read_text(encoding="utf-8"))["deleted_utc"][:16]
    for words in (["ls", str(case)], ["verify", str(case)], ["case", "upgrade", str(case)]):
        result = footprint(*words)
        assert result.exit_code == 1, words
        assert result.output.startswith(f"Error: {case}: this case's deletion was begun on {begun}"), words
        assert result.output.endswith(
            f" by DC Test (audit entry 3, record {record}) and stopped part-way: finish it with `footprint case"
            f" delete {case} --finish --confirm CASE_NAME`\n"
        ), words
    _finished(case, record, FINISHED_FROM_ENTRY)


def test_stopped_with_case_json_gone_finish_alone_ends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    _begun_as_before(case, record, monkeypatch, "case.json")
    _finished(case, record, FINISHED_FROM_ENTRY)


def test_stopped_with_the_database_gone_needs_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    _begun_as_before(case, record, monkeypatch, "database")
    alone = footprint("case", "delete", str(case), "--finish")
    assert (alone.exit_code, alone.output) == (
        1,
        f"Error: {case}: no deletion was begun here that this Footprint can tell (no DELETING.json, and no"
        " audit log ends with a `case delete` entry); if an older Footprint's `case delete` was stopped here,"
        " give the deletion record it wrote: `footprint case delete DIR --finish --confirm CASE_NAME --record"
        " FILE`; to delete a case give --confirm, --reason and --record without --finish; nothing was done\n",
    )
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**json.loads(record.read_text()), "folder": str(tmp_path / "x")}))
    refused = footprint("case", "delete", str(case), "--finish", "--record", str(other))
    assert (refused.exit_code, refused.output) == (
        1,
        f"Error: {other}: this deletion record is of the folder '{tmp_path / 'x'}', not {case}; give the"
        " record written when this folder's deletion began; nothing was done\n",
    )
    other.write_text(json.dumps({**json.loads(record.read_text()), "case_id": "f" * 64}))
    refused = footprint("case", "delete", str(case), "--finish", "--record", str(other))
    assert (refused.exit_code, refused.output.split("(case id")[0]) == (1, f"Error: {case}: the case here ")
    assert case.exists() and not (case / "case.db").exists()  # nothing done, no empty database made
    kept = _finished(case, record, FINISHED_FROM_RECORD, "--record", str(record))
    assert kept["finished_removed"] == [f"what was left of the case folder {case}"]


def test_finish_is_refused_for_a_live_case_even_with_a_record(tmp_path: Path) -> None:
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    record.write_text(json.dumps({"state": "begun", "folder": str(case)}))
    result = footprint("case", "delete", str(case), "--finish", "--record", str(record))
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {case}: no deletion was begun here (no DELETING.json, and the case's audit log does not end"
        " with a `case delete` entry); to delete a case give --confirm, --reason and --record without"
        " --finish; nothing was done\n",
    )
    assert footprint("ls", str(case)).exit_code == 0


def test_postgresql_tables_dropped_upgrade_is_refused_and_the_record_finishes_it(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case, _ = _case(tmp_path, db=pg_url)
    record = tmp_path / "deleted.json"
    _begun_as_before(case, record, monkeypatch, "none")  # the tables went before the folder's removal
    engine = create_engine(pg_url)
    try:
        assert inspect(engine).get_table_names() == []
        upgrade = footprint("case", "upgrade", str(case))
        assert (upgrade.exit_code, upgrade.output) == (
            1,
            f"Error: {case}: the case's database holds none of its tables, although this folder's case was"
            " made in it (case.json names its case id): they were dropped, by a `case delete` an older"
            f" Footprint began (finish it: `footprint case delete {case} --finish --confirm CASE_NAME --record"
            " FILE`, FILE the deletion record it wrote) or otherwise (restore the database from its backup);"
            " nothing was done\n",
        )
        assert inspect(engine).get_table_names() == []  # no empty case made in its place
    finally:
        engine.dispose()
    kept = _finished(case, record, FINISHED_FROM_RECORD, "--record", str(record))
    assert kept["not_removed"] == [
        *case_delete.NOT_REMOVED,
        "the PostgreSQL database itself, now empty (its administrator may drop it)",
    ]
