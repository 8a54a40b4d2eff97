"""Reactions are items of their own (kind ``reaction``): the reacting account is the author, the emoji
the text, ``details.reaction_to`` the item reacted to; a time only where the export records one (X,
Instagram), else none and one warning listing them (Messenger, Discord). Before, a reaction was only a
string in the message's ``details.reactions``: a ❤️ from a blocked account was no one's act."""

from __future__ import annotations

import json
from pathlib import Path

from footprint.model import AccountRef
from tests.conftest import parse


def _user(ident: str, name: str) -> dict[str, object]:
    return {"id": ident, "name": name, "discriminator": "0000", "nickname": name, "isBot": False}


def _untimed(count: int, why: str, locators: str) -> str:
    return (
        f"{count} reaction(s) have no time ({why}): each is kept without a time, after the message it reacts"
        " to (details.reaction_to), and is not counted where contact is dated (contact after her request,"
        f" a breach of an order, a course of conduct): {locators}"
    )


DCE_WHY = "DiscordChatExporter records who reacted, not when"
ALEX = AccountRef("discord", "1111", "alex")
VICTIM = AccountRef("discord", "2222", "victim")


def test_a_discord_reaction_is_the_reacting_accounts_item_without_a_time(tmp_path: Path) -> None:
    laugh = {"emoji": {"id": "", "name": "😂", "code": "joy"}, "count": 3, "users": [_user("1111", "alex")]}
    messages = [
        {"id": "7", "type": "Default", "timestamp": "2023-03-14T09:15:00+00:00", "author": _user("2222", "victim"),
         "content": "I am scared to go home", "mentions": [], "reactions": [laugh]},
    ]  # fmt: skip
    path = tmp_path / "channel.json"
    path.write_text(
        json.dumps(
            {
                "guild": {"id": "1", "name": "G"},
                "channel": {"id": "2", "type": "GuildTextChat"},
                "messages": messages,
            }
        )
    )
    result = parse("discord_json", path)
    message, reaction = result.items
    assert message.details is not None and message.details["reactions"] == "😂 x3 (discord:1111)"
    assert (reaction.locator, reaction.kind, reaction.text, reaction.author) == (
        "messages[0].reactions[0].users[0]",
        "reaction",
        "😂",
        ALEX,
    )
    # in a server channel it is addressed to the author of the message reacted to
    assert reaction.recipients == (VICTIM,)
    assert (reaction.sent_at_raw, reaction.sent_at_utc, reaction.tz_source) == (None, None, "none")
    assert reaction.conversation == "discord:2"
    assert reaction.details == {
        "reaction_to": "messages[0]",
        "reaction_to_id": "7",
        "reacted_after_utc": "2023-03-14T09:15:00Z",
    }
    assert reaction.raw == json.dumps(laugh, ensure_ascii=False, separators=(", ", ": "))
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "messages[0].reactions[0]",
            "😂 x3: 2 of the accounts that reacted are not listed by the export; kept only in the message's"
            " details.reactions",
        ),
        ("messages[0].reactions[0].users[0]", _untimed(1, DCE_WHY, "messages[0].reactions[0].users[0]")),
    ]


def test_meta_reactions_have_no_time_but_instagrams_carry_theirs(tmp_path: Path) -> None:
    thread = {
        "participants": [{"name": "Ben Example"}, {"name": "Zo\u00c3\u00ab Example"}],
        "messages": [
            {"sender_name": "Zo\u00c3\u00ab Example", "timestamp_ms": 1700000000000, "content": "I feel unsafe",
             "reactions": [{"reaction": "\u00f0\u009f\u0098\u0082", "actor": "Ben Example"}]},
        ],
    }  # fmt: skip
    path = tmp_path / "message_1.json"
    path.write_text(json.dumps(thread))
    result = parse("messenger_json", path)
    message, reaction = result.items
    ben = AccountRef("facebook", "Ben Example", "Ben Example")
    assert (reaction.kind, reaction.text, reaction.author, reaction.sent_at_utc) == (
        "reaction",
        "😂",
        ben,
        None,
    )
    assert reaction.recipients == ()  # the thread's members receive it, as they do a message
    assert reaction.conversation == message.conversation
    assert reaction.details == {"reaction_to": "messages[0]", "reacted_after_utc": "2023-11-14T22:13:20Z"}
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "messages[0].reactions[0]",
            _untimed(
                1, "Messenger's exports record none, Instagram's not always", "messages[0].reactions[0]"
            ),
        )
    ]
    thread["messages"][0]["reactions"][0]["timestamp"] = 1700000060  # type: ignore[index]
    path.write_text(json.dumps(thread))
    result = parse("instagram_json", path)
    reaction = result.items[1]
    assert (reaction.sent_at_raw, reaction.sent_at_utc, reaction.tz_source) == (
        "1700000060",
        "2023-11-14T22:14:20Z",
        "platform",
    )
    assert reaction.details == {"reaction_to": "messages[0]"}
    assert result.warnings == []


