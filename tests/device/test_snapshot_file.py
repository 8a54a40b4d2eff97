"""The built-in indicator snapshot: derived, deterministic, small, and matching exactly as its folder does."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from tools.build_indicators import build

from footprint.case import Case
from footprint.device import snapshot_file
from footprint.device.check import check_observation
from footprint.device.indicators import load_indicators
from footprint.device.observe import KIND
from footprint.device.snapshot_file import load_snapshot, shipped_path, snapshot_bytes
from footprint.errors import InputError
from footprint.settings import Settings
from footprint.store.device import device_observations
from tests.conftest import DATA

INDICATORS = DATA / "device_indicators"
TABLES = ("packages", "certificates", "apk_sha256", "domains", "ips")
ALLOW = ("allow_packages", "allow_certificates", "allow_apk_sha256", "allow_domains", "allow_signers")
INPUTS = (
    DATA / "device_android" / "androidqf",
    DATA / "device_pm_list" / "pm_list.txt",
    DATA / "device_settings" / "settings_secure.txt",
    DATA / "device_dumpsys" / "device_policy.txt",
    DATA / "device_ios" / "Info.plist",
    DATA / "device_network" / "dnsmasq.log",
)
ECHAP = "a04c5c1958bff93fec3b1b56edbb412b209f2a38"
ISDI = "6de92d147cf7933561c44501a41d983cc8a5bd1a"
TINYCHECK = "4f989dcd94fa8d8bcb89a3f1f5d8ee4815392410"


def synthetic_snapshot(tmp_path: Path, built: str = "2026-01-01") -> Path:
    path = tmp_path / f"indicators-{built}.json"
    path.write_bytes(
        snapshot_bytes(load_indicators(INDICATORS, builtin_allowlist=False), built=built, root=DATA)
    )
    return path


def test_the_snapshot_holds_the_same_index_as_its_folder(tmp_path: Path) -> None:
    folder = load_indicators(INDICATORS)
    path = synthetic_snapshot(tmp_path)
    snapshot = load_snapshot(path)
    for name in (*TABLES, *ALLOW):
        assert getattr(snapshot, name) == getattr(folder, name), name
    assert [(s.kind, s.name, s.sha256, s.commit, s.counts) for s in snapshot.sources] == [
        (s.kind, s.name, s.sha256, s.commit, s.counts) for s in folder.sources
    ]
    assert [s.path for s in snapshot.sources] == [
        "built-in snapshot: device_indicators/ioc.yaml",
        "built-in snapshot: device_indicators/samples.csv",
        "built-in snapshot: device_indicators/watchware.yaml",
        str(Path("src/footprint/rules/device/allowlist.yaml").resolve()),
    ]
    assert snapshot.attributions == folder.attributions
    # The snapshot hash is the folder's definition (kind, name and SHA-256 of every loaded file) plus the
    # snapshot file's own SHA-256, so the same upstream files derived again another way get a new hash.
    text = "\n".join(f"{s.kind} {s.name} {s.sha256}" for s in folder.sources)
    file_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    assert snapshot.snapshot == hashlib.sha256(f"v3\n{text}\nbuilt-in {file_hash}".encode()).hexdigest()
    assert snapshot.snapshot != folder.snapshot


def test_the_same_findings_from_the_builtin_snapshot_and_the_folder(
    run_cli: Callable[..., Result],
    case: Case,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("FOOTPRINT_INDICATORS", raising=False)
    path = synthetic_snapshot(tmp_path)
    monkeypatch.setattr(snapshot_file, "shipped_path", lambda: path)
    other = Case.init(tmp_path / "other", name="R v Test", tz="Europe/London", settings=settings)
    other.close()
    maps = ("--map", "year=2024")
    from_folder = run_cli(
        "device", "check", str(case.dir), *map(str, INPUTS), *maps, "--indicators", str(INDICATORS), "--json"
    )
    from_builtin = run_cli("device", "check", str(other.dir), *map(str, INPUTS), *maps, "--json")
    assert from_folder.exit_code == 0 and from_builtin.exit_code == 0, (
        from_folder.output + from_builtin.output
    )
    folder_rows = [json.loads(line) for line in from_folder.output.splitlines()]
    builtin_rows = [json.loads(line) for line in from_builtin.output.splitlines()]
    assert len(folder_rows) == 15
    assert {(r["kind"], r["strength"], r["app"]) for r in folder_rows if r["strength"] == "strong"} == {
        ("stalkerware", "strong", "ExampleSpy"),
        ("accessibility_service", "strong", "ExampleSpy"),
        ("device_admin", "strong", "ExampleSpy"),
        ("stalkerware_server", "strong", "ExampleSpy"),
    }
    snapshots = (
        {r.pop("indicator_snapshot") for r in folder_rows},
        {r.pop("indicator_snapshot") for r in builtin_rows},
    )
    assert snapshots == ({load_indicators(INDICATORS).snapshot}, {load_snapshot(path).snapshot})
    labels = {r.pop("indicators") for r in folder_rows}, {r.pop("indicators") for r in builtin_rows}
    assert labels == (
        {f"the indicator files in {INDICATORS}"},
        {"built-in snapshot of sources with no recorded commit, built 2026-01-01"},
    )
    assert builtin_rows == folder_rows


def test_the_same_data_and_date_give_the_same_bytes(tmp_path: Path) -> None:
    first = synthetic_snapshot(tmp_path).read_bytes()
    assert synthetic_snapshot(tmp_path).read_bytes() == first
    later = synthetic_snapshot(tmp_path, "2026-02-01").read_bytes()
    assert later.replace(b'"built": "2026-02-01"', b'"built": "2026-01-01"') == first


def test_only_echap_isdi_and_tinycheck_go_into_the_snapshot(tmp_path: Path) -> None:
    (tmp_path / "mine.stix2").write_text('{"objects": []}', encoding="utf-8")
    with pytest.raises(InputError) as err:
        snapshot_bytes(load_indicators(tmp_path, builtin_allowlist=False), built="2026-01-01", root=tmp_path)
    assert str(err.value) == (
        f"{tmp_path}: only Echap, ISDI and TinyCheck files go into the built-in snapshot, not stix;"
        " point the build at those three folders"
    )


def test_a_damaged_snapshot_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "indicators.json"
    path.write_text('{"format": "footprint-indicator-snapshot", "format_version": 1, "apps": [[1]]}')
    with pytest.raises(InputError) as err:
        load_snapshot(path)
    assert str(err.value) == (
        f"{path}: not a readable indicator snapshot (AppIndicator.__init__() missing 2 required positional"
        " arguments: 'type' and 'source'); reinstall Footprint, or pass --indicators PATH to a folder of"
        " indicator files"
    )
    path.write_text('{"format": "something else"}')
    with pytest.raises(
        InputError, match="not a readable indicator snapshot \\(not a snapshot of this format"
    ):
        load_snapshot(path)


def test_the_shipped_snapshot_is_small_and_names_its_sources() -> None:
    path = shipped_path()
    assert path.stat().st_size < 1_500_000
    document = json.loads(path.read_bytes())
    assert [(s["kind"], s["name"], s["commit"], s["licence"]) for s in document["sources"]] == [
        ("echap", "ioc.yaml", ECHAP, "CC-BY-4.0"),
        ("echap", "samples.csv", ECHAP, "CC-BY-4.0"),
        ("echap", "watchware.yaml", ECHAP, "CC-BY-4.0"),
        ("isdi", "app-flags.csv", ISDI, "MIT"),
        ("tinycheck", "whitelist.json", TINYCHECK, "Apache-2.0"),
    ]
    index = load_snapshot()
    assert index.label() == (
        f"built-in snapshot of Echap @ {ECHAP}, ISDI @ {ISDI}, TinyCheck @ {TINYCHECK}, built {document['built']}"
    )
    assert index.attributions == (
        "Footprint built-in allow-list (rules/device/allowlist.yaml)",
        "ISDI app-flags by the Cornell Clinic to End Tech Abuse (stopipv/isdi), MIT licence",
        "Stalkerware indicators by Echap (AssoEchap/stalkerware-indicators), CC-BY 4.0",
        "TinyCheck allow-list by Kaspersky (KasperskyLab/TinyCheck), Apache-2.0",
    )
    assert [(i.app, i.type, i.source, i.platform) for i in index.packages["com.wifi0"]] == [
        ("SpyLive360", "stalkerware", "echap", "android"),
        ("SpyLive360", "stalkerware", "isdi", "any"),
    ]


def test_the_shipped_snapshot_rebuilds_byte_for_byte(shared_data: Path) -> None:
    shipped = shipped_path().read_bytes()
    assert build(shared_data, json.loads(shipped)["built"]) == shipped


def test_the_shipped_snapshot_finds_what_the_upstream_folders_find(
    run_cli: Callable[..., Result], case: Case, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FOOTPRINT_INDICATORS", raising=False)
    samples = shared_data / "device-samples"
    inputs = (
        samples / "android-androidqf-positive" / "packages.json",
        samples / "android-pm-list" / "synthetic_pm_list_packages_f_i_U.txt",
        samples / "ios-backup" / "synthetic_Info_with_watchware.plist",
        samples / "network" / "synthetic_dns.pcap",
    )
    result = run_cli("device", "check", str(case.dir), *map(str, inputs), "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {
        (r["input"], r["kind"], r["app"]) for r in rows if r["strength"] in ("strong", "check_consent")
    } == {
        ("packages.json", "stalkerware", "SpyLive360"),
        ("synthetic_pm_list_packages_f_i_U.txt", "stalkerware", "SpyLive360"),
        ("synthetic_pm_list_packages_f_i_U.txt", "monitoring_app", "Life360"),
        ("synthetic_Info_with_watchware.plist", "monitoring_app", "Life360"),
        ("synthetic_Info_with_watchware.plist", "monitoring_app", "FindMyKids"),
        ("synthetic_dns.pcap", "stalkerware_server", "Snoopza"),
        ("synthetic_dns.pcap", "stalkerware_server", "SpyLive360"),
        ("synthetic_dns.pcap", "monitoring_server", "Life360"),
    }
    snapshot = load_snapshot()
    assert {r["indicator_snapshot"] for r in rows} == {snapshot.snapshot}
    folders = load_indicators(
        *(shared_data / f for f in ("stalkerware-indicators", "isdi-app-flags", "tinycheck-iocs"))
    )
    observations = [item.details for item in device_observations(case.store.engine, KIND)]
    assert len(observations) == 33
    assert [check_observation(snapshot, o) for o in observations] == [
        check_observation(folders, o) for o in observations
    ]
