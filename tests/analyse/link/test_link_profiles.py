"""What the link analyser takes as an account's writing (analyser.case_profiles)."""

from __future__ import annotations

from pathlib import Path

from footprint.analyse.link.analyser import case_profiles
from footprint.analyse.link.profile import Message, build_profile
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit


def test_placeholders_are_not_taken_as_the_authors_writing(case: Case, tmp_path: Path) -> None:
    # "This message was deleted" and "waiting for this message" were compared as the author's style and
    # words, so two accounts with deleted messages looked alike; their times still count
    chat = tmp_path / "WhatsApp Chat with Ben Example.txt"
    chat.write_text(
        "14/03/2024, 09:15 - Ben Example: where were you last night\n"
        "14/03/2024, 09:16 - Ben Example: This message was deleted\n"
        "14/03/2024, 09:17 - Ben Example: waiting for this message. Check your phone.\n",
        encoding="utf-8",
    )
    add_exhibit(case, chat, AddOptions(producer="Ann Example"))
    profiles, _context, _accounts, _firsts = case_profiles(case)
    (ben,) = profiles
    assert [(m.text, m.sent_at_utc) for m in ben.messages] == [
        ("where were you last night", "2024-03-14T09:15:00Z"),
        ("", "2024-03-14T09:16:00Z"),
        ("", "2024-03-14T09:17:00Z"),
    ]


def test_an_accounts_first_and_last_times_are_by_time_not_by_text() -> None:
    profile = build_profile(
        "x:a",
        [Message("later", "2024-03-01T09:00:00.500Z"), Message("first", "2024-03-01T09:00:00Z")],
    )
    assert (profile.first_utc, profile.last_utc) == ("2024-03-01T09:00:00Z", "2024-03-01T09:00:00.500Z")


def test_a_forwarded_i_have_blocked_you_is_not_her_block(case: Case, tmp_path: Path) -> None:
    # she forwarded a friend's "I have blocked your number": it was read as her blocking him, so a new
    # account of his after it looked like one made to get round her block
    export = tmp_path / "result.json"
    message = '{{"id": {n}, "type": "message", "date": "2026-03-14T10:0{n}:00", "date_unixtime": "{t}", ' \
        '"from": "{who}", "from_id": "{uid}", {extra}"text": "{text}"}}'  # fmt: skip
    rows = [
        message.format(n=1, t=1773482460, who="Amy Test", uid="user2222", extra='"forwarded_from": "Cara", ', text="I have blocked your number"),
        message.format(n=2, t=1773482520, who="Rob Test", uid="user1111", extra="", text="what is this"),
        message.format(n=3, t=1773482580, who="Amy Test", uid="user2222", extra="", text="I have blocked your number"),
    ]  # fmt: skip
    export.write_text(
        '{"name": "Rob Test", "type": "personal_chat", "id": 555, "messages": [' + ", ".join(rows) + "]}",
        encoding="utf-8",
    )
    add_exhibit(case, export, AddOptions(producer="Amy Test"))
    _profiles, context, _accounts, _firsts = case_profiles(case)
    by_id = {i.id: i.locator for i in case.store.iter_items()}
    # her own "I have blocked your number" (messages[2]) blocks the chat's other members; the forwarded one does not
    assert sorted((e.blocked, by_id[e.item.item_id or 0]) for e in context.blocks) == [
        ("telegram:user1111", "messages[2]"),
        ("telegram:user555", "messages[2]"),
    ]
