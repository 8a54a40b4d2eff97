"""What a case remembers of its device check, and `analyse` refusing to change findings on other indicators."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.device import snapshot_file
from footprint.device.indicators import load_indicators
from footprint.device.snapshot_file import snapshot_bytes
from tests.conftest import DATA, store_findings

INDICATORS = DATA / "device_indicators"
PM_LIST = DATA / "device_pm_list" / "pm_list.txt"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
LABEL = f"built-in snapshot of Echap @ {COMMIT}, built"


def explanations(case: Case) -> list[str]:
    return sorted(f.explanation for f in case.store.findings("device_indicator"))


def device_run(case: Case) -> tuple[str, str]:
    """Status and first error line of the latest device analyser run."""
    runs = [r for r in case.store.runs() if r.analyser == "device"]
    return runs[-1].status, (runs[-1].error or "").splitlines()[0] if runs[-1].error else ""


@pytest.fixture
def builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Ship a snapshot built from the synthetic indicators with the given build date instead of the real one."""
    monkeypatch.delenv("FOOTPRINT_INDICATORS", raising=False)

    upstream = tmp_path / "upstream"
    shutil.copytree(INDICATORS, upstream / "echap")
    (upstream / "echap" / "SOURCE.md").write_text(f"Synthetic, as if copied @ `{COMMIT}`\n", encoding="utf-8")

    def ship(built: str) -> Path:
        path = tmp_path / f"indicators-{built}.json"
        index = load_indicators(upstream, builtin_allowlist=False)
        path.write_bytes(snapshot_bytes(index, built=built, root=upstream))
        monkeypatch.setattr(snapshot_file, "shipped_path", lambda: path)
        return path

    return ship


