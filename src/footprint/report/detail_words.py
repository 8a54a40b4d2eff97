"""A finding's details as labelled plain English, not the analyser's field names and internal ids."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from footprint.times import uk_display, uk_order_end


def text(value: object) -> str:
    """A detail value in words (lists joined, nested values in compact form)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "—"}[value]
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list | tuple):
        return ", ".join(text(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {text(v)}" for k, v in sorted(value.items()))
    return str(value)


def _ids(value: object) -> str:
    """Item ids, named as what they are: "1 (item 13)", "none"."""
    ids = value if isinstance(value, list | tuple) else []
    return f"{len(ids)} ({', '.join(f'item {i}' for i in ids)})" if ids else "none"


def _minutes(value: object) -> str:
    """Minutes as days, hours and minutes: 1085 → "18 hours 5 minutes"."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return text(value)
    total = round(value)
    days, rest = divmod(total, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    return " ".join(words) or "0 minutes"


def _when(value: object) -> str:
    return uk_display(value) if isinstance(value, str) and value else text(value)


def _order_end(value: object) -> str:
    """An order's expiry as the order table shows it: a date-only expiry reads as the end of its last day,
    not as the midnight after it ("24/02/2025 00:00:00", read as a day it runs through)."""
    return uk_order_end(value) if isinstance(value, str) and value else text(value)


_Shown = Callable[[object], str]
# Each detail a reader needs, by the analyser's field name: its label and how its value reads. Every
# other field of a conduct, breach or link finding is internal (the occasions' item ids, the gaps in UTC,
# the analyser's flags): the explanation says it in words, and the whole record is in items.jsonl and
# `footprint findings --json`.
_LABELS: dict[str, tuple[str, _Shown]] = {
    "suspect": ("Suspect", text),
    "complainant": ("Complainant", text),
    "direction": (
        "Sent",
        lambda v: {"to_her": "to her", "about_her": "to someone else, about her"}.get(str(v), text(v)),
    ),
    "request": ("Her request to stop", text),
    "request_at_utc": ("Her request to stop was sent", _when),
    "request_to": ("Her request was sent to", text),
    "request_clock_change": ("Clock change at her request", text),
    "hours_after": ("Hours after her request", text),
    "days_after": ("Calendar days after her request", text),
    "her_items_since_request": ("Her messages to him between her request and this one", _ids),
    "to_check": ("Needs a person's check", text),
    "occasion_count": ("Occasions", text),
    "longest_gap_days": ("Longest gap between occasions (days)", text),
    "wide_gaps": ("Wide gaps between occasions", text),
    "single_day": ("All on one day", text),
    "last_occasion_date": ("Last occasion (UK date)", text),
    "order_check": ("Order to check", text),
    "reaction_only_occasions": ("Occasions of reactions alone (numbered as above)", text),
    "request_finding_ids": ("Her request to stop is finding", text),
    "order": ("Order", text),
    "made_utc": ("Order made", _when),
    "expires_utc": ("Order expires", _order_end),
    "ends_utc": ("Order ends (varied)", _when),
    "condition": ("Condition", text),
    "conditions": ("Conditions", lambda v: "; ".join(text(c) for c in v) if isinstance(v, list) else text(v)),
    "minutes_after_made": ("Time after the order was made", _minutes),
}
#: the categories whose details are shown only as labelled above
LABELLED = ("course_of_conduct", "escalation", "contact_after_request", "order_breach")


def _skip(key: str, value: object, details: Mapping[str, object]) -> bool:
    """Whether a labelled detail says nothing worth a line: empty, or a flag that is off."""
    if value in (None, "", [], {}):
        return True
    if key in ("single_day", "to_check", "wide_gaps") and not value:
        return True
    return key == "ends_utc" and value == details.get("expires_utc")


def detail_lines(category: str, details: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """A finding's details as a reader sees them: for conduct and breach findings each field a reader
    needs with its label, in a fixed order; for the others each field with its name in words
    (``matched_by`` → "matched by")."""
    if category not in LABELLED:
        return tuple((str(k).replace("_", " "), text(v)) for k, v in sorted(details.items()))
    named = dict(details)
    if details.get("request_exhibit"):
        named["request"] = f"{details['request_exhibit']} {details.get('request_locator', '')}".strip()
    if details.get("order_id") is not None:
        kind = text(details.get("order_type") or "").replace("_", " ")
        named["order"] = f"order {details['order_id']}" + (f" ({kind})" if kind else "")
    return tuple(
        (label, shown(named[key]))
        for key, (label, shown) in _LABELS.items()
        if key in named and not _skip(key, named[key], named)
    )
