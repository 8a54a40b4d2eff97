"""`verify` of a case at an older schema (upgrade review 6): checked on an upgraded temporary copy of its
database against the case folder's own files, writing nothing to the case (docs/integrity.md, "A case at
an older schema")."""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner, Result

import footprint.cli.verify_cmds as verify_cmds
import footprint.integrity.upgraded_copy as upgraded_copy
from footprint.cli import cli
from footprint.integrity.upgraded_copy import REWRITES
from footprint.store.engine import (
    _alembic_config,
    head_revision,
    known_revisions,
    make_engine,
)
from tests.cli.conftest import TWO_LINE_CHAT
from tests.cli.test_read_only_copy import _files, _read_only

#: the schema the older case is at: the one before this Footprint's
OLD = known_revisions()[-2]
NOTHING_WRITTEN = (
    "Warning: this verification was not recorded in the case's audit log, nor this read in its access log:"
    " the case is at an older schema and was checked on a temporary copy of its database, so nothing was"
    " written to the case\n"
)


def _fp(*args: str) -> Result:
    result = CliRunner().invoke(cli, ["--actor", "tester", *args])
    gc.collect()  # the engines a command leaves undisposed (its process would end)
    return result


def _downgrade(url: str, revision: str) -> None:
    engine = make_engine(url)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
    engine.dispose()


