"""Indirect contact in an order is a message meant to reach her through another person: his message to
someone else counts only when its words ask that person to pass something on to her; any other message
about her is named for a person to judge, never counted."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import HER, HIM, Scenario, run_only  # noqa: E402

from footprint.analyse.conduct.breach import asks_to_pass_on, find_breaches  # noqa: E402
from footprint.analyse.conduct.evidence import collect_pairs  # noqa: E402
from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.analyse.law.assess import assess_case  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.review import decide  # noqa: E402

NO_CONTACT = "not to contact Jane Doe directly or indirectly"
MADE = "restraining order 1 (made 01/03/2024 10:00:00 GMT (+00:00))"
KNEW = "Proof that he knew of the order, and any excuse, are for the lawyer."


def _order(case: Case, *conditions: str) -> None:
    add_order(
        case, type="restraining", made="2024-03-01 10:00", expires=None, protects=HER, against=HIM,
        conditions=list(conditions or (NO_CONTACT,)),
    )  # fmt: skip


def _findings(case: Case) -> list[tuple[int | None, float | None, str]]:
    run_only(case, "order_breach")
    return [(f.item_id, f.score, f.explanation) for f in case.store.findings("order_breach")]


@pytest.mark.parametrize(
    "text",
    [
        "Tell Jane she can't hide from me",
        "tell her I'm sorry",
        "Please let her know I'll be there",
        "can you give her this",
        "Pass this on to Jane Doe",
        "you should ask her to call me",
        "ok. Make sure she gets it",
        "I miss her. Tell her that",
    ],
)
def test_words_that_ask_the_reader_to_pass_it_on(text: str) -> None:
    assert asks_to_pass_on(text, HER)


@pytest.mark.parametrize(
    "text",
    [
        "That's her car outside her new flat",
        "I'll tell her myself",
        "she never lets anyone tell her anything",
        "I gave her everything",
        "Jane is a liar",
        "",
    ],
)
def test_words_about_her_that_ask_nothing(text: str) -> None:
    assert not asks_to_pass_on(text, HER)


def test_tell_jane_to_a_third_party_is_indirect_contact(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 10:05", "Tell Jane she can't hide from me", to="friend")
    s.build()
    _order(case)
    [pair] = collect_pairs(case)
    assert [(b.item.item.id, b.judge) for b in find_breaches(pair)] == [(s.item(1), "")]
    assert find_breaches(pair, to_judge=True) == []
    assert _findings(case) == [
        (
            s.item(1),
            0.9,
            "Sent by John Smith at 02/03/2024 10:05:00 GMT (+00:00), 1 day 0 hours after"
            f" {MADE} was made, contrary to: '{NO_CONTACT}'. {KNEW}",
        )
    ]


def test_a_message_about_her_to_a_third_party_is_named_for_a_person_to_judge(case: Case) -> None:
    # the demo's SJ/1: he names her to Sarah before the order, so the conversation is about her
    s = Scenario(case)
    s.say("2024-02-28 09:00", "Jane moved out", to="friend")
    s.say("2024-03-02 10:07", "That's her car outside her new flat", to="friend")
    s.build()
    _order(case)
    [pair] = collect_pairs(case)
    assert [p.direction for p in pair.items] == ["about_her", "about_her"]
    assert find_breaches(pair) == []
    [judged] = find_breaches(pair, to_judge=True)
    assert judged.item.item.id == s.item(2)
    assert judged.judge == (
        "a message about her to whatsapp:Sarah Jones: whether it was meant to reach her (indirect contact)"
        " is for a person to judge"
    )
    assert _findings(case) == [
        (
            s.item(2),
            0.5,
            "Sent by John Smith at 02/03/2024 10:07:00 GMT (+00:00), 1 day 0 hours after"
            f" {MADE} was made: a message about her to whatsapp:Sarah Jones: whether it was meant to reach"
            " her (indirect contact) is for a person to judge. If it was, it is contrary to:"
            f" '{NO_CONTACT}'; it is not counted as a breach unless a person confirms this finding. {KNEW}",
        )
    ]
    [finding] = case.store.findings("order_breach")
    assert finding.details["to_check"] is True
    result = assess_case(case, date(2024, 6, 1))
    assert result["breaches"] == []
    # a person who judges it was meant to reach her confirms the finding: then it counts
    decide(case, finding.id, "confirm", "Sarah says he told her to pass it on")
    [pair] = collect_pairs(case)
    assert [b.item.item.id for b in find_breaches(pair)] == [s.item(2)]
    assert find_breaches(pair, to_judge=True) == []
    assert [b["item_id"] for b in assess_case(case, date(2024, 6, 1))["breaches"]] == [s.item(2)]


def test_a_direct_message_still_counts(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 10:05", "That's your car outside your new flat")
    s.build()
    _order(case)
    assert _findings(case) == [
        (
            s.item(1),
            0.9,
            "Sent by John Smith at 02/03/2024 10:05:00 GMT (+00:00), 1 day 0 hours after"
            f" {MADE} was made, contrary to: '{NO_CONTACT}'. {KNEW}",
        )
    ]


def test_a_publish_condition_still_catches_a_post_about_her(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 10:05", "Jane Doe is a liar", to="friend", kind="post")
    s.build()
    _order(case, "not to publish anything about Jane Doe on social media")
    [pair] = collect_pairs(case)
    assert [(b.item.item.id, [c.text for c in b.conditions]) for b in find_breaches(pair)] == [
        (s.item(1), ["not to publish anything about Jane Doe on social media"])
    ]
    assert find_breaches(pair, to_judge=True) == []


def test_a_direct_only_order_names_nothing_to_judge(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 10:07", "That's her car outside her new flat", to="friend")
    s.build()
    _order(case, "not to contact Jane Doe directly")
    [pair] = collect_pairs(case)
    assert find_breaches(pair) == [] and find_breaches(pair, to_judge=True) == []
