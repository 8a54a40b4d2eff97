"""Time handling: local export times to UTC, and UTC to UK local time for display.

Exports such as WhatsApp write local wall-clock time with no zone. We convert with the zone the
examiner gave (or the case's assumed zone) and say so in ``tz_source``. Around clock changes a local
time may not exist (the spring gap) or exist twice (the autumn fold); both are reported, never
resolved silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from footprint.errors import InputError

UK_ZONE = "Europe/London"
WENT_FORWARD = "(clocks went forward)"  # in the note for a local time in the spring gap
WENT_BACK = "(clocks went back)"  # in the note for a local time in the autumn fold
CLOCK_SKIPPED = "time skipped by the clock change"
# in the note for a local time in a clock change whose reading the export's order decided, and its flag
BY_ORDER = "(decided by the order of the messages in the export)"
ORDER_DECIDED = "by the order of the export"


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """Return the IANA zone ``name`` or raise an ``InputError`` saying what to pass."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"unknown time zone {name!r}; give an IANA name such as Europe/London") from None


def iso_utc(moment: datetime) -> str:
    """Format an aware datetime as ISO 8601 UTC with a ``Z`` (seconds precision, ms if present)."""
    utc = moment.astimezone(UTC)
    if utc.microsecond:
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


_HMS: list[str] = []
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def hms_table() -> list[str]:
    """``HH:MM:SSZ`` for every second of a day, by the second (built once, on first use): the end of an
    ISO UTC time, looked up instead of formatted where parsers read a time per message."""
    if not _HMS:
        _HMS.extend(f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}Z" for s in range(86400))
    return _HMS


@lru_cache(maxsize=1024)
def utc_day(days: int) -> str:
    """``YYYY-MM-DDT`` for the day ``days`` after 1 January 1970 (UTC)."""
    return f"{date.fromordinal(_EPOCH_ORDINAL + days).isoformat()}T"


