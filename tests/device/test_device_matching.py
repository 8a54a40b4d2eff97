"""Matching that neither misses stalkerware nor calls ordinary apps stalkerware (review of the device check).

Each test names the reviewer's defect it pins: published signing keys (2), the allow-list against exact
servers (3), shared CDN addresses (4), label priority between sources (5), allow-listed package ids
(6), ISDI's iOS team ids (10) and vendor websites listed as servers (12).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.case import Case
from footprint.device.check import check_address, check_domain, check_package
from footprint.device.indicators import IndicatorIndex
from footprint.device.snapshot_file import load_snapshot
from tests.device.conftest import summary
from tests.device.test_device_network import client_hello, ethernet, ipv4, pcap, syn

TESTKEY = "61ED377E85D386A8DFEE6B864BD85B0BFAA5AF81"  # the AOSP testkey: its private key is public
SPY_CERT = "AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12"
DO_NOT_REMOVE = "Do not remove it yet: that may alert the person responsible; preserve the evidence first."
IOC = """\
- name: ExampleSpy
  type: stalkerware
  packages: [com.example.spy]
  certificates: [AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12]
  websites: [www.examplespy.example, examplespy.example]
  c2:
    domains: [api.examplespy.example, www.examplespy.example, spy-media.s3.amazonaws.com]
    ips: [104.18.54.129, 192.0.2.10]
- name: RebrandSpy
  type: stalkerware
  packages: [com.example.rebrand]
- name: ThirdSpy
  type: stalkerware
  packages: [com.example.third]
"""
WATCHWARE = """\
- name: FamilyWatch
  type: watchware
  packages: [com.example.familywatch]
"""
SAMPLES = f"""\
SHA256,Package Name,Certificate,Version,App
{"A" * 64},com.example.spy,{TESTKEY},1,ExampleSpy
{"B" * 64},com.example.rebrand,{TESTKEY},1,RebrandSpy
{"C" * 64},com.example.spy,1111111111111111111111111111111111111111,1,ExampleSpy
{"D" * 64},com.example.rebrand,1111111111111111111111111111111111111111,1,RebrandSpy
{"E" * 64},com.example.third,1111111111111111111111111111111111111111,1,ThirdSpy
{"F" * 64},com.example.rebrand,2222222222222222222222222222222222222222,1,RebrandSpy
{"9" * 64},com.example.spy,2222222222222222222222222222222222222222,1,ExampleSpy
"""
ISDI = """\
appId,store,flag,title
com.example.familywatch,playstore,spyware,
com.example.accountable,playstore,spyware,
com.example.accountable,appstore,dual-use,Accountable Example
sys.framework.example,offstore,spyware,Update service
recordcall.automatic.nermo,playstore,dual-use,Auto Call Recorder Hidden Free
androidlab.allcall,playstore,dual-use,All Call Recorder
5ZPN38G6GE.com.trailbehind.GaiaGPS,appstore,dual-use,Gaia GPS Classic
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "indicators"
    root.mkdir()
    (root / "ioc.yaml").write_text(IOC, encoding="utf-8")
    (root / "watchware.yaml").write_text(WATCHWARE, encoding="utf-8")
    (root / "samples.csv").write_text(SAMPLES, encoding="utf-8")
    (root / "app-flags.csv").write_text(ISDI, encoding="latin-1")
    (root / "allowlist.yaml").write_text(
        "domains: [amazonaws.com, cdn.examplespy.example]\n", encoding="utf-8"
    )
    return root


# --- 2: published platform / test keys and keys shared by many apps ---------------------------------


def test_a_published_or_widely_shared_signing_key_is_never_an_indicator(index: IndicatorIndex) -> None:
    # was: the AOSP testkey from samples.csv was indexed, so a system calculator signed with it read
    # "AllTracker (com.android.calculator2) is on this phone"
    assert TESTKEY not in index.certificates
    assert "1" * 40 not in index.certificates  # given for three different apps in the sources
    assert {a.app for a in index.certificates["2" * 40]} == {"ExampleSpy", "RebrandSpy"}  # a rebrand: kept
    calculator = {
        "package": "com.android.calculator2",
        "cert_sha1": TESTKEY.lower(),
        "installer": "null",
        "system": "yes",
    }
    assert check_package(index, calculator) == []


