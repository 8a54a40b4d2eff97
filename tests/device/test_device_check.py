"""Graded device findings from single observations: the evidence named in the explanation."""

from __future__ import annotations

from pathlib import Path

from footprint.device.check import check_package
from footprint.device.indicators import load_indicators
from tests.conftest import DATA


def test_snapchat_is_a_location_feature_not_a_dual_use_alert(tmp_path: Path) -> None:
    (tmp_path / "app-flags.csv").write_text(
        "appId,store,flag,title\ncom.toyopagroup.picaboo,appstore,dual-use,Snapchat\n"
        "com.example.finder,playstore,dual-use,Example Finder\n",
        encoding="latin-1",
    )
    index = load_indicators(tmp_path)
    (snap,) = check_package(index, {"package": "com.toyopagroup.picaboo", "platform": "ios"})
    # was: "check consent: a dual-use app in the ISDI app list", a false alarm on an everyday app
    assert (snap.kind, snap.strength, snap.explanation) == (
        "location_feature",
        "context",
        "Snapchat (Snap Map) (com.toyopagroup.picaboo) has a location-sharing feature; it is not an alert."
        " Review who it shares her location with (a shared account, a family group or friends).",
    )
    (finder,) = check_package(index, {"package": "com.example.finder"})
    assert (finder.kind, finder.strength) == ("monitoring_app", "check_consent")


def test_certificate_match_and_install_time_are_in_the_explanation() -> None:
    index = load_indicators(DATA / "device_indicators")
    found = check_package(
        index,
        {
            "package": "com.example.renamed",
            "cert_sha1": "AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12",
            "first_install": "2024-02-01 21:14:05",
            "installer": "com.android.vending",
            "system": "no",
        },
    )
    # was: "Matched by its signing certificate." with neither the certificate nor the install time
    assert [f.explanation for f in found] == [
        "ExampleSpy (com.example.renamed) is on this phone. It is listed as stalkerware in the Echap"
        " stalkerware list — software sold to secretly monitor another person's messages, location and"
        " calls. First installed 2024-02-01 21:14:05 (the phone's clock). Matched by its signing certificate"
        " (SHA-1 AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12). Do not remove it yet: that may alert the person"
        " responsible; preserve the evidence first."
    ]


def test_one_app_matched_by_package_and_certificate_is_one_finding_with_both_reasons() -> None:
    # was two strong findings for the same app at the same place, one per way it matched
    index = load_indicators(DATA / "device_indicators")
    found = check_package(
        index,
        {
            "package": "com.example.spy",
            "cert_sha1": "AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12",
            "installer": "com.android.vending",
            "system": "no",
        },
    )
    assert [(f.kind, f.strength, f.app, f.matched_by) for f in found] == [
        ("stalkerware", "strong", "ExampleSpy", "package, certificate")
    ]
    assert found[0].explanation == (
        "ExampleSpy (com.example.spy) is on this phone. It is listed as stalkerware in the Echap stalkerware"
        " list — software sold to secretly monitor another person's messages, location and calls. Matched by"
        " its package name and its signing certificate (SHA-1 AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12)."
        " Do not remove it yet: that may alert the person responsible; preserve the evidence first."
    )


def test_a_package_name_match_alone_says_only_that_the_listed_id_is_installed() -> None:
    # was "ExampleSpy (com.example.spy) is on this phone" with matched_by "package" only: any app can
    # use a package id; only its certificate or APK hash shows it is the product (device-check.md §1, §5)
    index = load_indicators(DATA / "device_indicators")
    (found,) = check_package(index, {"package": "com.example.spy", "installer": "com.android.vending"})
    assert (found.kind, found.strength, found.matched_by) == ("stalkerware", "strong", "package")
    assert found.explanation == (
        "An app with the package id listed for ExampleSpy (com.example.spy) is installed. ExampleSpy is"
        " listed as stalkerware in the Echap stalkerware list — software sold to secretly monitor another"
        " person's messages, location and calls. Matched by its package name only: another app can use the"
        " same id; its signing certificate or APK hash (in androidqf's packages.json) would show whether it"
        " is ExampleSpy. Do not remove it yet: that may alert the person responsible; preserve the evidence"
        " first."
    )


def test_no_recorded_installer_says_what_the_record_shows_and_what_it_might_mean() -> None:
    # was: "it was put on the phone by a computer (adb)", more than the record shows
    index = load_indicators(DATA / "device_indicators")
    (found,) = check_package(index, {"package": "com.whatsapp", "installer": "null", "system": "no"})
    assert (found.kind, found.strength, found.matched_by) == ("sideloaded", "context", "installer")
    assert found.explanation == (
        "com.whatsapp has no recorded installer: the phone's record does not say how it was installed. It"
        " may have been put on the phone from a computer (adb) or by another tool, restored from a backup, or"
        " preinstalled by the maker or the network. Stalkerware is usually installed by someone with the"
        " phone in their hands; on its own this proves nothing."
    )


