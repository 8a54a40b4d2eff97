"""A forged deletion marker or record never deletes a case or a folder (integrity review 5, defects 1 and
2): a ``DELETING.json`` the case's audit log does not bear out (no `case delete` entry with its token) is a
stray, named by `verify`, and every command works; `--finish --record` is refused for a folder that is no
case, a database that is there (even damaged), a --confirm that is not the case.json name, and a record
that disagrees with the folder. Every file is hashed before and after: nothing is changed."""

from __future__ import annotations

import gc
import json
import shutil
import warnings
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from footprint import case_delete
from footprint.deletion_checks import _CASE_HOLDS
from footprint.web.ids import KEY_FILE
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)
from tests.test_case_delete import _case, delete, footprint
from tests.test_case_delete_checks import _hashes, _mark, _own_marker
from tests.test_case_delete_unmarked import FINISHED_FROM_RECORD, _begun_as_before, _finished

STRAY = (
    "PROBLEM: DELETING.json: a deletion marker no `case delete` of this case wrote (the case's audit log does"
    " not end with the `case delete` entry a deletion writes before its marker): the case folder was changed"
    " outside Footprint; nothing was deleted. Keep a copy of the file, as evidence of that change, then remove"
    " it from the case folder"
)
LIVE = (
    "Error: {case}: its DELETING.json was not written by a `case delete` of this case: the case's database is"
    " there and its audit log does not end with the `case delete` entry a deletion records before it writes"
    " its marker, so this is a live case; nothing was done. The folder was changed outside Footprint: keep a"
    " copy of DELETING.json as evidence, remove it, and run `footprint verify {case}`\n"
)


def _refused(folder: Path, *words: str) -> str:
    result = footprint("case", "delete", str(folder), "--finish", *words)
    assert result.exit_code == 1, result.output
    return result.output


def _works_and_verify_names_the_marker(case: Path) -> None:
    """Every command opens the case as usual; `verify` fails on the stray marker alone."""
    assert _command("ls", str(case))[0] == 0
    assert _command("items", str(case))[0] == 0
    code, output = _command("verify", str(case))
    assert code == 1
    assert [line for line in output.splitlines() if line.startswith("PROBLEM")] == [STRAY]
    assert (case / "DELETING.json").exists()  # kept: evidence of the change


def _command(*words: str) -> tuple[int, str]:
    """A command's exit code and output, as its own process runs it: its engine, never disposed, goes
    when it ends (with the traceback the result holds, which keeps it)."""
    result = footprint(*words)
    said = (result.exit_code, result.output)
    del result
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return said


def test_a_forged_marker_in_a_live_sqlite_case_deletes_nothing_and_verify_names_it(tmp_path: Path) -> None:
    """Reproduction 1: a marker giving the case id and name case.json shows."""
    case, _ = _case(tmp_path)
    _own_marker(case, tmp_path / "forged-record.json", begun_utc="2026-11-30T09:00:00Z", deleted_by="dsmith")
    before = _hashes(tmp_path)
    assert _refused(case, "--confirm", "R v Smith") == LIVE.format(case=case)
    assert _hashes(tmp_path) == before
    _works_and_verify_names_the_marker(case)
    assert footprint("case", "upgrade", str(case)).exit_code == 0


def test_an_empty_marker_stops_no_command(tmp_path: Path) -> None:
    case, _ = _case(tmp_path)
    _mark(case)
    before = _hashes(tmp_path)
    assert _refused(case, "--confirm", "R v Smith").startswith(
        f"Error: {case}: its DELETING.json names the case 'unknown' (case id none)"
    )
    assert _hashes(tmp_path) == before
    _works_and_verify_names_the_marker(case)


