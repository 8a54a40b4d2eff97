"""Matching device observations against the indicator index: graded, explained findings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from footprint.device import rules
from footprint.device.attribution import TRACKER_SAFETY
from footprint.device.domains import ASKED_OF_SERVER, suffixes
from footprint.device.indicators import ON_STORE, AppIndicator, DomainIndicator, IndicatorIndex
from footprint.times import uk_display

# 2: wording graded by evidence; a tracker's time and where it was found. 3: the allow-list never hides
# an exact server or a certificate / APK-hash match; shared CDN addresses and vendor websites listed as
# servers are weak on their own; Echap's label outranks ISDI's and on-store ISDI "spyware" asks for consent.
# 4: tracker safety advice; iPhone and updated-system-app wording; MDM enrolment named
CHECK_VERSION = 5  # 5: distribution addresses; HTTP Host as TLS SNI; allow-list by (package, certificate)
STRENGTHS = ("strong", "check_consent", "context", "weak")
SCORES = {"strong": 0.9, "check_consent": 0.6, "context": 0.3, "weak": 0.2}
DO_NOT_REMOVE = "Do not remove it yet: that may alert the person responsible; preserve the evidence first."
_TYPE_RANK = {"stalkerware": 0, "spyware": 1, "watchware": 2, "dual-use": 3}
_SOURCE_NAME = {
    "echap": "the Echap stalkerware list",
    "isdi": "the ISDI app list",
    "stix": "the STIX indicators",
}


def strength_rank(strength: object) -> int:
    """Where a finding of this strength is listed: strongest first, anything unknown last."""
    return (
        STRENGTHS.index(strength) if isinstance(strength, str) and strength in STRENGTHS else len(STRENGTHS)
    )


@dataclass(frozen=True)
class DeviceFinding:
    """One graded device finding with the DESIGN.md ``device check --json`` fields."""

    kind: str
    strength: str
    app: str
    package: str
    matched_by: str
    explanation: str
    indicator_source: str = ""
    corroborated: DeviceFinding | None = None  # what it becomes when the case holds other evidence of the app

    def fields(self, input_name: str) -> dict[str, str]:
        """The stable JSON fields (plus the indicator source)."""
        return {
            "input": input_name,
            "kind": self.kind,
            "strength": self.strength,
            "app": self.app,
            "package": self.package,
            "matched_by": self.matched_by,
            "explanation": self.explanation,
            "indicator_source": self.indicator_source,
        }


def _best(indicators: Iterable[AppIndicator]) -> AppIndicator:
    """The listing that stands for an app: a curated stalkerware list (Echap, STIX) before ISDI, whose
    flags are broader, then the most serious type."""
    return sorted(
        indicators, key=lambda i: (i.source == "isdi", _TYPE_RANK.get(i.type, 9), i.source != "echap", i.app)
    )[0]


def covert(found: AppIndicator) -> bool:
    """Whether a listing calls the app software sold to monitor someone secretly: stalkerware, or ISDI's
    ``spyware`` off the app stores (its on-store ``spyware`` rows are parental and accountability apps)."""
    return found.type == "stalkerware" or (found.type == "spyware" and found.store not in ON_STORE)


def _other_labels(found: AppIndicator, others: Iterable[AppIndicator]) -> str:
    """What the other sources call the app, when they call it something else."""
    labels = dict.fromkeys(
        f"{_SOURCE_NAME.get(o.source, o.source)} labels it {o.type}" for o in others if o.type != found.type
    )
    return "".join(f" {label[0].upper()}{label[1:]}." for label in labels)


def _app_finding(
    found: AppIndicator,
    package: str,
    matched_by: str,
    how: str,
    identified: bool,
    others: Iterable[AppIndicator] = (),
) -> DeviceFinding:
    """The finding for an app an indicator lists. Only a certificate or APK-hash match (``identified``)
    shows the app is that product; a package id alone is the listed id (another app can use it)."""
    where = _SOURCE_NAME.get(found.source, found.source)
    if identified:
        opening = f"{found.app} ({package}) is on this phone. It is"
        matched = f"Matched by {how}."
    else:
        opening = (
            f"An app with the package id listed for {found.app} ({package}) is installed. {found.app} is"
        )
        matched = (
            f"Matched by {how} only: another app can use the same id; {ANDROID_PROOF} would show whether"
            f" it is {found.app}."
        )
    also = _other_labels(found, others)
    if covert(found):
        text = (
            f"{opening} listed as {found.type} in {where} — software sold to secretly monitor another"
            f" person's messages, location and calls.{also} {matched} {DO_NOT_REMOVE}"
        )
        return DeviceFinding(found.type, "strong", found.app, package, matched_by, text, found.source)
    label = {
        "watchware": "a monitoring app (watchware)",
        "spyware": "flagged as spyware, though sold in an app store as a monitoring app,",
    }.get(found.type, "a dual-use app")
    text = (
        f"{opening} {label} in {where}: it can share location or activity with someone else.{also} That"
        " can be legitimate (family sharing, parental control or accountability software); check whether"
        f" she knew of it and agreed. {matched} {DO_NOT_REMOVE}"
    )
    return DeviceFinding(
        "monitoring_app", "check_consent", found.app, package, matched_by, text, found.source
    )


def _app_findings(
    matches: Sequence[tuple[AppIndicator, str, str]], package: str, others: Sequence[AppIndicator] = ()
) -> list[DeviceFinding]:
    """One finding per app however many ways it matched (package, certificate, APK hash), with every
    reason; the listing :func:`_best` picks stands for it, and the other labels of the package id
    (``others``) are named in the finding the id matched."""
    by_app: dict[str, list[tuple[AppIndicator, str, str]]] = {}
    for match in matches:
        by_app.setdefault(match[0].app.lower(), []).append(match)
    findings = []
    for group in by_app.values():
        labels = ", ".join(dict.fromkeys(label for _, label, _ in group))
        how = " and ".join(how for _, _, how in group)
        identified = any(label in ("certificate", "apk_sha256") for _, label, _ in group)
        found = _best(i for i, _, _ in group)
        named = others if any(label == "package" for _, label, _ in group) else ()
        findings.append(_app_finding(found, package, labels, how, identified, named))
    return findings


def _android_name_on_ios(found: AppIndicator, package: str) -> DeviceFinding:
    where = _SOURCE_NAME.get(found.source, found.source)
    where = where[0].upper() + where[1:]
    text = (
        f"{found.app} ({package}) is on this iPhone. {where} names {found.app} as Android"
        f" {found.type}; on an iPhone an app of that name can still share location or activity with someone"
        f" else. Check whether she knew of it and agreed. Matched by its identifier. {DO_NOT_REMOVE}"
    )
    return DeviceFinding("monitoring_app", "check_consent", found.app, package, "package", text, found.source)


def _permissions(details: Mapping[str, str]) -> str:
    installed = details.get("first_install", "")
    when = f" First installed {installed} (the phone's clock)." if installed else ""
    requested = details.get("permissions_requested", "")
    if not requested:
        return when
    granted = details.get("permissions_granted", "") or "none of these"
    return f"{when} It asks for {requested}; granted when the dump was taken: {granted}."


def _with_permissions(found: DeviceFinding, details: Mapping[str, str]) -> DeviceFinding:
    note = _permissions(details)
    if not note or found.kind not in ("stalkerware", "spyware", "monitoring_app", "sideloaded"):
        return found
    head, marker, tail = found.explanation.partition(" Matched by ")
    if not marker:
        head, marker, tail = found.explanation.partition(" Stalkerware is usually")
    text = f"{head}{note}{marker}{tail}" if marker else f"{found.explanation}{note}"
    return DeviceFinding(
        found.kind, found.strength, found.app, found.package, found.matched_by, text, found.indicator_source
    )


def check_package(index: IndicatorIndex, details: Mapping[str, str]) -> list[DeviceFinding]:
    """An installed app: indicators by package, certificate and APK hash, then install heuristics.

    An allow-listed or built-in package id answers only for the id: its certificate, APK hash and
    installer are still checked (another app can take a platform-like id). An id the allow-list names
    with its publisher's certificates is not allowed when the app is signed by another one."""
    package = details.get("package", "")
    lowered = package.lower()
    findings: list[DeviceFinding] = []
    builtin = {k.lower(): v for k, v in rules.knowledge().get("builtin_location_features", {}).items()}
    allowed = lowered in index.allow_packages
    signers = {details.get(k, "").upper() for k in ("cert_sha1", "cert_sha256")} - {""}
    expected = index.allow_signers.get(lowered, frozenset())
    if allowed and expected and signers and not signers & expected:
        allowed = False  # a well-known id signed by someone else: another app may have taken it
        shown = (details.get("cert_sha1") or details.get("cert_sha256", "")).upper()
        findings.append(_unexpected_signer(package, shown))
    if name := builtin.get(lowered):
        text = (
            f"{name} ({package}) has a location-sharing feature; it is not an alert. Review who it shares"
            " her location with (a shared account, a family group or friends)."
        )
        findings.append(
            DeviceFinding("location_feature", "context", name, package, "package", text, "footprint")
        )
    matches: list[tuple[AppIndicator, str, str]] = []  # indicator, what matched, how (in words)
    listed = () if allowed or name else index.packages.get(lowered, ())
    if listed:
        found = _best(listed)
        if details.get("platform") == "ios" and found.platform == "android" and found.type != "watchware":
            findings.append(_android_name_on_ios(found, package))
        else:
            ios = details.get("platform") == "ios"
            matches.append((found, "package", "its bundle identifier" if ios else "its package name"))
    for key, label, how in (
        ("cert_sha1", "certificate", "its signing certificate (SHA-1 {})"),
        ("cert_sha256", "certificate", "its signing certificate (SHA-256 {})"),
        ("apk_sha256", "apk_sha256", "the SHA-256 of its APK file ({})"),
    ):
        value = details.get(key, "").upper()
        if not value or value in index.allow_certificates or value in index.allow_apk_sha256:
            continue
        table = index.apk_sha256 if key == "apk_sha256" else index.certificates
        if hits := table.get(value):
            matches.append((_best(hits), label, how.format(value)))
    findings.extend(_app_findings(matches, package, listed))
    suggestive = not (findings or allowed) and details.get("system") != "yes"
    if suggestive and (word := _suggestive(lowered)):
        text = (
            f'{package} has "{word}" in its name and is not on any indicator list. Many monitoring apps are'
            " named this way; check what the app is and who installed it."
        )
        findings.append(
            DeviceFinding("suggestive_name", "context", package, package, "name", text, "footprint")
        )
    findings.extend(_install_source(details, package))
    return [_on_platform(_with_permissions(f, details), details) for f in findings]


