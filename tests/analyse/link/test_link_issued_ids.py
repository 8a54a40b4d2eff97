"""Ids a platform issues (Telegram's ``user…``, numeric ids) are not names: never "alike" (new-code review 1)."""

from __future__ import annotations

from footprint.analyse.link.block import shared_keys
from footprint.analyse.link.issued import platform_issued
from footprint.analyse.link.profile import Message, build_profile
from footprint.analyse.link.score import score_pair

LINES = [
    Message(f"message number {i} about the weather and the shops today", f"2024-03-0{i}T10:00:00Z")
    for i in range(1, 7)
]


def test_telegram_and_numeric_ids_are_platform_issued_and_chosen_names_are_not() -> None:
    assert platform_issued("telegram:user5368324170", "user5368324170")
    assert platform_issued("telegram", "channel1234567890")
    assert platform_issued("discord:908172635412345678", "908172635412345678")
    assert platform_issued("x:1029384756", "1029384756")
    assert not platform_issued("telegram:user1", "John Smith")
    assert not platform_issued("x:1", "user12345")  # on X a chosen handle, however plain
    assert not platform_issued("discord:1", "dave_hunter88")


def test_two_telegram_accounts_are_not_alike_by_their_ids() -> None:
    a = build_profile("telegram:user1029384756", LINES, "user1029384756", "user1029384756")
    b = build_profile("telegram:user5368324170", LINES[::-1], "user5368324170", "user5368324170")
    assert a.names == [] and b.names == []
    assert [e for e in score_pair(a, b).evidence if e.kind == "names"] == []
    assert shared_keys([a, b]) == set()


def test_two_discord_snowflakes_are_not_alike_but_their_chosen_handles_still_are() -> None:
    a = build_profile("discord:908172635412345678", LINES, "908172635412345678", "dave_hunter")
    b = build_profile("discord:908172635412399999", LINES, "908172635412399999", "dave_hunter88")
    names = [e for e in score_pair(a, b).evidence if e.kind == "names"]
    assert [(e.features, e.weight > 0) for e in names] == [(("dave_hunter", "dave_hunter88"), True)]
