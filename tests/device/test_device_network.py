"""The small pcap/pcapng reader: DNS queries and TLS SNI from hand-built captures; damage is reported."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from footprint.device import tcp_first_bytes
from footprint.device.domains import normalise_domain, suffixes
from footprint.device.pcap import read_capture
from footprint.errors import ParseError
from tests.conftest import Parsed


def dns_query(name: str, ident: int = 0x1234) -> bytes:
    labels = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\x00"
    return struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + labels + struct.pack("!HH", 1, 1)


def client_hello(host: str) -> bytes:
    name = host.encode()
    sni = struct.pack("!HBH", len(name) + 3, 0, len(name)) + name
    extensions = struct.pack("!HH", 0, len(sni)) + sni
    body = b"\x03\x03" + b"\x00" * 32 + b"\x00" + struct.pack("!H", 2) + b"\x13\x01" + b"\x01\x00"
    body += struct.pack("!H", len(extensions)) + extensions
    handshake = b"\x01" + len(body).to_bytes(3, "big") + body
    return b"\x16\x03\x01" + struct.pack("!H", len(handshake)) + handshake


def ipv4(proto: int, payload: bytes) -> bytes:
    header = struct.pack(
        "!BBHHHBBH4s4s",
        0x45,
        0,
        20 + len(payload),
        1,
        0,
        64,
        proto,
        0,
        bytes([192, 168, 1, 23]),
        bytes([203, 0, 113, 5]),
    )
    return header + payload


def ethernet(packet: bytes) -> bytes:
    return b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + packet


def frames() -> list[bytes]:
    udp = struct.pack("!HHHH", 40000, 53, 8 + len(dns_query("api.examplespy.example")), 0)
    tcp = struct.pack("!HHIIBBHHH", 50000, 443, 1, 0, 5 << 4, 0x18, 65535, 0, 0)
    return [
        ethernet(ipv4(17, udp + dns_query("api.examplespy.example"))),
        ethernet(ipv4(6, tcp + client_hello("upload.examplespy.example"))),
    ]


def pcap(packets: list[bytes]) -> bytes:
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    for n, frame in enumerate(packets):
        out += struct.pack("<IIII", 1678785600 + n, 0, len(frame), len(frame)) + frame
    return out


def pcapng(packets: list[bytes]) -> bytes:
    def block(kind: int, body: bytes) -> bytes:
        body += b"\x00" * (-len(body) % 4)
        return struct.pack("<II", kind, len(body) + 12) + body + struct.pack("<I", len(body) + 12)

    out = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    out += block(1, struct.pack("<HHI", 1, 0, 65535))
    for n, frame in enumerate(packets):
        micros = (1678785600 + n) * 1_000_000
        out += block(
            6, struct.pack("<IIIII", 0, micros >> 32, micros & 0xFFFFFFFF, len(frame), len(frame)) + frame
        )
    return out


@pytest.mark.parametrize("build", [pcap, pcapng])
def test_dns_and_sni(build: Callable[[list[bytes]], bytes]) -> None:
    warnings: list[tuple[str, str, str]] = []
    seen = list(read_capture(build(frames()), "capture", warnings))
    assert [(s.protocol, s.name, s.client, s.seconds) for s in seen] == [
        ("dns_query", "api.examplespy.example", "192.168.1.23", 1678785600.0),
        ("tls_sni", "upload.examplespy.example", "192.168.1.23", 1678785601.0),
    ]
    assert warnings == []


def test_truncated_last_packet_is_a_warning(tmp_path: Path, parse_file: Callable[..., Parsed]) -> None:
    path = tmp_path / "cut.pcap"
    path.write_bytes(pcap(frames())[:-10])
    parsed = parse_file("device_pcap", path)
    assert [i.details["domain"] for i in parsed.items] == ["api.examplespy.example"]
    assert [(w.locator, w.message) for w in parsed.warnings] == [
        ("packet 2", "the capture ends inside a packet (truncated)")
    ]
    assert parsed.items[0].sent_at_utc == "2023-03-14T09:20:00Z"


def test_not_a_capture() -> None:
    with pytest.raises(ParseError) as err:
        list(read_capture(b"hello world, not a capture", "x.pcap", []))
    assert str(err.value) == (
        "x.pcap, bytes 0-3: not a pcap or pcapng capture: it starts 68 65 6c 6c, not a capture header"
    )


def test_domain_normalising() -> None:
    assert normalise_domain("cdn.SNOOPZA.com.") == "cdn.snoopza.com"
    assert normalise_domain("https://Example.org/path") == "example.org"
    assert normalise_domain("bücher.example") == "xn--bcher-kva.example"
    assert list(suffixes("a.b.example")) == ["a.b.example", "b.example"]


def syn(destination: bytes, flags: int = 0x02) -> bytes:
    tcp = struct.pack("!HHIIBBHHH", 50001, 8443, 7, 0, 5 << 4, flags, 65535, 0, 0)
    packet = bytearray(ipv4(6, tcp))
    packet[16:20] = destination
    return ethernet(bytes(packet))


def test_connections_by_address_once_per_destination(
    tmp_path: Path, parse_file: Callable[..., Parsed]
) -> None:
    path = tmp_path / "c2.pcap"
    c2 = bytes([192, 0, 2, 10])
    path.write_bytes(pcap([syn(c2), syn(c2), syn(c2, 0x12), syn(bytes([198, 51, 100, 7]))]))
    parsed = parse_file("device_pcap", path)
    # was: only DNS names and TLS SNI were read, so a C2 reached by its address (Echap c2.ips) went unseen
    assert [(i.locator, i.text, i.details) for i in parsed.items] == [
        (
            "packet 1",
            "TCP connection to 192.0.2.10 from 192.168.1.23",
            {
                "address": "192.0.2.10",
                "client": "192.168.1.23",
                "input_format": "pcap",
                "observation": "connection",
                "protocol": "tcp",
            },
        ),
        (
            "packet 4",
            "TCP connection to 198.51.100.7 from 192.168.1.23",
            {
                "address": "198.51.100.7",
                "client": "192.168.1.23",
                "input_format": "pcap",
                "observation": "connection",
                "protocol": "tcp",
            },
        ),
    ]
    assert parsed.items[0].sent_at_utc == "2023-03-14T09:20:00Z"


def segment(seq: int, data: bytes, sport: int = 50000) -> bytes:
    tcp = struct.pack("!HHIIBBHHH", sport, 443, seq, 0, 5 << 4, 0x18, 65535, 0, 0)
    return ethernet(ipv4(6, tcp + data))


def big_hello(host: str) -> bytes:
    """A ClientHello whose server name comes after 1,400 bytes of another extension (a post-quantum key
    share is over a kilobyte, and Chrome shuffles the extensions' order)."""
    hello = client_hello(host)
    padding = struct.pack("!HH", 21, 1400) + b"\x00" * 1400
    body = hello[9:]
    at = 2 + 32 + 1 + 2 + 2 + 2  # version, random, session id, suites, compression
    extensions = padding + body[at + 2 :]
    body = body[:at] + struct.pack("!H", len(extensions)) + extensions
    handshake = b"\x01" + len(body).to_bytes(3, "big") + body
    return b"\x16\x03\x01" + struct.pack("!H", len(handshake)) + handshake


def test_a_client_hello_split_across_segments_is_read_whole() -> None:
    # the server name was in the second segment: the first alone was read, and the name never seen (or
    # the packet called undecodable)
    hello = big_hello("upload.examplespy.example")
    first, second = hello[:1200], hello[1200:]
    other = segment(900, b"\x17\x03\x03\x00\x05hello", sport=50002)  # another connection's data between
    warnings: list[tuple[str, str, str]] = []
    seen = list(read_capture(pcap([segment(1, first), other, segment(1201, second)]), "c", warnings))
    assert [(s.packet, s.protocol, s.name, s.client, s.server, s.seconds) for s in seen] == [
        (1, "tls_sni", "upload.examplespy.example", "192.168.1.23", "203.0.113.5", 1678785600.0)
    ]
    assert warnings == []


def test_a_retransmitted_segment_is_read_once_and_a_hole_never_filled_is_a_warning() -> None:
    hello = big_hello("upload.examplespy.example")
    first, second = hello[:1200], hello[1200:]
    again = [segment(1, first), segment(1, first), segment(1201, second)]
    assert [s.name for s in read_capture(pcap(again), "c", [])] == ["upload.examplespy.example"]
    # the second segment never came, a later one did: what came before the hole holds no name
    gap = [segment(1, first), segment(1201 + 50, second[50:])]
    warnings: list[tuple[str, str, str]] = []
    assert list(read_capture(pcap(gap), "c", warnings)) == []
    assert warnings == [
        (
            "packet 1",
            "the first bytes 192.168.1.23 sent to 203.0.113.5 lack a segment the capture does not hold: read"
            " up to the hole; a server name after it is not read",
            first[:64].hex(),
        )
    ]


def test_segments_out_of_order_or_overlapping_are_put_in_order_by_sequence_number() -> None:
    hello = big_hello("upload.examplespy.example")
    one, two, three = hello[:600], hello[600:1200], hello[1200:]
    late = [segment(1, one), segment(1201, three), segment(601, two)]  # the middle one came last
    overlapping = [segment(1, one), segment(501, hello[500:1200]), segment(1201, three)]
    for order in (late, overlapping):
        warnings: list[tuple[str, str, str]] = []
        seen = list(read_capture(pcap(order), "c", warnings))
        assert ([(s.packet, s.name) for s in seen], warnings) == ([(1, "upload.examplespy.example")], [])


def test_a_segment_sent_again_with_other_bytes_is_said_and_the_first_copy_read() -> None:
    hello = big_hello("upload.examplespy.example")
    other = big_hello("decoy.example.org.uk.example")[:1200]
    warnings: list[tuple[str, str, str]] = []
    order = [segment(1, hello[:1200]), segment(1, other), segment(1201, hello[1200:])]
    assert [s.name for s in read_capture(pcap(order), "c", warnings)] == ["upload.examplespy.example"]
    assert [w[1] for w in warnings] == [
        "a segment of the connection 192.168.1.23:50000 to 203.0.113.5:443 sent again (sequence number 1,"
        " packet 2) carried other bytes than its first copy, which is the one read"
    ]


def test_a_segment_sent_again_with_other_bytes_before_the_connection_s_first_is_said_too() -> None:
    # before: the second copy of a segment held for a connection not yet begun was dropped unsaid
    hello = big_hello("upload.examplespy.example")
    other = big_hello("decoy.example.org.uk.example")
    warnings: list[tuple[str, str, str]] = []
    order = [segment(1201, hello[1200:]), segment(1201, other[1200:]), segment(1, hello[:1200])]
    assert [(s.packet, s.name) for s in read_capture(pcap(order), "c", warnings)] == [
        (3, "upload.examplespy.example")
    ]
    assert warnings == [
        (
            "packet 3",
            "a segment of the connection 192.168.1.23:50000 to 203.0.113.5:443 sent again (sequence number"
            " 1201, packet 2) carried other bytes than its first copy, which is the one read",
            hello[:64].hex(),
        )
    ]
    same = [segment(1201, hello[1200:]), segment(1201, hello[1200:]), segment(1, hello[:1200])]
    warnings.clear()
    assert [s.name for s in read_capture(pcap(same), "c", warnings)] == ["upload.examplespy.example"]
    assert warnings == []  # the same bytes sent again: nothing to say


def opening(seq: int, sport: int = 50000) -> bytes:
    """A client's SYN opening a connection: its first byte will be at ``seq + 1``."""
    return ethernet(ipv4(6, struct.pack("!HHIIBBHHH", sport, 443, seq, 0, 5 << 4, 0x02, 65535, 0, 0)))


UNBEGUN = (
    "the capture holds the opening (SYN, packet 1) of the connection 192.168.1.23:50000 to 203.0.113.5:443"
    " and later segments (the first at sequence number 1201), but not its first segment (sequence number"
    " 1): its first bytes, and a server name in them, are not read"
)


def test_a_connection_opened_whose_first_segment_never_comes_is_said() -> None:
    # before: the later segments (here the one holding the server name) were held, then dropped unsaid
    hello = big_hello("upload.examplespy.example")
    warnings: list[tuple[str, str, str]] = []
    lost_first = [opening(0), segment(2401, b"\x17\x03\x03\x00\x01x"), segment(1201, hello[1200:])]
    seen = list(read_capture(pcap(lost_first), "c", warnings))
    assert [(s.packet, s.protocol) for s in seen] == [(1, "tcp_syn")]
    assert warnings == [("packet 3", UNBEGUN, hello[1200:1264].hex())]


def test_a_connection_let_go_early_with_its_first_segment_not_come_is_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tcp_first_bytes, "EARLY", 1)  # one connection held before its first segment
    hello = big_hello("upload.examplespy.example")
    warnings: list[tuple[str, str, str]] = []
    order = [opening(0), segment(1201, hello[1200:]), segment(77, b"\x17\x03\x03\x00\x01x", sport=50002)]
    list(read_capture(pcap(order), "c", warnings))
    assert warnings == [("packet 2", UNBEGUN, hello[1200:1264].hex())]