def _unexpected_signer(package: str, certificate: str) -> DeviceFinding:
    """An allow-listed package id whose app is signed by a certificate the allow-list does not name."""
    text = (
        f"{package} is the package id of a well-known app, but this app is signed by a different certificate"
        f" ({certificate}) from the one its publisher signs it with: another app may have taken its id to"
        " look harmless. Check what the app is and who installed it."
    )
    return DeviceFinding("unexpected_signer", "context", package, package, "certificate", text, "footprint")


ANDROID_PROOF = "its signing certificate or APK hash (in androidqf's packages.json)"
_IOS_PROOF = "the app itself on the iPhone (its name and developer, and whether it came from the App Store)"


def _on_platform(found: DeviceFinding, details: Mapping[str, str]) -> DeviceFinding:
    """An iPhone has no APK or androidqf: what would tell the app apart there instead."""
    if details.get("platform") != "ios" or ANDROID_PROOF not in found.explanation:
        return found
    return replace(found, explanation=found.explanation.replace(ANDROID_PROOF, _IOS_PROOF))


_SUGGESTIVE = re.compile(r"spy|stalk|keylog|cheat|track|monitor")


def _suggestive(package: str) -> str | None:
    """ISDI's name check on the package id (``spy``, ``track``, ``keylog``...), ``anti-`` names excluded."""
    for match in _SUGGESTIVE.finditer(package):
        if not package[: match.start()].endswith(("anti", "anti-", "anti_")):
            return match.group(0)
    return None


