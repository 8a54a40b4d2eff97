"""A report that fails at any step leaves the case exactly as it was; the next run succeeds."""

from __future__ import annotations

import errno
import fcntl
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from footprint import audit_head
from footprint.case import Case, Recorder
from footprint.errors import ReportError
from footprint.integrity import verify_case
from footprint.report import ReportOptions, write, write_outputs
from footprint.report import bundle as bundle_module
from footprint.store.case_store import StoreTx
from tests.audited import said

from .planted import DISCLOSED

EVERYTHING = ReportOptions(bundle=True, redact=True, **DISCLOSED)
DATABASE = {"case.db", "case.db-wal", "case.db-shm"}  # compared through the audit log, not byte for byte


def _state(case: Case) -> tuple[dict[str, bytes], list[tuple[object, ...]]]:
    """Every file of the case but the database (the audit head among them), and the audit log."""
    files = {
        p.relative_to(case.dir).as_posix(): p.read_bytes()
        for p in sorted(case.dir.rglob("*"))
        if p.is_file() and p.name not in DATABASE
    }
    entries = [tuple(vars(e).values()) for e in case.store.audit_entries()]
    return files, entries


class Failing:
    """Counts each step that writes to the disk or the audit log; the ``at``-th one raises ENOSPC."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = 0
        self.steps = 0
        for owner, name in (
            (Path, "write_bytes"),
            (Path, "mkdir"),
            (Path, "rmdir"),
            (Path, "replace"),
            (bundle_module, "write_zip"),
            (Recorder, "__call__"),
            (StoreTx, "append_audit"),  # a bundle's entry, worked out before the lock, is appended directly
            (audit_head, "stage_head"),
        ):
            monkeypatch.setattr(owner, name, self._counted(getattr(owner, name)))

    def _counted(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            self.steps += 1
            if self.steps == self.at:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)

        return step


def test_a_failure_at_any_step_leaves_the_case_as_it_was_and_a_rerun_succeeds(
    report_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a full disk `report --bundle` moved the earlier report aside, recorded a bundle never written and
    # left new files no entry recorded; the next run filed them as the earlier report.
    write_outputs(report_case, EVERYTHING)
    before = _state(report_case)
    # A failed run changes nothing, so every run builds the same models and bytes: build them once.
    built: dict[bool, Any] = {}
    rendered: dict[bool, dict[str, bytes]] = {}
    build, render = write.build_report, write.artefacts

    def build_once(as_at: Case, **kwargs: Any) -> Any:
        redact = bool(kwargs.get("redact"))
        if redact not in built:
            built[redact] = build(as_at, **kwargs)
        return built[redact]

    def render_once(model: Any, **kwargs: Any) -> dict[str, bytes]:
        if model.redacted not in rendered:
            rendered[model.redacted] = render(model, **kwargs)
        return rendered[model.redacted]

    monkeypatch.setattr(write, "build_report", build_once)
    monkeypatch.setattr(write, "artefacts", render_once)
    failing = Failing(monkeypatch)
    failed = 0
    while True:
        failing.at, failing.steps = failed + 1, 0
        try:
            written = write_outputs(report_case, EVERYTHING)
        except (OSError, ReportError):
            failed += 1
            assert _state(report_case) == before, f"step {failing.at}"
            assert verify_case(report_case).problems == []
            assert not list(report_case.dir.glob(".report-staging-*"))
            continue
        break
    assert failed > 20  # every file written, every folder made, every entry, every move
    entries = list(report_case.store.audit_entries())
    assert [e.action for e in entries[len(before[1]) :]] == ["supersede report", "bundle", "bundle", "report"]
    as_at = json.loads(entries[len(before[1]) - 1].details)["as_at_audit_entry"]
    assert written.superseded is not None and written.superseded.folder.name == str(as_at)
    kept = {
        f"reports/{p.relative_to(written.superseded.folder).as_posix()}": p.read_bytes()
        for p in written.superseded.folder.rglob("*")
        if p.is_file()
    }
    assert kept == {k: v for k, v in before[0].items() if k.startswith("reports/")}
    assert verify_case(report_case).problems == []


def test_the_error_names_the_file_and_says_the_case_is_unchanged(
    report_case: Case,
    run_cli,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = Path.write_bytes

    def full(path: Path, data: bytes) -> int:
        if path.name == "report.html":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    result = run_cli("report", str(report_case.dir))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {report_case.reports_dir / 'report.html'}: could not be written (No space left on device);"
        " the case is as it was before this command (the earlier report's files and the audit log are"
        " unchanged): free space on that disk and run footprint report again\n"
    )
    assert list(report_case.reports_dir.iterdir()) == []
    assert [e.action for e in report_case.store.audit_entries()][-1] != "report"


def test_a_stopped_runs_staging_folder_is_removed_and_named_but_a_running_ones_is_kept(
    report_case: Case,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    stopped = report_case.dir / ".report-staging-killed1"
    (stopped / "schedules").mkdir(parents=True)
    (stopped / "schedules" / "mg6c.csv").write_bytes(b"half")
    (stopped / ".lock").touch()
    running = report_case.dir / ".report-staging-running"
    running.mkdir()
    fd = os.open(running / ".lock", os.O_WRONLY | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        result = run_cli("report", str(report_case.dir))
    finally:
        os.close(fd)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"Removed {stopped}: what a stopped report run had begun to write (nothing recorded).\n"
    )
    assert not stopped.exists() and running.is_dir()


def test_files_in_the_way_that_no_report_recorded_are_moved_aside_and_named(
    report_case: Case,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    # A failed run on main left report.html and a PDF no entry recorded; they were overwritten, or filed
    # as the earlier report's.
    reports = report_case.reports_dir
    (reports / "schedules").mkdir(parents=True)
    (reports / "report.html").write_bytes(b"<p>not recorded</p>")
    (reports / "schedules" / "mg6c.csv").write_bytes(b"not recorded")
    result = run_cli("report", str(report_case.dir))
    assert result.exit_code == 0, result.output
    folder = reports / "superseded" / "unrecorded"
    assert result.stderr == (
        f"Moved 2 files to {folder} — kept, not deleted.\n"
        "2 of them recorded by no report (put there by hand, or by a run that did not finish):"
        " reports/report.html, reports/schedules/mg6c.csv.\n"
    )
    assert (folder / "report.html").read_bytes() == b"<p>not recorded</p>"
    assert (folder / "schedules" / "mg6c.csv").read_bytes() == b"not recorded"
    move = [e for e in report_case.store.audit_entries() if e.action == "supersede report"][-1]
    assert move.object == "reports/superseded/unrecorded/"
    assert said(move) == {
        "as_at_audit_entry": None,
        "moved": {
            "reports/report.html": "reports/superseded/unrecorded/report.html",
            "reports/schedules/mg6c.csv": "reports/superseded/unrecorded/schedules/mg6c.csv",
        },
        "recorded_by_no_report": ["reports/report.html", "reports/schedules/mg6c.csv"],
    }


def test_an_earlier_output_changed_since_its_report_recorded_it_is_named_when_moved_aside(
    report_case: Case,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    # A failed run on main overwrote the earlier report.pdf without a record; the next run filed the
    # changed file as the earlier report's, with nothing to say it was not the one recorded.
    assert run_cli("report", str(report_case.dir)).exit_code == 0
    (report_case.reports_dir / "report.html").write_bytes(b"<p>overwritten</p>")
    result = run_cli("report", str(report_case.dir))
    assert result.exit_code == 0, result.output
    move = [e for e in report_case.store.audit_entries() if e.action == "supersede report"][-1]
    assert json.loads(move.details)["changed_since_recorded"] == ["reports/report.html"]
    assert result.stderr.splitlines()[1] == (
        "1 of them not as the earlier report recorded it (its SHA-256 differs: changed since):"
        " reports/report.html."
    )
