"""Local times in a clock change, read by the order the export lists its messages in.

A chat export such as WhatsApp's lists messages in the order they happened and gives local times with no
offset. A time in the hour the clocks went back happened twice, and one in the hour they went forward
never happened; either can be read two ways. Where only one reading keeps the message between its
neighbours in the file, that reading is taken and its note says the export's order decided it
(:func:`footprint.times.in_order`); where the order does not decide, the time is read as
:func:`footprint.times.local_to_utc` reads it and flagged as before. Every such time keeps its warning,
with the raw text, so none is read silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from footprint.ingest.base import ParseContext
from footprint.model import ParsedItem
from footprint.times import clock_note, clock_readings, in_order, iso_utc, local_to_utc, parse_iso_utc, zone


@dataclass(frozen=True)
class _Held:
    """An item waiting for the next time that has one reading; ``warning`` indexes its clock note."""

    item: ParsedItem
    naive: datetime | None = None
    readings: tuple[datetime, ...] = ()
    warning: int = -1


class ExportOrder:
    """Holds the items from a local time in a clock change to the next item with a time of one reading,
    then reads each held time by the order of the file and yields the items in file order."""

    def __init__(self, ctx: ParseContext, zone_name: str) -> None:
        self.ctx = ctx
        self.tz = zone(zone_name)
        self.before: datetime | None = None  # the last time with one reading
        self.held: list[_Held] = []

    def add(self, item: ParsedItem, naive: datetime | None = None) -> Iterator[ParsedItem]:
        """Yield the items ready to go on: ``naive`` is the item's local time when it fell in a clock change
        (the item's ``sent_at_utc`` is then its first reading), else None."""
        readings = clock_readings(naive, self.tz) if naive is not None else None
        if readings is not None and naive is not None:
            self.ctx.warn(item.locator, local_to_utc(naive, self.tz)[1] or "", item.raw)
            earliest_first = tuple(sorted(readings, key=lambda r: r.astimezone(UTC)))
            self.held.append(_Held(item, naive, earliest_first, len(self.ctx.warnings) - 1))
            return
        if item.sent_at_utc is None:
            if self.held:
                self.held.append(_Held(item))
            else:
                yield item
            return
        at = parse_iso_utc(item.sent_at_utc)
        yield from self._release(at)
        self.before = at
        yield item

    def finish(self) -> Iterator[ParsedItem]:
        """Yield the items still held at the end of the file."""
        yield from self._release(None)

    def _release(self, after: datetime | None) -> Iterator[ParsedItem]:
        held, self.held = self.held, []
        timed = [h for h in held if h.naive is not None]
        if not timed:
            yield from (h.item for h in held)
            return
        around = [[self.before]] if self.before is not None else []
        decided = in_order([*around, *(h.readings for h in timed), *([[after]] if after is not None else [])])
        picks = dict(zip((id(h) for h in timed), decided[len(around) :] if decided else [], strict=False))
        for h in held:
            if h.naive is None:
                yield h.item
                continue
            pick = picks.get(id(h))
            reading = h.readings[pick] if pick is not None else h.naive.replace(tzinfo=self.tz, fold=0)
            warning = self.ctx.warnings[h.warning]
            note = clock_note(h.naive, self.tz, reading, by_order=pick is not None)
            self.ctx.warnings[h.warning] = warning._replace(message=note)
            yield h.item._replace(sent_at_utc=iso_utc(reading))
