"""The first bytes a client sends on a TCP connection, gathered across segments.

A TLS ClientHello is often larger than one segment: a browser's post-quantum key share alone is over a
kilobyte, and Chrome shuffles the order of the extensions, so the server name may be in the second
segment. A plain-HTTP request's headers can be split as well. A connection whose first segment starts a
ClientHello or an HTTP request is held until the record (or the headers) is whole, a bound is reached,
a segment is missing, or the capture ends; only the client's bytes in order are used. Nothing else of a
connection is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

FIRST_BYTES = 16 * 1024  # a ClientHello record is at most 16 KiB + 5; HTTP headers past this are not read
SEGMENTS = 16  # segments gathered for one connection at most
OPEN = 4096  # connections held at once; the oldest is read as it stands when more open

_REQUEST = re.compile(rb"^(?:GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH|CONNECT) ")


@dataclass(frozen=True)
class FirstBytes:
    """A connection's first bytes from the client: the packet and time they began at, and through which
    packet they were gathered."""

    packet: int
    last_packet: int
    seconds: float
    client: str
    server: str
    data: bytes


@dataclass
class _Held:
    packet: int
    seconds: float
    client: str
    server: str
    next_seq: int
    last_packet: int
    data: bytearray = field(default_factory=bytearray)
    segments: int = 1

    def done(self) -> FirstBytes:
        return FirstBytes(
            self.packet, self.last_packet, self.seconds, self.client, self.server, bytes(self.data)
        )


class Connections:
    """The connections whose first bytes are still being gathered, in the order they began."""

    def __init__(self) -> None:
        self._held: dict[tuple[str, int, str, int], _Held] = {}

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
        held = self._held.get(ends)
        if held is not None:
            if not data or seq != held.next_seq:  # an acknowledgement, a retransmission or a gap
                if data and _after(seq, held.next_seq):  # a segment is missing: read what came in order
                    yield self._held.pop(ends).done()
                return
            held.data += data
            held.next_seq = (seq + len(data)) & 0xFFFFFFFF
            held.segments += 1
            held.last_packet = number
            if _whole(held.data) or held.segments >= SEGMENTS or len(held.data) >= FIRST_BYTES:
                yield self._held.pop(ends).done()
            return
        if not _starts_request(data):
            return
        if _whole(data):
            yield FirstBytes(number, number, seconds, ends[0], ends[2], data)
            return
        if len(self._held) >= OPEN:
            yield self._held.pop(next(iter(self._held))).done()
        self._held[ends] = _Held(
            number, seconds, ends[0], ends[2], (seq + len(data)) & 0xFFFFFFFF, number, bytearray(data)
        )

    def rest(self) -> Iterator[FirstBytes]:
        """The connections still held when the capture ends, read as they stand."""
        while self._held:
            yield self._held.pop(next(iter(self._held))).done()


def _starts_request(data: bytes) -> bool:
    """A TLS handshake record holding a ClientHello, or a plain-HTTP request line."""
    return (len(data) >= 6 and data[0] == 0x16 and data[1] == 0x03 and data[5] == 0x01) or bool(
        _REQUEST.match(data)
    )


def _whole(data: bytes | bytearray) -> bool:
    """Whether the ClientHello record, or the request's headers, are all here."""
    if data[0] == 0x16:
        return len(data) >= 5 and len(data) >= 5 + int.from_bytes(data[3:5], "big")
    return b"\r\n\r\n" in data


def _after(seq: int, expected: int) -> bool:
    """Whether ``seq`` lies ahead of ``expected`` (sequence numbers wrap at 2**32)."""
    return 0 < (seq - expected) & 0xFFFFFFFF < 0x80000000
