"""Device finding wording that fits the phone: an iPhone has no APK, and an updated system app was not
installed by hand (review defect 15)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from footprint.device import ios
from footprint.device.check import check_observation, check_package
from footprint.device.indicators import AppIndicator, IndicatorIndex

_EMPTY = IndicatorIndex({}, {}, {}, {}, frozenset(), frozenset(), frozenset(), frozenset())


def test_an_updated_system_app_is_not_said_to_be_installed_by_hand() -> None:
    # YouTube, preinstalled and updated from a file, read "was installed by hand from a downloaded file".
    details = {
        "observation": "package",
        "package": "com.google.android.youtube",
        "installer": "com.google.android.packageinstaller",
        "system": "yes",
    }
    (found,) = check_package(_EMPTY, details)
    assert (found.kind, found.strength) == ("sideloaded", "context")
    assert found.explanation == (
        "com.google.android.youtube is a preinstalled (system) app that was later updated from a downloaded"
        " file (installer com.google.android.packageinstaller), not from the phone's app store. Stalkerware"
        " is usually installed this way by someone with the phone in their hands; on its own this proves"
        " nothing."
    )


def test_an_iphone_finding_does_not_ask_for_an_apk_hash() -> None:
    life360 = AppIndicator(app="Life360", type="watchware", source="echap", platform="ios")
    index = IndicatorIndex(
        {"com.life360.safetymap": (life360,)}, {}, {}, {}, frozenset(), frozenset(), frozenset(), frozenset()
    )
    details = {"observation": "package", "package": "com.life360.safetymap", "platform": "ios"}
    (found,) = check_package(index, details)
    assert "APK" not in found.explanation and "androidqf" not in found.explanation
    assert (
        "Matched by its bundle identifier only: another app can use the same id; the app itself on the"
        " iPhone (its name and developer, and whether it came from the App Store) would show whether it is"
        " Life360."
    ) in found.explanation


def test_mdm_enrolment_files_in_an_iphone_backup_are_named(tmp_path: Path) -> None:
    # The configuration-profile finding counted profile-* files only; MDM.plist (reference §5 #6, "MDM
    # presence") was not mentioned. CloudConfigurationDetails.plist is in ordinary backups (MVT's sample).
    db = tmp_path / "Manifest.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE Files (fileID TEXT, domain TEXT, relativePath TEXT, flags INT, file BLOB)")
        domain = "SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles"
        for n, path in enumerate(
            (
                "Library/ConfigurationProfiles/profile-9f8e7d.stub",
                "Library/ConfigurationProfiles/MDM.plist",
                "Library/ConfigurationProfiles/CloudConfigurationDetails.plist",
            )
        ):
            conn.execute("INSERT INTO Files VALUES (?, ?, ?, 1, NULL)", (str(n), domain, path))
    (obs,) = list(ios.manifest_file(db.read_bytes(), "Manifest.db"))
    assert obs.details["mdm_files"] == "MDM.plist"
    (found,) = check_observation(_EMPTY, obs.details)
    assert found.explanation == (
        "1 configuration profile(s) are installed on the iPhone. A profile can let an organisation or a"
        " person manage the iPhone, route its traffic or install certificates; check in Settings > General >"
        " VPN & Device Management that she recognises each one. The backup also holds the device-management"
        " file MDM.plist: the iPhone may be enrolled in remote management (MDM), which lets whoever runs it see"
        " and control much of the phone; check there who manages it."
    )
