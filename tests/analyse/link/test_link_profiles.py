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
