"""WhatsApp message bodies: authors and the markers of each locale and platform (whatsapp_body.py)."""

from __future__ import annotations

from pathlib import Path

from footprint.model import AccountRef, ParsedAttachment
from tests.conftest import parse

NNBSP, LRM = "\u202f", "\u200e"


def _chat(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "_chat.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_ios_tilde_name_with_narrow_no_break_space_is_the_plain_name(tmp_path: Path) -> None:
    # iOS writes a sender who is not in the contacts as "~<U+202F>Name"; the U+202F stayed in the key.
    # The display name keeps the "~": the sender chose it, the phone's owner did not save it.
    chat = _chat(
        tmp_path,
        f"[3/14/23, 9:15:02{NNBSP}AM] ~{NNBSP}Ivo Example: hi\n"
        f"[3/14/23, 9:16:02{NNBSP}PM] ~ Ivo Example: again\n",
    )
    items = parse("whatsapp", chat).items
    ivo = AccountRef("whatsapp", "Ivo Example", "~ Ivo Example")
    assert [(i.author, i.text, i.sent_at_utc) for i in items] == [
        (ivo, "hi", "2023-03-14T09:15:02Z"),
        (ivo, "again", "2023-03-14T21:16:02Z"),
    ]


def test_older_ios_attached_marker_with_left_to_right_mark_is_an_attachment(tmp_path: Path) -> None:
    # older iOS exports: "IMG_0001.JPG <U+200Eattached>" (the mark sits inside the brackets)
    chat = _chat(
        tmp_path,
        f"[14/03/2023, 09:15:02] Ana: {LRM}IMG_0001.JPG <{LRM}attached>\n"
        "[14/03/2023, 09:16:02] Ana: 00000003-AUDIO-2023-03-14.opus <attached>\n",
    )
    items = parse("whatsapp", chat).items
    assert [(i.text, i.attachments) for i in items] == [
        (f"IMG_0001.JPG <{LRM}attached>", (ParsedAttachment("IMG_0001.JPG", None, "image/jpeg"),)),
        (
            "00000003-AUDIO-2023-03-14.opus <attached>",
            (ParsedAttachment("00000003-AUDIO-2023-03-14.opus", None, "audio/ogg"),),
        ),
    ]


def test_signal_export_text_read_with_platform_signal(shared_data: Path) -> None:
    # signal-export's text lines look like a WhatsApp chat; the accounts were always "whatsapp:…"
    path = shared_data / "export-samples" / "signal" / "chat-miner" / "test_export.txt"
    result = parse("whatsapp", path, platform="signal")
    jane, john = AccountRef("signal", "Jane Doe", "Jane Doe"), AccountRef("signal", "John Doe", "John Doe")
    assert [(i.author, i.text, i.sent_at_utc, i.conversation) for i in result.items] == [
        (jane, "Hello John!", "2019-12-24T12:23:00Z", "signal:test_export"),
        (john, "Hello\nJane!", "2020-01-17T21:49:00Z", "signal:test_export"),
    ]
    assert result.ctx.participants == {"signal:test_export": {jane, john}}


def test_colons_in_the_body_stay_in_the_text(tmp_path: Path) -> None:
    chat = _chat(tmp_path, "14/03/2023, 09:15 - Ana: Name: With: Colons: in body\n")
    (item,) = parse("whatsapp", chat).items
    assert (item.author, item.text) == (AccountRef("whatsapp", "Ana", "Ana"), "Name: With: Colons: in body")


def test_ios_group_events_under_the_chat_name_are_system_lines(tmp_path: Path) -> None:
    # iOS writes group events as "<chat name>: <U+200E><event>"; they were messages written by a
    # "Test Group" account, which then became a recipient of every message in the chat
    chat = _chat(
        tmp_path,
        f"[14/03/2023, 09:15:02] Test Group: {LRM}Messages and calls are end-to-end encrypted.\n"
        f"[14/03/2023, 09:15:03] Test Group: {LRM}Ann Example created group “Test Group”\n"
        f"[14/03/2023, 09:15:04] Test Group: {LRM}Ann Example added Ben Example\n"
        "[14/03/2023, 09:16:00] Ann Example: I added you\n"
        f"[14/03/2023, 09:17:00] Ann Example: {LRM}image omitted\n",
    )
    result = parse("whatsapp", chat)
    ann = AccountRef("whatsapp", "Ann Example", "Ann Example")
    assert [(i.kind, i.system, i.author, i.text) for i in result.items] == [
        ("system", True, None, "Messages and calls are end-to-end encrypted."),
        ("system", True, ann, "Ann Example created group “Test Group”"),  # her acts (v10)
        ("system", True, ann, "Ann Example added Ben Example"),
        ("message", False, ann, "I added you"),
        ("message", False, ann, "image omitted"),
    ]
    # Ann created the group and added Ben: both are members from those lines on (whatsapp v9)
    ben = AccountRef("whatsapp", "Ben Example", "Ben Example")
    assert [i.recipients for i in result.items[3:]] == [(ben,), (ben,)]
    assert result.ctx.participants == {}


def test_the_encryption_notice_under_a_name_has_no_author(tmp_path: Path) -> None:
    # without the U+200E mark (older iOS exports, a group's Android export) the notice kept the chat's
    # name as its author: the report said "From Victim Person (complainant)", and a group's name became
    # a participant and so a recipient of every message
    chat = _chat(
        tmp_path,
        "[14/03/2023, 09:15:02] Victim Person: Messages and calls are end-to-end encrypted. No one outside of"
        " this chat, not even WhatsApp, can read or listen to them.\n"
        "[14/03/2023, 09:16:00] Ann Example: hello\n",
    )
    result = parse("whatsapp", chat)
    ann = AccountRef("whatsapp", "Ann Example", "Ann Example")
    assert [(i.kind, i.system, i.author) for i in result.items] == [
        ("system", True, None),
        ("message", False, ann),
    ]
    assert result.ctx.participants == {"whatsapp:_chat": {ann}}


def test_placeholders_keep_their_text_and_say_what_they_stand_for(tmp_path: Path) -> None:
    # "waiting for this message" and "deleted by admin" were plain messages, as if the sender wrote
    # those words; every placeholder now names itself in details["placeholder"]
    chat = _chat(
        tmp_path,
        "14/03/2023, 09:15 - Ana: waiting for this message. Check your phone.\n"
        "14/03/2023, 09:16 - Ana: Waiting for this message. This may take a while.\n"
        "14/03/2023, 09:17 - Ana: This message was deleted by admin Ben Example.\n"
        "14/03/2023, 09:18 - Ana: This message was deleted\n"
        "14/03/2023, 09:19 - Ana: You deleted this message.\n"
        f"14/03/2023, 09:20 - Ana: {LRM}<Media omitted>\n"
        "14/03/2023, 09:21 - Ana: null\n"
        "14/03/2023, 09:22 - Ana: waiting for this message to come, answer me\n"
        "14/03/2023, 09:23 - Ana: This message was deleted by admin? I doubt it\n"
        "14/03/2023, 09:24 - Ana: waiting for this message\n",
    )
    items = parse("whatsapp", chat).items
    assert [(i.text, i.deleted, i.details) for i in items] == [
        ("waiting for this message. Check your phone.", False, {"placeholder": "waiting_for_message"}),
        ("Waiting for this message. This may take a while.", False, {"placeholder": "waiting_for_message"}),
        ("This message was deleted by admin Ben Example.", True, {"placeholder": "deleted_by_admin"}),
        ("This message was deleted", True, {"placeholder": "deleted"}),
        ("You deleted this message.", True, {"placeholder": "deleted"}),
        ("<Media omitted>", False, {"placeholder": "media_omitted"}),
        ("null", False, {"placeholder": "view_once"}),
        ("waiting for this message to come, answer me", False, None),
        ("This message was deleted by admin? I doubt it", False, None),
        ("waiting for this message", False, {"placeholder": "waiting_for_message"}),
    ]
    assert [a.name for a in items[5].attachments + items[6].attachments] == [
        "media omitted from export",
        "view-once media (not exported)",
    ]


def test_direction_controls_the_sender_typed_are_kept(tmp_path: Path) -> None:
    # U+202E (right-to-left override) and U+2066 (isolate) were stripped like WhatsApp's own U+200E,
    # so "\u202eBob" merged with "Bob" and a reversed word lost its override (review security defect 7)
    chat = _chat(
        tmp_path,
        "14/03/2023, 09:15 - Bob: hi\n"
        "14/03/2023, 09:16 - \u202eBob: \u202egpj.exe\n"
        f"14/03/2023, 09:17 - {LRM}Bob: \u2066quoted\u2069\n",
    )
    result = parse("whatsapp", chat)
    bob, other = AccountRef("whatsapp", "Bob", "Bob"), AccountRef("whatsapp", "\u202eBob", "\u202eBob")
    assert [(i.author, i.text) for i in result.items] == [
        (bob, "hi"),
        (other, "\u202egpj.exe"),
        (bob, "\u2066quoted\u2069"),
    ]


def test_a_name_holding_a_colon_is_read_as_the_author_the_file_supports(tmp_path: Path) -> None:
    # "Dr: Who: colon name" made an account "Dr" who wrote "Who: colon name" (review formats defect 9)
    chat = _chat(
        tmp_path,
        "14/03/2023, 09:15 - Dr: Who: colon name\n"
        "14/03/2023, 09:16 - Bob: note: buy milk\n"
        "14/03/2023, 09:17 - Bob: hi\n"
        "14/03/2023, 09:18 - Dr: Who: again\n"
        "14/03/2023, 09:19 - Cy: location: https://maps.google.com/?q=51.5,-0.1\n"
        f"14/03/2023, 09:20 - Di: {LRM}<attached: 00000031-PHOTO-2024-03-14-10-06-00.jpg>\n",
    )
    result = parse("whatsapp", chat)
    doctor, bob = AccountRef("whatsapp", "Dr: Who", "Dr: Who"), AccountRef("whatsapp", "Bob", "Bob")
    assert [(i.author, i.text) for i in result.items] == [
        (doctor, "colon name"),
        (bob, "note: buy milk"),  # Bob writes elsewhere, "Bob: note" does not: no warning
        (bob, "hi"),
        (doctor, "again"),
        (AccountRef("whatsapp", "Cy", "Cy"), "location: https://maps.google.com/?q=51.5,-0.1"),
        (AccountRef("whatsapp", "Di", "Di"), "<attached: 00000031-PHOTO-2024-03-14-10-06-00.jpg>"),
    ]
    assert result.warnings == []  # a marker after a new name ("location: ", "<attached: ") is no name


def test_a_colon_name_the_file_cannot_decide_is_warned_with_its_line(tmp_path: Path) -> None:
    chat = _chat(tmp_path, "14/03/2023, 09:15 - Dr: Who: colon name\n14/03/2023, 09:16 - Bob: hi\n")
    result = parse("whatsapp", chat)
    assert [(i.author, i.text) for i in result.items][0] == (
        AccountRef("whatsapp", "Dr", "Dr"),
        "Who: colon name",
    )
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "line 1",
            "author name unclear: 'Dr' or 'Dr: Who' (a name may hold ': '); read as 'Dr'",
            "14/03/2023, 09:15 - Dr: Who: colon name",
        )
    ]
