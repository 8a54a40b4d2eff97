"""The first bytes a client sends on a TCP connection, gathered across segments.

A TLS ClientHello is often larger than one segment: a browser's post-quantum key share alone is over a
kilobyte, and Chrome shuffles the order of the extensions, so the server name may be in the second
segment. A plain-HTTP request's headers can be split as well. A connection whose first segment starts a
ClientHello or an HTTP request is held until the record (or the headers) is whole, a bound is reached,
or the capture ends. Segments are put in order by their sequence numbers: one that arrives early waits
for the hole before it, and the first copy of a byte sent twice is the one read (a copy with other bytes
is said, with its sequence number, whether it came before or after the connection's first segment). A
segment that arrives before the connection's first one is held too, briefly (``EARLY`` connections,
``SEGMENTS`` segments and ``FIRST_BYTES`` bytes each), and joins the connection when its first segment
comes. A hole never filled, a copy that differed, or first bytes that end before the server name could be
read are said by a warning (``pcap``); so is a connection whose opening (SYN) the capture holds, and later
segments, but never its first segment (``Unbegun``): its first bytes, and a server name in them, are not
read. A connection begun before the capture (no SYN in it) is not said: its later segments are not its
first bytes. A connection's first segment sent again after it was read is not read as a new connection.
Nothing else of a connection is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

FIRST_BYTES = 16 * 1024  # a ClientHello record is at most 16 KiB + 5; HTTP headers past this are not read
SEGMENTS = 16  # segments gathered for one connection at most
OPEN = 4096  # connections held at once; the oldest is read as it stands when more open
EARLY = 1024  # connections whose segments came before their first one, held at once (the oldest let go)

Ends = tuple[str, int, str, int]  # a connection: client address and port, server address and port

_REQUEST = re.compile(rb"^(?:GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH|CONNECT) ")


@dataclass(frozen=True)
class FirstBytes:
    """A connection's first bytes from the client: the packet and time they began at, and through which
    packet they were gathered. ``missing``: a later segment came but one before it never did, so only the
    bytes before the hole are here; ``differed``: the sequence number and packet of the first segment sent
    again with other bytes than the first copy, which is the one read."""

    packet: int
    last_packet: int
    seconds: float
    client: str
    server: str
    data: bytes
    connection: str = ""  # "192.168.1.23:50000 to 203.0.113.5:443"
    missing: bool = False
    differed: tuple[int, int] | None = None


@dataclass(frozen=True)
class Unbegun:
    """A connection whose opening (SYN, in ``syn_packet``) and later segments the capture holds, but never
    its first segment (at sequence number ``start``): the later ones, the earliest at ``seq`` in ``packet``
    holding ``data``, were held for it and let go."""

    packet: int
    syn_packet: int
    connection: str
    start: int
    seq: int
    data: bytes


@dataclass
class _Held:
    packet: int
    seconds: float
    ends: Ends
    start: int  # the sequence number of the first byte
    last_packet: int
    data: bytearray = field(default_factory=bytearray)  # the bytes from ``start`` with no hole
    # segments past a hole, by offset from ``start``: the packet and bytes
    ahead: dict[int, tuple[int, bytes]] = field(default_factory=dict)
    segments: int = 1
    differed: tuple[int, int] | None = None  # the first copy with other bytes: sequence number, packet

    def take(self, number: int, offset: int, data: bytes) -> None:
        """Add the segment at ``offset``: the first copy of any byte is kept; later copies are compared."""
        self.segments += 1
        self.last_packet = number
        if offset > len(self.data):
            _, kept = self.ahead.setdefault(offset, (number, data))
            self._compare(kept[: len(data)], data[: len(kept)], offset, number)
            return
        self._join(number, offset, data)
        while self.ahead:  # a segment that came early now follows on
            offset = min(self.ahead)
            if offset > len(self.data):
                break
            came, data = self.ahead.pop(offset)
            self._join(came, offset, data)

    def _join(self, number: int, offset: int, data: bytes) -> None:
        overlap = min(len(self.data) - offset, len(data))
        self._compare(bytes(self.data[offset : offset + overlap]), data[:overlap], offset, number)
        self.data += data[overlap:]

    def _compare(self, kept: bytes, copy: bytes, offset: int, number: int) -> None:
        """Note the first copy (``number``'s, at ``offset``) whose bytes are not the ``kept`` ones."""
        if kept != copy and self.differed is None:
            self.differed = ((self.start + offset) & 0xFFFFFFFF, number)

    def full(self) -> bool:
        return whole(self.data) or self.segments >= SEGMENTS or len(self.data) >= FIRST_BYTES

    def done(self) -> FirstBytes:
        return FirstBytes(
            self.packet, self.last_packet, self.seconds, self.ends[0], self.ends[2], bytes(self.data),
            connection(self.ends), missing=bool(self.ahead), differed=self.differed,
        )  # fmt: skip


@dataclass
class _Early:
    """The segments of a connection not (yet) begun, by sequence number (packet and bytes); the first copy
    sent again with other bytes (sequence number, packet)."""

    segments: dict[int, tuple[int, bytes]] = field(default_factory=dict)
    differed: tuple[int, int] | None = None


class Connections:
    """The connections whose first bytes are still being gathered, in the order they began, and the
    latest ones read (so that their first segment sent again is not read as a new connection)."""

    def __init__(self) -> None:
        self._held: dict[Ends, _Held] = {}
        self._read: dict[Ends, int] = {}  # each one's first sequence number
        # segments of a connection not (yet) begun, in case its first one comes late
        self._early: dict[Ends, _Early] = {}
        # opened (SYN) and not begun: the first byte's sequence number, and the SYN's packet
        self._opened: dict[Ends, tuple[int, int]] = {}
        self._unbegun: list[Unbegun] = []  # let go (``EARLY``) with their first segment not come

    def opened(self, number: int, ends: Ends, syn: int) -> None:
        """The client's SYN (sequence number ``syn``, in packet ``number``): its first byte will be at
        ``syn + 1``."""
        self._opened.pop(ends, None)
        self._opened[ends] = ((syn + 1) & 0xFFFFFFFF, number)
        if len(self._opened) > OPEN:
            del self._opened[next(iter(self._opened))]

    def segment(
        self,
        number: int,
        seconds: float,
        ends: Ends,
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
        opened = self._opened.get(ends)
        if not _starts_request(data):
            if opened is not None and opened[0] == seq:  # its first segment, and no request: not read
                del self._opened[ends]
                self._early.pop(ends, None)
            elif start is None:
                self._keep_early(ends, number, seq, data)
            return
        self._opened.pop(ends, None)
        held = _Held(number, seconds, ends, seq, number, bytearray(data))
        early = self._early.pop(ends, _Early())
        held.differed = early.differed
        for early_seq, (early_number, early_data) in sorted(early.segments.items()):
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

    def _keep_early(self, ends: Ends, number: int, seq: int, data: bytes) -> None:
        """Hold a segment of a connection whose first segment has not come: it may yet (out of order). A
        copy of one held is compared with it."""
        early = self._early.get(ends)
        if early is None:
            if len(self._early) >= EARLY:
                self._let_go(next(iter(self._early)))
            early = self._early[ends] = _Early()
        if (copy := early.segments.get(seq)) is not None:
            kept = copy[1]
            if kept[: len(data)] != data[: len(kept)] and early.differed is None:
                early.differed = (seq, number)
            return
        kept_bytes = sum(len(d) for _, d in early.segments.values())
        if len(early.segments) < SEGMENTS and kept_bytes < FIRST_BYTES:
            early.segments[seq] = (number, data[: FIRST_BYTES - kept_bytes])

    def _let_go(self, ends: Ends) -> None:
        """Stop holding a connection's early segments; one whose opening the capture holds is said."""
        early = self._early.pop(ends)
        opened = self._opened.pop(ends, None)
        if opened is not None and early.segments:
            seq = min(early.segments, key=lambda s: (s - opened[0]) & 0xFFFFFFFF)
            number, data = early.segments[seq]
            self._unbegun.append(Unbegun(number, opened[1], connection(ends), opened[0], seq, data))

    def rest(self) -> Iterator[FirstBytes]:
        """The connections still held when the capture ends, read as they stand."""
        while self._held:
            yield self._done(next(iter(self._held)))

    def unbegun(self) -> list[Unbegun]:
        """When the capture has ended: the connections opened whose first segment never came, in the order
        they were let go."""
        while self._early:
            self._let_go(next(iter(self._early)))
        return self._unbegun

    def _done(self, ends: Ends) -> FirstBytes:
        held = self._held.pop(ends)
        self._read_now(ends, held.start)
        return held.done()

    def _read_now(self, ends: Ends, start: int) -> None:
        self._read.pop(ends, None)
        self._read[ends] = start
        if len(self._read) > OPEN:
            del self._read[next(iter(self._read))]


def connection(ends: Ends) -> str:
    """``ends`` as "192.168.1.23:50000 to 203.0.113.5:443" (an IPv6 address in brackets)."""
    client, client_port, server, server_port = ends
    return f"{_at(client, client_port)} to {_at(server, server_port)}"


def _at(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


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
