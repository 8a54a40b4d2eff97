"""Messenger / Instagram legacy DYI JSON: mojibake and its failure cases, page order, merging with E2EE."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footprint.errors import ParseError
from footprint.ingest._meta import fix_mojibake
from footprint.ingest.folder import pack_folder
from footprint.model import AccountRef, ParsedAttachment, ParsedItem
from tests.conftest import DATA, Parsed, parse

DYI = DATA / "messenger_json" / "dyi"
THREAD = "your_facebook_activity/messages/inbox/alexexample_42"
BEN = AccountRef("facebook", "Ben Example", "Ben Example")
ZOE = AccountRef("facebook", "Zoë Example", "Zoë Example")
SHARED_THREAD = "your_activity_across_facebook/messages/inbox/alexsuspect_1234567890"
UNTIMED = "Messenger's exports record none, Instagram's not always"


@pytest.fixture
def dyi(tmp_path: Path) -> Path:
    return pack_folder(DYI, tmp_path)


def _ben_and_zoe(tmp_path: Path, messages: list[dict[str, object]]) -> Parsed:
    """What messenger_json reads of a thread of Ben's and Zoë's (her name mis-encoded as Meta exports it)
    holding ``messages``."""
    thread = {
        "participants": [{"name": "Ben Example"}, {"name": "Zo\u00c3\u00ab Example"}],
        "messages": messages,
    }
    path = tmp_path / "message_1.json"
    path.write_text(json.dumps(thread), encoding="utf-8")
    return parse("messenger_json", path)


def test_mojibake_repair_and_its_failure_cases() -> None:
    assert fix_mojibake("Zo\u00c3\u00ab") == ("Zoë", True)
    assert fix_mojibake("a \u201cquote\u201d") == ("a \u201cquote\u201d", False)
    assert fix_mojibake("caf\u00e9") == ("caf\u00e9", False)
    assert fix_mojibake("plain") == ("plain", False)


def test_archive_counts_order_warnings_and_merge(dyi: Path) -> None:
    result = parse("messenger_json", dyi)
    assert [i.locator for i in result.items] == [
        f"{THREAD}/message_2.json[0]",
        f"{THREAD}/message_1.json[4]",
        f"{THREAD}/message_1.json[3]",
        f"{THREAD}/message_1.json[2]",
        f"{THREAD}/message_1.json[1]",
        f"{THREAD}/message_1.json[0]",
        "your_facebook_activity/messages/e2ee/Ben Example_7.json[1]",
        "your_facebook_activity/messages/e2ee/Ben Example_7.json[1].reactions[0]",  # v5
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        (f"{THREAD}/message_1.json[5]", "message is not a JSON object; skipped"),
        (f"{THREAD}/message_1.json[4]", "unreadable timestamp_ms 'soon'; kept without a time"),
        (
            "your_facebook_activity/messages/e2ee/Ben Example_7.json[0]",
            f"the same message as {THREAD}/message_1.json[0] (the thread's other export); kept once",
        ),
        (
            "your_facebook_activity/messages/e2ee/Ben Example_7.json[1].reactions[0]",
            f"1 reaction(s) have no time ({UNTIMED}): each is kept without a time, after the message it"
            " reacts to (details.reaction_to), and is not counted where contact is dated (contact after her"
            " request, a breach of an order, a course of conduct):"
            " your_facebook_activity/messages/e2ee/Ben Example_7.json[1].reactions[0]",
        ),
    ]
    assert result.ctx.decisions == {
        "threads": "1 legacy thread(s), 1 E2EE thread file(s)",
        "mojibake": "3 string(s) repaired from Meta's UTF-8-as-Latin-1 escaping;"
        " 2 non-ASCII string(s) left as they were (not mis-encoded)",
        "merged_duplicates": "1 message(s) in both exports kept once",
    }
    assert {i.conversation for i in result.items} == {"facebook:alexexample_42"}
    assert result.ctx.participants == {"facebook:alexexample_42": {BEN, ZOE}}


def test_records(dyi: Path) -> None:
    items = parse("messenger_json", dyi).items
    assert items[0] == ParsedItem(
        locator=f"{THREAD}/message_2.json[0]",
        kind="message",
        raw='{\n   "sender_name": "Ben Example",\n   "timestamp_ms": 1699999000000,\n'
        '   "content": "older page \\u00e2\\u0080\\u0093 first"\n  }',
        text="older page – first",
        sent_at_raw="1699999000000",
        sent_at_utc="2023-11-14T21:56:40Z",
        tz_source="platform",
        tz_name="UTC",
        author=BEN,
        conversation="facebook:alexexample_42",
        details={"thread": "Ben Example", "mojibake": "repaired"},
    )
    assert items[1].author == ZOE and items[1].sent_at_utc is None
    assert items[2].attachments == (ParsedAttachment("1_2.jpg", f"{THREAD}/photos/1_2.jpg", "image/jpeg"),)
    assert items[3].text == "café written as real Latin-1"
    assert items[4].text == "a genuine “quote” is not mojibake"
    assert items[6].details == {
        "thread": "Ben Example_7",
        "export": "e2ee",
        "type": "text",
        "reactions": "😢 by Zoë Example",
    }


def test_single_thread_file_and_bad_json(tmp_path: Path) -> None:
    single = parse("messenger_json", DYI / THREAD / "message_2.json")
    assert [(i.locator, i.conversation) for i in single.items] == [("messages[0]", "facebook:alexexample_42")]
    bad = tmp_path / "message_1.json"
    bad.write_text('{"participants": [], "messages": [{"sender_name": "x", "timestamp_ms": 1')
    with pytest.raises(ParseError) as caught:
        parse("messenger_json", bad)
    assert str(caught.value) == (
        "message_1.json: not valid JSON (Expecting ',' delimiter) at byte 72 (line 1); message_1.json ends"
        " inside a record, at byte 72: it looks cut short (an incomplete copy), so how much of the export is"
        " missing cannot be told from it; its last 72 bytes, from byte 0, were not read; the case is"
        " unchanged — get a fresh copy"
        " of the thread's message_N.json from the original and add that"
    )  # a page is read whole before any of it is used: none of it was kept


def test_shared_messenger_fixture(shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "export-samples" / "facebook-instagram" / "synthetic" / "messenger-dyi-2023"
    result = parse("messenger_json", pack_folder(folder, tmp_path))
    reaction = f"{SHARED_THREAD}/message_1.json[0].reactions[0]"
    assert [(w.locator, w.raw) for w in result.warnings] == [
        (reaction, '{"reaction": "\u00f0\u009f\u0098\u00a2", "actor": "Zo\u00c3\u00ab Victim"}')
    ]  # the reaction as exported (still mis-encoded), named in the one warning of untimed reactions
    assert [(i.kind, i.deleted, i.text) for i in result.items] == [
        ("message", False, "older page (message_2.json holds OLDER messages)"),
        ("call", False, "You missed a call from Alex."),
        ("message", False, ""),
        ("message", False, "Alex Suspect sent a link."),
        ("message", False, "stop"),
        ("message", True, "Alex unsent a message."),
        ("message", False, ""),
        ("message", False, "you can’t block me 😡"),
        ("reaction", False, "😢"),  # messenger_json v5: her reaction, with no time (none is exported)
    ]
    assert result.items[8].sent_at_utc is None
    assert result.items[8].author == AccountRef("facebook", "Zoë Victim", "Zoë Victim")
    assert result.items[8].details == {
        "reaction_to": f"{SHARED_THREAD}/message_1.json[0]",
        "reacted_after_utc": result.items[7].sent_at_utc,
    }
    assert [i.sent_at_utc for i in result.items[:8]] == sorted(i.sent_at_utc or "" for i in result.items[:8])
    assert result.items[2].attachments == (
        ParsedAttachment("audioclip16788350000001234.mp4", None, "video/mp4"),
    )
    assert result.items[3].details == {
        "thread": "Alex Suspect",
        "share_link": "https://example.invalid/post/1",
        "placeholder": "link",
    }
    assert result.items[5].details == {"thread": "Alex Suspect", "unsent": "true", "placeholder": "unsent"}
    assert result.items[7].details == {
        "thread": "Alex Suspect",
        "mojibake": "repaired",
        "reactions": "😢 by Zoë Victim",
    }


def test_shared_instagram_fixtures(shared_data: Path, tmp_path: Path) -> None:
    base = shared_data / "export-samples" / "facebook-instagram"
    folder = base / "synthetic" / "instagram-dyi-2023"
    result = parse("instagram_json", pack_folder(folder, tmp_path))
    assert result.warnings == []
    assert [(i.kind, i.text) for i in result.items] == [
        ("message", ""),
        ("message", ""),
        ("message", "ur pathetic 🙄"),
        ("reaction", "❤"),  # instagram_json v5: her reaction at its own time
        ("reaction", "Liked a message"),  # instagram_json v9: his like, contact to her
    ]
    assert (result.items[3].sent_at_raw, result.items[3].sent_at_utc) == (
        "1678835310",
        "2023-03-14T23:08:30Z",
    )
    assert result.items[3].author == AccountRef("instagram", "Zoë Victim", "Zoë Victim")
    assert result.items[0].author == AccountRef("instagram", "suspect.example", "suspect.example")
    assert result.items[2].details == {
        "thread": "suspect.example",
        "mojibake": "repaired",
        "reactions": "❤ by Zoë Victim at 2023-03-14T23:08:30Z",
    }
    miner = parse("instagram_json", base / "chat-miner" / "instagram_test_export.json")
    assert [(i.author.native_id if i.author else None, i.text, i.sent_at_utc) for i in miner.items] == [
        ("Jane Doe", "Hello John!", "2019-12-24T11:23:00Z"),
        ("John Doe", "Hello Jane!", "2020-01-17T20:49:00Z"),
    ]


def test_a_thread_file_not_read_keeps_its_text_in_the_warning(tmp_path: Path) -> None:
    # A damaged message_N.json inside a DYI zip was skipped with a warning whose raw text was empty,
    # so its messages were nowhere in the case (found by fuzzing).
    folder = tmp_path / "dyi"
    thread = folder / "your_facebook_activity/messages/inbox/benexample_7"
    thread.mkdir(parents=True)
    good = '{"participants": [{"name": "Ben Example"}], "messages": [{"sender_name": "Ben Example", '
    (thread / "message_1.json").write_text(good + '"timestamp_ms": 1700000000000, "content": "hello"}]}')
    (thread / "message_2.json").write_text(good + '"timestamp_ms": 17000, "content": "I will find you"')
    (thread / "message_3.json").write_text('{"participants": [], "messagez": [{"content": "watching you"}]}')
    # A damaged page is a damaged byte like any other (ingest.damage): refused, or kept partial.
    packed = pack_folder(folder, tmp_path)
    page = "your_facebook_activity/messages/inbox/benexample_7/message_2.json"
    with pytest.raises(ParseError) as caught:
        parse("messenger_json", packed)
    assert str(caught.value) == (
        f"dyi.zip, {page}: not valid JSON (Expecting ',' delimiter) at byte 139 (line 1); {page} of dyi.zip"
        " ends inside a record, at byte 139: it looks cut short (an incomplete copy), so how much of the"
        " export is missing cannot be told from it; its last 139 bytes, from byte 0, were not read; the case"
        " is unchanged — get a"
        " fresh copy of the DYI archive from the original and add that, or add this copy again with"
        " --accept-partial to keep what was read before the damage and what the archive's other files hold"
        " and read on from the next whole record after it, where one can be found safely (the exhibit is"
        " then marked partial)"
    )  # the page is read whole before any of it is used: none of it was kept
    result = parse("messenger_json", packed, accept_partial=True)
    assert [i.text for i in result.items] == ["hello"]
    raws = {w.locator.rsplit("/", 1)[-1]: w.raw for w in result.warnings}
    assert "I will find you" in raws["message_2.json, byte 139, line 1"]
    assert "watching you" in raws["message_3.json"]
    assert result.ctx.decisions["partial"].startswith(f"reading stopped at byte 139 (line 1) of {page} of")


def test_group_join_and_leave_events_are_system_items(tmp_path: Path) -> None:
    # pre-2024 DYI pages mark group membership changes with type Subscribe / Unsubscribe;
    # they were read as messages written by the person named in sender_name
    path = tmp_path / "message_1.json"
    path.write_text(
        '{"participants": [{"name": "Ben Example"}], "title": "group", "messages": ['
        '{"sender_name": "Ben Example", "timestamp_ms": 1678835200000,'
        ' "content": "Ben Example left the group.", "type": "Unsubscribe", "users": [{"name": "Ben Example"}]},'
        '{"sender_name": "Ben Example", "timestamp_ms": 1678835100000,'
        ' "content": "Ben Example added Zo\\u00c3\\u00ab Example to the group.", "type": "Subscribe",'
        ' "users": [{"name": "Zo\\u00c3\\u00ab Example"}]},'
        '{"sender_name": "Ben Example", "timestamp_ms": 1678835000000, "content": "hi", "type": "Generic"}]}',
        encoding="utf-8",
    )
    items = parse("messenger_json", path).items
    assert [(i.kind, i.system, i.author, i.text, i.details) for i in items] == [
        ("message", False, BEN, "hi", {"thread": "group"}),
        (
            "system",
            True,
            BEN,
            "Ben Example added Zoë Example to the group.",
            {"thread": "group", "mojibake": "repaired", "type": "Subscribe", "users": "Zoë Example"},
        ),
        (
            "system",
            True,
            BEN,
            "Ben Example left the group.",
            {"thread": "group", "type": "Unsubscribe", "users": "Ben Example"},
        ),
    ]


@pytest.mark.parametrize(
    ("fmt", "named"), [("messenger_json", "a Facebook Messenger"), ("instagram_json", "an Instagram")]
)
def test_a_json_file_without_messages_names_the_export_it_should_be(
    tmp_path: Path, fmt: str, named: str
) -> None:
    other = tmp_path / "message_1.json"
    other.write_text('{"participants": []}')
    with pytest.raises(ParseError) as caught:
        parse(fmt, other)
    assert str(caught.value) == (
        f"message_1.json: no 'messages' list of sender_name/timestamp_ms objects; is this {named}"
        " 'Download your information' JSON file?"
    )


def test_metas_own_sentences_are_placeholders_not_the_senders_words(tmp_path: Path) -> None:
    # "Alex unsent a message." and "Alex Suspect sent a link." are Meta's words in the content field; they
    # were read as the sender's own; now details["placeholder"] says so (as WhatsApp's placeholders)
    messages = [
        {"sender_name": "Ben Example", "timestamp_ms": 1678835300000 - n * 1000, "content": content, **extra}
        for n, (content, extra) in enumerate(
            [
                ("Ben unsent a message.", {"is_unsent": True}),
                ("You unsent a message.", {"is_unsent": True}),
                ("Ben Example sent an attachment.", {"photos": [{"uri": "photos/1.jpg"}]}),
                ("Ben Example sent a link.", {"share": {"link": "https://example.org/x"}}),
                ("I sent a link.", {}),
                ("Zoë sent an attachment.", {}),
            ]
        )
    ]
    thread = tmp_path / "message_1.json"
    thread.write_text(
        json.dumps({"participants": [{"name": "Ben Example"}], "messages": messages, "title": "Ben Example"}),
        encoding="utf-8",
    )
    items = parse("messenger_json", thread).items
    assert [(i.text, i.deleted, (i.details or {}).get("placeholder")) for i in items] == [
        ("Zoë sent an attachment.", False, None),
        ("I sent a link.", False, None),
        ("Ben Example sent a link.", False, "link"),
        ("Ben Example sent an attachment.", False, "attachment"),
        ("You unsent a message.", True, "unsent"),
        ("Ben unsent a message.", True, "unsent"),
    ]


def test_liked_a_message_is_a_reaction_by_its_sender_to_the_other_members(tmp_path: Path) -> None:
    # Meta's "Liked a message" line was a system line with no recipient, so his like was never counted
    # as contact (review of 1 December, export samples 2)
    messages = [
        {"sender_name": "Ben Example", "timestamp_ms": 1700000060000, "content": "Liked a message"},
        {"sender_name": "Zo\u00c3\u00ab Example", "timestamp_ms": 1700000000000, "content": "stop"},
    ]
    result = _ben_and_zoe(tmp_path, messages)
    assert result.warnings == []
    liked = result.items[1]
    assert liked._replace(raw="") == ParsedItem(
        locator="messages[0]",
        kind="reaction",
        raw="",
        text="Liked a message",
        sent_at_raw="1700000060000",
        sent_at_utc="2023-11-14T22:14:20Z",
        tz_source="platform",
        tz_name="UTC",
        author=BEN,
        conversation=liked.conversation,
    )
    assert liked.conversation is not None
    assert set(result.ctx.participants[liked.conversation]) == {BEN, ZOE}  # recipients: ZOE, not BEN


def test_reacted_to_your_message_is_a_reaction_of_the_emoji_by_its_sender(tmp_path: Path) -> None:
    # Meta's "Reacted ❤ to your message" line stayed a system line with no recipient, so his reaction was
    # never counted as contact (export samples review, session 19); mis-encoded as Meta exports it
    heart = "\u00e2\u009d\u00a4"  # ❤ as Meta's UTF-8-read-as-Latin-1 escapes
    messages = [
        {"sender_name": "Ben Example", "timestamp_ms": 1700000120000, "content": "Ben reacted 😂 to Zoë"},
        {"sender_name": "Ben Example", "timestamp_ms": 1700000090000, "content": "Zoë reacted 😂 to your message "},
        {"sender_name": "Ben Example", "timestamp_ms": 1700000080000, "content": "Ben reacted 😂 to your message "},
        {"sender_name": "Ben Example", "timestamp_ms": 1700000060000, "content": f"Reacted {heart} to your message"},
        {"sender_name": "Zo\u00c3\u00ab Example", "timestamp_ms": 1700000000000, "content": "stop"},
    ]  # fmt: skip
    result = _ben_and_zoe(tmp_path, messages)
    assert result.warnings == []
    assert [(i.locator, i.kind, i.text, i.system) for i in result.items] == [
        ("messages[4]", "message", "stop", False),
        ("messages[3]", "reaction", "❤", False),
        ("messages[2]", "reaction", "😂", False),
        ("messages[1]", "system", "Zoë reacted 😂 to your message ", True),  # not his: Meta's line as it is
        ("messages[0]", "message", "Ben reacted 😂 to Zoë", False),
    ]
    reaction = result.items[1]
    assert reaction._replace(raw="") == ParsedItem(
        locator="messages[3]",
        kind="reaction",
        raw="",
        text="❤",
        sent_at_raw="1700000060000",
        sent_at_utc="2023-11-14T22:14:20Z",
        tz_source="platform",
        tz_name="UTC",
        author=BEN,
        conversation=reaction.conversation,
        details={"mojibake": "repaired"},
    )
    assert json.loads(reaction.raw)["content"] == f"Reacted {heart} to your message"  # Meta's line, kept
    assert reaction.conversation is not None
    assert set(result.ctx.participants[reaction.conversation]) == {BEN, ZOE}  # recipients: ZOE, not BEN