def test_an_x_dm_reaction_is_an_item_at_its_own_time(tmp_path: Path) -> None:
    conversation = {
        "dmConversation": {
            "conversationId": "111-222",
            "messages": [
                {"messageCreate": {
                    "id": "9001", "senderId": "222", "recipientId": "111", "text": "please leave me alone",
                    "createdAt": "2023-03-14T09:15:00.000Z", "mediaUrls": [], "urls": [],
                    "reactions": [
                        {"senderId": "111", "reactionKey": "funny", "eventId": "1", "createdAt": "2023-03-14T09:20:00.000Z"},
                        {"senderId": "111", "reactionKey": "like", "eventId": "2"},
                    ],
                }},
            ],
        }
    }  # fmt: skip
    path = tmp_path / "direct-messages.js"
    path.write_text("window.YTD.direct_messages.part0 = " + json.dumps([conversation]))
    result = parse("twitter_archive", path)
    message, funny, like = result.items
    assert (funny.locator, funny.kind, funny.text, funny.author) == (
        "direct-messages.js[0].messages[0].reactions[0]",
        "reaction",
        "funny",
        AccountRef("x", "111", "111"),
    )
    assert (funny.sent_at_raw, funny.sent_at_utc, funny.tz_source) == (
        "2023-03-14T09:20:00.000Z",
        "2023-03-14T09:20:00Z",
        "platform",
    )
    assert funny.details == {"reaction_to": "direct-messages.js[0].messages[0]", "reaction_to_id": "9001"}
    assert funny.conversation == message.conversation == "x:dm:111-222"
    assert like.sent_at_utc is None
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            like.locator,
            _untimed(1, "the archive gives them no createdAt", like.locator),
        )
    ]


def _telegram_chat(reactions: list[dict[str, object]]) -> dict[str, object]:
    message = {
        "id": 41, "type": "message", "date": "2024-03-14T09:15:00", "date_unixtime": "1710407700",
        "from": "Ann Example", "from_id": "user222", "text": "please stop messaging me",
        "text_entities": [], "reactions": reactions,
    }  # fmt: skip
    return {"name": "Ben Example", "type": "personal_chat", "id": 111, "messages": [message]}


def test_a_telegram_reaction_named_in_recent_is_an_item_at_its_own_date(tmp_path: Path) -> None:
    laugh = {
        "type": "emoji",
        "count": 2,
        "emoji": "😂",
        "recent": [{"from": "Ben Example", "from_id": "user111", "date": "2024-03-14T09:20:00"}],
    }
    custom = {
        "type": "custom_emoji",
        "count": 1,
        "document_id": "5368324170671202286",
        "recent": [{"from": "Ben Example", "from_id": "user111"}],
    }
    paid = {"type": "paid", "count": 5}
    # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps(_telegram_chat([laugh, custom, paid]), ensure_ascii=False))
    result = parse("telegram_json", path, zone="Europe/London", tz_source="examiner")
    message, laughed, customised = result.items
    assert message.details is not None
    # the count without named reactors stays a count: no account is invented for it
    assert message.details["reactions"] == (
        "😂 x2 (1 named); custom emoji 5368324170671202286 x1 (1 named); paid x5 (0 named)"
    )
    ben = AccountRef("telegram", "user111", "Ben Example")
    assert (laughed.locator, laughed.kind, laughed.text, laughed.author, laughed.conversation) == (
        "messages[0].reactions[0].recent[0]",
        "reaction",
        "😂",
        ben,
        "telegram:111",
    )
    # its date is the exporter's local time (GMT in March), not the message's
    assert (laughed.sent_at_raw, laughed.sent_at_utc, laughed.tz_source, laughed.tz_name) == (
        "2024-03-14T09:20:00",
        "2024-03-14T09:20:00Z",
        "examiner",
        "Europe/London",
    )
    assert laughed.details == {"reaction_to": "messages[0]", "reaction_to_id": "41"}
    assert laughed.raw == json.dumps(laugh, ensure_ascii=False, separators=(", ", ": "))
    # no date: no time (never the message's), after the message
    assert (customised.text, customised.author, customised.sent_at_utc, customised.tz_source) == (
        "custom emoji 5368324170671202286",
        ben,
        None,
        "none",
    )
    assert customised.details == {
        "reaction_to": "messages[0]",
        "reaction_to_id": "41",
        "reacted_after_utc": "2024-03-14T09:15:00Z",
    }
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "messages[0].reactions[1].recent[0]",
            _untimed(1, "the export gives it no date", "messages[0].reactions[1].recent[0]"),
        )
    ]
    assert result.ctx.decisions["zone"] == (
        "Europe/London (examiner; a reaction's 'date' has no offset and no unixtime)"
    )


