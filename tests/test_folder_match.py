"""A case folder and a database that disagree: one restored from an older backup, or another case's."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from click.testing import Result

from footprint.case import Case
from footprint.head_record import record_head
from footprint.settings import Settings

Run = Callable[..., Result]


def _copy_db(source: Path, target: Path) -> None:
    """Copy one SQLite database over another with SQLite's backup API (a backup, or its restore)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _older(folder: Path, last: int, seen: int) -> str:
    return (
        f"the case's database (sqlite:///{folder / 'case.db'}) is older than this case folder: it holds"
        f" audit entries up to {last}, the folder saw up to {seen} (audit.head); it may have been restored"
        " from an older backup, and what was done after that backup is not in it"
    )


def _advice(folder: Path, seen: int, *, older: bool = True) -> str:
    return (
        f"Restore the newest backup of the database (one that holds entry {seen}), or correct database_url"
        f" in case.json if it names the wrong database, then run `footprint verify {folder}`; keep every"
        " file in the vault: the originals of exhibits the database lacks may be there (docs/store.md, 'A"
        " database older than its case folder')"
    ) + (
        f". If no backup holds entry {seen}, `footprint case accept-restore {folder} --reason TEXT` carries the"
        " case on from this database, recording the gap for good (docs/integrity.md, 'Carrying a case on"
        " from an older database')"
        if older
        else ""
    )


def test_a_database_restored_from_an_older_backup_is_refused_and_verify_fails(
    tmp_path: Path, run_cli: Run
) -> None:
    # the review's repro: a backup, a decision, the backup restored, and the team carries on; two writes
    # later verify had passed with the decision gone
    folder = tmp_path / "c"
    assert run_cli("case", "init", str(folder), "--name", "R v Restore").exit_code == 0
    assert run_cli("person", "add", str(folder), "Ann Example", "--role", "suspect").exit_code == 0
    _copy_db(folder / "case.db", tmp_path / "backup.db")
    assert run_cli("person", "add", str(folder), "Ben Example", "--role", "complainant").exit_code == 0
    _copy_db(tmp_path / "backup.db", folder / "case.db")
    head = (folder / "audit.head").read_text(encoding="ascii")
    for args in (["person", "add", str(folder), "Cat Example", "--role", "witness"], ["ls", str(folder)]):
        result = run_cli(*args)
        assert (result.exit_code, result.output) == (
            1,
            f"Error: {folder}: {_older(folder, 2, 3)}; nothing was done. {_advice(folder, 3)}\n",
        )
    assert (folder / "audit.head").read_text(encoding="ascii") == head
    result = run_cli("verify", str(folder))
    assert result.exit_code == 1
    chain = "audit log ends at entry 2 but the recorded head is entry 3 (entries removed at the end)"
    problem = f"{_older(folder, 2, 3)}. {_advice(folder, 3)}"
    assert result.output.splitlines() == [
        f"PROBLEM: {chain}",
        f"PROBLEM: {problem}",
        f"Error: verification failed (2 problem(s)): {chain}; {problem}",
    ]


def test_a_database_written_to_after_its_restore_is_refused_as_not_holding_the_folders_head(
    tmp_path: Path, settings: Settings
) -> None:
    # restored, then written to by a Footprint that did not check (or through another folder): its entry 3
    # is not the folder's entry 3
    from footprint.parties import add_person

    folder = tmp_path / "c"
    Case.init(folder, name="R v Restore", tz=None, settings=settings).close()
    _copy_db(folder / "case.db", tmp_path / "backup.db")
    case = Case.open(folder, settings)
    add_person(case, "Ann Example", "suspect")
    case.close()
    head = (folder / "audit.head").read_text(encoding="ascii")
    _copy_db(tmp_path / "backup.db", folder / "case.db")
    shutil.copytree(folder, tmp_path / "other", ignore=shutil.ignore_patterns("audit.head"))
    other = Case.open(tmp_path / "other", settings)
    record_head(other, "a copy of the folder without its head")  # a head-less folder may not write
    add_person(other, "Ben Example", "complainant")
    other.close()
    _copy_db(tmp_path / "other" / "case.db", folder / "case.db")
    held = Case.open(tmp_path / "other", settings)
    theirs = next(e.hash for e in held.store.audit_entries() if e.seq == 2)
    held.close()
    result = Case.open(folder, settings, check_folder=False)
    with result.store.unscoped_engine.connect() as conn:
        found = result.mismatch(conn)
    result.close()
    assert found is not None
    assert found.what == (
        f"the case's database (sqlite:///{folder / 'case.db'}) does not hold the audit entry this case"
        f" folder recorded as its head: its entry 2 is another (SHA-256 {theirs[:12]}…, the folder's"
        f" {head.split()[1][:12]}…); it is another case's database, or one restored from an older backup and"
        " written to since, or the folder's audit.head was changed (then put it back from a copy of the case"
        " folder)"
    )


