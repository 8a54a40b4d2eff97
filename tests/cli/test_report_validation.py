"""`footprint report --validation`: a pack from other versions is refused in one line; none supplied is said."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from footprint.case import Case
from footprint.report.method import NO_VALIDATION
from footprint.settings import Settings
from footprint.validation.criteria import CRITERIA
from footprint.validation.environment import pinned_versions
from footprint.validation.manifest import FORMAT, pack_id
from footprint.validation.supplied import AGAIN

Run = Callable[..., Result]


def test_a_pack_from_another_version_is_refused_and_no_report_written(tmp_path: Path, run_cli: Run) -> None:
    case_dir = tmp_path / "case"
    assert run_cli("case", "init", str(case_dir), "--name", "R v Test").exit_code == 0
    versions = pinned_versions()
    versions["tool"] = "footprint 0.0.1"
    document = {
        "format": FORMAT,
        "versions": versions,
        "finished_utc": "2026-11-29T08:00:00Z",
        "result": "pass",
    }
    pack = tmp_path / "validation-report.json"
    pack.write_text(json.dumps({**document, "pack_id": pack_id(document)}), encoding="utf-8")
    result = run_cli("report", str(case_dir), "--validation", str(pack))
    assert result.exit_code == 1
    current = versions | pinned_versions()
    assert result.output == (
        f"Error: {pack}: the validation pack was made with other versions than the code running now"
        f" (tool: footprint 0.0.1 in the pack, {current['tool']} now); {AGAIN}\n"
    )
    assert not (case_dir / "reports" / "report.html").exists()


def test_without_a_pack_the_appendix_says_how_to_make_one(tmp_path: Path, run_cli: Run) -> None:
    case_dir = tmp_path / "case"
    assert run_cli("case", "init", str(case_dir), "--name", "R v Test").exit_code == 0
    assert run_cli("report", str(case_dir)).exit_code == 0
    html = (case_dir / "reports" / "report.html").read_text(encoding="utf-8")
    assert f"<th>Local validation</th><td>{NO_VALIDATION}</td>" in html


def test_a_matching_pack_is_named_and_recorded_in_the_audit_log(tmp_path: Path, run_cli: Run) -> None:
    case_dir = tmp_path / "case"
    assert run_cli("case", "init", str(case_dir), "--name", "R v Test").exit_code == 0
    outcomes = [{"id": c, "passed": c != "AC-05"} for c in CRITERIA] + [
        {"id": f"AC-01/format{n}", "passed": True} for n in range(22 - len(CRITERIA))
    ]
    document = {
        "format": FORMAT, "versions": pinned_versions(), "finished_utc": "2026-11-29T08:00:00Z",
        "machine": {"os": "Linux-test", "cpu_count": 2}, "result": "fail", "passed": 21, "failed": 1,
        "criteria": outcomes,
    }  # fmt: skip
    ident = pack_id(document)
    pack = tmp_path / "validation-report.json"
    pack.write_text(json.dumps({**document, "pack_id": ident}), encoding="utf-8")
    assert run_cli("report", str(case_dir), "--validation", str(pack)).exit_code == 0
    html = (case_dir / "reports" / "report.html").read_text(encoding="utf-8")
    assert (
        f"Validation pack {ident}, supplied with this report: made on Linux-test (2 CPUs), finished"
        " 29/11/2026 08:00:00 GMT (+00:00): FAILED: 1 of 22 acceptance criteria failed." in html
    )
    case = Case.open(case_dir, Settings(actor="tester", role="investigator", database_url=None))
    [entry] = [e for e in case.store.audit_entries() if e.action == "report"]
    assert f'"validation": "pack {ident} (fail, finished 2026-11-29T08:00:00Z)"' in entry.details
