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
  and not turned into them, but three words naming a 3-metre square, so masked as a place of its own;
- a pair in degrees and minutes (and seconds), ``51°30'26"N 0°7'39"W`` or ``51.5072° N, 0.1275° W``,
  each number with its hemisphere (before or after it) and to the minute at least, or to 3 decimal
  places of a degree, in either order: turned into decimal degrees, so one place with a pair of decimals;
  with marks and no hemisphere, a latitude then a longitude signed (``51°30'26", -0°7'39"``); without
  marks (``51 30 26 N 0 7 39 W``, ``N 51 30.433 W 0 7.65``, ``51.5072 N 0.1275 W``), each number with its
  hemisphere and to the second, or to a decimal of a minute or 3 of a degree (whole minutes without marks
  are too like a time or a score); parted by colons, as a GPS unit writes them (``51:30:26N 0:07:39W``,
  ``N51:30:26 W000:07:39``, ``51:30.43N,0:07.65W``), the same (a time's ``10:30:15`` has no hemisphere,
  ``10:30 N`` whole minutes); a hemisphere may be written as a word in any capitals (``51.5072 north,
  0.1275 West``), a letter only as a capital;
- a raw record's latitude and longitude kept in fields of their own (a Telegram location share's
  ``"latitude": 51.500142, "longitude": -0.124626``), in either order, up to three other fields apart,
  with one decimal place or more (a field named so holds a latitude however exact); an item's details
  that keep them so are read by ``place_in_fields``.