def _install_source(details: Mapping[str, str], package: str) -> list[DeviceFinding]:
    if details.get("platform") == "ios" or "installer" not in details:
        return []  # no installer recorded at all (`pm list` without -i): nothing to say about it
    installer = details["installer"]
    if installer in ("", "null") and details.get("system") != "no":
        return []  # system apps have no installer; unknown system flag: nothing to say
    if details.get("system") == "yes" and not lowered_in(installer, "sideload_installers"):
        return []  # a system app updated from a downloaded file is still worth a look
    if lowered_in(package, "root_managers"):
        text = (
            f"{package} is a root manager: the phone has been rooted, which lets other software hide"
            " itself and read every app's data."
        )
        return [DeviceFinding("root", "context", package, package, "package", text, "footprint")]
    if installer in ("", "null"):
        text = (
            f"{package} has no recorded installer: the phone's record does not say how it was installed."
            " It may have been put on the phone from a computer (adb) or by another tool, restored from a"
            " backup, or preinstalled by the maker or the network. Stalkerware is usually installed by"
            " someone with the phone in their hands; on its own this proves nothing."
        )
        return [DeviceFinding("sideloaded", "context", package, package, "installer", text, "footprint")]
    if lowered_in(installer, "sideload_installers") and details.get("system") == "yes":
        how = (
            "is a preinstalled (system) app that was later updated from a downloaded file"
            f" (installer {installer})"
        )
    elif lowered_in(installer, "sideload_installers"):
        how = f"was installed by hand from a downloaded file (installer {installer})"
    elif lowered_in(installer, "alternative_stores"):
        how = f"was installed from an alternative app store ({installer})"
    else:
        return []
    text = (
        f"{package} {how}, not from the phone's app store. Stalkerware is usually installed this way by"
        " someone with the phone in their hands; on its own this proves nothing."
    )
    return [DeviceFinding("sideloaded", "context", package, package, "installer", text, "footprint")]