def test_a_connection_begun_before_the_capture_or_not_a_request_is_not_said() -> None:
    hello = big_hello("upload.examplespy.example")
    warnings: list[tuple[str, str, str]] = []
    begun_before = [segment(1201, hello[1200:])]  # no SYN: its first bytes were never in the capture
    ssh = [opening(0), segment(1, b"SSH-2.0-OpenSSH_9.6\r\n"), segment(23, b"\x00\x00\x05\xdc" + b"k" * 60)]
    for capture in (begun_before, ssh):
        list(read_capture(pcap(capture), "c", warnings))
    assert warnings == []


def test_a_whole_client_hello_sent_again_is_one_connection_not_two() -> None:
    hello = client_hello("upload.examplespy.example")
    seen = list(read_capture(pcap([segment(1, hello), segment(1, hello)]), "c", []))
    assert [(s.packet, s.name) for s in seen] == [(1, "upload.examplespy.example")]


def test_a_capture_ending_inside_a_client_hello_still_gives_a_name_it_holds() -> None:
    record = bytearray(client_hello("upload.examplespy.example"))  # the name early in the record
    record[3:5] = struct.pack("!H", len(record) - 5 + 600)  # the record says 600 more bytes follow
    seen = list(read_capture(pcap([segment(1, bytes(record))]), "c", []))
    assert [(s.packet, s.name) for s in seen] == [(1, "upload.examplespy.example")]


