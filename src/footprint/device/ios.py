"""Readers for iOS inputs: backup ``Info.plist``, app-list plists and backup ``Manifest.db``."""

from __future__ import annotations

import plistlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from xml.parsers.expat import ExpatError

from footprint.device.observe import Observation
from footprint.errors import ParseError
from footprint.times import iso_utc

_PROFILES_DOMAIN = "SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles"
# remote management (MDM) enrolment; CloudConfigurationDetails.plist is in ordinary backups too
_MDM_FILES = frozenset({"MDM.plist"})


def load_plist(data: bytes, name: str) -> Any:
    """A plist (binary or XML; entity declarations are refused by plistlib)."""
    try:
        return plistlib.loads(data)
    except (plistlib.InvalidFileException, ExpatError, ValueError, TypeError, IndexError, KeyError) as exc:
        raise ParseError(
            f"not a readable property list ({type(exc).__name__}); the file may be damaged —"
            " copy it from the backup again",
            source=name,
        ) from exc


def app_observation(locator: str, bundle: str, source: str, raw: str = "") -> Observation:
    """An iOS app present on the phone or in the backup."""
    return Observation(
        locator,
        f"iOS app present: {bundle}",
        raw or bundle,
        {"observation": "package", "package": bundle, "platform": "ios", "input_format": source},
    )


def info_plist(data: bytes, name: str) -> Iterator[Observation]:
    """Backup ``Info.plist`` (``Installed Applications`` and ``Applications``) or an app-list plist."""
    loaded = load_plist(data, name)
    if isinstance(loaded, list):
        for number, entry in enumerate(loaded):
            if isinstance(entry, dict) and isinstance(entry.get("CFBundleIdentifier"), str):
                yield app_observation(f"{name}[{number}]", entry["CFBundleIdentifier"], "ios_app_list")
        return
    if not isinstance(loaded, dict):
        raise ParseError("expected a dictionary (backup Info.plist) or an app list", source=name)
    seen: set[str] = set()
    for number, bundle in enumerate(loaded.get("Installed Applications") or []):
        if isinstance(bundle, str) and bundle not in seen:
            seen.add(bundle)
            yield app_observation(f"Installed Applications[{number}]", bundle, "ios_info_plist")
    apps = loaded.get("Applications")
    if isinstance(apps, dict):
        for bundle in sorted(apps):
            if isinstance(bundle, str) and bundle not in seen:
                seen.add(bundle)
                yield app_observation(f"Applications[{bundle}]", bundle, "ios_info_plist")
    backup = loaded.get("Last Backup Date")
    if isinstance(backup, datetime):
        when = backup if backup.tzinfo else backup.replace(tzinfo=UTC)
        device = " ".join(str(loaded.get(k, "")) for k in ("Product Type", "Product Version")).strip()
        yield Observation(
            "Last Backup Date",
            f"iOS backup made ({device})",
            str(backup),
            {"observation": "backup", "platform": "ios", "device": device, "input_format": "ios_info_plist"},
            str(backup),
            iso_utc(when),
        )


def manifest_db(connection: sqlite3.Connection, name: str) -> Iterator[Observation]:
    """Backup ``Manifest.db``: app containers (``AppDomain-<bundle>``) and installed configuration profiles.

    Every backup holds the profile store's own bookkeeping files; only ``profile-*`` files are profiles.
    """
    try:
        rows = connection.execute("SELECT DISTINCT domain FROM Files ORDER BY domain").fetchall()
        profiles = connection.execute(
            "SELECT COUNT(*) FROM Files WHERE domain LIKE ? AND relativePath LIKE ?",
            (
                "SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles%",
                "%ConfigurationProfiles/profile-%",
            ),
        ).fetchone()[0]
        mdm = connection.execute(
            "SELECT DISTINCT relativePath FROM Files WHERE domain = ? AND relativePath LIKE ?",
            (_PROFILES_DOMAIN, "%ConfigurationProfiles/%"),
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise ParseError(
            f"not a readable backup Manifest.db ({exc}); copy the backup folder again", source=name
        ) from exc
    for (domain,) in rows:
        if isinstance(domain, str) and domain.startswith("AppDomain-"):
            bundle = domain[len("AppDomain-") :]
            yield app_observation(f"Files domain {domain}", bundle, "ios_manifest", domain)
    mdm_files = sorted({str(p).rsplit("/", 1)[-1] for (p,) in mdm} & _MDM_FILES)
    if profiles or mdm_files:
        details = {
            "observation": "configuration_profile",
            "platform": "ios",
            "count": str(profiles),
            "input_format": "ios_manifest",
        }
        if mdm_files:
            details["mdm_files"] = ", ".join(mdm_files)
        yield Observation(
            "Files domain SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles",
            f"Configuration profiles installed ({profiles})",
            f"{profiles} installed configuration-profile file(s) (ConfigurationProfiles/profile-*)"
            + (f"; device-management files: {details['mdm_files']}" if mdm_files else ""),
            details,
        )


def open_manifest(data: bytes, name: str) -> sqlite3.Connection:
    """An in-memory copy of a Manifest.db (the vault copy is never opened for writing)."""
    connection = sqlite3.connect(":memory:")
    try:
        if len(data) > 20 and data[18:20] == b"\x02\x02":  # WAL mode: read the copy as a plain file
            data = data[:18] + b"\x01\x01" + data[20:]
        connection.deserialize(data)
        connection.execute("SELECT 1 FROM Files LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise ParseError(
            f"not a readable backup Manifest.db ({exc}); copy the backup folder again", source=name
        ) from exc
    return connection


def manifest_file(data: bytes, name: str) -> Iterator[Observation]:
    """The apps a Manifest.db's bytes show, read from an in-memory copy closed afterwards."""
    connection = open_manifest(data, name)
    try:
        yield from manifest_db(connection, name)
    finally:
        connection.close()
