"""Readers for network logs: dnsmasq / Pi-hole query logs, Zeek ``dns.log`` and resolver CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime

from footprint.device.domains import ASKED_OF_SERVER, normalise_address, normalise_domain
from footprint.device.observe import Observation, epoch_utc
from footprint.device.pcap import NameSeen, read_capture
from footprint.errors import ParseError
from footprint.times import iso_utc

# syslog ("Nov 28 16:00:30 host dnsmasq[812]: ...") or OpenWrt logread ("Sat Nov 28 16:00:30 2026
# daemon.info dnsmasq[1]: ..."); with --log-queries=extra the query has a serial and client/port first.
DNSMASQ = re.compile(
    r"^(?:[A-Z][a-z]{2} )?(?P<when>[A-Z][a-z]{2}\s+\d{1,2} \d{2}:\d{2}:\d{2})(?: (?P<year>\d{4}))?"
    r" (?:\S+ )?(?:dnsmasq|pihole-FTL)\[\d+\]:(?: \d+ \S+/\d+)?"
    r" query\[(?P<qtype>[A-Za-z0-9]+)\] (?P<name>\S+) from (?P<client>\S+)\s*$"
)
QUERY_NOT_READ = (
    "a `query[...]` line in a form Footprint does not read, so this lookup was not checked;"
    " check it by hand or send the line to the Footprint maintainers"
)
_CSV_NAMES = ("query", "domain", "qname", "name", "host", "hostname", "sni")
_CSV_TIMES = ("timestamp", "time", "ts", "date", "datetime")


def name_observation(
    locator: str, raw: str, name: str, protocol: str, client: str, source: str
) -> Observation:
    """A host name the phone looked up or connected to."""
    norm = normalise_domain(name)
    details = {
        "observation": "domain",
        "domain": norm,
        "name_raw": name,
        "protocol": protocol,
        "client": client,
        "input_format": source,
    }
    label = {"tls_sni": "TLS connection to", "http_host": "HTTP request to"}.get(protocol, "DNS lookup of")
    return Observation(locator, f"{label} {name} from {client or 'unknown client'}", raw, details)


def dnsmasq(text: str, year: int | None, warn: list[tuple[str, str, str]]) -> Iterator[Observation]:
    """``query[...]`` lines of a dnsmasq or Pi-hole log (syslog, OpenWrt ``logread``, ``log-queries=extra``).

    A syslog line has no year, so the user gives one; an OpenWrt line carries its own. Other dnsmasq
    lines (forwarded, reply, cached) are not lookups by a client; a ``query[`` line that cannot be read
    is a warning with its text.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        match = DNSMASQ.match(line)
        if match is None:
            if "query[" in line:
                warn.append((f"line {number}", QUERY_NOT_READ, line))
            continue
        obs = name_observation(
            f"line {number}", line, match.group("name"), "dns_query", match.group("client"), "dnsmasq"
        )
        when = " ".join(match.group("when").split())
        written = line[: match.end("year")] if match.group("year") else match.group("when")
        in_year = int(match.group("year")) if match.group("year") else year
        local = None
        if in_year is not None:
            try:
                local = datetime.strptime(f"{in_year} {when}", "%Y %b %d %H:%M:%S")
            except ValueError:
                warn.append((f"line {number}", f"impossible date {when!r} in {in_year}", line))
        yield Observation(obs.locator, obs.text, obs.raw, obs.details, written, None, local)


def zeek_dns(text: str, source: str, warn: list[tuple[str, str, str]]) -> Iterator[Observation]:
    """Zeek ``dns.log`` (TSV with a ``#fields`` header); a row without every field was cut short and is
    a warning with its text (a name cut mid-way must not be matched)."""
    fields: list[str] = []
    separator = "\t"
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#separator"):
            separator = line.split(" ", 1)[1].encode().decode("unicode_escape") if " " in line else "\t"
            continue
        if line.startswith("#fields"):
            fields = line.split(separator)[1:]
            continue
        if line.startswith("#") or not line.strip():
            continue
        if not fields or "query" not in fields:
            raise ParseError("no #fields header with a query column; is this a Zeek dns.log?", source=source)
        row = line.split(separator)
        if len(row) != len(fields):
            warn.append((f"line {number}", ZEEK_ROW_SHORT.format(len(row), len(fields)), line))
            continue
        values = dict(zip(fields, row, strict=True))
        name = values["query"]
        if name in ("-", "(empty)", ""):
            continue
        obs = name_observation(f"line {number}", line, name, "dns_query", values.get("id.orig_h", ""), "zeek")
        try:
            utc = epoch_utc(float(values.get("ts", "")))
        except ValueError:
            warn.append((f"line {number}", "the ts field is not a Unix time", line))
            utc = None
        yield Observation(obs.locator, obs.text, obs.raw, obs.details, values.get("ts"), utc)


ZEEK_ROW_SHORT = (
    "this row has {} fields where the #fields header names {}: it was cut short or damaged, so it is not"
    " read; copy the log again"
)


def capture(data: bytes, source: str, warn: list[tuple[str, str, str]]) -> Iterator[Observation]:
    """DNS queries (and answers with no query seen), TLS SNI and plain-HTTP ``Host`` names (each with the
    server address it was sent to) and the addresses TCP connections were opened to (once per client and
    address) from a pcap/pcapng capture."""
    asked: set[tuple[str, str]] = set()
    opened: set[tuple[str, str]] = set()
    for seen in read_capture(data, source, warn):
        if seen.protocol == "tcp_syn":
            if (obs := _connection(seen, opened)) is not None:
                yield obs
            continue
        key = (seen.name.lower(), seen.client)
        if seen.protocol == "dns_response" and key in asked:
            continue
        asked.add(key)
        obs = name_observation(
            f"packet {seen.packet}", seen.name, seen.name, seen.protocol, seen.client, "pcap"
        )
        obs.details.update(
            {"server": normalise_address(seen.server)} if seen.protocol in ASKED_OF_SERVER else {}
        )
        utc = epoch_utc(seen.seconds) if seen.seconds else None
        yield Observation(
            obs.locator,
            obs.text,
            f"packet {seen.packet}: {seen.protocol} {seen.name}",
            obs.details,
            str(seen.seconds) if seen.seconds else None,
            utc,
        )


def dns_csv(
    text: str, source: str, column_map: dict[str, str], warn: list[tuple[str, str, str]]
) -> Iterator[Observation]:
    """A resolver or router CSV export: a name column and (optionally) a time column."""
    rows = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(rows, [])]
    lower = [h.lower() for h in header]

    def column(key: str, choices: tuple[str, ...]) -> int | None:
        wanted = column_map.get(key)
        if wanted is not None:
            if wanted.lower() not in lower:
                raise ParseError(
                    f"no column {wanted!r} (from --map {key}=...); columns: {', '.join(header)}",
                    source=source,
                )
            return lower.index(wanted.lower())
        return next((lower.index(c) for c in choices if c in lower), None)

    at_name = column("query", _CSV_NAMES)
    at_time = column("sent_at", _CSV_TIMES)
    at_client = column("client", ("client", "client_ip", "source", "src"))
    if at_name is None:
        raise ParseError(
            f"no domain column (looked for {', '.join(_CSV_NAMES)}); pass --map query=COLUMN", source=source
        )
    for number, row in enumerate(rows, start=2):
        if len(row) <= at_name or not row[at_name].strip():
            warn.append((f"line {number}", "no domain name in this row", ",".join(row)))
            continue
        client = row[at_client] if at_client is not None and len(row) > at_client else ""
        obs = name_observation(f"line {number}", ",".join(row), row[at_name], "dns_query", client, "csv")
        when_raw = row[at_time].strip() if at_time is not None and len(row) > at_time else None
        utc, local = None, None
        if when_raw:
            utc, local = _csv_time(when_raw)
            if utc is None and local is None:
                warn.append(
                    (
                        f"line {number}",
                        f"time {when_raw!r} not understood (ISO 8601 or Unix time)",
                        ",".join(row),
                    )
                )
        yield Observation(obs.locator, obs.text, obs.raw, obs.details, when_raw, utc, local)


def _csv_time(value: str) -> tuple[str | None, datetime | None]:
    if re.fullmatch(r"\d{9,10}(\.\d+)?", value):
        return epoch_utc(float(value)), None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None, None
    return (iso_utc(moment), None) if moment.tzinfo else (None, moment)


def _connection(seen: NameSeen, opened: set[tuple[str, str]]) -> Observation | None:
    """The first TCP connection from a client to an address (later ones to it add nothing to match)."""
    address = normalise_address(seen.name)
    if not address or (address, seen.client) in opened:
        return None
    opened.add((address, seen.client))
    details = {
        "observation": "connection",
        "address": address,
        "client": seen.client,
        "protocol": "tcp",
        "input_format": "pcap",
    }
    return Observation(
        f"packet {seen.packet}",
        f"TCP connection to {address} from {seen.client}",
        f"packet {seen.packet}: tcp_syn {address}",
        details,
        str(seen.seconds) if seen.seconds else None,
        epoch_utc(seen.seconds) if seen.seconds else None,
    )
