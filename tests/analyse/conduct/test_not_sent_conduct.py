"""Drafts and failed sends are words he wrote, not messages he sent her: never counted as his conduct
(contact after her request, course of conduct, escalation, the law), nor her unsent words as her
request to stop."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import HER, HIM, Scenario, run_only  # noqa: E402

from footprint.analyse.conduct.evidence import collect_pairs  # noqa: E402
from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.analyse.law.assess import assess_case  # noqa: E402
from footprint.case import Case  # noqa: E402

NOTE = (
    "2 item(s) between them were never sent and are not counted as conduct or as her requests:"
    " JD/1 line 2 (draft — never sent), JD/1 line 3 (failed to send)"
)


def _drafts_after_her_request(case: Case) -> Scenario:
    s = Scenario(case)
    s.say("2024-03-01 11:00", "Please stop contacting me", by="her", categories=("request_to_stop",))
    s.say(
        "2024-03-01 12:00", "you will regret ignoring me", categories=("threat_violence",), not_sent="draft"
    )
    s.say("2024-03-02 13:00", "answer me now", categories=("insult_harassment",), not_sent="failed")
    s.say("2024-03-03 20:00", "answer me")
    return s.build()


def test_his_drafts_and_failed_sends_are_not_contact_after_her_request(case: Case) -> None:
    s = _drafts_after_her_request(case)
    run_only(case, "contact_after_request")
    assert [(f.item_id, f.explanation) for f in case.store.findings("contact_after_request")] == [
        (
            s.item(4),
            "Sent by John Smith to her 57.0 hours after she asked him to stop (JD/1 line 1,"
            " 01/03/2024 11:00:00 GMT (+00:00), to whatsapp:John Smith); 1 request(s) to stop before it.",
        )
    ]


def test_the_pair_leaves_them_out_and_says_so(case: Case) -> None:
    s = _drafts_after_her_request(case)
    [pair] = collect_pairs(case)
    assert [p.item.id for p in pair.items] == [s.item(1), s.item(4)]
    assert pair.notes == (NOTE,)


def test_a_course_of_conduct_does_not_count_them(case: Case) -> None:
    _drafts_after_her_request(case)
    run_only(case, "course_of_conduct")
    [course] = case.store.findings("course_of_conduct")
    assert course.explanation.startswith(
        "John Smith → Jane Doe: 1 item(s) on 1 occasion(s) from 03/03/2024 20:00:00 GMT (+00:00) to"
        " 03/03/2024 20:00:00 GMT (+00:00);"
    )
    assert course.explanation.endswith(f" Note: {NOTE}.")


def test_the_law_does_not_rest_on_them(case: Case) -> None:
    # sent, the three would support s.127(2)(c) and the PHA offences (as the reviewer found); one is not
    _drafts_after_her_request(case)
    run_only(case, "contact_after_request")
    [assessment] = assess_case(case, date(2024, 6, 1))["assessments"]
    assert [o["id"] for o in assessment["offences"]] == []
    assert NOTE in assessment["notes"]


def test_her_request_she_never_sent_is_not_a_request_he_received(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 11:00", "leave me alone", by="her", categories=("request_to_stop",), not_sent="draft")
    s.say("2024-03-01 18:00", "answer me")
    s.build()
    run_only(case, "contact_after_request")
    assert case.store.findings("contact_after_request") == []
    [pair] = collect_pairs(case)
    assert pair.requests == ()


def test_a_draft_after_a_restraining_order_is_not_a_breach(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 10:01", "you can't stop me", not_sent="draft")
    s.say("2024-03-01 10:02", "you can't stop me", not_sent="queued")
    s.say("2024-03-01 10:05", "answer me")
    s.build()
    add_order(
        case, type="restraining", made="2024-03-01 10:00", expires=None, protects=HER, against=HIM,
        conditions=["not to contact Jane Doe directly or indirectly"],
    )  # fmt: skip
    breaches = assess_case(case, date(2024, 6, 1))["breaches"]
    assert [b["item_id"] for b in breaches] == [s.item(3)]


def test_the_note_names_ten_and_counts_the_rest(case: Case) -> None:
    # a phone can hold thousands of drafts: the note stays readable
    s = Scenario(case)
    for minute in range(12):
        s.say(f"2024-03-01 12:{minute:02d}", "draft", not_sent="draft")
    s.build()
    [pair] = collect_pairs(case)
    shown = ", ".join(f"JD/1 line {n} (draft — never sent)" for n in range(1, 11))
    assert pair.notes == (
        "12 item(s) between them were never sent and are not counted as conduct or as her requests:"
        f" {shown} and 2 more (`footprint items --json`: not_sent)",
    )


def test_a_draft_naming_her_does_not_make_his_chat_with_a_friend_about_her(case: Case) -> None:
    # a chat in which he names her is taken to be about her; a draft he never sent names her to no one
    s = Scenario(case)
    s.say("2024-03-01 11:00", "are you coming to the match?", by="her")
    s.say("2024-03-01 12:00", "Jane will regret this", to="friend", not_sent="draft")
    s.say("2024-03-01 12:05", "see you at the match", to="friend")
    s.build()
    [pair] = collect_pairs(case)
    assert [(p.item.id, p.direction) for p in pair.items] == [(s.item(1), "from_her")]
    assert pair.notes == (
        "1 item(s) between them were never sent and are not counted as conduct or as her requests:"
        " JD/1 line 2 (draft — never sent)",
    )


def test_a_sent_message_naming_her_still_makes_his_chat_with_a_friend_about_her(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 11:00", "are you coming to the match?", by="her")
    s.say("2024-03-01 12:00", "Jane will regret this", to="friend")
    s.say("2024-03-01 12:05", "see you at the match", to="friend")
    s.build()
    [pair] = collect_pairs(case)
    assert [(p.item.id, p.direction) for p in pair.items] == [
        (s.item(1), "from_her"),
        (s.item(2), "about_her"),
        (s.item(3), "about_her"),
    ]
