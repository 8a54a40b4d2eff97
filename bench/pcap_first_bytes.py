"""Time reading TLS server names from a capture whose ClientHellos each span two TCP segments (a benchmark,
not a test).

Builds, in memory, a pcap of ``--connections`` connections, each a ClientHello with its server name after
1,400 bytes of another extension, sent in two segments, and times ``read_capture`` on it ``--runs`` times
(CPU seconds). Run it alternately with the code before and after:

    PYTHONPATH=/tmp/before/src .venv/bin/python bench/pcap_first_bytes.py
    PYTHONPATH=src .venv/bin/python bench/pcap_first_bytes.py
"""

from __future__ import annotations

import argparse
import struct
import time

from footprint.device.pcap import read_capture


def _segment(sport: int, seq: int, data: bytes) -> bytes:
    tcp = struct.pack("!HHIIBBHHH", sport, 443, seq, 0, 5 << 4, 0x18, 65535, 0, 0) + data
    ip = struct.pack(
        "!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, b"\xc0\xa8\x01\x17", b"\xcb\x00\x71\x05"
    )
    return b"\x00" * 12 + b"\x08\x00" + ip + tcp


def _hello(name: bytes) -> bytes:
    sni = struct.pack("!HHHBH", 0, len(name) + 5, len(name) + 3, 0, len(name)) + name
    extensions = struct.pack("!HH", 21, 1400) + b"\x00" * 1400 + sni
    body = b"\x03\x03" + b"\x00" * 33 + b"\x00\x02\x13\x01\x01\x00" + struct.pack("!H", len(extensions))
    body += extensions
    handshake = b"\x01" + len(body).to_bytes(3, "big") + body
    return b"\x16\x03\x01" + struct.pack("!H", len(handshake)) + handshake


def capture(connections: int) -> bytes:
    out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    number = 0
    for i in range(connections):
        hello, sport = _hello(b"host%d.example" % i), 1024 + i % 60000
        for frame in (_segment(sport, 1000, hello[:700]), _segment(sport, 1700, hello[700:])):
            out += struct.pack("<IIII", 1678785600 + number, 0, len(frame), len(frame)) + frame
            number += 1
    return bytes(out)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--connections", type=int, default=20_000)
    options.add_argument("--runs", type=int, default=3)
    args = options.parse_args()
    data = capture(args.connections)
    for _ in range(args.runs):
        started, warnings = time.process_time(), []  # type: ignore[var-annotated]
        names = sum(1 for seen in read_capture(data, "bench", warnings) if seen.protocol == "tls_sni")
        print(f"{names} names, {len(warnings)} warnings: {time.process_time() - started:.2f} s CPU")  # noqa: T201


if __name__ == "__main__":
    main()
