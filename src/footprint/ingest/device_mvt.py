"""MVT ``alerts.json`` produced separately (with the owner's consent): read as output, never run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

from footprint.device.observe import Observation, to_item
from footprint.errors import ParseError
from footprint.ingest._device import DeviceParser
from footprint.ingest.base import NO, ParseContext, SniffResult, parsers
from footprint.ingest.source import Source
from footprint.model import ParsedItem
from footprint.times import iso_utc


def _when(event: object) -> tuple[str | None, str | None]:
    if not isinstance(event, dict):
        return None, None
    raw = event.get("isodate") or event.get("timestamp")
    if not isinstance(raw, str):
        return None, None
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return raw, None
    return raw, iso_utc(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


@parsers.register
class MvtAlertsParser(DeviceParser):
    """The alerts MVT wrote (``alerts.json``); Footprint neither runs nor imports MVT."""

    name = "device_mvt"
    version = 2
    description = "MVT alerts.json (level, module, message, event, matched_indicator), produced separately"
    format_name = "mvt_alerts"
    expected = (
        "the alerts.json MVT writes with `--output DIR` (e.g. `mvt-android check-androidqf --output DIR`),"
        " run separately with the phone owner's consent"
    )

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        head = source.head_text().lstrip()
        if not source.is_zip and head.startswith("[") and '"module"' in head and '"level"' in head:
            return SniffResult(0.9, "MVT alerts (level, module)")
        return NO

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        try:
            alerts = json.loads(source.read_bytes())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ParseError(
                f"not readable JSON ({exc}); copy MVT's alerts.json again", source=source.name
            ) from exc
        if not isinstance(alerts, list):
            raise ParseError("expected a JSON list of alerts (MVT alerts.json)", source=source.name)
        read = 0
        for number, alert in enumerate(alerts):
            locator = f"alerts[{number}]"
            if not isinstance(alert, dict) or "level" not in alert:
                ctx.warn(locator, "not an MVT alert (no level)", json.dumps(alert)[:2000])
                continue
            read += 1
            indicator = alert.get("matched_indicator")
            value = str(indicator.get("value", "")) if isinstance(indicator, dict) else str(indicator or "")
            kind = str(indicator.get("type", "")) if isinstance(indicator, dict) else ""
            level, module = str(alert.get("level", "")).lower(), str(alert.get("module", ""))
            message = str(alert.get("message", ""))[:1000]
            raw_when, utc = _when(alert.get("event"))
            details = {"observation": "mvt_alert", "level": level, "module": module, "message": message,
                       "indicator": value, "indicator_type": kind, "input_format": "mvt_alerts"}  # fmt: skip
            text = f"MVT {level} alert ({module}): {message}"
            obs = Observation(locator, text, json.dumps(alert, sort_keys=True)[:4000], details, raw_when, utc)
            yield to_item(obs, ctx)
        if alerts and not read:
            raise ParseError(
                f'none of its {len(alerts):,} entries is an MVT alert (an object with a "level")',
                source=source.name,
            )