- in an XML record, a latitude and a longitude: a UFED report's ``Position`` (``<field name="Latitude">
  <value type="Double">51.5</value></field>``, CDATA or not), a GPX point's ``lat="51.5" lon="-0.12"``,
  elements (``<latitude>``, ``<geo:lat>``, KML's ``<LookAt>``), in either order, up to three other
  attributes or elements apart, with one decimal place or more; and each point of a KML
  ``<coordinates>-0.12,51.5,0</coordinates>`` or a KML track's ``<gx:coord>-0.12 51.5 0</gx:coord>``
  (longitude first, the altitude kept);
- a latitude and a longitude labelled in text (``lat: 51.50, lon: -0.12``), in either order, up to 80
  characters apart, and a JSON object's latitude and longitude fields however far apart in it: each
  number with 2 decimal places or more (fewer locate nothing closer than about 1 km), each masked as the
  one place the two name.

Where a link or record names its fields (``lat=…&lon=…``, ``!3d…!4d…``, ``mlat=…&mlon=…``,
``"lat": …, "lng": …``), the fields are masked with the numbers; where one field holds the pair, the pair
is. The latitude must be within 90 degrees and the longitude within 180. Coordinates written otherwise (a
latitude alone, whole degrees, fewer decimal places in text) are not found. A map link's
other ways of naming a place (a short link, the words searched for), and a general short link's path,
are ``report.map_links``'.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from footprint.report.spans import Spans

#: the redaction log's reason for a masked pair
WHY = "coordinates (latitude, longitude in decimal degrees): where a photo was taken, or a place shared"
#: and for a masked what3words address
WHY_W3W = "a what3words address (three words naming a 3-metre square): a place shared"
#: and for a pair in degrees and minutes
WHY_DEGREES = "coordinates (latitude, longitude in degrees, minutes and seconds): a place shared"
#: and for a pair in decimal degrees each with its hemisphere (``51.5072° N, 0.1275° W``)
WHY_HEMISPHERES = (
    "coordinates (latitude, longitude in decimal degrees, each with its hemisphere): a place shared"
)
#: and for a pair in degrees, minutes and seconds written with colons (``51:30:26N 0:07:39W``)
WHY_COLONS = (
    "coordinates (latitude, longitude in degrees, minutes and seconds written with colons, as a GPS unit"
    " or a phone's app writes them): a place shared"
)
#: and for a latitude and a longitude in an XML record
WHY_XML = (
    "coordinates (a latitude and a longitude in an XML record's fields, elements or attributes: a phone"
    " extraction's location, a GPS track): a place shared"
)
#: and for a latitude and a longitude each in a field of its own
WHY_FIELDS = (
    "coordinates (a latitude and a longitude in fields of their own, as a location share keeps them):"
    " a place shared"
)


def encoded(literal: str, code: str) -> str:
    """``literal``, or percent-encoded as ``%XX`` or, encoded twice, ``%25XX`` (``code`` is ``XX``)."""
    hex_ = "".join(f"[{c}{c.lower()}]" if c.isalpha() else c for c in code)
    return f"(?:{literal}|%(?:25)?{hex_})"


_SPACE = r"(?:\s|\+|%(?:25)?20)"  # " ", "+" or "%20" (or "%2520")
_COMMA = rf"{_SPACE}*{encoded(',', '2C')}{_SPACE}*"
EQ, AMP, SLASH = encoded("=", "3D"), encoded("(?:&amp;|[&;])", "26"), encoded("/", "2F")
_BANG, _COLON, _TILDE, _AT = (
    encoded("!", "21"),
    encoded(":", "3A"),
    encoded("~", "7E"),
    encoded("@", "40"),
)
#: where a field's name or a pair may start: not inside a word or a number, or just after "%XX"
START = r"(?:(?<![\w%.+-])|(?<=%[0-9A-Fa-f]{2}))"
_END = r"(?![\w.])"
_LAT_KEY = r"(?i:m?lat(?:itude)?)"
_LON_KEY = r"(?i:m?(?:lon|lng|long|longitude))"
#: up to three other fields between a link's latitude field and its longitude field
_BETWEEN = rf"{AMP}(?:[\w.%-]+{EQ}[^&;\s#]*?{AMP}){{0,3}}?"
_WORDS = r"[^\W\d_]+\.[^\W\d_]+\.[^\W\d_]+(?![\w/]|\.\w)"  # what3words' three words
_PAIR_FIELDS = r"(?i:q|ll|sll|query|destination|origin|center|daddr|saddr|coordinate|viewpoint|near)"
#: a raw record's own fields (``"latitude": 51.5``, ``"lng": "-0.12"``), and up to three others between
_JSON_LAT, _JSON_LON = rf'"{_LAT_KEY}"\s*:\s*"?', rf'"{_LON_KEY}"\s*:\s*"?'
_JSON_BETWEEN = r'"?\s*,\s*(?:"[^"\\]{1,40}"\s*:\s*(?:"[^"\\]{0,80}"|[^\s,"{}\[\]]{1,40})\s*,\s*){0,3}?'
_QUOTE = r"\\?[\"']"  # an XML attribute's quote, maybe escaped as a JSON string escapes it
#: up to three other attributes, or three other elements, between an XML record's latitude and longitude
_XML_BETWEEN_ATTRIBUTES = rf"(?:\s+[\w:.-]+\s*=\s*{_QUOTE}[^\"'<>]*{_QUOTE}){{0,3}}?\s+"
_XML_BETWEEN_ELEMENTS = r"(?:\s*<[^<>]{1,200}>[^<>]{0,200}){0,6}?\s*"


def _lat(n: int, places: int) -> str:
    """A latitude, ``lat<n>``, with at least ``places`` decimal places."""
    return rf"(?P<lat{n}>[+-]?\d{{1,2}}\.\d{{{places},}}){_END}"


def _lon(n: int, places: int) -> str:
    """A longitude, ``lon<n>``, with at least ``places`` decimal places."""
    return rf"(?P<lon{n}>[+-]?\d{{1,3}}\.\d{{{places},}}){_END}"


def _xml_attribute(key: str, number: str) -> str:
    """An XML element's attribute ``key`` holding ``number`` (a GPX ``lat="51.5"``)."""
    return rf"{key}\s*=\s*{_QUOTE}{number}{_QUOTE}"


def _xml_value(key: str, number: str) -> str:
    """An XML element ``key`` holding ``number`` (``<latitude>51.5</latitude>``), or a UFED report's field
    named so (``<field name="Latitude" …><value type="Double">51.5</value></field>``), CDATA or not."""
    return (
        rf"(?:<(?:[\w.-]+:)?{key}(?:\s[^<>]*)?>|<field\s+name\s*=\s*{_QUOTE}{key}{_QUOTE}[^<>]*>\s*<value\b[^<>]*>)"
        rf"\s*(?:<!\[CDATA\[)?\s*{number}\s*(?:\]\]>)?\s*</(?:(?:[\w.-]+:)?{key}|value>\s*</field)\s*>"
    )


def _xml_pair(n: int, shape: Callable[[str, str], str], between: str, *, latitude_first: bool) -> str:
    """An XML record's latitude and longitude, ``s<n>``, each written as ``shape`` writes it, ``between``
    them what may stand between."""
    lat, lon = shape(_LAT_KEY, _lat(n, 1)), shape(_LON_KEY, _lon(n, 1))
    return rf"(?P<s{n}>{lat}{between}{lon})" if latitude_first else rf"(?P<s{n}>{lon}{between}{lat})"


#: each shape: the part masked is group ``s<n>``, its numbers ``lat<n>`` and ``lon<n>``; those that start
#: with a field's name or a number start where ``START`` allows (tried once for all, as it is slow)
_SHAPES = (
    rf"(?P<s0>{_BANG}3d{_lat(0, 3)}{_BANG}4d{_lon(0, 3)})",  # Google's place data
    rf"(?P<s1>{_BANG}2d{_lon(1, 3)}{_BANG}3d{_lat(1, 3)})",  # Google's embedded map: longitude first
    rf"{_AT}(?P<s2>{_lat(2, 3)}{_COMMA}{_lon(2, 3)}){_COMMA}\d+(?:\.\d+)?[a-z]",  # Google's @lat,lon,17z
    # what3words: three words of letters, not a file:/// path's
    rf"(?<![\w%.+:-])///(?P<w>{_WORDS})",
    rf"{START}(?:"
    + "|".join(
        (
            rf"(?P<s3>{_LAT_KEY}{EQ}{_lat(3, 3)}{_BETWEEN}{_LON_KEY}{EQ}{_lon(3, 3)})",
            rf"(?P<s4>{_LON_KEY}{EQ}{_lon(4, 3)}{_BETWEEN}{_LAT_KEY}{EQ}{_lat(4, 3)})",
            rf"(?i:map){EQ}\d{{1,2}}(?:\.\d+)?{SLASH}(?P<s5>{_lat(5, 3)}{SLASH}{_lon(5, 3)})",  # OSM
            rf"(?i:cp){EQ}(?P<s6>{_lat(6, 3)}{_TILDE}{_lon(6, 3)})",  # Bing
            rf"(?i:geo){_COLON}(?P<s7>{_lat(7, 3)}{_COMMA}{_lon(7, 3)})",  # RFC 5870
            rf"{_PAIR_FIELDS}{EQ}(?:(?i:loc){_COLON})?"  # Google's old "q=loc:52.1+-1.2"
            rf"(?P<s8>{_lat(8, 3)}(?:{_COMMA}|{_SPACE}+){_lon(8, 3)})",
            rf"(?P<s9>{_lat(9, 4)}{_COMMA}{_lon(9, 4)})",  # a pair in text
            rf'(?P<s10>{_JSON_LAT}{_lat(10, 1)}{_JSON_BETWEEN}{_JSON_LON}{_lon(10, 1)}"?)',
            rf'(?P<s11>{_JSON_LON}{_lon(11, 1)}{_JSON_BETWEEN}{_JSON_LAT}{_lat(11, 1)}"?)',
            rf"(?i:w3w\.co|what3words\.com)/(?P<w2>{_WORDS})",
        )
    )
    + ")",
)
_FOUND = re.compile("|".join(_SHAPES))
_NUMBERED = range(12)  # s0 to s11
#: why each numbered shape is masked
_WHY = {10: WHY_FIELDS, 11: WHY_FIELDS}
#: an XML record's latitude and longitude: apart from ``_FOUND`` (each shape tried costs every text read)
_XML = re.compile(
    rf"{START}(?:"
    + "|".join(
        (
            _xml_pair(12, _xml_attribute, _XML_BETWEEN_ATTRIBUTES, latitude_first=True),  # GPX
            _xml_pair(13, _xml_attribute, _XML_BETWEEN_ATTRIBUTES, latitude_first=False),
            _xml_pair(14, _xml_value, _XML_BETWEEN_ELEMENTS, latitude_first=True),  # UFED's Position
            _xml_pair(15, _xml_value, _XML_BETWEEN_ELEMENTS, latitude_first=False),  # KML's LookAt
        )
    )
    + ")"
)
#: what every shape holds: looked for first, as most texts have none (the shapes are slower to try)
_HINT = re.compile(r"\d\.\d{3}|///|w3w\.co/|what3words\.com/|lat(?:itude)?\"", re.I)
#: what an XML record's latitude holds: a field's name, an attribute or an element
_XML_HINT = re.compile(r"lat(?:itude)?(?:\\?[\"']|\s*=\s*\\?[\"']|\s*>)", re.I)

#: degrees, minutes and seconds: ``51°30'26"N``, ``N 51° 30.433'``, ``51.5074° N``; the second's mark
#: may be doubled as a CSV file doubles it, or escaped as JSON escapes it
_DEGREE_SIGNS = "°º˚"
#: a hemisphere: its letter, capital (a small "s" is a second, an "e" an exponent), or its word in any
#: capitals (``north``, ``West``); ``_letter`` reads either as its capital letter
_HEMISPHERE = r"(?:[NSEW]|(?i:north|south|east|west))"
_SECOND = r"(?:\\?\"|\"\"|″|”|''|′′|’’)"


def _angle(n: int) -> str:
    """A latitude or longitude, ``<n>``, in degrees (and minutes and seconds) with its hemisphere, before
    (``h<n>``) or after (``k<n>``) it, never both."""
    return (
        rf"(?:(?P<h{n}>{_HEMISPHERE})\s?)?(?P<d{n}>\d{{1,3}}(?:\.\d+)?)\s?[{_DEGREE_SIGNS}]"
        rf"(?:\s?(?P<m{n}>\d{{1,2}}(?:\.\d+)?)\s?['′’](?:\s?(?P<c{n}>\d{{1,2}}(?:\.\d+)?)\s?{_SECOND})?)?"
        rf"(?(h{n})|\s?(?P<k{n}>{_HEMISPHERE}))(?![A-Za-z])"
    )


def _bare_angle(n: int) -> str:
    """A latitude or longitude, ``<n>``, without marks: degrees, minutes and seconds parted by spaces,
    degrees and decimal minutes, or degrees to 3 decimal places, with its hemisphere before (``h<n>``) or
    after (``k<n>``) it, never both: the hemisphere and the seconds (or decimals) are what tell it from a
    time or a score (``12 30 45``, ``3 2 N``)."""
    number = r"\d{1,2}(?:\.\d+)?(?!\d|\.\d)"
    return (
        rf"(?:(?P<h{n}>{_HEMISPHERE}) ?)?(?P<d{n}>\d{{1,3}}(?:\.\d{{3,}})?(?!\d|\.\d))"
        rf"(?: (?P<m{n}>{number})(?: (?P<c{n}>{number}))?)?"
        rf"(?(h{n})|[ \t]?(?P<k{n}>{_HEMISPHERE}))(?![A-Za-z])"
    )


def _colon_angle(n: int) -> str:
    """A latitude or longitude, ``<n>``, in degrees, minutes and seconds parted by colons (``51:30:26``,
    ``000:07:39``) or degrees and decimal minutes (``51:30.43``), as a GPS unit writes them, with its
    hemisphere before (``h<n>``) or after (``k<n>``) it, never both: minutes and seconds of two digits each,
    as a time's are, so the hemisphere and the seconds (or decimals) are what tell it from one."""
    part = r"\d{2}(?:\.\d+)?"
    return (
        rf"(?:(?P<h{n}>{_HEMISPHERE})[ \t]?)?(?P<d{n}>\d{{1,3}}):(?P<m{n}>{part})(?::(?P<c{n}>{part}))?"
        rf"(?!\d|[.:]\d)(?(h{n})|[ \t]?(?P<k{n}>{_HEMISPHERE}))(?![A-Za-z])"
    )


def _signed_angle(n: int) -> str:
    """A latitude or longitude, ``<n>``, in degrees and minutes (and seconds) with its marks and no
    hemisphere, signed (``-0°7'39"``): ``g<n>`` its sign."""
    return (
        rf"(?P<g{n}>[+\-−])?(?P<d{n}>\d{{1,3}})\s?[{_DEGREE_SIGNS}]\s?(?P<m{n}>\d{{1,2}}(?:\.\d+)?)\s?['′’]"
        rf"(?:\s?(?P<c{n}>\d{{1,2}}(?:\.\d+)?)\s?{_SECOND})?(?!\s?(?:\d|{_HEMISPHERE}(?![A-Za-z])))"
    )


_DEGREES = re.compile(rf"(?<![\w.]){_angle(0)}\s*[,;/]?\s*{_angle(1)}")
#: the same without marks (``51 30 26 N 0 7 39 W``, ``N 51 30.433 W 0 7.65``, ``51.5072 N 0.1275 W``),
#: each number with its hemisphere; what a text needs to hold one (looked for first, as few texts do)
_BARE_DEGREES = re.compile(rf"(?<![\w.:/+-]){_bare_angle(0)}[ \t]*[,;/]?[ \t]*{_bare_angle(1)}")
_BARE_HINT = re.compile(
    r"[NSEW](?:(?:(?<=\d\d[NSEW])|(?<=\d\d [NSEW])|(?<= \d[NSEW])|(?<= \d [NSEW]))(?![A-Za-z])"
    r"|(?<![A-Za-z][NSEW]) ?\d)"
)
#: and a hemisphere's word, in any capitals, beside a number (``51.5072 north``, ``West 0:07:39``): looked
#: for in the text made small, and only where it holds one of the words (a pattern ignoring capitals took
#: three times as long on a text of digits, and trying the patterns on every text with one such word
#: beside a number cost ordinary chat two fifths more)
_HEMISPHERE_WORD_HINT = re.compile(r"\d[ \t]?(?:north|south|east|west)|(?:north|south|east|west)[ \t]?\d")
#: the same parted by colons (``51:30:26N 0:07:39W``, ``N51:30:26 W000:07:39``, ``51:30.43N,0:07.65W``),
#: each with its hemisphere; what a text needs to hold one besides a hemisphere (``_BARE_HINT``)
_COLON_DEGREES = re.compile(rf"(?<![\w.:/+-]){_colon_angle(0)}[ \t]*[,;/]?[ \t]*{_colon_angle(1)}")
_COLON_HINT = re.compile(r"\d:\d\d")
#: and with marks but no hemisphere, a latitude then a longitude (``51°30'26", -0°7'39"``), as a pair of
#: decimals is written
_SIGNED_DEGREES = re.compile(rf"(?<![\w.]){_signed_angle(0)}\s*[,;/]?\s*{_signed_angle(1)}")
#: a KML ``<coordinates>`` element (a point's, or a line's many points) and each of its points:
#: ``longitude,latitude[,altitude]``, longitude first
_KML = re.compile(r"<(?:[\w.-]+:)?coordinates\s*>([^<]*)</(?:[\w.-]+:)?coordinates\s*>", re.I)
_KML_POINT = re.compile(
    r"(?<![\w.+-])(?P<lon>[+-]?\d{1,3}\.\d+)\s*,\s*(?P<lat>[+-]?\d{1,2}\.\d+)(?![\w.])(?:,[+-]?\d+(?:\.\d+)?)?"
)
#: a KML track's point, Google's extension ``<gx:coord>-0.12 51.5 12.5</gx:coord>``: longitude, latitude
#: and altitude parted by spaces
_GX_COORD = re.compile(
    r"<(?:[\w.-]+:)?coord\s*>\s*(?P<lon>[+-]?\d{1,3}\.\d+)\s+(?P<lat>[+-]?\d{1,2}\.\d+)(?![\w.])"
    r"(?:\s+[+-]?\d+(?:\.\d+)?)?\s*</(?:[\w.-]+:)?coord\s*>",
    re.I,
)
#: a latitude and a longitude labelled in a text (``lat: 51.50, lon: -0.12``, ``Latitude 51.5012° N``), in
#: either order, up to 80 characters apart, each with 2 decimal places or more: one place is about 11 km
#: of latitude, so fewer (``lat: 51, lon: -0``) locate nothing closer than a town and are no place
_LABEL_SEP = r"\.?[ \t]*:?[ \t]*"  # not "=": a link's own fields need 3 (``_SHAPES``)


def _labelled(kind: str, n: int) -> str:
    """A latitude (``kind`` "lat") or a longitude ("lon") after its label, ``<kind><n>``, with 2 decimal
    places or more, and its degree sign and hemisphere (``h<n>``) if written."""
    label, size = ("lat(?:itude)?", 2) if kind == "lat" else ("lon|lng|long|longitude", 3)
    return (
        rf"(?<![\w.])(?i:{label}){_LABEL_SEP}(?P<{kind}{n}>[+-]?\d{{1,{size}}}\.\d{{2,}})(?![\w.])"
        rf"(?:[ \t]?[{_DEGREE_SIGNS}])?(?:[ \t]?(?P<h{n}>{_HEMISPHERE})(?![A-Za-z]))?"
    )


_LABELLED = re.compile(
    rf"{_labelled('lat', 16)}(?s:.{{0,80}}?){_labelled('lon', 17)}"
    rf"|{_labelled('lon', 18)}(?s:.{{0,80}}?){_labelled('lat', 19)}"
)
#: a raw record's JSON latitude or longitude field, with 2 decimal places or more: two in one object,
#: however far apart, are one place
_JSON_FIELD = re.compile(
    rf'"(?P<key>{_LAT_KEY}|{_LON_KEY})"\s*:\s*"?(?P<value>[+-]?\d{{1,3}}\.\d{{2,}})(?![\w.])"?'
)
#: a JSON string or brace: what tells which object a field is in
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}]', re.S)