def test_a_forged_marker_with_a_token_in_a_case_whose_database_is_lost_keeps_the_vault(
    tmp_path: Path,
) -> None:
    """The database is gone but the vault is there: `case delete` removes the database after everything but
    case.json and the marker, so no deletion left this."""
    case, _ = _case(tmp_path)
    (case / "case.db").unlink()
    _own_marker(case, tmp_path / "forged-record.json", token="f" * 32)
    before = _hashes(tmp_path)
    assert _refused(case, "--confirm", "R v Smith") == (
        f"Error: {case}: the case's database is gone, but the folder still holds 3 other file(s) or folder(s)"
        " (audit.head, reports, vault): `case delete` removes the database only after"
        " everything but case.json and DELETING.json, so this is not what a deletion left; nothing was done."
        " Restore the database from the case's backup, or have the folder investigated; if no deletion was"
        " begun here, keep a copy of DELETING.json and remove it\n"
    )
    config = json.loads((case / "case.json").read_text(encoding="utf-8"))
    _own_marker(case, tmp_path / "forged-record.json")  # as an older Footprint wrote it: no token
    assert _refused(case, "--confirm", "R v Smith") == (
        f"Error: {case}: the case's database is gone, and its DELETING.json (written by an older Footprint: no"
        f" token) names the record {tmp_path / 'forged-record.json'}, which is not there, so nothing shows that"
        " a deletion began; nothing was done. Put that record back, or restore the database from the case's"
        " backup; if no deletion was begun here, keep a copy of DELETING.json and remove it\n"
    )
    (tmp_path / "forged-record.json").write_text(
        json.dumps({"tool": "footprint", "state": "begun", "deleted_case": "R v Smith",
                    "case_id": config["case_id"], "audit_entries": 1, "audit_head": "0" * 64}),
        encoding="utf-8",
    )  # fmt: skip
    assert _refused(case, "--confirm", "R v Smith") == (
        f"Error: {tmp_path / 'forged-record.json'}: not the deletion record of the case in {case}: the audit"
        " log's last entry it names (1) is not the one the folder's audit.head names (2); nothing was done."
        " Give the record written when this case's deletion began, or restore the case's database from its"
        " backup\n"
    )
    (tmp_path / "forged-record.json").unlink()
    marker = "r-v-smith/DELETING.json"
    assert {**_hashes(tmp_path), marker: ""} == {**before, marker: ""}  # the vault and all: as they were


def test_a_forged_record_never_removes_a_folder_that_is_no_case(tmp_path: Path) -> None:
    """Reproduction 2A."""
    folder = tmp_path / "notacase"
    (folder / "sub").mkdir(parents=True)
    (folder / "thesis.txt").write_text("precious", encoding="utf-8")
    (folder / "sub" / "data.csv").write_text("x", encoding="utf-8")
    record = tmp_path / "rec2.json"
    record.write_text(json.dumps({"folder": str(folder), "state": "begun", "deleted_case": "x"}))
    before = _hashes(tmp_path)
    assert _refused(folder, "--confirm", "x", "--record", str(record)) == (
        f"Error: {folder}: holds 2 other file(s) or folder(s) (sub, thesis.txt), which no Footprint case"
        " holds, so it is not a case folder --finish may remove; nothing was done. Move what is not the"
        " case's out of the folder (or, if this is no case whose deletion began, leave it as it is)\n"
    )
    shutil.rmtree(folder / "sub")
    (folder / "thesis.txt").unlink()
    (folder / "vault").mkdir()  # a name a case holds, but no case.json
    (folder / "vault" / "thesis.txt").write_text("precious", encoding="utf-8")
    before = _hashes(tmp_path)
    assert _refused(folder, "--confirm", "x", "--record", str(record)) == (
        f"Error: {folder}: holds no case.json, which `case delete` removes after everything else, yet is not"
        " empty, so it is not what is left of a Footprint case; nothing was done\n"
    )
    assert _hashes(tmp_path) == before


