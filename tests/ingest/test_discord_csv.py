"""DiscordChatExporter CSV parser: ISO dates, legacy locale dates and the --date-order rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.errors import ParseError
from footprint.model import AccountRef, ParsedAttachment, ParsedItem
from tests.conftest import DATA, parse

AMBIGUOUS = DATA / "discord_csv" / "ambiguous_dates.csv"


def test_undecidable_dates_need_date_order() -> None:
    with pytest.raises(ParseError) as caught:
        parse("discord_csv", AMBIGUOUS)
    assert str(caught.value) == (
        "ambiguous_dates.csv: every date could be read day-first or month-first (e.g. 01/02/2023); a phone set up in the UK"
        " writes the day first: run again with --date-order dmy (--date-order mdy for a US phone)"
    )


def test_with_date_order_counts_warnings_and_record() -> None:
    result = parse("discord_csv", AMBIGUOUS, date_order="dmy", tz_source="examiner")
    assert len(result.items) == 4
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("line 4", "unreadable date '04/04/2023 25:61'; message kept without a time"),
        ("line 5", "row has 2 fields, the header has 6"),
        ("line 5", "unreadable date ''; message kept without a time"),
    ]
    assert result.ctx.decisions == {
        "date_order": "dmy (given by the examiner (--date-order))",
        "zone": "Europe/London (examiner; legacy dates carry no offset)",
        "recipients": "every other author, as in a direct message: the file name is not"
        " DiscordChatExporter's 'SERVER - CATEGORY - CHANNEL [ID]', so it does not say whether this is a"
        " direct message or a server channel (in a server channel not every author read every message;"
        " the JSON export says which it is)",
    }
    assert result.items[1] == ParsedItem(
        locator="line 3",
        kind="message",
        raw='"2222","ann.example#0007","03/04/2023 21:40","second, with a file",'
        '"https://cdn.discordapp.com/attachments/9/9/a.png",""',
        text="second, with a file",
        sent_at_raw="03/04/2023 21:40",
        sent_at_utc="2023-04-03T20:40:00Z",
        tz_source="examiner",
        tz_name="Europe/London",
        author=AccountRef("discord", "2222", "ann.example#0007"),
        conversation="discord:ambiguous_dates",
        attachments=(ParsedAttachment("a.png", None, "image/png"),),
        details={"attachment_urls": "https://cdn.discordapp.com/attachments/9/9/a.png"},
    )


def test_shared_fixtures(shared_data: Path) -> None:
    base = shared_data / "export-samples" / "discord" / "synthetic"
    current = parse("discord_csv", base / "dce_export.csv")
    assert current.warnings == []
    assert [(i.locator, i.sent_at_utc, i.tz_source) for i in current.items] == [
        ("line 2", "2023-03-14T09:15:00.123Z", "platform"),
        ("line 4", "2023-03-14T09:15:00Z", "platform"),
    ]
    assert current.items[0].text == 'you again @victim 😡\nsecond line, "quoted"'
    assert current.items[0].details == {
        "reactions": "😡 (1)",
        "attachment_urls": "https://cdn.discordapp.com/attachments/200/500/photo.jpg",
    }
    legacy = parse("discord_csv", base / "dce_export_legacy_locale.csv")
    assert [(i.sent_at_raw, i.sent_at_utc, i.tz_source, i.author) for i in legacy.items] == [
        (
            "14-Mar-23 09:15 AM",
            "2023-03-14T09:15:00Z",
            "assumed",
            AccountRef("discord", "1111", "alex.suspect#1234"),
        )
    ]


CHANNEL = (
    '"AuthorID","Author","Date","Content","Attachments","Reactions"\n'
    '"1111","alex.suspect","2023-03-14T09:15:00+00:00","first","",""\n'
    '"2222","ann.example","2023-03-14T09:16:00+00:00","second","",""\n'
    '"3333","cat.example","2023-03-14T09:17:00+00:00","third","",""\n'
)
ALEX, ANN, CAT = (AccountRef("discord", i, n) for i, n in (("1111", "alex.suspect"), ("2222", "ann.example"),
                                                           ("3333", "cat.example")))  # fmt: skip


@pytest.mark.parametrize(
    ("name", "members", "rule"),
    [
        (
            "Direct Messages - Group - ann.example, cat.example [1049900000000000001].csv",
            {ALEX, ANN, CAT},
            "every other member of the direct message (its authors): the file name is DiscordChatExporter's"
            " name for a direct message ('Direct Messages - Group - ann.example, cat.example"
            " [1049900000000000001]')",
        ),
        (
            "Example Server - Text Channels - general [1049900000000000002] (after 2023-03-01).csv",
            None,
            "none: the file name is DiscordChatExporter's name for a server channel ('Example Server - Text"
            " Channels - general [1049900000000000002]'), whose export does not say who could read it, and"
            " the CSV has no mentions (the JSON export names whom each message mentions)",
        ),
        (
            "general.csv",
            {ALEX, ANN, CAT},
            "every other author, as in a direct message: the file name is not DiscordChatExporter's"
            " 'SERVER - CATEGORY - CHANNEL [ID]', so it does not say whether this is a direct message or a"
            " server channel (in a server channel not every author read every message; the JSON export"
            " says which it is)",
        ),
    ],
)
def test_the_file_name_tells_a_direct_message_from_a_server_channel(
    tmp_path: Path, name: str, members: set[AccountRef] | None, rule: str
) -> None:
    # every author was a recipient of every message, even in a server channel (the CSV has no type)
    path = tmp_path / "export.csv"
    path.write_text(CHANNEL, encoding="utf-8")
    result = parse("discord_csv", path, name=name)
    conversation = result.items[0].conversation
    assert result.ctx.participants == ({conversation: members} if members else {})
    assert result.ctx.decisions["recipients"] == rule
    assert all(item.recipients == () for item in result.items)