@dataclass(frozen=True)
class Coordinates:
    """One place found in a text: where it is and the place it names (a pair to 6 decimal places,
    ``///three.words.here``, or, from ``map_links``, a short link or a place's words; a general short
    link's path may name one)."""

    start: int
    end: int
    place: str  # "52.123456, -1.234567": the same place however many places or spaces it was written with
    why: str = WHY  # the redaction log's reason
    kind: str = "LOCATION"  # the mask's kind: "LINK" for a general short link's path (``map_links``)


def find_coordinates(text: str) -> list[Coordinates]:
    """Each place written in ``text`` as a pair of decimal degrees (or of degrees and minutes), a
    latitude and a longitude in fields of their own, or a what3words address, in order."""
    marked = any(sign in text for sign in _DEGREE_SIGNS)
    bare = _BARE_HINT.search(text) is not None or _has_hemisphere_word(text)
    degrees = _degrees(text, marked=marked, bare=bare) if marked or bare else []
    if "." not in text:
        return degrees
    found = _decimals(text) if _HINT.search(text) else []
    if degrees:
        found = _beside(found, degrees)
    if _XML_HINT.search(text) and (xml := _xml(text)):
        found = _instead(found, xml)
    if "oord" in text and (kml := _kml(text)):  # longitude first: not a pair in text
        found = _instead(found, kml)
    if not _has_labels(text):
        return found
    if labelled := _labelled_pairs(text):
        found = _beside(found, labelled)
    if '"' in text and (fields := _json_fields(text)):
        found = _beside(found, fields)
    return found


