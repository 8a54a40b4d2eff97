"""Where the next element of a JSON message array begins after damage, in JSON not written a line to an
element (a minified export): the places a message's text cannot forge, and how many elements lie between.

Message text is hostile, so a place to read on at must be one no text can make. The rule
(``JsonStream.elements`` with a :class:`Shape`; docs/formats.md, "Why this is safe"):

- a candidate is a ``{`` followed (after spaces) by ``"``, preceded (after spaces) by ``,`` and that by
  ``}``: the end of one object in an array and the start of the next (:data:`CANDIDATE`);
- it must decode whole as an object, be followed (after spaces) by ``,`` or ``]``, and have the
  element's :class:`Shape` — keys that hold neither ``,`` nor ``:``;
- reading back from it to the damage (:func:`elements_back`), no array or object may open: else it is an
  element of an array that began after the damage (another chat's messages), not of this one.

When the damage is in a chat's last message, the next place is the next chat, an element of the array
holding the chats (:func:`opens_holder`): a candidate whose keys up to the one holding the messages
(``messages``) decode whole, have the chat's :class:`Shape` and hold neither ``,`` nor ``:``, and are
followed by that array's ``[``; read back to the damage, no array or object opens before it either.

When the damage is in a chat's header and no chat follows it, the place is that chat's own messages
(:func:`header_rest`): its ``"messages"`` key, both quotes bare, followed by ``[`` and ``{``, with no
array or object opened between the damage and it, and the ``,`` after which the header's keys that
follow the damage decode whole up to it.

A ``{"`` inside a string means the string's content ended with ``{`` and the ``"`` is its closing quote.
Decoded from there, every string the decoder reads is then text *between* two of the export's strings
(its ``,`` or ``:`` with any brackets, numbers and spaces), and every value it reads is a string's
content. Two strings of valid JSON are always parted by a ``,`` or a ``:``, so every key such a decode
yields holds one: it never has a key of the element's shape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: an object in an array after another: ``}`` ``,`` ``{`` ``"`` (group 1 is the ``{``)
CANDIDATE = re.compile(r'\}[ \t\r\n]*,[ \t\r\n]*(\{)[ \t\r\n]*"')
#: the same, or the first object of an array: ``[`` ``{`` ``"`` (a chat of another list)
ELEMENT = re.compile(r'(?:\[|\}[ \t\r\n]*,)[ \t\r\n]*(\{)[ \t\r\n]*"')
_KEY_END = re.compile(r'"[ \t\r\n]*:[ \t\r\n]*\Z')  # a key's closing quote and its ':'
_ENDED = re.compile(r"\][ \t\r\n]*\}[ \t\r\n]*(,)[ \t\r\n]*\Z")  # an array, its object, then a key
_STRUCTURE = re.compile(r'["{}\[\]]')
_OPEN = re.compile(r"\{[ \t\r\n]*")
_COLON = re.compile(r"[ \t\r\n]*:[ \t\r\n]*")
_COMMA = re.compile(r"[ \t\r\n]*,[ \t\r\n]*")
_DECODER = json.JSONDecoder()
_HEADER_KEYS = 16  # a chat has a handful of keys before its messages (Telegram: name, type, id)


@dataclass(frozen=True)
class Shape:
    """What every element of a message array has: each of ``keys``, and one of ``any_of`` when given.
    ``holder``: the key that holds such an array (``messages``); an object with it is a chat, not one of
    its messages. A key holding ``,`` or ``:`` would not prove a place (the module's rule), so none may."""

    keys: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    holder: str | None = "messages"

    def __post_init__(self) -> None:
        if not self.keys and not self.any_of:
            raise ValueError("a Shape needs at least one key")
        if any("," in key or ":" in key for key in (*self.keys, *self.any_of)):
            raise ValueError("a Shape's keys cannot hold ',' or ':'")

    def fits(self, value: Any) -> bool:
        """Whether ``value`` (a decoded candidate) is an element of this shape."""
        return (
            isinstance(value, dict)
            and all(key in value for key in self.keys)
            and (not self.any_of or any(key in value for key in self.any_of))
        )

    def holds(self, value: dict[str, Any]) -> bool:
        """Whether ``value`` holds an array of such elements itself (a chat, read past its messages' end)."""
        return self.holder is not None and self.holder in value


def opens_holder(text: str, at: int, shape: Shape) -> int | None:
    """Where the array of elements opens (its ``[``) in the object of ``shape`` that begins at ``at`` (a
    ``{``: a chat holding its messages under ``shape.holder``), or None when it is not one: each key up to
    the holder must decode whole as a string holding neither ``,`` nor ``:``, each value before it whole,
    and the keys must fit ``shape``. A decode out of step with the file yields a key holding one (the
    module's rule), so no message text can make such a place."""
    if shape.holder is None:
        return None
    opened = _OPEN.match(text, at)
    if opened is None:
        return None
    found: dict[str, Any] = {}
    pos = opened.end()
    try:
        while len(found) < _HEADER_KEYS:
            key, pos = _DECODER.raw_decode(text, pos)
            colon = _COLON.match(text, pos)
            if not isinstance(key, str) or "," in key or ":" in key or colon is None:
                return None
            pos = colon.end()
            if key == shape.holder:
                return pos if text.startswith("[", pos) and shape.fits(found) else None
            found[key], pos = _DECODER.raw_decode(text, pos)
            comma = _COMMA.match(text, pos)
            if comma is None:
                return None
            pos = comma.end()
    except (json.JSONDecodeError, RecursionError):
        return None
    return None


def header_rest(text: str, start: int, shape: Shape) -> tuple[int, list[str]] | None:
    """In a chat whose header holds the damage at ``start`` (and no chat after it is found): the place of
    the ``,`` after which the header's keys that follow the damage decode whole up to ``shape.holder``
    (its messages, their first element a ``{``), and those keys; None when there is no such place.

    The holder key's quotes are not escaped, so it is a string of the file (text between two strings
    holds a ``,`` or a ``:``); read back to the damage, no array or object opens before it, so it is a
    key of the object the damage is in; and each key decoded from the ``,`` holds neither ``,`` nor ``:``
    (the module's rule): no message text can make such a place. The earliest ``,`` after the damage from
    which they do is the place; the one just before the holder key always does (no key kept)."""
    if shape.holder is None:
        return None
    found = re.compile(re.escape(json.dumps(shape.holder)) + r"[ \t\r\n]*:[ \t\r\n]*\[[ \t\r\n]*\{").search(
        text, start
    )
    if found is None or _escaped(text, found.start()) or _opened_back(text, start, found.start()):
        return None
    key_at = found.start()
    for place in [start + i for i, char in enumerate(text[start:key_at]) if char == ","]:
        keys = _keys_to(text, place, key_at)
        if keys is not None:
            return place, keys
    return None


def _keys_to(text: str, comma: int, key_at: int) -> list[str] | None:
    """The keys of the members decoded whole from the ``,`` at ``comma`` up to ``key_at`` exactly, each
    holding neither ``,`` nor ``:``; None when they do not."""
    keys: list[str] = []
    pos = comma + 1
    try:
        while len(keys) < _HEADER_KEYS:
            while pos < key_at and text[pos] in " \t\r\n":
                pos += 1
            if pos >= key_at:
                return keys if pos == key_at else None
            key, pos = _DECODER.raw_decode(text, pos)
            colon = _COLON.match(text, pos)
            if not isinstance(key, str) or "," in key or ":" in key or colon is None:
                return None
            _, pos = _DECODER.raw_decode(text, colon.end())
            after = _COMMA.match(text, pos)
            if after is None:
                return None
            keys.append(key)
            pos = after.end()
    except (json.JSONDecodeError, RecursionError):
        return None
    return None


def _escaped(text: str, quote: int) -> bool:
    """Whether the ``"`` at ``quote`` is escaped (an odd run of backslashes before it)."""
    run = quote
    while run > 0 and text[run - 1] == "\\":
        run -= 1
    return (quote - run) % 2 == 1


def elements_back(text: str, start: int, end: int, level: int = 0) -> int | None:
    """How many elements begin in ``text[start:end]`` at the level of the array element that begins at
    ``end``, read back from ``end`` (a place between two elements); None when an array or object opens
    there first (the element at ``end`` is in an array that began after ``start``). ``level`` 2 counts the
    elements of the arrays those elements hold instead (the messages of the chats read back over)."""
    depth = count = 0
    for char, _ in _brackets_back(text, start, end):
        if char in "}]":
            depth += 1
        else:
            depth -= 1
            if depth < 0:
                return None
            if depth == level:
                count += 1
    return count


def next_key(text: str, start: int, end: int, array_key: str) -> tuple[str, int, int] | None:
    """When the element that begins at ``end`` (a chat) is in an array ``array_key`` opened after
    ``start`` (the damage), in an object opened after it too, that is the value of a key following, after
    ``]`` ``}`` ``,``, the object holding the array read at ``start`` (``chats`` then ``left_chats``): that
    key, the place of its opening quote and of the ``,`` before it; else None."""
    opened = _opened_back(text, start, end)
    if len(opened) != 2 or text[opened[0]] != "[" or text[opened[1]] != "{":
        return None
    listed, holder = _key_before(text, start, opened[0]), _key_before(text, start, opened[1])
    if listed is None or listed[0] != array_key or holder is None:
        return None
    ended = _ENDED.search(text, start, holder[1])
    return (holder[0], holder[1], ended.start(1)) if ended else None


def _opened_back(text: str, start: int, end: int) -> list[int]:
    """The places of the arrays and objects opened in ``text[start:end]`` and still open at ``end``,
    innermost first."""
    depth, opened = 0, []
    for char, place in _brackets_back(text, start, end):
        if char in "}]":
            depth += 1
        elif depth:
            depth -= 1
        else:
            opened.append(place)
    return opened


def _key_before(text: str, start: int, at: int) -> tuple[str, int] | None:
    """The key whose value begins at ``at`` (outside any string) and the place of its opening quote."""
    close = _KEY_END.search(text, start, at)
    if close is None or (opening := _opening_quote(text[start : close.start()][::-1], 0)) is None:
        return None
    quote = close.start() - 1 - opening
    key = json.loads(text[quote : close.start() + 1])
    return (key, quote) if isinstance(key, str) else None


def _brackets_back(text: str, start: int, end: int) -> Iterator[tuple[str, int]]:
    """Each ``{``, ``}``, ``[`` and ``]`` of ``text[start:end]`` outside strings, read back from ``end`` (a
    place outside any string), with its place in ``text``; reading stops at ``start`` (inside a string,
    perhaps: the damage).

    Reading back from a place outside any string, each string is known by its closing quote, and its
    opening quote is the first ``"`` before it not escaped (an even run of backslashes before it)."""
    back = text[start:end][::-1]
    at = 0
    while found := _STRUCTURE.search(back, at):
        char, at = found.group(), found.end()
        if char != '"':
            yield char, end - at
            continue
        quote = _opening_quote(back, at)
        if quote is None:
            return  # the damage is inside this string
        at = quote + 1


def _opening_quote(back: str, at: int) -> int | None:
    """In ``back`` (text reversed), from ``at`` (just before a string's closing quote): where its opening
    quote is, or None when ``back`` ends first."""
    while True:
        quote = back.find('"', at)
        if quote < 0:
            return None
        run = quote + 1
        while run < len(back) and back[run] == "\\":
            run += 1
        at = quote + 1
        if (run - quote - 1) % 2 == 0:
            return quote
