"""Conduct analysers: course of conduct, escalation and contact after a request to stop."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import HER, HIM, Scenario, escalating_pattern, run_only  # noqa: E402

from footprint.analyse.base import Analyser, analysers  # noqa: E402
from footprint.analyse.conduct.escalation import change_point  # noqa: E402
from footprint.analyse.conduct.evidence import UPSTREAM, collect_pairs, occasions  # noqa: E402
from footprint.case import Case  # noqa: E402

MINE = [
    "contact_after_request",
    "course_of_conduct",
    "escalation",
    "law",
    "order_breach",
    "retraction_after_threat",
]


def test_registered_and_ordered_after_detection_when_present() -> None:
    for name in MINE:
        cls = analysers.get(name)
        assert issubclass(cls, Analyser)
        assert set(cls.depends_on) <= set(UPSTREAM)
        assert all(dep in analysers for dep in cls.depends_on)
        if "detect" in analysers:
            assert "detect" in cls.depends_on


def test_every_upstream_name_is_a_registered_analyser() -> None:
    # "media" named no analyser (it is "images"), so conduct ran before the image matches it reads
    assert [name for name in UPSTREAM if name not in analysers] == []


def test_messages_a_minute_apart_are_one_occasion_hours_apart_two(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 20:00", "answer me")
    s.say("2024-03-02 20:01", "answer me now")
    s.say("2024-03-02 22:30", "I'm outside")
    [pair] = collect_pairs(s.build().case)
    groups = occasions(pair.conduct())
    assert [[p.item.id for p in g] for g in groups] == [[s.item(2), s.item(3)], [s.item(4)]]


def test_course_of_conduct_finding(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 20:00", "where were you", categories=("monitoring",))
    s.say("2024-04-20 20:00", "saw you at the gym", categories=("monitoring",), to="friend")
    s.say("2024-04-20 20:01", "Jane can't hide", to="friend")
    s.incident("2024-04-21 08:40", "John Smith followed her to the bus stop")
    s.build()
    run_only(case, "course_of_conduct")
    [finding] = case.store.findings("course_of_conduct")
    assert finding.item_id is None
    d = finding.details
    assert (d["suspect"], d["complainant"], d["occasion_count"]) == (HIM, HER, 3)
    assert d["two_or_more_occasions"] is True
    assert d["item_ids"] == [s.item(2), s.item(3), s.item(4), s.item(5)]
    assert "recurring themes: monitoring on 2 occasions" in d["links"]
    assert d["wide_gaps"] == 1 and d["longest_gap_days"] == 49.0
    assert "Lau v DPP" in finding.explanation


def test_one_occasion_finding_says_so(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 20:00", "slag", categories=("misogynistic_abuse",))
    s.build()
    run_only(case, "course_of_conduct")
    [finding] = case.store.findings("course_of_conduct")
    assert "one occasion only, which is not a course of conduct" in finding.explanation


def test_contact_after_request(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 09:00", "hi")
    s.say("2024-03-01 12:00", "stop", by="her", categories=("request_to_stop",))
    s.say("2024-03-01 18:00", "no")
    s.say("2024-03-02 10:00", "Tell Jane to answer", to="friend")
    s.build()
    run_only(case, "contact_after_request")
    found = case.store.findings("contact_after_request")
    assert [(f.item_id, f.details["hours_after"], f.details["direction"]) for f in found] == [
        (s.item(3), 6.0, "to_her"),
        (s.item(4), 22.0, "about_her"),
    ]
    assert found[0].explanation == (
        "Sent by John Smith to her 6.0 hours after she asked him to stop (JD/1 line 2,"
        " 01/03/2024 12:00:00 GMT (+00:00), to whatsapp:John Smith); 1 request(s) to stop before it."
    )


def test_change_point() -> None:
    assert change_point([1, 1, 1, 4, 5]) == (3, 1.0, 4.5)
    assert change_point([3]) is None


def test_escalation(case: Case) -> None:
    s = escalating_pattern(case)
    run_only(case, "escalation")
    [finding] = case.store.findings("escalation")
    points = {cp["measure"]: cp for cp in finding.details["change_points"]}
    assert points["severity"]["item_id"] == s.item(5)
    assert (points["severity"]["before"], points["severity"]["after"]) == (1.0, 5.0)
    assert points["occasions_per_week"]["after"] == 4.0
    assert finding.details["firsts"] == [
        {"category": "threat_to_kill", "item_id": s.item(5), "at_utc": "2024-03-23T08:00:00Z"}
    ]
    assert "severity rose from 1.0 (mean over occasions 1-3) to 5.0 (occasions 4-7)" in finding.explanation


def test_no_escalation_when_steady(case: Case) -> None:
    s = Scenario(case)
    for day in ("02", "09", "16", "23"):
        s.say(f"2024-03-{day} 20:00", "slag", categories=("misogynistic_abuse",))
    s.build()
    run_only(case, "escalation")
    assert case.store.findings("escalation") == []


def test_unattributed_accounts_are_not_his(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 20:00", "you can't block me", by="friend", to="her", categories=("evasion",))
    [pair] = collect_pairs(s.build().case)
    assert pair.items == ()


def test_law_analyser_one_assessment_per_pair(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-02-13 21:36", "I'll kill you", categories=("threat_to_kill",))
    s.build()
    for name in MINE:  # alone: no detector needed
        run_only(case, name)
    [finding] = case.store.findings("offence_assessment")
    assert finding.item_id is None
    assert finding.details["suspect"] == HIM and finding.details["complainant"] == HER
    assert finding.details["statement"].startswith("This is not a finding of guilt.")
    labels = [f"{o['statute']} {o['section']}" for o in finding.details["offences"]]
    assert "Offences against the Person Act 1861 s.16" in labels
    assert "This is not a finding of guilt." in finding.explanation


def test_contact_after_request_notes_her_own_messages(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop", by="her", categories=("request_to_stop",))
    s.say("2024-03-03 12:00", "can you return my keys?", by="her")
    s.say("2024-03-03 13:00", "come and get them")
    s.build()
    run_only(case, "contact_after_request")
    [finding] = case.store.findings("contact_after_request")
    assert finding.details["her_items_since_request"] == [s.item(2)]
    assert "She wrote to him 1 time(s) between her request and this item" in finding.explanation


def test_her_accounts_from_her_own_exhibits_when_unattributed(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 20:00", "no", categories=("insult_harassment",))
    s.build()
    with case.store.engine.begin() as conn:
        conn.exec_driver_sql(
            "DELETE FROM attribution WHERE account_id = (SELECT id FROM account WHERE key = 'whatsapp:Jane Doe')"
        )
    [pair] = collect_pairs(case)
    assert pair.complainant_accounts == ("whatsapp:Jane Doe",)
    assert pair.notes[0].startswith(
        "no account is attributed to Jane Doe; taken as hers from her own exhibits"
    )
    assert [p.direction for p in pair.items] == ["from_her", "to_her"]


def test_dismissed_contact_after_request_is_left_out(case: Case) -> None:
    from footprint.review import decide

    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 12:00", "your keys are at the door")
    s.build()
    run_only(case, "contact_after_request")
    [finding] = case.store.findings("contact_after_request")
    decide(case, finding.id, "dismiss", "arranging the return of her keys, which she asked for")
    [pair] = collect_pairs(case)
    assert pair.after_request() == ()


def test_a_dismissal_holds_when_the_analyser_runs_again(case: Case) -> None:
    from footprint.review import decide

    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 12:00", "your keys are at the door")
    s.say("2024-03-03 12:00", "answer me")
    s.build()
    run_only(case, "contact_after_request")
    first = next(f for f in case.store.findings("contact_after_request") if f.item_id == s.item(2))
    decide(case, first.id, "dismiss", "arranging the return of her keys")
    for _ in range(2):
        run_only(case, "contact_after_request")
        assert [f.item_id for f in case.store.findings("contact_after_request")] == [s.item(3)]


def test_a_date_only_record_is_not_a_second_occasion_on_a_day_that_has_one(case: Case) -> None:
    # A record with no time of day is stored at midnight, so with a message at 20:00 the same day it made
    # two occasions (enough for a course of conduct) although both may have been one.
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I'll hurt you", categories=("threat_violence",))
    s.incident("2024-03-01", "John Smith shouted at her outside her house")
    pair = collect_pairs(s.build().case)[0]
    assert [[p.item.id for p in o] for o in occasions(list(pair.conduct()))] == [[s.item(2), s.item(1)]]
    s.incident("2024-03-02", "John Smith outside her house again")
    pair = collect_pairs(s.build().case)[0]
    assert len(occasions(list(pair.conduct()))) == 2
