"""Tracker alerts entered by hand (``footprint device tracker``): one JSON record per alert."""

from __future__ import annotations

import json
from collections.abc import Iterator

from footprint.device.observe import KIND
from footprint.errors import ParseError
from footprint.ingest._device import DeviceParser
from footprint.ingest.base import NO, ParseContext, SniffResult, parsers
from footprint.ingest.source import Source
from footprint.model import ParsedItem

MARK = "footprint-tracker-entry"


@parsers.register
class TrackerEntryParser(DeviceParser):
    """A tracker-alert record written by ``footprint device tracker`` (type, serial, where, when)."""

    name = "device_tracker"
    version = 4  # 4: "found in/at: WHERE" (it read as the tracker finding her car); its time
    description = "Unknown-tracker alert entered by hand (footprint device tracker)"
    format_name = "tracker_entry"
    expected = "an entry written by `footprint device tracker` (record a tracker alert with that command)"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if not source.is_zip and f'"format": "{MARK}"' in source.head_text():
            return SniffResult(1.0, "Footprint tracker entry")
        return NO

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        try:
            entry = json.loads(source.read_bytes())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ParseError("not a readable tracker entry (JSON)", source=source.name) from exc
        if not isinstance(entry, dict) or entry.get("format") != MARK:
            raise ParseError("not a Footprint tracker entry", source=source.name)
        fields = {
            k: str(entry.get(k) or "") for k in ("type", "serial", "where", "at_raw", "at_utc", "notes")
        }
        serial = f", serial {fields['serial']}" if fields["serial"] else ""
        text = f"Unknown tracker alert: {fields['type']}{serial}, found in/at: {fields['where']}"
        if fields["notes"]:
            text += f" ({fields['notes']})"
        yield ParsedItem(
            locator="entry",
            kind=KIND,
            raw=json.dumps(entry, sort_keys=True, ensure_ascii=False),
            text=text,
            sent_at_raw=fields["at_raw"] or None,
            sent_at_utc=fields["at_utc"] or None,
            tz_source=str(entry.get("tz_source") or ctx.tz_source),
            tz_name=str(entry.get("tz_name") or "") or None,
            system=False,  # an event for the timeline, not a background observation
            details={
                "observation": "tracker",
                "tracker_type": fields["type"],
                "serial": fields["serial"],
                "where": fields["where"],
                "at_utc": fields["at_utc"],
                "input_format": "tracker_entry",
            },
        )
