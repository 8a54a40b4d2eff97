"""iMessage database parser: read-only opening, attributedBody recovery, tapbacks, edits, unsends."""

from __future__ import annotations

import hashlib
import plistlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from footprint.errors import ParseError
from footprint.ingest import Source
from footprint.ingest._typedstream import attributed_text
from footprint.ingest.imessage_db import apple_time
from footprint.ingest.sniff import choose_parser
from footprint.model import AccountRef, ParsedAttachment, ParsedItem
from footprint.synth.phone_writers import PhoneMessage, apple_ns, attributed_body, write_imessage_db
from tests.conftest import parse

BEN = AccountRef("imessage", "+447700900123", "+447700900123")
CARA = AccountRef("imessage", "cara@example.org", "Cara@Example.org")
OWNER = AccountRef("imessage", "owner", "phone owner (not named in the export)")
AT = datetime(2024, 3, 14, 10, 15, tzinfo=UTC)


def _db(tmp_path: Path) -> Path:
    path = tmp_path / "chat.db"
    write_imessage_db(path, [PhoneMessage(AT, "+447700900123", True, "I know where you are")])
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO handle (ROWID, id, service) VALUES (2, 'Cara@Example.org', 'iMessage')")
    conn.execute(
        "INSERT INTO chat (ROWID, guid, style, chat_identifier, display_name) VALUES (9, 'G;chat9', 43, 'chat9', 'x')"
    )
    conn.executemany("INSERT INTO chat_handle_join VALUES (9, ?)", [(1,), (2,)])
    summary = plistlib.dumps({"rp": [0], "otr": {}}, fmt=plistlib.FMT_BINARY)
    rows = [
        (2, "G-2", "you'll regret it", 1, None, apple_ns(AT) + 1, 0, 0, None, 0, apple_ns(AT) + 9, None, 0),
        (3, "G-3", None, 2, b"\x04\x0bstreamtyped garbage", apple_ns(AT) + 2, 0, 0, None, 0, 0, None, 0),
        (4, "G-4", "Removed a like", 2, None, apple_ns(AT) + 3, 0, 0, "p:0/G-2", 3001, 0, None, 0),
        (5, "G-5", None, 0, None, apple_ns(AT) + 4, 1, 0, None, 0, 0, summary, 2),
        (6, "G-6", "who is this", 7, None, 0, 0, 0, None, 0, 0, None, 0),
    ]
    conn.executemany(
        "INSERT INTO message (ROWID, guid, text, handle_id, attributedBody, date, is_from_me,"
        " cache_has_attachments, associated_message_guid, associated_message_type, date_retracted,"
        " message_summary_info, item_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany("INSERT INTO chat_message_join VALUES (9, ?, 0)", [(2,), (3,), (4,), (5,), (6,)])
    conn.commit()
    conn.close()
    return path


def test_counts_warnings_and_read_only(tmp_path: Path) -> None:
    path = _db(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with Source(path) as source:
        assert choose_parser(source).name == "imessage_db"
    result = parse("imessage_db", path)
    assert [i.locator for i in result.items] == [f"message ROWID {n}" for n in range(1, 7)]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("message ROWID 3", "message text is only in attributedBody and could not be read; kept empty"),
        ("message ROWID 6", "handle_id 7 names no handle; sender unknown"),
        ("message ROWID 6", "no date; message kept without a time"),
    ]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.db"]


def test_attributed_body_only_message_is_complete(tmp_path: Path) -> None:
    item = parse("imessage_db", _db(tmp_path)).items[0]
    assert item.raw.startswith('{"ROWID": 1, "associated_message_guid": null')
    assert item._replace(raw="") == ParsedItem(
        locator="message ROWID 1",
        kind="message",
        raw="",
        text="I know where you are",
        sent_at_raw=str(apple_ns(AT)),
        sent_at_utc="2024-03-14T10:15:00Z",
        tz_source="platform",
        tz_name="UTC",
        author=BEN,
        recipients=(OWNER,),
        conversation="imessage:+447700900123",
        details={"guid": "SYN-1", "service": "iMessage", "text_from": "attributedBody"},
    )


def test_group_unsend_tapback_and_system(tmp_path: Path) -> None:
    items = parse("imessage_db", _db(tmp_path), owner="Ann Example").items
    ann = AccountRef("imessage", "owner:Ann Example", "Ann Example")
    unsent = items[1]
    assert (unsent.author, unsent.recipients, unsent.deleted) == (BEN, (ann, CARA), True)
    assert unsent.details is not None
    assert unsent.details["unsent_at_utc"] == "2024-03-14T10:15:00Z"
    assert unsent.details["reactions"] == (
        '[{"action":"removed","by":"imessage:cara@example.org","reaction":"like","row":"4"}]'
    )
    # a removed tapback is kept, as a reaction answering the message it was on (not silently dropped)
    removed = items[3]
    assert (removed.kind, removed.text, removed.author, removed.sent_at_raw) == (
        "reaction",
        "like (removed)",
        CARA,
        str(apple_ns(AT) + 3),
    )
    assert (removed.sent_at_utc, removed.conversation) == ("2024-03-14T10:15:00Z", "imessage:chat9")
    assert removed.details == {
        "guid": "G-4",
        "reaction": "like",
        "reaction_action": "removed",
        "reaction_to_id": "G-2",
        "reaction_to": "message ROWID 2",
    }
    system = items[4]
    assert (system.kind, system.system, system.author, system.deleted) == ("system", True, ann, True)
    assert system.recipients == (BEN, CARA)


def test_shared_chat_db(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "imessage" / "synthetic" / "chat.db"
    with Source(path) as source:
        assert choose_parser(source).name == "imessage_db"
    result = parse("imessage_db", path)
    assert len(result.items) == 6
    # the sample's message 3 was edited to "Edited message" but keeps other text, and its edits are dated
    # four months before it was sent: both are said, not only kept in details
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "message ROWID 3",
            "edit history's last version of part 0 'Edited message' is not the stored text"
            " 'sent by device owner'; both are kept: compare them with the message on the device",
        ),
        (
            "message ROWID 3",
            "4 of 4 edits dated before the message was sent (2023-03-14T09:17:00Z, date 700478220000000000),"
            " the earliest 2022-11-19T01:17:54.272Z (d 690513474.2725511); the device clock or the database"
            " may have been changed: both times are kept",
        ),
    ]
    by_guid = {i.details["guid"]: i for i in result.items if i.details}
    assert by_guid["G-2"].text == "Noter test"
    assert by_guid["G-3"].author == OWNER and by_guid["G-3"].edited is True
    assert by_guid["G-3"].details is not None
    assert '"text":"Edited message"' in by_guid["G-3"].details["edit_history"]
    assert by_guid["G-4"].attachments == (ParsedAttachment("IMG_0001.HEIC", None, "image/heic"),)
    assert by_guid["G-5"].details is not None and by_guid["G-5"].details["reaction"] == "dislike"
    assert (by_guid["G-5"].kind, by_guid["G-5"].text) == ("reaction", "dislike")
    assert (by_guid["G-6"].sent_at_raw, by_guid["G-6"].sent_at_utc) == ("700478400", "2023-03-14T09:20:00Z")


