"""A damaged line in a section the device check reads is a warning with its raw text, never skipped silently."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from footprint.device.android import UNREADABLE_ADMIN, UNREADABLE_SETTING
from tests.conftest import DATA, Parsed
from tests.device.test_device_parsers import pack

POLICY = DATA / "device_dumpsys" / "device_policy.txt"
SETTINGS = DATA / "device_settings" / "settings_secure.txt"
GMS = "Device administrator enabled: com.google.android.gms/com.google.android.gms.mdm.receivers.MdmDeviceAdminReceiver"


def _damaged(source: Path, target: Path, old: bytes, new: bytes) -> Path:
    data = source.read_bytes()
    assert data.count(old) == 1
    target.write_bytes(data.replace(old, new))
    return target


def test_a_nul_in_an_admin_line_is_a_warning(tmp_path: Path, parse_file: Callable[..., Parsed]) -> None:
    path = _damaged(POLICY, tmp_path / "dp.txt", b"    com.example.spy/", b"    com\x00.example.spy/")
    parsed = parse_file("device_dumpsys", path)
    assert [i.text for i in parsed.items] == [GMS]
    assert [(w.locator, w.message, w.raw) for w in parsed.warnings] == [
        ("line 3", UNREADABLE_ADMIN, "    com\u2400.example.spy/com.example.spy.AdminReceiver:")
    ]


def test_a_flipped_byte_in_an_admin_line_is_a_warning(
    tmp_path: Path, parse_file: Callable[..., Parsed]
) -> None:
    path = _damaged(POLICY, tmp_path / "dp.txt", b"com.example.spy/com", b"com.example.spy?com")
    parsed = parse_file("device_dumpsys", path)
    assert [i.text for i in parsed.items] == [GMS]
    assert [(w.locator, w.raw) for w in parsed.warnings] == [
        ("line 3", "    com.example.spy?com.example.spy.AdminReceiver:")
    ]


def test_a_damaged_settings_key_is_a_warning(tmp_path: Path, parse_file: Callable[..., Parsed]) -> None:
    for number, new in enumerate(
        (b"en\x00abled_accessibility_services=", b"enabled_accessibility_servic3s=")
    ):
        path = _damaged(SETTINGS, tmp_path / f"s{number}.txt", b"enabled_accessibility_services=", new)
        parsed = parse_file("device_settings", path)
        assert [i.text for i in parsed.items] == [
            "Notification listener enabled: com.example.notes/com.example.notes.Listener",
            "Setting install_non_market_apps = 0",
        ]
        raw = new.decode().replace("\x00", "\u2400") + "com.example.spy/com.example.spy.Access:com.google"
        ((locator, message, stored),) = [(w.locator, w.message, w.raw) for w in parsed.warnings]
        assert (locator, message, stored[: len(raw)]) == ("line 2", UNREADABLE_SETTING, raw)


def test_an_androidqf_settings_warning_names_its_member(
    tmp_path: Path, parse_file: Callable[..., Parsed]
) -> None:
    folder = tmp_path / "androidqf"
    shutil.copytree(DATA / "device_android" / "androidqf", folder)
    (member,) = sorted(p.name for p in folder.glob("settings_*.txt"))
    data = (folder / member).read_bytes()
    (folder / member).write_bytes(b"adb_enab\x00led=1\n" + data)
    parsed = parse_file("device_androidqf", pack(folder, tmp_path / "androidqf.zip"))
    assert [(w.locator, w.message, w.raw) for w in parsed.warnings] == [
        (f"androidqf/{member} line 1", UNREADABLE_SETTING, "adb_enab\u2400led=1")
    ]