def test_the_builtin_snapshot_holds_no_published_key() -> None:
    # was: 61ED…AF81 listed for AllTracker, AndroidMonitor, CatWatchful, Cerberus and five more
    certificates = load_snapshot().certificates
    assert TESTKEY not in certificates
    assert all(len({a.app.lower() for a in apps}) < 3 for apps in certificates.values())


# --- 3: the allow-list never hides an exact server ----------------------------------------------------


def test_the_allow_list_never_hides_an_exact_server_and_only_covers_parent_matches(
    index: IndicatorIndex,
) -> None:
    def check(name: str) -> list[tuple[str, str, str, str]]:
        return summary(check_domain(index, {"observation": "domain", "domain": name}))

    # was: nothing at all, because amazonaws.com is allow-listed
    assert check("spy-media.s3.amazonaws.com") == [("stalkerware_server", "strong", "ExampleSpy", "domain")]
    # the listed name is more specific than the allow-listed one: still a (weak) parent match
    assert check("eu.spy-media.s3.amazonaws.com") == [("vendor_site", "weak", "ExampleSpy", "domain_suffix")]
    assert check("other-bucket.s3.amazonaws.com") == []
    # an allow-listed name at or below the listed parent covers it
    assert check("img.cdn.examplespy.example") == []
    assert check("shop.examplespy.example") == [("vendor_site", "weak", "ExampleSpy", "domain_suffix")]


def test_exact_stalkerware_servers_on_allow_listed_services_are_found_in_the_builtin_snapshot() -> None:
    index = load_snapshot()
    names = {
        "mtechn.zendesk.com": "mSpy",
        "d2nipadu1fr4ne.cloudfront.net": "Spylix",
        "spytrac-app1.s3.amazonaws.com": "KidsShield",
        "pctattletalev2.s3.amazonaws.com": "pcTattletale",
    }
    found = {name: summary(check_domain(index, {"observation": "domain", "domain": name})) for name in names}
    # was: [] for each (TinyCheck allow-lists zendesk.com, cloudfront.net and amazonaws.com)
    assert found == {name: [("stalkerware_server", "strong", app, "domain")] for name, app in names.items()}


# --- 4: shared CDN addresses ---------------------------------------------------------------------------


def test_an_address_on_a_shared_cdn_is_weak_alone_and_nothing_when_another_site_was_asked_for(
    index: IndicatorIndex,
) -> None:
    base = {"observation": "connection", "address": "104.18.54.129", "client": "192.168.1.23"}
    (alone,) = check_address(index, base)
    # was: strong "stalkerware_server … This suggests the app was running"
    assert summary([alone]) == [("shared_address", "weak", "ExampleSpy", "ip")]
    assert alone.explanation == (
        "The device at 192.168.1.23 connected to 104.18.54.129 (TCP), an address the indicators list for a"
        " server of ExampleSpy, which is stalkerware. The address is on Cloudflare's shared network, which"
        " serves many unrelated websites, and the capture does not show which site was asked for: on its own"
        " this is weak evidence."
    )
    assert check_address(index, {**base, "hosts": "www.example-bakery.co.uk"}) == []
    (named,) = check_address(index, {**base, "hosts": "www.example-bakery.co.uk,api.examplespy.example"})
    assert summary([named]) == [("stalkerware_server", "strong", "ExampleSpy", "ip")]
    assert named.explanation.startswith(
        "The device at 192.168.1.23 connected to 104.18.54.129 (TCP) asking for api.examplespy.example (TLS),"
        " an address and name of a server used by ExampleSpy, which is stalkerware."
    )
    # an address of the app's own server (not a shared range) stays strong by itself
    (own,) = check_address(index, {**base, "address": "192.0.2.10"})
    assert summary([own]) == [("stalkerware_server", "strong", "ExampleSpy", "ip")]


def tls_to(destination: bytes, host: str) -> bytes:
    tcp = struct.pack("!HHIIBBHHH", 50001, 443, 8, 1, 5 << 4, 0x18, 65535, 0, 0)
    packet = bytearray(ipv4(6, tcp + client_hello(host)))
    packet[16:20] = destination
    return ethernet(bytes(packet))


