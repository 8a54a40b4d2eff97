"""DiscordChatExporter JSON parser: offsets normalised, system messages, exact warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footprint.ingest import discord_json
from footprint.model import AccountRef, ParsedAttachment
from tests.conftest import DATA, parse

CHANNEL = DATA / "discord_json" / "channel.json"


def test_counts_warnings_and_records() -> None:
    result = parse("discord_json", CHANNEL, tz_source="examiner")
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("messages[1]", "message is not a JSON object; skipped"),
        ("messages[3]", "message has no timestamp; kept without a time"),
    ]
    assert result.ctx.decisions == {
        "channel": "Example Guild / #ben.example (6000)",
        "zone": "Europe/London (examiner; timestamps without an offset)",
        "recipients": "every other member of the direct message (its authors)",
    }
    pinned, call, untimed = result.items
    assert pinned.author == AccountRef("discord", "1111", "ben.example#0420")
    assert (pinned.sent_at_raw, pinned.sent_at_utc, pinned.tz_source) == (
        "2024-06-01T10:00:00+01:00",
        "2024-06-01T09:00:00Z",
        "platform",
    )
    assert pinned.attachments == (ParsedAttachment("a.png", None, "image/png"),)
    assert pinned.details == {
        "id": "7001",
        "type": "Default",
        "nickname": "Ben",
        "pinned": "true",
        "attachment_urls": "channel.json_Files/a-1A2B.png",
    }
    assert (call.kind, call.sent_at_utc, call.tz_source, call.tz_name) == (
        "call",
        "2024-06-01T10:00:00Z",
        "examiner",
        "Europe/London",
    )
    assert call.author == AccountRef("discord", "1111", "ben.example")
    assert untimed.sent_at_utc is None


def test_shared_fixture(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "discord" / "synthetic" / "dce_export.json"
    result = parse("discord_json", path)
    assert [w.locator for w in result.warnings] == ["messages[0].reactions[0].users[0]"]  # untimed (v6)
    assert [(i.kind, i.sent_at_utc, i.edited) for i in result.items] == [
        ("message", "2023-03-14T09:15:00.123Z", True),
        ("reaction", None, False),
        ("message", "2023-03-14T09:15:00Z", False),
        ("system", "2023-03-14T09:20:00Z", False),
    ]
    first = result.items[0]
    assert first.details is not None
    assert first.details["reactions"] == "😡 x1 (discord:3333)"
    assert first.details["mentions"] == "discord:2222"
    assert (result.items[1].text, result.items[1].author) == (
        "😡",
        AccountRef("discord", "3333", "bystander"),
    )
    assert result.items[1].details == {
        "reaction_to": "messages[0]",
        "reaction_to_id": "1085100000000000001",
        "reacted_after_utc": "2023-03-14T09:15:00.123Z",
    }
    assert result.items[2].details == {
        "id": "1085100000000000002",
        "type": "Reply",
        "nickname": "Victim",
        "reply_to": "1085100000000000001",
    }
    assert result.items[3].author == AccountRef("discord", "5555", "newuser#4821")


def test_a_forwarded_message_keeps_its_text_and_attachments(tmp_path: Path) -> None:
    # DCE writes a forward as an empty "content" beside "forwardedMessage"; its text and files were
    # only in the raw record, so the item had no text
    message = {
        "id": "9", "type": "Default", "timestamp": "2024-06-01T10:00:00+01:00", "content": "",
        "author": {"id": "1111", "name": "ben.example", "discriminator": "0000"},
        "attachments": [], "reference": {"type": "Forward", "messageId": "8", "channelId": "1", "guildId": "2"},
        "forwardedMessage": {
            "timestamp": "2024-05-31T22:00:00+01:00", "timestampEdited": None,
            "content": "I know where she lives", "contentRaw": "I know where she lives",
            "attachments": [{"id": "3", "url": "https://cdn.discordapp.com/attachments/1/3/map.png",
                             "fileName": "map.png", "fileSizeBytes": 10}],
            "embeds": [],
        },
    }  # fmt: skip
    path = tmp_path / "channel.json"
    path.write_text(
        json.dumps(
            {"guild": {"id": "2", "name": "G"}, "channel": {"id": "1", "name": "c"}, "messages": [message]}
        )
    )
    (item,) = parse("discord_json", path).items
    assert (item.text, item.attachments) == (
        "I know where she lives",
        (ParsedAttachment("map.png", None, "image/png"),),
    )
    assert item.details == {
        "id": "9",
        "type": "Default",
        "forward_of": "8",
        "forwarded_sent_at": "2024-05-31T22:00:00+01:00",
        "forward_at": "0",
        "attachment_urls": "https://cdn.discordapp.com/attachments/1/3/map.png",
    }
    # with a comment of the forwarder's, the forwarded words start after it
    message["content"] = "read this"
    path.write_text(
        json.dumps(
            {"guild": {"id": "2", "name": "G"}, "channel": {"id": "1", "name": "c"}, "messages": [message]}
        )
    )
    (item,) = parse("discord_json", path).items
    assert (item.text, item.details["forward_at"]) == ("read this\nI know where she lives", "10")


def test_edit_and_call_end_times_get_a_utc_time(shared_data: Path) -> None:
    # they carry the exporter's offset like "timestamp" but were kept only as written
    path = shared_data / "export-samples" / "discord" / "synthetic" / "dce_export.json"
    first = parse("discord_json", path).items[0]
    assert first.details is not None
    assert (first.details["edited"], first.details["edited_utc"]) == (
        "2023-03-14T09:16:00.456+00:00",
        "2023-03-14T09:16:00.456Z",
    )


def _user(ident: str, name: str) -> dict[str, object]:
    return {"id": ident, "name": name, "discriminator": "0000", "nickname": name, "isBot": False}


def test_a_server_channels_recipients_are_whom_a_message_mentions(tmp_path: Path) -> None:
    # recipients were every author in the channel: a message at 09:15 went "to" a user who only
    # joined the server at 09:20, and to everyone who ever spoke there whether addressed or not
    messages = [
        {"id": "1", "type": "Default", "timestamp": "2023-03-14T09:15:00+00:00", "author": _user("1111", "alex"),
         "content": "you again <@2222> <@1111>", "mentions": [_user("2222", "victim"), _user("1111", "alex")]},
        {"id": "2", "type": "Reply", "timestamp": "2023-03-14T09:16:00+00:00", "author": _user("2222", "victim"),
         "content": "stop", "mentions": []},
        {"id": "3", "type": "GuildMemberJoin", "timestamp": "2023-03-14T09:20:00+00:00",
         "author": _user("5555", "newuser"), "content": "Joined the server.", "mentions": []},
    ]  # fmt: skip
    channel = {"id": "200", "type": "GuildTextChat", "name": "general"}
    path = tmp_path / "channel.json"
    path.write_text(
        json.dumps({"guild": {"id": "100", "name": "G"}, "channel": channel, "messages": messages})
    )
    result = parse("discord_json", path)
    assert [i.recipients for i in result.items] == [(AccountRef("discord", "2222", "victim"),), (), ()]
    assert result.ctx.participants == {}
    assert result.ctx.decisions["recipients"] == (
        "the accounts each message mentions: a server channel's export does not say who could read it"
    )
    assert result.warnings == []


def test_a_direct_messages_recipients_are_its_other_members() -> None:
    result = parse("discord_json", CHANNEL)
    assert {c: {a.key for a in m} for c, m in result.ctx.participants.items()} == {
        "discord:6000": {"discord:1111", "discord:2222"}
    }
    assert result.ctx.decisions["recipients"] == "every other member of the direct message (its authors)"


@pytest.mark.parametrize("chunk", [1 << 20, 12])  # 12 bytes: "Recipient… lies across two reads
def test_a_group_dms_recipients_follow_its_adds_and_removals(
    tmp_path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discord_json, "_CHUNK", chunk)
    # DiscordChatExporter's RecipientAdd / RecipientRemove messages were ignored: everyone who ever wrote
    # in a group DM received every message, so one sent after she left was "contact" with her
    alex, victim, dan = _user("1111", "alex"), _user("2222", "victim"), _user("4444", "dan")
    cry = {"emoji": {"id": "", "name": "😭"}, "count": 1, "users": [_user("3333", "cat")]}

    def message(n: int, kind: str, author: dict[str, object], text: str, mentions: list[object]) -> object:
        return {"id": str(n), "type": kind, "timestamp": f"2024-06-01T10:0{n}:00+00:00", "author": author,
                "content": text, "mentions": mentions}  # fmt: skip

    messages = [
        message(0, "Default", alex, "hi all", []),
        message(1, "RecipientAdd", alex, "Added dan to the group.", [dan]),
        message(2, "Default", victim, "please stop", []),
        message(3, "RecipientRemove", victim, "Left the group.", [victim]),
        {**message(4, "Default", alex, "she's gone", []), "reactions": [cry]},  # type: ignore[dict-item]
        message(5, "RecipientAdd", alex, "Added victim to the group.", [victim]),
        message(6, "Default", alex, "welcome back", []),
        message(7, "RecipientRemove", alex, "Removed a recipient.", []),
    ]
    channel = {"id": "900", "type": "DirectGroupTextChat", "name": "pile on"}
    path = tmp_path / "group.json"
    path.write_text(json.dumps({"guild": {"id": "0", "name": "Direct Messages"}, "channel": channel,
                                "messages": messages}))  # fmt: skip
    result = parse("discord_json", path)
    people = {"1111": "alex", "2222": "victim", "3333": "cat", "4444": "dan"}
    rows = [
        (i.locator, i.kind, people[i.author.native_id] if i.author else None,
         [people[r.native_id] for r in i.recipients])
        for i in result.items
    ]  # fmt: skip
    # alex and cat never came or went: members throughout (the conversation's); victim was in until she
    # left (her first move is leaving), dan from when alex added him
    assert rows == [
        ("messages[0]", "message", "alex", ["victim"]),
        ("messages[1]", "system", "alex", []),
        ("messages[2]", "message", "victim", ["dan"]),
        ("messages[3]", "system", "victim", []),
        ("messages[4]", "message", "alex", ["dan"]),
        ("messages[4].reactions[0].users[0]", "reaction", "cat", ["dan"]),
        ("messages[5]", "system", "alex", []),
        ("messages[6]", "message", "alex", ["victim", "dan"]),
        ("messages[7]", "system", "alex", []),
    ]
    assert {c: sorted(people[a.native_id] for a in m) for c, m in result.ctx.participants.items()} == {
        "discord:900": ["alex", "cat"]
    }
    assert result.ctx.decisions["group_membership"] == (
        "discord:900 (3 adds and removals): a message's recipients are the members when it was sent;"
        " those who wrote and were never added or removed are members throughout"
    )
    assert [(w.locator, w.message) for w in result.warnings][0] == (
        "messages[7]",
        "RecipientRemove names no account (no mentions); not applied to the group's members",
    )
