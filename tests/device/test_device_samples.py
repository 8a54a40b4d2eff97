"""Every expected result in device-check.md for the shared samples (skips without shared data)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.case import Case

SPY_PACKAGE = (
    "An app with the package id listed for SpyLive360 (com.wifi0) is installed. SpyLive360 is listed as"
    " stalkerware in the Echap stalkerware list — software sold to secretly monitor another person's"
    " messages, location and calls. Matched by its package name only: another app can use the same id; its"
    " signing certificate or APK hash (in androidqf's packages.json) would show whether it is SpyLive360. Do"
    " not remove it yet: that may alert the person responsible; preserve the evidence first."
)
SPY_BOTH = (
    "SpyLive360 (com.wifi0) is on this phone. It is listed as stalkerware in the Echap stalkerware list —"
    " software sold to secretly monitor another person's messages, location and calls. Matched by its package"
    " name and its signing certificate (SHA-1 73BF44A503427F7682C7136B109631E3BE4114DE). Do not remove it"
    " yet: that may alert the person responsible; preserve the evidence first."
)
LIFE360 = (
    "An app with the package id listed for Life360 (com.life360.android.safetymapd) is installed. Life360 is"
    " a monitoring app (watchware) in the Echap stalkerware list: it can share location or activity with"
    " someone else. The ISDI app list labels it dual-use. That can be legitimate (family sharing, parental"
    " control or accountability software); check whether she knew of it and agreed. Matched by its package"
    " name only: another app can use the same id; its signing certificate or APK hash (in androidqf's"
    " packages.json) would show whether it is Life360. Do not remove it yet: that may alert the person"
    " responsible; preserve the evidence first."
)
ALERTS = ("strong", "check_consent")


@pytest.fixture
def samples(shared_data: Path) -> Path:
    return shared_data / "device-samples"


def check(run_cli: Callable[..., Result], case: Case, shared: Path, *inputs: Path) -> list[dict[str, object]]:
    result = run_cli(
        "device", "check", str(case.dir), *map(str, inputs), "--indicators", str(shared), "--json"
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def summary(rows: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {(r["kind"], r["strength"], r["app"], r["matched_by"]) for r in rows if r["strength"] in ALERTS}


def test_androidqf_positive_by_package_and_certificate(run_cli, case, shared_data, samples) -> None:
    rows = check(run_cli, case, shared_data, samples / "android-androidqf-positive" / "packages.json")
    strong = [r for r in rows if r["strength"] == "strong"]
    # was two strong findings for SpyLive360 at the same packages.json[7], one per way it matched
    assert [(r["matched_by"], r["explanation"]) for r in strong] == [("package, certificate", SPY_BOTH)]
    assert set(strong[0]) >= {"input", "kind", "strength", "app", "package", "matched_by", "explanation"}
    assert strong[0]["input"] == "packages.json" and strong[0]["package"] == "com.wifi0"


def test_androidqf_negative_has_no_alert_but_heuristics(run_cli, case, shared_data, samples) -> None:
    rows = check(run_cli, case, shared_data, samples / "android-androidqf" / "packages.json")
    assert summary(rows) == set()
    sideloaded = sorted(r["package"] for r in rows if r["kind"] == "sideloaded")
    assert sideloaded == [
        "app.revanced.manager.flutter",
        "com.google.android.youtube",
        "com.whatsapp",
        "org.fdroid.fdroid",
        "org.nuclearfog.apollo",
    ]
    assert all(r["strength"] == "context" for r in rows)


def test_androidqf_folder_root_binaries(run_cli, case, shared_data, samples) -> None:
    rows = check(run_cli, case, shared_data, samples / "android-androidqf")
    assert summary(rows) == set()
    assert len([r for r in rows if r["kind"] == "root" and r["matched_by"] == "file"]) == 4


def test_pm_list_spylive360_and_life360(run_cli, case, shared_data, samples) -> None:
    rows = check(
        run_cli, case, shared_data, samples / "android-pm-list" / "synthetic_pm_list_packages_f_i_U.txt"
    )
    assert summary(rows) == {
        ("stalkerware", "strong", "SpyLive360", "package"),
        ("monitoring_app", "check_consent", "Life360", "package"),
    }
    assert [r["explanation"] for r in rows if r["app"] == "Life360"] == [LIFE360]


def test_accessibility_device_admin_and_listener(run_cli, case, shared_data, samples) -> None:
    dumpsys = samples / "android-dumpsys"
    rows = check(
        run_cli,
        case,
        shared_data,
        dumpsys / "spytrap_accessibility_spylive360.txt",
        dumpsys / "synthetic_dumpsys_device_policy.txt",
        samples / "android-settings" / "synthetic_settings_list_secure.txt",
    )
    got = sorted((r["input"], r["kind"], r["strength"], r["package"]) for r in rows)
    assert got == [
        ("spytrap_accessibility_spylive360.txt", "accessibility_service", "strong", "com.wifi0"),
        ("synthetic_dumpsys_device_policy.txt", "device_admin", "strong", "com.wifi0"),
        ("synthetic_settings_list_secure.txt", "accessibility_service", "strong", "com.wifi0"),
        ("synthetic_settings_list_secure.txt", "notification_listener", "strong", "com.wifi0"),
        ("synthetic_settings_list_secure.txt", "protection_off", "context", ""),
    ]
    enabled_bound = next(r for r in rows if r["input"].startswith("spytrap"))["explanation"]
    assert enabled_bound.startswith("com.wifi0/com.wifi0.AccessibilityReceiver4 (enabled and bound)")


def test_benign_dumpsys_gives_nothing(run_cli, case, shared_data, samples) -> None:
    dumpsys = samples / "android-dumpsys"
    names = ["spytrap_accessibility_plain.txt", "spytrap_package_jitsi.txt", "mvt_dumpsys_accessibility.txt"]
    rows = check(run_cli, case, shared_data, *(dumpsys / n for n in names))
    assert summary(rows) == set()


def test_global_settings_protection_off(run_cli, case, shared_data, samples) -> None:
    rows = check(
        run_cli, case, shared_data, samples / "android-settings" / "synthetic_settings_list_global.txt"
    )
    assert sorted(r["explanation"].split(" (")[0] for r in rows) == [
        "Play Protect app scanning is turned off",
        "Play Protect's sending of unknown apps for checking is turned off",
        "USB debugging",
        "developer options are on",
    ]


def test_ios_watchware_that_mvt_misses(run_cli, case, shared_data, samples) -> None:
    rows = check(run_cli, case, shared_data, samples / "ios-backup" / "synthetic_Info_with_watchware.plist")
    assert summary(rows) == {
        ("monitoring_app", "check_consent", "Life360", "package"),
        ("monitoring_app", "check_consent", "FindMyKids", "package"),
    }


def test_ios_backup_and_app_list_benign(run_cli, case, shared_data, samples) -> None:
    backup = samples / "ios-backup" / "mvt_ios_backup"
    rows = check(run_cli, case, shared_data, backup / "Info.plist", backup / "Manifest.db")
    assert summary(rows) == set()
    apps = case.store.iter_items()
    assert (
        len(
            [
                i
                for i in apps
                if i.details.get("input_format") == "ios_manifest" and i.details["observation"] == "package"
            ]
        )
        == 107
    )
    rows = check(run_cli, case, shared_data, samples / "ios-installed-apps" / "isdi_ios_apps.plist")
    features = sorted(r["package"] for r in rows if r["kind"] == "location_feature")
    # Snapchat (Snap Map) was "check consent" from ISDI's dual-use list: a false alarm on an everyday app
    assert features == [
        "com.apple.family",
        "com.apple.mobileme.fmf1",
        "com.apple.mobileme.fmip1",
        "com.toyopagroup.picaboo",
    ]
    assert {r["package"] for r in rows if r["strength"] == "check_consent"} == {
        "com.TrackView",
        "com.isharing.iSharing-Lite",
    }
    assert all(r["strength"] != "strong" for r in rows)
    trackview = next(r["explanation"] for r in rows if r["package"] == "com.TrackView")
    assert trackview.startswith(
        "TrackView (com.TrackView) is on this iPhone. The Echap stalkerware list names TrackView as Android"
        " stalkerware; on an iPhone"
    )


@pytest.mark.parametrize("name", ["synthetic_dns.pcap", "synthetic_dnsmasq.log", "synthetic_zeek_dns.log"])
def test_network_logs_same_four_hits(run_cli, case, shared_data, samples, name) -> None:
    extra = ("--map", "year=2025") if name.endswith("dnsmasq.log") else ()
    result = run_cli(
        "device",
        "check",
        str(case.dir),
        str(samples / "network" / name),
        *extra,
        "--indicators",
        str(shared_data),
        "--json",
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert sorted((r["kind"], r["strength"], r["app"], r["matched_by"]) for r in rows) == [
        ("monitoring_server", "check_consent", "Life360", "domain"),
        ("stalkerware_server", "strong", "Snoopza", "domain"),
        ("stalkerware_server", "strong", "SpyLive360", "domain"),
        ("vendor_site", "weak", "Snoopza", "domain_suffix"),
    ]
    timed = [f for f in case.store.findings("device_indicator") if f.details.get("first_seen")]
    assert len(timed) == 4


def test_backup_and_bugreport_folders(run_cli, case, shared_data, samples) -> None:
    rows = check(
        run_cli,
        case,
        shared_data,
        samples / "ios-backup" / "mvt_ios_backup",
        samples / "android-bugreport" / "mvt_bugreport",
    )
    assert summary(rows) == set()
    assert [(r["input"], r["kind"], r["package"]) for r in rows] == [
        ("mvt_ios_backup.zip", "location_feature", "com.apple.findmy")
    ]
    parsers = {e.file_name: e.parser for e in case.store.exhibits()}
    assert parsers == {"mvt_ios_backup.zip": "device_ios", "mvt_bugreport.zip": "device_dumpsys"}


def test_dumpsys_package_permissions_and_install_time(run_cli, case, shared_data, samples) -> None:
    rows = check(run_cli, case, shared_data, samples / "android-dumpsys" / "spytrap_package_spylive360.txt")
    strong = [r for r in rows if r["strength"] == "strong"]
    assert [r["explanation"] for r in strong] == [
        "An app with the package id listed for SpyLive360 (com.wifi0) is installed. SpyLive360 is listed as"
        " stalkerware in the Echap stalkerware list — software sold to secretly monitor another person's"
        " messages, location and calls. First installed 2021-12-15 17:51:52 (the phone's clock). It asks for"
        " location, location in the background, SMS, contacts, call log, camera, drawing over other apps,"
        " starting at boot, browser history, microphone, accessibility, all files; granted when the dump was"
        " taken: starting at boot, browser history. Matched by its package name only: another app can use the"
        " same id; its signing certificate or APK hash (in androidqf's packages.json) would show whether it is"
        " SpyLive360. Do not remove it yet: that may alert the person responsible; preserve the evidence"
        " first."
    ]
    (item,) = [i for i in case.store.iter_items() if i.details.get("package") == "com.wifi0"]
    assert (item.sent_at_raw, item.sent_at_utc) == ("2021-12-15 17:51:52", "2021-12-15T17:51:52Z")


def test_human_output_gives_evidence_safety_snapshot_and_licence(run_cli, case, shared_data, samples) -> None:
    result = run_cli(
        "device",
        "check",
        str(case.dir),
        str(samples / "network" / "synthetic_zeek_dns.log"),
        "--indicators",
        str(shared_data),
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("Safety: do not remove the app or change settings yet")
    snoopza = lines.index("  [stalkerware_server] T/1 line 10 (synthetic_zeek_dns.log)")
    assert lines[snoopza + 2] == (
        "    Evidence: matched by domain; name api.snoopza.com; seen 1 time(s), at 2025-11-28T16:00:30Z (UTC)"
    )
    assert (
        "Indicator snapshot "
        + json.loads(run_cli("device", "indicators", "--indicators", str(shared_data), "--json").output)[
            "snapshot"
        ]
        + " (echap@a04c5c1958bff93fec3b1b56edbb412b209f2a38, isdi@6de92d147cf7933561c44501a41d983cc8a5bd1a,"
        " tinycheck@4f989dcd94fa8d8bcb89a3f1f5d8ee4815392410)"
    ) in lines
    assert "Stalkerware indicators by Echap (AssoEchap/stalkerware-indicators), CC-BY 4.0" in lines[-1]


def test_json_rows_carry_times_snapshot_licence_and_safety(run_cli, case, shared_data, samples) -> None:
    rows = check(run_cli, case, shared_data, samples / "network" / "synthetic_dns.pcap")
    spy = next(r for r in rows if r["app"] == "SpyLive360")
    assert (spy["domain"], spy["count"], spy["first_seen"] == spy["last_seen"]) == (
        "s2.spylive360.com",
        1,
        True,
    )
    assert spy["indicator_commits"] == [
        "echap@a04c5c1958bff93fec3b1b56edbb412b209f2a38",
        "isdi@6de92d147cf7933561c44501a41d983cc8a5bd1a",
        "tinycheck@4f989dcd94fa8d8bcb89a3f1f5d8ee4815392410",
    ]
    assert len(spy["indicator_snapshot"]) == 64
    assert (
        "Stalkerware indicators by Echap (AssoEchap/stalkerware-indicators), CC-BY 4.0" in spy["attribution"]
    )
    assert spy["safety"].startswith("Safety: do not remove the app or change settings yet")


def test_android_14_accessibility_layout(run_cli, case, shared_data, samples) -> None:
    rows = check(
        run_cli, case, shared_data, samples / "android-dumpsys" / "mvt_dumpsys_accessibility_v14_or_later.txt"
    )
    assert [(r["kind"], r["strength"], r["package"]) for r in rows] == [
        ("accessibility_service", "context", "com.malware.accessibility")
    ]
    assert rows[0]["explanation"].startswith(
        "com.malware.accessibility/com.malware.service.malwareservice (enabled and bound) can read everything"
    )
