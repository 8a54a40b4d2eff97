"""`footprint demo` fails as `analyse` does when an analyser does not complete (review of 30 November: it
logged the failure and exited 0, so `make demo` could not see it)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from footprint import demo
from footprint.errors import AnalysisError
from footprint.settings import Settings


def test_a_demo_whose_analysis_did_not_complete_fails_and_writes_no_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = [SimpleNamespace(analyser="detect", status="ok", findings=3)]
    ran.append(SimpleNamespace(analyser="link", status="error", findings=0))
    monkeypatch.setattr(demo, "run_analysers", lambda case: ran)
    with pytest.raises(AnalysisError) as err:
        demo.build_demo(tmp_path / "demo", Settings(actor="tester", database_url=None))
    case_dir = tmp_path / "demo" / "case"
    assert str(err.value) == (
        f"the demo case's analysis did not complete (link); it is in {case_dir}, without its report: run"
        " `footprint analyse` on it to see why"
    )
    assert not list((case_dir / "reports").glob("report.*"))
