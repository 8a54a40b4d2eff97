"""`case delete`: the case folder and its database tables go; a record outside the folder stays."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, inspect, text

from footprint.case import Case
from footprint.case_delete import made_by_footprint
from footprint.cli import cli
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)
from tests.store.test_postgres_failures import _cli

CHAT = "14/03/2024, 09:15 - Craig Smith: you will regret this\n14/03/2024, 09:16 - Jane Doe: stop\n"


def footprint(*args: str, role: str = "investigator", db: str | None = None) -> Result:
    words = ["--actor", "DC Test", "--role", role, *(["--db", db] if db else []), *args]
    return CliRunner().invoke(cli, words)


def _case(tmp_path: Path, db: str | None = None) -> tuple[Path, str]:
    settings = Settings(actor="DC Test", role="investigator", database_url=db)
    case = Case.init(tmp_path / "r-v-smith", name="R v Smith", tz="Europe/London", settings=settings)
    chat = tmp_path / "WhatsApp Chat with Craig Smith.txt"
    chat.write_text(CHAT, encoding="utf-8")
    add_exhibit(case, chat, AddOptions(producer="Jane Doe"))
    case.close()  # the test's PostgreSQL database is dropped after it: no connection is left open
    return case.dir, hashlib.sha256(CHAT.encode()).hexdigest()


def _files(case: Path) -> list[Path]:
    """The case folder's files, but SQLite's own (-wal, -shm), which come and go as it is opened."""
    return sorted(p.relative_to(case) for p in case.rglob("*") if not p.name.startswith("case.db-"))


def _access_head(case: Path) -> str:
    """The hash of the access log's last entry."""
    engine = create_engine(f"sqlite:///{case / 'case.db'}")
    try:
        with engine.connect() as conn:
            return str(
                conn.execute(text("SELECT hash FROM access_log ORDER BY seq DESC LIMIT 1")).scalar_one()
            )
    finally:
        engine.dispose()


def delete(case: Path, record: Path, confirm: str = "R v Smith", role: str = "investigator") -> Result:
    return footprint(
        "case", "delete", str(case), "--confirm", confirm, "--reason", "retention review", "--record",
        str(record), role=role,
    )  # fmt: skip


def test_delete_removes_the_folder_and_writes_the_record_first(tmp_path: Path) -> None:
    case, digest = _case(tmp_path)
    assert footprint("items", str(case)).exit_code == 0  # one read, in the access log
    head = _access_head(case)
    record = tmp_path / "deleted.json"
    result = delete(case, record)
    assert (result.exit_code, result.output.splitlines()) == (
        0,
        [
            f"Deleted: the case folder {case} (its vault of 1 file(s), 1 of them exhibits' originals, the"
            " rest attachments and files a restore left; reports; audit head); the case's access log of 1"
            " read(s), in its database",
            f"Deletion record: {record}",
            "Not reached: copies made outside Footprint (bundles and reports given to others, backups of the"
            " folder or the database); the disk's blocks: files are unlinked, not overwritten (keep case"
            " folders on an encrypted disk); a review app (`footprint serve`) still running on the case,"
            " which holds its database open until it stops (stop it first)",
        ],
    )
    assert not case.exists()
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    kept = json.loads(record.read_text(encoding="utf-8"))
    assert kept["exhibits"] == [
        {
            "ref": "JD/1",
            "file_name": "WhatsApp Chat with Craig Smith.txt",
            "sha256": digest,
            "size": len(CHAT),
        }
    ]
    assert (kept["deleted_case"], kept["deleted_by"], kept["role"], kept["reason"]) == (
        "R v Smith",
        "DC Test",
        "investigator",
        "retention review",
    )
    # the log's last entry is the deletion itself: case init, add, then case delete
    assert (kept["audit_entries"], len(kept["audit_head"]), kept["database"]) == (
        3,
        64,
        "SQLite (case.db in the folder)",
    )
    assert len(kept["case_id"]) == 64
    assert (kept["state"], kept["folder"], kept["vault_files"]) == (
        "completed",
        str(case),
        [f"vault/sha256/{digest[:2]}/{digest}"],
    )
    assert (kept["access_log_entries"], kept["access_log_head"]) == (1, head)
    assert "you will regret" not in record.read_text(encoding="utf-8")  # no message text


@pytest.mark.parametrize(
    ("confirm", "record", "role", "said"),
    [
        (
            "R v Smyth",
            "out.json",
            "investigator",
            "Error: --confirm must be the case's name exactly ('R v Smith'),",
        ),
        ("R v Smith", "r-v-smith/out.json", "investigator", "Error: {record}: the deletion record must be"),
        ("R v Smith", "existing.json", "investigator", "Error: {record}: already exists;"),
        (
            "R v Smith",
            "out.json",
            "advocate",
            "Error: DC Test acts as 'advocate', which may not delete a case;",
        ),
        (
            "R v Smith",
            "out.json",
            "viewer",
            "Error: DC Test acts as 'viewer', which may read the case but not change it;",
        ),
    ],
)
def test_a_refused_delete_removes_nothing(
    tmp_path: Path, confirm: str, record: str, role: str, said: str
) -> None:
    case, _ = _case(tmp_path)
    (tmp_path / "existing.json").write_text("{}", encoding="utf-8")
    before = _files(case)
    result = delete(case, tmp_path / record, confirm, role)
    assert result.exit_code == 1
    assert result.output.startswith(said.format(record=tmp_path / record)), result.output
    assert _files(case) == before
    assert not (tmp_path / "out.json").exists()
    assert footprint("verify", str(case)).exit_code == 0


