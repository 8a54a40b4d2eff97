"""EXIF records with a GPS record written byte by byte, so that a test can give any tag any type, count
and bytes (a zero denominator, a NaN double, text where degrees belong), which Pillow's writer refuses."""

from __future__ import annotations

import io
import struct

from PIL import Image, TiffImagePlugin

BYTE, ASCII, SHORT, LONG, RATIONAL, SRATIONAL, DOUBLE = 1, 2, 3, 4, 5, 10, 12
_SIZES = {BYTE: 1, ASCII: 1, SHORT: 2, LONG: 4, RATIONAL: 8, SRATIONAL: 8, DOUBLE: 8}
Entry = tuple[int, int, int, bytes]  # tag, type, count, the value's bytes (little-endian)


def rationals(*pairs: tuple[int, int]) -> Entry:
    """Unsigned rationals (numerator, denominator) as one value, for ``at``."""
    return (0, RATIONAL, len(pairs), b"".join(struct.pack("<II", n, d) for n, d in pairs))


def at(tag: int, entry: Entry) -> Entry:
    return (tag, *entry[1:])


def text(tag: int, value: str) -> Entry:
    data = value.encode("latin-1") + b"\x00"
    return (tag, ASCII, len(data), data)


def gps_record(entries: list[Entry], pointer: int | None = None) -> bytes:
    """``Exif\\0\\0`` and a little-endian TIFF record whose first IFD points (tag 0x8825) at a GPS IFD
    holding ``entries`` as given (sorted by tag; a value over 4 bytes after the IFD); ``pointer``: the
    GPS IFD's offset as written instead (to point it anywhere)."""
    gps_at = 8 + 2 + 12 + 4
    entries = sorted(entries)
    data_at = gps_at + 2 + 12 * len(entries) + 4
    ifd = struct.pack("<H", len(entries))
    extra = b""
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            ifd += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\x00")
        else:
            ifd += struct.pack("<HHII", tag, kind, count, data_at + len(extra))
            extra += value
    ifd += b"\x00\x00\x00\x00"
    first = struct.pack("<H", 1) + struct.pack("<HHII", 0x8825, LONG, 1, pointer or gps_at) + b"\0" * 4
    return b"Exif\x00\x00" + b"II*\x00" + struct.pack("<I", 8) + first + ifd + extra


#: a sound GPS record, as an iPhone writes one: 52°7'24.4416"N 1°14'4.4412"W, 45.2 m up, ±10 m, 13:04:05 UTC
SOUND = {
    1: "N",
    2: (52.0, 7.0, TiffImagePlugin.IFDRational(244416, 10000)),
    3: "W",
    4: (1.0, 14.0, TiffImagePlugin.IFDRational(44412, 10000)),
    5: b"\x00",
    6: TiffImagePlugin.IFDRational(452, 10),
    7: (13.0, 4.0, 5.0),
    29: "2026:01:02",
    31: TiffImagePlugin.IFDRational(10, 1),
}
SOUND_DETAILS = {
    "location": "52.123456, -1.234567",
    "location_altitude_m": "45.2",
    "location_error_m": "10",
    "location_time_utc": "2026-01-02T13:04:05Z",
}
SOUND_WORDS = "52.123456, -1.234567 (altitude 45.2 m, ±10 m, GPS time 2026-01-02 13:04:05 UTC)"


def jpeg(exif: bytes) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 40)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def tiff(exif: bytes) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 40)).save(out, "TIFF", exif=exif)
    return out.getvalue()
