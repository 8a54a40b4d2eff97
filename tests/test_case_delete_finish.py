"""`case delete` stopped part-way (killed after the tables went, or during the folder's removal): every
command is refused with the one true advice, and `case delete --finish` completes the same record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from footprint import case_delete
from footprint.errors import DeletionBegunError
from footprint.settings import Settings
from footprint.web.app import create_app
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)
from tests.test_case_delete import _case, delete, footprint

FOLDER_WORDS = (
    "the case folder {case} (its vault of 1 file(s), 1 of them exhibits' originals, the rest attachments and"
    " files a restore left; reports; audit head)"
)
NOT_REACHED = (
    "Not reached: copies made outside Footprint (bundles and reports given to others, backups of the folder"
    " or the database); the disk's blocks: files are unlinked, not overwritten (keep case folders on an"
    " encrypted disk); a review app (`footprint serve`) still running on the case, which holds its database"
    " open until it stops (stop it first)"
)


def _kill_in_removal(monkeypatch: pytest.MonkeyPatch, stop: BaseException) -> None:
    """The removal stops (Ctrl-C, SIGTERM) after the vault and the database file went (the database after
    everything but case.json and the marker: ``case_delete.clear_folder``), before the rest."""

    def part_way(directory: Path) -> None:
        assert not (directory / "vault").exists()
        (directory / "case.db").unlink(missing_ok=True)
        raise stop

    monkeypatch.setattr(case_delete, "remove_folder", part_way)


def _kill_before_removal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run is killed after the tables were dropped (PostgreSQL), before the folder's removal began."""

    def killed(directory: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(case_delete, "remove_folder", killed)


def _refusal(case: Path, record: Path) -> str:
    begun = json.loads(record.read_text(encoding="utf-8"))["deleted_utc"]
    return (
        f"Error: {case}: this case's deletion was begun on {begun} by DC Test and stopped part-way (record"
        f" {record}): finish it with `footprint case delete {case} --finish --confirm CASE_NAME`\n"
    )


@pytest.mark.parametrize("stop", [KeyboardInterrupt(), SystemExit(143)], ids=["ctrl-c", "sigterm"])
def test_a_sqlite_deletion_killed_in_the_folders_removal_is_refused_then_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: BaseException
) -> None:
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    with monkeypatch.context() as patch:
        _kill_in_removal(patch, stop)
        assert delete(case, record).exit_code != 0
    assert json.loads(record.read_text(encoding="utf-8"))["state"] == (
        "begun: removal not yet recorded as completed"
    )
    refused = _refusal(case, record)
    # every command that opens the case, a second delete too: never "restore it from the case's backup"
    for words in (
        ["ls", str(case)],
        ["verify", str(case)],
        ["items", str(case)],
        ["case", "upgrade", str(case)],
    ):
        result = footprint(*words)
        assert (result.exit_code, result.output) == (1, refused), words
    with pytest.raises(DeletionBegunError) as caught:  # the review app (`footprint serve`)
        create_app(case, Settings(actor="DC Test", role="investigator"))
    assert f"Error: {caught.value}\n" == refused
    again = delete(case, tmp_path / "again.json")
    assert (again.exit_code, again.output) == (1, refused)
    assert not (tmp_path / "again.json").exists()

    finished = footprint("case", "delete", str(case), "--finish", "--confirm", "R v Smith", role="reviewer")
    assert (finished.exit_code, finished.output.splitlines()) == (
        0,
        [
            f"Deleted: what was left of the case folder {case}",
            f"Deletion record: {record}",
            NOT_REACHED,
        ],
    )
    assert not case.exists()
    kept = json.loads(record.read_text(encoding="utf-8"))
    assert (kept["state"], kept["role"], kept["finished_role"], kept["finished_removed"]) == (
        "completed",
        "investigator",
        "reviewer",
        [f"what was left of the case folder {case}"],
    )
    assert set(kept) - {"finished_utc"} == {
        "state", "deleted_case", "case_id", "folder", "database", "deleted_by", "role", "deleted_utc",
        "reason", "audit_entries", "audit_head", "access_log_entries", "access_log_head", "exhibits",
        "vault_files", "to_remove", "tool", "tool_version", "token", "finished_by", "finished_role",
        "finished_removed", "not_removed",
    }  # fmt: skip
    assert kept["finished_utc"] >= kept["deleted_utc"]
    assert kept["to_remove"] == [
        FOLDER_WORDS.format(case=case),
        "the case's access log of 0 read(s), in its database",
    ]


