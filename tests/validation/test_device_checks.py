"""AC-11: the phone check on a synthetic app list, against the built-in snapshot and made-up ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.device import settings_file
from footprint.device.case_check import NOTHING_MATCHED
from footprint.device.indicators import AppIndicator, BuiltinSnapshot, IndicatorIndex, SourceInfo
from footprint.device.snapshot_file import load_snapshot
from footprint.settings import Settings
from footprint.validation.device_checks import check_phone, listed_package

SETTINGS = Settings(actor="validation", role="investigator", database_url=None)


def _index(packages: dict[str, tuple[AppIndicator, ...]], *, sources: bool = True) -> IndicatorIndex:
    source = SourceInfo(
        "apps.yaml", "echap", "/synthetic/apps.yaml", "AB" * 32, "c0ffee", "Synthetic list", ()
    )
    none: frozenset[str] = frozenset()
    return IndicatorIndex(
        packages=packages,
        certificates={},
        apk_sha256={},
        domains={},
        allow_packages=none,
        allow_certificates=none,
        allow_apk_sha256=none,
        allow_domains=none,
        sources=(source,) if sources else (),
        builtin=BuiltinSnapshot("synthetic/indicators.json", "CD" * 32, "2026-11-29"),
    )


def _use(monkeypatch: pytest.MonkeyPatch, index: IndicatorIndex) -> None:
    """Replace the built-in snapshot, for the check and for the analyser it runs."""
    monkeypatch.setattr(settings_file, "load_snapshot", lambda: index)


def test_the_built_in_snapshot_passes(tmp_path: Path) -> None:
    result = check_phone(tmp_path / "phone", SETTINGS)
    snapshot = load_snapshot()
    stalkerware = result.evidence["stalkerware_package"]
    [strong, other] = result.evidence["findings"]
    assert (result.passed, result.failures) == (True, ())
    assert result.evidence["indicator_snapshot"] == snapshot.snapshot
    assert result.evidence["attribution"] == list(snapshot.attributions)
    assert {h.type for h in snapshot.packages[stalkerware]} == {"stalkerware"}
    assert (strong["package"], strong["strength"], strong["kind"]) == (stalkerware, "strong", "stalkerware")
    assert (strong["app"], strong["indicator_source"]) in {
        (h.app, h.source) for h in snapshot.packages[stalkerware]
    }
    assert (other["package"], other["strength"]) == (result.evidence["monitoring_package"], "check_consent")
    assert result.evidence["ordinary_alone"] == NOTHING_MATCHED
    assert result.evidence["parsers"] == ["device_pm_list"]


def test_an_empty_snapshot_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _use(monkeypatch, _index({}))
    result = check_phone(tmp_path / "phone", SETTINGS)
    assert result.passed is False
    assert result.failures == (
        "the indicator snapshot lists no Android stalkerware package; the phone check was not exercised",
    )
    assert not (tmp_path / "phone").exists()


def test_an_ordinary_app_that_matches_and_unrecorded_indicators_fail(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _use(
        monkeypatch,
        _index(
            {
                "org.synthetic.watcher": (AppIndicator("Watcher", "stalkerware", "echap", "android"),),
                "org.synthetic.family": (AppIndicator("Family Map", "watchware", "echap"),),
                "com.example.notes": (AppIndicator("Notes", "dual-use", "isdi"),),
            },
            sources=False,
        ),
    )
    result = check_phone(tmp_path / "phone", SETTINGS)
    assert (result.evidence["stalkerware_package"], result.evidence["monitoring_package"]) == (
        "org.synthetic.watcher",
        "org.synthetic.family",
    )
    ids = [f for f in result.failures if f.startswith("findings ")]
    assert result.failures == (
        "ordinary apps gave findings: ['com.example.notes']",
        f"a list of ordinary apps alone did not give the result {NOTHING_MATCHED!r}",
        *ids,
    )
    assert len(ids) == 1 and ids[0].endswith(
        f"do not record the snapshot hash {_index({}, sources=False).snapshot} and its attribution"
    )


def test_packages_are_picked_by_type_for_android_only() -> None:
    index = _index(
        {
            "com.apple.only": (AppIndicator("iOnly", "stalkerware", "echap", "ios"),),
            "com.mixed.app": (
                AppIndicator("Mixed", "stalkerware", "echap"),
                AppIndicator("Mixed", "dual-use", "isdi"),
            ),
            "org.plain.spy": (AppIndicator("Plain", "stalkerware", "echap"),),
        }
    )
    assert listed_package(index, "stalkerware") == "org.plain.spy"
    assert listed_package(index, "watchware") is None