def test_a_capture_showing_a_bakery_on_a_cloudflare_address_gives_no_stalkerware_finding(
    run_cli: Callable[..., Result], case: Case, folder: Path, tmp_path: Path
) -> None:
    cloudflare = bytes([104, 18, 54, 129])
    capture = tmp_path / "cloudflare.pcap"
    capture.write_bytes(pcap([syn(cloudflare), tls_to(cloudflare, "www.example-bakery.co.uk")]))
    result = run_cli("device", "check", str(case.dir), str(capture), "--indicators", str(folder), "--json")
    # was: one strong stalkerware_server finding for iKeyMonitor's listed Cloudflare address
    assert '"findings": []' in result.output
    alone = tmp_path / "syn-only.pcap"
    alone.write_bytes(pcap([syn(cloudflare)]))
    result = run_cli("device", "check", str(case.dir), str(alone), "--indicators", str(folder), "--json")
    assert [(r["kind"], r["strength"]) for r in map(_json, result.output.splitlines())] == [
        ("shared_address", "weak")
    ]


def _json(line: str) -> dict[str, object]:
    import json

    loaded = json.loads(line)
    assert isinstance(loaded, dict)
    return loaded


# --- 5: label priority between sources -----------------------------------------------------------------


def test_echap_watchware_is_not_outranked_by_an_isdi_spyware_flag(index: IndicatorIndex) -> None:
    (found,) = check_package(
        index, {"package": "com.example.familywatch", "installer": "com.android.vending"}
    )
    # was: strong "spyware … software sold to secretly monitor another person" (ISDI ranked first)
    assert summary([found]) == [("monitoring_app", "check_consent", "FamilyWatch", "package")]
    assert found.explanation == (
        "An app with the package id listed for FamilyWatch (com.example.familywatch) is installed. FamilyWatch"
        " is a monitoring app (watchware) in the Echap stalkerware list: it can share location or activity"
        " with someone else. The ISDI app list labels it spyware. That can be legitimate (family sharing,"
        " parental control or accountability software); check whether she knew of it and agreed. Matched by"
        " its package name only: another app can use the same id; its signing certificate or APK hash (in"
        " androidqf's packages.json) would show whether it is FamilyWatch. " + DO_NOT_REMOVE
    )


def test_isdi_spyware_in_an_app_store_asks_for_consent_and_off_store_stays_strong(
    index: IndicatorIndex,
) -> None:
    (store,) = check_package(
        index, {"package": "com.example.accountable", "installer": "com.android.vending"}
    )
    # the row has no title: another row's title names it (was: the package id)
    assert summary([store]) == [("monitoring_app", "check_consent", "Accountable Example", "package")]
    assert "sold to secretly monitor" not in store.explanation
    assert store.explanation.startswith(
        "An app with the package id listed for Accountable Example (com.example.accountable) is installed."
        " Accountable Example is flagged as spyware, though sold in an app store as a monitoring app, in the"
        " ISDI app list: it can share location or activity with someone else. The ISDI app list labels it"
        " dual-use."
    )
    (covert,) = check_package(index, {"package": "sys.framework.example"})
    assert summary([covert]) == [("spyware", "strong", "Update service", "package")]


def test_family_safety_and_accountable2you_ask_for_consent_in_the_builtin_snapshot() -> None:
    index = load_snapshot()
    found = [
        f
        for package in ("com.microsoft.familysafety", "com.accountable2you.ap1")
        for f in check_package(index, {"package": package, "installer": "com.android.vending"})
    ]
    # was: both strong "spyware — software sold to secretly monitor another person"
    assert summary(found) == [
        ("monitoring_app", "check_consent", "MicrosoftFamilySafe", "package"),
        ("monitoring_app", "check_consent", "Accountable2you", "package"),
    ]
    assert all("The ISDI app list labels it spyware." in f.explanation for f in found)


# --- 6: an allow-listed package id answers only for the id --------------------------------------------


def test_an_allow_listed_package_id_does_not_hide_its_certificate_apk_hash_or_installer(
    index: IndicatorIndex,
) -> None:
    details = {
        "package": "com.samsung.accessibility",  # on Footprint's own allow-list
        "cert_sha1": SPY_CERT.lower(),
        "apk_sha256": "9" * 64,
        "installer": "com.google.android.packageinstaller",
        "system": "no",
    }
    # was: no finding at all
    assert summary(check_package(index, details)) == [
        ("stalkerware", "strong", "ExampleSpy", "certificate, apk_sha256"),
        ("sideloaded", "context", "com.samsung.accessibility", "installer"),
    ]
    assert summary(check_package(index, {**details, "cert_sha1": "", "apk_sha256": ""})) == [
        ("sideloaded", "context", "com.samsung.accessibility", "installer")
    ]