def test_the_keyboard_is_a_powerful_access(tmp_path: Path) -> None:
    from footprint.device.android import settings
    from footprint.device.check import check_observation

    index = load_indicators(DATA / "device_indicators")
    text = (
        "default_input_method=com.example.spy/com.example.spy.Keys\n"
        "default_input_method=com.example.keys/.KeyboardService\n"
        "default_input_method=com.google.android.inputmethod.latin/com.android.inputmethod.latin.LatinIME\n"
    )
    observations = list(settings(text, "settings_secure.txt"))
    # was: read as a plain setting and never checked (the reference's powerful-access audit lists the IME)
    assert [o.details["observation"] for o in observations] == ["input_method"] * 3
    found = [f for o in observations for f in check_observation(index, o.details)]
    assert [(f.kind, f.strength, f.package, f.explanation) for f in found] == [
        (
            "input_method",
            "strong",
            "com.example.spy",
            "com.example.spy/com.example.spy.Keys is the keyboard: it sees everything she types, passwords and"
            " messages included. Its package id is listed for ExampleSpy, which is stalkerware; if the app is"
            " ExampleSpy (its signing certificate or APK hash would show it), this access is how it could"
            " watch her. Do not remove it yet: that may alert the person responsible; preserve the evidence"
            " first.",
        ),
        (
            "input_method",
            "context",
            "com.example.keys",
            "com.example.keys/.KeyboardService is the keyboard: it sees everything she types, passwords and"
            " messages included. Monitoring apps need this access; check that she recognises the app and"
            " turned it on herself. Do not remove it yet: that may alert the person responsible; preserve the"
            " evidence first.",
        ),
    ]


def test_apk_hash_and_root_manager_packages() -> None:
    index = load_indicators(DATA / "device_indicators")
    found = check_package(
        index,
        {
            "package": "com.example.renamed",
            "apk_sha256": "e" * 64,
            "installer": "com.android.vending",
            "system": "no",
        },
    )
    assert [(f.kind, f.strength, f.app, f.matched_by) for f in found] == [
        ("stalkerware", "strong", "ExampleSpy", "apk_sha256")
    ]
    assert f"the SHA-256 of its APK file ({'E' * 64})" in found[0].explanation
    (root,) = check_package(
        index, {"package": "com.topjohnwu.magisk", "installer": "com.android.vending", "system": "no"}
    )
    assert (root.kind, root.strength, root.matched_by) == ("root", "context", "package")


def test_a_server_finding_says_lookup_or_connection_and_from_where() -> None:
    from footprint.device.check import check_domain

    index = load_indicators(DATA / "device_indicators")
    base = {"observation": "domain", "domain": "api.examplespy.example"}
    lookup = check_domain(index, {**base, "protocol": "dns_query", "client": "192.168.1.23"})
    connection = check_domain(index, {**base, "protocol": "tls_sni", "client": "192.168.1.23"})
    unknown = check_domain(index, base)
    # was: "The phone contacted ..." for a DNS lookup, without the address the lookup came from
    assert [f.explanation for f in lookup + connection + unknown] == [
        "The device at 192.168.1.23 looked up api.examplespy.example (DNS), a server used by ExampleSpy,"
        " which is stalkerware. This suggests the app was running on the phone or a device on the same"
        " network. Do not remove it yet: that may alert the person responsible; preserve the evidence first.",
        "The device at 192.168.1.23 connected to api.examplespy.example (TLS), a server used by ExampleSpy,"
        " which is stalkerware. This suggests the app was running on the phone or a device on the same"
        " network. Do not remove it yet: that may alert the person responsible; preserve the evidence first.",
        "The phone or a device on its network looked up api.examplespy.example, a server used by ExampleSpy,"
        " which is stalkerware. This suggests the app was running on the phone or a device on the same"
        " network. Do not remove it yet: that may alert the person responsible; preserve the evidence first.",
    ]


def test_a_connection_to_a_c2_address() -> None:
    from footprint.device.check import check_observation

    index = load_indicators(DATA / "device_indicators")
    assert (
        index.ips["192.0.2.10"][0].app == "ExampleSpy"
    )  # ioc.yaml spells the key `ip`, as two Echap entries do
    details = {
        "observation": "connection",
        "address": "192.0.2.10",
        "client": "192.168.1.23",
        "protocol": "tcp",
    }
    (found,) = check_observation(index, details)
    assert (found.kind, found.strength, found.app, found.matched_by, found.explanation) == (
        "stalkerware_server",
        "strong",
        "ExampleSpy",
        "ip",
        "The device at 192.168.1.23 connected to 192.0.2.10 (TCP), an address of a server used by ExampleSpy,"
        " which is stalkerware. This suggests the app was running on the phone or a device on the same"
        " network. Do not remove it yet: that may alert the person responsible; preserve the evidence first.",
    )
    assert check_observation(index, {**details, "address": "198.51.100.7"}) == []
