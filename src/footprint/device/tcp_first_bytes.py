"""The first bytes a client sends on a TCP connection, gathered across segments.

A TLS ClientHello is often larger than one segment: a browser's post-quantum key share alone is over a
kilobyte, and Chrome shuffles the order of the extensions, so the server name may be in the second
segment. A plain-HTTP request's headers can be split as well. A connection whose first segment starts a
ClientHello or an HTTP request is held until the record (or the headers) is whole, a bound is reached,
or the capture ends. Segments are put in order by their sequence numbers: one that arrives early waits
for the hole before it, and the first copy of a byte sent twice is the one read (a copy with other bytes
is said). A segment that arrives before the connection's first one is held too, briefly (``EARLY``
connections, ``SEGMENTS`` segments and ``FIRST_BYTES`` bytes each), and joins the connection when its first
segment comes. A hole never filled, a copy that differed, or first bytes that end before the server name
could be read are said by a warning (``pcap``). A connection's first segment sent again after it was read
is not read as a new connection. Nothing else of a connection is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

FIRST_BYTES = 16 * 1024  # a ClientHello record is at most 16 KiB + 5; HTTP headers past this are not read
SEGMENTS = 16  # segments gathered for one connection at most
OPEN = 4096  # connections held at once; the oldest is read as it stands when more open
EARLY = 1024  # connections whose segments came before their first one, held at once (the oldest let go)

_REQUEST = re.compile(rb"^(?:GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH|CONNECT) ")


@dataclass(frozen=True)
class FirstBytes:
    """A connection's first bytes from the client: the packet and time they began at, and through which
    packet they were gathered. ``missing``: a later segment came but one before it never did, so only the
    bytes before the hole are here; ``differed``: a segment sent again carried other bytes than the first
    copy, which is the one read."""

    packet: int
    last_packet: int
    seconds: float
    client: str
    server: str
    data: bytes
    missing: bool = False
    differed: bool = False


@dataclass
class _Held:
    packet: int
    seconds: float
    client: str
    server: str
    start: int  # the sequence number of the first byte
    last_packet: int
    data: bytearray = field(default_factory=bytearray)  # the bytes from ``start`` with no hole
    ahead: dict[int, bytes] = field(default_factory=dict)  # segments past a hole, by offset from ``start``
    segments: int = 1
    differed: bool = False

    def take(self, number: int, offset: int, data: bytes) -> None:
        """Add the segment at ``offset``: the first copy of any byte is kept; later copies are compared."""
        self.segments += 1
        self.last_packet = number
        if offset > len(self.data):
            kept = self.ahead.setdefault(offset, data)
            self.differed |= kept[: len(data)] != data[: len(kept)]
            return
        self._join(offset, data)
        while self.ahead:  # a segment that came early now follows on
            offset = min(self.ahead)
            if offset > len(self.data):
                break
            self._join(offset, self.ahead.pop(offset))

    def _join(self, offset: int, data: bytes) -> None:
        overlap = min(len(self.data) - offset, len(data))
        self.differed |= bytes(self.data[offset : offset + overlap]) != data[:overlap]
        self.data += data[overlap:]

    def full(self) -> bool:
        return whole(self.data) or self.segments >= SEGMENTS or len(self.data) >= FIRST_BYTES

    def done(self) -> FirstBytes:
        return FirstBytes(
            self.packet, self.last_packet, self.seconds, self.client, self.server, bytes(self.data),
            missing=bool(self.ahead), differed=self.differed,
        )  # fmt: skip


class Connections:
    """The connections whose first bytes are still being gathered, in the order they began, and the
    latest ones read (so that their first segment sent again is not read as a new connection)."""

    def __init__(self) -> None:
        self._held: dict[tuple[str, int, str, int], _Held] = {}
        self._read: dict[tuple[str, int, str, int], int] = {}  # each one's first sequence number
        # segments of a connection not (yet) begun: by sequence number, in case its first one comes late
        self._early: dict[tuple[str, int, str, int], dict[int, tuple[int, bytes]]] = {}

    def segment(
        self,
        number: int,
        seconds: float,
        ends: tuple[str, int, str, int],
        seq: int,
        data: bytes,
    ) -> Iterator[FirstBytes]:
        """Take one segment (``ends``: client address and port, server address and port); yield the first
        bytes of every connection that is now whole, or that had to be let go to hold this one."""
        if not data:  # an acknowledgement
            return
        held = self._held.get(ends)
        if held is not None:
            offset = (seq - held.start) & 0xFFFFFFFF
            if offset < FIRST_BYTES:  # else one sent before the first (already read) or far beyond
                held.take(number, offset, data)
                if held.full():
                    yield self._done(ends)
            return
        start = self._read.get(ends)
        if start is not None and (seq - start) & 0xFFFFFFFF < FIRST_BYTES:
            return  # a connection already read: its first bytes sent again
        if not _starts_request(data):
            if start is None:
                self._keep_early(ends, number, seq, data)
            return
        held = _Held(number, seconds, ends[0], ends[2], seq, number, bytearray(data))
        for early_seq, (early_number, early_data) in sorted(self._early.pop(ends, {}).items()):
            offset = (early_seq - seq) & 0xFFFFFFFF
            if 0 < offset < FIRST_BYTES:
                held.take(early_number, offset, early_data)
        if held.full():
            self._read_now(ends, seq)
            yield held.done()
            return
        if len(self._held) >= OPEN:
            yield self._done(next(iter(self._held)))
        self._held[ends] = held

    def _keep_early(self, ends: tuple[str, int, str, int], number: int, seq: int, data: bytes) -> None:
        """Hold a segment of a connection whose first segment has not come: it may yet (out of order)."""
        early = self._early.get(ends)
        if early is None:
            if len(self._early) >= EARLY:
                del self._early[next(iter(self._early))]
            early = self._early[ends] = {}
        kept = sum(len(d) for _, d in early.values())
        if len(early) < SEGMENTS and seq not in early and kept < FIRST_BYTES:
            early[seq] = (number, data[: FIRST_BYTES - kept])

    def rest(self) -> Iterator[FirstBytes]:
        """The connections still held when the capture ends, read as they stand."""
        while self._held:
            yield self._done(next(iter(self._held)))

    def _done(self, ends: tuple[str, int, str, int]) -> FirstBytes:
        held = self._held.pop(ends)
        self._read_now(ends, held.start)
        return held.done()

    def _read_now(self, ends: tuple[str, int, str, int], start: int) -> None:
        self._read.pop(ends, None)
        self._read[ends] = start
        if len(self._read) > OPEN:
            del self._read[next(iter(self._read))]


def _starts_request(data: bytes) -> bool:
    """A TLS handshake record holding a ClientHello, or a plain-HTTP request line."""
    return (len(data) >= 6 and data[0] == 0x16 and data[1] == 0x03 and data[5] == 0x01) or bool(
        _REQUEST.match(data)
    )


def whole(data: bytes | bytearray) -> bool:
    """Whether the ClientHello record, or the request's headers, are all here."""
    if data[0] == 0x16:
        return len(data) >= 5 and len(data) >= 5 + int.from_bytes(data[3:5], "big")
    return b"\r\n\r\n" in data
