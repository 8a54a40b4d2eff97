"""Times in a clock change: the flag an item carries where its parser warned that its local time was
skipped or happened twice, and how such a time is shown (the resolved UK time beside the exported one)."""

from __future__ import annotations

from dataclasses import replace

from footprint.case import Case
from footprint.model import Item
from footprint.times import WENT_BACK, WENT_FORWARD, clock_change, uk_display


def clock_notes(case: Case, exhibit_ref: str | None = None) -> dict[tuple[str, str], str]:
    """The parse warnings about a time in a clock change, by exhibit and locator (its item's)."""
    return {
        (w.exhibit, w.locator): w.message
        for w in case.store.warnings(exhibit_ref)
        if WENT_FORWARD in w.message or WENT_BACK in w.message
    }


def flagged(item: Item, notes: dict[tuple[str, str], str]) -> Item:
    """The item with ``details["clock_change"]`` when its time fell in a clock change."""
    note = notes.get((item.exhibit, item.locator))
    flag = clock_change(note, item.sent_at_utc, item.tz_name) if note else None
    return replace(item, details={**item.details, "clock_change": flag}) if flag else item


def when(item: Item) -> str:
    """The item's UK time; around a clock change, also the time as exported and why it is uncertain."""
    shown = uk_display(item.sent_at_utc, time_known=item.time_known, fraction=True)
    flag = item.details.get("clock_change")
    return f"{shown} (exported as “{item.sent_at_raw}”; {flag})" if flag else shown
