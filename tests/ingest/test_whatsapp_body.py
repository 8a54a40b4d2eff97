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


def test_ios_tilde_name_is_its_own_account_not_the_saved_contact_of_that_name(tmp_path: Path) -> None:
    # iOS writes a sender who is not in the contacts as "~<U+202F>Name" (or "~<U+00A0>Name", "~ Name"): a
    # name the sender chose. It was keyed "whatsapp:Jane Doe" like the saved contact "Jane Doe", so once
    # that account was attributed to her his threats were shown as hers (i18n review, defect 2).
    chat = _chat(
        tmp_path,
        "[15/03/2023, 10:00:00] Jane Doe: please stop messaging me\n"
        f"[15/03/2023, 10:01:00] ~{NNBSP}Jane Doe: I will kill you John\n"
        "[15/03/2023, 10:02:00] ~\u00a0Jane Doe: again\n"
        "[15/03/2023, 10:03:00] ~ Jane Doe: and again\n"
        f"[15/03/2023, 10:04:00] ~{NNBSP}+44 7700 900123: a chosen name is not a number\n",
    )
    result = parse("whatsapp", chat)
    saved = AccountRef("whatsapp", "Jane Doe", "Jane Doe")
    chosen = AccountRef("whatsapp", "~ Jane Doe", "~ Jane Doe")
    number = AccountRef("whatsapp", "~ +44 7700 900123", "~ +44 7700 900123")
    assert [(i.author, i.text) for i in result.items] == [
        (saved, "please stop messaging me"),
        (chosen, "I will kill you John"),
        (chosen, "again"),
        (chosen, "and again"),
        (number, "a chosen name is not a number"),
    ]
    assert result.warnings == []


def test_no_break_space_in_a_saved_name_is_another_account_but_not_in_a_number(tmp_path: Path) -> None:
    # "Jane<U+00A0>Doe" is another saved name than "Jane Doe" (WhatsApp writes the name as saved); it was
    # folded into her key. A number written with no-break spaces is still the number.
    chat = _chat(
        tmp_path,
        "15/03/2023, 10:00 - Jane Doe: please stop\n"
        "15/03/2023, 10:01 - Jane\u00a0Doe: I will kill you John\n"
        "15/03/2023, 10:02 - +44\u00a07700\u00a0900123: hi\n",
    )
    result = parse("whatsapp", chat)
    assert [i.author for i in result.items] == [
        AccountRef("whatsapp", "Jane Doe", "Jane Doe"),
        AccountRef("whatsapp", "Jane\u00a0Doe", "Jane\u00a0Doe"),
        AccountRef("whatsapp", "+447700900123", "+44 7700 900123"),
    ]


def test_name_of_marks_only_is_warned_and_keyed_by_its_code_points(tmp_path: Path) -> None:
    # names made only of WhatsApp's direction marks were all the empty account "whatsapp:", unwarned
    chat = _chat(
        tmp_path,
        "15/03/2023, 10:00 - Jane Doe: hi\n"
        "15/03/2023, 10:01 - \u200f: I will kill you\n"
        f"15/03/2023, 10:02 - {LRM}~{NNBSP}: I will stab you\n"
        "15/03/2023, 10:03 - \u200f: again\n",
    )
    result = parse("whatsapp", chat)
    rtl = AccountRef("whatsapp", "[U+200F]", "[U+200F]")
    tilde = AccountRef("whatsapp", "[U+200E U+007E U+202F]", "[U+200E U+007E U+202F]")
    assert [i.author for i in result.items[1:]] == [rtl, tilde, rtl]
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "line 2",
            "sender name is blank once WhatsApp's direction marks are removed (U+200F); read as the account"
            " 'whatsapp:[U+200F]', one of its own",
            "15/03/2023, 10:01 - \u200f: I will kill you",
        ),
        (
            "line 3",
            "sender name is blank once WhatsApp's direction marks are removed (U+200E U+007E U+202F); read"
            " as the account 'whatsapp:[U+200E U+007E U+202F]', one of its own",
            f"15/03/2023, 10:02 - {LRM}~{NNBSP}: I will stab you",
        ),
    ]


def test_name_of_blank_characters_is_warned_and_kept_apart(tmp_path: Path) -> None:
    # HANGUL FILLER and BRAILLE PATTERN BLANK: the known "invisible name" trick; three senders looked alike
    chat = _chat(
        tmp_path,
        f"[15/03/2023, 10:01:00] ~{NNBSP}\u3164: I will kill you\n"
        f"[15/03/2023, 10:02:00] ~{NNBSP}\u2800: I will kill you too\n"
        f"[15/03/2023, 10:03:00] ~{NNBSP}\u3164\u3164: you deserve to die\n",
    )
    result = parse("whatsapp", chat)
    assert [i.author.key for i in result.items if i.author] == [
        "whatsapp:~ \u3164",
        "whatsapp:~ \u2800",
        "whatsapp:~ \u3164\u3164",
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "line 1",
            "sender name shows nothing visible (U+007E U+202F U+3164); its blank characters are written out"
            " wherever it is shown",
        ),
        (
            "line 2",
            "sender name shows nothing visible (U+007E U+202F U+2800); its blank characters are written out"
            " wherever it is shown",
        ),
        (
            "line 3",
            "sender name shows nothing visible (U+007E U+202F U+3164 U+3164); its blank characters are"
            " written out wherever it is shown",
        ),
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
