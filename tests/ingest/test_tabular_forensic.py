"""Tabular forensic (AXIOM-style) parser: mapping, mandatory zone, CSV and XLSX."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from footprint.errors import ParseError
from footprint.ingest import Source
from footprint.ingest.sniff import choose_parser
from footprint.model import AccountRef, ParsedItem
from tests.conftest import DATA, parse

NO_ZONE = DATA / "tabular_forensic" / "axiom_sms_no_zone.csv"
ZONE_HEADER = DATA / "tabular_forensic" / "axiom_chat_zone_header.csv"
RENAMED = DATA / "tabular_forensic" / "renamed_columns.csv"
MAPPING = DATA / "tabular_forensic" / "mapping.yaml"
BEN = AccountRef("sms", "+447700900123", "+44 7700 900123")
OWNER = AccountRef("sms", "+447700900456", "+44 7700 900456")


def test_refuses_times_without_zone() -> None:
    with pytest.raises(ParseError) as err:
        parse("tabular_forensic", NO_ZONE)
    assert str(err.value) == (
        "axiom_sms_no_zone.csv: times in column 'Message Sent Date/Time' have no UTC offset (e.g."
        " '14/03/2024 10:15:00'); tabular forensic exports show times in the tool's display zone — run"
        " again with --tz ZONE naming that zone (e.g. --tz Europe/London)"
    )


def test_with_examiner_zone_record_is_complete() -> None:
    result = parse("tabular_forensic", NO_ZONE, tz_source="examiner", zone_given=True)
    assert len(result.items) == 4
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "line 4",
            "local time 2024-03-31 01:30 does not exist in Europe/London (clocks went forward);"
            " read with offset +00:00",
        ),
        ("line 5", "time not read: no time given; row kept without a time"),
    ]
    assert result.items[0] == ParsedItem(
        locator="line 2",
        kind="message",
        raw='1,+44 7700 900123,+44 7700 900456,"I know where you live",14/03/2024 10:15:00,Incoming,SMS,No',
        text="I know where you live",
        sent_at_raw="14/03/2024 10:15:00",
        sent_at_utc="2024-03-14T10:15:00Z",
        tz_source="examiner",
        tz_name="Europe/London",
        author=BEN,
        recipients=(OWNER,),
        details={"id": "1", "direction": "Incoming", "platform": "SMS", "deleted": "No"},
    )
    assert result.items[2].deleted is True
    assert result.ctx.decisions["zone"] == "Europe/London (examiner)"
    assert result.ctx.decisions["date_order"] == "dmy (inferred from the date '14/03/2024')"


def test_zone_and_format_from_the_header() -> None:
    result = parse("tabular_forensic", ZONE_HEADER)
    assert [(i.sent_at_utc, i.tz_source, i.tz_name) for i in result.items] == [
        ("2024-06-14T09:15:00Z", "platform", "UTC+01:00"),
        ("2024-06-14T09:16:00Z", "platform", "UTC+01:00"),
        (None, "none", None),
    ]
    first = result.items[0]
    assert first.author == AccountRef("whatsapp", "+447700900123", "Ben Example")
    assert first.conversation == "whatsapp:+447700900123"
    assert result.items[2].author == AccountRef("whatsapp", "+447700900123", "Ben Example")
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("line 4", "row has 6 fields, the header has 9"),
        ("line 4", "time not read: no time given; row kept without a time"),
    ]
    assert result.ctx.decisions["date_order"] == "dmy (column header)"


def test_saved_mapping_file_and_override() -> None:
    result = parse("tabular_forensic", RENAMED, column_map={"mapping": str(MAPPING)}, platform="sms")
    (item,) = result.items
    assert item.text == "group threat" and item.sent_at_utc == "2024-03-14T10:15:00Z"
    assert item.author == AccountRef("sms", "+447700900123", "07700 900123")
    assert [r.native_id for r in item.recipients] == ["+447700900456", "+447700900789"]
    assert result.ctx.decisions["mapping_file"].startswith("mapping.yaml (SHA-256 ")
    with pytest.raises(ParseError) as err:
        parse("tabular_forensic", RENAMED, column_map={"mapping": str(MAPPING), "text": "Nope"})
    assert str(err.value) == (
        "renamed_columns.csv: --map text=Nope names no column; the header has: From Number, To Numbers,"
        " Content Text, When (UTC)"
    )


def test_bad_mapping_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        parse("tabular_forensic", RENAMED, column_map={"mapping": str(bad)})
    assert str(err.value) == (
        f"renamed_columns.csv: mapping file {str(bad)!r} must map field names to column names (e.g. text: Message)"
    )


def _workbook(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Messages"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_with_header_zone(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "export.xlsx",
        ["Sender", "Receiver", "Message", "Message Sent Date/Time - UTC-05:00 (MM/dd/yyyy)"],
        [["+447700900123", "+447700900456", "hello", "03/14/2024 10:15:00"], [None, None, None, None]],
    )
    with Source(path) as source:
        assert choose_parser(source).name == "tabular_forensic"
    result = parse("tabular_forensic", path)
    (item,) = result.items
    assert (item.locator, item.sent_at_utc, item.tz_name) == (
        "Messages!row 2",
        "2024-03-14T15:15:00Z",
        "UTC-05:00",
    )
    assert item.raw == '["+447700900123", "+447700900456", "hello", "03/14/2024 10:15:00"]'
    assert result.ctx.decisions["sheet"] == "Messages"


def test_sniffing_picks_axiom_csv_and_leaves_others() -> None:
    for path in (NO_ZONE, ZONE_HEADER):
        with Source(path) as source:
            assert choose_parser(source).name == "tabular_forensic"
    for other in ("csv_generic", "incidents_csv", "whatsapp"):
        for path in sorted((DATA / other).glob("*.*")):
            if path.suffix in (".csv", ".txt"):
                with Source(path) as source:
                    assert parse_name(source) != "tabular_forensic", path


def parse_name(source: Source) -> str:
    from footprint.ingest.tabular_forensic import TabularForensicParser

    return "tabular_forensic" if TabularForensicParser.sniff(source).confidence > 0 else "other"


def test_twelve_hour_times_in_an_axiom_export_are_read(tmp_path: Path) -> None:
    csv = tmp_path / "ax1.csv"
    csv.write_text(
        "Sender,Recipient,Message,Message Sent Date/Time - UTC+01:00 (dd/MM/yyyy)\n"
        "+447700900123,+447700900456,I will find you,26/10/2026 1:05:00 PM\n"
        "+447700900123,+447700900456,second,26/10/2026 13:06:00\n",
        encoding="utf-8",
    )
    result = parse(
        "tabular_forensic",
        csv,
        platform="sms",
        column_map={"author": "Sender", "recipient": "Recipient", "text": "Message"},
    )
    assert [(i.sent_at_utc, i.tz_name) for i in result.items] == [
        ("2026-10-26T12:05:00Z", "UTC+01:00"),
        ("2026-10-26T12:06:00Z", "UTC+01:00"),
    ]
    assert result.warnings == []
