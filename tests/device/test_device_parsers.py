"""Device parsers on the synthetic fixtures: item counts, warnings, one complete record, sniffing."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from footprint.device import android
from footprint.device.check import check_package
from footprint.device.indicators import IndicatorIndex
from footprint.errors import FootprintError, ParseError, UnsupportedFormatError
from footprint.ingest import Source, parsers
from footprint.ingest.sniff import choose_parser
from tests.conftest import DATA, Parsed


def sniffed(path: Path) -> str:
    with Source(path) as source:
        return choose_parser(source).name


def pack(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*")):
            archive.write(file, f"{folder.name}/{file.relative_to(folder).as_posix()}")
    return target


@pytest.mark.parametrize(
    ("path", "parser"),
    [
        (DATA / "device_android" / "androidqf" / "packages.json", "device_androidqf"),
        (DATA / "device_pm_list" / "pm_list.txt", "device_pm_list"),
        (DATA / "device_dumpsys" / "device_policy.txt", "device_dumpsys"),
        (DATA / "device_dumpsys" / "package.txt", "device_dumpsys"),
        (DATA / "device_settings" / "settings_secure.txt", "device_settings"),
        (DATA / "device_ios" / "Info.plist", "device_ios"),
        (DATA / "device_network" / "dnsmasq.log", "device_dns_log"),
    ],
)
def test_sniffing_picks_the_device_parser(path: Path, parser: str) -> None:
    assert sniffed(path) == parser


def test_device_csv_needs_format_and_does_not_steal_other_csv() -> None:
    with Source(DATA / "device_network" / "lookups.csv") as source, pytest.raises(UnsupportedFormatError):
        choose_parser(source)


def test_device_parsers_do_not_claim_other_formats_fixtures() -> None:
    device = [cls for cls in parsers if cls.name.startswith("device_")]
    others = [
        p for p in DATA.rglob("*") if p.is_file() and not p.relative_to(DATA).parts[0].startswith("device_")
    ]
    assert others
    for path in others:
        with Source(path) as source:
            if source.is_zip:
                try:
                    source.members()
                except FootprintError:
                    continue
            claims = [(cls.name, cls.sniff(source).confidence) for cls in device]
        assert [c for c in claims if c[1] > 0] == [], path


def test_pm_list_paths_with_equals_and_a_warning(parse_file: Callable[..., Parsed]) -> None:
    parsed = parse_file("device_pm_list", DATA / "device_pm_list" / "pm_list.txt")
    assert [i.details["package"] for i in parsed.items] == [
        "com.example.spy",
        "com.example.notes",
        "com.example.familyfinder",
        "com.android.settings",
    ]
    assert [(w.locator, w.message) for w in parsed.warnings] == [("line 5", "not a `pm list packages` line")]
    first = parsed.items[0]
    assert first.kind == "device_finding" and first.locator == "line 1"
    assert first.details == {
        "input_format": "pm_list",
        "installer": "com.google.android.packageinstaller",
        "observation": "package",
        "package": "com.example.spy",
        "system": "no",
        "uid": "10101",
    }
    assert parsed.items[3].details["system"] == "yes"


def test_dumpsys_package_install_time_is_a_timeline_item(parse_file: Callable[..., Parsed]) -> None:
    parsed = parse_file("device_dumpsys", DATA / "device_dumpsys" / "package.txt")
    (item,) = parsed.items
    assert (
        item.text
        == "App installed: com.example.spy, installer com.android.packageinstaller; first installed 2023-03-14 09:15:00"
    )
    assert (item.sent_at_raw, item.sent_at_utc, item.tz_source) == (
        "2023-03-14 09:15:00",
        "2023-03-14T09:15:00Z",
        "assumed",
    )


def test_device_policy_admins(parse_file: Callable[..., Parsed]) -> None:
    parsed = parse_file("device_dumpsys", DATA / "device_dumpsys" / "device_policy.txt")
    assert [i.text for i in parsed.items] == [
        "Device administrator enabled: com.example.spy/com.example.spy.AdminReceiver",
        "Device administrator enabled: com.google.android.gms/com.google.android.gms.mdm.receivers.MdmDeviceAdminReceiver",
    ]


def test_settings_components(parse_file: Callable[..., Parsed]) -> None:
    parsed = parse_file("device_settings", DATA / "device_settings" / "settings_secure.txt")
    assert [i.text for i in parsed.items] == [
        "Accessibility service enabled: com.example.spy/com.example.spy.Access",
        "Accessibility service enabled: com.google.android.marvin.talkback/com.google.android.marvin.talkback.TalkBackService",
        "Notification listener enabled: com.example.notes/com.example.notes.Listener",
        "Setting install_non_market_apps = 0",
    ]


def test_androidqf_folder_zip(tmp_path: Path, parse_file: Callable[..., Parsed]) -> None:
    packed = pack(DATA / "device_android" / "androidqf", tmp_path / "androidqf.zip")
    assert sniffed(packed) == "device_androidqf"
    parsed = parse_file("device_androidqf", packed)
    observations = [i.details["observation"] for i in parsed.items]
    assert (
        observations
        == ["property", "property", "package", "package", "package", "root_binary"] + ["setting"] * 2
    )
    spy = parsed.items[3]
    assert spy.locator == "androidqf/packages.json[1]"
    assert spy.details["cert_sha1"] == "AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12"
    assert "apk_sha256" not in spy.details  # all-zero hashes are placeholders, not evidence


def test_ios_info_plist_and_manifest(tmp_path: Path, parse_file: Callable[..., Parsed]) -> None:
    parsed = parse_file("device_ios", DATA / "device_ios" / "Info.plist")
    assert [i.text for i in parsed.items] == [
        "iOS app present: com.example.familyfinder.ios",
        "iOS app present: com.apple.findmy",
        "iOS app present: net.whatsapp.WhatsApp",
        "iOS backup made (iPhone12,1 16.3)",
    ]
    assert parsed.items[-1].sent_at_utc == "2023-03-14T10:00:00Z"
    db = tmp_path / "Manifest.db"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, file BLOB)"
        )
        conn.execute(
            "INSERT INTO Files VALUES ('a1', 'AppDomain-com.example.familyfinder.ios', 'Library', 2, NULL)"
        )
        conn.execute("INSERT INTO Files VALUES ('b2', 'HomeDomain', 'Library/Prefs.plist', 1, NULL)")
        profiles = "SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles"
        conn.execute(
            "INSERT INTO Files VALUES ('c3', ?, 'Library/ConfigurationProfiles/MCMeta.plist', 1, NULL)",
            (profiles,),
        )
        conn.execute(
            "INSERT INTO Files VALUES ('d4', ?, 'Library/ConfigurationProfiles/profile-1a2b.stub', 1, NULL)",
            (profiles,),
        )
    assert sniffed(db) == "device_ios"
    parsed = parse_file("device_ios", db)
    assert [i.details.get("package") for i in parsed.items] == ["com.example.familyfinder.ios", None]
    assert parsed.items[1].text == "Configuration profiles installed (1)"


def test_malformed_plist_is_a_clear_error(parse_file: Callable[..., Parsed]) -> None:
    with pytest.raises(ParseError) as err:
        parse_file("device_ios", DATA / "device_ios" / "malformed.plist")
    assert str(err.value) == (
        "malformed.plist: not a readable property list (ExpatError); the file may be damaged —"
        " copy it from the backup again"
    )


def test_dnsmasq_year_is_asked_for(parse_file: Callable[..., Parsed]) -> None:
    path = DATA / "device_network" / "dnsmasq.log"
    without = parse_file("device_dns_log", path)
    assert [i.sent_at_utc for i in without.items] == [None] * 4
    assert without.ctx.decisions["year"].startswith("not given")
    given = parse_file("device_dns_log", path, column_map={"year": "2023"})
    assert [i.sent_at_utc for i in given.items] == [
        "2023-03-14T09:20:00Z",
        "2023-03-14T09:21:00Z",
        "2023-03-14T09:22:00Z",
        "2023-03-14T09:23:00Z",
    ]
    assert given.items[2].details["domain"] == "cdn.examplespy.example"


def test_dns_csv(parse_file: Callable[..., Parsed]) -> None:
    parsed = parse_file("device_dns_csv", DATA / "device_network" / "lookups.csv")
    assert [(i.details["domain"], i.sent_at_utc) for i in parsed.items] == [
        ("locate.familyfinder.example", "2023-03-14T09:20:00Z"),
        ("news.example.org", "2023-03-14T09:21:00Z"),
    ]
    assert [(w.locator, w.message) for w in parsed.warnings] == [("line 4", "no domain name in this row")]


def test_ios_info_plist_applications_key(tmp_path: Path, parse_file: Callable[..., Parsed]) -> None:
    import plistlib

    info = tmp_path / "Info.plist"
    info.write_bytes(
        plistlib.dumps(
            {
                "Installed Applications": ["net.whatsapp.WhatsApp"],
                "Applications": {
                    "com.example.familyfinder.ios": {"iTunesMetadata": b""},
                    "net.whatsapp.WhatsApp": {},
                },
            }
        )
    )
    parsed = parse_file("device_ios", info)
    assert [(i.locator, i.details["package"]) for i in parsed.items] == [
        ("Installed Applications[0]", "net.whatsapp.WhatsApp"),
        ("Applications[com.example.familyfinder.ios]", "com.example.familyfinder.ios"),
    ]


FULL_PM = (
    "package:/data/app/~~Zm9v==/com.example.notes-YmFy==/base.apk=com.example.notes"
    "  installer=com.android.vending uid:10100\n"
    "package:/data/app/~~==/com.example.maps-==/base.apk=com.example.maps  installer=com.android.vending"
    " uid:10102\n"
)


def test_a_pm_list_line_cut_short_is_a_warning_not_an_app() -> None:
    # `head -c 900` of a listing ended "...base.apk=c": that had become an app with the package id "c".
    cut = "package:/data/app/~~Zm9vYmFy==/com.wifi0-dGVzdA==/base.apk=c"
    warnings: list[tuple[str, str, str]] = []
    found = list(android.pm_list(FULL_PM + cut, "pm.txt", warnings))
    assert [o.details["package"] for o in found] == ["com.example.notes", "com.example.maps"]
    assert warnings == [
        (
            "line 3",
            "not in the form of the other lines (`package:PATH=NAME  installer=X uid:N`): it may have been"
            " cut short, so it is not read as an app; save the list again",
            cut,
        )
    ]


def test_a_pm_list_without_an_installer_column_says_so_once_and_marks_no_app_sideloaded() -> None:
    # `pm list packages -f` without -i: every app, Play Store ones included, had "no recorded installer".
    text = (
        "package:/data/app/~~==/com.whatsapp-==/base.apk=com.whatsapp\n"
        "package:/data/app/~~==/org.fdroid.fdroid-==/base.apk=org.fdroid.fdroid\n"
    )
    warnings: list[tuple[str, str, str]] = []
    found = list(android.pm_list(text, "pm.txt", warnings))
    assert [o.details for o in found] == [
        {"observation": "package", "package": p, "input_format": "pm_list", "system": "no"}
        for p in ("com.whatsapp", "org.fdroid.fdroid")
    ]
    assert warnings == [("line 1", android.NO_INSTALLER_COLUMN, "")]
    assert "installers" in android.NO_INSTALLER_COLUMN and "-i" in android.NO_INSTALLER_COLUMN
    index = IndicatorIndex({}, {}, {}, {}, frozenset(), frozenset(), frozenset(), frozenset())
    assert [check_package(index, o.details) for o in found] == [[], []]
