"""Date order inference and local-time conversion around clock changes."""

from __future__ import annotations

import pytest

from footprint.errors import ParseError
from footprint.ingest.dates import LocalClock, infer_order


def test_order_is_inferred_from_the_first_deciding_date() -> None:
    assert infer_order(["01/02/2024", "13/02/2024"], None, "f") == (
        "dmy",
        "inferred from the date '13/02/2024'",
    )
    assert infer_order(["02/13/2024"], None, "f") == ("mdy", "inferred from the date '02/13/2024'")
    assert infer_order(["2024/02/01"], None, "f") == ("ymd", "year-first dates such as '2024/02/01'")
    assert infer_order(["01/02/2024"], "mdy", "f") == ("mdy", "given by the examiner (--date-order)")


def test_contradictory_dates_are_refused() -> None:
    with pytest.raises(ParseError) as err:
        infer_order(["13/01/2024", "01/13/2024"], None, "chat.txt")
    assert str(err.value) == (
        "chat.txt: dates contradict each other ('13/01/2024' is day-first, '01/13/2024' is month-first);"
        " the file may join two exports — split it and add each part"
    )


@pytest.mark.parametrize(
    ("day", "hms", "expected", "note"),
    [
        ((2024, 1, 15), (12, 0, 0), "2024-01-15T12:00:00Z", None),
        ((2024, 7, 15), (12, 0, 0), "2024-07-15T11:00:00Z", None),
        ((2024, 7, 15), (0, 30, 0), "2024-07-14T23:30:00Z", None),  # BST crosses back a day
        ((2024, 2, 29), (0, 15, 0), "2024-02-29T00:15:00Z", None),  # leap day
        ((2024, 3, 31), (0, 59, 0), "2024-03-31T00:59:00Z", None),
        ((2024, 3, 31), (2, 0, 0), "2024-03-31T01:00:00Z", None),
        ((2024, 10, 27), (2, 0, 0), "2024-10-27T02:00:00Z", None),
    ],
)
def test_local_clock(
    day: tuple[int, int, int], hms: tuple[int, int, int], expected: str, note: str | None
) -> None:
    assert LocalClock("Europe/London").to_utc(day, *hms) == (expected, note)


def test_local_clock_reports_gap_and_fold() -> None:
    clock = LocalClock("Europe/London")
    assert clock.to_utc((2024, 3, 31), 1, 30, 0)[1] == (
        "local time 2024-03-31 01:30 does not exist in Europe/London (clocks went forward); read with offset +00:00"
    )
    assert clock.to_utc((2024, 10, 27), 1, 30, 0) == (
        "2024-10-27T00:30:00Z",
        "local time 2024-10-27 01:30 happened twice in Europe/London (clocks went back); the earlier one (+01:00) was used",
    )
