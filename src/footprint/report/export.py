"""Machine-readable exports: the items as JSON Lines and the timeline as Timesketch-compatible JSONL."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator

from footprint.model import Item
from footprint.report.excerpt import shown_text
from footprint.report.report_model import ChronologyRow, ReportModel
from footprint.serialise import finding_json, item_json
from footprint.times import parse_iso_utc, uk_day

TIMESTAMP_DESC = {
    "message": "Message Sent",
    "system": "System Event",
    "call": "Call Time",
    "location": "Location Shared",
    "post": "Posted",
    "email": "Email Sent",
    "incident": "Incident Time",
    "court_order": "Order Made",
    "device_finding": "Device Finding",
    "reaction": "Reaction Sent",
    "image": "Image Time",
}
# a draft, an unsent or a failed message: its time is when it was saved or tried, not when it was sent
NOT_SENT_DESC = "Message Not Sent"
# a record that gave a date but no time (an incident log's row with its time blank)
DATE_ONLY_DESC = "Date Only, Time Not Recorded"


def _line(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) + "\n"


def _parsers(model: ReportModel) -> dict[str, tuple[str, int]]:
    return {r.exhibit.ref: (r.exhibit.parser, r.exhibit.parser_version) for r in model.exhibits}


def items_jsonl(model: ReportModel) -> Iterator[str]:
    """One JSON object per item, in time order: the `items --json` shape with the findings on it
    (the `findings --json` shape), the raw text and its hash, and the tool that wrote the line. An item
    that repeats an earlier exhibit's follows the item it repeats, with ``copy_of``; that item names its
    copies in ``copies``."""
    parsers = _parsers(model)
    copies: dict[str, list[ChronologyRow]] = defaultdict(list)
    for row in model.copies:
        copies[row.copy_of].append(row)
    for first in model.chronology:
        for row in (first, *copies.get(f"{first.item.exhibit} {first.item.locator}", ())):
            i = row.item
            line = {
                **item_json(i, parsers[i.exhibit]),
                "sent_at_uk": row.when,
                "sha256": model.item_sha256.get(i.id),
                "tool": model.tool,
                "tool_version": model.tool_version,
                "findings": [finding_json(f) for f in row.findings],
                **({"view": model.narrowed} if model.narrowed else {}),
            }
            if row.copies:
                line["copies"] = list(row.copies)
            if row.copy_of:
                line["copy_of"] = row.copy_of
            yield _line(line)


def timeline_jsonl(model: ReportModel) -> Iterator[str]:
    """Timesketch JSONL (message, datetime, timestamp_desc + attributes); untimed items left out."""
    parsers = _parsers(model)
    for row in model.chronology:
        i = row.item
        if not i.sent_at_utc:
            continue
        who = i.author_name or i.author or i.kind
        yield _line(
            {
                "message": f"{who}: {shown_text(i)}"
                if i.kind != "incident"
                else f"{shown_text(i)} {row.account} ({row.reported})",
                **_when(i),
                "data_type": f"footprint:{i.kind}",
                "item_id": i.id,
                "exhibit": i.exhibit,
                "locator": i.locator,
                "kind": i.kind,
                "author": i.author or "",
                "author_name": i.author_name or "",
                "side": row.side,
                "recipients": " ".join(i.recipients),
                "conversation": i.conversation or "",
                "sent_at_raw": i.sent_at_raw or "",
                "tz_source": i.tz_source,
                "uk_time": row.when,
                "clock_change": i.details.get("clock_change", ""),
                **(
                    {k: i.details.get(k, "") for k in ("reported_by", "place", "done_by")}
                    if i.kind == "incident"
                    else {}
                ),
                "tag": sorted({f.category for f in row.findings}),
                "parser": parsers[i.exhibit][0],
                "parser_version": parsers[i.exhibit][1],
                "tool": model.tool,
                "tool_version": model.tool_version,
                "findings": [finding_json(f) for f in row.findings],
                **({"copies": list(row.copies)} if row.copies else {}),
                **({"not_sent": i.not_sent} if i.not_sent else {}),
                **({"view": model.narrowed} if model.narrowed else {}),
            }
        )


def _when(i: Item) -> dict[str, object]:
    """The event's ``datetime``, ``timestamp`` and ``timestamp_desc``. A record that gave a date but no time
    carries that UK date alone (``2024-07-01``), placed at 00:00 UTC of it, with ``time_recorded`` false:
    stored at UK midnight, its instant would read as 23:00 the day before in summer, a time nobody
    recorded on a day it did not happen."""
    assert i.sent_at_utc is not None
    desc = NOT_SENT_DESC if i.not_sent else TIMESTAMP_DESC.get(i.kind, "Event Time")
    if not i.time_known:
        day = uk_day(i.sent_at_utc)
        moment = parse_iso_utc(f"{day}T00:00:00Z")
        return {
            "datetime": day,
            "timestamp": int(moment.timestamp() * 1_000_000),
            "timestamp_desc": f"{desc}: {DATE_ONLY_DESC}",
            "time_recorded": False,
        }
    moment = parse_iso_utc(i.sent_at_utc)
    return {
        "datetime": moment.isoformat(),
        "timestamp": int(moment.timestamp() * 1_000_000),
        "timestamp_desc": desc,
    }


def untimed_count(model: ReportModel) -> int:
    """Items the timeline cannot place (no time in the export)."""
    return sum(1 for r in model.chronology if not r.item.sent_at_utc)
