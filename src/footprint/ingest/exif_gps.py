"""Where an image says it was taken: its EXIF GPS record (latitude and longitude with their hemispheres,
altitude, the GPS receiver's UTC date and time, the horizontal error), read into an item's details.

The GPS record is a TIFF IFD (tag 0x8825 of the image's first IFD) that Pillow reads as a JPEG's, a
HEIC's (its ``Exif`` item) or a TIFF's. Every value is hostile: a rational with a zero denominator, a NaN,
a degree out of range, a value of the wrong type or count, a numerator of 4,294,967,295. Each such value
is said, naming its tag and giving it as read, and what rests on it is not kept (a bad latitude: no
location); nothing here raises. Coordinates are kept as the record gives them, in decimal degrees to 6
places (about 0.1 m), in the datum it names (EXIF's own is WGS-84); nothing converts or looks them up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date as date_of
from fractions import Fraction

from PIL.TiffImagePlugin import IFDRational

#: the EXIF tag of the GPS record (its IFD)
GPS_IFD = 0x8825
#: the item details the GPS record fills (each only when read and sound)
LOCATION = "location"  # "52.123456, -1.234567": latitude, longitude in decimal degrees
ALTITUDE = "location_altitude_m"  # metres above sea level (negative below)
ERROR = "location_error_m"  # the horizontal error the receiver gave, in metres
GPS_TIME = "location_time_utc"  # the receiver's UTC time: "2026-01-02T13:04:05Z" ("13:04:05Z" undated)
DATUM = "location_datum"  # the datum the record names ("WGS-84"), when it names one
KEYS = (LOCATION, ALTITUDE, ERROR, GPS_TIME, DATUM)
#: the tags read, by number, with EXIF's names for them
NAMES = {
    1: "GPSLatitudeRef",
    2: "GPSLatitude",
    3: "GPSLongitudeRef",
    4: "GPSLongitude",
    5: "GPSAltitudeRef",
    6: "GPSAltitude",
    7: "GPSTimeStamp",
    18: "GPSMapDatum",
    29: "GPSDateStamp",
    31: "GPSHPositioningError",
}
#: an altitude or horizontal error beyond this many metres is no phone's or camera's reading
MAX_METRES = 100_000
_RAW_CHARS = 120  # a value as a warning gives it is cut to this many characters
_WGS84 = frozenset({"WGS-84", "WGS84", "WGS 84"})
_DATE = re.compile(r"(\d{4}):(\d{2}):(\d{2})")


@dataclass(frozen=True)
class GpsRead:
    """The details an image's GPS record gives, and what was wrong with it (each naming its tag, with
    the value as read)."""

    details: dict[str, str]
    problems: tuple[str, ...]


class _Bad(Exception):
    """One GPS value that cannot be used: why, and its tag (0: the caller's)."""

    def __init__(self, why: str, tag: int = 0) -> None:
        super().__init__(why)
        self.why, self.tag = why, tag


def read_gps(tags: Mapping[int, object]) -> GpsRead:
    """The location, altitude, horizontal error, GPS time and datum the GPS record's ``tags`` give."""
    details: dict[str, str] = {}
    problems: list[str] = []

    def said(tag: int, why: str, lost: str) -> None:
        problems.append(f"its EXIF {NAMES[tag]} (GPS tag {tag}) {_raw(tags.get(tag))} {why}: {lost}")

    place = [(2, 1, 90, "NS"), (4, 3, 180, "EW")]
    if any(tag in tags or ref in tags for tag, ref, _, _ in place):
        degrees: list[Fraction] = []
        for tag, ref, limit, hemispheres in place:
            try:
                degrees.append(_coordinate(tags, tag, ref, limit, hemispheres))
            except _Bad as exc:
                said(exc.tag, exc.why, "no location kept")
        if len(degrees) == 2:
            details[LOCATION] = f"{_fixed(degrees[0], 6)}, {_fixed(degrees[1], 6)}"
    if 6 in tags:
        try:
            details[ALTITUDE] = _metres(_altitude(tags))
        except _Bad as exc:
            said(exc.tag, exc.why, "no altitude kept")
    if 31 in tags:
        try:
            details[ERROR] = _metres(_measure(tags[31]))
        except _Bad as exc:
            said(31, exc.why, "no horizontal error kept")
    if 7 in tags or 29 in tags:
        try:
            details[GPS_TIME] = _gps_time(tags)
        except _Bad as exc:
            said(exc.tag, exc.why, "no GPS time kept")
    if 18 in tags:
        datum = tags[18]
        text = datum.strip("\x00 ") if isinstance(datum, str) else ""
        if text and text.isprintable() and len(text) <= 40:
            details[DATUM] = text
        elif text or not isinstance(datum, str):
            said(18, "is no datum's name", "no datum kept")
    return GpsRead(details, tuple(problems))


def location_words(details: Mapping[str, str]) -> str:
    """An item's location as a reader is shown it: ``52.123456, -1.234567 (altitude 45.2 m, ±10 m, GPS
    time 2026-01-02 13:04:05 UTC)``; when its GPS record gave the rest but no sound latitude and longitude,
    "no latitude and longitude (…)"; "" when it gave nothing said here."""
    parts = []
    if ALTITUDE in details:
        parts.append(f"altitude {details[ALTITUDE]} m")
    if ERROR in details:
        parts.append(f"±{details[ERROR]} m")
    if GPS_TIME in details:
        when = details[GPS_TIME].removesuffix("Z").replace("T", " ")
        parts.append(f"GPS time {when} UTC" + ("" if "-" in when else ", no GPS date"))
    datum = details.get(DATUM, "")
    if datum and datum.upper() not in _WGS84:
        parts.append(f"datum {datum} as the record names it, not WGS-84")
    if LOCATION not in details and not parts:
        return ""
    location = details.get(LOCATION) or "no latitude and longitude"
    return location + (f" ({', '.join(parts)})" if parts else "")


def _raw(value: object) -> str:
    """A value as read, for a warning: a rational as ``52/0``, a tuple of them in brackets, text quoted."""
    if value is None:
        out = "(absent)"
    elif isinstance(value, IFDRational):
        out = f"{value.numerator}/{value.denominator}"
    elif isinstance(value, tuple):
        out = "(" + ", ".join(_raw(v) for v in value[:8]) + (", …" if len(value) > 8 else "") + ")"
    else:
        out = repr(value)
    return out if len(out) <= _RAW_CHARS else out[: _RAW_CHARS - 1] + "…"


def _number(value: object) -> Fraction:
    """A rational or integer as an exact fraction; _Bad for a zero denominator, NaN, infinity or another
    type."""
    if isinstance(value, IFDRational):
        if value.denominator == 0:
            raise _Bad("has a zero denominator")
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Bad("is not a number")
        return Fraction(value)
    raise _Bad(f"is {type(value).__name__}, not a number")


def _numbers(value: object, count: int) -> list[Fraction]:
    """``count`` numbers (a single one read as a 1-tuple); _Bad for another count or a bad number."""
    if isinstance(value, str | bytes):
        raise _Bad(f"is {'text' if isinstance(value, str) else 'bytes'}, not {count} number(s)")
    values = value if isinstance(value, tuple) else (value,)
    if len(values) != count:
        raise _Bad(f"holds {len(values)} value(s), not {count}")
    return [_number(v) for v in values]


def _coordinate(tags: Mapping[int, object], tag: int, ref: int, limit: int, hemispheres: str) -> Fraction:
    """A latitude's or longitude's signed decimal degrees, from its degrees, minutes and seconds (each
    non-negative, minutes and seconds under 60, the whole within ``limit``) and its hemisphere."""
    if tag not in tags:
        raise _Bad("is missing (only its hemisphere is given)", tag)
    try:
        degrees, minutes, seconds = _numbers(tags[tag], 3)
    except _Bad as exc:
        raise _Bad(exc.why, tag) from None
    if min(degrees, minutes, seconds) < 0:
        raise _Bad("is negative (the hemisphere gives the sign)", tag)
    if minutes >= 60 or seconds >= 60:
        raise _Bad("has minutes or seconds of 60 or more", tag)
    value = degrees + minutes / 60 + seconds / 3600
    if value > limit:
        raise _Bad(f"is more than {limit} degrees", tag)
    side = tags.get(ref)
    letter = side.strip("\x00 ").upper() if isinstance(side, str) else None
    if letter is None or len(letter) != 1 or letter not in hemispheres:
        raise _Bad(f"is no hemisphere ({' or '.join(hemispheres)})", ref)
    return -value if letter == hemispheres[1] else value


def _measure(value: object) -> Fraction:
    """A distance in metres: one non-negative number up to MAX_METRES."""
    (metres,) = _numbers(value, 1)
    if metres < 0 or metres > MAX_METRES:
        raise _Bad(f"is not between 0 and {MAX_METRES:,} metres")
    return metres


def _altitude(tags: Mapping[int, object]) -> Fraction:
    """Metres above sea level (negative below, as GPSAltitudeRef 1 says; absent is above)."""
    try:
        metres = _measure(tags[6])
    except _Bad as exc:
        raise _Bad(exc.why, 6) from None
    ref = tags.get(5, 0)
    below = ref[0] if isinstance(ref, bytes) and len(ref) == 1 else ref
    if below not in (0, 1) or isinstance(below, bool):
        raise _Bad("is neither 0 (above sea level) nor 1 (below)", 5)
    return -metres if below == 1 else metres


def _gps_time(tags: Mapping[int, object]) -> str:
    """The receiver's UTC time as ISO 8601 (``2026-01-02T13:04:05Z``; seconds' fraction cut to
    milliseconds, never rounded up: 59.9996 s is ``59.999``, not a 60th second), or its time alone
    (``13:04:05Z``) when the record gives no date."""
    if 7 not in tags:
        raise _Bad("is given without a GPSTimeStamp", 29)
    try:
        hours, minutes, seconds = _numbers(tags[7], 3)
    except _Bad as exc:
        raise _Bad(exc.why, 7) from None
    if not (0 <= hours < 24 and hours.denominator == 1 and 0 <= minutes < 60 and minutes.denominator == 1
            and 0 <= seconds < 60):  # fmt: skip
        raise _Bad("is no time of day", 7)
    millis = int((seconds - int(seconds)) * 1000)
    clock = f"{int(hours):02d}:{int(minutes):02d}:{int(seconds):02d}" + (f".{millis:03d}" if millis else "")
    if 29 not in tags:
        return f"{clock}Z"
    date = tags[29]
    m = _DATE.fullmatch(date.strip("\x00 ")) if isinstance(date, str) else None
    try:
        day = date_of(*(int(g) for g in m.groups())) if m else None
    except ValueError:  # no such day
        day = None
    if day is None:
        raise _Bad("is no date (YYYY:MM:DD)", 29)
    return f"{day.isoformat()}T{clock}Z"


def _fixed(value: Fraction, places: int) -> str:
    """``value`` to ``places`` decimal places, rounded half to even on the exact fraction; no "-0"."""
    scaled = round(value * 10**places)
    sign = "-" if scaled < 0 else ""
    whole, part = divmod(abs(scaled), 10**places)
    return f"{sign}{whole}.{part:0{places}d}" if places else f"{sign}{whole}"


def _metres(value: Fraction) -> str:
    """Metres to at most 2 decimal places, without trailing zeros: 45.2, 10, -3.25."""
    return _fixed(value, 2).rstrip("0").rstrip(".")
