"""Offline incidents (``incidents_csv``): what happened away from the screen, for the timeline.

Default header ``date,time,place,what happened,reported_by`` and, optionally, ``done by`` (case and
spacing ignored; ``--map`` renames). Times are local to the case's zone; a blank time keeps the date only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from footprint.errors import ParseError
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.dates import LocalClock, infer_order, split_date, ymd
from footprint.ingest.rows import csv_rows, field_count, norm_header, resolve_columns
from footprint.ingest.source import Source
from footprint.model import ParsedItem

FIELDS = {
    "date": "date",
    "time": "time",
    "place": "place",
    "what_happened": "what happened",
    "reported_by": "reported_by",
    "done_by": "done by",  # optional: who did what the row describes (docs/law.md, offline incidents)
}
REQUIRED = ("date", "what_happened")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# 21:30, 21.30, 21:30:05; or on a 12-hour clock: 5:30pm, 5.30 p.m., 5pm (12am is midnight, 12pm noon)
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2})(?:[:.](\d{2}))?)?(?:\s*([ap])\.?\s*m\.?)?$", re.IGNORECASE)
# a date column holding the time too ("2023-03-15 08:00", "2023-03-15T08:00", "15/03/2023 8:00pm"), read
# as the date and the time when the row's time column is empty (v4: the date was not read, nor the time)
_DATE_AND_TIME = re.compile(
    r"^(\S+?)(?:\s+|T)(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?\s*m\.?)?)$", re.IGNORECASE
)


@parsers.register
class IncidentsCsvParser(Parser):
    """Offline incidents reported by the complainant, witnesses or police."""

    name = "incidents_csv"
    takes_column_map = True
    version = 4  # 4: a date column holding the time too (2023-03-15 08:00) is read as both, when the time
    # column is empty; 3: a time not read (evening) keeps the row's date; 12-hour times (5:30pm); done_by
    description = "Offline incidents CSV: date, time, place, what happened, reported_by"
    format_name = "incidents"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            return NO
        first = source.head_text().split("\n", 1)[0]
        names = {norm_header(h) for h in first.split(",")}
        if {"date", "what happened"} <= names:
            return SniffResult(0.9, "incidents header (date, what happened)")
        return NO

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        rows = csv_rows(source)
        head = next(rows, None)
        if head is None:
            raise ParseError("the CSV has no header row", source=source.name)
        header = head[1]
        columns = resolve_columns(header, FIELDS, ctx.column_map, REQUIRED, source.name)
        at = columns["date"]
        slashed = sorted(
            {_date_part(f[at].strip()) for _, f, _ in csv_rows(source) if len(f) > at and "/" in f[at]}
            - {header[at]}
        )
        order = "ymd"
        if slashed:
            order, how = infer_order(slashed, ctx.date_order, source.name)
            ctx.decide("date_order", f"{order} ({how})")
        ctx.decide("zone", f"{ctx.zone} ({ctx.tz_source})")
        clock = LocalClock(ctx.zone)
        for line, fields, raw in rows:
            locator = f"line {line}"
            values = {f: fields[i].strip() for f, i in columns.items() if i < len(fields)}
            if len(fields) != len(header):
                ctx.warn(locator, field_count(len(fields), len(header), locator, raw), raw)
            sent_at_raw = " ".join(v for v in (values.get("date"), values.get("time")) if v)
            sent_at_utc = None
            details = {k: values[k] for k in ("place", "reported_by", "done_by") if values.get(k)}
            day_text, time_text = values.get("date", ""), values.get("time", "")
            if joined := _DATE_AND_TIME.match(day_text):
                day_text = joined.group(1)
                if not time_text:
                    time_text = joined.group(2)
                elif joined.group(2) != time_text:
                    ctx.warn(
                        locator,
                        f"the date column holds a time too ({joined.group(2)!r}); the time column's"
                        f" {time_text!r} is used",
                        raw,
                    )
            day = _day(day_text, order)
            clock_time = _clock_time(time_text)
            if day is None:
                ctx.warn(
                    locator,
                    f"date {values.get('date', '')!r} not read; row kept without a time",
                    raw,
                )
            else:
                if time_text and clock_time is None:
                    ctx.warn(
                        locator,
                        f"time {time_text!r} not read; row kept with its date only (time not recorded)",
                        raw,
                    )
                h, mi, s = clock_time or (0, 0, 0)
                if not clock_time:
                    details["time_known"] = "no"
                sent_at_utc, note = clock.to_utc(day, h, mi, s)
                if note:
                    ctx.warn(locator, note, raw)
            yield ParsedItem(
                locator, "incident", raw, values.get("what_happened", ""), sent_at_raw or None,
                sent_at_utc, ctx.tz_source, ctx.zone, None, (), None, (), False, False, False,
                details or None,
            )  # fmt: skip


def _date_part(text: str) -> str:
    """A date column's date, without the time it may hold too (``_DATE_AND_TIME``)."""
    joined = _DATE_AND_TIME.match(text)
    return joined.group(1) if joined else text


def _clock_time(text: str) -> tuple[int, int, int] | None:
    """The time of day as hours, minutes and seconds, or None when it is not one (25:00 and 10:75 are not
    rolled into the next hour; 13:30pm and an hour with neither minutes nor am/pm are not read)."""
    found = _TIME.match(text)
    if found is None:
        return None
    hour, minute, second, half = found.groups()
    h, mi, s = int(hour), int(minute or 0), int(second or 0)
    if half is not None:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half.lower() == "p" else 0)
    elif minute is None:
        return None
    return (h, mi, s) if h < 24 and mi < 60 and s < 60 else None


def _day(text: str, order: str) -> tuple[int, int, int] | None:
    fields = split_date(text)
    if fields is None:
        return None
    y, m, d = ymd(fields, "ymd" if _ISO_DATE.match(text) else order)
    try:
        date(y, m, d)
    except (ValueError, OverflowError):  # 30/02, or a year too large for any date
        return None
    return y, m, d
