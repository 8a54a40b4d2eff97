"""Footprint's own device rule data (allow-list, installers, built-in features) from rules/device/."""

from __future__ import annotations

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
