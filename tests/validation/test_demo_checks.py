"""AC-05 to AC-08 measured on stand-in cases: the figures, and that a shortfall fails the criterion."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from footprint.errors import FootprintError
from footprint.settings import Settings
from footprint.validation import demo_checks
from footprint.validation.demo_checks import DemoRun


def _run(findings: list[tuple[str, str, str]], labels: dict[str, list[str]]) -> DemoRun:
    exhibits = [SimpleNamespace(file_name="chat.txt", ref="JD/1")]
    stored = [
        SimpleNamespace(exhibit=e, locator=loc, category=c, analyser="detect") for e, loc, c in findings
    ]
    stored.append(
        SimpleNamespace(exhibit=None, locator=None, category="course_of_conduct", analyser="conduct")
    )
    case: Any = SimpleNamespace(store=SimpleNamespace(exhibits=lambda: exhibits, findings=lambda: stored))
    items = [{"file": "chat.txt", "locator": loc, "labels": ls} for loc, ls in labels.items()]
    return DemoRun(case, {"items": items})


def test_precision_and_recall_per_category_and_overall() -> None:
    run = _run(
        [
            ("JD/1", "line 1", "threat_to_kill"),
            ("JD/1", "line 2", "monitoring"),
            ("JD/1", "line 3", "monitoring"),
        ],
        {"line 1": ["threat_to_kill", "threat_violence"], "line 2": ["monitoring"], "line 3": []},
    )
    result = demo_checks.check_findings(run)
    assert (result.evidence["precision"], result.evidence["recall"]) == (0.667, 0.667)
    assert result.evidence["per_category"]["monitoring"] == {
        "expected": 1, "found": 2, "correct": 1, "precision": 0.5, "recall": 1.0, "missed": [], "false": ["JD/1 line 3"],
    }  # fmt: skip
    assert result.evidence["per_category"]["threat_violence"]["missed"] == ["JD/1 line 1"]
    assert result.failures == (
        "detection precision 0.667 on the demo, below 0.9",
        "detection recall 0.667 on the demo, below 0.9",
    )


def test_all_found_passes() -> None:
    run = _run([("JD/1", "line 1", "doxxing")], {"line 1": ["doxxing"]})
    assert demo_checks.check_findings(run).failures == ()


def test_masking_leaves_only_what_was_recorded_by_the_clock() -> None:
    masks = ["2026-11-29T08:00:00Z", "29/11/2026 08:00:00 GMT (+00:00)"]
    one = demo_checks._masked_sha256(b"at 2026-11-29T08:00:00Z: threat", masks)
    two = demo_checks._masked_sha256(b"at 2026-11-30T09:00:00Z: threat", ["2026-11-30T09:00:00Z"])
    assert one == two
    assert one != demo_checks._masked_sha256(b"at 2026-11-29T08:00:00Z: threats", masks)


def test_differences_between_runs_are_named(monkeypatch: Any) -> None:
    prints = iter(
        [
            {"items_sha256": "a", "findings_sha256": "b", "report_files_sha256": {"report.html": "1"}},
            {"items_sha256": "a", "findings_sha256": "c", "report_files_sha256": {"report.html": "2"}},
        ]
    )
    monkeypatch.setattr(demo_checks, "fingerprint", lambda case: next(prints))
    none: Any = None
    result = demo_checks.check_determinism(DemoRun(none, {}), DemoRun(none, {}))
    assert result.failures == (
        "findings_sha256 differ between two runs",
        "reports/report.html differs between two runs",
    )


def test_the_second_build_runs_in_a_new_process_and_its_failure_is_named(
    tmp_path: Path, settings: Settings
) -> None:
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "case.json").write_text("{}", encoding="utf-8")
    with pytest.raises(FootprintError) as err:
        demo_checks.build_elsewhere(tmp_path, settings)
    assert str(err.value) == (
        "the second build of the demo (a new process) exited 1: Error: "
        f"{tmp_path / 'case'}: a demo case is already there; remove {tmp_path} or pass --out"
    )
