"""incidents_csv: offline events for the timeline."""

from __future__ import annotations

from pathlib import Path

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


def test_impossible_times_are_warned_not_rolled_over(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(
        "date,time,place,what happened,reported_by\n"
        "13/02/2024,25:00,home,he came round,Ann Example\n"
        "13/02/2024,10:75,home,he phoned,Ann Example\n"
        "13/02/2024,23:59:60,home,he texted,Ann Example\n",
        encoding="utf-8",
    )
    result = parse("incidents_csv", path)
    # not 14/02 01:00 and the like: the date is kept, its time not recorded
    assert [i.sent_at_utc for i in result.items] == ["2024-02-13T00:00:00Z"] * 3
    assert [i.details for i in result.items] == [
        {"place": "home", "reported_by": "Ann Example", "time_known": "no"}
    ] * 3
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("line 2", "time '25:00' not read; row kept with its date only (time not recorded)"),
        ("line 3", "time '10:75' not read; row kept with its date only (time not recorded)"),
        ("line 4", "time '23:59:60' not read; row kept with its date only (time not recorded)"),
    ]


def test_twelve_hour_times_are_read_and_a_time_in_words_keeps_the_date(tmp_path: Path) -> None:
    # A diary's "5:30pm" or "evening" lost the row's date too, so breaches and time limits left it out.
    path = tmp_path / "incidents.csv"
    path.write_text(
        "date,time,place,what happened,reported_by\n"
        "18/07/2025,5:30pm,Orchard Street,he waited outside my flat again,Ann Example\n"
        "19/07/2025,evening,Orchard Street,he knocked on my door,Ann Example\n"
        "20/07/2025,5.30 a.m.,home,he phoned,Ann Example\n"
        "21/07/2025,12pm,home,he texted,Ann Example\n"
        "22/07/2025,12:10 AM,home,he rang the bell,Ann Example\n"
        "23/07/2025,13:30pm,home,he drove past,Ann Example\n",
        encoding="utf-8",
    )
    result = parse("incidents_csv", path)
    assert [
        (i.sent_at_raw, i.sent_at_utc, i.details.get("time_known") if i.details else None)
        for i in result.items
    ] == [
        ("18/07/2025 5:30pm", "2025-07-18T16:30:00Z", None),
        ("19/07/2025 evening", "2025-07-18T23:00:00Z", "no"),
        ("20/07/2025 5.30 a.m.", "2025-07-20T04:30:00Z", None),
        ("21/07/2025 12pm", "2025-07-21T11:00:00Z", None),
        ("22/07/2025 12:10 AM", "2025-07-21T23:10:00Z", None),
        ("23/07/2025 13:30pm", "2025-07-22T23:00:00Z", "no"),
    ]
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "line 3",
            "time 'evening' not read; row kept with its date only (time not recorded)",
            "19/07/2025,evening,Orchard Street,he knocked on my door,Ann Example",
        ),
        (
            "line 7",
            "time '13:30pm' not read; row kept with its date only (time not recorded)",
            "23/07/2025,13:30pm,home,he drove past,Ann Example",
        ),
    ]


def test_a_year_too_large_for_a_date_is_a_warning(tmp_path: Path) -> None:
    # A damaged date such as 08/02/99999999999999999999 overflowed the date constructor and failed
    # the whole add (found by fuzzing); it is one bad row.
    path = tmp_path / "incidents.csv"
    path.write_text(
        "date,time,place,what happened,reported_by\n"
        "08/02/99999999999999999999,08:40,work,he waited outside,Ann Example\n"
        "08/02/253402300800000,08:40,work,he followed her,Ann Example\n"
        "13/02/2024,08:40,work,he phoned,Ann Example\n",
        encoding="utf-8",
    )
    result = parse("incidents_csv", path)
    assert [i.text for i in result.items] == ["he waited outside", "he followed her", "he phoned"]
    assert [i.sent_at_utc is None for i in result.items] == [True, True, False]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("line 2", "date '08/02/99999999999999999999' not read; row kept without a time"),
        ("line 3", "date '08/02/253402300800000' not read; row kept without a time"),
    ]


def test_a_date_column_holding_the_time_too_is_read_as_both(tmp_path: Path) -> None:
    # "2023-03-15 08:00" in the date column had been "date … not read; row kept without a time": the
    # incident lost its date (an investigator's review, 2 December)
    path = tmp_path / "incidents.csv"
    path.write_text(
        "date,time,what happened\n"
        "2023-03-15 08:00,,he was waiting outside her flat\n"
        "2023-03-16T21:05:30,,he followed her home\n"
        "17/03/2023 8:00pm,,he rang her work\n"
        "2023-03-18 08:00,09:30,the time column wins where it is given\n",
        encoding="utf-8",
    )
    result = parse("incidents_csv", path)
    assert [(i.sent_at_raw, i.sent_at_utc) for i in result.items] == [
        ("2023-03-15 08:00", "2023-03-15T08:00:00Z"),
        ("2023-03-16T21:05:30", "2023-03-16T21:05:30Z"),
        ("17/03/2023 8:00pm", "2023-03-17T20:00:00Z"),
        ("2023-03-18 08:00 09:30", "2023-03-18T09:30:00Z"),
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("line 5", "the date column holds a time too ('08:00'); the time column's '09:30' is used")
    ]
