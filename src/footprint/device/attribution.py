"""Attribution and limitation text for device findings (no indicator files are read)."""

from __future__ import annotations

from collections.abc import Iterable

ATTRIBUTIONS = {
    "echap": "Stalkerware indicators by Echap (AssoEchap/stalkerware-indicators), CC-BY 4.0",
    "isdi": "ISDI app-flags by the Cornell Clinic to End Tech Abuse (stopipv/isdi), MIT licence",
    "tinycheck": "TinyCheck allow-list by Kaspersky (KasperskyLab/TinyCheck), Apache-2.0",
    "stix": "STIX2 indicator bundle supplied by the user",
    "allowlist": "Allow-list supplied by the user",
    "footprint": "Footprint built-in allow-list (rules/device/allowlist.yaml)",
}

STRENGTH_HEADINGS = {
    "strong": "Strong indicators (known stalkerware)",
    "check_consent": "Monitoring-capable apps: check consent",
    "context": "Context (not proof on its own)",
    "weak": "Weak indicators",
}

SAFETY_NOTE = (
    "Safety: do not remove the app or change settings yet — removing it may alert the person who"
    " installed it and raise the risk to her. Preserve the evidence first (photograph the screen with"
    " another device, keep this exhibit) and make a safety plan with a specialist adviser."
)

# Survivor guidance: a working tracker keeps reporting where she is; keep it (the evidence), but away from
# a safe address, and disable it only with the police or an adviser.
TRACKER_SAFETY = (
    "While it is working it can show where she is: do not take it to a refuge or other safe address. If she"
    " is in danger now, call 999. Ask the police or a specialist adviser before disabling it, so that the"
    " evidence (serial number, owner request) is kept: disabling it may also alert the person responsible."
)

LIMITATIONS = (
    "Nothing found is not the same as clean: indicator lists are incomplete and new or renamed"
    " stalkerware will not be recognised.",
    "iOS coverage is very limited: the indicators mostly list Android apps, and an iPhone backup shows"
    " installed apps, not how they are configured or who controls the account.",
    "GPS trackers with their own SIM card, and Bluetooth trackers (AirTag, SmartTag, Tile), do not appear"
    " in a phone's app list or settings: they need a physical search; tracker alerts on Android vanish"
    " after 48 hours, so screenshot them.",
    "Network logs only show apps that were active while the log was recorded, and only their DNS/TLS names.",
)


def attribution_lines(kinds: Iterable[str]) -> list[str]:
    """The attribution lines for indicator source kinds (``echap``, ``isdi``...), sorted."""
    return [ATTRIBUTIONS[k] for k in sorted(set(kinds)) if k in ATTRIBUTIONS]
