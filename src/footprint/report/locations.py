"""Every place a text writes (``report.coordinates``' pairs, ``report.map_links``' links), read through a
JSON writer's escapes too: a disclosure copy's one way of finding places.

A raw record keeps its export's text as written, and many JSON writers escape a link's slashes
(``https:\\/\\/www.google.com\\/maps\\/place\\/…``: PHP's ``json_encode``, Meta's exports) or its
punctuation and letters (``\\u0026``, ``\\u00e9``, ``\\u00b0``). The places are looked for in the text
as those escapes stand for it (``\\/`` as ``/``, ``\\uXXXX`` as its character), and each is masked where
it is written, escapes and all: the same place written with and without them is one place, with one
mask. Other escapes (``\\"``, ``\\\\``, ``\\n``) are read as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace

from footprint.report.coordinates import Coordinates, find_coordinates
from footprint.report.map_links import find_map_places

#: an escape: ``\/``, ``\uXXXX`` (read as what it stands for) or any other (read as written, so that
#: ``\\/`` is an escaped backslash before a slash)
_ESCAPE = re.compile(r"\\(?:(/)|u([0-9A-Fa-f]{4})|.)", re.S)


def find_locations(text: str) -> list[Coordinates]:
    """Each place written in ``text`` (``find_coordinates`` and ``find_map_places``), in order, escaped
    by a JSON writer or not."""
    read, where = _unescaped(text) if "\\" in text else (text, None)
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
        if m.group(1):
            char = "/"
        elif (code := m.group(2)) and not 0xD800 <= int(code, 16) <= 0xDFFF:
            char = chr(int(code, 16))
        else:
            continue
        parts += (text[at : m.start()], char)
        at = m.end()
        offsets.append(m.start() - shift + 1)  # the character read stands at m.start() - shift
        shift += len(m.group()) - 1
        shifts.append(shift)
    parts.append(text[at:])

    def where(offset: int) -> int:
        n = bisect.bisect_right(offsets, offset) - 1
        return offset + (shifts[n] if n >= 0 else 0)

    return "".join(parts), where
