"""A pull reader for huge JSON exports: walk objects and arrays, decode one record at a time.

Exports such as Telegram's ``result.json`` or a DiscordChatExporter channel hold every message in
one array; loading it whole costs several times the file in memory. ``JsonStream`` reads the text in
chunks and lets a parser iterate an object's keys or an array's elements, decoding only the records
it asks for (each with its exact original text), so memory stays bounded by the largest record.
"""

from __future__ import annotations

import codecs
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any, TypeVar

from footprint.errors import ParseError
from footprint.ingest._jsonresync import (
    CANDIDATE,
    ELEMENT,
    Shape,
    elements_back,
    header_rest,
    next_key,
    opens_holder,
)
from footprint.ingest.damage import AFTER_DAMAGE, DamagedInput, OnResume, Resumed

CHUNK = 1 << 20
_WS = " \t\r\n"
_DECODER = json.JSONDecoder()
_FOLLOWED = re.compile(r"[ \t\r\n]*[,\]]")  # what follows an element of an array
_T = TypeVar("_T")


@dataclass
class _Held:
    """The array :meth:`JsonStream.holders` reads (a full Telegram export's chats): its name, the shape
    of its elements and the index of the one being read."""

    name: str
    shape: Shape
    index: int = 0


def _plain(message: str) -> str:
    """Python's JSON message without its own trailing "at" (ours follows: "at character N")."""
    return message.removesuffix(" at")


_NUMBER_TAIL = 64  # a number cut by a chunk ends the buffer, or leaves at most "1." / "1e+" behind
MAX_SKIP_DEPTH = 200  # real exports nest a handful of levels


_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, kept by "surrogateescape"


def without_lone_surrogates(value: Any) -> Any:
    """``value`` (decoded JSON, or an item built from it) with lone UTF-16 surrogates replaced by U+FFFD.

    JSON may escape half an emoji (``"\\ud83d"``, as platforms cut long posts); ``json`` decodes it
    to a lone surrogate, which is not Unicode text and cannot be stored. The raw text keeps the escape.
    """
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_lone_surrogates(v) for v in value]
    if isinstance(value, tuple):
        fixed = [without_lone_surrogates(v) for v in value]
        return type(value)(*fixed) if hasattr(value, "_fields") else tuple(fixed)
    if isinstance(value, set | frozenset):
        return type(value)(without_lone_surrogates(v) for v in value)
    if isinstance(value, dict):
        return {without_lone_surrogates(k): without_lone_surrogates(v) for k, v in value.items()}
    return value


# a high-surrogate escape not followed by a low one, or a low one not after a high one (an even run
# of backslashes before it, so ``\\\\ud800`` — a backslash then "ud800" — is not one)
_LONE_ESCAPE = re.compile(
    r"(?<!\\)(?:\\\\)*(\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2})"
)


def lone_surrogate_escapes(text: str) -> list[str]:
    """The JSON escapes in ``text`` of half a UTF-16 pair (``\\ud83d``), which decode as U+FFFD."""
    return [m.group(1) for m in _LONE_ESCAPE.finditer(text)] if has_surrogate_escape(text) else []


def has_surrogate_escape(text: str) -> bool:
    """Whether JSON text escapes a surrogate (``\\ud83d``): only then can decoding leave a lone one."""
    return "\\ud" in text or "\\uD" in text


