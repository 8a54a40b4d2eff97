"""``report --bundle`` holds the case's write lock only to record its entries, not while the zip is written."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select

from footprint.case import Case
from footprint.integrity import verify_case
from footprint.parties import add_person
from footprint.report import ReportOptions, write_outputs
from footprint.report import bundle as bundle_module
from footprint.report.bundle import verify_bundle
from footprint.settings import Settings
from footprint.store.case_store import AUDIT_LOCK
from tests.store.conftest import pg_url  # noqa: F401  (the fixture, for the PostgreSQL run)

from .planted import DISCLOSED, build_case


def _lock_free(case: Case) -> bool:
    """Whether another connection could take the case's write lock now (without waiting for it)."""
    url = str(case.store.unscoped_engine.url)
    if url.startswith("sqlite"):
        conn = sqlite3.connect(case.dir / "case.db", timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return True
        except sqlite3.OperationalError:
            return False
        finally:
            conn.close()
    engine = create_engine(case.store.unscoped_engine.url)
    try:
        with engine.connect() as conn, conn.begin():
            return bool(conn.execute(select(func.pg_try_advisory_xact_lock(AUDIT_LOCK))).scalar())
    finally:
        engine.dispose()


def _while_zips_are_written(
    case: Case, monkeypatch: pytest.MonkeyPatch, then: Callable[[int], None] = lambda n: None
) -> list[tuple[str, bool]]:
    """Notes which zip starts to be written and whether the write lock is free at that moment; when it is,
    calls ``then(n)`` (the n-th zip, from 1) before the zip is written (a colleague's change)."""
    seen: list[tuple[str, bool]] = []
    real = bundle_module.write_zip

    def write_zip(target: Any, files: dict[str, bytes | Path]) -> None:
        free = _lock_free(case)
        seen.append((Path(str(target)).name.removesuffix(".tmp"), free))
        if free:
            then(len(seen))
        real(target, files)

    monkeypatch.setattr(bundle_module, "write_zip", write_zip)
    return seen


def _actions(case: Case, after: int) -> list[tuple[str, str]]:
    return [(e.actor, e.action) for e in case.store.audit_entries() if e.seq > after]


def check_a_colleague_writes_while_the_zip_is_written(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    """Also run on PostgreSQL below."""
    # The lock was held from the bundle's entry to the commit, the zip (originals and all) written
    # meanwhile: on a large case a colleague's `review confirm` or `add` waited for the whole zip.
    before = list(case.store.audit_entries())[-1].seq
    colleague = Case.open(case.dir, case.settings.model_copy(update={"actor": "colleague"}))
    seen = _while_zips_are_written(
        case, monkeypatch, lambda n: add_person(colleague, "Carol Example", "witness") if n == 1 else None
    )
    written = write_outputs(case, ReportOptions(bundle=True))
    colleague.close()
    # the colleague's change landed while the first zip was written; that zip's audit extract no longer
    # ended at the case's head, so it was written again after her entry
    assert seen == [("bundle.zip", True), ("bundle.zip", True)]
    assert _actions(case, before) == [("colleague", "person add"), ("tester", "bundle"), ("tester", "report")]
    entries = list(case.store.audit_entries())
    report = json.loads(entries[-1].details)
    assert report["as_at_audit_entry"] == before  # read before the colleague's change
    zipped = case.reports_dir / "bundle.zip"
    assert written.paths[-1] == zipped
    result = verify_bundle(zipped)
    assert result.problems == []
    assert (result.bundle_entry, result.as_at, result.audit_entries) == (before + 2, before, before + 2)
    assert report["outputs"]["reports/bundle.zip"] == bundle_module.sha256_file(zipped)[0]
    assert verify_case(case).problems == []


def test_a_colleague_can_write_while_the_bundle_zip_is_written(
    report_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_a_colleague_writes_while_the_zip_is_written(report_case, monkeypatch)


def test_a_colleague_can_write_while_the_bundle_zip_is_written_on_postgresql(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = Case.init(
        tmp_path / "case",
        name="R v Test",
        tz="Europe/London",
        settings=settings.model_copy(update={"database_url": pg_url}),
    )
    try:
        check_a_colleague_writes_while_the_zip_is_written(build_case(case, tmp_path / "inputs"), monkeypatch)
    finally:
        case.close()


def test_both_bundles_are_written_once_with_the_lock_free_when_nobody_else_writes(
    report_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = list(report_case.store.audit_entries())[-1].seq
    seen = _while_zips_are_written(report_case, monkeypatch)
    write_outputs(report_case, ReportOptions(bundle=True, redact=True, **DISCLOSED))
    assert seen == [("bundle.zip", True), ("disclosure-bundle.zip", True)]
    assert _actions(report_case, before) == [("tester", "bundle"), ("tester", "bundle"), ("tester", "report")]
    for name, entry in (("bundle.zip", before + 1), ("disclosure-bundle.zip", before + 2)):
        result = verify_bundle(report_case.reports_dir / name)
        assert (result.problems, result.bundle_entry, result.as_at) == ([], entry, before)
    assert verify_case(report_case).problems == []


def test_a_case_that_keeps_changing_gets_its_bundle_written_under_the_lock_at_the_last_try(
    report_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each try whose zip a colleague's change made stale costs a whole zip; after two the third is
    # written holding the lock, so a busy case still gets its bundle.
    before = list(report_case.store.audit_entries())[-1].seq
    colleague = Case.open(report_case.dir, report_case.settings.model_copy(update={"actor": "colleague"}))

    def change(n: int) -> None:
        if n < 3:
            add_person(colleague, f"Witness {n}", "witness")

    seen = _while_zips_are_written(report_case, monkeypatch, change)
    write_outputs(report_case, ReportOptions(bundle=True))
    colleague.close()
    assert seen == [("bundle.zip", True), ("bundle.zip", True), ("bundle.zip", False)]
    assert _actions(report_case, before) == [
        ("colleague", "person add"),
        ("colleague", "person add"),
        ("tester", "bundle"),
        ("tester", "report"),
    ]
    result = verify_bundle(report_case.reports_dir / "bundle.zip")
    assert (result.problems, result.bundle_entry, result.as_at) == ([], before + 3, before)
    assert verify_case(report_case).problems == []
