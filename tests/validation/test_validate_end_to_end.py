"""`footprint validate` end to end (slow: builds the demo twice), and the pack named by `footprint report`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.case import Case
from footprint.settings import Settings
from footprint.validation.criteria import CRITERIA
from footprint.validation.manifest import pack_id

Run = Callable[..., Result]


@pytest.mark.slow
def test_validate_passes_and_its_pack_is_named_in_a_report(tmp_path: Path, run_cli: Run) -> None:
    out = tmp_path / "pack"
    result = run_cli("validate", str(out))
    assert result.exit_code == 0, result.output
    document = json.loads((out / "validation-report.json").read_text(encoding="utf-8"))
    assert document["result"] == "pass" and document["failed"] == 0
    assert document["pack_id"] == pack_id(document)
    assert {c["id"].split("/")[0] for c in document["criteria"]} == set(CRITERIA)
    assert f"Pack ID: {document['pack_id']}" in result.output
    assert "<h1>Footprint validation report</h1>" in (out / "validation-report.html").read_text(
        encoding="utf-8"
    )

    case_dir = tmp_path / "case"
    assert run_cli("case", "init", str(case_dir), "--name", "R v Test").exit_code == 0
    report = run_cli("report", str(case_dir), "--validation", str(out / "validation-report.json"))
    assert report.exit_code == 0, report.output
    html = (case_dir / "reports" / "report.html").read_text(encoding="utf-8")
    assert f"Validation pack {document['pack_id']}, supplied with this report: made on" in html
    case = Case.open(case_dir, Settings(actor="tester", role="investigator", database_url=None))
    [entry] = [e for e in case.store.audit_entries() if e.action == "report"]
    assert f"pack {document['pack_id']} (pass, finished {document['finished_utc']})" in entry.details
