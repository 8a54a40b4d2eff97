"""Readers for Android device text: androidqf packages.json, pm list, dumpsys, settings, getprop."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime

from footprint.device.observe import Observation
from footprint.errors import ParseError

# AOSP runListPackages: "package:", with -f the APK path and "=", the package, with --show-versioncode
# " versionCode:N", with -i "  installer=X", with -U " uid:N". The path has no spaces; its last "=" ends it.
_PM_LINE = re.compile(
    r"^package:(?:(?P<path>\S+)=)?(?P<pkg>[A-Za-z0-9_.]+)(?:\s+versionCode:(?P<version>\d+))?"
    r"(?:\s+installer=(?P<installer>\S*))?(?:\s+uid:(?P<uid>[\d,]+))?\s*$"
)
_PM_PARTS = ("path", "version", "installer", "uid")
_COMPONENT = re.compile(r"([A-Za-z0-9_.]+)/([A-Za-z0-9_.$]+)")
_SYSTEM_PATHS = ("/system/", "/product/", "/vendor/", "/apex/", "/system_ext/", "/odm/")
_DUMP_SECTION = re.compile(r"^DUMP OF SERVICE (\S+?):\s*$")
_PKG_HEADER = re.compile(r"^\s{2}Package \[([^\]]+)\]")
_ADMIN_LINE = re.compile(r"^\s+([A-Za-z0-9_.]+)/([A-Za-z0-9_.$]+):\s*$")
# a control byte or U+FFFD (bytes that were not UTF-8): the line was damaged in copying
_UNREADABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")
_PROP = re.compile(r"^\[([^\]]+)\]: \[(.*)\]$")
_SETTING = re.compile(r"^[A-Za-z0-9_.:-]+=")
_INTERESTING_SETTINGS = {
    "enabled_accessibility_services",
    "enabled_notification_listeners",
    "package_verifier_enable",
    "package_verifier_user_consent",
    "upload_apk_enable",
    "verifier_verify_adb_installs",
    "adb_enabled",
    "adb_wifi_enabled",
    "development_settings_enabled",
    "install_non_market_apps",
    "default_input_method",
    "mock_location",
}
_PERMISSION = re.compile(r"^([A-Za-z0-9_.]+\.[A-Z_]+)(?::.*)?$")
RISKY_PERMISSIONS = {
    "READ_SMS": "SMS",
    "RECEIVE_SMS": "SMS",
    "SEND_SMS": "SMS",
    "READ_CALL_LOG": "call log",
    "PROCESS_OUTGOING_CALLS": "call log",
    "ACCESS_FINE_LOCATION": "location",
    "ACCESS_COARSE_LOCATION": "location",
    "ACCESS_BACKGROUND_LOCATION": "location in the background",
    "RECORD_AUDIO": "microphone",
    "CAMERA": "camera",
    "READ_CONTACTS": "contacts",
    "SYSTEM_ALERT_WINDOW": "drawing over other apps",
    "BIND_ACCESSIBILITY_SERVICE": "accessibility",
    "READ_HISTORY_BOOKMARKS": "browser history",
    "RECEIVE_BOOT_COMPLETED": "starting at boot",
    "MANAGE_EXTERNAL_STORAGE": "all files",
}
_PROPS = {"ro.build.version.security_patch", "ro.build.version.release", "ro.product.model"}


def package_observation(
    locator: str,
    raw: str,
    package: str,
    *,
    installer: str | None,
    system: bool | None,
    source: str,
    cert_sha1: str = "",
    cert_sha256: str = "",
    apk_sha256: str = "",
) -> Observation:
    """An installed app, with how it was installed and its hashes when known."""
    details = {"observation": "package", "package": package, "input_format": source}
    if installer is not None:
        details["installer"] = installer
    if system is not None:
        details["system"] = "yes" if system else "no"
    for key, value in (("cert_sha1", cert_sha1), ("cert_sha256", cert_sha256), ("apk_sha256", apk_sha256)):
        if value and set(value) != {"0"}:
            details[key] = value.upper()
    how = f", installer {installer}" if installer else ""
    return Observation(locator, f"App installed: {package}{how}", raw, details)


def androidqf_packages(
    data: bytes, name: str, warn: list[tuple[str, str, str]] | None = None
) -> Iterator[Observation]:
    """androidqf ``packages.json``: a list of packages with installer, flags, files and certificates.

    An entry that is not a package is a warning (in ``warn``); a list with no package at all is not
    a package list and raises ``ParseError``.
    """
    try:
        packages = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ParseError(
            f"not readable JSON ({exc}); the androidqf output may be truncated — copy it again", source=name
        ) from exc
    if not isinstance(packages, list):
        raise ParseError("expected a JSON list of packages (androidqf packages.json)", source=name)
    read = 0
    for number, entry in enumerate(packages):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            if warn is not None:
                warn.append((f"{name}[{number}]", 'not a package (no "name")', json.dumps(entry)[:2000]))
            continue
        read += 1
        files = entry.get("files") if isinstance(entry.get("files"), list) else []
        assert isinstance(files, list)
        first = files[0] if files and isinstance(files[0], dict) else {}
        cert = first.get("certificate") if isinstance(first.get("certificate"), dict) else {}
        assert isinstance(cert, dict)
        yield package_observation(
            f"{name}[{number}]",
            json.dumps(entry, sort_keys=True)[:4000],
            entry["name"],
            installer=str(entry.get("installer") or "null"),
            system=bool(entry.get("system")),
            source="androidqf",
            cert_sha1=str(cert.get("Sha1") or ""),
            cert_sha256=str(cert.get("Sha256") or ""),
            apk_sha256=str(first.get("sha256") or ""),
        )
    if packages and not read:
        raise ParseError(
            f'none of its {len(packages):,} entries is a package (an object with a "name")', source=name
        )


def pm_list(text: str, name: str, warn: list[tuple[str, str, str]]) -> Iterator[Observation]:
    """``pm list packages [-f] [-i] [-U] [--show-versioncode]``; the APK path may contain ``=``.

    The listing's form is what most of its lines hold (a path, a version code, ``installer=``,
    ``uid:``): a line missing one of those was cut short (``...base.apk=c``) and is a warning, not an
    app. A listing with no installer column at all (no ``-i``) says so once; its apps carry no installer.
    """
    lines: list[tuple[str, str, re.Match[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        locator = f"line {number}"
        match = _PM_LINE.match(line.strip())
        if not line.startswith("package:") or match is None:
            warn.append((locator, "not a `pm list packages` line", line))
            continue
        lines.append((locator, line, match))
    form = [p for p in _PM_PARTS if 2 * sum(m.group(p) is not None for _, _, m in lines) >= len(lines)]
    if lines and "installer" not in form:
        warn.append((lines[0][0], NO_INSTALLER_COLUMN, ""))
    for locator, line, match in lines:
        if not all(match.group(part) is not None for part in form):
            warn.append((locator, _CUT_SHORT, line))
            continue
        path = match.group("path") or ""
        system = path.startswith(_SYSTEM_PATHS) if path else None
        obs = package_observation(
            locator,
            line,
            match.group("pkg"),
            installer=match.group("installer"),
            system=system,
            source="pm_list",
        )
        for key, part in (("version_code", "version"), ("uid", "uid")):
            if match.group(part) is not None:
                obs.details[key] = match.group(part)
        yield obs


_CUT_SHORT = (
    "not in the form of the other lines (`package:PATH=NAME  installer=X uid:N`): it may have been"
    " cut short, so it is not read as an app; save the list again"
)
NO_INSTALLER_COLUMN = (
    "no installer column (the list was saved without -i), so how each app was installed cannot be"
    " checked and no app is marked as installed outside the app store; save"
    " `adb shell pm list packages -f -i -U` to check installers"
)


def dumpsys(text: str, name: str, warn: list[tuple[str, str, str]] | None = None) -> Iterator[Observation]:
    """Any ``dumpsys`` text: package, accessibility and device_policy sections (others are skipped).

    Text with none of those three sections is a warning (in ``warn``): nothing in it was checked.
    """
    read = False
    unread: list[tuple[str, str, str]] = [] if warn is None else warn
    for service, start, lines in _split_sections(text):
        if service in ("package", "") and any(_PKG_HEADER.match(x) for x in lines):
            read = True
            yield from _dumpsys_packages(lines, start)
        if service in ("accessibility", "") and any("ccessibility" in x or "services" in x for x in lines):
            read = True
            yield from _dumpsys_accessibility(lines, start)
        if service in ("device_policy", "") and any(
            "Device Admins" in x or "Device Owner" in x for x in lines
        ):
            read = True
            yield from _dumpsys_device_policy(lines, start, unread)
    if not read and warn is not None:
        warn.append(("line 1", NO_DUMPSYS_SECTION, ""))


NO_DUMPSYS_SECTION = (
    "no package, accessibility or device_policy section, so nothing in this dumpsys output was checked;"
    " save `adb shell dumpsys package`, `dumpsys accessibility` and `dumpsys device_policy` and check those"
)


def _split_sections(text: str) -> list[tuple[str, int, list[str]]]:
    lines = text.splitlines()
    marks = [(i, m.group(1)) for i, line in enumerate(lines) if (m := _DUMP_SECTION.match(line))]
    if not marks:
        return [("", 0, lines)]
    sections = []
    for n, (index, service) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(lines)
        sections.append((service, index + 1, lines[index + 1 : end]))
    return sections


def _dumpsys_packages(lines: list[str], start: int) -> Iterator[Observation]:
    current: str | None = None
    at = 0
    fields: dict[str, str] = {}

    def emit() -> Observation | None:
        if current is None:
            return None
        installer = fields.get("installerPackageName", "null")
        system = "SYSTEM" in fields.get("pkgFlags", "") or fields.get("codePath", "").startswith(
            _SYSTEM_PATHS
        )
        obs = package_observation(
            f"line {start + at + 1}",
            lines[at],
            current,
            installer=installer,
            system=system,
            source="dumpsys_package",
        )
        for key in ("requested", "granted"):
            if fields.get(key):
                obs.details[f"permissions_{key}"] = fields[key]
        installed = fields.get("firstInstallTime")
        if installed:
            try:
                moment = datetime.strptime(installed, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                return obs
            details = dict(obs.details, first_install=installed)
            return Observation(
                obs.locator,
                f"{obs.text}; first installed {installed}",
                obs.raw,
                details,
                installed,
                None,
                moment,
            )
        return obs

    for index, line in enumerate(lines):
        if header := _PKG_HEADER.match(line):
            if (obs := emit()) is not None:
                yield obs
            current, at, fields = header.group(1), index, {}
            continue
        if current is None:
            continue
        stripped = line.strip()
        if stripped.endswith("permissions:"):
            fields["_in"] = stripped
            continue
        if permission := _PERMISSION.match(stripped):
            label = RISKY_PERMISSIONS.get(permission.group(1).rsplit(".", 1)[-1])
            if label and fields.get("_in") == "requested permissions:":
                fields["requested"] = _add_label(fields.get("requested", ""), label)
            if label and "granted=true" in stripped:
                fields["granted"] = _add_label(fields.get("granted", ""), label)
            continue
        if "=" in line:
            key, _, value = stripped.partition("=")
            if key in ("installerPackageName", "firstInstallTime", "pkgFlags", "codePath"):
                fields.setdefault(key, value.strip())
    if (obs := emit()) is not None:
        yield obs


def _add_label(joined: str, label: str) -> str:
    labels = [x for x in joined.split(", ") if x]
    return ", ".join(labels if label in labels else [*labels, label])


def _dumpsys_accessibility(lines: list[str], start: int) -> Iterator[Observation]:
    found: list[tuple[int, str, str, str]] = []  # line index, the line, package, class
    for index, line in enumerate(lines):
        if re.search(r"(?i)^\s*enabled services:", line):
            block = line
            if "}" not in line.split(":", 1)[1] or line.rstrip().endswith("{"):
                for extra in lines[index + 1 : index + 40]:
                    if extra.strip().startswith("}"):
                        break
                    block += "\n" + extra
            found.extend((index, line, p, c) for p, c in _COMPONENT.findall(block.split(":", 1)[1]))
    state = _accessibility_state(lines, len(found))
    for index, line, package, cls in found:
        yield Observation(
            f"line {start + index + 1}",
            f"Accessibility service {state}: {package}/{cls}",
            line.strip(),
            {
                "observation": "accessibility",
                "package": package,
                "component": f"{package}/{cls}",
                "state": state,
                "input_format": "dumpsys_accessibility",
            },
        )


def _accessibility_state(lines: list[str], enabled: int) -> str:
    """What the dump shows of an enabled service's state. Bound and crashed services are named by label
    only, so "bound" is said of a service only when every enabled service is bound."""
    bound = _service_labels(lines, "bound")
    crashed = _service_labels(lines, "crashed")
    if not bound:
        state = (
            "enabled, not bound" if any(re.search(r"(?i)bound services:", x) for x in lines) else "enabled"
        )
    elif len(bound) >= enabled:
        state = "enabled and bound"
    else:
        state = (
            f"enabled; {len(bound)} of the {enabled} enabled services bound, named by label only"
            f" ({', '.join(bound)}), so the dump does not show whether this one was running"
        )
    return f"{state}; crashed, by label: {', '.join(crashed)}" if crashed else state


def _service_labels(lines: list[str], which: str) -> list[str]:
    """The labels in a ``Bound services:{Service[label=...]...}`` (or ``Crashed``) line."""
    return [
        label
        for line in lines
        if re.search(rf"(?i)^\s*{which} services:", line)
        for label in re.findall(r"Service\[label=([^,\]]*)", line)
    ]


UNREADABLE_ADMIN = (
    "a line of the enabled device admins could not be read (damaged, or control bytes); the admin it"
    " names was not checked — copy `adb shell dumpsys device_policy` again"
)
UNREADABLE_SETTING = (
    "a line could not be read (damaged, or control bytes); the setting it holds was not checked"
    " — save the settings again"
)


def _dumpsys_device_policy(
    lines: list[str], start: int, warn: list[tuple[str, str, str]]
) -> Iterator[Observation]:
    in_admins = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("Enabled Device Admins"):
            in_admins = True
            continue
        if stripped.startswith("Device Owner") or stripped.startswith("Profile Owner"):
            found = _COMPONENT.search(" ".join(lines[index : index + 4]))
            if found:
                role = "device_owner" if stripped.startswith("Device Owner") else "profile_owner"
                yield Observation(
                    f"line {start + index + 1}",
                    f"{'Device' if role == 'device_owner' else 'Profile'} owner: {found.group(0)}",
                    stripped,
                    {
                        "observation": role,
                        "package": found.group(1),
                        "component": found.group(0),
                        "input_format": "dumpsys_device_policy",
                    },
                )
            continue
        if in_admins:
            if match := _ADMIN_LINE.match(line):
                yield Observation(
                    f"line {start + index + 1}",
                    f"Device administrator enabled: {match.group(1)}/{match.group(2)}",
                    stripped,
                    {
                        "observation": "device_admin",
                        "package": match.group(1),
                        "component": f"{match.group(1)}/{match.group(2)}",
                        "input_format": "dumpsys_device_policy",
                    },
                )
            elif stripped and not line.startswith("    ") and not line.startswith("\t"):
                in_admins = False
            elif _UNREADABLE.search(line) or (
                stripped and len(line) - len(line.lstrip()) <= 4 and not _SETTING.match(stripped)
            ):  # at the admins' own depth (deeper lines are an admin's details), or damaged
                warn.append((f"line {start + index + 1}", UNREADABLE_ADMIN, line))


def settings_shaped(text: str) -> bool:
    """Whether most lines are settings (``key=value`` at the start) or properties (``[key]: [value]``).

    A value can run over several lines, so half is enough; indented ``key=value`` lines are dumpsys.
    """
    lines = [x for x in text.splitlines() if x.strip()]
    shaped = sum(1 for x in lines if _PROP.match(x.strip()) or _SETTING.match(x))
    return bool(lines) and shaped * 2 >= len(lines)


def settings(text: str, name: str, warn: list[tuple[str, str, str]] | None = None) -> Iterator[Observation]:
    """``settings list secure|global|system`` (``key=value``) and ``getprop`` (``[key]: [value]``).

    A damaged line (control bytes, or a key one character from a checked key) is a warning in ``warn``.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        key, sep, value = stripped.partition("=")
        if warn is not None and (
            _UNREADABLE.search(line)
            or (
                sep
                and key not in _INTERESTING_SETTINGS
                and any(_one_edit(key, k) for k in _INTERESTING_SETTINGS)
            )
        ):
            warn.append((f"line {number}", UNREADABLE_SETTING, line))
        prop = _PROP.match(stripped)
        if prop:
            key, value = prop.group(1), prop.group(2)
            if key in _PROPS:
                yield Observation(
                    f"line {number}",
                    f"Property {key} = {value}",
                    stripped,
                    {"observation": "property", "key": key, "value": value, "input_format": "getprop"},
                )
            continue
        if not sep or key not in _INTERESTING_SETTINGS:
            continue
        if key == "default_input_method" and (found := _COMPONENT.search(value)):
            component = found.group(0)
            yield Observation(
                f"line {number}",
                f"Keyboard (input method): {component}",
                stripped,
                {
                    "observation": "input_method",
                    "package": found.group(1),
                    "component": component,
                    "input_format": "settings",
                },
            )
            continue
        if key in ("enabled_accessibility_services", "enabled_notification_listeners"):
            kind = "accessibility" if key.startswith("enabled_acc") else "notification_listener"
            for package, cls in _COMPONENT.findall(value):
                label = "Accessibility service" if kind == "accessibility" else "Notification listener"
                yield Observation(
                    f"line {number}",
                    f"{label} enabled: {package}/{cls}",
                    stripped,
                    {
                        "observation": kind,
                        "package": package,
                        "component": f"{package}/{cls}",
                        "state": "enabled",
                        "input_format": "settings",
                    },
                )
            continue
        yield Observation(
            f"line {number}",
            f"Setting {key} = {value}",
            stripped,
            {"observation": "setting", "key": key, "value": value.strip(), "input_format": "settings"},
        )


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one changed, added or dropped character."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] or a[i:] == b[i + 1 :] or a[i + 1 :] == b[i:]


NO_CHECKED_SETTING = (
    "none of the settings or properties Footprint checks is here (accessibility services, notification"
    " listeners, Play Protect, adb, developer options, unknown sources, security patch);"
    " save `adb shell settings list secure` and `settings list global` and check those"
)


def root_binaries(data: bytes, name: str) -> Iterator[Observation]:
    """androidqf ``root_binaries.json``: paths of root tools found on the phone."""
    try:
        paths = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ParseError(f"not readable JSON ({exc}); copy the androidqf output again", source=name) from exc
    for number, path in enumerate(paths if isinstance(paths, list) else []):
        if isinstance(path, str):
            yield Observation(
                f"{name}[{number}]",
                f"Root tool present: {path}",
                path,
                {"observation": "root_binary", "path": path, "input_format": "androidqf"},
            )
