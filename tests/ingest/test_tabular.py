"""csv_generic and jsonl_generic: mapping, times, exact warnings, complete records."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.errors import ParseError
from footprint.model import AccountRef, ParsedItem
from tests.conftest import DATA, parse

SMS_MAP = {"text": "body", "sent_at": "when", "author": "who", "recipient": "to", "id": "msg_id"}


def test_csv_with_mapping_and_zone() -> None:
    result = parse(
        "csv_generic",
        DATA / "csv_generic" / "sms_export.csv",
        column_map=SMS_MAP,
        platform="sms",
        tz_source="examiner",
        zone_given=True,
    )
    assert len(result.items) == 4
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "line 5",
            "time not read: unrecognised time 'not a time'; the times read are ISO 8601, epoch seconds or"
            " milliseconds, and dd/mm/yyyy or mm/dd/yyyy with hh:mm[:ss] and an optional AM/PM: check that"
            " --map sent_at=COLUMN names the time column, or re-export with such times; row kept without"
            " a time",
        ),
        ("line 6", "row has 3 fields, the header has 5"),
    ]
    assert result.items[1] == ParsedItem(
        locator="line 3",
        kind="message",
        raw='2,2024-03-12 18:03,+44 7700 900456,+44 7700 900123,"multi\nline, with comma"',
        text="multi\nline, with comma",
        sent_at_raw="2024-03-12 18:03",
        sent_at_utc="2024-03-12T18:03:00Z",
        tz_source="examiner",
        tz_name="Europe/London",
        author=AccountRef("sms", "+447700900456", "+44 7700 900456"),
        recipients=(AccountRef("sms", "+447700900123", "+44 7700 900123"),),
        details={"id": "2"},
    )
    assert (result.items[0].sent_at_utc, result.items[0].tz_source) == ("2024-03-12T18:02:00Z", "platform")
    assert result.items[3].text == ""


def test_csv_local_times_need_a_zone() -> None:
    result = parse("csv_generic", DATA / "csv_generic" / "sms_export.csv", column_map=SMS_MAP)
    assert result.warnings[0].message == (
        "time not read: time has no UTC offset; pass --tz ZONE to say which zone it is in;"
        " row kept without a time"
    )


def test_csv_missing_column_names_the_header() -> None:
    with pytest.raises(ParseError) as err:
        parse("csv_generic", DATA / "csv_generic" / "sms_export.csv")
    assert str(err.value) == (
        "sms_export.csv: no column for text, sent_at; the header has: msg_id, when, who, to, body;"
        " pass --map text=COLUMN"
    )


def test_csv_unknown_mapping_field() -> None:
    with pytest.raises(ParseError) as err:
        parse("csv_generic", DATA / "csv_generic" / "sms_export.csv", column_map={**SMS_MAP, "colour": "x"})
    assert str(err.value) == (
        "sms_export.csv: --map colour=… is not a field this format reads"
        " (fields: author, author_name, conversation, id, recipient, sent_at, text)"
    )


def test_a_misspelt_mapping_field_is_named_before_the_columns_it_leaves_unmapped() -> None:
    # `--map txt=body` (for text): the typo is the problem to report, not "no column for text"
    with pytest.raises(ParseError) as err:
        parse(
            "csv_generic",
            DATA / "csv_generic" / "sms_export.csv",
            column_map={"txt": "body", "sent_at": "when", "author": "who"},
        )
    assert str(err.value).startswith("sms_export.csv: --map txt=… is not a field this format reads")


def test_csv_day_first_dates_are_inferred(tmp_path: Path) -> None:
    path = tmp_path / "uk.csv"
    path.write_text("text,sent_at\nhello,14/03/2024 09:15\nlater,01/04/2024 10:00\n", encoding="utf-8")
    result = parse("csv_generic", path, tz_source="examiner", zone_given=True)
    assert [i.sent_at_utc for i in result.items] == ["2024-03-14T09:15:00Z", "2024-04-01T09:00:00Z"]
    assert result.ctx.decisions == {
        "date_order": "dmy (inferred from the date '14/03/2024')",
        "zone": "Europe/London (examiner)",
    }


def test_the_zone_is_recorded_only_when_a_time_without_an_offset_is_read(tmp_path: Path) -> None:
    offsets = tmp_path / "offsets.jsonl"
    offsets.write_text('{"text": "hi", "sent_at": "2024-03-14T09:15:00+00:00"}\n', encoding="utf-8")
    local = tmp_path / "local.jsonl"
    local.write_text('{"text": "hi", "sent_at": "2024-03-14T09:15:00"}\n', encoding="utf-8")
    assert parse("jsonl_generic", offsets, tz_source="examiner", zone_given=True).ctx.decisions == {}
    assert parse("jsonl_generic", local, tz_source="examiner", zone_given=True).ctx.decisions == {
        "zone": "Europe/London (examiner)"
    }


def test_jsonl_keeps_bad_lines_as_warnings() -> None:
    result = parse("jsonl_generic", DATA / "jsonl_generic" / "messages.jsonl")
    assert [(w.locator, w.raw) for w in result.warnings] == [("line 2", "not json at all")]
    assert result.warnings[0].message.startswith("not valid JSON (")
    assert [(i.locator, i.text, i.sent_at_utc) for i in result.items] == [
        ("line 1", "first", "2024-03-12T18:02:00Z"),
        ("line 3", "second", "2024-03-12T18:03:00Z"),
    ]
    assert result.items[1].author == AccountRef("jsonl", "ben@example.org", "ben@example.org")
    assert result.items[1].recipients == (AccountRef("jsonl", "ann@example.org", "ann@example.org"),)


@pytest.mark.parametrize("parser", ["csv_generic", "incidents_csv", "tabular_forensic"])
def test_utf16_csv_without_a_bom_is_named_as_utf16(tmp_path: Path, parser: str) -> None:
    # UTF-16 without a byte-order mark is valid UTF-8 with a NUL after every letter; it was reported
    # as "no column for text" with a NUL-laced header (found by fuzzing).
    path = tmp_path / "export.csv"
    path.write_bytes("date,time,text,what happened\n14/03/2024,10:15,hi,hi\n".encode("utf-16-le"))
    with pytest.raises(ParseError) as caught:
        parse(parser, path)
    assert str(caught.value) == (
        "export.csv, line 1: UTF-16 text, not UTF-8 (a byte-order mark or a NUL beside every"
        " letter); re-export the file as UTF-8 CSV"
    )


def test_a_missing_column_message_shows_a_hostile_header_short_and_escaped(tmp_path: Path) -> None:
    # The header was echoed whole: control characters (a terminal escape, NUL) and any length
    # reached the one-line error (found by fuzzing).
    path = tmp_path / "export.csv"
    path.write_text("\x1b[31mred\x00," + "x" * 5000 + "\n1,2\n", encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        parse("csv_generic", path)
    message = str(caught.value)
    assert message.startswith(
        "export.csv: no column for text, sent_at; the header has: \\x1b[31mred\\x00, xxx"
    )
    assert message.endswith("…; pass --map text=COLUMN")
    assert len(message) < 400
    assert message.isprintable()


def test_an_unclosed_quote_is_named_in_the_field_count_warning(tmp_path: Path) -> None:
    # A quote left open swallowed the following lines into one row; the warning said only "row has
    # 2 fields" at line 3, hiding that lines 4-5 were taken into it (found by fuzzing).
    path = tmp_path / "export.csv"
    path.write_text(
        'sent_at,text,sender\n2024-03-14T10:15:00Z,hi,a\n2024-03-14T10:16:00Z,"unterminated,a\n'
        "2024-03-14T10:17:00Z,I know where you live,a\n2024-03-14T10:18:00Z,bye,a\n",
        encoding="utf-8",
    )
    result = parse("csv_generic", path)
    [warning] = result.warnings
    assert (warning.locator, warning.message) == (
        "line 3",
        "row has 2 fields, the header has 3; it runs over lines 3-5, so a quote may be left open"
        " and the later lines read into it (see the raw text)",
    )
    assert "I know where you live" in warning.raw


def test_jsonl_line_nested_too_deeply_is_a_warning(tmp_path: Path) -> None:
    # json.loads raised RecursionError on one hostile line and the whole add failed with "please
    # report this" (found by fuzzing); one bad line is one warning.
    path = tmp_path / "messages.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text(
        '{"text": "first", "sent_at": "2024-03-12T18:02:00Z"}\n'
        f'{{"text": {deep}, "sent_at": "2024-03-12T18:03:00Z"}}\n'
        '{"text": "third", "sent_at": "2024-03-12T18:04:00Z"}\n',
        encoding="utf-8",
    )
    result = parse("jsonl_generic", path)
    assert [i.text for i in result.items] == ["first", "third"]
    [warning] = result.warnings
    assert (warning.locator, warning.message) == ("line 2", "not valid JSON (nested too deeply)")
    assert warning.raw.startswith('{"text": [[[')


def test_jsonl_numeric_user_ids_stay_ids(tmp_path: Path) -> None:
    path = tmp_path / "dm.jsonl"
    path.write_text(
        '{"text": "hi", "sent_at": "2024-03-12T18:02:00Z", "author": "1111111111", "recipient": "07700900123"}\n',
        encoding="utf-8",
    )
    [item] = parse("jsonl_generic", path, platform="discord").items
    assert item.author == AccountRef("discord", "1111111111", "1111111111")
    assert item.recipients == (AccountRef("discord", "+447700900123", "07700900123"),)


def test_twelve_hour_times_are_read(tmp_path: Path) -> None:
    csv = tmp_path / "ampm.csv"
    csv.write_text(
        "text,sent_at,author\n"
        "pm,26/10/2026 01:05 PM,John\n"
        "pm2,26/10/2026 13:05:00,John\n"
        "am,26/10/2026 1:05:00 pm,John\n"
        "nbsp,26/10/2026 12:05\u00a0a.m.,John\n"
        "narrow,26/10/2026 12:30:15\u202fPM,John\n"
        "iso,2026-10-26 09:15 PM,John\n"
        "bad,26/10/2026 13:05 PM,John\n",
        encoding="utf-8",
    )
    result = parse("csv_generic", csv, date_order="dmy", tz_source="examiner", zone_given=True)
    assert [i.sent_at_utc for i in result.items] == [
        "2026-10-26T13:05:00Z",
        "2026-10-26T13:05:00Z",
        "2026-10-26T13:05:00Z",
        "2026-10-26T00:05:00Z",
        "2026-10-26T12:30:15Z",
        "2026-10-26T21:15:00Z",
        None,
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "line 8",
            "time not read: hour 13 cannot go with AM/PM in '26/10/2026 13:05 PM'; row kept without a time",
        )
    ]
