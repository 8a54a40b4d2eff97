"""Network logs from a phone's Wi-Fi: dnsmasq / Pi-hole query logs and Zeek ``dns.log``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from footprint.device import network
from footprint.device.observe import guarded, to_item
from footprint.errors import InputError, ParseError
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.source import Source, decode_text
from footprint.model import ParsedItem


def _warn_all(ctx: ParseContext, warnings: list[tuple[str, str, str]]) -> None:
    for locator, message, raw in warnings:
        ctx.warn(locator, message, raw)


@parsers.register
class DnsLogParser(Parser):
    """DNS query logs: dnsmasq ``--log-queries`` / Pi-hole ``pihole.log``, or Zeek ``dns.log``."""

    name = "device_dns_log"
    version = 1
    description = "DNS query log: dnsmasq / Pi-hole (give the year with --map year=YYYY) or Zeek dns.log"
    format_name = "dns_log"

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

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        return guarded(self._items(source, ctx), source.name, self.description)

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        text = decode_text(source.read_bytes(), source.name, warn=[])
        warnings: list[tuple[str, str, str]] = []
        if text.startswith("#separator"):
            for obs in network.zeek_dns(text, source.name, warnings):
                yield to_item(obs, ctx)
            _warn_all(ctx, warnings)
            return
        year_text = ctx.column_map.get("year")
        year = None
        if year_text is not None:
            if not re.fullmatch(r"(19|20)\d\d", year_text):
                raise InputError(f"--map year={year_text}: give the four-digit year the log was written in")
            year = int(year_text)
            ctx.decide("year", f"{year} (given by the examiner; the log has no year)")
        else:
            ctx.decide("year", "not given: times kept as written only (pass --map year=YYYY to place them)")
        count = 0
        for obs in network.dnsmasq(text, year, warnings):
            count += 1
            yield to_item(obs, ctx)
        _warn_all(ctx, warnings)
        if count == 0:
            raise ParseError("no `query[...]` lines; was dnsmasq run with --log-queries?", source=source.name)


@parsers.register
class PcapParser(Parser):
    """Packet captures (pcap or pcapng): DNS names and TLS SNI host names."""

    name = "device_pcap"
    version = 1
    description = "Packet capture (pcap/pcapng): DNS queries and TLS SNI names"
    format_name = "pcap"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        from footprint.device.pcap import is_capture

        return SniffResult(0.95, "pcap/pcapng magic number") if is_capture(source.head) else NO

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        return guarded(self._items(source, ctx), source.name, self.description)

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        warnings: list[tuple[str, str, str]] = []
        items = [to_item(obs, ctx) for obs in network.capture(source.read_bytes(), source.name, warnings)]
        _warn_all(ctx, warnings)
        yield from items


@parsers.register
class DnsCsvParser(Parser):
    """A resolver or router CSV of DNS lookups; never sniffed — pass ``--format device_dns_csv``."""

    name = "device_dns_csv"
    version = 1
    description = "DNS lookups as CSV (--format device_dns_csv; --map query=COL --map sent_at=COL)"
    format_name = "dns_csv"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        return NO

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        return guarded(self._items(source, ctx), source.name, self.description)

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        text = decode_text(source.read_bytes(), source.name, warn=[])
        warnings: list[tuple[str, str, str]] = []
        items = [to_item(obs, ctx) for obs in network.dns_csv(text, source.name, ctx.column_map, warnings)]
        _warn_all(ctx, warnings)
        yield from items
