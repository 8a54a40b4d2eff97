"""An upgrade stopped after its migration committed and before its audit entry (upgrade review 2)."""

from __future__ import annotations

import gc
import json
import multiprocessing
import re
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner, Result

import footprint.cli.case_cmds as case_cmds
from footprint import upgrade_record
from footprint.case import Case
from footprint.cli import cli
from footprint.integrity import VerifyReport, verify_case
from footprint.settings import Settings
from footprint.store.engine import _alembic_config, head_revision, make_engine
from footprint.store.finding_numbers import RENUMBERED
from footprint.times import parse_iso_utc
from footprint.upgrade_record import PENDING, schema_checks


def _upgrade(db: list[str], directory: Path) -> Result:
    """`case upgrade`; the engines it leaves undisposed (a command's process would end) go now, as in
    test_finding_numbers_postgres."""
    result = CliRunner().invoke(cli, [*db, "--actor", "DC Up", "case", "upgrade", str(directory)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return result


class Stopped(BaseException):
    """Stands in for a kill -9 between the migration's commit and the audit entry (the reviewer's
    killrec.py); a BaseException, as a KeyboardInterrupt is, so nothing catches it."""


def _case_at_0009(
    tmp_path: Path, request: pytest.FixtureRequest, backend: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, list[str]]:
    """A case made at schema 0009, as its `case init` entry records."""
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    directory = tmp_path / "case"
    with monkeypatch.context() as patched:  # the schema `case init` records: the one it is taken back to
        patched.setattr("footprint.case.check_revision", lambda *_: "0009")
        Case.init(
            directory,
            name="R v Up",
            tz=None,
            settings=Settings(actor="tester", role="investigator", database_url=url),
        ).close()
    engine = make_engine(url or f"sqlite:///{directory / 'case.db'}")
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0009")
    engine.dispose()
    return directory, ([] if url is None else ["--db", url])


def _upgrade_entries(directory: Path, db: list[str]) -> list[dict[str, object]]:
    case = Case.open(
        directory, Settings(actor="tester", role="investigator", database_url=db[1] if db else None)
    )
    try:
        return [json.loads(e.details) for e in case.store.audit_entries() if e.action == "case upgrade"]
    finally:
        case.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_upgrade_stopped_before_its_entry_is_named_by_verify_and_recorded_late_by_the_next(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # before: the next upgrade said "already at schema 0016; nothing to upgrade" and verify was OK, with no
    # `case upgrade` entry in the log, for good
    directory, db = _case_at_0009(tmp_path, request, backend, monkeypatch)
    head = head_revision()

    def stop(*_: object, **__: object) -> None:
        raise Stopped

    with monkeypatch.context() as patched:
        patched.setattr(case_cmds, "open_case", stop)
        with pytest.raises(Stopped):
            _upgrade(db, directory)
    assert json.loads((directory / PENDING).read_text())["from_schema"] == "0009"
    problem = (
        f"schema: the database is at schema {head}, but no `case upgrade` audit entry records its upgrade"
        " from schema 0009 — an upgrade stopped after it changed the database and before it recorded its"
        " entry; run `footprint case upgrade` on the case to record it (late)"
    )
    settings = Settings(actor="tester", role="investigator", database_url=db[1] if db else None)
    case = Case.open(directory, settings)
    assert verify_case(case).problems == [problem]
    case.close()
    result = _upgrade(db, directory)
    assert (result.exit_code, result.output) == (
        0,
        f"Case is at schema {head}, upgraded from schema 0009 by an earlier `case upgrade` stopped before it"
        f" recorded it; recorded now, marked as recorded late\n{RENUMBERED}\n",  # from 0009: her numbers too
    )
    assert not (directory / PENDING).exists()
    late = _upgrade_entries(directory, db)
    assert [{k: v for k, v in e.items() if k != "tool_version"} for e in late] == [
        {"schema": head, "from_schema": "0009", "advocate_renumbered": True, "recorded_late": True}
    ]
    case = Case.open(directory, settings)
    report = verify_case(case)
    seq = [e.seq for e in case.store.audit_entries() if e.action == "case upgrade"][0]
    case.close()
    assert report.problems == []
    assert (
        f"audit entry {seq}: the upgrade to schema {head} (from schema 0009) was recorded late, by a later"
        " `case upgrade`: the upgrade that made it was stopped before its entry, so when and by whom it was"
        " made is not recorded"
    ) in report.notes
    result = _upgrade(db, directory)
    assert result.output == f"Case is already at schema {head}; nothing to upgrade\n"
    assert len(_upgrade_entries(directory, db)) == 1


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_upgrades_at_once_record_one_entry_and_the_second_says_already_upgraded(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # before: the second, arriving between the first's migration and its entry, took the first for a
    # stopped upgrade and recorded it late; the log held two entries, and verify a false "stopped" NOTE
    # (integrity review 5, defect 9). A threaded stand-in for two processes: the folder's lock and the
    # advisory lock are each taken through a connection or open file of its own
    directory, db = _case_at_0009(tmp_path, request, backend, monkeypatch)
    head = head_revision()
    migrated, second_done = threading.Event(), threading.Event()
    real_open = case_cmds.open_case
    failed: list[BaseException] = []

    def slow_open(*args: object, **kwargs: object) -> Case:  # the first, migrated, is slow to record
        if threading.current_thread().name == "first":
            migrated.set()
            second_done.wait(1.0)
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    def upgrade(actor: str) -> None:
        try:
            cli.main([*db, "--actor", actor, "case", "upgrade", str(directory)], standalone_mode=False)
        except BaseException as exc:  # noqa: BLE001  (named by the assertion below)
            failed.append(exc)
        finally:
            if actor == "DC B":
                second_done.set()

    monkeypatch.setattr(case_cmds, "open_case", slow_open)
    first = threading.Thread(target=upgrade, args=("DC A",), name="first")
    first.start()
    assert migrated.wait(30)
    second = threading.Thread(target=upgrade, args=("DC B",))
    second.start()
    first.join()
    second.join()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    assert failed == []
    assert capsys.readouterr().out == (
        "Waiting for another `case upgrade` of this case to finish…\n"
        f"Case upgraded from schema 0009 to {head}\n{RENUMBERED}\n"
        f"Case is already at schema {head}; nothing to upgrade\n"
    )
    assert [{k: v for k, v in e.items() if k != "tool_version"} for e in _upgrade_entries(directory, db)] == [
        {"schema": head, "from_schema": "0009", "advocate_renumbered": True}
    ]
    assert not (directory / PENDING).exists()
    settings = Settings(actor="tester", role="investigator", database_url=db[1] if db else None)
    case = Case.open(directory, settings)
    report = verify_case(case)
    case.close()
    assert report.problems == [] and [n for n in report.notes if "recorded late" in n] == []


def test_without_the_folder_s_note_the_log_s_own_schema_names_the_missed_upgrade(
    tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the note lost (another officer's folder of a server case): `case init` recorded schema 0009
    directory, _ = _case_at_0009(tmp_path, request, "sqlite", monkeypatch)
    with monkeypatch.context() as patched:
        patched.setattr(case_cmds, "open_case", lambda *_, **__: (_ for _ in ()).throw(Stopped()))
        with pytest.raises(Stopped):
            _upgrade([], directory)
    (directory / PENDING).unlink()
    case = Case.open(directory, Settings(actor="tester", role="investigator", database_url=None))
    assert [p.split(" — ")[0] for p in verify_case(case).problems] == [
        f"schema: the database is at schema {head_revision()}, but no `case upgrade` audit entry records its"
        " upgrade from schema 0009"
    ]
    case.close()


def test_a_case_whose_log_records_no_schema_says_a_missed_upgrade_cannot_be_told(case: Case) -> None:
    entries = [  # its `case init` entry as one before 30 Nov 16:50 wrote it
        replace(e, details="{}") if e.action == "case init" else e for e in case.store.audit_entries()
    ]
    assert schema_checks(case.dir, entries, case.revision) == (
        [],
        [
            "schema: no audit entry records which schema this case was made at (its `case init` entry was"
            " written before Footprint recorded it, and no `case upgrade` entry follows), so an upgrade"
            " stopped before its entry could not be told here"
        ],
    )


def _hold_the_upgrade_lock(directory: Path, url: str, ready: Event, release: Event) -> None:
    """Another process's `case upgrade`, holding its lock (``upgrading``) until told to let go."""
    with upgrade_record.upgrading(directory, url, lambda: None):
        ready.set()
        release.wait(30)


@contextmanager
def _upgrade_running(directory: Path, url: str) -> Iterator[None]:
    """A second process holding the upgrade lock of the case in ``directory`` (through that folder) while
    the block runs; it lets go, and ends, afterwards."""
    fork = multiprocessing.get_context("fork")
    ready, release = fork.Event(), fork.Event()
    holder = fork.Process(target=_hold_the_upgrade_lock, args=(directory, url, ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        yield
    finally:
        release.set()
        holder.join(30)
    assert holder.exitcode == 0


def _upgraded_unrecorded(
    tmp_path: Path, request: pytest.FixtureRequest, backend: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Settings, str]:
    """A case whose log records schema 0017 (its `case init` entry) and whose database is at the newest, as
    an upgrade leaves it between its migration and its entry; with its settings and database URL."""
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    directory = tmp_path / "case"
    settings = Settings(actor="tester", role="investigator", database_url=url)
    with monkeypatch.context() as patched:
        patched.setattr("footprint.case.check_revision", lambda *_: "0017")
        Case.init(directory, name="R v Up", tz=None, settings=settings).close()
    return directory, settings, url or f"sqlite:///{directory / 'case.db'}"


def _verified(directory: Path, settings: Settings) -> VerifyReport:
    case = Case.open(directory, settings)
    try:
        return verify_case(case)
    finally:
        case.close()


STOPPED = (
    f"schema: the database is at schema {head_revision()}, but no `case upgrade` audit entry records its"
    " upgrade from schema 0017 — an upgrade stopped after it changed the database and before it recorded its"
    " entry; run `footprint case upgrade` on the case to record it (late)"
)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_verify_beside_a_running_upgrade_says_it_is_running_and_after_it_stopped_that_it_stopped(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # before: verify during a `case upgrade` that had migrated and not yet recorded its entry gave the
    # stopped upgrade's PROBLEM. A real second process holds the lock (the folder's flock; on PostgreSQL
    # the advisory lock too), as a running upgrade does; a stopped one holds none
    directory, settings, url = _upgraded_unrecorded(tmp_path, request, backend, monkeypatch)
    upgrade_record.begin(directory, "0017")
    started = json.loads((directory / PENDING).read_text())["started_utc"]
    with _upgrade_running(directory, url):
        report = _verified(directory, settings)
    assert report.problems == []
    assert report.notes == [
        f"schema: a `case upgrade` of this case is running now (started {started}): verify again when it"
        " ends (until its audit entry is recorded, the database's schema may be newer than the audit log"
        " records)"
    ]
    assert _verified(directory, settings).problems == [STOPPED]  # no one holds it: stopped


@pytest.mark.postgres
def test_verify_sees_an_upgrade_running_through_another_copy_of_a_team_case_s_folder(
    tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a colleague's upgrade of the same database through her own copy of the folder holds the PostgreSQL
    # advisory lock alone (not this folder's flock, nor its note): when it started is her session's start
    directory, settings, url = _upgraded_unrecorded(tmp_path, request, "postgresql", monkeypatch)
    hers = tmp_path / "her-copy"
    hers.mkdir()
    before = datetime.now(UTC)
    with _upgrade_running(hers, url):
        report = _verified(directory, settings)
    assert report.problems == []
    [note] = report.notes
    started = re.fullmatch(
        r"schema: a `case upgrade` of this case is running now \(started (\S+)\): .*", note
    )
    assert started is not None
    assert abs(parse_iso_utc(started[1]) - before) < timedelta(seconds=30)
    assert _verified(directory, settings).problems == [STOPPED]