def lowered_in(value: str, key: str) -> bool:
    """Whether ``value`` is in one of the knowledge lists."""
    return value.lower() in rules.names(key)


_ACCESS = {
    "accessibility": (
        "accessibility_service",
        "can read everything on the screen and act as if it were her, including reading messages",
    ),
    "notification_listener": (
        "notification_listener",
        "can read every notification, including message previews",
    ),
    "device_admin": (
        "device_admin",
        "is a device administrator: it can lock or wipe the phone and is hard to remove",
    ),
    "device_owner": ("device_admin", "is the device owner: it controls the phone's policies"),
    "profile_owner": ("device_admin", "is a profile owner: it controls a work profile on the phone"),
    "input_method": (
        "input_method",
        "is the keyboard: it sees everything she types, passwords and messages included",
    ),
}


def check_access(index: IndicatorIndex, details: Mapping[str, str]) -> list[DeviceFinding]:
    """A powerful access grant: accessibility, notification listener, device admin or owner."""
    package = details.get("package", "")
    if package.lower() in index.allow_packages or lowered_in(package, "benign_services"):
        return []
    kind, power = _ACCESS[details["observation"]]
    component = details.get("component", package)
    state = details.get("state", "")
    state_text = f" ({state})" if state else ""
    hits = index.packages.get(package.lower())
    if hits and covert(_best(hits)):
        app = _best(hits).app
        text = (
            f"{component}{state_text} {power}. Its package id is listed for {app}, which is stalkerware;"
            f" if the app is {app} (its signing certificate or APK hash would show it), this access is how"
            f" it could watch her. {DO_NOT_REMOVE}"
        )
        return [DeviceFinding(kind, "strong", app, package, "package", text, _best(hits).source)]
    text = (
        f"{component}{state_text} {power}. Monitoring apps need this access; check that she recognises"
        f" the app and turned it on herself. {DO_NOT_REMOVE}"
    )
    return [DeviceFinding(kind, "context", package, package, kind, text, "footprint")]