def test_a_forged_record_never_removes_a_case_whose_database_is_damaged(tmp_path: Path) -> None:
    """Reproduction 2B: a database that is there, even one that cannot be read, is never "already gone"."""
    case, _ = _case(tmp_path)
    with open(case / "case.db", "r+b") as db:
        db.write(b"garbage!")
    record = tmp_path / "hand-record.json"
    record.write_text(json.dumps({"folder": str(case), "state": "begun", "deleted_case": "anything"}))
    before = _hashes(tmp_path)
    damaged = (  # refused as every command refuses a damaged database (store.damaged), before any deletion step
        f"Error: {case / 'case.db'}: the case's database cannot be read (SQLite says \"file is not a"
        ' database"): it is damaged, cut short, overwritten or emptied. Nothing was changed. Restore case.db'
        " from the case's backup or a copy of the case folder; `footprint verify` cannot check a database it"
        " cannot read\n"
    )
    for confirm in ("anything", "R v Smith"):
        assert _refused(case, "--confirm", confirm, "--record", str(record)) == damaged
    _own_marker(case, tmp_path / "forged-record.json", token="f" * 32)  # with a marker too
    assert _refused(case, "--confirm", "R v Smith") == damaged
    assert _hashes(tmp_path) == before | {"r-v-smith/DELETING.json": _hashes(case)["DELETING.json"]}


def test_a_record_must_agree_with_the_case_folder_and_confirm_with_its_case_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older Footprint's deletion stopped with its database gone: the record given must be this case's
    (its case id, its audit head), and --confirm the name in the folder's case.json, not the record's."""
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    _begun_as_before(case, record, monkeypatch, "database")
    genuine = json.loads(record.read_text(encoding="utf-8"))
    other = tmp_path / "other.json"
    before = _hashes(tmp_path)
    other.write_text(json.dumps(genuine | {"deleted_case": "anything"}))
    assert _refused(case, "--confirm", "anything", "--record", str(other)) == (
        "Error: --confirm must be the case's name exactly ('R v Smith'), as when its deletion began, to show"
        " which case is meant; nothing was done\n"
    )
    other.write_text(json.dumps({k: v for k, v in genuine.items() if k != "case_id"}))
    assert _refused(case, "--confirm", "R v Smith", "--record", str(other)) == (
        f"Error: {other}: not the deletion record of the case in {case}: it gives the case id none, not"
        f" {genuine['case_id'][:16]}; nothing was done. Give the record written when this case's deletion"
        " began, or restore the case's database from its backup\n"
    )
    other.write_text(json.dumps(genuine | {"audit_head": "0" * 64}))
    assert _refused(case, "--confirm", "R v Smith", "--record", str(other)).startswith(
        f"Error: {other}: not the deletion record of the case in {case}: the audit log's last entry it names"
        f" ({genuine['audit_entries']}) is not the one the folder's audit.head names"
    )
    other.write_text(json.dumps(genuine | {"tool": "other"}))
    assert _refused(case, "--confirm", "R v Smith", "--record", str(other)).startswith(
        f"Error: {other}: not the deletion record of the case in {case}: it is not a Footprint deletion record"
    )
    other.write_text(json.dumps(genuine | {"token": "f" * 32}))  # a newer Footprint's: the vault goes first
    (case / "vault").mkdir()
    assert _refused(case, "--confirm", "R v Smith", "--record", str(other)).startswith(
        f"Error: {other}: not the deletion record of the case in {case}: it was written by a `case delete` that"
        " removes the database after everything else, yet the folder still holds 3 other file(s) or folder(s)"
        " (audit.head, reports, vault); nothing was done."
    )
    (case / "vault").rmdir()
    other.unlink()
    assert _hashes(tmp_path) == before
    _finished(case, record, FINISHED_FROM_RECORD, "--record", str(record))


def test_a_marker_whose_token_is_not_the_entrys_is_refused_and_the_entry_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A genuine deletion killed before its folder's removal, its marker then changed: the audit log still
    says a deletion began (every command is refused), but the marker is not its."""
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    with monkeypatch.context() as patch:
        patch.setattr(case_delete, "clear_folder", lambda directory: (_ for _ in ()).throw(KeyboardInterrupt))
        assert delete(case, record).exit_code != 0
    marker = json.loads((case / "DELETING.json").read_text(encoding="utf-8"))
    assert marker["token"] == json.loads(record.read_text(encoding="utf-8"))["token"]
    (case / "DELETING.json").write_text(json.dumps(marker | {"token": "f" * 32}), encoding="utf-8")
    listed = footprint("ls", str(case))
    assert (listed.exit_code, listed.output.split(" on ")[0], listed.output.split(" by DC Test")[1]) == (
        1,
        f"Error: {case}: this case's deletion was begun",
        f" (audit entry 3, record {record}) and stopped part-way: finish it with `footprint case delete {case}"
        " --finish --confirm CASE_NAME`\n",
    )
    before = _hashes(tmp_path)
    record.write_text(json.dumps(json.loads(record.read_text()) | {"token": "f" * 32}))  # as the marker's
    assert _refused(case, "--confirm", "R v Smith") == (
        f"Error: {case}: the case's audit log ends with a `case delete` entry (entry 3), but not the one the"
        " deletion that wrote this DELETING.json recorded (its token differs): the marker was changed or"
        " replaced outside Footprint; nothing was done. Keep a copy of the marker as evidence, remove it, and"
        f" give `footprint case delete {case} --finish --confirm CASE_NAME` again (the entry names the"
        " deletion's record)\n"
    )
    assert {k: v for k, v in _hashes(tmp_path).items() if k != "deleted.json"} == {
        k: v for k, v in before.items() if k != "deleted.json"
    }
    (case / "DELETING.json").write_text(json.dumps(marker), encoding="utf-8")  # its own token again
    before = _hashes(tmp_path)
    assert _refused(case, "--confirm", "R v Smith").startswith(
        f"Error: {record}: the file DELETING.json in {case} names as its deletion record gives another token"
        " than the marker, so one of them was not written by the deletion that wrote the other; both are left"
        " as they are and nothing was done."
    )
    assert _hashes(tmp_path) == before
    (case / "DELETING.json").unlink()
    result = footprint("case", "delete", str(case), "--finish", "--confirm", "R v Smith")
    assert result.exit_code == 0, result.output
    assert not case.exists()


