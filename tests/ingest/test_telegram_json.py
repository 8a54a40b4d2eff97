"""Telegram Desktop JSON parser: old exports read in the examiner's zone, entity text, media, services."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.errors import ParseError
from footprint.ingest.folder import pack_folder
from footprint.model import AccountRef, ParsedAttachment, ParsedItem
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from tests.conftest import DATA, parse

OLD = DATA / "telegram_json" / "old-export"
BEN = AccountRef("telegram", "user777000111", "Ben Example")


def test_old_export_counts_warnings_and_zone(tmp_path: Path) -> None:
    result = parse("telegram_json", pack_folder(OLD, tmp_path), zone="Europe/London", tz_source="examiner")
    assert [i.locator for i in result.items] == ["messages[0]", "messages[1]", "messages[2]", "messages[4]"]
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "messages[0]",
            "local time 2021-10-31 01:30 happened twice in Europe/London (clocks went back);"
            " the earlier one (+01:00) was used",
        ),
        ("messages[2]", "unreadable date 'not a date'; message kept without a time"),
        ("messages[3]", "message is not a JSON object; skipped"),
    ]
    assert result.warnings[2].raw == "42"
    assert result.ctx.decisions == {
        "zone": "Europe/London (examiner; 'date' has no offset and no date_unixtime)",
        "account_owner": "telegram:user777000222 Ann Example (the exporter: the author in a personal"
        " chat who is not its other party)",
    }
    assert result.ctx.participants == {
        "telegram:777000111": {BEN, AccountRef("telegram", "user777000222", "Ann Example")}
    }


def test_entity_text_and_media_record_is_complete(tmp_path: Path) -> None:
    item = parse("telegram_json", pack_folder(OLD, tmp_path), tz_source="examiner").items[1]
    assert item == ParsedItem(
        locator="messages[1]",
        kind="message",
        raw=item.raw,
        text="look here",
        sent_at_raw="2021-11-01T09:00:00",
        sent_at_utc="2021-11-01T09:00:00Z",
        tz_source="examiner",
        tz_name="Europe/London",
        author=BEN,
        conversation="telegram:777000111",
        attachments=(
            ParsedAttachment(
                "photos/photo_1@01-11-2021_09-00-00.jpg",
                "photos/photo_1@01-11-2021_09-00-00.jpg",
                "image/jpeg",
            ),
        ),
        details={"chat": "Ben Example", "id": "11", "links": "https://example.org/ann"},
    )


def test_service_call(tmp_path: Path) -> None:
    call = parse("telegram_json", pack_folder(OLD, tmp_path)).items[3]
    assert (call.kind, call.author, call.text) == (
        "call",
        BEN,
        "phone_call discard_reason=busy duration_seconds=0",
    )


def test_not_an_export_is_a_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text('{"about": "x", "date_unixtime": "1", "from_id": "user1", "other": []}')
    with pytest.raises(ParseError) as caught:
        parse("telegram_json", path)
    assert str(caught.value) == (
        "result.json: no 'messages' and no 'chats.list' in the JSON; is this Telegram Desktop's"
        " result.json? Export again choosing 'Machine-readable JSON'"
    )


def test_shared_single_chat_all_field_families(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "telegram" / "synthetic" / "single-chat" / "result.json"
    result = parse("telegram_json", path)
    assert [i.kind for i in result.items] == [
        "message", "message", "message", "message", "message", "call", "location", "message", "system",
    ]  # fmt: skip
    # the deleted account behind message 5 is neither the chat's other party nor its exporter
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "messages[4]",
            "telegram:user4444444444 (Deleted Account) wrote in the personal chat with"
            " telegram:user1111111111 but is neither of its two parties (telegram:user1111111111 and the"
            " exporter telegram:owner); kept as the author of its messages, not as a member",
        )
    ]
    assert result.items[0].sent_at_utc == "2023-03-14T09:15:00Z"
    assert result.items[0].tz_source == "platform"
    assert result.items[1].text == "mixed array with @victim_example and a link"
    assert result.items[1].edited is True
    assert result.items[1].details == {
        "chat": "Alex Suspect",
        "id": "2",
        "links": "https://example.invalid/",
        "edited": "2023-03-14T09:17:00",
        "edited_utc": "2023-03-14T09:17:00Z",
        "reply_to": "1",
    }
    assert result.items[3].attachments == (
        ParsedAttachment("voice_message (not included in the export)", None, "audio/ogg"),
    )
    deleted = result.items[4]
    assert deleted.author == AccountRef("telegram", "user4444444444", "Deleted Account")
    assert deleted.details is not None and deleted.details["deleted_account"] == "true"
    assert result.items[6].text == "location 51.5007, -0.1246 (live location for 15 minutes)"
    assert result.items[6].details is not None
    assert result.items[6].details["live_location_period_seconds"] == "900"
    assert result.items[7].text == "[sticker 😡]"  # telegram_json v15


def test_shared_full_account_and_chat_miner(shared_data: Path) -> None:
    base = shared_data / "export-samples" / "telegram"
    full = parse("telegram_json", base / "synthetic" / "full-account" / "result.json")
    assert len(full.items) == 9
    assert full.items[0].locator == "chats.list[0].messages[0]"
    assert full.ctx.decisions["account_owner"] == "telegram:user2222222222 Zoë Victim (@victim_example)"
    owner = AccountRef("telegram", "user2222222222", "Zoë Victim")
    assert owner in full.ctx.participants["telegram:1111111111"]
    for name in ("test_single_export.json", "test_batch_export.json"):
        result = parse("telegram_json", base / "chat-miner" / name)
        assert [
            (i.author.display_name if i.author else None, i.text, i.sent_at_utc) for i in result.items
        ] == [
            ("Author 1", "Minimal Message", "2018-12-05T10:39:10Z"),
            ("Author 2", "Link:https://telegram.org/", "2018-12-05T10:49:24Z"),
        ]


def _chat(text: str) -> str:
    return (
        '{"name": "Ben Example", "type": "personal_chat", "id": 7, "messages": [{"id": 1, "type": "message",'
        ' "date": "2024-03-14T10:15:00", "date_unixtime": "1710411300", "from": "Ben Example",'
        ' "from_id": "user7", "text": "' + text + '"}]}'
    )


def test_chats_without_a_list_array_are_not_silently_empty(tmp_path: Path) -> None:
    # A damaged "list" key made a whole-account export read as no chats at all, with no warning
    # and no error (found by fuzzing).
    path = tmp_path / "result.json"
    path.write_text('{"chats": {"about": "x", "lizt": [' + _chat("I know") + "]}}", encoding="utf-8")
    with pytest.raises(ParseError, match="no 'messages' and no 'chats.list'"):
        parse("telegram_json", path)
    path.write_text(
        '{"chats": {"list": [' + _chat("first") + ']}, "left_chats": {"lizt": [' + _chat("I know") + "]}}",
        encoding="utf-8",
    )
    result = parse("telegram_json", path)
    assert [i.text for i in result.items] == ["first"]
    [warning] = result.warnings
    assert (warning.locator, warning.message) == (
        "left_chats",
        "no 'list' array of chats; nothing in it read",
    )
    assert "I know" in warning.raw


def test_a_chat_without_messages_keeps_its_raw_text(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    chat = _chat("I know").replace('"messages"', '"messagez"')
    path.write_text('{"chats": {"list": [' + chat + "]}}", encoding="utf-8")
    result = parse("telegram_json", path)
    assert result.items == []
    [warning] = result.warnings
    assert (warning.locator, warning.message) == ("chats.list[0].messages", "chat has no message list")
    assert "I know" in warning.raw


def test_every_skipped_file_placeholder_is_a_named_missing_attachment(tmp_path: Path) -> None:
    # tdesktop writes one of three sentences in place of a path; only "not included" was known,
    # so the other two became attachments named like files ("(File exceeds maximum size. …)")
    sentences = [
        "(File not included. Change data exporting settings to download.)",
        "(File exceeds maximum size. Change data exporting settings to download.)",
        "(File unavailable, please try again later)",
    ]
    messages = [
        {"id": n, "type": "message", "date_unixtime": "1678785300", "date": "2023-03-14T09:15:00",
         "from": "Ben Example", "from_id": "user777000111", "text": "", "photo": sentence}
        for n, sentence in enumerate(sentences)
    ]  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Ben", "type": "personal_chat", "id": 1, "messages": messages}))
    result = parse("telegram_json", path)
    assert [i.attachments for i in result.items] == [
        (ParsedAttachment("photo (not included in the export)", None, ""),),
        (ParsedAttachment("photo (not included in the export: over the export's size limit)", None, ""),),
        (ParsedAttachment("photo (not included in the export: unavailable when exported)", None, ""),),
    ]
    assert result.warnings == []


def test_an_old_exports_edit_time_is_read_in_the_same_zone_as_its_date(tmp_path: Path) -> None:
    # before date_unixtime, "edited" is local wall-clock time too; it was kept raw with no UTC time
    message = {"id": 1, "type": "message", "date": "2021-07-01T10:00:00", "edited": "2021-07-01T10:05:00",
               "from": "Ben Example", "from_id": "user777000111", "text": "x"}  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Ben", "type": "personal_chat", "id": 1, "messages": [message]}))
    (item,) = parse("telegram_json", path, tz_source="examiner").items
    assert (item.sent_at_utc, item.edited, item.details) == (
        "2021-07-01T09:00:00Z",
        True,
        {"chat": "Ben", "id": "1", "edited": "2021-07-01T10:05:00", "edited_utc": "2021-07-01T09:05:00Z"},
    )


def test_a_polls_question_and_answers_are_in_the_text_marked_as_a_poll(tmp_path: Path) -> None:
    # a poll was only raw JSON in details: its question and answers were in no text a reader or
    # analyser saw (tdesktop export_output_json.cpp: question, closed, total_voters, answers)
    poll = {
        "question": "Where is she tonight?",
        "closed": False,
        "total_voters": 2,
        "answers": [
            {"text": "at her mum's", "voters": 1, "chosen": True},
            {"text": [{"type": "bold", "text": "gym"}, " again"], "voters": 1, "chosen": False},
        ],
    }
    messages = [
        {"id": 1, "type": "message", "date_unixtime": "1678785300", "date": "2023-03-14T09:15:00",
         "from": "Ben Example", "from_id": "user777000111", "text": "", "poll": poll},
        {"id": 2, "type": "message", "date_unixtime": "1678785360", "date": "2023-03-14T09:16:00",
         "from": "Ben Example", "from_id": "user777000111", "text": "vote", "poll": {"question": "Q?",
         "answers": 5}},
    ]  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Ben", "type": "personal_chat", "id": 1, "messages": messages}))
    result = parse("telegram_json", path)
    assert [i.text for i in result.items] == [
        "Poll: Where is she tonight?\n- at her mum's\n- gym again",
        "vote\n\nPoll: Q?",
    ]
    details = result.items[0].details
    assert details is not None and json.loads(details["poll"]) == poll
    assert result.warnings == []


def _personal(messages: list[dict[str, object]], **top: object) -> str:
    chat = {"name": "Ben Example", "type": "personal_chat", "id": 777000111, "messages": messages}
    return json.dumps({**top, "chats": {"list": [chat]}} if top else chat)


def _says(n: int, who: str | None, ident: str, text: str) -> dict[str, object]:
    return {"id": n, "type": "message", "date": "2023-03-14T09:15:00", "date_unixtime": str(1678785300 + n),
            "from": who, "from_id": ident, "text": text}  # fmt: skip


def test_a_personal_chats_exporter_is_its_other_author_and_the_export_names_her(tmp_path: Path) -> None:
    # every participant seen but the author was a recipient: his messages were addressed to whoever
    # else wrote (a deleted account), never to the exporter, and --owner could not attribute her
    path = tmp_path / "result.json"
    path.write_text(_personal([_says(1, "Ben Example", "user777000111", "where are you"),
                               _says(2, "Ann Example", "user777000222", "leave me alone")]))  # fmt: skip
    result = parse("telegram_json", path, owner="Ann Example")
    ann = AccountRef("telegram", "user777000222", "Ann Example")
    assert result.ctx.owner_account == ann
    assert result.ctx.decisions["account_owner"] == (
        "telegram:user777000222 Ann Example (the exporter: the author in a personal chat who is not"
        " its other party)"
    )
    assert result.ctx.participants == {"telegram:777000111": {BEN, ann}}
    assert result.warnings == []


def test_a_personal_chat_where_the_exporter_never_wrote_addresses_his_messages_to_her(
    tmp_path: Path,
) -> None:
    path = tmp_path / "result.json"
    path.write_text(_personal([_says(1, "Ben Example", "user777000111", "answer me"),
                               _says(2, None, "user777000444", "forwarded")]))  # fmt: skip
    result = parse("telegram_json", path, owner="Ann Example")
    her = AccountRef("telegram", "owner:Ann Example", "Ann Example")
    assert result.ctx.owner_account == her
    assert result.ctx.decisions["account_owner"] == (
        "telegram:owner:Ann Example (the exporter: the other party of a personal chat, who wrote"
        " nothing in it; the export does not give the account's id)"
    )
    assert result.ctx.participants == {"telegram:777000111": {BEN, her}}
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "messages[1]",
            "telegram:user777000444 (Deleted Account) wrote in the personal chat with"
            " telegram:user777000111 but is neither of its two parties (telegram:user777000111 and the"
            " exporter telegram:owner:Ann Example); kept as the author of its messages, not as a member",
            result.items[1].raw,
        )
    ]


def test_a_full_account_personal_chat_has_two_members_the_owner_and_the_peer(tmp_path: Path) -> None:
    info = {"user_id": 777000222, "first_name": "Ann", "last_name": "Example"}
    path = tmp_path / "result.json"
    path.write_text(_personal([_says(1, "Ben Example", "user777000111", "answer me"),
                               _says(2, "Cat Example", "user777000333", "hi")],
                              personal_information=info))  # fmt: skip
    result = parse("telegram_json", path)
    ann = AccountRef("telegram", "user777000222", "Ann Example")
    assert result.ctx.participants == {"telegram:777000111": {BEN, ann}}
    assert [w.message for w in result.warnings] == [
        "telegram:user777000333 (Cat Example) wrote in the personal chat with telegram:user777000111 but"
        " is neither of its two parties (telegram:user777000111 and the exporter telegram:user777000222);"
        " kept as the author of its messages, not as a member"
    ]


def test_the_shared_single_chat_addresses_his_messages_to_the_exporter(case: Case, shared_data: Path) -> None:
    path = shared_data / "export-samples" / "telegram" / "synthetic" / "single-chat" / "result.json"
    add_person(case, "Jane Doe", "complainant")
    result = add_exhibit(case, path, AddOptions(producer="Jane Doe", owner="Jane Doe"))
    assert result.owner_account == (
        "telegram:owner:Jane Doe attributed to Jane Doe: the export's own account, and Jane Doe was"
        " given as its owner"
    )
    his = [i for i in case.store.iter_items() if i.author == "telegram:user1111111111" and i.kind != "system"]
    assert {i.recipients for i in his} == {("telegram:owner:Jane Doe",)}


def test_two_candidate_exporters_are_not_guessed_between(tmp_path: Path) -> None:
    # without personal_information, two different "other authors" cannot both be the exporter
    chats = [
        {"name": "Ben Example", "type": "personal_chat", "id": 777000111,
         "messages": [_says(1, "Ann Example", "user777000222", "hi")]},
        {"name": "Cat Example", "type": "personal_chat", "id": 777000333,
         "messages": [_says(2, "Dan Example", "user777000444", "hi")]},
    ]  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"chats": {"list": chats}}))
    result = parse("telegram_json", path, owner="Ann Example")
    assert result.ctx.owner_account is None
    assert result.ctx.decisions["account_owner"] == (
        "not known: telegram:user777000222, telegram:user777000444 each wrote in a personal chat of which"
        " they are not the other party"
    )
    assert {c: {a.key for a in m} for c, m in result.ctx.participants.items()} == {
        "telegram:777000111": {"telegram:user777000111", "telegram:user777000222"},
        "telegram:777000333": {"telegram:user777000333", "telegram:user777000444"},
    }
    assert result.warnings == []


def _service(n: int, who: str, ident: str, action: str, **more: object) -> dict[str, object]:
    return {"id": n, "type": "service", "date": "2023-03-14T09:15:00", "date_unixtime": str(1678785300 + n),
            "actor": who, "actor_id": ident, "action": action, **more, "text": ""}  # fmt: skip


ANN, CAT = ("Ann Example", "user777000222"), ("Cat Example", "user777000333")
BEN_ID, DAN = ("Ben Example", "user777000111"), ("Dan Example", "user777000444")
GROUP = [
    _service(1, *ANN, "create_group", title="Friends", members=["Ben Example", "Cat Example"]),
    _says(2, *ANN, "hello all"),
    _says(3, *BEN_ID, "hi"),
    _service(4, *CAT, "remove_members", members=["Cat Example"]),  # she left
    _says(5, *BEN_ID, "she has gone, now I can say it"),
    _service(6, *DAN, "join_group_by_link", inviter="Ann Example"),
    _says(7, *DAN, "hi"),
    _service(8, *ANN, "invite_members", members=["Cat Example", "Eve Example"]),  # Eve never appears
    _says(9, *ANN, "welcome back"),
]


def test_a_groups_recipients_are_its_members_when_each_message_was_sent(case: Case, tmp_path: Path) -> None:
    # every author and actor was a recipient of every message: Ben's message sent after Cat had left
    # the group was addressed to her, and Dan's join went back to before he was in it
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Friends", "type": "private_group", "id": 4000, "messages": GROUP}))
    result = add_exhibit(case, path, AddOptions(producer="PC Patel"))
    received = {i.locator: i.recipients for i in case.store.iter_items() if i.kind == "message"}
    ann, ben, cat, dan = (f"telegram:{who[1]}" for who in (ANN, BEN_ID, CAT, DAN))
    assert received == {
        "messages[1]": tuple(sorted((ben, cat))),
        "messages[2]": tuple(sorted((ann, cat))),
        "messages[4]": (ann,),
        "messages[6]": tuple(sorted((ann, ben))),
        "messages[8]": tuple(sorted((ben, cat, dan))),
    }
    assert result.decisions["group_membership"] == (
        "telegram:4000 (4 join and leave service messages): a message's recipients are the members when"
        " it was sent"
    )
    [(locator, message)] = [(w.locator, w.message) for w in case.store.warnings()]
    assert (locator, message) == (
        "messages[7]",
        "invite_members names 'Eve Example', who neither wrote nor acted in this chat, so no account"
        " is known for the name; not counted as a member",
    )


def test_a_message_sent_after_she_left_the_group_is_not_addressed_to_her(tmp_path: Path) -> None:
    # she exported her account; she left the group, and he went on writing in it
    info = {"user_id": 777000222, "first_name": "Ann", "last_name": "Example"}
    group = {"name": "Friends", "type": "private_group", "id": 4000, "messages": [
        _says(1, *BEN_ID, "you cannot hide from me"),
        _service(2, *ANN, "remove_members", members=["Ann Example"]),
        _says(3, *BEN_ID, "tell her I know where she is"),
    ]}  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"personal_information": info, "chats": {"list": [group]}}))
    result = parse("telegram_json", path)
    ann = AccountRef("telegram", "user777000222", "Ann Example")
    assert [(i.text, i.recipients) for i in result.items if i.kind == "message"] == [
        ("you cannot hide from me", (ann,)),
        ("tell her I know where she is", ()),
    ]
    assert result.ctx.participants == {"telegram:4000": {BEN}}
    assert result.warnings == []


def test_lone_surrogate_escapes_are_a_warning_naming_them(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(
        '{"name": "Bob", "type": "personal_chat", "id": 1, "messages": [\n'
        ' {"id": 1, "type": "message", "date": "2024-03-12T21:14:00", "date_unixtime": "1710278040",'
        ' "from": "Bob\\ud83d", "from_id": "user1", "text": "lone \\udc00 and a pair \\ud83d\\ude00"}\n]}\n',
        encoding="utf-8",
    )
    result = parse("telegram_json", path)
    [item] = result.items
    assert (item.author.display_name if item.author else None, item.text) == (
        "Bob\ufffd",
        "lone \ufffd and a pair \U0001f600",
    )
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "messages[0]",
            "2 lone UTF-16 surrogate escape(s) \\ud83d, \\udc00 (half a character each, as a cut emoji leaves)"
            " shown as U+FFFD; the raw text keeps the escapes",
        )
    ]


def test_who_added_her_back_is_the_author_of_that_service_message(tmp_path: Path) -> None:
    # the actor of "invite_members" is its author (as the brief for WhatsApp asks; Telegram did so
    # already): adding her back after she left is his act, and she receives only what follows it
    group = {"name": "Friends", "type": "private_group", "id": 4000, "messages": [
        _service(1, *CAT, "remove_members", members=["Cat Example"]),
        _service(2, *BEN_ID, "invite_members", members=["Cat Example"]),
        _says(3, *BEN_ID, "welcome back"),
    ]}  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps(group))
    result = parse("telegram_json", path)
    ben, cat = (AccountRef("telegram", ident, name) for name, ident in (BEN_ID, CAT))
    assert [(i.locator, i.author, i.recipients) for i in result.items] == [
        ("messages[0]", cat, ()),
        ("messages[1]", ben, ()),
        ("messages[2]", ben, (cat,)),
    ]


def test_a_chat_type_that_is_not_text_is_read_as_no_known_type(tmp_path: Path) -> None:
    # found by the fuzz test: a list as the chat's type stopped the parser with "unhashable type: 'list'"
    export = tmp_path / "result.json"
    export.write_text(
        json.dumps(
            {
                "name": "Ben Example",
                "type": ["personal_chat"],
                "id": 777000111,
                "messages": [
                    {
                        "id": 1,
                        "type": "message",
                        "date": "2024-03-01T10:00:00",
                        "from": "Ben Example",
                        "from_id": "user777000111",
                        "text": "hello",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    result = parse("telegram_json", export, zone="Europe/London", tz_source="examiner")
    assert [(i.locator, i.text) for i in result.items] == [("messages[0]", "hello")]
    assert result.ctx.participants == {"telegram:777000111": {BEN}}  # its writer; no peer from the type


def test_a_live_locations_period_is_kept_and_said(tmp_path: Path) -> None:
    # live_location_period_seconds (how long he shared where he was) was dropped: the item read as
    # one point (review of 1 December, export samples 4)
    def located(number: int, period: object) -> dict[str, object]:
        return {"id": number, "type": "message", "date": "2024-03-14T10:15:00", "date_unixtime": "1710411300",
                "from": "Ben Example", "from_id": "user777000111", "text": "",
                "location_information": {"latitude": 51.5, "longitude": -0.12},
                "live_location_period_seconds": period}  # fmt: skip

    periods: list[object] = [900, 28800, 90, 2147483647, "soon"]
    messages = [located(n, p) for n, p in enumerate(periods, start=1)]
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Ben", "type": "personal_chat", "id": 1, "messages": messages}))
    result = parse("telegram_json", path)
    assert [(i.kind, i.text, (i.details or {})["live_location_period_seconds"]) for i in result.items] == [
        ("location", "location 51.5, -0.12 (live location for 15 minutes)", "900"),
        ("location", "location 51.5, -0.12 (live location for 8 hours)", "28800"),
        ("location", "location 51.5, -0.12 (live location for 90 seconds)", "90"),
        ("location", "location 51.5, -0.12 (live location until stopped)", "2147483647"),
        ("location", "location 51.5, -0.12 (live location for 'soon' seconds)", "soon"),
    ]
    assert result.items[0].details == {
        "chat": "Ben",
        "id": "1",
        "latitude": "51.5",
        "longitude": "-0.12",
        "live_location_period_seconds": "900",
    }


def test_a_stickers_emoji_is_in_the_text_marked_as_a_sticker(tmp_path: Path) -> None:
    # a sticker kept its emoji only in details.sticker_emoji: its text was empty, so search, detection and
    # the chronology showed nothing (export samples review, session 19)
    def sticker(number: int, **fields: object) -> dict[str, object]:
        return {"id": number, "type": "message", "date": "2024-03-14T10:15:00", "date_unixtime": "1710411300",
                "from": "Ben Example", "from_id": "user777000111", "file": "stickers/sticker.webp",
                "media_type": "sticker", "text": "", **fields}  # fmt: skip

    messages = [
        sticker(1, sticker_emoji="\U0001f52a"),
        sticker(2, sticker_emoji="\U0001f52a", text="see you tonight"),
        sticker(3),
        sticker(4, sticker_emoji=""),
    ]
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Ben", "type": "personal_chat", "id": 1, "messages": messages}))
    result = parse("telegram_json", path)
    assert [(i.kind, i.text) for i in result.items] == [
        ("message", "[sticker \U0001f52a]"),
        ("message", "see you tonight\n\n[sticker \U0001f52a]"),
        ("message", "[sticker]"),
        ("message", "[sticker]"),
    ]
    assert result.items[0].details == {
        "chat": "Ben", "id": "1", "media_type": "sticker", "sticker_emoji": "\U0001f52a", "sticker_at": "0",
    }  # fmt: skip
    assert [(i.details or {})["sticker_at"] for i in result.items] == ["0", "17", "0", "0"]
    assert result.items[0].attachments == (ParsedAttachment("stickers/sticker.webp", None, "image/webp"),)
    assert result.warnings == []