def parse_iso_utc(text: str) -> datetime:
    """Parse an ISO string produced by :func:`iso_utc` back to an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def utc_order_key(iso: str) -> str:
    """A stored UTC time as a key that sorts in time order: ``YYYY-MM-DDTHH:MM:SS.ffffff``.

    Stored times keep the precision of their export (``09:15:00Z``, ``09:15:00.123Z``); as text ``.``
    sorts before ``Z``, so ``09:15:00.123Z`` would come before ``09:15:00Z``. The key pads the fraction
    to microseconds (and cuts it there), so keys sort by code point in time order and one instant
    written two ways (``.1Z``, ``.100Z``) has one key. ``store.queries.utc_order`` is the same key in SQL.
    """
    return iso[:19] + "." + (iso[20:].replace("Z", "") + "000000")[:6]


def utc_before(a: str, b: str) -> bool:
    """Whether stored UTC time ``a`` is earlier than ``b`` (by :func:`utc_order_key`).

    Quick for the common case: up to the seconds the texts have one fixed width, so times in different
    seconds compare as text and only two in the same second need their keys.
    """
    if a[:19] != b[:19]:
        return a < b
    return utc_order_key(a) < utc_order_key(b)


def local_to_utc(naive: datetime, tz: ZoneInfo) -> tuple[str, str | None]:
    """Convert a naive local time in ``tz`` to ISO UTC, with a note when the clock changed.

    Returns the ISO string and ``None``, or a note saying the local time was ambiguous (the
    earlier reading is used) or did not exist (read as if the clock had not yet changed).
    """
    first = naive.replace(tzinfo=tz, fold=0)
    if clock_readings(naive, tz) is None:
        return iso_utc(first), None
    return iso_utc(first), clock_note(naive, tz, first)


def clock_readings(naive: datetime, tz: ZoneInfo) -> tuple[datetime, datetime] | None:
    """The two instants a local time in a clock change may be, the one :func:`local_to_utc` reads first
    (``fold=0``), or None when the time has one reading. In the autumn fold the time happened twice; in the
    spring gap it never happened, and is read with the offset before or after the change."""
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    return first, second


def clock_note(naive: datetime, tz: ZoneInfo, reading: datetime, *, by_order: bool = False) -> str:
    """The note for a local time in a clock change read as ``reading`` (one of :func:`clock_readings`);
    ``by_order`` when the order the export lists its messages in decided the reading."""
    first = naive.replace(tzinfo=tz, fold=0)
    offset = _fmt_offset(reading.utcoffset())
    how = f" {BY_ORDER}" if by_order else ""
    # Round-trip test: a time in the gap does not survive UTC -> local.
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        return (
            f"local time {naive:%Y-%m-%d %H:%M} does not exist in {tz.key} {WENT_FORWARD};"
            f" read with offset {offset}{how}"
        )
    which = "earlier" if reading.fold == 0 else "later"
    return (
        f"local time {naive:%Y-%m-%d %H:%M} happened twice in {tz.key} {WENT_BACK};"
        f" the {which} one ({offset}) was used{how}"
    )


def in_order(candidates: Sequence[Sequence[datetime]]) -> list[int | None] | None:
    """Which reading of each time keeps a list of times in order (each time's readings, earliest first).

    A reading is decided when it is the only one that keeps every time at or after the one before:
    the earliest reading consistent with the times before it is also the latest consistent with the
    times after it. Gives each time's decided reading (its index), None where the order does not decide,
    or None for the whole list when no choice of readings keeps it in order.
    """
    # Aware times in one zone compare by wall clock, ignoring ``fold``: compare them in UTC.
    instants = [[r.astimezone(UTC) for r in readings] for readings in candidates]
    earliest: list[datetime] = []
    for readings in instants:
        fits = [r for r in readings if not earliest or r >= earliest[-1]]
        if not fits:
            return None
        earliest.append(fits[0])
    latest: list[datetime] = []
    for readings in reversed(instants):
        fits = [r for r in readings if not latest or r <= latest[-1]]
        latest.append(fits[-1])
    latest.reverse()
    return [
        readings.index(e) if e == late else None
        for readings, e, late in zip(instants, earliest, latest, strict=True)
    ]


def clock_change(note: str, iso: str | None, zone_name: str | None) -> str | None:
    """The flag for a time whose conversion noted a clock change (see :func:`local_to_utc`), or None.

    A time in the spring gap never happened on the local clock; one in the autumn fold could be either
    reading, named by their abbreviations (``ambiguous: BST or GMT``), unless the order of the export
    decided it (``happened twice: read as GMT by the order of the export``).
    """
    if WENT_FORWARD in note:
        return f"{CLOCK_SKIPPED}; placed {ORDER_DECIDED}" if BY_ORDER in note else CLOCK_SKIPPED
    if WENT_BACK not in note:
        return None
    if not iso or not zone_name:
        return "ambiguous: either side of the clock change"
    earlier = parse_iso_utc(iso).astimezone(zone(zone_name))
    if BY_ORDER in note:
        return f"happened twice: read as {earlier.tzname()} {ORDER_DECIDED}"
    return f"ambiguous: {earlier.tzname()} or {earlier.replace(fold=1).tzname()}"


def order_uncertain(flag: str | None) -> bool:
    """Whether a time with clock-change ``flag`` (see :func:`clock_change`) may be either side of a time
    within an hour of it: a time that happened twice or never happened, unless the export's order decided
    its reading."""
    return bool(flag) and ORDER_DECIDED not in str(flag)


def _fmt_offset(offset: timedelta | None) -> str:
    seconds = int(offset.total_seconds()) if offset is not None else 0
    sign = "+" if seconds >= 0 else "-"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def uk_display(iso: str | None, *, time_known: bool = True, fraction: bool = False) -> str:
    """Show a stored UTC time as UK local time with its abbreviation and offset.

    A record that gave a date but no time (stored at local midnight) shows the date alone, so that no
    reader takes 00:00 for a recorded time. With ``fraction`` (an item's time, as its export gave it), a
    time stored with a fraction of a second shows it to the millisecond (``09:15:00.123``), as ``iso_utc``
    stores it: two items in one second are then shown in the order they are listed in. The times Footprint
    records itself (a decision, a run) are shown to the second.
    """
    if not iso:
        return "time unknown"
    local = parse_iso_utc(iso).astimezone(zone(UK_ZONE))
    if not time_known:
        return f"{local:%d/%m/%Y} (time not recorded)"
    part = f".{local.microsecond // 1000:03d}" if fraction and local.microsecond else ""
    return f"{local:%d/%m/%Y %H:%M:%S}{part} {local.tzname()} ({_fmt_offset(local.utcoffset())})"


def uk_day(iso: str) -> str:
    """The UK calendar day (ISO, ``2024-07-01``) of a stored UTC time: the day of a record that gave a
    date but no time, which is stored at UK midnight (23:00 UTC the day before, in summer)."""
    return parse_iso_utc(iso).astimezone(zone(UK_ZONE)).date().isoformat()


def uk_order_end(iso: str) -> str:
    """When an order ends: a date-only expiry (stored as the next UK midnight) reads as its last day."""
    local = parse_iso_utc(iso).astimezone(zone(UK_ZONE))
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return f"end of {local - timedelta(days=1):%d/%m/%Y} (UK time)"
    return uk_display(iso)


def now_utc() -> str:
    """The current time as ISO UTC (used only where a time is recorded, never in content)."""
    return iso_utc(datetime.now(UTC))


def today(zone_name: str) -> date:
    """Today's date in the case's zone (time limits are counted from it; it is recorded)."""
    return datetime.now(UTC).astimezone(zone(zone_name)).date()
