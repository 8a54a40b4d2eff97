"""incidents_csv: offline events for the timeline."""

from __future__ import annotations

from footprint.model import ParsedItem
from tests.conftest import DATA, parse


def test_incidents_records_and_warnings() -> None:
    result = parse("incidents_csv", DATA / "incidents_csv" / "incidents.csv")
    assert len(result.items) == 3
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("line 4", "date '99/99/2024' not read; row kept without a time")
    ]
    assert result.items[0] == ParsedItem(
        locator="line 2",
        kind="incident",
        raw='14/03/2024,21:30,Outside her flat,"He waited outside, then left",Ann Example',
        text="He waited outside, then left",
        sent_at_raw="14/03/2024 21:30",
        sent_at_utc="2024-03-14T21:30:00Z",
        tz_source="assumed",
        tz_name="Europe/London",
        details={"place": "Outside her flat", "reported_by": "Ann Example"},
    )
    assert result.items[1].details == {"place": "Her work", "reported_by": "PC Example", "time_known": "no"}
    assert result.items[1].sent_at_utc == "2024-03-15T00:00:00Z"
    assert result.ctx.decisions["date_order"] == "dmy (inferred from the date '14/03/2024')"
