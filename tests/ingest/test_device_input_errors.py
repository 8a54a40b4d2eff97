"""Device inputs of the wrong kind (or read with the wrong --format): each error names the file, the
place, what was expected and what to do next — the format that fits, or how to make the right export."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from footprint.errors import ParseError
from footprint.ingest import Source, parsers
from footprint.ingest.sniff import choose_parser
from tests.conftest import DATA, Parsed

PCAP = (
    "Expected a packet capture from the router or hotspot the phone used, saved as pcap or pcapng"
    " (e.g. `tcpdump -i wlan0 -w capture.pcap`, or Wireshark's File > Save As)."
)
IOS = (
    "Expected an iPhone backup folder made by Finder, iTunes or `idevicebackup2 backup` (an encrypted one"
    " decrypted with its password first), its Info.plist or Manifest.db, or the app list"
    " `ideviceinstaller -l -o xml` prints."
)
ENCRYPTED = (
    'not an SQLite database: the backup is encrypted ("Encrypt local backup") or damaged, so its app'
    " containers and configuration profiles cannot be read — decrypt a copy with the backup password"
    " (e.g. `mvt-ios decrypt-backup`, run separately with the owner's consent) and check the decrypted folder"
)


def error(parse_file: Callable[..., Parsed], parser: str, path: Path) -> str:
    with pytest.raises(ParseError) as err:
        parse_file(parser, path)
    return str(err.value)


def test_a_log_read_as_a_capture_names_the_bytes_and_the_format_that_fits(
    parse_file: Callable[..., Parsed],
) -> None:
    assert error(parse_file, "device_pcap", DATA / "device_network" / "dnsmasq.log") == (
        "dnsmasq.log, bytes 0-3: not a pcap or pcapng capture: it starts 4d 61 72 20, not a capture header. "
        + PCAP
        + " It looks like DNS query log: dnsmasq / Pi-hole (give the year with --map year=YYYY) or Zeek"
        " dns.log: pass --format device_dns_log, or leave --format out."
    )


def test_settings_read_as_a_package_list(parse_file: Callable[..., Parsed]) -> None:
    assert error(parse_file, "device_pm_list", DATA / "device_settings" / "settings_secure.txt") == (
        "settings_secure.txt: no `package:` lines. Expected the text `adb shell pm list packages -f -i -U`"
        " prints (save it with `adb shell pm list packages -f -i -U > packages.txt`). It looks like Android"
        " `settings list secure|global` and `getprop` output: pass --format device_settings, or leave"
        " --format out."
    )


def test_dumpsys_read_as_settings_is_refused_not_read_as_nothing(parse_file: Callable[..., Parsed]) -> None:
    # was: read as settings with no item and no warning, so the app in it was silently not checked
    assert error(parse_file, "device_settings", DATA / "device_dumpsys" / "package.txt") == (
        "package.txt: most lines are not `key=value` (settings) or `[property]: [value]` (getprop) lines."
        " Expected the text `adb shell settings list secure` or `settings list global` prints (e.g."
        " `adb shell settings list secure > settings_secure.txt`), or `adb shell getprop`. It looks like"
        " Android dumpsys output (package, accessibility, device_policy) or an adb bugreport zip: pass"
        " --format device_dumpsys, or leave --format out."
    )


def test_a_package_list_read_as_dumpsys_is_refused_not_read_as_nothing(
    parse_file: Callable[..., Parsed],
) -> None:
    assert error(parse_file, "device_dumpsys", DATA / "device_pm_list" / "pm_list.txt") == (
        "pm_list.txt: no dumpsys section (`DUMP OF SERVICE ...:`, `ACCESSIBILITY MANAGER`, `Current Device"
        " Policy Manager state` or `  Package [...]`). Expected the text `adb shell dumpsys package`,"
        " `dumpsys accessibility` or `dumpsys device_policy` prints (e.g. `adb shell dumpsys accessibility >"
        " accessibility.txt`), or the zip `adb bugreport` writes. It looks like Android `pm list packages -f"
        " -i -U` output: pass --format device_pm_list, or leave --format out."
    )


def test_one_file_of_an_androidqf_folder_asks_for_the_folder(
    tmp_path: Path, parse_file: Callable[..., Parsed]
) -> None:
    files = tmp_path / "files.json"
    files.write_text('[{"path": "/sdcard/a"}, {"path": "/sdcard/b"}]\n', encoding="utf-8")
    # was: read as packages.json with no item and no warning
    assert error(parse_file, "device_androidqf", files) == (
        'files.json: none of its 2 entries is a package (an object with a "name"). Expected an androidqf'
        " acquisition folder (check the whole folder androidqf wrote over USB debugging) or its"
        " packages.json. It looks like one file of an androidqf, bug-report or iPhone backup folder: check"
        " the whole folder instead."
    )
    assert error(parse_file, "device_pcap", files).endswith(
        PCAP + " It looks like one file of an androidqf, bug-report or iPhone backup folder: check the whole"
        " folder instead."
    )


def test_androidqf_packages_read_as_mvt_alerts(parse_file: Callable[..., Parsed]) -> None:
    # was: three "not an MVT alert" warnings and no item
    assert error(parse_file, "device_mvt", DATA / "device_android" / "androidqf" / "packages.json") == (
        'packages.json: none of its 3 entries is an MVT alert (an object with a "level"). Expected the'
        " alerts.json MVT writes with `--output DIR` (e.g. `mvt-android check-androidqf --output DIR`), run"
        " separately with the phone owner's consent. It looks like androidqf output: packages.json,"
        " dumpsys.txt, settings_*.txt, getprop.txt, root_binaries.json: pass --format device_androidqf, or"
        " leave --format out."
    )


def test_a_chat_read_as_an_ios_backup_is_sent_to_footprint_add(
    tmp_path: Path, parse_file: Callable[..., Parsed]
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("14/03/2023, 09:15 - Craig: where are you\n15/03/2023, 09:16 - Craig: answer\n")
    assert error(parse_file, "device_ios", chat) == (
        "chat.txt: not a readable property list (InvalidFileException). "
        + IOS
        + " It looks like WhatsApp 'Export chat' .txt or .zip (Android and iOS, 12/24 h, any date order)"
        " (`whatsapp`), which is not a phone-check input: add it with `footprint add` instead."
    )


def test_a_damaged_file_of_the_right_kind_keeps_its_own_advice(parse_file: Callable[..., Parsed]) -> None:
    assert error(parse_file, "device_ios", DATA / "device_ios" / "malformed.plist") == (
        "malformed.plist: not a readable property list (ExpatError); the file may be damaged — copy it from"
        " the backup again"
    )


def test_an_encrypted_manifest_db_says_how_to_decrypt(
    tmp_path: Path, parse_file: Callable[..., Parsed]
) -> None:
    manifest = tmp_path / "Manifest.db"
    manifest.write_bytes(b"\x8f\x12 encrypted " * 8)
    # was: "not a readable property list (InvalidFileException) ... copy it from the backup again"
    assert error(parse_file, "device_ios", manifest) == (
        f"Manifest.db: {ENCRYPTED}; or check the backup's Info.plist, which lists the installed apps"
        " unencrypted"
    )


def test_an_encrypted_backup_folder_reads_info_plist_and_warns(
    tmp_path: Path, parse_file: Callable[..., Parsed]
) -> None:
    backup = tmp_path / "backup.zip"
    with zipfile.ZipFile(backup, "w") as archive:
        archive.write(DATA / "device_ios" / "Info.plist", "backup/Info.plist")
        archive.writestr("backup/Manifest.db", b"\x8f\x12 encrypted " * 8)
        archive.writestr("backup/Manifest.plist", b"")
    parsed = parse_file("device_ios", backup)
    # was: a ParseError "not a readable backup Manifest.db (file is not a database); copy the backup again"
    assert len(parsed.items) == 4
    assert [(w.locator, w.message) for w in parsed.warnings] == [
        ("Manifest.db", f"{ENCRYPTED}; the apps Info.plist lists were read")
    ]


def test_dumpsys_of_a_service_not_checked_is_a_warning(
    tmp_path: Path, parse_file: Callable[..., Parsed]
) -> None:
    adb = tmp_path / "dumpsys_adb.txt"
    adb.write_text("DUMP OF SERVICE adb:\nADB MANAGER STATE (dumpsys adb):\n  debugging=true\n")
    parsed = parse_file("device_dumpsys", adb)
    assert parsed.items == []
    assert [(w.locator, w.message) for w in parsed.warnings] == [
        (
            "line 1",
            "no package, accessibility or device_policy section, so nothing in this dumpsys output was"
            " checked; save `adb shell dumpsys package`, `dumpsys accessibility` and `dumpsys device_policy`"
            " and check those",
        )
    ]


def test_accessibility_with_nothing_enabled_is_no_warning(
    tmp_path: Path, parse_file: Callable[..., Parsed]
) -> None:
    dump = tmp_path / "accessibility.txt"
    dump.write_text("ACCESSIBILITY MANAGER (dumpsys accessibility)\n\n  enabled services: {\n  }\n")
    parsed = parse_file("device_dumpsys", dump)
    assert (parsed.items, parsed.warnings) == ([], [])


def test_settings_with_none_checked_is_a_warning(tmp_path: Path, parse_file: Callable[..., Parsed]) -> None:
    system = tmp_path / "settings_system.txt"
    system.write_text("screen_brightness=102\nvolume_ring=5\n")
    parsed = parse_file("device_settings", system)
    assert parsed.items == []
    assert [(w.locator, w.message) for w in parsed.warnings] == [
        (
            "line 1",
            "none of the settings or properties Footprint checks is here (accessibility services,"
            " notification listeners, Play Protect, adb, developer options, unknown sources, security"
            " patch); save `adb shell settings list secure` and `settings list global` and check those",
        )
    ]


def test_androidqf_entries_that_are_not_packages_are_warnings(
    tmp_path: Path, parse_file: Callable[..., Parsed]
) -> None:
    packages = tmp_path / "packages.json"
    packages.write_text('[{"name": "com.example.notes", "installer": "com.android.vending"}, 7]\n')
    parsed = parse_file("device_androidqf", packages)
    # was: the second entry silently skipped
    assert [i.details["package"] for i in parsed.items] == ["com.example.notes"]
    assert [(w.locator, w.message, w.raw) for w in parsed.warnings] == [
        ("packages.json[1]", 'not a package (no "name")', "7")
    ]


FIXTURES = [
    DATA / "device_android" / "androidqf" / "packages.json",
    DATA / "device_pm_list" / "pm_list.txt",
    DATA / "device_dumpsys" / "package.txt",
    DATA / "device_dumpsys" / "device_policy.txt",
    DATA / "device_settings" / "settings_secure.txt",
    DATA / "device_ios" / "Info.plist",
    DATA / "device_network" / "dnsmasq.log",
    DATA / "device_mvt" / "alerts.json",
    DATA / "whatsapp" / "android_en-GB_24h.txt",
]
NEXT_STEPS = (
    ", or leave --format out.",
    "add it with `footprint add` instead.",
    "check the whole folder instead.",
    "Make the export again as described and check that file.",
)


@pytest.mark.parametrize("parser", sorted(p.name for p in parsers if p.name.startswith("device_")))
def test_every_device_format_on_every_other_kind_says_what_to_do(
    parser: str, parse_file: Callable[..., Parsed]
) -> None:
    for path in FIXTURES:
        with Source(path) as source:
            own = choose_parser(source).name
        if own == parser:
            parsed = parse_file(parser, path)
            assert parsed.items, path
            continue
        message = error(parse_file, parser, path)
        assert f"{path.name}" in message and ". Expected " in message, message
        assert message.endswith(NEXT_STEPS), message
