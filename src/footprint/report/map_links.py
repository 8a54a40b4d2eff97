"""Places shared as map links that hold no coordinates (``report.coordinates`` finds those): a short map
link, and the words a map link searches for or names its place by. A disclosure copy masks them as it
masks coordinates, one mask per place.

- A short map link (``maps.app.goo.gl/…``, ``goo.gl/maps/…``, OpenStreetMap's ``osm.org/go/…``, which
  encodes the place in its path, and Waze's ``waze.com/ul/h…``, a geohash) opens a place that cannot be
  read without following it, and nothing is ever fetched: its path is a place of its own
  (``https://maps.app.goo.gl/[LOCATION-1]``), the same link the same mask. A general short link
  (``bit.ly/…``, ``t.co/…``, ``tinyurl.com/…``, ``g.co/kgs/…``, ``goo.gl/…`` without ``maps/``, and the
  others of ``_GENERAL``) may open anything, a place too, and is never followed: its path is masked as a
  link of its own (``https://bit.ly/[LINK-1]``, kind ``LINK``, not counted as a location), the host kept
  so that a reader knows a link was there and which service made it.
- In a map link (Google Maps on any of Google's domains, Apple Maps, OpenStreetMap, Bing Maps, Waze), the
  words searched for or naming the place: a path's ``/search/WORDS``, ``/place/NAME`` and each place of
  ``/dir/FROM/TO``, and the fields ``q``, ``query``, ``address``, ``daddr``, ``saddr``, ``destination``,
  ``origin``, ``near``, ``name`` and ``where1``. Any search in a map link is a place shared (``?q=pizza``
  too: it may say where she is). Only the words are masked (``?q=[LOCATION-1]&z=16``); the same words,
  however spaced, encoded or capitalised, are one mask, and words that are a pair of coordinates share
  the pair's mask. Punctuation may be percent-encoded, as in a link inside another link.
- In a map link, a place's id, which names one place as exactly as its coordinates: Google's ``cid``
  (``ludocid``) and feature id (``ftid=0x…:0x…``, ``!1s0x…:0x…`` in a link's data; its second number is
  the ``cid``, so the two are one mask), Google's place id (``place_id``, ``query_place_id``,
  ``destination_place_id``, ``origin_place_id``, ``q=place_id:…``, ``!19s…`` in a link's data), Google's
  knowledge-graph id of the place (``!16s/g/11…`` in a link's data, its slashes maybe ``%2F``), Apple's
  ``auid`` and ``place-id``, and an OpenStreetMap node, way or relation (``/node/123``). Only the id is
  masked; Google's empty feature id (``0x0:0x0``) names no place.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, unquote_plus

from footprint.report.coordinates import AMP, EQ, SLASH, START, Coordinates, encoded, find_coordinates

#: the redaction log's reason for a masked short map link
WHY_SHORT = "a short map link (it opens a place that cannot be read without following it): a place shared"
#: and for a general short link's path
WHY_LINK = (
    "a short link, not followed (nothing is fetched, so where it leads is not known: it may open a place):"
    " its path masked, the host kept"
)
#: and for the words a map link searches for or names its place by
WHY_WORDS = "a place's words in a map link (searched for, or naming the place): a place shared"
#: and for a place's id in a map link
WHY_ID = "a place's id in a map link (it names one place as exactly as its coordinates): a place shared"

_DOMAIN = r"(?:\.[a-z]{2,3}){1,2}"  # ".com", ".co.uk"
_SHORT = re.compile(
    rf"{START}(?P<host>maps\.app\.goo\.gl|goo\.gl{SLASH}maps|(?:www\.)?(?:osm|openstreetmap)\.org{SLASH}go"
    rf"|(?:www\.)?waze\.com{SLASH}ul){SLASH}(?P<id>[A-Za-z0-9_~@-]+=*)(?![\w~@-])",
    re.I,
)
#: a general short link (``bit.ly/…``, ``t.co/…``, ``g.co/kgs/…``, ``goo.gl/…`` without ``maps/``): it may
#: open anything, a place too; Google's ``kgs/`` (a knowledge-graph search, a place or a business
#: shared from Google's search) is kept with the host
_GENERAL = re.compile(
    rf"{START}(?P<host>(?:www\.)?(?:bit\.ly|j\.mp|tinyurl\.com|t\.co|goo\.gl|g\.co|ow\.ly|is\.gd|v\.gd"
    rf"|buff\.ly|rebrand\.ly|cutt\.ly|shorturl\.at|tiny\.cc|rb\.gy|t\.ly|lnkd\.in|apple\.co)"
    rf"){SLASH}(?P<kgs>kgs{SLASH})?(?!maps(?![\w-]))(?P<id>[A-Za-z0-9_-]+)(?![\w~@-])",
    re.I,
)
_MAP = re.compile(
    rf"{START}(?:(?:www\.)?google{_DOMAIN}{SLASH}maps|maps\.google{_DOMAIN}|maps\.apple\.com"
    rf"|(?:www\.)?openstreetmap\.org|(?:www\.)?bing\.com{SLASH}maps|(?:www\.)?waze\.com{SLASH}ul)\b"
    r"[^\s\"<>\\]*",
    re.I,
)
#: a path's segment ends at "/", "?", "#" or "&", a field's value at "&" or "#" (each maybe encoded)
_SEGMENT = rf"(?:(?!{SLASH}|[?#&]|%(?:25)?(?:3[Ff]|23|26))[^\s\"<>\\])+"
_VALUE = rf"(?:(?!{AMP}|{encoded('#', '23')})[^\s\"<>\\])+"
_PATH = re.compile(rf"{SLASH}(?P<kind>(?i:search|place|dir)){SLASH}")
_PLACE = re.compile(rf"(?!@|(?i:data|am){EQ}){_SEGMENT}")  # not "@52.1,-1.2,17z" nor "data=!3m1…"
_SLASH_AT = re.compile(SLASH)
_QUERY = encoded(r"\?", "3F")
_FIELD = re.compile(
    rf"(?:{_QUERY}|{AMP})(?i:q|query|address|daddr|saddr|destination|origin|near|name|where1)"
    rf"{EQ}(?P<value>{_VALUE})"
)
#: a place's id: Google's ``cid`` (``ludocid``) and feature id (``ftid``, and in a link's data
#: ``!1s0x…:0x…``, whose second number is the ``cid``), Google's place id (``place_id``, ``query_place_id``,
#: …, and ``!19s…`` in a link's data), Apple's ``auid`` and ``place-id``, an OpenStreetMap node, way or
#: relation
_ID_FIELD = re.compile(
    rf"(?:{_QUERY}|{AMP})(?P<name>(?i:cid|ludocid|ftid|auid|place-id|(?:query_|destination_|origin_)?place_id))"
    rf"{EQ}(?P<value>{_VALUE})"
)
_PLACE_ID = re.compile(r"place_id:([\w-]+)", re.I)
_BANG = encoded("!", "21")
_FEATURE = rf"0x(?P<area>[0-9a-f]+){encoded(':', '3A')}0x(?P<place>[0-9a-f]+)"  # a feature id
#: and Google's knowledge-graph id, ``!16s/g/11…`` (or ``/m/0…``), its slashes maybe encoded
_ID_DATA = re.compile(
    rf"{_BANG}(?:1s(?P<feature>{_FEATURE})|19s(?P<place_id>[\w-]+)|16s(?P<entity>{SLASH}[gm]{SLASH}[\w-]+))"
    rf"(?=$|{_BANG}|[^\w-])",
    re.I,
)
_OSM = re.compile(rf"openstreetmap\.org{SLASH}(?P<kind>node|way|relation){SLASH}(?P<value>\d+)(?!\w)", re.I)
#: what a map link's host holds: looked for first, as most texts have none (a pattern for them took four
#: times as long)
_HOSTS = ("goo.gl", "osm.org", "openstreetmap.org", "google.", "maps.apple", "bing.com", "waze.com")
#: and a general short link's: its host's last part and a slash, written or encoded (a test of each host
#: took five times as long on ordinary chat)
_GENERAL_HINT = re.compile(rf"\.(?i:ly|mp|(?<=tinyurl\.)com|co|gl|gd|at|cc|gy|in){SLASH}")
_TRAILING = ".,;:!)'"  # a sentence's punctuation after a link, not the link's


def find_map_places(text: str) -> list[Coordinates]:
    """Each short map link's path and each place's words in a map link in ``text``, in order."""
    if "." not in text:
        return []
    lower = text.lower()
    general = ("/" in text or "%" in text) and _GENERAL_HINT.search(text)
    found = _general(text) if general else []
    if not any(host in lower for host in _HOSTS):
        return found
    found += [
        Coordinates(m.start("id"), m.end("id"), _short_place(m.group("host"), m.group("id")), WHY_SHORT)
        for m in _SHORT.finditer(text)
    ]
    for link in _MAP.finditer(text):
        found += _words(text, link.start(), link.end()) + _ids(text, link.start(), link.end())
    return sorted(found, key=lambda c: c.start)


def _general(text: str) -> list[Coordinates]:
    """Each general short link's path in ``text`` (not a short map link's: that is a place), masked as a
    link not followed."""
    return [
        Coordinates(
            *m.span("id"),
            _short_place(m.group("host"), f"{'kgs/' * bool(m.group('kgs'))}{m.group('id')}"),
            WHY_LINK,
            "LINK",
        )
        for m in _GENERAL.finditer(text)
    ]


def _short_place(host: str, path: str) -> str:
    """What one short link's mask is kept under: its host as written any way, and its path as written
    (its letters' case matters)."""
    return f"{re.sub('%(?:25)?2f', '/', host.lower().removeprefix('www.'), flags=re.I)}/{path}"


def _words(text: str, start: int, end: int) -> list[Coordinates]:
    """Each place's words in the map link ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    for m in _PATH.finditer(text, start, end):
        journey, at = m.group("kind").lower() == "dir", m.end()
        while True:  # one place after /search/ or /place/; /dir/ names each place of the journey
            if segment := _PLACE.match(text, at, end):
                spans.append(segment.span())
                at = segment.end()
            if not journey or (slash := _SLASH_AT.match(text, at, end)) is None:
                break
            at = slash.end()
    spans += [m.span("value") for m in _FIELD.finditer(text, start, end)]
    found = []
    for a, b in spans:
        written = _trimmed(text[a:b])
        if written and (place := _place(written)):
            found.append(Coordinates(a, a + len(written), *place))
    return found


def _ids(text: str, start: int, end: int) -> list[Coordinates]:
    """Each place's id in the map link ``text[start:end]`` (none for Google's empty feature id,
    ``0x0:0x0``)."""
    found = []
    for m in _ID_FIELD.finditer(text, start, end):
        written = _trimmed(m.group("value"))
        if written and (key := _id_key(m.group("name").lower(), unquote(unquote(written)))):
            found.append(Coordinates(m.start("value"), m.start("value") + len(written), key, WHY_ID))
    for m in _ID_DATA.finditer(text, start, end):
        if m.group("feature"):
            key, group = _feature_key(m.group("place")), "feature"
        elif entity := m.group("entity"):  # "/g/11…" however its slashes are written
            key, group = f"google entity {unquote(unquote(entity))}", "entity"
        else:
            key, group = f"google place id {m.group('place_id')}", "place_id"
        if key:
            found.append(Coordinates(*m.span(group), key, WHY_ID))
    for m in _OSM.finditer(text, start, end):
        key = f"openstreetmap {m.group('kind').lower()} {m.group('value')}"
        found.append(Coordinates(*m.span("value"), key, WHY_ID))
    return found


def _id_key(name: str, value: str) -> str:
    """What a place's id is masked under: Google's ``cid`` and a feature id's second number are one
    place (``google 10908``); "" for an empty feature id."""
    if name in ("cid", "ludocid") and value.isdigit():
        return f"google {int(value)}"
    if name == "ftid" and (feature := re.fullmatch(_FEATURE, value, re.I)):
        return _feature_key(feature.group("place"))
    if name.endswith("place_id"):  # "query_place_id", "destination_place_id": the place's id
        return f"google place id {value}"
    return f"{'apple' if name in ('auid', 'place-id') else 'google'} {name} {value}"


def _feature_key(place: str) -> str:
    """What Google's feature id ``0x…:0x<place>`` is masked under: its place's ``cid``; "" for none."""
    cid = int(place, 16)
    return f"google {cid}" if cid else ""


def _trimmed(written: str) -> str:
    """``written`` without a sentence's punctuation after it (a ")" kept where it closes a "(")."""
    while written and written[-1] in _TRAILING and not (written[-1] == ")" and "(" in written):
        written = written[:-1]
    return written


def _place(written: str) -> tuple[str, str] | None:
    """What a place's words are masked under, and why: decoded, in lower case, spaced and comma'd
    alike, without quotes round them; the pair's own place when the words are coordinates; None when
    there are no words."""
    words = unquote_plus(unquote_plus(written))
    if named := _PLACE_ID.fullmatch(words.strip()):  # "?q=place_id:ChIJ…": the place's id searched for
        return f"google place id {named.group(1)}", WHY_ID
    pair = find_coordinates(words)
    if len(pair) == 1 and words[: pair[0].start].strip() == words[pair[0].end :].strip() == "":
        return pair[0].place, pair[0].why
    key = " ".join(words.replace(",", " ").casefold().split()).strip("'\" ")
    return (key, WHY_WORDS) if key else None
