"""Shared helpers for the phone, e-mail and forensic parsers: XML streaming, fragments, owner accounts."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import IO, Protocol

from defusedxml import DefusedXmlException
from defusedxml.common import EntitiesForbidden

from footprint.errors import ParseError
from footprint.ingest.base import ParseContext
from footprint.ingest.phones import account_ref
from footprint.model import AccountRef
from footprint.times import iso_utc

OWNER_ID = "owner"
_REF = re.compile(rb"&#(?:([0-9]{1,8})|[xX]([0-9a-fA-F]{1,7}));")
_HOLD = 40
MAX_RAW = 256 * 1024


def with_subject(subject: str, text: str) -> str:
    """An item's text with its subject line first, marked as such, so whatever reads the text sees it."""
    if not subject:
        return text
    return f"Subject: {subject}\n\n{text}" if text else f"Subject: {subject}"


def owner_account(platform: str, ctx: ParseContext) -> AccountRef:
    """The phone's owner when the export does not give the owner's own number or address.

    The key is ``PLATFORM:owner:NAME`` (``--owner``), or ``PLATFORM:owner`` when no owner was given,
    so the examiner can attribute it to a person like any other account.
    """
    owner = (
        AccountRef(platform, f"{OWNER_ID}:{ctx.owner}", ctx.owner)
        if ctx.owner
        else AccountRef(platform, OWNER_ID, "phone owner (not named in the export)")
    )
    ctx.owner_account = owner
    return owner


def epoch_ms_utc(value: str) -> str:
    """ISO UTC for an epoch in milliseconds; ``ValueError`` when it is not one."""
    number = int(value.strip())
    if not 0 < number < 32503680000000:  # before 3000-01-01
        raise ValueError(f"epoch milliseconds {value!r} out of range")
    return iso_utc(datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=number))


def local_name(tag: str) -> str:
    """An XML tag without its ``{namespace}``."""
    return tag.rsplit("}", 1)[-1]


def fragment(elem: object, elide_attrs: frozenset[str] = frozenset()) -> str:
    """Serialise an ElementTree element without namespace prefixes (attributes in document order).

    Attributes named in ``elide_attrs`` (base64 payloads) are replaced by a note of their length.
    """
    out: list[str] = []
    _write(elem, out, elide_attrs)
    return "".join(out)


