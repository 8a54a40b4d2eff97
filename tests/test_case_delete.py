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
            f"Deleted: the case folder {case} (its vault of 1 original(s), reports, audit head); the case's"
            " access log (1 read(s))",
            f"Deletion record: {record}",
            "Not reached: copies made outside Footprint (bundles and reports given to others, backups of the"
            " folder or the database); the disk's blocks: files are unlinked, not overwritten (keep case"
            " folders on an encrypted disk)",
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
    assert "every table of the case's PostgreSQL database" in result.output
    assert "the case's access log (1 read(s))" in result.output
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