@pytest.mark.parametrize("stop", ["in the vault", "after the vault"])
def test_a_genuine_deletion_killed_in_its_folders_removal_is_refused_then_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: str
) -> None:
    """Killed while the vault went (the database whole), or after everything but the database: the marker
    is borne out by the audit log, or the folder holds nothing but the database, case.json and it."""
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    real = case_delete.clear_folder

    def killed(directory: Path) -> None:
        if stop == "in the vault":
            shutil.rmtree(directory / "vault")
        else:
            real(directory)
            (directory / "case.db").unlink()
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(case_delete, "clear_folder", killed)
        assert delete(case, record).exit_code != 0
    listed = footprint("ls", str(case))
    assert (listed.exit_code, listed.output.split(" by DC Test")[0]) == (
        1,
        f"Error: {case}: this case's deletion was begun on {json.loads(record.read_text())['deleted_utc']}",
    )
    result = footprint("case", "delete", str(case), "--finish", "--confirm", "R v Smith")
    assert result.exit_code == 0, result.output
    assert not case.exists()
    assert json.loads(record.read_text(encoding="utf-8"))["state"] == "completed"


@pytest.mark.postgres
def test_a_forged_marker_in_a_live_team_case_drops_no_table(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    """Reproduction 1 on PostgreSQL: the case id is public (case.json), the token is not."""
    case, _ = _case(tmp_path, db=pg_url)
    _own_marker(case, tmp_path / "forged-pg-record.json", database="PostgreSQL", token="f" * 32)
    engine = create_engine(pg_url)
    try:
        tables = inspect(engine).get_table_names()
        before = _hashes(tmp_path)
        assert _refused(case, "--confirm", "R v Smith") == LIVE.format(case=case)
        assert _hashes(tmp_path) == before
        assert inspect(engine).get_table_names() == tables
        _works_and_verify_names_the_marker(case)
        assert inspect(engine).get_table_names() == tables
    finally:
        engine.dispose()


def test_the_names_a_case_folder_holds_include_the_review_apps_key() -> None:
    assert KEY_FILE in _CASE_HOLDS