def test_an_http_request_s_headers_split_across_segments_give_its_host() -> None:
    head = b"GET /upload HTTP/1.1\r\nUser-Agent: x\r\n"
    rest = b"Host: api.examplespy.example\r\n\r\n"
    seen = list(read_capture(pcap([segment(1, head), segment(1 + len(head), rest)]), "c", []))
    assert [(s.packet, s.protocol, s.name) for s in seen] == [(1, "http_host", "api.examplespy.example")]


def test_a_capture_cut_inside_a_packet_header_keeps_its_bytes() -> None:
    whole = pcap(frames())
    cut = whole[: 24 + 16 + len(frames()[0]) + 8]
    warnings: list[tuple[str, str, str]] = []
    seen = list(read_capture(cut, "capture", warnings))
    assert [s.name for s in seen] == ["api.examplespy.example"]
    assert warnings == [
        (
            "packet 2",
            "the capture ends inside a packet header (truncated: 8 of 16 bytes)",
            struct.pack("<II", 1678785601, 0).hex(),
        )
    ]


def test_a_pcapng_cut_inside_a_block_keeps_its_first_bytes() -> None:
    whole = pcapng(frames())
    start = len(whole) - (32 + len(frames()[1]) + (-len(frames()[1]) % 4))
    warnings: list[tuple[str, str, str]] = []
    list(read_capture(whole[:-10], "capture", warnings))
    assert warnings == [
        (f"byte {start}", "the capture ends inside a block (truncated)", whole[start : start + 64].hex())
    ]


