"""UK display of stored UTC times."""

from __future__ import annotations

from datetime import UTC, datetime

from footprint.times import (
    BY_ORDER,
    clock_change,
    in_order,
    order_uncertain,
    uk_display,
    uk_order_end,
    utc_order_key,
    zone,
)


def test_uk_display_gmt_and_bst() -> None:
    assert uk_display("2024-03-31T00:30:00Z") == "31/03/2024 00:30:00 GMT (+00:00)"
    assert uk_display("2024-03-31T01:30:00Z") == "31/03/2024 02:30:00 BST (+01:00)"
    assert uk_display(None) == "time unknown"


def test_uk_display_shows_a_fraction_of_a_second_when_stored() -> None:
    # her request at 09:15:00.000 and his reply at 09:15:00.123 both read "09:15:00 GMT", listed in an
    # order nothing shown explained (court review 10)
    assert uk_display("2023-03-14T09:15:00.123Z", fraction=True) == "14/03/2023 09:15:00.123 GMT (+00:00)"
    assert uk_display("2023-03-14T09:15:00.000999Z", fraction=True) == "14/03/2023 09:15:00.000 GMT (+00:00)"
    assert uk_display("2023-03-14T09:15:00Z", fraction=True) == "14/03/2023 09:15:00 GMT (+00:00)"
    # a time Footprint records itself (a decision, a run) is shown to the second
    assert uk_display("2026-11-30T07:22:21.707Z") == "30/11/2026 07:22:21 GMT (+00:00)"


def test_uk_display_date_only_says_so() -> None:
    # a date-only record is stored at local midnight: in summer that is 23:00 UTC the day before
    assert uk_display("2024-06-14T23:00:00Z", time_known=False) == "15/06/2024 (time not recorded)"
    assert uk_display("2024-03-06T00:00:00Z", time_known=False) == "06/03/2024 (time not recorded)"


def test_order_end_at_local_midnight_reads_as_the_last_day() -> None:
    # `order add --expires 2025-02-23` runs to the end of that day: stored as the next local midnight
    assert uk_order_end("2025-02-24T00:00:00Z") == "end of 23/02/2025 (UK time)"
    assert uk_order_end("2024-07-01T23:00:00Z") == "end of 01/07/2024 (UK time)"  # BST: 00:00 on 02/07
    assert uk_order_end("2025-03-01T12:00:00Z") == "01/03/2025 12:00:00 GMT (+00:00)"


def test_utc_order_key_pads_the_fraction_to_microseconds() -> None:
    stored = [
        "2023-03-14T09:15:01Z",
        "2023-03-14T09:15:00.999999Z",
        "2023-03-14T09:15:00.123Z",
        "2023-03-14T09:15:00.1Z",
        "2023-03-14T09:15:00Z",
        "2023-03-14T09:14:59.5Z",
    ]
    assert [utc_order_key(s) for s in stored] == [
        "2023-03-14T09:15:01.000000",
        "2023-03-14T09:15:00.999999",
        "2023-03-14T09:15:00.123000",
        "2023-03-14T09:15:00.100000",
        "2023-03-14T09:15:00.000000",
        "2023-03-14T09:14:59.500000",
    ]
    assert sorted(stored, key=utc_order_key) == stored[::-1]
    assert sorted(stored) != stored[::-1]  # as text, "." sorts before "Z"
    assert utc_order_key("2023-03-14T09:15:00.1Z") == utc_order_key("2023-03-14T09:15:00.100Z")


def test_in_order_decides_only_where_one_reading_keeps_the_order() -> None:
    london = zone("Europe/London")
    bst, gmt = (datetime(2026, 10, 25, 1, 10, tzinfo=london, fold=f) for f in (0, 1))
    midnight, before, after = (
        datetime(2026, 10, 25, h, m, tzinfo=UTC) for h, m in ((0, 0), (0, 40), (1, 15))
    )
    assert in_order([[midnight], [bst, gmt]]) == [0, None]
    assert in_order([[before], [bst, gmt]]) == [0, 1]
    assert in_order([[bst, gmt], [before]]) == [0, 0]
    assert in_order([[after], [bst, gmt]]) is None


def test_a_time_the_export_order_decided_is_flagged_as_read_not_as_uncertain() -> None:
    fold = "local time 2026-10-25 01:10 happened twice in Europe/London (clocks went back)"
    gap = "local time 2026-03-29 01:30 does not exist in Europe/London (clocks went forward)"
    flags = [
        clock_change(f"{fold}; the earlier one (+01:00) was used", "2026-10-25T00:10:00Z", "Europe/London"),
        clock_change(
            f"{fold}; the later one (+00:00) was used {BY_ORDER}", "2026-10-25T01:10:00Z", "Europe/London"
        ),
        clock_change(f"{gap}; read with offset +00:00", "2026-03-29T01:30:00Z", "Europe/London"),
        clock_change(f"{gap}; read with offset +01:00 {BY_ORDER}", "2026-03-29T00:30:00Z", "Europe/London"),
    ]
    assert flags == [
        "ambiguous: BST or GMT",
        "happened twice: read as GMT by the order of the export",
        "time skipped by the clock change",
        "time skipped by the clock change; placed by the order of the export",
    ]
    assert [order_uncertain(f) for f in flags] == [True, False, True, False]
