"""Numeric dates in exports: day/month order inference and fast local -> UTC conversion.

The order is inferred from the whole file: a first field over 12 means day-first, a second field
over 12 means month-first. When no field decides it, the user must say (``--date-order``); we never
guess. A four-digit first field is year-first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from footprint.errors import ParseError
from footprint.times import local_to_utc, zone

if TYPE_CHECKING:
    from footprint.ingest.base import ParseContext
    from footprint.ingest.export_order import ExportOrder

DATE_ORDERS = ("dmy", "mdy", "ymd")
_FIELDS = re.compile(r"\d+")


def split_date(text: str) -> tuple[int, int, int] | None:
    """The three numeric fields of a date such as ``14/03/2023`` or ``13. 6. 2018.``."""
    parts = _FIELDS.findall(text)
    if len(parts) != 3:
        return None
    return int(parts[0]), int(parts[1]), int(parts[2])


def infer_order(dates: Iterable[str], given: str | None, source: str) -> tuple[str, str]:
    """Decide the date order for a file; return it and how it was decided.

    Raises ``ParseError`` when the dates contradict each other or the given order, or when the
    order cannot be decided and none was given.
    """
    first_over: str | None = None
    second_over: str | None = None
    year_first: str | None = None
    for text in dates:
        stripped = text.strip()
        if re.match(r"\d{4}", stripped):
            year_first = year_first or text
            continue
        fields = split_date(stripped)
        if fields is None:
            continue
        a, b = fields[0], fields[1]
        if not (a <= 12 or b <= 12) or a > 31 or b > 31:
            continue  # an impossible date is no evidence of order; the parser warns about it
        if a > 12 and first_over is None:
            first_over = text
        if b > 12 and second_over is None:
            second_over = text
    if year_first is not None and given in (None, "ymd"):
        return "ymd", f"year-first dates such as {year_first!r}"
    if first_over and second_over:
        raise ParseError(
            f"dates contradict each other ({first_over!r} is day-first, {second_over!r} is"
            " month-first); the file may join two exports — split it and add each part",
            source=source,
        )
    inferred = "dmy" if first_over else "mdy" if second_over else None
    if given is not None:
        if inferred is not None and inferred != given:
            evidence = first_over or second_over
            raise ParseError(
                f"--date-order {given} contradicts the date {evidence!r} in the file;"
                f" run again with --date-order {inferred}",
                source=source,
            )
        return given, "given by the examiner (--date-order)"
    if inferred is None:
        raise ParseError(
            "every date could be read day-first or month-first (e.g. 01/02/2023); a phone set up in the UK"
            " writes the day first: run again with --date-order dmy (--date-order mdy for a US phone)",
            source=source,
        )
    evidence = first_over or second_over
    return inferred, f"inferred from the date {evidence!r}"


def ymd(fields: tuple[int, int, int], order: str) -> tuple[int, int, int]:
    """Arrange three fields as (year, month, day); two-digit years are 20xx."""
    a, b, c = fields
    if order == "dmy":
        y, m, d = c, b, a
    elif order == "mdy":
        y, m, d = c, a, b
    else:
        y, m, d = a, b, c
    if y < 100:
        y += 2000
    return y, m, d


class LocalClock:
    """Converts local wall-clock times in one zone to ISO UTC quickly.

    Most days have one UTC offset all day, so a time converts by arithmetic on cached strings;
    only the two clock-change days a year take the careful path (which reports gaps and folds).
    """

    def __init__(self, zone_name: str) -> None:
        self.tz = zone(zone_name)
        self._days: dict[tuple[int, int, int], tuple[str, int | None]] = {}
        self._hms: dict[int, str] = {}

    def day(self, day: tuple[int, int, int]) -> tuple[str, int | None]:
        """``YYYY-MM-DDT`` and the day's UTC offset in seconds (None if the clocks change)."""
        return self._days.get(day) or self._day(day)

    def _day(self, day: tuple[int, int, int]) -> tuple[str, int | None]:
        start = datetime(*day, tzinfo=self.tz)
        off0 = start.utcoffset()
        off1 = (start + timedelta(hours=23, minutes=59)).replace(tzinfo=self.tz).utcoffset()
        offset = int(off0.total_seconds()) if off0 == off1 and off0 is not None else None
        info = (f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}T", offset)
        self._days[day] = info
        return info

    def to_utc(self, day: tuple[int, int, int], h: int, mi: int, s: int) -> tuple[str, str | None]:
        """ISO UTC for a local time, and a note when it fell in a clock change."""
        return self.seconds_to_utc(day, h * 3600 + mi * 60 + s)

    def datetime_to_utc(self, local: datetime) -> tuple[str, str | None]:
        """ISO UTC for a naive local ``datetime`` (to the second), and a note as ``to_utc`` gives."""
        return self.to_utc((local.year, local.month, local.day), local.hour, local.minute, local.second)

    def seconds_to_utc(self, day: tuple[int, int, int], seconds: int) -> tuple[str, str | None]:
        """ISO UTC for ``seconds`` after local midnight of ``day``."""
        prefix, offset = self._days.get(day) or self._day(day)
        if offset is not None:
            utc = seconds - offset
            if 0 <= utc < 86400:
                hms = self._hms.get(utc)
                if hms is None:
                    hms = self._hms[utc] = f"{utc // 3600:02d}:{utc % 3600 // 60:02d}:{utc % 60:02d}Z"
                return prefix + hms, None
            moment = datetime(*day) + timedelta(seconds=utc)
            return moment.strftime("%Y-%m-%dT%H:%M:%SZ"), None
        h, rest = divmod(seconds, 3600)
        return local_to_utc(datetime(*day, h, rest // 60, rest % 60), self.tz)


class ZoneClock:
    """Reads times without an offset in the exhibit's zone; says so as a decision on first use."""

    def __init__(self, ctx: ParseContext, decision: str, zone_name: str | None = None) -> None:
        self.ctx = ctx
        self.decision = decision  # the ``zone`` decision recorded when the first such time is read
        self.zone_name = zone_name or ctx.zone  # another zone than the exhibit's when the file names one
        self._clock: LocalClock | None = None

    def to_utc(self, local: datetime, locator: str, raw: str, order: ExportOrder | None = None) -> str:
        """ISO UTC for a naive local time; a clock-change note becomes a warning on the record, or, with
        the ``order`` of an export that lists its records in time order, is left to it to read."""
        if self._clock is None:
            self._clock = LocalClock(self.zone_name)
            self.ctx.decide("zone", self.decision)
        iso, note = self._clock.datetime_to_utc(local)
        if note and order is not None:
            order.in_change(locator, local.replace(microsecond=0))
        elif note:
            self.ctx.warn(locator, note, raw)
        return iso