def _has_hemisphere_word(text: str) -> bool:
    """Whether ``text`` writes hemispheres' words (``north``, ``West``), in any capitals, each beside a
    number, twice: a pair with no hemisphere's letter (one is ``_BARE_HINT``'s) has two (``10:30:15 north
    of the river`` one alone, which ordinary chat writes)."""
    lower = text.lower()  # (the words one by one: a generator over them took twice as long)
    if not ("north" in lower or "south" in lower or "east" in lower or "west" in lower):
        return False
    found = _HEMISPHERE_WORD_HINT.finditer(lower)
    return next(found, None) is not None and next(found, None) is not None


def _instead(found: list[Coordinates], xml: list[Coordinates]) -> list[Coordinates]:
    """``found`` with the places an XML record names (``xml``) instead of those they overlap."""
    return sorted([*_apart(found, xml), *xml], key=lambda c: c.start)


def _beside(found: list[Coordinates], more: list[Coordinates]) -> list[Coordinates]:
    """``found`` and those of ``more`` that overlap none of it."""
    kept = _apart(more, found)
    return sorted([*found, *kept], key=lambda c: c.start) if kept else found


def _apart(places: list[Coordinates], others: list[Coordinates]) -> list[Coordinates]:
    """Those of ``places`` that overlap none of ``others``."""
    taken = Spans((c.start, c.end) for c in others)
    return [c for c in places if not taken.overlaps(c.start, c.end)]


