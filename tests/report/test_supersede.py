"""A later report moves the earlier report's outputs into reports/superseded/<entry>/, audited."""

from __future__ import annotations

import json
import re
from pathlib import Path

from footprint.case import Case
from footprint.report import ReportOptions, write_outputs


def _as_at(path: Path) -> int:
    found = re.search(r"as at audit entry (\d+)", path.read_text(encoding="utf-8"))
    assert found is not None
    return int(found.group(1))


def test_a_later_report_moves_the_earlier_outputs_aside_and_audits_it(report_case: Case) -> None:
    # `report --bundle` then `report` left the older bundle.zip in reports/ beside the newer report.html,
    # looking current.
    reports = report_case.reports_dir
    first = write_outputs(report_case, ReportOptions(bundle=True))
    assert first.superseded is None
    earlier = {p.relative_to(reports).as_posix(): p.read_bytes() for p in reports.rglob("*") if p.is_file()}
    old = _as_at(reports / "report.html")

    second = write_outputs(report_case)

    folder = reports / "superseded" / str(old)
    assert second.superseded is not None
    assert second.superseded.folder == folder and second.superseded.as_at == old
    moved = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert moved == earlier  # every file of the earlier run, byte for byte, none deleted
    assert "bundle.zip.sha256" in moved
    assert not (reports / "bundle.zip").exists() and not (reports / "bundle.zip.sha256").exists()
    assert _as_at(reports / "report.html") > old
    assert sorted(p.relative_to(reports).as_posix() for p in reports.iterdir()) == [
        "items.jsonl", "report.html", "schedules", "superseded", "timeline.jsonl",
    ]  # fmt: skip
    entries = list(report_case.store.audit_entries())
    [move] = [e for e in entries if e.action == "supersede report"]
    details = json.loads(move.details)
    assert move.object == f"reports/superseded/{old}/"
    assert details["as_at_audit_entry"] == old
    assert details["moved"]["reports/bundle.zip"] == f"reports/superseded/{old}/bundle.zip"
    assert len(details["moved"]) == len(earlier)
    assert [e.action for e in entries[-2:]] == ["supersede report", "report"]


def test_the_command_says_in_one_line_where_the_earlier_outputs_went(
    report_case: Case,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    first = run_cli("report", str(report_case.dir))
    assert first.exit_code == 0, first.output
    assert "superseded" not in first.output
    old = _as_at(report_case.reports_dir / "report.html")
    second = run_cli("report", str(report_case.dir))
    assert second.exit_code == 0, second.output
    assert second.stderr == (
        f"Moved the earlier report's 9 files (as at audit entry {old}) to"
        f" {report_case.reports_dir / 'superseded' / str(old)} — kept, not deleted.\n"
    )
    assert all(Path(line).exists() for line in second.stdout.splitlines())


def test_an_earlier_report_recorded_without_its_as_at_entry_is_moved_under_its_own_entry(
    report_case: Case,
) -> None:
    reports = report_case.reports_dir
    reports.mkdir(exist_ok=True)
    (reports / "report.pdf").write_bytes(b"%PDF old")
    report_case.record("report", "reports/", outputs={"reports/report.pdf": "0" * 64})
    seq = list(report_case.store.audit_entries())[-1].seq
    written = write_outputs(report_case)
    assert written.superseded is not None and written.superseded.moved == ("reports/report.pdf",)
    assert (reports / "superseded" / str(seq) / "report.pdf").read_bytes() == b"%PDF old"
    assert not (reports / "report.pdf").exists()


def test_a_folder_already_used_is_never_overwritten(report_case: Case) -> None:
    # an old entry moved under its own number, then the next report was "as at" that same number:
    # its outputs went into the same folder and replaced the first report's files
    reports = report_case.reports_dir
    reports.mkdir(exist_ok=True)
    (reports / "report.html").write_bytes(b"<p>the report sent to the defence</p>")
    report_case.record("report", "reports/", outputs={"reports/report.html": "0" * 64})
    seq = list(report_case.store.audit_entries())[-1].seq
    write_outputs(report_case)
    sent = reports / "superseded" / str(seq) / "report.html"
    assert sent.read_bytes() == b"<p>the report sent to the defence</p>"
    written = write_outputs(report_case)
    assert written.superseded is not None
    assert sent.read_bytes() == b"<p>the report sent to the defence</p>"
    assert written.superseded.folder == reports / "superseded" / f"{seq}-2"
    assert (written.superseded.folder / "report.html").exists()


def test_a_redact_run_moves_the_earlier_bundle_aside_and_it_still_verifies_there(report_case: Case) -> None:
    # The README ran `report --bundle`, then `report --redact …`, then `verify reports/bundle.zip`: the
    # --redact run is a full report as at a later entry, so the earlier bundle has moved.
    from footprint.report.bundle import verify_bundle
    from report.planted import DISCLOSED

    reports = report_case.reports_dir
    write_outputs(report_case, ReportOptions(bundle=True, hashes_only=True))
    old = _as_at(reports / "report.html")
    write_outputs(report_case, ReportOptions(redact=True, **DISCLOSED))
    assert not (reports / "bundle.zip").exists()
    kept = reports / "superseded" / str(old) / "bundle.zip"
    result = verify_bundle(kept)
    assert (result.problems, result.as_at) == ([], old)
