"""`footprint validate`: the pack written, one line per failed criterion and exit 1 (checks stubbed: fast)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from footprint.validation import pack
from footprint.validation.criteria import Outcome

Run = Callable[..., Result]


def _checks(*outcomes: Outcome) -> Callable[..., list[Outcome]]:
    def run(work: Path, settings: Any, progress: Callable[[str], None]) -> list[Outcome]:
        progress("stub checks")
        return list(outcomes)

    return run


def test_a_failed_criterion_is_one_line_and_exit_1(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        pack,
        "run_checks",
        _checks(
            Outcome("AC-03", True, {"items": 2}),
            Outcome(
                "AC-05", False, {"precision": 0.85}, ("detection precision 0.85 on the demo, below 0.9",)
            ),
        ),
    )
    result = run_cli("validate", str(tmp_path / "out"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "checking stub checks"
    assert "Result: fail (1 passed, 1 failed)" in lines
    assert "FAILED AC-05: detection precision 0.85 on the demo, below 0.9" in lines
    assert lines[-1] == (
        "Error: verification failed (1 problem(s)): AC-05: detection precision 0.85 on the demo, below 0.9"
    )
    document = json.loads((tmp_path / "out" / "validation-report.json").read_text(encoding="utf-8"))
    assert (document["result"], document["passed"], document["failed"]) == ("fail", 1, 1)
    assert document["criteria"][1]["requirement"].startswith("Detection on the demo case")


def test_all_passed_exits_0(tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pack, "run_checks", _checks(Outcome("AC-10", True, {})))
    result = run_cli("validate", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "Result: pass (1 passed, 0 failed)" in result.output.splitlines()
