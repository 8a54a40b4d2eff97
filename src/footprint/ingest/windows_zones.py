"""Windows time zone IDs (``GMT Standard Time``) read as IANA zones, by CLDR's windowsZones table.

The table is ``rules/zones/windows-zones.csv`` (its header names the CLDR file and version); each Windows
ID maps to its territory "001" zone. A name the table lacks is not guessed at: ``iana_zone`` says None.
"""

from __future__ import annotations

import csv
from importlib.resources import files

#: where the table came from, for the decisions an exhibit records
SOURCE = "the Unicode CLDR windowsZones table, typeVersion 2021a, territory 001"


def _read() -> dict[str, str]:
    text = (files("footprint") / "rules" / "zones" / "windows-zones.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["windows"]: row["iana"] for row in rows}


TABLE = _read()


def iana_zone(windows_name: str) -> str | None:
    """The IANA zone for a Windows zone ID written exactly as Windows writes it, or None."""
    return TABLE.get(windows_name)
