"""A small reader of classic pcap and pcapng files: DNS query names, TLS SNI and plain-HTTP ``Host`` names
(from a connection's first bytes, gathered across segments: ``tcp_first_bytes``), TCP connections."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from footprint.device.tcp_first_bytes import Connections, FirstBytes, whole
from footprint.errors import ParseError

PCAP_MAGICS = {
    b"\xd4\xc3\xb2\xa1": ("<", 1e-6),
    b"\xa1\xb2\xc3\xd4": (">", 1e-6),
    b"\x4d\x3c\xb2\xa1": ("<", 1e-9),
    b"\xa1\xb2\x3c\x4d": (">", 1e-9),
}
PCAPNG_MAGIC = b"\x0a\x0d\x0d\x0a"
MAX_PACKET = 256 * 1024
_ETHERNET, _RAW, _RAW_ALT, _NULL, _SLL, _SLL2 = 1, 101, 12, 0, 113, 276
HTTP_HEAD = 8 * 1024  # how far into a request (its first bytes) its Host header is looked for
_HTTP_REQUEST = re.compile(
    rb"^(?:GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH|CONNECT) \S{1,2048} HTTP/1\.[01]\r\n"
)
_HOST = re.compile(rb"^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]{2,45}\]$")


@dataclass(frozen=True)
class NameSeen:
    """A host name seen on the wire (DNS query or answer, TLS SNI, plain-HTTP ``Host``), or for ``tcp_syn``
    the address dialled."""

    packet: int
    seconds: float
    protocol: str
    name: str
    client: str
    server: str


def is_capture(head: bytes) -> bool:
    """Whether the bytes start like a pcap or pcapng file."""
    return head[:4] in PCAP_MAGICS or head[:4] == PCAPNG_MAGIC


def read_capture(data: bytes, source: str, warn: list[tuple[str, str, str]]) -> Iterator[NameSeen]:
    """Every DNS name, TLS SNI, plain-HTTP ``Host`` and TCP connection opened in the capture; damage raises
    ``ParseError``."""
    if data[:4] == PCAPNG_MAGIC:
        packets = _pcapng(data, source, warn)
    elif data[:4] in PCAP_MAGICS:
        packets = _pcap(data, source, warn)
    else:
        raise ParseError(
            f"not a pcap or pcapng capture: it starts {data[:4].hex(' ') or 'empty'}, not a capture header",
            source=source,
            locator="bytes 0-3",
        )
    connections = Connections()
    for number, seconds, linktype, frame in packets:
        try:
            for seen in _decode(number, seconds, linktype, frame, connections):
                if isinstance(seen, FirstBytes):
                    yield from _first_bytes(seen, warn)
                else:
                    yield seen
        except (struct.error, IndexError, UnicodeDecodeError, ValueError) as exc:
            warn.append(
                (f"packet {number}", f"packet could not be decoded ({type(exc).__name__})", frame[:64].hex())
            )
    for first in connections.rest():  # the capture ended before these were whole: read what came
        yield from _first_bytes(first, warn)
    for unbegun in connections.unbegun():
        warn.append(
            (
                f"packet {unbegun.packet}",
                f"the capture holds the opening (SYN, packet {unbegun.syn_packet}) of the connection"
                f" {unbegun.connection} and later segments (the first at sequence number {unbegun.seq}),"
                f" but not its first segment (sequence number {unbegun.start}): its first bytes, and a"
                " server name in them, are not read",
                unbegun.data[:64].hex(),
            )
        )


def _pcap(
    data: bytes, source: str, warn: list[tuple[str, str, str]]
) -> Iterator[tuple[int, float, int, bytes]]:
    order, unit = PCAP_MAGICS[data[:4]]
    if len(data) < 24:
        raise ParseError("the capture header is truncated; copy the capture file again", source=source)
    linktype = struct.unpack(order + "I", data[20:24])[0] & 0x0FFFFFFF
    offset, number = 24, 0
    while offset < len(data):
        number += 1
        if offset + 16 > len(data):
            warn.append(
                (
                    f"packet {number}",
                    f"the capture ends inside a packet header (truncated: {len(data) - offset} of 16 bytes)",
                    data[offset:].hex(),
                )
            )
            return
        sec, frac, incl, _orig = struct.unpack(order + "IIII", data[offset : offset + 16])
        if incl > MAX_PACKET:
            raise ParseError(
                f"corrupt capture: packet {number} at byte {offset} claims {incl:,} bytes;"
                " the file is damaged — copy it again from the router or capture device",
                source=source,
                locator=f"packet {number}",
            )
        body = data[offset + 16 : offset + 16 + incl]
        if len(body) < incl:
            warn.append((f"packet {number}", "the capture ends inside a packet (truncated)", body[:64].hex()))
            return
        yield number, sec + frac * unit, linktype, body
        offset += 16 + incl


def _pcapng(
    data: bytes, source: str, warn: list[tuple[str, str, str]]
) -> Iterator[tuple[int, float, int, bytes]]:
    order = "<"
    interfaces: list[tuple[int, float]] = []
    offset, number = 0, 0
    while offset + 12 <= len(data):
        block_type = data[offset : offset + 4]
        if block_type == PCAPNG_MAGIC:
            order = "<" if data[offset + 8 : offset + 12] == b"\x4d\x3c\x2b\x1a" else ">"
            interfaces = []
        (btype,) = struct.unpack(order + "I", block_type)
        (length,) = struct.unpack(order + "I", data[offset + 4 : offset + 8])
        if length < 12 or length % 4 or offset + length > len(data):
            if offset + length > len(data) and length >= 12:
                warn.append(
                    (
                        f"byte {offset}",
                        "the capture ends inside a block (truncated)",
                        data[offset : offset + 64].hex(),
                    )
                )
                return
            raise ParseError(
                f"corrupt pcapng block at byte {offset} (length {length}); copy the capture again",
                source=source,
                locator=f"byte {offset}",
            )
        body = data[offset + 8 : offset + length - 4]
        if btype == 1:
            linktype = struct.unpack(order + "H", body[:2])[0]
            interfaces.append((linktype, _tsresol(body[8:], order)))
        elif btype == 6 and len(body) >= 20:
            iface, high, low, cap, _orig = struct.unpack(order + "IIIII", body[:20])
            number += 1
            if iface >= len(interfaces):
                warn.append(
                    (f"packet {number}", "packet names an interface that was not described", body[:64].hex())
                )
            else:
                linktype, unit = interfaces[iface]
                yield number, ((high << 32) | low) * unit, linktype, body[20 : 20 + cap]
        elif btype == 3 and interfaces:
            number += 1
            yield number, 0.0, interfaces[0][0], body[4:]
        offset += length


def _tsresol(options: bytes, order: str) -> float:
    position = 0
    while position + 4 <= len(options):
        code, size = struct.unpack(order + "HH", options[position : position + 4])
        if code == 0:
            break
        if code == 9 and size >= 1:
            value = options[position + 4]
            return float(2 ** -(value & 0x7F) if value & 0x80 else 10 ** -(value & 0x7F))
        position += 4 + (size + 3) // 4 * 4
    return 1e-6


def _decode(
    number: int, seconds: float, linktype: int, frame: bytes, connections: Connections
) -> Iterator[NameSeen | FirstBytes]:
    if linktype == _ETHERNET:
        ethertype, start = struct.unpack("!H", frame[12:14])[0], 14
        while ethertype in (0x8100, 0x88A8):
            ethertype, start = struct.unpack("!H", frame[start + 2 : start + 4])[0], start + 4
    elif linktype in (_RAW, _RAW_ALT):
        ethertype, start = (0x86DD if frame[0] >> 4 == 6 else 0x0800), 0
    elif linktype == _SLL:
        ethertype, start = struct.unpack("!H", frame[14:16])[0], 16
    elif linktype == _SLL2:
        ethertype, start = struct.unpack("!H", frame[0:2])[0], 20
    elif linktype == _NULL:
        ethertype, start = (0x86DD if frame[0] in (24, 28, 30) or frame[3] in (24, 28, 30) else 0x0800), 4
    else:
        return
    packet = frame[start:]
    if ethertype == 0x0800 and len(packet) >= 20:
        ihl = (packet[0] & 0x0F) * 4
        if struct.unpack("!H", packet[6:8])[0] & 0x1FFF:
            return  # a later fragment carries no header we can read
        proto, src, dst, payload = packet[9], _ip4(packet[12:16]), _ip4(packet[16:20]), packet[ihl:]
    elif ethertype == 0x86DD and len(packet) >= 40:
        proto, src, dst, payload = packet[6], _ip6(packet[8:24]), _ip6(packet[24:40]), packet[40:]
    else:
        return
    if proto == 17 and len(payload) >= 8:
        sport, dport = struct.unpack("!HH", payload[:4])
        if 53 in (sport, dport) or 5353 in (sport, dport):
            yield from _dns(number, seconds, payload[8:], src, dst)
    elif proto == 6 and len(payload) >= 20:
        sport, dport, seq = struct.unpack("!HHI", payload[:8])
        if payload[13] & 0x12 == 0x02:  # SYN without ACK: the client opening a connection
            yield NameSeen(number, seconds, "tcp_syn", dst, src, dst)
            connections.opened(number, (src, sport, dst, dport), seq)
        data = payload[(payload[12] >> 4) * 4 :]
        yield from connections.segment(number, seconds, (src, sport, dst, dport), seq, data)


def _first_bytes(first: FirstBytes, warn: list[tuple[str, str, str]]) -> Iterator[NameSeen]:
    """The name a connection's first bytes give; a warning for how they were gathered, and for first bytes
    that end (the capture ended, or a bound was reached) before any name could be read."""
    warn.extend(_gathering(first))
    try:
        names = list(_named(first))
    except (struct.error, IndexError, UnicodeDecodeError, ValueError):
        if whole(first.data):
            raise  # damaged, not cut short: the packet's warning
        names = []
    if not names and not whole(first.data) and not first.missing:
        warn.append(
            (
                f"packet {first.packet}",
                f"the first bytes {first.client} sent to {first.server} end before a server name could be"
                f" read ({len(first.data):,} bytes, through packet {first.last_packet}; the capture ended, or"
                " they passed the 16 segments or 16 KiB read): a name after them is not read",
                first.data[:64].hex(),
            )
        )
    yield from names


def _gathering(first: FirstBytes) -> list[tuple[str, str, str]]:
    """A warning for a connection's first bytes with a hole the capture never filled, and for a segment
    sent again with other bytes."""
    where, shown = f"packet {first.packet}", first.data[:64].hex()
    said = []
    if first.missing:
        said.append(
            (
                where,
                f"the first bytes {first.client} sent to {first.server} lack a segment the capture does"
                " not hold: read up to the hole; a server name after it is not read",
                shown,
            )
        )
    if first.differed is not None:
        seq, number = first.differed
        said.append(
            (
                where,
                f"a segment of the connection {first.connection} sent again (sequence number {seq}, packet"
                f" {number}) carried other bytes than its first copy, which is the one read",
                shown,
            )
        )
    return said


def _named(first: FirstBytes) -> Iterator[NameSeen]:
    """The TLS SNI or plain-HTTP ``Host`` a connection's first bytes name, at the packet they began in."""
    if name := _sni(first.data):
        yield NameSeen(first.packet, first.seconds, "tls_sni", name, first.client, first.server)
    elif name := _http_host(first.data):
        yield NameSeen(first.packet, first.seconds, "http_host", name, first.client, first.server)