def test_finish_makes_a_new_record_when_the_first_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, _ = _case(tmp_path)
    record = tmp_path / "deleted.json"
    with monkeypatch.context() as patch:
        _kill_in_removal(patch, KeyboardInterrupt())
        delete(case, record)
    begun = json.loads(record.read_text(encoding="utf-8"))
    record.unlink()
    assert footprint("case", "delete", str(case), "--finish", "--confirm", "R v Smith").exit_code == 0
    kept = json.loads(record.read_text(encoding="utf-8"))
    assert kept["record_remade"] == (
        f"the record written when the deletion began could not be read ([Errno 2] No such file or directory:"
        f" '{record}'): this one was made by `case delete --finish` from the marker left in the case folder"
    )
    assert (kept["state"], kept["case_id"], kept["deleted_utc"], kept["deleted_case"]) == (
        "completed",
        begun["case_id"],
        begun["deleted_utc"],
        "R v Smith",
    )


def test_finish_is_refused_where_no_deletion_began_and_to_a_viewer(tmp_path: Path) -> None:
    case, _ = _case(tmp_path)
    result = footprint("case", "delete", str(case), "--finish")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {case}: no deletion was begun here (no DELETING.json, and the case's audit log does not end"
        " with a `case delete` entry); to delete a case give --confirm, --reason and --record without"
        " --finish; nothing was done\n",
    )
    result = footprint("case", "delete", str(case), "--finish", role="viewer")
    assert result.exit_code == 1 and "may read the case but not change it" in result.output
    assert case.exists()


@pytest.mark.parametrize("stage", ["before the folder", "in the folder"])
def test_a_postgresql_deletion_killed_after_its_tables_went_is_finished(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    stage: str,
) -> None:
    case, _ = _case(tmp_path, db=pg_url)
    record = tmp_path / "deleted.json"
    with monkeypatch.context() as patch:
        if stage == "before the folder":
            _kill_before_removal(patch)
        else:
            _kill_in_removal(patch, SystemExit(143))
        assert delete(case, record).exit_code != 0
    engine = create_engine(pg_url)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
    refused = _refusal(case, record)
    for words in (["ls", str(case)], ["case", "upgrade", str(case)]):
        result = footprint(*words)
        assert (result.exit_code, result.output) == (1, refused), words
    finished = footprint("case", "delete", str(case), "--finish", "--confirm", "R v Smith")
    assert (finished.exit_code, finished.output.splitlines()) == (
        0,
        [
            f"Deleted: what was left of the case folder {case}",
            f"Deletion record: {record}",
            NOT_REACHED + "; the PostgreSQL database itself, now empty (its administrator may drop it)",
        ],
    )
    kept = json.loads(record.read_text(encoding="utf-8"))
    assert (kept["state"], kept["database"], kept["finished_removed"]) == (
        "completed",
        "PostgreSQL",
        [f"what was left of the case folder {case}"],
    )
    assert not case.exists()


def test_a_postgresql_deletion_killed_before_its_tables_went_drops_them_on_finish(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case, _ = _case(tmp_path, db=pg_url)
    record = tmp_path / "deleted.json"
    with monkeypatch.context() as patch:

        def killed(engine: object) -> list[str]:
            raise SystemExit(143)

        patch.setattr(case_delete, "drop_tables", killed)
        assert delete(case, record).exit_code != 0
    engine = create_engine(pg_url)
    try:
        tables = len(inspect(engine).get_table_names())
        finished = footprint("case", "delete", str(case), "--finish", "--confirm", "R v Smith")
        assert finished.exit_code == 0, finished.output
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
    kept = json.loads(record.read_text(encoding="utf-8"))
    assert kept["finished_removed"] == [
        f"{tables} of the case's tables still in its PostgreSQL database",
        f"what was left of the case folder {case}",
    ]
