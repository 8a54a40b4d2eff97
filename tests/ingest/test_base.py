"""What every parser's items hold, whatever the parser: an item without a time has no zone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from footprint.ingest.base import NO, ParseContext, Parser, SniffResult
from footprint.ingest.source import Source
from footprint.model import TZ_SOURCES, ParsedItem


class _TwoRows(Parser):  # not registered: only its items are wanted
    name = "two_rows"
    version = 1
    description = "a timed and an untimed row"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        return NO

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        yield ParsedItem(
            "row 1", "message", "a", "a", "14/03/2024 09:15", "2024-03-14T09:15:00Z", ctx.tz_source, ctx.zone
        )
        yield ParsedItem("row 2", "message", "b", "b", "not a date", None, ctx.tz_source, ctx.zone)


def test_an_item_without_a_time_is_given_no_zone(tmp_path: Path) -> None:
    path = tmp_path / "rows.txt"
    path.write_text("a\nb\n", encoding="utf-8")
    ctx = ParseContext(zone="Europe/London", tz_source="examiner")
    with Source(path) as source:
        items = list(_TwoRows().items(source, ctx))
    assert [(i.locator, i.sent_at_raw, i.sent_at_utc, i.tz_source, i.tz_name) for i in items] == [
        ("row 1", "14/03/2024 09:15", "2024-03-14T09:15:00Z", "examiner", "Europe/London"),
        ("row 2", "not a date", None, "none", None),
    ]


def test_none_is_a_zone_source() -> None:
    assert TZ_SOURCES == ("platform", "examiner", "assumed", "none")