def test_analyse_refuses_when_the_recorded_folder_changed(
    run_cli: Callable[..., Result], case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FOOTPRINT_INDICATORS", raising=False)
    folder = tmp_path / "indicators"
    shutil.copytree(INDICATORS, folder)
    first = run_cli("device", "check", str(case.dir), str(PM_LIST), "--indicators", str(folder))
    assert first.exit_code == 0, first.output
    before = explanations(case)
    recorded = json.loads((case.dir / "device-indicators.json").read_text(encoding="utf-8"))
    with (folder / "ioc.yaml").open("a", encoding="utf-8") as f:  # the folder is updated in place
        f.write("- name: NotesWatch\n  type: stalkerware\n  packages: [com.example.notes]\n")
    changed = load_indicators(folder)
    result = run_cli("analyse", str(case.dir), "--only", "device")
    assert device_run(case) == (
        "error",
        f"footprint.errors.InputError: {case.dir / 'device-indicators.json'}: this case was checked with the indicator files in"
        f" {folder} (snapshot {recorded['snapshot']}), but the indicators now in use are the indicator"
        f" files in {folder} (snapshot {changed.snapshot}), which could change its device findings; they are"
        " kept as they were. To check every device exhibit again with the indicators now in use, run"
        f" `footprint device check {case.dir}` (no inputs); to keep the recorded ones, use them again"
        " (restore the folder's files, or use the Footprint version that shipped that built-in snapshot)",
    ), result.output
    assert explanations(case) == before  # NotesWatch was not silently added


def test_analyse_refuses_another_builtin_snapshot_until_the_case_is_checked_again(
    run_cli: Callable[..., Result], case: Case, builtin: Callable[[str], Path]
) -> None:
    builtin("2026-01-01")
    assert run_cli("device", "check", str(case.dir), str(PM_LIST)).exit_code == 0
    stored = json.loads((case.dir / "device-indicators.json").read_text(encoding="utf-8"))
    assert (stored["path"], stored["builtin"], stored["indicators"]) == (
        None,
        True,
        f"{LABEL} 2026-01-01",
    )
    before = explanations(case)
    builtin("2026-02-01")  # a newer Footprint ships another snapshot
    run_cli("analyse", str(case.dir), "--only", "device")
    status, error = device_run(case)
    assert status == "error"
    assert error.startswith(
        f"footprint.errors.InputError: {case.dir / 'device-indicators.json'}: this case was checked with"
        f" {LABEL} 2026-01-01 (snapshot {stored['snapshot']}), but the indicators now in use are {LABEL}"
        " 2026-02-01"
    )
    assert explanations(case) == before
    again = run_cli("device", "check", str(case.dir))  # no inputs: every phone input, with the new snapshot
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[0] == (
        f"The indicators changed since this case was last checked ({LABEL} 2026-01-01, snapshot"
        f" {stored['snapshot']}): every phone input in the case is checked again with these."
    )
    assert run_cli("analyse", str(case.dir), "--only", "device").exit_code == 0
    assert device_run(case) == ("ok", "")
    assert explanations(case) == before  # the same synthetic data: the same findings


def test_analyse_without_a_check_uses_and_records_the_builtin_snapshot(
    run_cli: Callable[..., Result], case: Case, builtin: Callable[[str], Path]
) -> None:
    builtin("2026-01-01")
    assert run_cli("add", str(case.dir), str(PM_LIST), "--producer", "PC Test").exit_code == 0
    assert not (case.dir / "device-indicators.json").exists()
    assert run_cli("analyse", str(case.dir), "--only", "device").exit_code == 0
    (spy,) = [f for f in case.store.findings("device_indicator") if f.details["strength"] == "strong"]
    assert (spy.details["app"], spy.details["indicators"]) == (
        "ExampleSpy",
        f"{LABEL} 2026-01-01",
    )
    stored = json.loads((case.dir / "device-indicators.json").read_text(encoding="utf-8"))
    assert stored["snapshot"] == spy.details["indicator_snapshot"]


def test_checking_again_needs_phone_inputs_in_the_case(
    run_cli: Callable[..., Result], case: Case, builtin: Callable[[str], Path]
) -> None:
    builtin("2026-01-01")
    result = run_cli("device", "check", str(case.dir))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {case.dir}: no phone inputs in this case to check again; give the INPUT files (an app list,"
        " dumpsys, settings, an iPhone backup or a network log)"
    )


def test_a_record_written_before_the_builtin_snapshot_still_names_its_folder(
    run_cli: Callable[..., Result], case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FOOTPRINT_INDICATORS", raising=False)
    assert (
        run_cli("device", "check", str(case.dir), str(PM_LIST), "--indicators", str(INDICATORS)).exit_code
        == 0
    )
    before = explanations(case)
    old = {"path": str(INDICATORS), "snapshot": load_indicators(INDICATORS).snapshot}  # no "builtin" key
    (case.dir / "device-indicators.json").write_text(json.dumps(old), encoding="utf-8")
    assert run_cli("analyse", str(case.dir), "--only", "device").exit_code == 0
    assert device_run(case) == ("ok", "")
    assert explanations(case) == before


def test_findings_made_before_with_no_indicators_are_not_changed_silently(
    run_cli: Callable[..., Result], case: Case, builtin: Callable[[str], Path]
) -> None:
    builtin("2026-01-01")
    assert run_cli("add", str(case.dir), str(PM_LIST), "--producer", "PC Test").exit_code == 0
    item = next(i for i in case.store.iter_items() if i.details.get("package") == "com.example.spy")
    earlier = FindingDraft(
        item.id, "device_indicator", 0.3, "Installed by hand.", details={"indicators_loaded": False}
    )
    store_findings(case, "device", [earlier])  # an analyse before Footprint shipped indicators
    run_cli("analyse", str(case.dir), "--only", "device")
    assert device_run(case) == (
        "error",
        f"footprint.errors.InputError: {case.dir}: the device findings of this case were made with no"
        f" indicators (Footprint's own checks only), and the indicators now in use ({LABEL} 2026-01-01)"
        " could change them; they are kept as they were. To check every device exhibit with these"
        f" indicators, run `footprint device check {case.dir}` (no inputs)",
    )
    assert explanations(case) == ["Installed by hand."]
    assert not (case.dir / "device-indicators.json").exists()
    assert run_cli("device", "check", str(case.dir)).exit_code == 0
    assert "the package id listed for ExampleSpy (com.example.spy) is installed." in " ".join(
        explanations(case)
    )


def test_indicators_given_to_the_check_are_the_ones_its_analysis_uses(
    run_cli: Callable[..., Result], case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "ioc.yaml").write_text("- name: NotesWatch\n  packages: [com.example.notes]\n", encoding="utf-8")
    monkeypatch.setenv("FOOTPRINT_INDICATORS", str(other))  # set for the session, overridden for this check
    result = run_cli(
        "device", "check", str(case.dir), str(PM_LIST), "--indicators", str(INDICATORS), "--json"
    )
    assert result.exit_code == 0, result.output
    apps = {json.loads(line)["app"] for line in result.output.splitlines()}
    assert {"ExampleSpy", "FamilyFinder"} <= apps and "NotesWatch" not in apps
    assert run_cli("analyse", str(case.dir), "--only", "device").exit_code == 0
    assert device_run(case) == ("ok", "")  # the case's record, not the session's folder