def _ip4(raw: bytes) -> str:
    return ".".join(str(b) for b in raw)


def _ip6(raw: bytes) -> str:
    return ":".join(raw[i : i + 2].hex() for i in range(0, 16, 2))


def _dns(number: int, seconds: float, msg: bytes, src: str, dst: str) -> Iterator[NameSeen]:
    if len(msg) < 12:
        return
    flags, qdcount = struct.unpack("!HH", msg[2:6])
    response = bool(flags & 0x8000)
    position = 12
    for _ in range(min(qdcount, 16)):
        name, position = _dns_name(msg, position)
        position += 4
        if name:
            client, server = (dst, src) if response else (src, dst)
            yield NameSeen(number, seconds, "dns_response" if response else "dns_query", name, client, server)


def _dns_name(msg: bytes, position: int) -> tuple[str, int]:
    labels: list[str] = []
    end = -1
    jumps = 0
    while True:
        length = msg[position]
        if length == 0:
            position += 1
            break
        if length & 0xC0 == 0xC0:
            if end < 0:
                end = position + 2
            position = ((length & 0x3F) << 8) | msg[position + 1]
            jumps += 1
            if jumps > 20:
                raise ValueError("DNS name compression loop")
            continue
        labels.append(msg[position + 1 : position + 1 + length].decode("ascii", "replace"))
        position += 1 + length
        if len(labels) > 127:
            raise ValueError("DNS name too long")
    return ".".join(labels), end if end >= 0 else position