_SETTINGS = {
    ("package_verifier_enable", "0"): "Play Protect app scanning is turned off",
    ("upload_apk_enable", "0"): "Play Protect's sending of unknown apps for checking is turned off",
    ("adb_enabled", "1"): "USB debugging (adb) is on, which lets a computer install apps and read data",
    ("adb_wifi_enabled", "1"): "wireless debugging is on",
    ("development_settings_enabled", "1"): "developer options are on",
    ("install_non_market_apps", "1"): "installing apps from unknown sources is allowed",
}


def check_setting(details: Mapping[str, str]) -> list[DeviceFinding]:
    """A device setting that weakens protection against monitoring software."""
    what = _SETTINGS.get((details.get("key", ""), details.get("value", "")))
    if what is None:
        return []
    text = (
        f"{what} ({details['key']}={details['value']}). People who install stalkerware often change this;"
        " check whether she changed it herself."
    )
    return [DeviceFinding("protection_off", "context", "", "", "setting", text, "footprint")]


def check_root_binary(details: Mapping[str, str]) -> list[DeviceFinding]:
    """A root tool on the phone."""
    text = (
        f"Root tool found at {details.get('path', '')}: the phone appears rooted, which lets software hide"
        " itself and read other apps' data."
    )
    return [DeviceFinding("root", "context", "", "", "file", text, "footprint")]


def check_domain(index: IndicatorIndex, details: Mapping[str, str]) -> list[DeviceFinding]:
    """A host name the phone looked up or connected to.

    An exact server (C2) name is strong, whatever the allow-list says; a name that is also the vendor's
    public website, or only a website, is weak (a browser visit looks the same). A name under a listed
    domain is weak, unless an allow-listed name at or below that domain covers it."""
    name = details.get("domain", "")
    if not name:
        return []
    seen = details.get("name_raw", name)
    if exact := index.domains.get(name, ()):
        return [_named_server(exact, details, seen)]
    for parent in suffixes(name):
        if parent in index.allow_domains:
            return []
        if hits := index.domains.get(parent):
            found = sorted(hits, key=lambda d: (_TYPE_RANK.get(d.type, 9), d.app))[0]
            text = (
                f"{seen} is under {parent}, a domain of {found.app} ({found.type}). Only the parent domain"
                " is listed, so this is weak evidence on its own."
            )
            return [DeviceFinding("vendor_site", "weak", found.app, "", "domain_suffix", text, found.source)]
    return []