def _xml(text: str) -> list[Coordinates]:
    """Each latitude and longitude ``_XML`` finds in ``text``: a UFED report's, GPX's, KML's."""
    found = []
    for m in _XML.finditer(text):
        n = next(n for n in range(12, 16) if m.group(f"s{n}") is not None)
        if place := _place(float(m.group(f"lat{n}")), float(m.group(f"lon{n}"))):
            found.append(Coordinates(m.start(f"s{n}"), m.end(f"s{n}"), place, WHY_XML))
    return found


def _kml(text: str) -> list[Coordinates]:
    """Each point of each KML ``<coordinates>`` element in ``text``, longitude first, each number with one
    decimal place or more (the element names them coordinates): the longitude and latitude masked, the
    altitude kept."""
    points = [m for element in _KML.finditer(text) for m in _KML_POINT.finditer(text, *element.span(1))]
    found = []
    for m in points:
        if place := _place(float(m.group("lat")), float(m.group("lon"))):
            found.append(Coordinates(m.start(), m.end("lat"), place, WHY_XML))
    for m in _GX_COORD.finditer(text):  # a track's point: "lon lat alt", the altitude kept
        if place := _place(float(m.group("lat")), float(m.group("lon"))):
            found.append(Coordinates(m.start("lon"), m.end("lat"), place, WHY_XML))
    return sorted(found, key=lambda c: c.start)


