"""Android device inputs: androidqf output (folder zip or packages.json), pm list, dumpsys, settings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from footprint.device import android
from footprint.device.observe import Observation, member_names, to_item
from footprint.errors import ParseError
from footprint.ingest._device import DeviceParser, observed_items
from footprint.ingest.base import NO, ParseContext, SniffResult, parsers
from footprint.ingest.source import Source, decode_text
from footprint.model import ParsedItem

_DUMPSYS_MARKS = (
    "DUMP OF SERVICE",
    "ACCESSIBILITY MANAGER",
    "Current Device Policy Manager state",
    "Activity Resolver Table:",
    "Receiver Resolver Table:",
)


def _text(source: Source, data: bytes | None = None) -> str:
    return decode_text(source.read_bytes() if data is None else data, source.name, warn=[])


def _dumpsys_like(head: str) -> bool:
    return any(mark in head for mark in _DUMPSYS_MARKS) or bool(re.search(r"(?m)^\s{2}Package \[", head))


def _settings_like(head: str) -> bool:
    keys = {line.partition("=")[0].strip() for line in head.splitlines() if "=" in line}
    known = keys & {
        "package_verifier_enable",
        "adb_enabled",
        "enabled_accessibility_services",
        "enabled_notification_listeners",
        "development_settings_enabled",
        "upload_apk_enable",
        "install_non_market_apps",
        "android_id",
        "accessibility_enabled",
        "package_verifier_user_consent",
    }
    return len(known) >= 2 or head.lstrip().startswith("[") and "]: [" in head.split("\n", 1)[0]


@parsers.register
class AndroidQfParser(DeviceParser):
    """androidqf acquisition output: the whole folder (packed as a zip) or its packages.json."""

    name = "device_androidqf"
    version = 4  # 4: a damaged line in dumpsys.txt's device admins or a settings file is a warning
    description = (
        "androidqf output: packages.json, dumpsys.txt, settings_*.txt, getprop.txt, root_binaries.json"
    )
    format_name = "androidqf"
    expected = (
        "an androidqf acquisition folder (check the whole folder androidqf wrote over USB debugging)"
        " or its packages.json"
    )

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            names = member_names(source)
            if "packages.json" in names and ({"getprop.txt", "dumpsys.txt"} & names):
                return SniffResult(0.95, "androidqf folder (packages.json with getprop/dumpsys)")
            return NO
        head = source.head_text()
        if head.lstrip().startswith("[") and '"installer"' in head and '"files"' in head and '"name"' in head:
            return SniffResult(0.9, "androidqf packages.json")
        return NO

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        warnings: list[tuple[str, str, str]] = []
        if not source.is_zip:
            packages = android.androidqf_packages(source.read_bytes(), source.name, warnings)
            yield from observed_items(packages, ctx, warnings)
            return
        found = False
        for member in sorted(source.members()):
            base = PurePosixPath(member).name
            data = source.read_member(member)
            observations: Iterator[Observation]
            lines: list[tuple[str, str, str]] = []  # a text member's warnings, located in it below
            if base == "packages.json":
                observations = android.androidqf_packages(data, member, warnings)
            elif base == "dumpsys.txt":
                observations = android.dumpsys(decode_text(data, member, warn=[]), member, lines)
            elif base.startswith("settings_") and base.endswith(".txt") or base == "getprop.txt":
                observations = android.settings(decode_text(data, member, warn=[]), member, lines)
            elif base == "root_binaries.json":
                observations = android.root_binaries(data, member)
            else:
                continue
            found = found or base == "packages.json"
            for obs in observations:
                yield to_item(_prefixed(obs, member), ctx)
            warnings += [(f"{member} {locator}", message, raw) for locator, message, raw in lines]
        if not found:
            raise ParseError(
                "no packages.json in the androidqf folder; add the complete folder", source=source.name
            )
        for locator, message, raw in warnings:
            ctx.warn(locator, message, raw)


def _prefixed(obs: Observation, member: str) -> Observation:
    if obs.locator.startswith(member):
        return obs
    return Observation(
        f"{member} {obs.locator}", obs.text, obs.raw, obs.details, obs.when_raw, obs.when_utc, obs.when_local
    )