def _sni(data: bytes) -> str | None:
    if len(data) < 43 or data[0] != 0x16 or data[1] != 0x03 or data[5] != 0x01:
        return None
    position = 5 + 4 + 2 + 32
    position += 1 + data[position]
    (suites,) = struct.unpack("!H", data[position : position + 2])
    position += 2 + suites
    position += 1 + data[position]
    (ext_total,) = struct.unpack("!H", data[position : position + 2])
    position += 2
    end = min(len(data), position + ext_total)
    while position + 4 <= end:
        ext_type, ext_len = struct.unpack("!HH", data[position : position + 4])
        if ext_type == 0 and ext_len >= 5:
            name_len = struct.unpack("!H", data[position + 7 : position + 9])[0]
            if position + 9 + name_len > len(data):
                return None  # the capture ends inside the name
            return data[position + 9 : position + 9 + name_len].decode("ascii", "replace")
        position += 4 + ext_len
    return None


def _http_host(data: bytes) -> str | None:
    """The ``Host`` of a plain-HTTP request starting these bytes (only its first :data:`HTTP_HEAD` bytes
    are read; nothing is followed or fetched), without its port; ``None`` when there is none or it is not a
    host name or address."""
    head = data[:HTTP_HEAD]
    if not _HTTP_REQUEST.match(head):
        return None
    for line in head.split(b"\r\n")[1:]:
        if not line:
            break  # end of the headers
        field, sep, value = line.partition(b":")
        if sep and field.strip().lower() == b"host":
            host = value.strip()
            if not host.startswith(b"["):
                host = host.rsplit(b":", 1)[0] if host.count(b":") == 1 else host
            else:
                host = host[: host.find(b"]") + 1]
            return host.decode("ascii") if _HOST.match(host) else None
    return None