def test_case_json_naming_another_cases_database_is_refused_naming_both(tmp_path: Path, run_cli: Run) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_cli("case", "init", str(one), "--name", "R v One").exit_code == 0
    assert run_cli("case", "init", str(two), "--name", "R v Two").exit_code == 0
    ids = [json.loads((f / "case.json").read_text(encoding="utf-8"))["case_id"] for f in (one, two)]
    # a typo while moving the database: folder one's case.json names case two's database
    config = json.loads((one / "case.json").read_text(encoding="utf-8"))
    config["database_url"] = f"sqlite:///{two / 'case.db'}"
    (one / "case.json").write_text(json.dumps(config), encoding="utf-8")
    what = (
        f"the case's database (sqlite:///{two / 'case.db'}) holds another case, 'R v Two' (case id"
        f" {ids[1][:16]}), not this folder's case 'R v One' (case id {ids[0][:16]})"
    )
    advice = (
        f"Correct database_url in {one / 'case.json'} to this case's own database (no password: give it in"
        " PGPASSWORD or ~/.pgpass) (docs/store.md, 'Moving a case's database')"
    )
    for args in (["ls", str(one)], ["person", "add", str(one), "Ann Example", "--role", "suspect"]):
        result = run_cli(*args)
        assert (result.exit_code, result.output) == (1, f"Error: {one}: {what}; nothing was done. {advice}\n")
    result = run_cli("verify", str(one))
    assert result.exit_code == 1
    assert f"PROBLEM: {what}. {advice}" in result.output.splitlines()
    assert run_cli("verify", str(two)).exit_code == 0  # case two was not written to


def test_case_init_records_the_cases_identity(tmp_path: Path, settings: Settings) -> None:
    case = Case.init(tmp_path / "c", name="R v Identity", tz=None, settings=settings)
    first = next(iter(case.store.audit_entries()))
    case.close()
    config = json.loads((tmp_path / "c" / "case.json").read_text(encoding="utf-8"))
    assert (config["case_id"], config["case_name"], first.action) == (first.hash, "R v Identity", "case init")


def test_case_upgrade_refuses_another_cases_database_before_changing_it(tmp_path: Path, run_cli: Run) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_cli("case", "init", str(one), "--name", "R v One").exit_code == 0
    assert run_cli("case", "init", str(two), "--name", "R v Two").exit_code == 0
    config = json.loads((one / "case.json").read_text(encoding="utf-8"))
    (one / "case.json").write_text(
        json.dumps({**config, "database_url": f"sqlite:///{two / 'case.db'}"}), encoding="utf-8"
    )
    result = run_cli("case", "upgrade", str(one))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {one}: the case's database (sqlite:///{two / 'case.db'}) holds")
    assert run_cli("verify", str(two)).exit_code == 0


def test_a_write_without_the_folders_head_is_refused_until_a_person_re_records_it(
    tmp_path: Path, run_cli: Run
) -> None:
    # the review's repro: a backup restored, audit.head removed, and the next add wrote a head agreeing with
    # the older database, so verify passed once the lost exhibit's vault file was removed
    folder = tmp_path / "c"
    assert run_cli("case", "init", str(folder), "--name", "R v Head").exit_code == 0
    _copy_db(folder / "case.db", tmp_path / "backup.db")
    assert run_cli("person", "add", str(folder), "Ann Example", "--role", "suspect").exit_code == 0
    _copy_db(tmp_path / "backup.db", folder / "case.db")
    for damage in ("remove", "garble"):
        if damage == "remove":
            (folder / "audit.head").unlink()
        else:
            (folder / "audit.head").write_text("garbage\n", encoding="ascii")
        result = run_cli("person", "add", str(folder), "Ben Example", "--role", "complainant")
        assert (result.exit_code, result.output) == (
            1,
            f"Error: {folder}: this case folder's audit.head is missing or unreadable while the case's"
            " database holds 1 audit entries, so a database restored from an older backup could not be told"
            " from the newest; nothing was done. Put back the folder's audit.head from a copy of the case"
            f" folder, or, once `footprint verify {folder}` shows the database is the newest, record its last"
            f" entry as the head with `footprint case head {folder} --reason TEXT` (docs/integrity.md)\n",
        )
    assert run_cli("--role", "advocate", "case", "head", str(folder), "--reason", "x").exit_code == 1
    done = run_cli("case", "head", str(folder), "--reason", "checked with verify")
    assert done.exit_code == 0, done.output
    assert done.output.startswith("audit.head now records entry 1 (SHA-256 ")
    assert run_cli("case", "head", str(folder), "--reason", "again").exit_code == 1  # it reads a head now
    assert run_cli("person", "add", str(folder), "Ben Example", "--role", "complainant").exit_code == 0
    settings = Settings(actor="t", database_url=None)
    [entry] = [e for e in Case.open(folder, settings).store.audit_entries() if e.action == "case head"]
    assert (entry.seq, entry.justification, json.loads(entry.details)["file_read"]) == (
        2,
        "checked with verify",
        "garbage\n",
    )
