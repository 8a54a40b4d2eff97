"""Network logs from a phone's Wi-Fi: dnsmasq / Pi-hole query logs and Zeek ``dns.log``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from footprint.device import network
from footprint.errors import InputError, ParseError
from footprint.ingest._device import DeviceParser, observed_items
from footprint.ingest.base import NO, ParseContext, SniffResult, parsers
from footprint.ingest.source import Source, decode_text
from footprint.model import ParsedItem


@parsers.register
class DnsLogParser(DeviceParser):
    """DNS query logs: dnsmasq ``--log-queries`` / Pi-hole ``pihole.log``, or Zeek ``dns.log``."""

    name = "device_dns_log"
    takes_column_map = True  # --map year=YYYY
    # 3: OpenWrt logread and log-queries=extra lines read; a query line not read and a Zeek row cut short
    # are warnings with their text
    version = 3
    description = "DNS query log: dnsmasq / Pi-hole (give the year with --map year=YYYY) or Zeek dns.log"
    format_name = "dns_log"
    expected = "a dnsmasq log written with `--log-queries` (or Pi-hole's pihole.log), or Zeek's dns.log"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            return NO
        head = source.head_text()
        if head.startswith("#separator") and "#path\tdns" in head:
            return SniffResult(0.95, "Zeek dns.log header")
        if any(network.DNSMASQ.match(line) for line in head.splitlines()[:50]):
            return SniffResult(0.9, "dnsmasq query[...] lines")
        return NO

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        text = decode_text(source.read_bytes(), source.name, warn=[])
        warnings: list[tuple[str, str, str]] = []
        if text.startswith("#separator"):
            yield from observed_items(network.zeek_dns(text, source.name, warnings), ctx, warnings)
            return
        year_text = ctx.column_map.get("year")
        year = None
        if year_text is not None:
            if not re.fullmatch(r"(19|20)\d\d", year_text):
                raise InputError(f"--map year={year_text}: give the four-digit year the log was written in")
            year = int(year_text)
            ctx.decide("year", f"{year} (given by the examiner; the log has no year)")
        else:
            ctx.decide(
                "year",
                "not given: times of lines without a year kept as written only (pass --map year=YYYY to"
                " place them; OpenWrt logread lines carry their year)",
            )
        count = yield from observed_items(network.dnsmasq(text, year, warnings), ctx, warnings)
        if count == 0 and warnings:
            locator, _, raw = warnings[0]
            raise ParseError(
                f"{len(warnings):,} `query[...]` line(s), none in a form Footprint reads (first, {locator}:"
                f" {raw[:200]!r}); send a few lines to the Footprint maintainers",
                source=source.name,
            )
        if count == 0:
            raise ParseError("no `query[...]` lines; was dnsmasq run with --log-queries?", source=source.name)


@parsers.register
class PcapParser(DeviceParser):
    """Packet captures (pcap or pcapng): DNS names, TLS SNI and plain-HTTP Host names."""

    name = "device_pcap"
    version = 10  # 4: a TLS SNI item names the server address it was sent to (matched with connections)
    # 5: a plain-HTTP request's Host header is read too, with the address it was sent to
    # 6: a ClientHello or HTTP request split across TCP segments is gathered in order before it is read
    # 7: segments put in order by sequence number (one arriving early waits); a hole never filled and a
    # segment sent again with other bytes are warnings; a first segment sent again is not a new connection
    # 8: a capture cut inside a packet header or a block, or a packet naming no interface, keeps its bytes
    # (hex, at most 64) as the warning's raw text
    # 9: a segment that comes before its connection's first one joins it; first bytes that end before a
    # server name could be read are a warning
    # 10: a segment sent again with other bytes before its connection's first one is said too, and each such
    # warning names the connection's ports and the copy's sequence number and packet; a connection whose
    # SYN and later segments the capture holds, but never its first segment, is a warning
    description = "Packet capture (pcap/pcapng): DNS queries, TLS SNI and HTTP Host names, TCP connections"
    format_name = "pcap"
    expected = (
        "a packet capture from the router or hotspot the phone used, saved as pcap or pcapng"
        " (e.g. `tcpdump -i wlan0 -w capture.pcap`, or Wireshark's File > Save As)"
    )

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        from footprint.device.pcap import is_capture

        return SniffResult(0.95, "pcap/pcapng magic number") if is_capture(source.head) else NO

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        warnings: list[tuple[str, str, str]] = []
        # the whole capture is read before the first item is handed on
        yield from list(
            observed_items(network.capture(source.read_bytes(), source.name, warnings), ctx, warnings)
        )


@parsers.register
class DnsCsvParser(DeviceParser):
    """A resolver or router CSV of DNS lookups; never sniffed — pass ``--format device_dns_csv``."""

    name = "device_dns_csv"
    takes_column_map = True
    version = 2
    description = "DNS lookups as CSV (--format device_dns_csv; --map query=COL --map sent_at=COL)"
    format_name = "dns_csv"
    expected = (
        "a CSV of DNS lookups with a header row and a query, domain, name, host or sni column"
        " (name another with --map query=COLUMN)"
    )

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        return NO

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        text = decode_text(source.read_bytes(), source.name, warn=[])
        warnings: list[tuple[str, str, str]] = []
        # the whole table is read before the first item is handed on
        yield from list(
            observed_items(network.dns_csv(text, source.name, ctx.column_map, warnings), ctx, warnings)
        )
