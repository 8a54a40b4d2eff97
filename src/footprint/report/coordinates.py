"""Coordinates written as decimal degrees (``52.123456, -1.234567``): a place as exact as an address, so
a disclosure copy masks them wherever written, one mask per place.

An image's location (``ingest.exif_gps``) is written this way in its item's details and raw record (the
others of its GPS details, altitude, error and time, are kept: none places it alone); a
message or a location share may write one too (``52.1235,-1.2346``, in a map link's ``?q=``, or with its
comma percent-encoded, ``?query=52.1235%2C-1.2346``, or as a link's ``lat=52.1235&lon=-1.2346``). A pair is
taken for coordinates only with 4 or more decimal places in each number (about 10 m), the latitude
within 90 degrees and the longitude within 180, standing apart from other digits: a price, a version or a
time is never written that way. Coordinates written otherwise (degrees and minutes, a latitude alone, a
field of its own in a raw record) are not found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: the redaction log's reason for a masked pair
WHY = "coordinates (latitude, longitude in decimal degrees): where a photo was taken, or a place shared"
_LAT = r"([+-]?\d{1,2}\.\d{4,})"
_LON = r"([+-]?\d{1,3}\.\d{4,})"
#: "52.1234, -1.2345", or in a link "52.1234%2C-1.2345" (a comma percent-encoded: Google's documented
#: ``maps/search/?api=1&query=``); or a link's own pair of fields, ``lat=52.1234&lon=-1.2345`` (or ``lng=``)
_PAIR = re.compile(
    rf"(?<![\w.+-]){_LAT}\s*(?:,|%2[cC])\s*{_LON}(?![\w.])"
    rf"|(?<![\w.+%-])(?i:lat)={_LAT}&(?i:lng|lon)={_LON}(?![\w.])"
)


@dataclass(frozen=True)
class Coordinates:
    """One pair found in a text: where it is and the place it names, to 6 decimal places."""

    start: int
    end: int
    place: str  # "52.123456, -1.234567": the same place however many places or spaces it was written with


def find_coordinates(text: str) -> list[Coordinates]:
    """Each pair of decimal degrees in ``text``, in order."""
    if "." not in text:
        return []
    found = []
    for m in _PAIR.finditer(text):
        lat, lon = (float(m.group(1) or m.group(3)), float(m.group(2) or m.group(4)))
        if abs(lat) <= 90 and abs(lon) <= 180:
            found.append(Coordinates(m.start(), m.end(), f"{_six(lat)}, {_six(lon)}"))
    return found


def _six(value: float) -> str:
    """``value`` to 6 decimal places, with no "-0.000000"."""
    out = f"{value:.6f}"
    return out[1:] if out == "-0.000000" else out