EXPECTED_BLOBS = {
    "AttributedBodyTextOnly": "Noter test",
    "AttributedBodyTextOnly2": "Test 3",
    "Blank": "",
    "ExtraData": "This is parsing  ",
    "MultiPart": "\ufffctest 1\ufffctest 2 \ufffctest 3",
    "URL": "https://github.com/ReagentX/Logria",
    "WeirdText": "\U0001d58d\U0001d58a\U0001d591\U0001d591\U0001d594 \U0001d59c\U0001d594\U0001d597\U0001d591\U0001d589",
}


@pytest.mark.parametrize("name", sorted(EXPECTED_BLOBS))
def test_typedstream_blobs(shared_data: Path, name: str) -> None:
    blob = (
        shared_data / "export-samples" / "imessage" / "imessage-exporter" / "streamtyped" / name
    ).read_bytes()
    assert attributed_text(blob) == EXPECTED_BLOBS[name]


def test_typedstream_round_trip_and_refusals() -> None:
    long_text = "x" * 300 + " \u00e9\U0001f600"
    assert attributed_text(attributed_body(long_text)) == long_text
    assert attributed_text(b"not a typedstream") is None
    assert attributed_text(attributed_body("cut short")[:60]) is None
    assert attributed_text(None) is None


def test_apple_time_epochs() -> None:
    assert apple_time(0) is None and apple_time(None) is None
    assert apple_time(700478400) == "2023-03-14T09:20:00Z"
    assert apple_time(700478400_000_000_000) == "2023-03-14T09:20:00Z"