def test_a_built_in_location_feature_id_does_not_hide_a_stalkerware_certificate(
    index: IndicatorIndex,
) -> None:
    found = check_package(index, {"package": "com.google.android.apps.adm", "cert_sha1": SPY_CERT})
    assert summary(found) == [
        ("location_feature", "context", "Google Find My Device", "package"),
        ("stalkerware", "strong", "ExampleSpy", "certificate"),
    ]


# --- 10: ISDI team ids only on App Store rows ------------------------------------------------------------


def test_isdi_team_ids_are_removed_only_from_app_store_ids(index: IndicatorIndex) -> None:
    isdi = {k: [a.app for a in v] for k, v in index.packages.items() if v[0].source == "isdi"}
    # was: automatic.nermo, allcall and com.trailbehind.gaiagps (every ten-character first label removed)
    assert {k: v for k, v in isdi.items() if "call" in k or "gaia" in k} == {
        "recordcall.automatic.nermo": ["Auto Call Recorder Hidden Free"],
        "androidlab.allcall": ["All Call Recorder"],
        "com.trailbehind.gaiagps": ["Gaia GPS Classic"],
    }
    assert check_package(index, {"package": "allcall"}) == []


def test_the_builtin_snapshot_reads_android_ids_as_written() -> None:
    packages = load_snapshot().packages
    assert "allcall" not in packages and "automatic.nermo" not in packages
    assert [a.app for a in packages["recordcall.automatic.nermo"]] == ["Auto Call Recorder Hidden Free"]
    assert [a.app for a in packages["dsexton702.smsinvestigatorreceiver"]] == ["SMS Investigator Receiver"]
    assert "com.trailbehind.gaiagps" in packages


# --- 12: a vendor's public website listed as a server ---------------------------------------------------


def test_a_vendor_website_also_listed_as_a_server_is_weak(index: IndicatorIndex) -> None:
    details = {"observation": "domain", "domain": "www.examplespy.example", "client": "192.168.1.5"}
    (found,) = check_domain(index, details)
    # was: strong "… a server used by ExampleSpy … This suggests the app was running on the phone"
    assert summary([found]) == [("vendor_site", "weak", "ExampleSpy", "domain")]
    assert found.explanation == (
        "The device at 192.168.1.5 looked up www.examplespy.example (DNS), the public website of ExampleSpy"
        " (stalkerware), which the indicators also list as a server ExampleSpy uses. A browser visit to the"
        " seller's site looks the same, so on its own this shows only that someone visited the seller's"
        " site, not that the app was running."
    )


def test_a_vendor_website_lookup_is_strong_when_the_case_holds_other_evidence_of_the_app(
    run_cli: Callable[..., Result], case: Case, folder: Path, tmp_path: Path
) -> None:
    visit = tmp_path / "visit.csv"
    visit.write_text("timestamp,query,client\n2026-11-02T20:15:00Z,www.examplespy.example,192.168.1.5\n")
    args = ("--indicators", str(folder), "--format", "device_dns_csv", "--json")
    result = run_cli("device", "check", str(case.dir), str(visit), *args)
    assert [(r["kind"], r["strength"]) for r in map(_json, result.output.splitlines())] == [
        ("vendor_site", "weak")
    ]
    running = tmp_path / "running.csv"
    running.write_text("timestamp,query,client\n2026-11-02T20:16:00Z,api.examplespy.example,192.168.1.5\n")
    run_cli("device", "check", str(case.dir), str(running), *args)
    result = run_cli("device", "check", str(case.dir), str(visit), *args)
    (row,) = map(_json, result.output.splitlines())
    assert (row["kind"], row["strength"]) == ("stalkerware_server", "strong")
    assert str(row["explanation"]).endswith(
        "It is also the seller's public website, but other findings in this case point to ExampleSpy itself."
    )


def test_other_labels_are_named_only_for_the_app_the_package_id_matched(index: IndicatorIndex) -> None:
    found = check_package(index, {"package": "com.example.familywatch", "cert_sha1": SPY_CERT})
    assert summary(found) == [
        ("monitoring_app", "check_consent", "FamilyWatch", "package"),
        ("stalkerware", "strong", "ExampleSpy", "certificate"),
    ]
    assert ["labels it spyware" in f.explanation for f in found] == [True, False]
