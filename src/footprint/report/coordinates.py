"""Coordinates written as decimal degrees (``52.123456, -1.234567``): a place as exact as an address, so
a disclosure copy masks them wherever written, one mask per place.

An image's location (``ingest.exif_gps``) is written this way in its item's details and raw record (the
others of its GPS details, altitude, error and time, are kept: none places it alone); a message or a
location share may write one too, in its text or in a map link. Found:

- a pair in text, ``52.1235,-1.2346`` or ``52.1235, -1.2346``, with 4 or more decimal places in each
  number (about 10 m), standing apart from other digits: a price, a version, a time or a phone number is
  never written that way;
- in a map link, the pair a link's field holds, with 3 or more decimal places (about 100 m): Google's
  ``@lat,lon,17z``, ``!3dLAT!4dLON`` (every place link carries it) and ``!2dLON!3dLAT``; ``q=``, ``ll=``,
  ``sll=``, ``query=``, ``destination=``, ``origin=``, ``center=``, ``daddr=``, ``saddr=``,
  ``coordinate=``, ``viewpoint=`` and ``near=`` (Google and Apple Maps); OpenStreetMap's
  ``mlat=…&mlon=…`` and ``#map=17/LAT/LON``; Bing's ``cp=LAT~LON``; a ``geo:LAT,LON`` URI; and a link's
  own ``lat=``/``lon=`` (``lng=``, ``latitude=``, ``longitude=``) fields in either order, up to three other
  fields apart. The comma may be written ``,`` ``%2C`` or ``%252C``, with spaces (`` ``, ``+``, ``%20``)
  either side, and the other punctuation percent-encoded too, as a link inside another link (a
  redirect's ``?u=``) is;
- a what3words address (``///filled.count.soap``, ``w3w.co/…``, ``what3words.com/…``): not coordinates,
  and not turned into them, but three words naming a 3-metre square, so masked as a place of its own.

Where a link names its fields (``lat=…&lon=…``, ``!3d…!4d…``, ``mlat=…&mlon=…``), the fields are masked
with the numbers; where one field holds the pair, the pair is. The latitude must be within 90 degrees and
the longitude within 180. Coordinates written otherwise (degrees and minutes, a latitude alone, a field of
its own in a raw record, fewer decimal places) are not found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: the redaction log's reason for a masked pair
WHY = "coordinates (latitude, longitude in decimal degrees): where a photo was taken, or a place shared"
#: and for a masked what3words address
WHY_W3W = "a what3words address (three words naming a 3-metre square): a place shared"


def _encoded(literal: str, code: str) -> str:
    """``literal``, or percent-encoded as ``%XX`` or, encoded twice, ``%25XX`` (``code`` is ``XX``)."""
    hex_ = "".join(f"[{c}{c.lower()}]" if c.isalpha() else c for c in code)
    return f"(?:{literal}|%(?:25)?{hex_})"


_SPACE = r"(?:\s|\+|%(?:25)?20)"  # " ", "+" or "%20" (or "%2520")
_COMMA = rf"{_SPACE}*{_encoded(',', '2C')}{_SPACE}*"
_EQ, _AMP, _SLASH = _encoded("=", "3D"), _encoded("(?:&amp;|[&;])", "26"), _encoded("/", "2F")
_BANG, _COLON, _TILDE, _AT = (
    _encoded("!", "21"),
    _encoded(":", "3A"),
    _encoded("~", "7E"),
    _encoded("@", "40"),
)
#: where a field's name or a pair may start: not inside a word or a number, or just after "%XX"
_START = r"(?:(?<![\w%.+-])|(?<=%[0-9A-Fa-f]{2}))"
_END = r"(?![\w.])"
_LAT_KEY = r"(?i:m?lat(?:itude)?)"
_LON_KEY = r"(?i:m?(?:lon|lng|long|longitude))"
#: up to three other fields between a link's latitude field and its longitude field
_BETWEEN = rf"{_AMP}(?:[\w.%-]+{_EQ}[^&;\s#]*?{_AMP}){{0,3}}?"
_WORDS = r"[^\W\d_]+\.[^\W\d_]+\.[^\W\d_]+(?![\w/]|\.\w)"  # what3words' three words
_PAIR_FIELDS = r"(?i:q|ll|sll|query|destination|origin|center|daddr|saddr|coordinate|viewpoint|near)"


def _lat(n: int, places: int) -> str:
    """A latitude, ``lat<n>``, with at least ``places`` decimal places."""
    return rf"(?P<lat{n}>[+-]?\d{{1,2}}\.\d{{{places},}}){_END}"


def _lon(n: int, places: int) -> str:
    """A longitude, ``lon<n>``, with at least ``places`` decimal places."""
    return rf"(?P<lon{n}>[+-]?\d{{1,3}}\.\d{{{places},}}){_END}"


#: each shape: the part masked is group ``s<n>``, its numbers ``lat<n>`` and ``lon<n>``; those that start
#: with a field's name or a number start where ``_START`` allows (tried once for all, as it is slow)
_SHAPES = (
    rf"(?P<s0>{_BANG}3d{_lat(0, 3)}{_BANG}4d{_lon(0, 3)})",  # Google's place data
    rf"(?P<s1>{_BANG}2d{_lon(1, 3)}{_BANG}3d{_lat(1, 3)})",  # Google's embedded map: longitude first
    rf"{_AT}(?P<s2>{_lat(2, 3)}{_COMMA}{_lon(2, 3)}){_COMMA}\d+(?:\.\d+)?[a-z]",  # Google's @lat,lon,17z
    # what3words: three words of letters, not a file:/// path's
    rf"(?<![\w%.+:-])///(?P<w>{_WORDS})",
    rf"{_START}(?:"
    + "|".join(
        (
            rf"(?P<s3>{_LAT_KEY}{_EQ}{_lat(3, 3)}{_BETWEEN}{_LON_KEY}{_EQ}{_lon(3, 3)})",
            rf"(?P<s4>{_LON_KEY}{_EQ}{_lon(4, 3)}{_BETWEEN}{_LAT_KEY}{_EQ}{_lat(4, 3)})",
            rf"(?i:map){_EQ}\d{{1,2}}(?:\.\d+)?{_SLASH}(?P<s5>{_lat(5, 3)}{_SLASH}{_lon(5, 3)})",  # OSM
            rf"(?i:cp){_EQ}(?P<s6>{_lat(6, 3)}{_TILDE}{_lon(6, 3)})",  # Bing
            rf"(?i:geo){_COLON}(?P<s7>{_lat(7, 3)}{_COMMA}{_lon(7, 3)})",  # RFC 5870
            rf"{_PAIR_FIELDS}{_EQ}(?:(?i:loc){_COLON})?"  # Google's old "q=loc:52.1+-1.2"
            rf"(?P<s8>{_lat(8, 3)}(?:{_COMMA}|{_SPACE}+){_lon(8, 3)})",
            rf"(?P<s9>{_lat(9, 4)}{_COMMA}{_lon(9, 4)})",  # a pair in text
            rf"(?i:w3w\.co|what3words\.com)/(?P<w2>{_WORDS})",
        )
    )
    + ")",
)
_FOUND = re.compile("|".join(_SHAPES))
_NUMBERED = range(10)  # s0 to s9
#: what every shape holds: looked for first, as most texts have none (the shapes are slower to try)
_HINT = re.compile(r"\d\.\d{3}|///|w3w\.co/|what3words\.com/", re.I)


@dataclass(frozen=True)
class Coordinates:
    """One place found in a text: where it is and the place it names (a pair to 6 decimal places, or
    ``///three.words.here``)."""

    start: int
    end: int
    place: str  # "52.123456, -1.234567": the same place however many places or spaces it was written with
    why: str = WHY  # the redaction log's reason


def find_coordinates(text: str) -> list[Coordinates]:
    """Each place written in ``text`` as a pair of decimal degrees or a what3words address, in order."""
    if "." not in text or not _HINT.search(text):
        return []
    found = []
    for m in _FOUND.finditer(text):
        if words := m.group("w") or m.group("w2"):
            at = m.span("w" if m.group("w") else "w2")
            found.append(Coordinates(*at, f"///{words.lower()}", WHY_W3W))
            continue
        n = next(n for n in _NUMBERED if m.group(f"s{n}") is not None)
        lat, lon = float(m.group(f"lat{n}")), float(m.group(f"lon{n}"))
        if abs(lat) <= 90 and abs(lon) <= 180:
            found.append(Coordinates(m.start(f"s{n}"), m.end(f"s{n}"), f"{_six(lat)}, {_six(lon)}"))
    return found


def _six(value: float) -> str:
    """``value`` to 6 decimal places, with no "-0.000000"."""
    out = f"{value:.6f}"
    return out[1:] if out == "-0.000000" else out