def _named_server(exact: Sequence[DomainIndicator], details: Mapping[str, str], seen: str) -> DeviceFinding:
    """The finding for a name listed exactly: a server, a vendor website, or both."""
    found = sorted(exact, key=lambda d: (d.role != "c2", _TYPE_RANK.get(d.type, 9), d.app))[0]
    site = next((d for d in exact if d.role != "c2"), None)
    if site is None:
        return _server(found, f"{_contact(details, seen)}, a server", "domain")
    if found.role != "c2":
        site_of = "a site offering" if found.role == "distribution" else "the website of"
        text = (
            f"{seen} is {site_of} {found.app} ({found.type}). Visiting it is weak evidence: someone may"
            " have looked at or bought the product."
        )
        return DeviceFinding("vendor_site", "weak", found.app, "", "domain", text, found.source)
    text = (
        f"{_contact(details, seen)}, the public website of {site.app} ({site.type}), which the indicators"
        f" also list as a server {found.app} uses. A browser visit to the seller's site looks the same, so on"
        " its own this shows only that someone visited the seller's site, not that the app was running."
    )
    strong = _server(found, f"{_contact(details, seen)}, a server", "domain")
    corroborated = DeviceFinding(
        strong.kind,
        strong.strength,
        strong.app,
        "",
        "domain",
        f"{strong.explanation} It is also the seller's public website, but other findings in this case"
        f" point to {found.app} itself.",
        found.source,
    )
    return DeviceFinding("vendor_site", "weak", found.app, "", "domain", text, found.source, corroborated)


def _contact(details: Mapping[str, str], seen: str) -> str:
    """How the name was seen: a DNS lookup or a TLS connection, and from which address."""
    sent = ASKED_OF_SERVER.get(details.get("protocol", ""))
    how = "connected to" if sent else "looked up"
    client = details.get("client", "")
    if not client:
        return f"The phone or a device on its network {how} {seen}"
    return f"The device at {client} {how} {seen} ({sent or 'DNS'})"


def _asked(details: Mapping[str, str], name: str) -> str:
    """How ``name`` was sent to the connection's address: ``TLS`` (SNI) or ``HTTP`` (``Host``)."""
    pairs = zip(
        details.get("hosts", "").split(","), details.get("hosts_protocols", "").split(","), strict=False
    )
    return next((how for host, how in pairs if host == name), "TLS")


def check_address(index: IndicatorIndex, details: Mapping[str, str]) -> list[DeviceFinding]:
    """A TCP connection to an address an indicator lists as a C2 server's.

    On a shared CDN or anycast range the address alone is weak; when the capture shows the name the
    client asked that address for (``hosts``, TLS SNI), a name of the same app keeps it strong and any
    other name means the connection was to another site: no finding."""
    address = details.get("address", "")
    hits = index.ips.get(address)
    if not hits:
        return []
    found = sorted(hits, key=lambda d: (d.role != "c2", _TYPE_RANK.get(d.type, 9), d.app))[0]
    server = "a download server" if found.role == "distribution" else "a server"
    client = details.get("client", "")
    who = f"The device at {client}" if client else "The phone or a device on its network"
    contact = f"{who} connected to {address} (TCP)"
    shared = rules.shared_network(address)
    if shared is None:
        return [_server(found, f"{contact}, an address of {server}", "ip")]
    hosts = [h for h in details.get("hosts", "").split(",") if h]
    agreeing = [h for h in hosts if _names_app(index, h, found.app)]
    if agreeing:
        return [
            _server(
                found,
                f"{contact} asking for {agreeing[0]} ({_asked(details, agreeing[0])}), an address and name"
                f" of {server}",
                "ip",
            )
        ]
    if hosts:
        return []  # the capture shows it asked the shared address for another site
    what = "stalkerware" if found.type in ("stalkerware", "spyware") else "a monitoring app (watchware)"
    text = (
        f"{contact}, an address the indicators list for {server} of {found.app}, which is {what}. The address"
        f" is on {shared}'s shared network, which serves many unrelated websites, and the capture does not"
        " show which site was asked for: on its own this is weak evidence."
    )
    return [DeviceFinding("shared_address", "weak", found.app, "", "ip", text, found.source)]


def _names_app(index: IndicatorIndex, name: str, app: str) -> bool:
    """Whether ``name`` or a parent domain of it is listed for ``app``."""
    return any(d.app == app for parent in suffixes(name) for d in index.domains.get(parent, ()))