def test_an_x_reaction_create_event_is_a_reaction_answering_its_message(tmp_path: Path) -> None:
    reacted = {
        "reactionCreate": {
            "senderId": "111",
            "reactionKey": "funny",
            "eventId": "77",
            "messageId": "9001",
            "createdAt": "2023-03-14T09:20:00.000Z",
        }
    }
    repeated = {
        "reactionCreate": {
            "senderId": "111",
            "reactionKey": "like",
            "eventId": "78",
            "messageId": "9001",
            "createdAt": "2023-03-14T09:21:00.000Z",
        }
    }
    lost = {
        "reactionCreate": {
            "senderId": "111",
            "reactionKey": "angry",
            "eventId": "79",
            "messageId": "8000",
            "createdAt": "2023-03-14T09:22:00.000Z",
        }
    }
    message = {
        "messageCreate": {
            "id": "9001",
            "senderId": "222",
            "recipientId": "111",
            "text": "please leave me alone",
            "createdAt": "2023-03-14T09:15:00.000Z",
            "mediaUrls": [],
            "urls": [],
            "reactions": [
                {
                    "senderId": "111",
                    "reactionKey": "like",
                    "eventId": "78",
                    "createdAt": "2023-03-14T09:21:00.000Z",
                }
            ],
        }
    }
    # newest first, as the archive lists them: the reactions come before the message they answer
    conversation = {
        "dmConversation": {"conversationId": "111-222", "messages": [lost, repeated, reacted, message]}
    }
    # fmt: skip
    path = tmp_path / "direct-messages.js"
    path.write_text("window.YTD.direct_messages.part0 = " + json.dumps([conversation]))
    result = parse("twitter_archive", path)
    ben = AccountRef("x", "111", "111")
    assert [(i.locator, i.kind, i.text, i.author, i.sent_at_utc) for i in result.items] == [
        ("direct-messages.js[0].messages[3]", "message", "please leave me alone", AccountRef("x", "222", "222"),
         "2023-03-14T09:15:00Z"),
        ("direct-messages.js[0].messages[3].reactions[0]", "reaction", "like", ben, "2023-03-14T09:21:00Z"),
        # the event the message also lists (eventId 78) is read once
        ("direct-messages.js[0].messages[2]", "reaction", "funny", ben, "2023-03-14T09:20:00Z"),
        # its message is not held: kept without a time (v8), the time it gave kept in its details
        ("direct-messages.js[0].messages[0]", "reaction", "angry", ben, None),
    ]  # fmt: skip
    funny, lost_item = result.items[2], result.items[3]
    assert funny.details == {"reaction_to": "direct-messages.js[0].messages[3]", "reaction_to_id": "9001"}
    assert (funny.conversation, funny.tz_source, funny.system) == ("x:dm:111-222", "platform", False)
    assert funny.raw == json.dumps(
        reacted, ensure_ascii=False, separators=(", ", ": ")
    )  # the event as written
    assert lost_item.details == {
        "reaction_to_id": "8000",
        "reaction_doubt": "the message it reacts to is not in the conversation",
        "reaction_time_given_utc": "2023-03-14T09:22:00Z",
    }
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "direct-messages.js[0].messages[0]",
            "reactionCreate names message '8000', which this conversation does not hold; kept as a reaction"
            " answering no message, kept without a time and not counted as dated contact",
        )
    ]


def test_a_telegram_groups_reaction_goes_to_those_in_the_group_when_its_message_was_sent(
    tmp_path: Path,
) -> None:
    def message(ident: int, at: str, unix: str, **rest: object) -> dict[str, object]:
        return {"id": ident, "date": at, "date_unixtime": unix, **rest}

    laugh = {
        "type": "emoji",
        "count": 1,
        "emoji": "😂",
        "recent": [{"from": "Ben", "from_id": "user1", "date": "2024-03-14T09:20:00"}],
    }
    messages = [
        message(1, "2024-03-14T09:00:00", "1710406800", type="message", **{"from": "Cara"}, from_id="user3", text="hi"),
        message(2, "2024-03-14T09:15:00", "1710407700", type="message", **{"from": "Ann"}, from_id="user2",
                text="stop", reactions=[laugh]),
        message(3, "2024-03-14T09:30:00", "1710408600", type="service", actor="Ann", actor_id="user2",
                action="remove_members", members=["Cara"]),
    ]  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "G", "type": "private_group", "id": 9, "messages": messages}))
    reaction = parse("telegram_json", path).items[2]
    assert (reaction.locator, reaction.author, reaction.sent_at_utc) == (
        "messages[1].reactions[0].recent[0]",
        AccountRef("telegram", "user1", "Ben"),
        "2024-03-14T09:20:00Z",
    )
    # Cara, removed after the message, was in the group when it was sent
    assert reaction.recipients == (AccountRef("telegram", "user3", "Cara"),)
