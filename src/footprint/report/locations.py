"""Every place a text writes (``report.coordinates``' pairs, ``report.map_links``' links), read through a
JSON writer's escapes and an HTML writer's character references too: a disclosure copy's one way of
finding places.

A raw record keeps its export's text as written, and many JSON writers escape a link's slashes
(``https:\\/\\/www.google.com\\/maps\\/place\\/…``: PHP's ``json_encode``, Meta's exports) or its
punctuation and letters (``\\u0026``, ``\\u00e9``, ``\\u00b0``); an e-mail's HTML body or an export's HTML
page writes a link's ``&`` as ``&amp;``, and some writers its ``/`` as ``&#x2F;`` or ``&#47;``, its ``,`` as
``&#44;`` or a letter as ``&eacute;``. The places are looked for in the text as those escapes stand for it
(``\\/`` as ``/``, ``\\uXXXX`` and ``&#…;`` as their character, ``&name;`` as HTML's named character), and
each is masked where it is written, escapes and all: the same place written with and without them is one
place, with one mask. Other escapes (``\\"``, ``\\\\``, ``\\n``, ``&`` without a name and ``;``) are read as
written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from html.entities import html5

from footprint.report.coordinates import Coordinates, find_coordinates
from footprint.report.map_links import find_map_places

#: an escape: ``\/``, ``\uXXXX`` (read as what it stands for) or any other (read as written, so that
#: ``\\/`` is an escaped backslash before a slash); or an HTML character reference, ``&#47;``,
#: ``&#x2F;`` or ``&amp;`` (read as what it stands for)
_ESCAPE = re.compile(
    r"\\(?:(/)|u([0-9A-Fa-f]{4})|.)|&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));",
    re.S,
)
#: an HTML character reference: a text without one (or a backslash) is read as written
_REFERENCE = re.compile(r"&#?\w+;")


def find_locations(text: str) -> list[Coordinates]:
    """Each place written in ``text`` (``find_coordinates`` and ``find_map_places``), in order, escaped
    by a JSON writer or not."""
    escaped = "\\" in text or ("&" in text and _REFERENCE.search(text) is not None)
    read, where = _unescaped(text) if escaped else (text, None)
    found = sorted([*find_coordinates(read), *find_map_places(read)], key=lambda c: c.start)
    return found if where is None else [replace(c, start=where(c.start), end=where(c.end)) for c in found]


def _unescaped(text: str) -> tuple[str, Callable[[int], int]]:
    """``text`` with its JSON escapes read, and a function giving, for an offset into that, the offset
    into ``text`` where the same character (an escape's backslash, for an escaped one) stands."""
    parts: list[str] = []
    at = 0
    offsets: list[int] = []  # where each escape read ends in the text read
    shifts: list[int] = []  # how many characters fewer the text read has after it
    shift = 0
    for m in _ESCAPE.finditer(text):
        if not (char := _read(m)):
            continue
        parts += (text[at : m.start()], char)
        at = m.end()
        offsets.append(m.start() - shift + len(char))  # what is read stands at m.start() - shift
        shift += len(m.group()) - len(char)
        shifts.append(shift)
    parts.append(text[at:])

    def where(offset: int) -> int:
        n = bisect.bisect_right(offsets, offset) - 1
        return offset + (shifts[n] if n >= 0 else 0)

    return "".join(parts), where


def _read(m: re.Match[str]) -> str:
    """What the escape ``m`` stands for; "" for one read as written (a lone surrogate, no character, no
    such name)."""
    slash, json_code, decimal, hexadecimal, name = m.groups()
    if slash:
        return "/"
    if name:
        return html5.get(f"{name};", "")
    code = int(json_code or hexadecimal, 16) if json_code or hexadecimal else int(decimal or "0")
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""