def test_delete_on_postgresql_drops_every_table(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    case, _ = _case(tmp_path, db=pg_url)
    assert _cli("ls", str(case)).exit_code == 0  # one read, in the access log
    record = tmp_path / "deleted.json"
    result = delete(case, record)
    assert result.exit_code == 0, result.output
    assert "the case's tables in its PostgreSQL database; the case's access log of 1 read(s)" in result.output
    assert "the PostgreSQL database itself, now empty (its administrator may drop it)" in result.output
    engine = create_engine(pg_url)
    try:
        assert inspect(engine).get_table_names() == []
        with engine.connect() as conn:
            functions = conn.execute(text("SELECT proname FROM pg_proc WHERE proname LIKE 'footprint%'"))
            assert functions.all() == []
    finally:
        engine.dispose()
    assert not case.exists()
    kept = json.loads(record.read_text(encoding="utf-8"))
    assert (kept["database"], kept["access_log_entries"], len(kept["access_log_head"])) == (
        "PostgreSQL",
        1,
        64,
    )


def test_a_record_that_cannot_be_written_deletes_nothing(tmp_path: Path) -> None:
    case, _ = _case(tmp_path)
    record = tmp_path / "missing-folder" / "deleted.json"
    result = delete(case, record)
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {record}: its folder does not exist; nothing was deleted\n",
    )
    assert case.exists()


def _audit_actions(case: Path) -> list[str]:
    engine = create_engine(f"sqlite:///{case / 'case.db'}")
    try:
        with engine.connect() as conn:
            return [row[0] for row in conn.execute(text("SELECT action FROM audit ORDER BY seq"))]
    finally:
        engine.dispose()


def test_a_case_folder_reached_through_a_symbolic_link_is_removed_whole(tmp_path: Path) -> None:
    # through a link, the record said the folder was removed, then rmtree refused the link and the case
    # stayed whole (new-code review 1)
    case, _ = _case(tmp_path)
    link = tmp_path / "link"
    link.symlink_to(case)
    record = tmp_path / "deleted.json"
    result = delete(link, record)
    assert result.exit_code == 0, result.output
    assert not case.exists()
    kept = json.loads(record.read_text(encoding="utf-8"))
    assert (kept["state"], kept["folder"]) == ("completed", str(case))


@pytest.mark.parametrize("where", ["dangling", "unwritable"])
def test_a_record_that_cannot_be_made_leaves_no_audit_entry(tmp_path: Path, where: str) -> None:
    # the "case delete" entry was written before the record, so each failed try left one (review 2)
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    if where == "dangling":
        record.symlink_to(tmp_path / "nowhere.json")
        said = (
            f"Error: {record}: already exists; give a new file for the deletion record; nothing was deleted\n"
        )
    else:
        record = Path("/proc/deleted.json")
        said = (
            f"Error: {record}: the deletion record cannot be written (No such file or directory); give a new"
            " file in a folder you may write; nothing was deleted\n"
        )
    result = delete(case, record)
    assert (result.exit_code, result.output) == (1, said)
    assert _audit_actions(case) == ["case init", "add"]


def test_a_removal_that_fails_leaves_the_record_saying_what_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"

    def refuse(directory: Path) -> None:
        raise PermissionError(13, "Permission denied", str(directory / "vault"))

    monkeypatch.setattr("footprint.case_delete.remove_folder", refuse)
    result = delete(case, record)
    folder = (
        f"the case folder {case} (its vault of 1 file(s), 1 of them exhibits' originals, the rest attachments"
        " and files a restore left; reports; audit head)"
    )
    reads = "the case's access log of 0 read(s), in its database"
    assert (result.exit_code, result.output) == (
        1,
        f"Error: the deletion stopped part-way ([Errno 13] Permission denied: '{case / 'vault'}'): still"
        f" there: {folder}; {reads}. The record {record} says so; finish it with"
        f" `footprint case delete {case} --finish --confirm CASE_NAME`\n",
    )
    kept = json.loads(record.read_text(encoding="utf-8"))
    assert (kept["state"], kept["removed"], kept["left"]) == ("stopped part-way", [], [folder, reads])
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert not (tmp_path / ".deleted.json.part").exists()


def test_delete_on_postgresql_leaves_tables_it_did_not_make_and_names_them(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    case, _ = _case(tmp_path, db=pg_url)
    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE dba_notes (id integer)"))
        result = delete(case, tmp_path / "deleted.json")
        assert result.exit_code == 0, result.output
        assert (
            "the PostgreSQL database itself, which still holds 1 object(s) Footprint did not make (dba_notes)"
        ) in result.output
        assert inspect(engine).get_table_names() == ["dba_notes"]
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS dba_notes"))
        engine.dispose()


def test_every_table_a_postgresql_case_has_is_one_footprint_knows_it_made(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    """A migration that makes a table the schema does not describe must be named by made_by_footprint, or
    `case delete` leaves it behind as the administrator's."""
    _case(tmp_path, db=pg_url)
    engine = create_engine(pg_url)
    try:
        assert [t for t in inspect(engine).get_table_names() if not made_by_footprint(t)] == []
    finally:
        engine.dispose()


def test_a_part_file_a_killed_run_left_does_not_stop_the_record_being_completed(tmp_path: Path) -> None:
    # the record's replacement was made as a new file, and a leftover one made it fail after the removal
    # with "nothing was deleted", which was no longer true
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    (tmp_path / ".deleted.json.part").write_text("left by a killed run", encoding="utf-8")
    result = delete(case, record)
    assert result.exit_code == 0, result.output
    assert json.loads(record.read_text(encoding="utf-8"))["state"] == "completed"
    assert not (tmp_path / ".deleted.json.part").exists() and not case.exists()
