"""Where a Cellebrite ``report.xml`` is read on after damage (``add --accept-partial``).

Reading resumes at the next *top-level* decoded model (a ``<model>`` that is a direct child of a
``<modelType>`` in ``<decodedData>``: a Chat, an InstantMessage, a Call, a Location …), at the next
message of the chat whose message the damage is in (its header, read before the damage, carried over
by the parser), or, when no model follows, at the next section of the report (``<extraInfos>``: the
provenance). It is found by reading the raw bytes after the damage, with three rules that make it safe:

- *Never inside a text.* Physical Analyzer writes every value in a CDATA section, where ``<`` is not
  escaped: a message's text can hold a literal ``<model type="InstantMessage" …>``. A CDATA section
  cannot hold ``]]>`` (a writer splits a text's ``]]>`` as ``]]]]><![CDATA[>``), so the place right after
  the first ``]]>`` following the damage is outside every CDATA section, and outside every attribute
  value's ``<`` (which XML never allows): from there the markup is read exactly — each ``<![CDATA[`` is
  skipped to its ``]]>``. Nothing between the damage and that ``]]>`` is read as markup, so a text whose
  CDATA opener the damage destroyed is never read as records.
- *Only top-level models, or the damaged chat's messages.* Models nest (a Chat holds its
  InstantMessages in a ``multiModelField``); resuming at another chat's nested message would read it
  without its chat. The elements open at the damage are
  known exactly (the XML parser read everything before it); when the damage is inside a CDATA text
  (the usual damaged byte: a message's text), the same elements are open at that ``]]>``, and the
  markup read from there says when a ``<model>`` starts directly inside a ``<modelType>``. When the
  damage is in the markup itself (a tag, an attribute), how deep the nesting is at that ``]]>`` is not
  known from before it: it is found from after it, by the next ``</modelType>`` (always the third
  element open) read exactly, counting the tags opened and closed up to it (:func:`_depth_at`). The
  elements of the model type (``<project>``, ``<decodedData>``, ``<modelType>``) are then those open
  before the damage, unless the bytes from the damaged tag's ``<`` to that ``]]>`` name ``modelType``;
  and every element open before the damage is still open there (a chat's messages' included: reading
  can resume at the chat's next message) when those bytes hold no ``</`` (nothing is closed without an
  end tag). So damage in a tag reads on at the next model of the same type, or in a chat at its next
  message (damage in an end tag: at the first whose start tag follows that ``]]>``). Where the damage is
  in a start tag's name (what it opened, and so what was lost, is not known), the markup after it does
  not match (an end tag closing what is not open, a ``<`` that starts no tag) or no ``</modelType>``
  follows, reading resumes only after the next ``</modelType>`` (at the first model of the next type),
  losing the rest of that type.
- *Read whole, or it is the next damage.* The model read there must parse, with the tags of the
  elements it sits in put before it; else that is the next damage, read on from in the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import IO
from xml.etree.ElementTree import Element

from footprint.ingest._phone import local_name

_CHUNK = 1 << 20
_OPEN, _CLOSE = b"<![CDATA[", b"]]>"
_TAG = re.compile(
    rb"</([^\s<>/]+)\s*>"
    rb"|<([^\s<>/!?]+)((?:\s+[^\s<>=/]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*(/?)>"
)
_ATTR = re.compile(rb"([^\s=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_LONGEST_TAG = 1 << 20  # a start tag longer than this is taken as damage
_TYPED = re.compile(rb"<model\s[^<>]*?type=\"([^\"]*)\"")
_MODEL_TAG = re.compile(rb"<model\s")
_NAME_CUT = re.compile(rb"<[^\s<>/!?]*\Z")  # bytes from a ``<`` that end in a start tag's name (or at ``<``)
_WHITE = bytes.maketrans(b"\r\n\t", b"   ")  # attribute values read them as spaces: the prefix is one line


@dataclass(frozen=True)
class Opened:
    """An element open where reading resumes: its local name, attributes and start tag (as put before
    the resumed reading), and whether it is a model this parser reads as an item."""

    name: str
    attrs: dict[str, str]
    tag: bytes
    item: bool = False


@dataclass(frozen=True)
class Resume:
    """Reading resumes at byte ``at`` (line ``line``) with ``prefix`` (the open elements' start tags)
    before it; ``where`` says at what, ``records`` the items lost from the damage to it."""

    at: int
    line: int
    prefix: bytes
    where: str
    records: int
    in_chat: bool = False  # in the chat the damage is in: its header (read before it) carries over


def _quoted(value: str) -> str:
    """An attribute value, quoted and escaped (``xml.sax.saxutils.quoteattr`` imports urllib.request)."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


def opened_elements(stack: list[Element], items: frozenset[str]) -> list[Opened]:
    """The elements open at the damage, as the XML parser's stack of them holds them."""
    result: list[Opened] = []
    namespace = ""
    for elem in stack:
        space = elem.tag[1:].split("}", 1)[0] if elem.tag.startswith("{") else ""
        attrs = {k: v for k, v in elem.attrib.items() if not k.startswith("{")}
        written = "".join(f" {k}={_quoted(v)}" for k, v in attrs.items())
        declared = f" xmlns={_quoted(space)}" if space != namespace else ""
        namespace = space
        name = local_name(elem.tag)
        tag = f"<{name}{declared}{written}>".encode().translate(_WHITE)
        result.append(Opened(name, attrs, tag, _is_item(name, attrs, result, items)))
    return result


def _is_item(name: str, attrs: dict[str, str], parents: list[Opened], items: frozenset[str]) -> bool:
    """A model read as an item: a top-level one, or a message in a chat's ``Messages``."""
    if name != "model" or attrs.get("type", "") not in items or not parents:
        return False
    parent = parents[-1]
    top = parent.name == "modelType" and len(parents) == 3
    return top or (parent.name == "multiModelField" and parent.attrs.get("name") == "Messages")


def _top(stack: list[Opened]) -> bool:
    return [o.name for o in stack] == ["project", "decodedData", "modelType"]


def _chat_messages(stack: list[Opened]) -> bool:
    """Whether ``stack`` is a top-level chat's ``Messages``: where its messages start."""
    names = [o.name for o in stack]
    return (
        names == ["project", "decodedData", "modelType", "model", "multiModelField"]
        and stack[3].attrs.get("type") == "Chat"
        and stack[4].attrs.get("name") == "Messages"
    )


Opener = Callable[[], AbstractContextManager[IO[bytes]]]


class _Bytes:
    """The report's bytes from some offset on, read in chunks, found in and taken from the front."""

    def __init__(self, stream: IO[bytes], at: int) -> None:
        self.stream = stream
        stream.seek(at)
        self.base, self.data, self.ended = at, b"", False
        self.newlines = 0  # in the bytes let go from the front

    def more(self) -> bool:
        chunk = b"" if self.ended else self.stream.read(_CHUNK)
        self.ended = not chunk
        self.data += chunk
        return bool(chunk)

    def find(self, what: bytes, start: int) -> int:
        """The offset (in ``data``) of ``what`` at or after ``start``, reading on as needed; -1 if none."""
        while True:
            found = self.data.find(what, start)
            if found >= 0 or not self.more():
                return found

    def drop(self, upto: int) -> None:
        self.newlines += self.data.count(b"\n", 0, upto)
        self.base, self.data = self.base + upto, self.data[upto:]

    def line_of(self, at: int, line: int) -> int:
        """The line of ``at`` (in ``data``), the first byte read being on ``line``."""
        return line + self.newlines + self.data.count(b"\n", 0, at)


@dataclass(frozen=True)
class _Before:
    """What the bytes before the damage say: whether it lies in a CDATA section (``exact``), and the bytes
    from the last ``<`` before it (``tail``: the damaged tag's, when it is in markup)."""

    exact: bool
    tail: bytes


def _before(opener: Opener, offset: int) -> _Before:
    """What comes before byte ``offset`` (well-formed: the XML parser read it): it lies in a CDATA
    section when the nearer of ``<![CDATA[`` and ``]]>`` before it is ``<![CDATA[``."""
    end, tail = offset, b""
    with opener() as stream:
        while end > 0:
            start = max(end - _CHUNK, 0)
            stream.seek(start)
            window = stream.read(min(end + len(_OPEN), offset) - start)
            if end == offset:
                tail = window[window.rfind(b"<") :]
            opened, closed = window.rfind(_OPEN), window.rfind(_CLOSE)
            if opened >= 0 or closed >= 0:
                return _Before(opened > closed, tail)
            end = start
    return _Before(False, tail)


def _lost_in_tag(tail: bytes, stack: list[Opened], items: frozenset[str]) -> int:
    """1 when the damage is in the start tag of an item model (its record lost): ``tail`` (the bytes from
    the tag's ``<`` to the damage) names it ``model``, and its type, read before the damage or else the
    one its parent holds (a ``<modelType>``'s, a chat's ``Messages``'), is read as an item there."""
    if b">" in tail or _MODEL_TAG.match(tail) is None:
        return 0
    typed = _TYPED.match(tail)
    parent_type = stack[-1].attrs.get("type", "") if stack else ""
    kind = typed[1].decode("utf-8", "replace") if typed else parent_type
    return int(_is_item("model", {"type": kind}, stack, items))


_UNKNOWN = Opened("", {}, b"")  # an element open at a place whose start tag was not read (any end closes it)


def _depth_at(opener: Opener, at: int) -> int | None:
    """How many elements are open at byte ``at`` (outside markup and CDATA), from the markup after it read
    exactly up to the next ``</modelType>``, where three are (``project``, ``decodedData``, ``modelType``):
    None where a ``<`` starts no tag first, no ``</modelType>`` follows, or the count says fewer than three
    (or closes one of those three before it)."""
    depth = lowest = 0
    with opener() as stream:
        for kind, _, found in _tokens(_Bytes(stream, at), 0):
            if kind == "broken":
                return None
            assert found is not None
            if kind == "open":
                depth += not found[4]
            elif local_name(found[1].decode("utf-8", "replace")) == "modelType":
                opened = 3 - depth
                return opened if opened >= 3 and opened + lowest >= 3 else None
            else:
                depth -= 1
                lowest = min(lowest, depth)
    return None


def _in_markup(
    opener: Opener, at: int, stack: list[Opened], tail: bytes, after: bytes
) -> list[Opened] | None:
    """The elements open at byte ``at`` (the first place after damage in markup known to be outside all
    markup and CDATA), with ``stack`` open before the damage, ``tail`` the bytes from the last ``<``
    before it up to it and ``after`` those from it up to ``at`` (neither read as markup): those of
    ``stack`` known to be still open there, then :data:`_UNKNOWN` for the others. None when how deep or
    in what model type is not known, or when the damage is in a start tag's name (what it opened, and so
    what was lost, is not known)."""
    damaged = tail + after
    if _NAME_CUT.match(tail) or len(stack) < 3 or b"modelType" in damaged:
        return None
    depth = _depth_at(opener, at)
    known = stack if b"</" not in damaged else stack[:3]
    if depth is None or depth < len(known):
        return None
    return [*known, *[_UNKNOWN] * (depth - len(known))]


def find_resume(
    opener: Opener, offset: int, line: int, stack: list[Opened], items: frozenset[str]
) -> Resume | None:
    """Where to read on after damage at byte ``offset`` (line ``line``) with ``stack`` open there; None
    when no top-level model or section can be found safely after it."""
    before = _before(opener, offset)
    records = int(any(o.item for o in stack)) + _lost_in_tag(before.tail, stack, items)
    with opener() as stream:
        text = _Bytes(stream, offset)
        close = text.find(_CLOSE, 0)
        if close < 0:
            return None
        pos = close + len(_CLOSE)
        current: list[Opened] | None = list(stack)
        # damage in a chat's message (its header read whole before it): its next message is read on at
        in_chat = len(stack) > 5 and _chat_messages(stack[:5])
        if not before.exact:  # not read as markup, maybe not text: its models counted by their type
            records += _typed_models(text.data[:close], items)
            current = _in_markup(opener, text.base + pos, stack, before.tail, text.data[:close])
            # in a message's tag, or the start tag of one (a child of the messages), with every element
            # of ``stack`` still open there
            in_chat = current is not None and len(stack) >= 5 and current[:5] == stack[:5]
        known = {o.name: o for o in stack[:2]}
        for kind, at, found in _tokens(text, pos):
            if kind == "broken":
                current = None
                continue
            assert found is not None
            if kind == "close":
                name = local_name(found[1].decode("utf-8", "replace"))
                if current is not None and current and current[-1].name in (name, ""):
                    current.pop()
                elif name == "modelType" and "project" in known and "decodedData" in known:
                    current = [known["project"], known["decodedData"]]
                else:
                    current = None
                continue
            name = local_name(found[2].decode("utf-8", "replace"))
            attrs = _attrs(found[3])
            if current is None:
                records += name == "model" and attrs.get("type", "") in items
                continue
            chat = in_chat and name == "model" and len(current) == 5 and _chat_messages(current)
            if (name == "model" and _top(current)) or [o.name for o in current] == ["project"] or chat:
                where = _where(name, attrs)
                prefix = b"".join(o.tag for o in current)
                return Resume(text.base + at, text.line_of(at, line), prefix, where, records, chat)
            opened = Opened(name, attrs, found[0].translate(_WHITE), _is_item(name, attrs, current, items))
            records += opened.item
            if not found[4]:
                current.append(opened)
    return None


def _tokens(text: _Bytes, pos: int) -> Iterator[tuple[str, int, re.Match[bytes] | None]]:
    """The markup from ``pos`` (outside any markup and CDATA): ("open"/"close", offset, match), and
    ("broken", offset, None) where a ``<`` starts no tag (skipped to the next ``]]>``, so nothing in a
    text is read as markup)."""
    while True:
        lt = text.find(b"<", pos)
        if lt < 0:
            return
        if lt > _CHUNK:  # what is read is let go as reading goes on
            text.drop(lt)
            lt = 0
        while len(text.data) - lt < len(_OPEN) and text.more():
            pass
        if text.data.startswith(_OPEN, lt):
            end = text.find(_CLOSE, lt + len(_OPEN))
            if end < 0:
                return
            pos = end + len(_CLOSE)
            continue
        for mark, stop in ((b"<!--", b"-->"), (b"<?", b"?>")):
            if text.data.startswith(mark, lt):
                end = text.find(stop, lt + len(mark))
                if end < 0:
                    return
                pos = end + len(stop)
                break
        else:
            found = _TAG.match(text.data, lt)
            while found is None and len(text.data) - lt < _LONGEST_TAG and text.more():
                found = _TAG.match(text.data, lt)
            if found is None:
                yield "broken", lt, None
                end = text.find(_CLOSE, lt + 1)
                if end < 0:
                    return
                pos = end + len(_CLOSE)
                continue
            yield ("close" if found[1] is not None else "open"), lt, found
            pos = found.end()


def _attrs(raw: bytes) -> dict[str, str]:
    return {
        m[1].decode("utf-8", "replace"): (m[2] if m[2] is not None else m[3]).decode("utf-8", "replace")
        for m in _ATTR.finditer(raw)
    }


def _typed_models(data: bytes, items: frozenset[str]) -> int:
    """The start tags of item models in bytes not read as markup (for the count of records lost)."""
    return sum(m[1].decode("utf-8", "replace") in items for m in _TYPED.finditer(data))


def _where(name: str, attrs: dict[str, str]) -> str:
    if name != "model":
        return f"at <{name}>"
    kind, ident = attrs.get("type", "model"), attrs.get("id", "")
    return f"at {kind} id={ident}" if ident else f"at {kind} (no id)"