def test_not_an_imessage_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ParseError) as err:
        parse("imessage_db", path)
    assert str(err.value) == (
        "other.db: not a readable iMessage database (message table lacks ROWID, date, guid, handle_id,"
        " is_from_me); copy chat.db / sms.db again (with its -wal file merged, e.g. from a backup)"
    )


EDIT_PLISTS = {
    "Deleted.plist": ((False, True), {"unsent_parts": '["0"]'}),
    "Edited.plist": ((True, False), {"versions": 4, "last": "Edited message"}),
    "EditedToLink.plist": (
        (True, False),
        {"versions": 2, "last": "https://github.com/ReagentX/imessage-exporter/issues/10"},
    ),
    "EditedToLinkAndBack.plist": (
        (True, False),
        {"versions": 3, "last": "And edit it back to a normal message..."},
    ),
}


@pytest.mark.parametrize("name", sorted(EDIT_PLISTS))
def test_shared_edit_plists(shared_data: Path, name: str) -> None:
    import json

    from footprint.ingest import ParseContext
    from footprint.ingest.imessage_db import IMessageDbParser

    blob = (
        shared_data / "export-samples" / "imessage" / "imessage-exporter" / "edited_message" / name
    ).read_bytes()
    ctx = ParseContext(zone="Europe/London", tz_source="assumed")
    details: dict[str, str] = {}
    row = {"date_edited": 0, "date_retracted": 0, "message_summary_info": blob}
    flags, expected = EDIT_PLISTS[name]
    last = expected.get("last", "")
    assert IMessageDbParser._edits(row, str(last), details, "message ROWID 1", "", ctx) == flags
    assert ctx.warnings == []
    if "unsent_parts" in expected:
        assert details == expected
    else:
        history = json.loads(details["edit_history"])
        assert (len(history), history[-1]["text"]) == (expected["versions"], expected["last"])


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("message", "associated_message_type", "love"),
        ("message", "associated_message_type", b"\xff\xfe"),
        ("message", "attributedBody", "plain text, not a blob"),
        ("message", "attributedBody", 7),
        ("message", "date", 1e22),
        ("handle", "id", b"\xff+447700900123"),
        ("message", "text", b"\xffhello"),
        ("message", "text", 42),
    ],
)
def test_values_of_the_wrong_type_are_kept_not_crashed_on(
    tmp_path: Path, table: str, column: str, value: object
) -> None:
    # SQLite stores any type in any column: a damaged or hand-edited chat.db must still be read
    # message by message, each odd value kept in the raw text (found by fuzzing).
    path = tmp_path / "chat.db"
    write_imessage_db(path, [PhoneMessage(AT, "+447700900123", False, "")])
    conn = sqlite3.connect(path)
    conn.execute(f"UPDATE {table} SET {column} = ?", (value,))
    conn.commit()
    conn.close()
    result = parse("imessage_db", path)
    assert [i.locator for i in result.items] == ["message ROWID 1"]
    assert all(w.raw for w in result.warnings)
    assert isinstance(result.items[0].text, str)
    if column == "date":
        assert result.items[0].sent_at_utc is None
        assert [w.message for w in result.warnings] == [
            "date 1e+22 is not a readable Apple time; message kept without a time"
        ]


