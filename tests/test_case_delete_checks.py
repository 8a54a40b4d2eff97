"""`case delete --finish` believes a deletion marker only where what it finds agrees with it: a folder that
is no case, a marker naming another case, a record that is not this case's unfinished deletion record, a
team case's tables without the case id, a role the case does not give, or a missing --confirm are refused,
and every file is left as it was (the reviewer's reproductions a, b and c: docs/integrity.md)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect

from footprint import case_delete
from footprint.case import Case
from footprint.cli import cli
from footprint.settings import Settings
from footprint.users import add_user
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)
from tests.test_case_delete import _case, delete, footprint

NOT_BEGUN = "If no deletion of a case was begun here, remove DELETING.json (and, if this is a case, run `footprint verify {folder}`)"


def _hashes(root: Path) -> dict[str, str]:
    """Every file under ``root`` and its SHA-256 (SQLite's own -wal and -shm aside, which come and go)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith("case.db-")
    }


def _mark(folder: Path, **fields: Any) -> None:
    (folder / "DELETING.json").write_text(json.dumps(fields), encoding="utf-8")


def _finish(folder: Path, *confirm: str) -> str:
    result = footprint("case", "delete", str(folder), "--finish", *confirm)
    assert result.exit_code == 1, result.output
    return result.output


def _killed(directory: Path) -> None:
    """`case delete` killed after its marker was written, before the folder's removal began."""
    raise SystemExit(143)


def _own_marker(case: Path, record: Path, **changes: Any) -> None:
    """A marker as `case delete` writes it for ``case`` (its case.json's id and name), with ``changes``."""
    config = json.loads((case / "case.json").read_text(encoding="utf-8"))
    fields = {
        "record": str(record), "begun_utc": "2026-01-01T00:00:00Z", "deleted_by": "DC Test",
        "role": "investigator", "case_id": config.get("case_id"), "case_name": "R v Smith", "database": "SQLite",
    }  # fmt: skip
    _mark(case, **(fields | changes))


def test_a_folder_that_is_no_case_is_refused_and_the_file_its_marker_names_kept(tmp_path: Path) -> None:
    """Reproduction a."""
    folder = tmp_path / "notacase"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "statement.txt").write_text("my statement\n", encoding="utf-8")
    precious = tmp_path / "precious.txt"
    precious.write_text("precious\n", encoding="utf-8")
    _mark(folder, record=str(precious), begun_utc="2026-01-01", deleted_by="x", role="investigator",
          case_id=None, case_name="nothing", database="SQLite")  # fmt: skip
    before = _hashes(tmp_path)
    assert _finish(folder, "--confirm", "nothing") == (
        f"Error: {folder}: holds DELETING.json but is not what is left of a Footprint case: it has no"
        " case.json (which `case delete` removes after everything else but the marker) and still holds 1"
        f" other file(s) or folder(s) (docs); nothing was done. {NOT_BEGUN.format(folder=folder)}\n"
    )
    assert _hashes(tmp_path) == before


def test_a_live_case_whose_marker_names_another_case_is_refused(tmp_path: Path) -> None:
    """Reproduction b: a record inside the case, and a marker naming another case."""
    case, _ = _case(tmp_path)
    _mark(case, record=str(case / "reports" / "rec.json"), begun_utc="2026-01-01", deleted_by="\u202eevil",
          role="investigator", case_id="abc", case_name="other case", database="SQLite")  # fmt: skip
    case_id = json.loads((case / "case.json").read_text(encoding="utf-8"))["case_id"]
    before = _hashes(tmp_path)
    assert _finish(case, "--confirm", "other case") == (
        f"Error: {case}: its DELETING.json names the case 'other case' (case id abc), but its case.json is"
        f" the case 'R v Smith' (case id {case_id[:16]}): the marker was not written by this case's `case"
        f" delete`; nothing was done. {NOT_BEGUN.format(folder=case)}\n"
    )
    assert _hashes(tmp_path) == before


def _not_a_record(tmp_path: Path, case: Path) -> tuple[Path, str]:
    precious = tmp_path / "precious.txt"
    precious.write_text("precious\n", encoding="utf-8")
    return precious, "not a Footprint deletion record"


def _completed(tmp_path: Path, case: Path) -> tuple[Path, str]:
    done = tmp_path / "done.json"
    config = json.loads((case / "case.json").read_text(encoding="utf-8"))
    done.write_text(json.dumps({"tool": "footprint", "state": "completed", "deleted_case": "R v Smith",
                                "case_id": config["case_id"]}), encoding="utf-8")  # fmt: skip
    return done, "the deletion record of the case 'R v Smith' in the state 'completed'"


@pytest.mark.parametrize("kind", [_not_a_record, _completed], ids=["another file", "completed record"])
def test_a_record_that_is_not_this_cases_unfinished_deletion_record_is_kept(
    tmp_path: Path, kind: Any
) -> None:
    case, _ = _case(tmp_path)
    record, found = kind(tmp_path, case)
    _own_marker(case, record)
    before = _hashes(tmp_path)
    assert _finish(case, "--confirm", "R v Smith") == (
        f"Error: {record}: the file DELETING.json in {case} names as its deletion record is {found}, not the"
        " record of the case 'R v Smith' whose deletion was begun or stopped part-way; it is left as it is"
        " and nothing was done. If this case's deletion was begun, put its record back there (or move that"
        " file away, and --finish makes the record anew from the marker)\n"
    )
    assert _hashes(tmp_path) == before


