"""Local times in a clock change, read by the order the export lists its messages in.

Some exports list messages in the order they happened and give local times with no offset: WhatsApp's
chat export, Telegram Desktop's JSON before ``date_unixtime`` (each chat's ``messages`` in id order) and
DiscordChatExporter's legacy CSV (a channel's messages oldest first). A time in the hour the clocks went
back happened twice, and one in the hour they went forward never happened; either can be read two ways.
Where only one reading keeps the message between its neighbours in the file, that reading is taken and
its note says the export's order decided it (:func:`footprint.times.in_order`); where the order does not
decide, the time is read as :func:`footprint.times.local_to_utc` reads it and flagged as before. Every
such time keeps its warning, with the raw text, so none is read silently.

Formats whose rows are in no known order (a hand-kept incidents log, a generic or forensic table sorted
however its user chose, an mbox) do not use this: their times stay undecided and flagged.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    then reads each held time by the order of the file and yields the items in file order. One list of
    messages in time order at a time: :meth:`finish` ends it (a file's next chat starts a new one)."""

    def __init__(self, ctx: ParseContext, zone_name: str) -> None:
        self.ctx = ctx
        self.tz = zone(zone_name)
        self.before: str | None = None  # the last time with one reading (ISO UTC)
        self.held: list[_Held] = []
        self.changes: dict[str, datetime] = {}  # local times in a clock change, by the locator of their item

    def in_change(self, locator: str, naive: datetime) -> None:
        """Note that the item at ``locator``, not yet made, has the local time ``naive`` in a clock change
        (for a parser whose clock reads the time before the item is made); :meth:`add` reads it."""
        self.changes[locator] = naive

    def add(
        self, item: ParsedItem, naive: datetime | None = None, before: str | None = None
    ) -> Sequence[ParsedItem]:
        """The items ready to go on, in file order: ``naive`` is the item's local time when it fell in a
        clock change (the item's ``sent_at_utc`` is then its first reading), else None (or as noted by
        :meth:`in_change`); ``before`` is the last time of one reading before the item (ISO UTC), for a
        parser that does not call this for every item.

        While nothing is held, an item whose time has one reading goes straight on: a parser may pass
        such items on itself without calling this (it is the common case, and a call per message costs
        about 5 % of a WhatsApp parse), as long as it gives ``before`` and calls this from the first time
        in a clock change until :attr:`held` is empty again."""
        if naive is None and self.changes:
            naive = self.changes.pop(item.locator, None)
        if not self.held:
            if naive is None:  # the common case, kept quick: nothing to decide
                if item.sent_at_utc is not None:
                    self.before = item.sent_at_utc
                return (item,)
            if before is not None:
                self.before = before
        readings = clock_readings(naive, self.tz) if naive is not None else None
        if readings is not None and naive is not None:
            self.ctx.warn(item.locator, local_to_utc(naive, self.tz)[1] or "", item.raw)
            earliest_first = tuple(sorted(readings, key=lambda r: r.astimezone(UTC)))
            self.held.append(_Held(item, naive, earliest_first, len(self.ctx.warnings) - 1))
            return ()
        if item.sent_at_utc is None:
            self.held.append(_Held(item))
            return ()
        ready = self._release(item.sent_at_utc)
        self.before = item.sent_at_utc
        ready.append(item)
        return ready

    def finish(self) -> Sequence[ParsedItem]:
        """The items still held at the end of the list; the next item added starts a new list."""
        ready = self._release(None)
        self.before = None
        self.changes.clear()
        return ready

    def _release(self, after: str | None) -> list[ParsedItem]:
        held, self.held = self.held, []
        timed = [h for h in held if h.naive is not None]
        if not timed:
            return [h.item for h in held]
        around = [[parse_iso_utc(self.before)]] if self.before is not None else []
        last = [[parse_iso_utc(after)]] if after is not None else []
        decided = in_order([*around, *(h.readings for h in timed), *last])
        picks = iter(decided[len(around) :] if decided else [None] * len(timed))
        ready = []
        for h in held:
            if h.naive is None:
                ready.append(h.item)
                continue
            pick = next(picks)
            reading = h.readings[pick] if pick is not None else h.naive.replace(tzinfo=self.tz, fold=0)
            warning = self.ctx.warnings[h.warning]
            note = clock_note(h.naive, self.tz, reading, by_order=pick is not None)
            self.ctx.warnings[h.warning] = warning._replace(message=note)
            ready.append(h.item._replace(sent_at_utc=iso_utc(reading)))
        return ready