def test_a_segment_that_comes_before_its_connection_s_first_is_joined_to_it() -> None:
    # before: the second half, come first, was dropped (it starts no request): no name, 0 warnings
    hello = big_hello("upload.examplespy.example")
    other = segment(900, b"\x17\x03\x03\x00\x05hello", sport=50002)
    warnings: list[tuple[str, str, str]] = []
    reversed_order = [segment(1201, hello[1200:]), other, segment(1, hello[:1200])]
    seen = list(read_capture(pcap(reversed_order), "c", warnings))
    assert ([(s.packet, s.name) for s in seen], warnings) == ([(3, "upload.examplespy.example")], [])


def test_first_bytes_that_end_before_the_server_name_are_a_warning() -> None:
    # before: a capture holding the first 1,200 bytes of a ClientHello gave no name and 0 warnings
    hello = big_hello("upload.examplespy.example")
    warnings: list[tuple[str, str, str]] = []
    assert list(read_capture(pcap([segment(1, hello[:1200])]), "c", warnings)) == []
    assert warnings == [
        (
            "packet 1",
            "the first bytes 192.168.1.23 sent to 203.0.113.5 end before a server name could be read (1,200"
            " bytes, through packet 1; the capture ended, or they passed the 16 segments or 16 KiB read): a"
            " name after them is not read",
            hello[:64].hex(),
        )
    ]