def _esc(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attr(text: str) -> str:
    text = _esc(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\n" in text or "\r" in text or "\t" in text:
        text = text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return f'"{text}"'


def _write(elem: object, out: list[str], elide: frozenset[str]) -> None:
    tag = elem.tag  # type: ignore[attr-defined]
    if tag[0] == "{":
        tag = tag.rsplit("}", 1)[-1]
    out.append(f"<{tag}")
    for key, value in elem.attrib.items():  # type: ignore[attr-defined]
        name = key.rsplit("}", 1)[-1] if key[0] == "{" else key
        if elide and name in elide and value and value != "null":
            value = f"[{len(value)} base64 characters not repeated here; see details]"
        out.append(f" {name}={_attr(value)}")
    text = elem.text or ""  # type: ignore[attr-defined]
    if not len(elem) and not text.strip():  # type: ignore[arg-type]
        out.append(" />")
        return
    out.append(">" + _esc(text))
    for child in elem:  # type: ignore[attr-defined]
        _write(child, out, elide)
        if child.tail:
            out.append(_esc(child.tail))
    out.append(f"</{tag}>")


@lru_cache(maxsize=65536)
def cached_account(platform: str, native: str, display: str = "") -> AccountRef:
    """``phones.account_ref`` remembered: exports repeat the same few parties thousands of times."""
    return account_ref(platform, native, display)


def blob_details(name: str, mime: str, data: bytes) -> dict[str, object]:
    """What is recorded about an attachment's bytes when they are not a member of an archive."""
    return {"name": name, "mime": mime, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def json_text(value: object) -> str:
    """Deterministic compact JSON for a ``details`` value."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def cap_raw(text: str, where: str) -> str:
    """Keep raw text whole unless it is very large; then say where the whole of it is."""
    if len(text) <= MAX_RAW:
        return text
    return text[:MAX_RAW] + f"\n[… {len(text) - MAX_RAW:,} more characters; the exhibit holds all of {where}]"


#: how far into an XML file a refused declaration is looked for, to name its line (it is in the prolog)
_PROLOG_LINES = 10_000


def refused_declaration(exc: DefusedXmlException, stream: IO[bytes], source_name: str) -> ParseError:
    """The error for XML that declares entities or a DTD, which the safe XML reader refuses: the file
    may have been crafted (XXE, "billion laughs"); it is not damaged, and making it again will not help."""
    mark = b"<!ENTITY" if isinstance(exc, EntitiesForbidden) else b"<!DOCTYPE"
    line = next((n for n, text in enumerate(islice(stream, _PROLOG_LINES), 1) if mark in text), None)
    what = "XML entities (<!ENTITY …>)" if isinstance(exc, EntitiesForbidden) else "a DTD (<!DOCTYPE …>)"
    return ParseError(
        f"the file declares {what}, which Footprint refuses for safety: they can read other files or"
        " expand without end, and real exports do not contain them; refused — check where the file came"
        " from",
        source=source_name,
        locator=f"line {line}" if line else "the XML prolog",
    )


class Readable(Protocol):
    """What :class:`RepairedXml` reads from: a file, or one with the root tag put before it."""

    def read(self, size: int = -1, /) -> bytes: ...


class RepairedXml:
    """A byte stream that repairs numeric character references XML 1.0 rejects.

    Surrogate pairs written as two references (``&#55357;&#56832;``, from Signal/Silence exports and
    old Android serialisers) become the one character they encode (``&#128512;``). Lone surrogates
    and references to characters XML forbids become U+FFFD and are counted in ``replaced``.
    """

    def __init__(self, stream: Readable, counted_from: int = 0) -> None:
        self.stream = stream
        self.pending = b""
        self.paired = 0
        self.replaced: list[str] = []
        self.taken = 0  # bytes read from ``stream``
        self.begin = 0  # where the chunk being repaired starts in ``stream``
        #: references before this byte of ``stream`` are repaired but not counted (an earlier reading
        #: of the same bytes counted them: an SMS backup read on after damage)
        self.counted_from = counted_from

    def read(self, size: int = -1) -> bytes:
        """Read and repair the next chunk (never splits a reference)."""
        chunk = self.stream.read(max(size, 65536))
        self.begin = self.taken - len(self.pending)  # where ``data`` starts in ``stream``
        self.taken += len(chunk)
        data = self.pending + chunk
        if chunk:
            cut = data.find(b"&", max(0, len(data) - _HOLD))
            if cut != -1:
                data, self.pending = data[:cut], data[cut:]
            else:
                self.pending = b""
            if not data and self.pending:
                return self.read(size)
        else:
            self.pending = b""
        if b"&#" not in data or not _needs_fix(data):
            return data
        return self._repair(data)

    def _repair(self, data: bytes) -> bytes:
        out: list[bytes] = []
        pos = 0
        skip_until = -1
        for found in _REF.finditer(data):
            if found.start() < skip_until:
                continue
            value = _codepoint(found)
            if value is None or _allowed(value):
                continue
            out.append(data[pos : found.start()])
            pos = found.end()
            follow = _REF.match(data, found.end()) if 0xD800 <= value <= 0xDBFF else None
            low = _codepoint(follow)
            counted = self.begin + found.start() >= self.counted_from
            if follow is not None and low is not None and 0xDC00 <= low <= 0xDFFF:
                self.paired += counted
                out.append(f"&#{0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)};".encode())
                pos = skip_until = follow.end()
            else:
                if counted:
                    self.replaced.append(found.group(0).decode("ascii"))
                out.append(b"&#65533;")
        out.append(data[pos:])
        return b"".join(out)


def _needs_fix(data: bytes) -> bool:
    return any((value := _codepoint(m)) is not None and not _allowed(value) for m in _REF.finditer(data))


def _codepoint(found: re.Match[bytes] | None) -> int | None:
    if found is None:
        return None
    try:
        return int(found.group(1)) if found.group(1) else int(found.group(2), 16)
    except ValueError:
        return None


def _allowed(value: int) -> bool:
    return (
        value in (0x9, 0xA, 0xD)
        or 0x20 <= value <= 0xD7FF
        or 0xE000 <= value <= 0xFFFD
        or 0x10000 <= value <= 0x10FFFF
    )


def join_names(values: Iterable[str]) -> str:
    """Names joined for a summary, without blanks or repeats."""
    return ", ".join(dict.fromkeys(v for v in values if v))


class DiskMap:
    """A string-to-string map kept in a temporary SQLite file, so it does not grow in memory.

    Forensic reports keep some tables far from the records that use them (Cellebrite's provenance
    sits at the end of the file, after millions of messages); holding them in a dict would make
    memory grow with the report. Writes are batched; ``first_wins`` keeps the first value of a key.
    """

    BATCH = 5000

    def __init__(self, folder: Path, name: str, *, first_wins: bool = False) -> None:
        self.conn = sqlite3.connect(folder / f"{name}.sqlite")
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.execute("CREATE TABLE m (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID")
        self.first_wins = first_wins
        self.pending: dict[str, str] = {}
        self.size = 0

    def put(self, key: str, value: str) -> None:
        """Set ``key`` (or keep its first value when ``first_wins``)."""
        if self.first_wins and key in self.pending:
            return
        self.pending[key] = value
        if len(self.pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the pending entries."""
        if self.pending:
            verb = "INSERT OR IGNORE" if self.first_wins else "INSERT OR REPLACE"
            self.conn.executemany(f"{verb} INTO m VALUES (?, ?)", self.pending.items())
            self.size += len(self.pending)
            self.pending.clear()

    def get(self, key: str) -> str | None:
        """The value of ``key``, or None."""
        if key in self.pending:
            return self.pending[key]
        if not self.size:
            return None
        row = self.conn.execute("SELECT v FROM m WHERE k = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def items(self) -> Iterator[tuple[str, str]]:
        """Every written entry (``flush`` first to include the pending ones), in key order."""
        for key, value in self.conn.execute("SELECT k, v FROM m ORDER BY k"):
            yield str(key), str(value)

    def close(self) -> None:
        """Close the file (the caller's temporary folder removes it)."""
        self.conn.close()