def _server(found: DomainIndicator, contact: str, matched_by: str) -> DeviceFinding:
    """Contact with a server an indicator lists as an app's: strong for stalkerware, else check consent."""
    monitoring = found.type in ("stalkerware", "spyware")
    what = "stalkerware" if monitoring else "a monitoring app (watchware)"
    if found.role == "distribution":
        use, suggests = f"from which {found.app}", "may have been downloaded"
        text = f"{contact} {use}, which is {what}, is offered for download."
    else:
        use, suggests = f"used by {found.app}", "was running"
        text = f"{contact} {use}, which is {what}."
    text += f" This suggests the app {suggests} on the phone or a device on the same network. {DO_NOT_REMOVE}"
    kind = "stalkerware_server" if monitoring else "monitoring_server"
    strength = "strong" if monitoring else "check_consent"
    return DeviceFinding(kind, strength, found.app, "", matched_by, text, found.source)


def check_tracker(details: Mapping[str, str]) -> list[DeviceFinding]:
    """A tracker alert entered by hand."""
    serial = f" (serial {details['serial']})" if details.get("serial") else ""
    when = f" on {uk_display(details['at_utc'])} (UK time)" if details.get("at_utc") else ""
    text = (
        f"An unknown {details.get('tracker_type', 'tracker')} was reported{serial}{when}; found in/at:"
        f" {details.get('where', '')}. The police can ask the maker who registered the serial number."
        f" {TRACKER_SAFETY}"
    )
    return [
        DeviceFinding("tracker", "context", details.get("tracker_type", ""), "", "manual_entry", text, "")
    ]


def check_mvt_alert(details: Mapping[str, str]) -> list[DeviceFinding]:
    """An alert MVT raised when it was run separately (Footprint did not check this itself)."""
    level = details.get("level", "")
    indicator = details.get("indicator", "")
    strong = level in ("critical", "high") and bool(indicator)
    text = (
        f"MVT (run separately) raised a {level} alert in its {details.get('module', '')} module:"
        f" {details.get('message', '')}. Footprint did not check this itself; review MVT's own output."
    )
    if strong:
        text += f" {DO_NOT_REMOVE}"
    matched = f"mvt:{details.get('indicator_type') or 'indicator'}" if indicator else "mvt"
    return [
        DeviceFinding("mvt_alert", "strong" if strong else "context", "", indicator, matched, text, "mvt")
    ]


def check_profiles(details: Mapping[str, str]) -> list[DeviceFinding]:
    """Configuration profiles installed on an iPhone, and files of remote management (MDM) enrolment."""
    count = details.get("count", "0")
    parts = []
    if count != "0":
        parts.append(
            f"{count} configuration profile(s) are installed on the iPhone. A profile can let an organisation"
            " or a person manage the iPhone, route its traffic or install certificates; check in Settings >"
            " General > VPN & Device Management that she recognises each one."
        )
    if mdm := details.get("mdm_files"):
        where = "there" if parts else "in Settings > General > VPN & Device Management"
        parts.append(
            f"The backup {'also ' if parts else ''}holds the device-management file {mdm}: the iPhone may be"
            " enrolled in remote management (MDM), which lets whoever runs it see and control much of the"
            f" phone; check {where} who manages it."
        )
    text = " ".join(parts)
    return [DeviceFinding("configuration_profile", "context", "", "", "manifest", text, "footprint")]


def check_observation(index: IndicatorIndex, details: Mapping[str, str]) -> list[DeviceFinding]:
    """Every finding for one observation (an item's ``details``)."""
    observation = details.get("observation")
    if observation == "package":
        return check_package(index, details)
    if observation in _ACCESS:
        return check_access(index, details)
    if observation == "setting":
        return check_setting(details)
    if observation == "root_binary":
        return check_root_binary(details)
    if observation == "domain":
        return check_domain(index, details)
    if observation == "connection":
        return check_address(index, details)
    if observation == "tracker":
        return check_tracker(details)
    if observation == "mvt_alert":
        return check_mvt_alert(details)
    if observation == "configuration_profile":
        return check_profiles(details)
    return []
