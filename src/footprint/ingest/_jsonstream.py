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
from footprint.ingest._jsonresync import CANDIDATE, Shape, elements_back, opens_holder
from footprint.ingest.damage import AFTER_DAMAGE, DamagedInput, OnResume, Resumed

CHUNK = 1 << 20
_WS = " \t\r\n"
_DECODER = json.JSONDecoder()
_FOLLOWED = re.compile(r"[ \t\r\n]*[,\]]")  # what follows an element of an array
_T = TypeVar("_T")


@dataclass
class _Held:
    """The array :meth:`JsonStream.holders` reads (a full Telegram export's chats): its name, the shape
    of its elements, the index of the one being read, and the index reading goes on at when damage in
    that one's own array was read past to a later one (None otherwise)."""

    name: str
    shape: Shape
    index: int = 0
    resumed_at: int | None = None


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
            if self.held is not None and self.held.resumed_at is not None:
                return  # the object ended inside damage read past (:meth:`holders`)
            char = self.peek()
            if char == "}":
                self.pos += 1
                return
            if char != ",":
                raise self._error(
                    f"expected ',' or '}}', found {char!r}" if char else "file ends inside an object"
                )
            self.pos += 1

    def items(self, held: _Held | None = None) -> Iterator[int]:
        """Iterate an array's indexes; the caller must consume each element before the next. ``held``:
        the array is :meth:`holders`', and goes on at ``held.resumed_at`` when that is set."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        index = 0
        while True:
            if held is not None:
                held.index = index
            yield index
            if held is not None and held.resumed_at is not None:
                index, held.resumed_at = held.resumed_at, None
                continue  # reading goes on at that element's ``{``
            index += 1
            char = self.peek()
            if char == "]":
                self.pos += 1
                return
            if char != ",":
                raise self._error(
                    f"expected ',' or ']', found {char!r}" if char else "file ends inside an array"
                )
            self.pos += 1

    def holders(self, name: str, shape: Shape, read: Callable[[str], Iterator[_T]]) -> Iterator[_T]:
        """What ``read`` makes of each element of the array ``name`` (given its locator's prefix,
        ``name[index].``), objects of ``shape`` each
        holding an array read by :meth:`elements` (a full Telegram export's chats, each holding its
        messages). With ``resume`` set, damage in a held array's last element that :meth:`_resync_inline`
        cannot read past in that array is read past to the next whole element of this one (the next chat):
        the object being read ends there and reading goes on at that element."""
        held = _Held(name, shape)
        outer, self.held = self.held, held
        try:
            for index in self.items(held):
                yield from read(f"{name}[{index}].")
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
            damage = self._error(
                f"expected ',' or ']', found {char!r}" if char else "file ends inside an array"
            )
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
        elements' shape; with no layout, :meth:`_resync_inline` finds the element. ``lost``: the index of
        the first element lost, the character from which an element's start is counted, and the index of
        the first counted.

        JSON text cannot hold a line break inside a string, so a line that starts with ``{`` at the
        elements' indentation, after a line ending in ``,``, starts an element: a ``{`` in a message's
        text never does. A line less indented (not the array's ``]``) means the array has ended inside
        the damage: the reading then stops there, as without ``resume``."""
        layout, shape = found
        if self.resume is None:
            raise damage
        if layout is None:
            if shape is None:
                raise damage
            return self._resync_inline(damage, (shape, self.resume), name, lost)
        opener, lead = layout
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
                        self.resume(resumed)
                        return index, obj, raw
                    known, prev = False, ""
                    continue
            elif known and body and self.dropped + here > failed:
                if indent == opener and body.startswith("]"):
                    self.pos = here + len(indent)
                    records = first_counted - first_lost + passed
                    self.resume(self._resumed_at(damage, f"at the end of {name}", records))
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
        next chat). Reading stops at the damage (it is raised) when there is neither, or when the first
        such element is in another array."""
        shape, resume = reading
        first_lost, count_from, first_counted = lost
        failed = self.failed_at
        self.pos = failed - self.dropped
        while len(self.buf) - self.pos <= AFTER_DAMAGE and self._fill():
            pass
        at = failed - self.dropped  # ``_fill`` may have dropped the text before the damage
        ahead = self.buf[at : at + AFTER_DAMAGE]
        cut = ahead.encode("utf-8", "surrogateescape")[:AFTER_DAMAGE]  # the window is counted in bytes
        window = ahead[: len(cut.decode("utf-8", "surrogateescape"))]
        start = max(count_from - failed, 0)
        for match in CANDIDATE.finditer(window):
            place = match.start(1)
            if self.held is not None and (opened := opens_holder(window, place, self.held.shape)):
                if self.escaped and _ESCAPED.search(window, place, opened):
                    continue
                if (passed := elements_back(window, start, place)) is None:
                    raise damage  # in an array that began after the damage
                self.pos = at + place
                index = self.held.index + 1 + passed
                records = first_counted - first_lost + (elements_back(window, start, place, 2) or 0)
                resume(self._resumed_at(damage, f"at {self.held.name}[{index}]", records))
                self.held.resumed_at = index
                return None
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