class JsonStream:
    """Streaming access to one JSON document (UTF-8, BOM allowed)."""

    def __init__(
        self,
        stream: IO[bytes],
        source: str,
        where: str | None = None,
        what: str = "the export",
        resume: OnResume | None = None,
    ) -> None:
        self.stream = stream
        self.source = source
        self.where = where
        self.what = what
        #: `add --accept-partial`: :meth:`elements` reads on after damage, telling this what it skipped.
        #: A byte that is not UTF-8 is then decoded as a lone surrogate (U+DC80-U+DCFF, kept in place so
        #: byte offsets stay exact) and refused where a value holds it; else it stops the reading.
        self.resume = resume
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.escaped = False  # a byte that is not UTF-8 has been decoded as a lone surrogate
        self.dropped = 0  # characters dropped from the front of ``buf``
        self.failed_at = 0  # the character (counted from the start) where the last damage was found
        self.buf = ""
        self.pos = 0
        self.consumed_bytes = 0  # of the file, dropped from the front of ``buf`` (a BOM included)
        self.consumed_lines = 0  # the line ends among them
        self.bytes_read = 0  # of the file, for the place of a byte that is not UTF-8
        self.lines_read = 0  # line ends in the text decoded so far
        self.eof = False
        self.damage: DamagedInput | None = None  # a byte that is not UTF-8, raised once reading reaches it
        self.held: _Held | None = None  # the array of arrays being read (:meth:`holders`)
        #: objects :meth:`keys` ends, after damage read past to a key of an object holding them: the last
        #: one reads on at that key (:meth:`holders`)
        self.unwind = 0

    def error(self, problem: str) -> ParseError:
        """A ``ParseError`` for a document that is JSON but not the expected shape."""
        return ParseError(
            f"{problem}; is this the right file? ({self.what})", source=self.source, locator=self.where
        )

    def _error(self, message: str, at: int | None = None) -> DamagedInput:
        """The JSON is broken at character ``at`` of the buffer (the reading position by default); a
        byte that is not UTF-8 before it (read on, ``resume``) is named instead."""
        place = self.pos if at is None else min(at, len(self.buf))
        if self.escaped and (bad := _ESCAPED.search(self.buf, self.pos, place + 1)):
            return self._damaged_at("not UTF-8", bad.start())
        return self._damaged_at(f"not valid JSON ({message})", place)

    def _damaged_at(self, problem: str, place: int) -> DamagedInput:
        before = self.buf[:place]
        self.failed_at = self.dropped + place
        return self._damaged(
            problem,
            self.consumed_bytes + len(before.encode("utf-8", "surrogateescape")),
            self.consumed_lines + before.count("\n") + 1,
        )

    def _damaged(self, problem: str, offset: int, line: int) -> DamagedInput:
        return DamagedInput(
            problem, source=self.source, member=self.where, offset=offset, line=line, what=self.what
        )

    def _fill(self) -> bool:
        if self.eof:
            return False
        if self.damage is not None:  # the text before a byte that is not UTF-8 has all been read
            raise self.damage
        try:
            data = self.stream.read(CHUNK)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            raise ParseError(
                f"cannot be read ({exc}); the archive may be truncated or damaged — copy it again",
                source=self.source,
                locator=self.where,
            ) from exc
        if not self.bytes_read and data.startswith(codecs.BOM_UTF8):
            self.consumed_bytes = len(codecs.BOM_UTF8)  # the decoder drops it: it is no character
        try:
            self.bytes_read += len(data)
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            # exc.object is the end of the file read so far (bytes held from the last chunk, then this one)
            if self.resume is not None:  # from here on each byte that is not UTF-8 is a lone surrogate
                self.decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
                self.escaped = True
                text = self.decoder.decode(exc.object, final=not data)
            else:
                offset = self.bytes_read - len(exc.object) + exc.start
                line = self.lines_read + exc.object[: exc.start].count(b"\n") + 1
                self.damage = self._damaged("not UTF-8", offset, line)
                text = exc.object[: exc.start].decode("utf-8")  # the records before it are read first
        if not data:
            self.eof = True
        if data and self.pos > CHUNK:  # not at the end: a caller may still place an error in ``buf``
            gone = self.buf[: self.pos]
            self.consumed_bytes += len(gone.encode("utf-8", "surrogateescape"))
            self.consumed_lines += gone.count("\n")
            self.dropped += self.pos
            self.buf = self.buf[self.pos :]
            self.pos = 0
        self.buf += text
        self.lines_read += text.count("\n")
        return bool(text) or not self.eof

    def peek(self) -> str:
        """The next non-space character ('' at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def expect(self, char: str) -> None:
        """Consume ``char`` (after spaces) or fail."""
        found = self.peek()
        if found != char:
            raise self._error(
                f"expected {char!r}, found {found!r}" if found else f"expected {char!r}, file ends"
            )
        self.pos += 1

    def value(self) -> tuple[Any, str]:
        """Decode the next whole value; return it and its exact text."""
        self.peek()
        while True:
            try:
                obj, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._needs_more(exc) and self._fill():
                    continue
                raise self._error(_plain(exc.msg), exc.pos) from exc
            except RecursionError as exc:
                raise self._error("nested too deeply") from exc
            if (
                isinstance(obj, int | float)
                and not isinstance(obj, bool)
                and not self.eof
                and len(self.buf) - end <= _NUMBER_TAIL  # only a number at the end of the buffer
                and not self.buf[end:].strip("0123456789.eE+-")
                and self._fill()
            ):
                continue  # a number may continue in the next chunk
            raw = self.buf[self.pos : end]
            if self.escaped and (bad := _ESCAPED.search(raw)):
                raise self._damaged_at("not UTF-8", self.pos + bad.start())
            self.pos = end
            if has_surrogate_escape(raw):
                obj = without_lone_surrogates(obj)
            return obj, raw

    def _needs_more(self, exc: json.JSONDecodeError) -> bool:
        return not self.eof and (exc.pos >= len(self.buf) - 64 or exc.msg.startswith("Unterminated string"))

    def seek_array(self) -> None:
        """Move to the first ``[`` (after a ``window.YTD.x.part0 =`` or ``Grailbird…=`` assignment)."""
        while True:
            found = self.buf.find("[", self.pos)
            if found >= 0:
                self.pos = found
                return
            self.pos = len(self.buf)
            if not self._fill():
                raise self._error("no JSON array after the assignment")

    def skip(self, depth: int = 0) -> None:
        """Skip the next value without keeping it (arrays and objects are walked, not loaded)."""
        if depth > MAX_SKIP_DEPTH:  # hostile nesting would exhaust Python's stack first
            raise self._error("nested too deeply")
        char = self.peek()
        if char == "[":
            for _ in self.items():
                self.skip(depth + 1)
        elif char == "{":
            for _ in self.keys():
                self.skip(depth + 1)
        else:
            self.value()

    def keys(self) -> Iterator[str]:
        """Iterate an object's keys; the caller must consume each value before the next key."""
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key, _ = self.value()
            if not isinstance(key, str):
                raise self._error("object key is not a string")
            self.expect(":")
            yield key
            if self.unwind:  # the object ended inside damage read past (:meth:`holders`)
                self.unwind -= 1
                if self.unwind:
                    return
                continue  # reading goes on at a key of this one, after its ','
            if self._ended("}"):
                return

    def items(self) -> Iterator[int]:
        """Iterate an array's indexes; the caller must consume each element before the next."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        index = 0
        while True:
            yield index
            index += 1
            if self._ended("]"):
                return

    def _ended(self, close: str) -> bool:
        """After an object's member or an array's element: whether the container ends here (at ``close``)
        or goes on (at ','), each read past; anything else is damage."""
        char = self.peek()
        if char == close:
            self.pos += 1
            return True
        if char != ",":
            raise self._separator_error(char, close)
        self.pos += 1
        return False

    def _separator_error(self, char: str, close: str) -> DamagedInput:
        """The damage where ',' or ``close`` was expected and ``char`` found ("" at the file's end)."""
        inside = "an object" if close == "}" else "an array"
        return self._error(
            f"expected ',' or {close!r}, found {char!r}" if char else f"file ends inside {inside}"
        )

    def holders(self, name: str, shape: Shape, read: Callable[[str], Iterator[_T]]) -> Iterator[_T]:
        """What ``read`` makes of each element of the array ``name`` (given its locator's prefix,
        ``name[index].``), objects of ``shape`` each
        holding an array read by :meth:`elements` (a full Telegram export's chats, each holding its
        messages). With ``resume`` set, damage in an element that :meth:`elements` does not read past (in
        a chat's header, or in its last message) is read past by :meth:`_resync_holder`: to the next
        element of this array, or, in its last, to the key after the object holding it (``left_chats``);
        in a header with neither after it, to that element's own messages (:meth:`_rest_of_header`)."""
        held = _Held(name, shape)
        outer, self.held = self.held, held
        try:
            resume = self.resume
            if resume is None:
                try:
                    for each in self.items():
                        held.index = each
                        yield from read(f"{name}[{each}].")
                except DamagedInput as stopped:
                    stopped.reads_on = True  # as :meth:`_resync_holder` would, with ``resume``
                    raise
                return
            self.expect("[")
            if self.peek() == "]":
                self.pos += 1
                return
            while True:
                try:
                    yield from read(f"{name}[{held.index}].")
                    if self.unwind:  # the element ended inside damage read past
                        self.unwind -= 1
                        if self.unwind:
                            return  # and so did this array
                        continue  # reading goes on at element ``held.index``
                    if self._ended("]"):
                        return
                    held.index += 1
                except DamagedInput as damage:
                    self.unwind = self._resync_holder(damage, (held, resume))
                    if self.unwind:
                        return
        finally:
            self.held = outer

    def elements(self, name: str, shape: Shape | None = None) -> Iterator[tuple[int, Any, str]]:
        """Each element of the array ``name`` (the caller's locator for it): index, value and text.

        With ``resume`` set, damage in an element (or between two) is skipped to the next whole element,
        which :meth:`_resync` finds (in JSON not written a line to an element, only an element of
        ``shape``); without it, the damage is raised, as :meth:`items` does."""
        if self.resume is None:
            try:
                for index in self.items():
                    yield (index, *self.value())
            except DamagedInput as stopped:
                stopped.reads_on = shape is not None  # as :meth:`_resync` would, with ``resume``
                raise
            return
        self.expect("[")
        opened = self.dropped + self.pos - 1
        if self.peek() == "]":
            self.pos += 1
            return
        layout = self._layout(opened - self.dropped)
        index = 0
        found: tuple[int, Any, str] | None = None
        while True:
            if found is None:
                self.peek()
                start = self.dropped + self.pos
                try:
                    found = (index, *self.value())
                except DamagedInput as broken:  # elements from ``index`` on are lost, up to the next
                    found = self._resync(broken, (layout, shape), name, (index, start + 1, index + 1))
                    if found is None:
                        return
            yield found
            index, found = found[0] + 1, None
            char = self.peek()
            if char == "]":
                self.pos += 1
                return
            if char == ",":
                self.pos += 1
                continue
            damage = self._separator_error(char, "]")
            found = self._resync(damage, (layout, shape), name, (index, self.failed_at, index))
            if found is None:
                return

    def _layout(self, opened: int) -> tuple[str, str] | None:
        """The indentation of the line holding the array's ``[`` (at ``opened``) and of its first element,
        when that starts a line of its own: elements can then be found again after damage."""
        lead_from = self.buf.rfind("\n", 0, self.pos) + 1
        lead = self.buf[lead_from : self.pos]
        if opened < 0 or lead_from <= opened or lead.strip(" \t"):  # ``[`` gone from the buffer, or
            return None  # the first element on its line
        line = self.buf[self.buf.rfind("\n", 0, opened) + 1 : opened]
        return line[: len(line) - len(line.lstrip(" \t"))], lead

    def _resync(
        self,
        damage: DamagedInput,
        found: tuple[tuple[str, str] | None, Shape | None],
        name: str,
        lost: tuple[int, int, int],
    ) -> tuple[int, Any, str] | None:
        """After ``damage`` in the array ``name``: the next element that decodes whole, or None when the
        array ends first (reading goes on after it). ``found``: the array's :meth:`_layout` and its
        elements' shape; with a layout, :meth:`_resync_lines` finds the element, else
        :meth:`_resync_inline`. ``lost``: the index of the first element lost, the character from which an
        element's start is counted, and the index of the first counted. Where neither reads past the
        damage in the array and it is held by an element of :meth:`holders`' array (a chat's messages),
        :meth:`_resync_holder` reads on at the next such element: the array and the object holding it end
        (``unwind``)."""
        layout, shape = found
        resume = self.resume
        if resume is None:
            raise damage
        try:
            if layout is not None:
                return self._resync_lines(damage, (layout, resume), name, lost)
            if shape is None:
                raise damage
            return self._resync_inline(damage, (shape, resume), name, lost)
        except DamagedInput as stopped:
            if stopped is not damage or self.held is None:
                raise
            self.unwind = 2 + self._resync_holder(damage, (self.held, resume), lost)
            return None

    def _resync_lines(
        self,
        damage: DamagedInput,
        reading: tuple[tuple[str, str], OnResume],
        name: str,
        lost: tuple[int, int, int],
    ) -> tuple[int, Any, str] | None:
        """:meth:`_resync` in JSON written a line to an element (``layout``: the indentation of the array's
        ``[`` and of its elements).

        JSON text cannot hold a line break inside a string, so a line that starts with ``{`` at the
        elements' indentation, after a line ending in ``,``, starts an element: a ``{`` in a message's
        text never does. A line less indented (not the array's ``]``) means the array has ended inside
        the damage: the reading then stops there (it is raised), as without ``resume``."""
        (opener, lead), resume = reading
        first_lost, count_from, first_counted = lost
        failed = self.failed_at
        self.pos = max(self.buf.rfind("\n", 0, failed - self.dropped) + 1, 0)
        known = self.pos > 0 or self.dropped == 0  # whether ``pos`` is the start of a line
        passed, prev = 0, ""
        while True:
            end = self.buf.find("\n", self.pos)
            while end < 0 and self._fill():
                end = self.buf.find("\n", self.pos)
            here = self.pos
            text = self.buf[here : len(self.buf) if end < 0 else end]
            body = text.lstrip(" \t\r")
            indent = text[: len(text) - len(body)]
            at = self.dropped + here + len(indent)
            if known and indent == lead and body.startswith("{") and at >= count_from:
                passed += 1
                index = first_counted + passed - 1
                if prev == ",":
                    self.pos = here + len(indent)
                    resumed = self._resumed_at(damage, f"at {name}[{index}]", index - first_lost)
                    try:
                        obj, raw = self.value()
                    except DamagedInput:
                        self.pos = at - self.dropped + 1  # on past this ``{``
                        known, prev = False, "{"
                        continue
                    if self.peek() in (",", "]"):
                        resume(resumed)
                        return index, obj, raw
                    known, prev = False, ""
                    continue
            elif known and body and self.dropped + here > failed:
                if indent == opener and body.startswith("]"):
                    self.pos = here + len(indent)
                    records = first_counted - first_lost + passed
                    resume(self._resumed_at(damage, f"at the end of {name}", records))
                    self.pos += 1
                    return None
                if len(indent) < len(lead):
                    raise damage
            if text.rstrip(" \t\r"):
                prev = text.rstrip(" \t\r")[-1]
            if end < 0:
                raise damage
            self.pos = end + 1
            known = True

    def _resync_inline(
        self, damage: DamagedInput, reading: tuple[Shape, OnResume], name: str, lost: tuple[int, int, int]
    ) -> tuple[int, Any, str] | None:
        """:meth:`_resync` in JSON not written a line to an element (minified): the first place within
        ``AFTER_DAMAGE`` bytes after the damage that no message text can forge (``_jsonresync``) where
        an element of ``shape`` of this array decodes whole, or (None) where the next element of the
        array :meth:`holders` reads begins (the array ended inside the damage: a full Telegram export's
        next chat; the damage is raised for :meth:`holders` to read past). Reading stops at the damage (it
        is raised) when there is neither, or when the first such element is in another array."""
        shape, resume = reading
        first_lost, count_from, first_counted = lost
        failed = self.failed_at
        at, window = self._window(failed)
        start = max(count_from - failed, 0)
        for match in CANDIDATE.finditer(window):
            place = match.start(1)
            if self.held is not None and opens_holder(window, place, self.held.shape) is not None:
                raise damage  # the next chat: :meth:`_resync_holder` reads on at it
            try:
                value, end = _DECODER.raw_decode(window, place)
            except (json.JSONDecodeError, RecursionError):
                continue
            if not shape.fits(value) or not _FOLLOWED.match(window, end):
                continue
            if self.escaped and _ESCAPED.search(window, place, end):
                continue  # a byte that is not UTF-8 inside: on to the next
            passed = elements_back(window, start, place)
            if shape.holds(value) or passed is None:
                raise damage  # a chat holding such elements, or an element of another array
            index = first_counted + passed
            self.pos = at + place
            resumed = self._resumed_at(damage, f"at {name}[{index}]", index - first_lost)
            found = (index, *self.value())
            resume(resumed)
            return found
        raise damage

    def _resync_holder(
        self, damage: DamagedInput, reading: tuple[_Held, OnResume], lost: tuple[int, int, int] | None = None
    ) -> int:
        """After ``damage`` in element ``held.index`` of the array :meth:`holders` reads (in a chat's
        header, or in its messages where :meth:`_resync` could not read past it, ``lost`` as there): the
        first element of ``held.shape`` within ``AFTER_DAMAGE`` bytes after it that no message text can
        forge (``_jsonresync``). When it is in this array, reading goes on at its ``{`` (``held.index``)
        and this returns 0; when it is in the array of the same name held by the value of a key after the
        object holding this array (``left_chats`` after ``chats``), this array ended inside the damage,
        reading goes on at that key, and this returns 2: the objects to end above this array, the
        second reading on at that key (``unwind``). With neither, damage in the element's header (no
        ``lost``) reads on in that element, at its messages (:meth:`_rest_of_header`), and this returns
        0; else reading stops at the damage (it is raised)."""
        held, resume = reading
        failed = self.failed_at
        first_lost, count_from, first_counted = lost or (0, failed, 0)
        at, window = self._window(failed)
        start = max(count_from - failed, 0)
        for match in ELEMENT.finditer(window):
            place = match.start(1)
            opened = opens_holder(window, place, held.shape)
            if opened is None or (self.escaped and _ESCAPED.search(window, place, opened)):
                continue
            if (passed := elements_back(window, start, place)) is not None:
                where, count_to, level = f"at {held.name}[{held.index + 1 + passed}]", place, 2
                self.pos, ends = at + place, 0
            else:
                found = next_key(window, start, place, held.name.rpartition(".")[2])
                if found is None:
                    break  # in an array that began after the damage, not the next list
                key, quote, count_to = found
                where = f"after the last chat of {held.name} ({held.name}[{held.index}]), at {key}"
                self.pos, level, ends = at + quote, 4, 2
            records = first_counted - first_lost + (elements_back(window, start, count_to, level) or 0)
            resume(self._resumed_at(damage, where, records))
            held.index += 1 + (passed or 0)
            return ends
        if lost is None and (rest := header_rest(window, start, held.shape)) is not None:
            self._rest_of_header(damage, (held, resume), at, rest)
            return 0
        raise damage

    def _rest_of_header(
        self, damage: DamagedInput, reading: tuple[_Held, OnResume], at: int, rest: tuple[int, list[str]]
    ) -> None:
        """Damage in the header of element ``held.index`` (a chat) with no element after it found: reading
        goes on in that element, from the ``,`` (in the window at ``at`` of ``buf``) after which its
        header's keys ``rest`` decode whole up to its messages (``_jsonresync.header_rest``). The ``,`` is
        read as a ``{`` (one byte for one), so the element is read again as an object of those keys."""
        held, resume = reading
        comma, keys = rest
        self.pos = at + comma
        self.buf = self.buf[: self.pos] + "{" + self.buf[self.pos + 1 :]
        first = json.dumps(keys[0] if keys else held.shape.holder)
        lost = f"its header's keys before {first} not read" if keys else "its header not read"
        if "id" not in keys:
            lost += " (its id among them: its messages are one conversation named by the chat's place)"
        where = f"in the same chat ({held.name}[{held.index}]), {lost}, at {'that' if keys else 'its'} key"
        where += "" if keys else f" {first}"
        resume(self._resumed_at(damage, where, 0))

    def _window(self, failed: int) -> tuple[int, str]:
        """The text from character ``failed`` (the damage) on, at most ``AFTER_DAMAGE`` bytes of it, and
        where it begins in ``buf``."""
        self.pos = failed - self.dropped
        while len(self.buf) - self.pos <= AFTER_DAMAGE and self._fill():
            pass
        at = failed - self.dropped  # ``_fill`` may have dropped the text before the damage
        ahead = self.buf[at : at + AFTER_DAMAGE]
        cut = ahead.encode("utf-8", "surrogateescape")[:AFTER_DAMAGE]  # the window is counted in bytes
        return at, ahead[: len(cut.decode("utf-8", "surrogateescape"))]

    def _resumed_at(self, damage: DamagedInput, where: str, records: int) -> Resumed:
        """What was skipped when reading resumes at ``pos``, ``where`` (in words)."""
        before = self.buf[: self.pos]
        return Resumed(
            damage,
            self.consumed_bytes + len(before.encode("utf-8", "surrogateescape")),
            self.consumed_lines + before.count("\n") + 1,
            where,
            records,
        )

    def end(self) -> None:
        """Check nothing but spaces follows the document."""
        if self.peek():
            raise self._error("extra data after the JSON document")
