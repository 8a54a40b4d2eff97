"""A doubtful reaction record is warned of with its raw text and never dated contact (new-code review 2, 10):
one dated before its message, one repeating another (kept once), one whose date is out of range, and an
iMessage tapback on a message the database does not hold (silent before)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from footprint.synth.phone_writers import PhoneMessage, apple_ns, write_imessage_db
from tests.conftest import parse

SET_ASIDE = "kept without a time and not counted as dated contact"
AT = datetime(2024, 3, 14, 10, 15, tzinfo=UTC)


def _reactor(date: str) -> dict[str, str]:
    return {"from": "Ben Example", "from_id": "user111", "date": date}


def test_telegram_reactions_repeated_before_their_message_or_out_of_range_are_warned_of(
    tmp_path: Path,
) -> None:
    laugh = {"type": "emoji", "count": 3, "emoji": "😂", "recent": [
        _reactor("2024-03-15T10:00:00"), _reactor("2024-03-15T10:00:00"), _reactor("2024-02-01T10:00:00"),
    ]}  # fmt: skip
    thumbs = {"type": "emoji", "count": 3, "emoji": "👍", "recent": [
        _reactor("9999-12-31T23:59:59-10:00"), _reactor("2024-03-15T11:00:00+99:00"),
        _reactor("0001-01-01T00:00:00+10:00"),
    ]}  # fmt: skip
    message = {
        "id": 41, "type": "message", "date": "2024-03-14T09:15:00", "date_unixtime": "1710407700",
        "from": "Ann Example", "from_id": "user222", "text": "please stop messaging me",
        "text_entities": [], "reactions": [laugh, thumbs],
    }  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(
        json.dumps(
            {"name": "Ben", "type": "personal_chat", "id": 111, "messages": [message]}, ensure_ascii=False
        )
    )
    result = parse("telegram_json", path, zone="Europe/London", tz_source="examiner")
    _, *reactions = result.items
    # the repeat is not an item; the others are kept, only the first with a time
    assert [(r.locator, r.sent_at_utc, (r.details or {}).get("reaction_doubt")) for r in reactions] == [
        ("messages[0].reactions[0].recent[0]", "2024-03-15T10:00:00Z", None),
        (
            "messages[0].reactions[0].recent[2]",
            None,
            "dated 2024-02-01T10:00:00 (2024-02-01T10:00:00Z), before the message it reacts to (messages[0],"
            " 2024-03-14T09:15:00Z)",
        ),
        ("messages[0].reactions[1].recent[0]", None, "its date '9999-12-31T23:59:59-10:00' cannot be read"),
        ("messages[0].reactions[1].recent[1]", None, "its date '2024-03-15T11:00:00+99:00' cannot be read"),
        ("messages[0].reactions[1].recent[2]", None, "its date '0001-01-01T00:00:00+10:00' cannot be read"),
    ]
    assert reactions[1].details is not None and reactions[1].details["reaction_time_given_utc"] == (
        "2024-02-01T10:00:00Z"
    )
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "messages[0].reactions[0].recent[1]",
            "the reaction '😂' by telegram:user111 on messages[0] at '2024-03-15T10:00:00' repeats"
            " messages[0].reactions[0].recent[0] (same reactor, emoji, message and time); counted once, as"
            " messages[0].reactions[0].recent[0]",
        ),
        (
            "messages[0].reactions[0].recent[2]",
            "reaction dated 2024-02-01T10:00:00 (2024-02-01T10:00:00Z), before the message it reacts to"
            f" (messages[0], 2024-03-14T09:15:00Z); {SET_ASIDE}",
        ),
        (
            "messages[0].reactions[1].recent[0]",
            "reaction date '9999-12-31T23:59:59-10:00' (year 9999) cannot be a Telegram reaction's time: in"
            f" UTC it falls before 1970 or after 9999; {SET_ASIDE}",
        ),
        (
            "messages[0].reactions[1].recent[1]",
            "unreadable reaction date '2024-03-15T11:00:00+99:00': not an ISO 8601 date and time, or its"
            f" offset is not within ±24 hours; {SET_ASIDE}",
        ),
        (
            "messages[0].reactions[1].recent[2]",
            "reaction date '0001-01-01T00:00:00+10:00' (year 1) cannot be a Telegram reaction's time: in UTC"
            f" it falls before 1970 or after 9999; {SET_ASIDE}",
        ),
    ]
    # each warning carries the raw record of its reaction
    assert [w.raw for w in result.warnings] == [
        json.dumps(laugh, ensure_ascii=False, separators=(", ", ": "))
    ] * 2 + [json.dumps(thumbs, ensure_ascii=False, separators=(", ", ": "))] * 3


def test_an_imessage_tapback_on_a_message_the_database_does_not_hold_is_warned_of(tmp_path: Path) -> None:
    path = tmp_path / "chat.db"
    write_imessage_db(path, [PhoneMessage(AT, "+447700900123", False, "stop contacting me")])
    conn = sqlite3.connect(path)
    rows = [
        (2, "T-2", "Loved a message", 1, apple_ns(AT + timedelta(days=3)), 0, "p:0/NO-SUCH-GUID", 2000),
        (3, "T-3", "Liked a message", 1, apple_ns(AT - timedelta(days=1)), 0, "p:0/SYN-1", 2001),
        (4, "T-4", "Liked a message", 1, apple_ns(AT - timedelta(days=1)), 0, "p:0/SYN-1", 2001),
    ]
    conn.executemany(
        "INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me, associated_message_guid,"
        " associated_message_type) VALUES (?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.executemany("INSERT INTO chat_message_join VALUES (1, ?, 0)", [(r[0],) for r in rows])
    conn.commit()
    conn.close()
    result = parse("imessage_db", path)
    message, missing, early = result.items
    assert message.details is not None and message.details["guid"] == "SYN-1"
    assert (missing.kind, missing.sent_at_utc, missing.details) == (
        "reaction",
        None,
        {
            "guid": "T-2",
            "reaction": "love",
            "reaction_action": "added",
            "reaction_to_id": "NO-SUCH-GUID",
            "reaction_doubt": "the message it reacts to is not in the database",
            "reaction_time_given_utc": "2024-03-17T10:15:00Z",
        },
    )
    assert (early.locator, early.sent_at_utc) == ("message ROWID 3", None)
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "message ROWID 2",
            f"tapback 'love' on message 'NO-SUCH-GUID', which this database does not hold; {SET_ASIDE}",
        ),
        (
            "message ROWID 3",
            f"reaction dated {apple_ns(AT - timedelta(days=1))} (2024-03-13T10:15:00Z), before the message it"
            f" reacts to (message ROWID 1, 2024-03-14T10:15:00Z); {SET_ASIDE}",
        ),
        (
            "message ROWID 4",
            f"the reaction 'like' by imessage:+447700900123 on message ROWID 1 at"
            f" '{apple_ns(AT - timedelta(days=1))}' repeats message ROWID 3 (same reactor, emoji, message and"
            " time); counted once, as message ROWID 3",
        ),
    ]
    assert '"ROWID": 2' in result.warnings[0].raw


def test_an_x_reaction_before_its_message_repeated_or_with_an_unreadable_time_is_warned_of(
    tmp_path: Path,
) -> None:
    def react(created: str) -> dict[str, str]:
        return {"senderId": "111", "reactionKey": "funny", "createdAt": created}

    reactions = [react("2023-03-14T09:20:00.000Z"), react("2023-03-14T09:20:00.000Z"),
                 react("2023-03-13T09:20:00.000Z"), react("10000-01-01T00:00:00Z")]  # fmt: skip
    message = {"messageCreate": {
        "id": "9001", "senderId": "222", "recipientId": "111", "text": "please leave me alone",
        "createdAt": "2023-03-14T09:15:00.000Z", "mediaUrls": [], "urls": [], "reactions": reactions,
    }}  # fmt: skip
    path = tmp_path / "direct-messages.js"
    conversation = {"dmConversation": {"conversationId": "111-222", "messages": [message]}}
    path.write_text("window.YTD.direct_messages.part0 = " + json.dumps([conversation]))
    result = parse("twitter_archive", path)
    where = "direct-messages.js[0].messages[0]"
    assert [(i.locator, i.sent_at_utc) for i in result.items[1:]] == [
        (f"{where}.reactions[0]", "2023-03-14T09:20:00Z"),
        (f"{where}.reactions[2]", None),
        (f"{where}.reactions[3]", None),
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            f"{where}.reactions[1]",
            f"the reaction 'funny' by x:111 on {where} at '2023-03-14T09:20:00.000Z' repeats {where}.reactions[0]"
            f" (same reactor, emoji, message and time); counted once, as {where}.reactions[0]",
        ),
        (
            f"{where}.reactions[2]",
            f"reaction dated 2023-03-13T09:20:00.000Z (2023-03-13T09:20:00Z), before the message it reacts to"
            f" ({where}, 2023-03-14T09:15:00Z); {SET_ASIDE}",
        ),
        (
            f"{where}.reactions[3]",
            "unreadable reaction createdAt '10000-01-01T00:00:00Z': not an ISO 8601 time with an offset between"
            f" 1970 and 9999; {SET_ASIDE}",
        ),
    ]
