"""Local times in a clock change read by the order of the export (WhatsApp, which lists messages in the
order they happened): the reviewer's two scenarios, and the cases the order cannot decide."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import parse

FOLD = "happened twice in Europe/London (clocks went back)"
GAP = "does not exist in Europe/London (clocks went forward)"
BY_ORDER = "(decided by the order of the messages in the export)"

AUTUMN = (
    "[25/10/2026, 01:40:00] Victim Person: Please stop contacting me.\n"
    "[25/10/2026, 01:10:00] Alex Suspect: I know where you are, you cannot hide\n"
    "[25/10/2026, 01:20:00] Alex Suspect: answer me\n"
)
SPRING = (
    "[28/03/2026, 23:58:00] Alex Suspect: answer me or I'll come round\n"
    "[29/03/2026, 01:30:00] Alex Suspect: I will kill you if you go to the police\n"
    "[29/03/2026, 02:15:00] Victim Person: Please stop contacting me. I am scared.\n"
)


def _chat(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repeated_hour_after_a_later_reading_is_the_second_one(tmp_path: Path) -> None:
    result = parse("whatsapp", _chat(tmp_path, AUTUMN))
    assert [i.sent_at_utc for i in result.items] == [
        "2026-10-25T00:40:00Z",
        "2026-10-25T01:10:00Z",
        "2026-10-25T01:20:00Z",
    ]
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "line 1",
            f"local time 2026-10-25 01:40 {FOLD}; the earlier one (+01:00) was used {BY_ORDER}",
            "[25/10/2026, 01:40:00] Victim Person: Please stop contacting me.",
        ),
        (
            "line 2",
            f"local time 2026-10-25 01:10 {FOLD}; the later one (+00:00) was used {BY_ORDER}",
            "[25/10/2026, 01:10:00] Alex Suspect: I know where you are, you cannot hide",
        ),
        (
            "line 3",
            f"local time 2026-10-25 01:20 {FOLD}; the later one (+00:00) was used {BY_ORDER}",
            "[25/10/2026, 01:20:00] Alex Suspect: answer me",
        ),
    ]


def test_a_time_the_clock_skipped_is_read_where_the_file_puts_it_and_kept_with_its_warning(
    tmp_path: Path,
) -> None:
    result = parse("whatsapp", _chat(tmp_path, SPRING))
    assert [i.sent_at_utc for i in result.items] == [
        "2026-03-28T23:58:00Z",
        "2026-03-29T00:30:00Z",
        "2026-03-29T01:15:00Z",
    ]
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "line 2",
            f"local time 2026-03-29 01:30 {GAP}; read with offset +01:00 {BY_ORDER}",
            "[29/03/2026, 01:30:00] Alex Suspect: I will kill you if you go to the police",
        ),
    ]


def test_a_repeated_hour_the_order_cannot_decide_keeps_the_earlier_reading_and_its_flag(
    tmp_path: Path,
) -> None:
    result = parse(
        "whatsapp",
        _chat(
            tmp_path,
            "[25/10/2026, 00:50:00] Alex Suspect: one\n"
            "[25/10/2026, 01:10:00] Alex Suspect: two\n"
            "[32/10/2026, 01:15:00] Alex Suspect: no date\n"
            "[25/10/2026, 01:20:00] Alex Suspect: three\n"
            "[25/10/2026, 02:30:00] Alex Suspect: four\n",
        ),
    )
    assert [i.sent_at_utc for i in result.items] == [
        "2026-10-24T23:50:00Z",
        "2026-10-25T00:10:00Z",
        None,
        "2026-10-25T00:20:00Z",
        "2026-10-25T02:30:00Z",
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("line 2", f"local time 2026-10-25 01:10 {FOLD}; the earlier one (+01:00) was used"),
        ("line 3", "impossible date '32/10/2026'; message kept without a time"),
        ("line 4", f"local time 2026-10-25 01:20 {FOLD}; the earlier one (+01:00) was used"),
    ]


def test_a_file_out_of_order_decides_nothing(tmp_path: Path) -> None:
    result = parse(
        "whatsapp",
        _chat(
            tmp_path,
            "[25/10/2026, 03:00:00] Alex Suspect: later\n"
            "[25/10/2026, 01:10:00] Alex Suspect: in the repeated hour\n"
            "[25/10/2026, 00:30:00] Alex Suspect: earlier\n",
        ),
    )
    assert [i.sent_at_utc for i in result.items] == [
        "2026-10-25T03:00:00Z",
        "2026-10-25T00:10:00Z",
        "2026-10-24T23:30:00Z",
    ]
    assert [w.message for w in result.warnings] == [
        f"local time 2026-10-25 01:10 {FOLD}; the earlier one (+01:00) was used"
    ]


DCE_HEADER = '"AuthorID","Author","Date","Content","Attachments","Reactions"\n'


def test_a_legacy_discord_csv_reads_the_repeated_hour_by_its_order(tmp_path: Path) -> None:
    # DiscordChatExporter lists a channel's messages oldest first; its legacy dates carry no offset
    path = tmp_path / "dce.csv"
    path.write_text(
        DCE_HEADER + '"2222","victim","25-Oct-26 01:40 AM","Please stop contacting me.","",""\n'
        '"1111","alex.suspect","25-Oct-26 01:10 AM","I know where you are","",""\n'
        '"1111","alex.suspect","25-Oct-26 01:20 AM","answer me","",""\n',
        encoding="utf-8",
    )
    result = parse("discord_csv", path)
    assert [i.sent_at_utc for i in result.items] == [
        "2026-10-25T00:40:00Z",
        "2026-10-25T01:10:00Z",
        "2026-10-25T01:20:00Z",
    ]
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "line 2",
            f"local time 2026-10-25 01:40 {FOLD}; the earlier one (+01:00) was used {BY_ORDER}",
            '"2222","victim","25-Oct-26 01:40 AM","Please stop contacting me.","",""',
        ),
        (
            "line 3",
            f"local time 2026-10-25 01:10 {FOLD}; the later one (+00:00) was used {BY_ORDER}",
            '"1111","alex.suspect","25-Oct-26 01:10 AM","I know where you are","",""',
        ),
        (
            "line 4",
            f"local time 2026-10-25 01:20 {FOLD}; the later one (+00:00) was used {BY_ORDER}",
            '"1111","alex.suspect","25-Oct-26 01:20 AM","answer me","",""',
        ),
    ]


def test_a_legacy_discord_csv_keeps_a_time_its_order_cannot_decide_undecided(tmp_path: Path) -> None:
    path = tmp_path / "dce.csv"
    path.write_text(
        DCE_HEADER + '"1111","alex.suspect","25-Oct-26 01:10 AM","answer me","",""\n'
        '"1111","alex.suspect","25-Oct-26 04:00 AM","hello?","",""\n',
        encoding="utf-8",
    )
    result = parse("discord_csv", path)
    assert [i.sent_at_utc for i in result.items] == ["2026-10-25T00:10:00Z", "2026-10-25T04:00:00Z"]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("line 2", f"local time 2026-10-25 01:10 {FOLD}; the earlier one (+01:00) was used"),
    ]


def _telegram(tmp_path: Path, *messages: tuple[str, str, str]) -> Path:
    """An old (pre-``date_unixtime``) Telegram Desktop export of one personal chat: (date, sender, text)."""
    ids = {"Victim Person": "user1", "Alex Suspect": "user2"}
    listed = [
        {"id": n, "type": "message", "date": date, "from": who, "from_id": ids[who], "text": text}
        for n, (date, who, text) in enumerate(messages, start=1)
    ]
    path = tmp_path / "result.json"
    path.write_text(
        json.dumps({"name": "Alex Suspect", "type": "personal_chat", "id": 2, "messages": listed})
    )
    return path


def test_an_old_telegram_export_reads_the_repeated_hour_by_the_chats_order(tmp_path: Path) -> None:
    result = parse(
        "telegram_json",
        _telegram(
            tmp_path,
            ("2026-10-25T01:40:00", "Victim Person", "Please stop contacting me."),
            ("2026-10-25T01:10:00", "Alex Suspect", "I know where you are"),
            ("2026-10-25T01:20:00", "Alex Suspect", "answer me"),
        ),
    )
    assert [(i.locator, i.sent_at_utc) for i in result.items] == [
        ("messages[0]", "2026-10-25T00:40:00Z"),
        ("messages[1]", "2026-10-25T01:10:00Z"),
        ("messages[2]", "2026-10-25T01:20:00Z"),
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("messages[0]", f"local time 2026-10-25 01:40 {FOLD}; the earlier one (+01:00) was used {BY_ORDER}"),
        ("messages[1]", f"local time 2026-10-25 01:10 {FOLD}; the later one (+00:00) was used {BY_ORDER}"),
        ("messages[2]", f"local time 2026-10-25 01:20 {FOLD}; the later one (+00:00) was used {BY_ORDER}"),
    ]
    assert all(w.raw.startswith('{"id": ') for w in result.warnings)  # each message's own JSON


def test_an_old_telegram_export_places_a_skipped_time_by_the_chats_order(tmp_path: Path) -> None:
    result = parse(
        "telegram_json",
        _telegram(
            tmp_path,
            ("2026-03-28T23:58:00", "Alex Suspect", "answer me or I'll come round"),
            ("2026-03-29T01:30:00", "Alex Suspect", "I will kill you"),
            ("2026-03-29T02:15:00", "Victim Person", "Please stop contacting me."),
        ),
    )
    assert [i.sent_at_utc for i in result.items] == [
        "2026-03-28T23:58:00Z",
        "2026-03-29T00:30:00Z",
        "2026-03-29T01:15:00Z",
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("messages[1]", f"local time 2026-03-29 01:30 {GAP}; read with offset +01:00 {BY_ORDER}"),
    ]


def test_the_next_chat_of_a_telegram_export_is_not_bounded_by_the_last_one(tmp_path: Path) -> None:
    def chat(chat_id: int, *dates: str) -> dict[str, object]:
        messages = [
            {"id": n, "type": "message", "date": d, "from": "Alex Suspect", "from_id": "user2", "text": "x"}
            for n, d in enumerate(dates, start=1)
        ]
        return {"name": f"chat {chat_id}", "type": "personal_chat", "id": chat_id, "messages": messages}

    path = tmp_path / "result.json"
    # the first chat ends at 02:15 BST (01:15Z); the second's 01:30 (skipped) is bounded only by its own 03:00
    full = {
        "chats": {
            "list": [chat(1, "2026-03-29T02:15:00"), chat(3, "2026-03-29T01:30:00", "2026-03-29T03:00:00")]
        }
    }
    path.write_text(json.dumps(full))
    result = parse("telegram_json", path)
    assert [(i.locator, i.sent_at_utc) for i in result.items] == [
        ("chats.list[0].messages[0]", "2026-03-29T01:15:00Z"),
        ("chats.list[1].messages[0]", "2026-03-29T01:30:00Z"),
        ("chats.list[1].messages[1]", "2026-03-29T02:00:00Z"),
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("chats.list[1].messages[0]", f"local time 2026-03-29 01:30 {GAP}; read with offset +00:00"),
    ]


def test_rows_in_no_known_order_keep_a_repeated_hour_undecided(tmp_path: Path) -> None:
    # A hand-kept incidents log and a generic table: the same rows that WhatsApp's order would decide, but a
    # person may list an incident remembered later below a later one, and a table is sorted as its user chose.
    incidents = tmp_path / "incidents.csv"
    incidents.write_text(
        "date,time,place,what happened,reported_by\n"
        "2026-10-25,01:40,home,she asked him to stop,VP\n"
        "2026-10-25,01:10,home,he was outside,VP\n",
        encoding="utf-8",
    )
    table = tmp_path / "table.csv"
    table.write_text(
        "text,sent_at\nplease stop,2026-10-25T01:40:00\nI know where you are,2026-10-25T01:10:00\n",
        encoding="utf-8",
    )
    for fmt, path in (("incidents_csv", incidents), ("csv_generic", table)):
        result = parse(fmt, path, tz_source="examiner", zone_given=True)
        assert [i.sent_at_utc for i in result.items] == ["2026-10-25T00:40:00Z", "2026-10-25T00:10:00Z"], fmt
        assert [w.message for w in result.warnings] == [
            f"local time 2026-10-25 01:40 {FOLD}; the earlier one (+01:00) was used",
            f"local time 2026-10-25 01:10 {FOLD}; the earlier one (+01:00) was used",
        ], fmt
