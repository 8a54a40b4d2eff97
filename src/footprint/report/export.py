"""Machine-readable exports: the items as JSON Lines and the timeline as Timesketch-compatible JSONL."""

from __future__ import annotations

import json
from collections.abc import Iterator

from footprint.report.build import ReportModel
from footprint.times import parse_iso_utc

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
}


def _line(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) + "\n"


def items_jsonl(model: ReportModel) -> Iterator[str]:
    """One JSON object per item, in time order, with the findings on it."""
    for row in model.chronology:
        i = row.item
        yield _line(
            {
                "id": i.id,
                "exhibit": i.exhibit,
                "locator": i.locator,
                "kind": i.kind,
                "author": i.author,
                "author_name": i.author_name,
                "recipients": list(i.recipients),
                "conversation": i.conversation,
                "sent_at_raw": i.sent_at_raw,
                "sent_at_utc": i.sent_at_utc,
                "sent_at_uk": row.when,
                "tz_source": i.tz_source,
                "tz_name": i.tz_name,
                "text": i.text,
                "raw": i.raw,
                "sha256": model.item_sha256.get(i.id),
                "deleted": i.deleted,
                "edited": i.edited,
                "system": i.system,
                "attachments": [
                    {"name": a.name, "sha256": a.sha256, "size": a.size, "mime": a.mime}
                    for a in i.attachments
                ],
                "details": i.details,
                "findings": [
                    {
                        "id": f.id,
                        "category": f.category,
                        "score": f.score,
                        "spans": [list(s) for s in f.spans],
                        "analyser": f.analyser,
                        "analyser_version": f.analyser_version,
                        "decision": f.decision,
                    }
                    for f in row.findings
                ],
            }
        )


def timeline_jsonl(model: ReportModel) -> Iterator[str]:
    """Timesketch JSONL (message, datetime, timestamp_desc + attributes); untimed items left out."""
    for row in model.chronology:
        i = row.item
        if not i.sent_at_utc:
            continue
        moment = parse_iso_utc(i.sent_at_utc)
        who = i.author_name or i.author or i.kind
        yield _line(
            {
                "message": f"{who}: {i.text}" if i.kind != "incident" else i.text,
                "datetime": moment.isoformat(),
                "timestamp": int(moment.timestamp() * 1_000_000),
                "timestamp_desc": TIMESTAMP_DESC.get(i.kind, "Event Time"),
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
                "tag": sorted({f.category for f in row.findings}),
            }
        )


def untimed_count(model: ReportModel) -> int:
    """Items the timeline cannot place (no time in the export)."""
    return sum(1 for r in model.chronology if not r.item.sent_at_utc)