def test_edit_history_stamp_out_of_range_and_empty_handle(tmp_path: Path) -> None:
    path = tmp_path / "chat.db"
    write_imessage_db(path, [PhoneMessage(AT, "+447700900123", False, "hello")])
    summary = plistlib.dumps({"ec": {"0": [{"t": b"", "d": 1e30}]}}, fmt=plistlib.FMT_BINARY)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE message SET message_summary_info = ?", (summary,))
    conn.execute("INSERT INTO handle (ROWID, id, service) VALUES (5, X'', 'iMessage')")
    conn.execute("INSERT INTO chat_handle_join VALUES (1, 5)")
    conn.commit()
    conn.close()
    result = parse("imessage_db", path)
    assert [i.locator for i in result.items] == ["message ROWID 1"]
    assert result.items[0].edited


def test_a_message_of_his_that_failed_to_send_is_marked_not_sent(tmp_path: Path) -> None:
    # chat.db keeps a send that failed ("Not Delivered") as his row with a non-zero `error`; a received
    # message's error code says nothing about his sending
    path = tmp_path / "chat.db"
    write_imessage_db(
        path,
        [
            PhoneMessage(AT, "+447700900123", False, "answer me now"),
            PhoneMessage(AT, "+447700900123", False, "delivered"),
            PhoneMessage(AT, "+447700900123", True, "received"),
        ],
    )
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE message ADD COLUMN error INTEGER DEFAULT 0")
    conn.execute("UPDATE message SET error = 22 WHERE ROWID IN (1, 3)")
    conn.commit()
    conn.close()
    items = parse("imessage_db", path).items
    assert [
        (i.text, i.author, (i.details or {}).get("not_sent"), (i.details or {}).get("error")) for i in items
    ] == [
        ("answer me now", OWNER, "failed", "22"),
        ("delivered", OWNER, None, None),
        ("received", BEN, None, "22"),
    ]
    assert '"error": 22' in items[0].raw


def test_an_emoji_tapback_is_a_reaction_answering_its_message(tmp_path: Path) -> None:
    path = tmp_path / "chat.db"
    write_imessage_db(path, [PhoneMessage(AT, "+447700900123", False, "stop contacting me")])
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE message ADD COLUMN associated_message_emoji TEXT")  # iOS 17 on
    conn.execute(
        "INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me, associated_message_guid,"
        " associated_message_type, associated_message_emoji) VALUES"
        " (2, 'T-2', 'Reacted 😂 to “stop contacting me”', 1, ?, 0, 'p:0/' || (SELECT guid FROM message"
        " WHERE ROWID = 1), 2006, '😂')",
        (apple_ns(AT) + 60 * 10**9,),
    )
    conn.execute("INSERT INTO chat_message_join VALUES (1, 2, 0)")
    conn.commit()
    conn.close()
    message, tapback = parse("imessage_db", path).items
    assert (tapback.kind, tapback.text, tapback.author, tapback.sent_at_utc) == (
        "reaction",
        "😂",
        BEN,
        "2024-03-14T10:16:00Z",
    )
    assert message.details is not None and tapback.details == {
        "guid": "T-2",
        "reaction": "emoji",
        "reaction_action": "added",
        "reaction_to_id": message.details["guid"],
        "reaction_emoji": "😂",
        "reaction_to": "message ROWID 1",
    }


def _edited_db(tmp_path: Path, stored: str, versions: list[tuple[str, datetime]]) -> Path:
    path = tmp_path / "chat.db"
    write_imessage_db(path, [PhoneMessage(AT, "+447700900123", False, stored)])
    history = [
        {"t": attributed_body(t), "d": (at - datetime(2001, 1, 1, tzinfo=UTC)).total_seconds()}
        for t, at in versions
    ]
    summary = plistlib.dumps({"ec": {"0": history}}, fmt=plistlib.FMT_BINARY)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE message SET message_summary_info = ?, date_edited = ?", (summary, apple_ns(AT) + 60))
    conn.commit()
    conn.close()
    return path