def _has_labels(text: str) -> bool:
    """Whether ``text`` writes a latitude's label or field and a longitude's, in any capitals: looked for
    first, as most texts have none (``_LABELLED`` tried on every text took a third longer on ordinary
    chat)."""
    lower = text.lower()
    return "lat" in lower and ("lon" in lower or "lng" in lower)


def _labelled_pairs(text: str) -> list[Coordinates]:
    """Each latitude and longitude ``_LABELLED`` finds in ``text``: the two numbers (with a degree sign
    and hemisphere written after them) masked as one place, the labels and what is between them kept."""
    found = []
    for m in _LABELLED.finditer(text):
        lat, lon = (16, 17) if m.group("lat16") is not None else (19, 18)
        if place := _place(_hemisphere(m, "lat", lat), _hemisphere(m, "lon", lon)):
            found += [
                Coordinates(
                    m.start(f"{k}{n}"), m.end(f"h{n}") if m.group(f"h{n}") else m.end(f"{k}{n}"), place
                )
                for k, n in (("lat", lat), ("lon", lon))
            ]
    return found


def _hemisphere(m: re.Match[str], kind: str, n: int) -> float:
    """Number ``<kind><n>`` of ``m``, negative where its hemisphere is S or W."""
    value = float(m.group(f"{kind}{n}"))
    return -abs(value) if _letter(m.group(f"h{n}")) in ("S", "W") else value


