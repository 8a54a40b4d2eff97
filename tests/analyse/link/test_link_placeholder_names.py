"""Placeholder names ("Author 1", "User 2", "Deleted Account") are not names: two of them are never alike.

Telegram chat-miner's samples name their accounts "Author 1" and "Author 2"; `link` proposed them as one
person ("moderate support", +1.50) from the stem "author" they share, as it had Telegram's ``user…`` ids
(test_link_issued_ids.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.analyse.link.analyser import LinkAnalyser
from footprint.analyse.link.block import shared_keys
from footprint.analyse.link.issued import not_a_name, placeholder
from footprint.analyse.link.profile import Message, build_profile
from footprint.analyse.link.score import score_pair
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.store.links import latest_links

LINES = [
    Message(f"message number {i} about the weather and the shops today", f"2024-03-0{i}T10:00:00Z")
    for i in range(1, 7)
]


@pytest.mark.parametrize(
    "name",
    [
        "Author 1",
        "Author 2",
        "User 2",
        "Member 17",
        "Participant 3",
        "Unknown 4",
        "Deleted Account",
        "Guest 12",
        "guest #12",
        "Person A",
        "  unknown  ",
    ],
)
def test_placeholder_names_are_not_names(name: str) -> None:
    assert placeholder(name)
    assert not_a_name("telegram:Author 1", name)


@pytest.mark.parametrize("name", ["user12345", "guest_12", "Authorised Dealer", "Dave Member", "membership"])
def test_chosen_names_with_a_generic_word_are_still_names(name: str) -> None:
    assert not placeholder(name)
    assert not not_a_name("x:1", name)


def test_two_placeholders_are_not_alike_but_chosen_names_beside_them_still_are() -> None:
    a = build_profile("telegram:Author 1", LINES, "Author 1", "Author 1")
    b = build_profile("telegram:Author 2", LINES[::-1], "Author 2", "Author 2")
    assert a.names == [] and b.names == []
    assert [e for e in score_pair(a, b).evidence if e.kind == "names"] == []
    assert shared_keys([a, b]) == set()
    c = build_profile("discord:1", LINES, "dave_hunter", "Member 3")
    d = build_profile("discord:2", LINES, "dave_hunter88", "Member 4")
    names = [e for e in score_pair(c, d).evidence if e.kind == "names"]
    assert [(e.features, e.weight > 0) for e in names] == [(("dave_hunter", "dave_hunter88"), True)]


def test_the_chat_miner_authors_are_not_linked(case: Case, shared_data: Path) -> None:
    folder = shared_data / "export-samples" / "telegram" / "chat-miner"
    for n, name in enumerate(("test_single_export.json", "test_batch_export.json"), start=1):
        if not (folder / name).is_file():
            pytest.skip(f"{folder / name} is not present")
        add_exhibit(case, folder / name, AddOptions(producer="DC A", exhibit_ref=f"TG/{n}"))
    assert sorted(a.key for a in case.store.accounts()) == ["telegram:Author 1", "telegram:Author 2"]
    drafts = list(LinkAnalyser().run(case))
    assert [d.category for d in drafts] == []
    assert [x for x in latest_links(case.store.engine)] == []
