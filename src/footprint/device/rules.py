"""Footprint's own device rule data (allow-list, installers, built-in features) from rules/device/."""

from __future__ import annotations

import ipaddress
from functools import cache
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "rules" / "device"


def path(name: str) -> Path:
    """The path of a rule file shipped in the package."""
    return RULES_DIR / name


@cache
def knowledge() -> dict[str, Any]:
    """Installers, root managers, benign services and built-in location features."""
    loaded = yaml.safe_load(path("knowledge.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def names(key: str) -> frozenset[str]:
    """One list from the knowledge file, lower-cased."""
    return frozenset(str(v).lower() for v in knowledge().get(key, []))


@cache
def shared_networks() -> tuple[tuple[str, ipaddress.IPv4Network | ipaddress.IPv6Network], ...]:
    """Shared CDN and anycast ranges from the knowledge file: ``(operator, network)``."""
    ranges = knowledge().get("shared_networks", {})
    return tuple((name, ipaddress.ip_network(cidr)) for name, cidrs in ranges.items() for cidr in cidrs)


def shared_network(address: str) -> str | None:
    """The operator of the shared CDN or anycast range ``address`` is in, if any."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    return next((name for name, net in shared_networks() if ip in net), None)