def test_an_edit_history_that_disagrees_with_its_message_is_warned_of(tmp_path: Path) -> None:
    before = datetime(2024, 3, 13, 8, 0, tzinfo=UTC)  # the day before the message was sent
    path = _edited_db(tmp_path, "see you at 8", [("see you at 7", before), ("see you at 9", AT)])
    result = parse("imessage_db", path)
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "message ROWID 1",
            "edit history's last version of part 0 'see you at 9' is not the stored text 'see you at 8';"
            " both are kept: compare them with the message on the device",
        ),
        (
            "message ROWID 1",
            f"1 of 2 edits dated before the message was sent (2024-03-14T10:15:00Z, date {apple_ns(AT)}),"
            " the earliest 2024-03-13T08:00:00Z (d 732009600.0); the device clock or the database may have"
            " been changed: both times are kept",
        ),
    ]
    assert all(w.raw == result.items[0].raw for w in result.warnings)


def test_an_edit_history_that_agrees_with_its_message_is_not_warned_of(tmp_path: Path) -> None:
    later = datetime(2024, 3, 14, 10, 16, tzinfo=UTC)
    path = _edited_db(tmp_path, "see you at 9", [("see you at 7", AT), ("see you at 9", later)])
    result = parse("imessage_db", path)
    assert result.warnings == []
    assert result.items[0].details is not None
    assert result.items[0].details["edit_history"] == (
        '[{"at":"2024-03-14T10:15:00Z","part":"0","text":"see you at 7"},'
        '{"at":"2024-03-14T10:16:00Z","part":"0","text":"see you at 9"}]'
    )


def _nested_plist(depth: int) -> bytes:
    """A binary plist of ``depth`` arrays each holding the next: plistlib reads it by recursing."""
    body, offsets = b"bplist00", []
    for number in range(depth):
        offsets.append(len(body))
        body += b"\xa1" + (number + 1).to_bytes(2, "big") if number < depth - 1 else b"\xa0"
    table = len(body)
    body += b"".join(o.to_bytes(4, "big") for o in offsets)
    return body + b"\0" * 6 + bytes([4, 2]) + depth.to_bytes(8, "big") + bytes(8) + table.to_bytes(8, "big")


@pytest.mark.parametrize(
    ("summary", "warning"),
    [
        (_nested_plist(5_000), "message_summary_info is nested too deeply to read; edits not read"),
        (
            plistlib.dumps({"ec": [1, 2]}, fmt=plistlib.FMT_BINARY),
            "message_summary_info 'ec' is list, not a dictionary; edits and unsent parts not read",
        ),
        (
            plistlib.dumps({"ec": "0"}, fmt=plistlib.FMT_BINARY),
            "message_summary_info 'ec' is str, not a dictionary; edits and unsent parts not read",
        ),
        (
            plistlib.dumps({"rp": 5}, fmt=plistlib.FMT_BINARY),
            "message_summary_info 'rp' is int, not a list; edits and unsent parts not read",
        ),
    ],
    ids=["nested", "ec_list", "ec_str", "rp_int"],
)
def test_a_hostile_summary_is_a_warning_not_the_whole_database_refused(
    tmp_path: Path, summary: bytes, warning: str
) -> None:
    # One message's message_summary_info (a plist the file carries) nested thousands deep, or with the edit
    # history or unsent parts of the wrong type, refused the whole chat.db ("please report this"): every
    # other message was lost to the case (security review, session 19).
    path = tmp_path / "chat.db"
    messages = [
        PhoneMessage(AT, "+447700900123", False, "hello"),
        PhoneMessage(AT, "+447700900123", True, "hi"),
    ]
    write_imessage_db(path, messages)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE message SET message_summary_info = ? WHERE ROWID = 1", (summary,))
    conn.commit()
    conn.close()
    result = parse("imessage_db", path)
    assert [(i.locator, i.text, i.edited, i.deleted) for i in result.items] == [
        ("message ROWID 1", "hello", False, False),
        ("message ROWID 2", "hi", False, False),
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [("message ROWID 1", warning)]
