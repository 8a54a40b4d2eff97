"""What every parser's items hold, whatever the parser, and what a parser declares matches its code."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
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


@pytest.mark.parametrize(
    ("flag", "reads"), [("takes_platform", "ctx.platform"), ("takes_column_map", "ctx.column_map")]
)
def test_a_parser_takes_an_option_exactly_when_its_code_reads_it(flag: str, reads: str) -> None:
    # `add` refuses --platform, and records --map, by these flags: a parser reading the option
    # without the flag would have it refused, one with the flag but not reading it would record it unused.
    own_classes = {
        cls: [k for k in cls.__mro__ if issubclass(k, Parser) and k is not Parser] for cls in parsers
    }
    readers = {
        cls.name for cls, mine in own_classes.items() if any(reads in inspect.getsource(k) for k in mine)
    }
    assert {cls.name for cls in parsers if getattr(cls, flag)} == readers