@pytest.fixture(scope="module")
def older(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A used case (a chat added, analysed, reported, searched) made at schema ``OLD``, as its `case init`
    entry records, and at it still; made once for the module."""
    folder = tmp_path_factory.mktemp("older")
    chat = folder / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(TWO_LINE_CHAT, encoding="utf-8")
    case = folder / "c"
    with pytest.MonkeyPatch.context() as patched:  # the schema `case init` records: the one it goes back to
        patched.setattr("footprint.case.check_revision", lambda *_: OLD)
        assert _fp("case", "init", str(case), "--name", "R v Example").exit_code == 0
    for args in (("add", str(case), str(chat), "--producer", "Ben Example"), ("analyse", str(case))):
        assert _fp(*args).exit_code == 0
    assert _fp("report", str(case)).exit_code == 0
    _downgrade(f"sqlite:///{case / 'case.db'}", OLD)
    return case


@pytest.fixture
def copy(older: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the older case of its own; the temporary folder verify copies its database into is
    ``tmp_path / "tmp"`` (empty after each command: the copy is removed)."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    return Path(shutil.copytree(older, tmp_path / "c"))


def _first_line(case: Path) -> str:
    sha256 = hashlib.sha256((case / "case.db").read_bytes()).hexdigest()
    return (
        f"UPGRADED COPY: the case database is at schema {OLD}, older than this Footprint's {head_revision()}:"
        f" checked on a temporary copy of it (SHA-256 {sha256}), upgraded from schema {OLD} to"
        f" {head_revision()}, against the case folder's own files; nothing is written to the case folder or"
        " its database, and the copy is removed when the check ends. Not covered, as the upgrade of the copy"
        f" wrote it: {head_revision()}: {REWRITES[head_revision()]}\n"
    )


def _read(case: Path, sql: str) -> tuple[object, ...]:
    """One row of the case's database, read without writing anything (an immutable open)."""
    db = sqlite3.connect(f"file:{case / 'case.db'}?mode=ro&immutable=1", uri=True)
    try:
        return tuple(db.execute(sql).fetchone())
    finally:
        db.close()


def _ok(case: Path) -> str:
    entries, head = _read(
        case, "SELECT count(*), (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1) FROM audit"
    )
    reads, read_head = _read(
        case, "SELECT count(*), (SELECT hash FROM access_log ORDER BY seq DESC LIMIT 1) FROM access_log"
    )
    return (
        f"OK: 1 exhibit(s) and 0 attachment(s) match their SHA-256; audit chain of {entries} entries intact"
        f" (head {head}); 2 item(s), 0 finding(s), 0 decision(s) and 8 report output(s) match what their audit"
        f" entries recorded; access log of {reads} read(s) intact (head {read_head})\n"
    )


def test_an_older_case_is_verified_on_an_upgraded_copy_and_nothing_in_it_changes(copy: Path) -> None:
    before = _files(copy)
    result = _fp("verify", str(copy))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == _first_line(copy) + _ok(copy) + NOTHING_WRITTEN
    assert _files(copy) == before
    assert list((copy.parent / "tmp").iterdir()) == []  # the copy is removed
    assert _read(copy, "SELECT version_num FROM alembic_version") == (OLD,)


def test_a_read_only_older_case_is_verified_so_in_either_form(copy: Path) -> None:
    with _read_only(copy):  # `chmod -R a-w` (root: `chattr +i`); asserts every file's hash is unchanged
        shown = _fp("verify", str(copy))
        as_json = _fp("verify", str(copy), "--json")
    assert (shown.exit_code, shown.stderr, shown.stdout) == (
        0,
        "",
        _first_line(copy) + _ok(copy) + NOTHING_WRITTEN,
    )
    document = json.loads(as_json.stdout)
    assert (as_json.exit_code, as_json.stderr, document["problems"]) == (0, "", [])
    assert document["upgraded_copy"] == {
        "method": "temporary_copy",
        "from_schema": OLD,
        "to_schema": head_revision(),
        "database_sha256": hashlib.sha256((copy / "case.db").read_bytes()).hexdigest(),
        "wal_sha256": None,
        "not_covered": [f"{head_revision()}: {REWRITES[head_revision()]}"],
    }
    assert document["warnings"] == [NOTHING_WRITTEN.removeprefix("Warning: ").rstrip("\n")]
    assert list((copy.parent / "tmp").iterdir()) == []


def test_a_changed_audit_row_of_an_older_case_is_a_problem(copy: Path) -> None:
    db = sqlite3.connect(copy / "case.db")
    db.execute("DROP TRIGGER audit_no_update")  # as one changing the log outside Footprint would
    db.execute("UPDATE audit SET actor = 'someone else' WHERE seq = 2")
    db.commit()
    db.close()
    before = _files(copy)
    result = _fp("verify", str(copy))
    assert (result.exit_code, result.stdout.splitlines()[1:]) == (
        1,
        [
            "PROBLEM: audit entry 2 (add) was changed after it was written",
            "PROBLEM: database guard audit_no_update is missing or disabled, so rows of table audit can be"
            " changed (changed outside Footprint)",
        ],
    )
    assert result.stdout.startswith(_first_line(copy))
    assert _files(copy) == before


def test_a_changed_exhibit_byte_of_an_older_case_is_a_problem(copy: Path) -> None:
    original = next(p for p in (copy / "vault").rglob("*") if p.is_file())
    original.write_bytes(original.read_bytes().replace(b"hello", b"hellp"))
    before = _files(copy)
    result = _fp("verify", str(copy))
    assert (result.exit_code, result.stdout) == (
        1,
        _first_line(copy)
        + "PROBLEM: exhibit BE/1 (WhatsApp Chat with Ann Example.txt): vault copy has changed"
        " (SHA-256 now 5c0cd712b550…, recorded 78956784a233…)\n",
    )
    assert _files(copy) == before


def test_a_case_newer_than_this_footprint_is_still_refused(copy: Path) -> None:
    db = sqlite3.connect(copy / "case.db")
    db.execute("UPDATE alembic_version SET version_num = '9999'")
    db.commit()
    db.close()
    result = _fp("verify", str(copy))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {copy}: this case was made by a newer version of Footprint (schema 9999; this version knows"
        f" schemas up to {head_revision()}); open it with that version or a newer one\n"
    )
    assert list((copy.parent / "tmp").iterdir()) == []


def test_a_verify_stopped_part_way_removes_the_copy(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(verify_cmds, "verify_case", stop)
    before = _files(copy)
    result = _fp("verify", str(copy))
    assert result.exit_code == 130
    assert list((copy.parent / "tmp").iterdir()) == []
    assert _files(copy) == before


def test_every_migration_says_what_it_writes_into_an_upgraded_copy() -> None:
    assert list(REWRITES) == known_revisions()


def test_an_older_case_open_in_another_program_is_copied_with_its_wal_file(copy: Path) -> None:
    other = sqlite3.connect(copy / "case.db")  # another reader: the -wal file is there while it is open
    try:
        other.execute("SELECT count(*) FROM audit").fetchone()
        wal = hashlib.sha256((copy / "case.db-wal").read_bytes()).hexdigest()
        result = _fp("verify", str(copy))
    finally:
        other.close()
    said = _first_line(copy).replace("), upgraded", f") and its -wal file (SHA-256 {wal}), upgraded")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(said)
    assert list((copy.parent / "tmp").iterdir()) == []


def test_the_advocate_s_verify_of_an_older_case_names_the_copy_too(copy: Path) -> None:
    before = _files(copy)
    result = _fp("--role", "advocate", "verify", str(copy), "--json")
    document = json.loads(result.stdout)
    assert (result.exit_code, document["problems"], document["withheld_exhibits"]) == (0, [], 1)
    assert (document["upgraded_copy"]["from_schema"], document["warnings"]) == (
        OLD,
        [NOTHING_WRITTEN.removeprefix("Warning: ").rstrip("\n")],
    )
    assert _files(copy) == before


def test_a_database_that_changes_each_time_it_is_copied_is_refused(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    times = iter(range(100))

    def changing(path: Path) -> tuple[int, int] | None:  # another writer, always
        return None if path.name.endswith("-wal") else (next(times), 0)

    monkeypatch.setattr(upgraded_copy, "_state", changing)
    result = _fp("verify", str(copy))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {copy / 'case.db'}: the case database changed each time verify copied it (3 times): another"
        " program is writing to it; nothing was checked. Run footprint verify again when it has finished\n"
    )
    assert list((copy.parent / "tmp").iterdir()) == []


def test_a_wal_file_gone_while_it_was_copied_is_copied_again(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = [copy / "case.db-wal"]
    real = upgraded_copy._state

    def closing(path: Path) -> tuple[int, int] | None:  # the -wal file is there at first, then gone
        if gone and path == gone[0]:
            gone.clear()
            return (0, 0)
        return real(path)

    monkeypatch.setattr(upgraded_copy, "_state", closing)
    result = _fp("verify", str(copy))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(_first_line(copy))
