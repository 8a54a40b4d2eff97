"""Shared reading of tabular sources: CSV rows with their exact raw text, header mapping, times."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import NamedTuple

from footprint.errors import ParseError
from footprint.ingest.dates import LocalClock, split_date, ymd
from footprint.ingest.source import Source, is_utf16
from footprint.times import iso_utc

csv.field_size_limit(64 * 1024 * 1024)


def norm_header(name: str) -> str:
    """Header names compare case- and spacing-insensitively (``What  Happened`` = ``what_happened``)."""
    return re.sub(r"[\s_]+", " ", name.strip().lstrip("\ufeff")).lower()


def resolve_columns(
    header: list[str],
    wanted: dict[str, str],
    column_map: dict[str, str],
    required: tuple[str, ...],
    source: str,
) -> dict[str, int]:
    """Map field names to column indexes using defaults and ``--map field=COLUMN``."""
    unknown = sorted(set(column_map) - set(wanted))
    if unknown:  # first: a misspelt field is why its column seems to be missing
        raise ParseError(
            f"--map {unknown[0]}=… is not a field this format reads (fields: {', '.join(sorted(wanted))})",
            source=source,
        )
    index = {norm_header(h): i for i, h in enumerate(header)}
    found: dict[str, int] = {}
    for field, default in wanted.items():
        column = column_map.get(field, default)
        if norm_header(column) in index:
            found[field] = index[norm_header(column)]
        elif field in column_map:
            raise ParseError(
                f"--map {field}={column} names no column; the header has: {shown_header(header)}",
                source=source,
            )
    missing = [f for f in required if f not in found]
    if missing:
        raise ParseError(
            f"no column for {', '.join(missing)}; the header has: {shown_header(header)};"
            f" pass --map {missing[0]}=COLUMN",
            source=source,
        )
    return found


def field_count(fields: int, header: int, locator: str, raw: str) -> str:
    """The warning for a row whose field count differs from the header's, naming a runaway quote."""
    message = f"row has {fields} fields, the header has {header}"
    line = re.fullmatch(r"line (\d+)", locator)
    if line and "\n" in raw:  # a CSV row over several lines: a quoted field went on
        first = int(line.group(1))
        message += (
            f"; it runs over lines {first}-{first + raw.count(chr(10))}, so a quote may be left open"
            " and the later lines read into it (see the raw text)"
        )
    return message


def shown_header(header: list[str], limit: int = 200) -> str:
    """A header for a one-line message: control characters escaped, cut short when long."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in ", ".join(header))
    return text if len(text) <= limit else text[:limit] + "…"


def csv_rows(source: Source) -> Iterator[tuple[int, list[str], str]]:
    """Yield (first line number, fields, exact raw text) for each CSV record."""
    if is_utf16(source.head):
        raise ParseError(
            "UTF-16 text, not UTF-8 (a byte-order mark or a NUL beside every letter);"
            " re-export the file as UTF-8 CSV",
            source=source.name,
            locator="line 1",
        )
    stream = io.TextIOWrapper(source.open(), encoding="utf-8-sig", errors="strict", newline="")
    consumed: list[str] = []
    line_no = 0

    def lines() -> Iterator[str]:
        nonlocal line_no
        for text in stream:
            line_no += 1
            consumed.append(text)
            yield text

    reader = csv.reader(lines())
    try:
        while True:
            start = line_no + 1
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise ParseError(
                    f"CSV cannot be read ({exc})", source=source.name, locator=f"line {start}"
                ) from exc
            raw = "".join(consumed).rstrip("\r\n")
            consumed.clear()
            if fields or raw:
                yield start, fields, raw
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"not UTF-8 text ({exc.reason}); re-export the file as UTF-8 CSV",
            source=source.name,
            locator=f"line {line_no + 1}",
        ) from exc
    finally:
        stream.close()


# a 12-hour clock's AM/PM: "PM", "pm", "p.m.", "p. m.", after a space, U+00A0 or U+202F (or none)
_AMPM = r"(?:[ \u00a0\u202f]?([AaPp])\.?[ \u00a0\u202f]?[Mm]\.?)"
_SLASHED = re.compile(
    rf"^\s*(\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}})(?:[ ,T]+(\d{{1,2}}):(\d{{2}})(?::(\d{{2}}))?{_AMPM}?)?\s*$"
)
_ISO_AMPM = re.compile(rf"^(\d{{4}}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?){_AMPM}$")


class TimeRead(NamedTuple):
    """A time read from a row: ISO UTC, where its zone came from, the zone, any clock note."""

    iso: str
    tz_source: str
    zone: str | None
    note: str | None = None


def slashed_date(value: str) -> str | None:
    """The date part of a ``dd/mm/yyyy [hh:mm]`` value, for day/month inference."""
    found = _SLASHED.match(value)
    return found.group(1) if found else None


class TimeReader:
    """Reads the time of a row: ISO 8601 (with or without offset), epoch, or dd/mm/yyyy hh:mm."""

    def __init__(self, zone: str | None, tz_source: str, date_order: str | None) -> None:
        self.clock = LocalClock(zone) if zone else None
        self.zone = zone
        self.tz_source = tz_source
        self.date_order = date_order

    def read(self, value: str) -> TimeRead:
        """Read one value, or raise ``ValueError`` with the reason."""
        value = value.strip()
        if not value:
            raise ValueError("no time given")
        if value.isdigit() and len(value) in (10, 13):
            seconds = int(value) / (1000 if len(value) == 13 else 1)
            return TimeRead(iso_utc(datetime.fromtimestamp(seconds, UTC)), "platform", "UTC")
        slashed = _SLASHED.match(value)
        if slashed:
            if self.date_order is None:
                raise ValueError("day/month order unknown; pass --date-order dmy or mdy")
            fields = split_date(slashed.group(1))
            assert fields is not None
            day = ymd(fields, self.date_order)
            h, mi, s = (int(x or 0) for x in slashed.group(2, 3, 4))
            h = _twenty_four(h, slashed.group(5), value)
            return self._local(datetime(day[0], day[1], day[2], h, mi, s))
        iso_ampm = _ISO_AMPM.match(value)
        try:
            if iso_ampm:
                moment = datetime.fromisoformat(iso_ampm.group(1))
                moment = moment.replace(hour=_twenty_four(moment.hour, iso_ampm.group(2), value))
            else:
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(
                f"unrecognised time {value!r}; the times read are ISO 8601, epoch seconds or"
                " milliseconds, and dd/mm/yyyy or mm/dd/yyyy with hh:mm[:ss] and an optional AM/PM:"
                " check that --map sent_at=COLUMN names the time column, or re-export with such times"
            ) from None
        if moment.tzinfo is not None:
            return TimeRead(iso_utc(moment), "platform", None)
        return self._local(moment)

    def _local(self, moment: datetime) -> TimeRead:
        if self.clock is None:
            raise ValueError("time has no UTC offset; pass --tz ZONE to say which zone it is in")
        iso, note = self.clock.datetime_to_utc(moment)
        return TimeRead(iso, self.tz_source, self.zone, note)


def _twenty_four(hour: int, ampm: str | None, value: str) -> int:
    """The 24-hour hour of a 12-hour clock reading (``ampm`` the A or P read), or ``hour`` as it is."""
    if ampm is None:
        return hour
    if not 1 <= hour <= 12:
        raise ValueError(f"hour {hour} cannot go with AM/PM in {value!r}")
    return hour % 12 + (12 if ampm in "Pp" else 0)