def _letter(hemisphere: str | None) -> str:
    """A hemisphere written as a letter or a word (``N``, ``north``, ``West``) as its capital letter; ""
    for none."""
    return hemisphere[0].upper() if hemisphere else ""


def _json_fields(text: str) -> list[Coordinates]:
    """Each JSON object's one latitude field and one longitude field, however far apart in it, each
    number with 2 decimal places or more: each number masked as the one place the two name."""
    fields = list(_JSON_FIELD.finditer(text))
    if len(fields) < 2:
        return []
    objects = _json_objects(text, [m.start() for m in fields])
    by_object: dict[int, list[re.Match[str]]] = {}
    for m, at in zip(fields, objects, strict=True):
        by_object.setdefault(at, []).append(m)
    found = []
    for group in by_object.values():
        lats: list[re.Match[str]] = []
        lons: list[re.Match[str]] = []
        for m in group:  # (not "m not in lats": one object with thousands of fields took seconds)
            (lats if re.fullmatch(_LAT_KEY, m.group("key")) else lons).append(m)
        if len(lats) == len(lons) == 1:
            lat, lon = lats[0], lons[0]
            if place := _place(float(lat.group("value")), float(lon.group("value"))):
                found += [
                    Coordinates(*m.span("value"), place, WHY_FIELDS)
                    for m in sorted((lat, lon), key=lambda m: m.start())
                ]
    return found


def _json_objects(text: str, offsets: list[int]) -> list[int]:
    """For each of ``offsets`` (in order, each a string's start), where the innermost JSON object holding
    it starts (-1 outside any)."""
    out: list[int] = []
    opened: list[int] = []
    at = 0
    for m in _JSON_TOKEN.finditer(text):
        while at < len(offsets) and offsets[at] <= m.start():
            out.append(opened[-1] if opened else -1)
            at += 1
        if at == len(offsets):
            break
        if m.group() == "{":
            opened.append(m.start())
        elif m.group() == "}" and opened:
            opened.pop()
    return out + [-1] * (len(offsets) - len(out))


def _decimals(text: str) -> list[Coordinates]:
    """Each place ``_FOUND`` finds in ``text``: pairs of decimal degrees and what3words addresses."""
    found = []
    for m in _FOUND.finditer(text):
        if words := m.group("w") or m.group("w2"):
            at = m.span("w" if m.group("w") else "w2")
            found.append(Coordinates(*at, f"///{words.lower()}", WHY_W3W))
            continue
        n = next(n for n in _NUMBERED if m.group(f"s{n}") is not None)
        if place := _place(float(m.group(f"lat{n}")), float(m.group(f"lon{n}"))):
            found.append(Coordinates(m.start(f"s{n}"), m.end(f"s{n}"), place, _WHY.get(n, WHY)))
    return found


def _degrees(text: str, *, marked: bool, bare: bool) -> list[Coordinates]:
    """Each pair in degrees and minutes in ``text``, with marks (where ``marked``: it holds a degree
    sign) or without (where ``bare``: ``_BARE_HINT`` finds one), parted by spaces or by colons: a latitude
    (N or S) and a longitude (E or W), in either order, or with marks a latitude then a longitude signed,
    each to the minute at least (without marks, to the second), or to 3 decimal places of a degree (about
    100 m)."""
    patterns = [_DEGREES, _SIGNED_DEGREES] if marked else []
    if bare:
        patterns.append(_BARE_DEGREES)
        if _COLON_HINT.search(text):
            patterns.append(_COLON_DEGREES)
    found: list[Coordinates] = []
    for pattern in patterns:
        unmarked = pattern is _BARE_DEGREES or pattern is _COLON_DEGREES
        for m in pattern.finditer(text):
            if unmarked and not (_seconds_or_decimals(m, 0) and _seconds_or_decimals(m, 1)):
                continue
            if place := _degrees_place(m):
                if pattern is _COLON_DEGREES:
                    why = WHY_COLONS
                else:
                    why = WHY_DEGREES if m.group("m0") or m.group("m1") else WHY_HEMISPHERES
                found.append(Coordinates(m.start(), m.end(), place, why))
    return sorted(found, key=lambda c: c.start) if len(patterns) > 1 else found