def test_a_record_inside_the_case_folder_is_refused(tmp_path: Path) -> None:
    case, _ = _case(tmp_path)
    inside = case / "reports" / "rec.json"
    _own_marker(case, inside)
    before = _hashes(tmp_path)
    assert _finish(case, "--confirm", "R v Smith") == (
        f"Error: {case}: its DELETING.json names '{inside}' as the deletion record, which `case delete` never"
        " writes there (it must be a full path outside the case folder); nothing was done."
        f" {NOT_BEGUN.format(folder=case)}\n"
    )
    assert _hashes(tmp_path) == before


def test_finish_needs_the_case_name_as_delete_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    monkeypatch.setattr(case_delete, "remove_folder", _killed)
    assert delete(case, record).exit_code != 0  # killed before the folder's removal: a genuine marker
    before = _hashes(tmp_path)
    refused = (
        "Error: --confirm must be the case's name exactly ('R v Smith'), as when its deletion began, to show"
        " which case is meant; nothing was done\n"
    )
    assert _finish(case) == refused
    assert _finish(case, "--confirm", "R v Jones") == refused
    assert _hashes(tmp_path) == before


def test_finish_acts_in_the_role_the_case_gives_its_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user of the case who is its advocate cannot finish a deletion by leaving out --role."""
    case, _ = _case(tmp_path)
    opened = Case.open(case, Settings(actor="DC Test", role="investigator"))
    add_user(opened, "Ann Advocate", "advocate", "a long enough passphrase 1")
    opened.close()
    record = tmp_path / "deleted.json"
    monkeypatch.setattr(case_delete, "remove_folder", _killed)
    assert delete(case, record).exit_code != 0
    before = _hashes(tmp_path)
    words = ["--actor", "Ann Advocate", "case", "delete", str(case), "--finish", "--confirm", "R v Smith"]
    result = CliRunner().invoke(cli, words)
    assert (result.exit_code, result.output) == (
        1,
        "Error: Ann Advocate acts as 'advocate', which may not delete a case; the officer in the case (an"
        " investigator), a reviewer or a prosecutor must; nothing was done\n",
    )
    assert _hashes(tmp_path) == before


@pytest.mark.postgres
def test_a_team_cases_tables_are_never_dropped_for_a_marker_without_its_case_id(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    """Reproduction c (a three-field marker in an intact team case), and a marker whose name agrees with a
    case.json that gives no case id (a case made before case.json did)."""
    case, _ = _case(tmp_path, db=pg_url)
    case_id = json.loads((case / "case.json").read_text(encoding="utf-8"))["case_id"]
    record = tmp_path / "pg2rec.json"
    _mark(case, record=str(record), database="PostgreSQL")
    engine = create_engine(pg_url)
    try:
        tables = inspect(engine).get_table_names()
        before = _hashes(tmp_path)
        assert _finish(case, "--confirm", "unknown") == (
            f"Error: {case}: its DELETING.json names the case 'unknown' (case id none), but its case.json is"
            f" the case 'R v Smith' (case id {case_id[:16]}): the marker was not written by this case's"
            f" `case delete`; nothing was done. {NOT_BEGUN.format(folder=case)}\n"
        )
        assert _hashes(tmp_path) == before
        config = json.loads((case / "case.json").read_text(encoding="utf-8"))
        del config["case_id"]
        (case / "case.json").write_text(json.dumps(config), encoding="utf-8")
        _own_marker(case, record, case_id=None, database="PostgreSQL")
        before = _hashes(tmp_path)
        assert _finish(case, "--confirm", "R v Smith") == (
            f"Error: {case}: its DELETING.json gives no case id, so the Footprint tables in the PostgreSQL"
            " database named in case.json cannot be shown to be this case's, and --finish never drops them;"
            " nothing was done. Check that database with `footprint verify`; its administrator may drop them\n"
        )
        assert _hashes(tmp_path) == before
        assert inspect(engine).get_table_names() == tables
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_team_cases_tables_are_dropped_only_for_the_case_id_its_audit_log_starts_with(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    """The folder and marker agree with each other, but the database named is another case's."""
    case, _ = _case(tmp_path, db=pg_url)
    config = json.loads((case / "case.json").read_text(encoding="utf-8"))
    held = config["case_id"]
    (case / "case.json").write_text(json.dumps(config | {"case_id": "b" * 64}), encoding="utf-8")
    _own_marker(case, tmp_path / "deleted.json", database="PostgreSQL")
    before = _hashes(tmp_path)
    assert _finish(case, "--confirm", "R v Smith") == (
        f"Error: {case}: the database named in case.json holds another case (case id {held[:16]}), not the"
        f" case {'b' * 16}; nothing was done. Correct database_url in case.json to the database of the case"
        " being deleted\n"
    )
    assert _hashes(tmp_path) == before
