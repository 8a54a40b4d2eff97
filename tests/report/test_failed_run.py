"""An analyser whose latest run failed: the report, `findings` and `analyse` say so, though an earlier
run's findings are still shown (the review's stale detect run, on SQLite)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import footprint.analyse  # noqa: F401  (registers the analysers)
from footprint.analyse.base import FindingDraft, analysers, run_analysers
from footprint.case import Case
from footprint.cli import cli
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report
from footprint.report.sections import SectionStatus
from footprint.times import uk_display

Run = Callable[..., Result]
ONE = "14/03/2024, 09:15 - Ann Example: I will kill you\n14/03/2024, 09:16 - Ben Example: please stop\n"
TWO = "15/03/2024, 10:00 - Ann Example: I am going to kill you when I find you\n"


def _detect_finds_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Detection stood in for (its model takes seconds to load): one threat on the first item."""

    def one(self: object, case: object) -> Iterator[FindingDraft]:
        yield FindingDraft(1, "threat_to_kill", 0.9, "a threat to kill", spans=((0, 15),))

    monkeypatch.setattr(analysers.get("detect"), "run", one)
    monkeypatch.setattr(analysers.get("detect"), "note", lambda self: None)  # of what `run` read


def _fail_detect(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: object, case: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(analysers.get("detect"), "run", boom)


def test_a_section_whose_latest_run_failed_says_so_beside_the_earlier_runs_findings(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    add_exhibit(case, tmp_path / "one.txt", AddOptions(producer="Ben Example"))
    _detect_finds_one(monkeypatch)
    assert [o.status for o in run_analysers(case, ["detect"])] == ["ok"]
    add_exhibit(case, tmp_path / "two.txt", AddOptions(producer="Ben Example"))
    _fail_detect(monkeypatch)
    [outcome] = run_analysers(case, ["detect"])
    assert outcome.status == "error"
    model = build_report(case)
    earlier, failed = case.store.runs(latest_only=False)
    assert model.statuses["detect"] == SectionStatus(
        "did not complete",
        f"did not complete (detect v{failed.version}: error); the 1 finding(s) shown are from an earlier run"
        f" (detect's run of {uk_display(earlier.started_utc)}, which read BE/1 and not BE/2), so what was"
        " added since was not read: run `footprint analyse` again",
    )
    # the method appendix's "its sections say so" is now true
    assert any(line.endswith("; its sections say so.") for line in model.limitations)


def test_analyse_exits_1_and_findings_warns_when_an_analysers_latest_run_failed(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "c"
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    assert run_cli("case", "init", str(folder), "--name", "R v Stale").exit_code == 0
    assert run_cli("add", str(folder), str(tmp_path / "one.txt"), "--producer", "Ben Example").exit_code == 0
    _detect_finds_one(monkeypatch)
    assert run_cli("analyse", str(folder), "--only", "detect").exit_code == 0
    _fail_detect(monkeypatch)
    result = run_cli("analyse", str(folder), "--only", "detect")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: 1 analyser(s) did not complete: detect; their findings are not up to date (the report's"
        " sections say so): see the lines above, then run `footprint analyse` again"
    )
    monkeypatch.undo()
    result = CliRunner().invoke(cli, ["--actor", "tester", "findings", str(folder)])
    assert result.exit_code == 0
    version = analysers.get("detect").version
    assert result.stderr == (
        f"Warning: the latest run of detect (v{version}) did not complete (error); its findings listed are"
        " from an earlier run, which did not read what was added since: run `footprint analyse` again\n"
    )