def _seconds_or_decimals(m: re.Match[str], n: int) -> bool:
    """Whether angle ``n`` of ``m`` is to the second, or to a decimal of a minute or (3 places) of a
    degree: without marks, whole minutes (``10 30 N 2 15 E``) are too like a score or a time."""
    return m.group(f"c{n}") is not None or "." in m.group(f"d{n}") + (m.group(f"m{n}") or "")


def _degrees_place(m: re.Match[str]) -> str:
    """The place the two angles of ``m`` name; "" when they are not a latitude and a longitude."""
    first, second = _signed(m, 0), _signed(m, 1)
    if first is None or second is None:
        return ""
    if not first[1] and not second[1]:  # signed, no hemisphere: a latitude then a longitude
        return _place(first[0], second[0])
    if (first[1] in "NS") == (second[1] in "NS"):
        return ""
    (lat, _), (lon, _) = (first, second) if first[1] in "NS" else (second, first)
    return _place(lat, lon)


def _signed(m: re.Match[str], n: int) -> tuple[float, str] | None:
    """Angle ``n`` of ``m`` in signed decimal degrees, with its hemisphere ("" for none, the sign
    written); None when it is not one (whole degrees alone, a decimal followed by smaller units, 60
    minutes or seconds or more)."""
    groups = m.groupdict()
    hemisphere = _letter(groups.get(f"h{n}") or groups.get(f"k{n}"))
    degrees, minutes, seconds = m.group(f"d{n}"), m.group(f"m{n}"), m.group(f"c{n}")
    if minutes is None and len(degrees.partition(".")[2]) < 3:
        return None
    if ("." in degrees and minutes is not None) or ("." in (minutes or "") and seconds is not None):
        return None
    if float(minutes or 0) >= 60 or float(seconds or 0) >= 60:
        return None
    value = float(degrees) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    negative = hemisphere in ("S", "W") or (groups.get(f"g{n}") or "+") in "-−"
    return (-value if negative else value), hemisphere


#: a pair written with any number of decimal places (``51.5, -0.12``)
_LOOSE_PAIR = re.compile(r"(?<![\w.+-])(?P<lat>[+-]?\d{1,2}\.\d+),\s*(?P<lon>[+-]?\d{1,3}\.\d+)(?![\w.])")


def loose_pairs(text: str) -> list[Coordinates]:
    """Each pair of decimal degrees in ``text``, however few its decimal places (``51.5, -0.12``): a
    place only where the record it is written for names the same place (the text Footprint writes for a
    location a record keeps in fields of its own, ``51.5, -0.12 — Home``)."""
    found = []
    for m in _LOOSE_PAIR.finditer(text):
        if place := _place(float(m.group("lat")), float(m.group("lon"))):
            found.append(Coordinates(m.start(), m.end(), place))
    return found


@dataclass(frozen=True)
class FieldsPlace:
    """A latitude and a longitude each kept in a field of its own, and the place they name."""

    latitude: str  # the fields' names
    longitude: str
    place: str


def place_in_fields(fields: Mapping[str, str]) -> FieldsPlace | None:
    """The place named by ``fields``' one latitude field and one longitude field (``latitude`` and
    ``longitude``, ``lat`` and ``lng``, …: a Telegram location share's details), whatever their decimal
    places; None when there is no such pair."""
    lats = [k for k in fields if re.fullmatch(_LAT_KEY, k)]
    lons = [k for k in fields if re.fullmatch(_LON_KEY, k)]
    if len(lats) != 1 or len(lons) != 1:
        return None
    try:
        place = _place(float(fields[lats[0]]), float(fields[lons[0]]))
    except ValueError:
        return None
    return FieldsPlace(lats[0], lons[0], place) if place else None


def _place(lat: float, lon: float) -> str:
    """The pair as one place is kept (to 6 decimal places); "" beyond 90 degrees of latitude or 180 of
    longitude."""
    return f"{_six(lat)}, {_six(lon)}" if abs(lat) <= 90 and abs(lon) <= 180 else ""


def _six(value: float) -> str:
    """``value`` to 6 decimal places, with no "-0.000000"."""
    out = f"{value:.6f}"
    return out[1:] if out == "-0.000000" else out
