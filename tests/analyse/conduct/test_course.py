"""The course-of-conduct finding audited against the reference (PHA 1997 s.7(3); Lau v DPP, Pratt v DPP;
DPP v Baker): what an occasion is, what links the occasions, what the gaps and the time limit mean."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import Scenario, confirm_all, offences, run_only  # noqa: E402

from footprint.analyse.law.assess import assess_case  # noqa: E402
from footprint.case import Case  # noqa: E402


def _finding(case: Case):  # type: ignore[no-untyped-def]
    run_only(case, "course_of_conduct")
    [finding] = case.store.findings("course_of_conduct")
    return finding


def test_the_explanation_names_the_occasions_the_rule_the_links_and_the_numbers(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 20:00", "where were you", categories=("monitoring",))
    s.say("2024-03-02 20:30", "answer me")
    s.say("2024-04-20 20:00", "saw you at the gym", categories=("monitoring",))
    finding = _finding(s.build().case)
    assert finding.explanation == (
        "John Smith → Jane Doe: 3 item(s) on 2 occasion(s) from 02/03/2024 20:00:00 GMT (+00:00) to"
        " 20/04/2024 20:00:00 BST (+01:00); at least two occasions, so a course of conduct is possible."
        " Occasions (items less than 60 minutes apart are one occasion: a rule of this tool, not of law):"
        " 1. 02/03/2024: JD/1 line 2, JD/1 line 3; 2. 20/04/2024: JD/1 line 4."
        " All directed at or about Jane Doe."
        " Linked by: recurring themes: monitoring on 2 occasions; 3 item(s) after she asked him to stop"
        " (01/03/2024 12:00:00 GMT (+00:00))."
        " 1 gap(s) between occasions exceed 30 days (longest 48.9 days; 30 days is this tool's prompt,"
        " not a legal limit): the fewer and more widely spaced the occasions, the weaker the inference"
        " of a course of conduct (Lau v DPP; Pratt v DPP)."
        " Time limit: for a summary-only offence (Protection from Harassment Act 1997 s.2, s.2A) the six"
        " months run from the last occasion, 20/04/2024 (DPP v Baker); earlier occasions may still be"
        " relied on."
    )
    assert finding.score == 1.0
    assert finding.details["nexus"] == [
        "recurring themes: monitoring on 2 occasions",
        "3 item(s) after she asked him to stop (01/03/2024 12:00:00 GMT (+00:00))",
    ]
    assert finding.details["last_occasion_date"] == "2024-04-20"
    assert finding.details["single_day"] is False


def test_occasions_with_nothing_linking_them_but_her_say_so(case: Case) -> None:
    # The reference's indicators of a course of conduct are a thematic or temporal link, contact after
    # a request to stop and several accounts traced to him: being about her is what makes them
    # relevant at all, not a link between them.
    s = Scenario(case)
    s.say("2024-03-02 20:00", "slag", categories=("misogynistic_abuse",))
    s.say("2024-03-09 20:00", "where are you", categories=("monitoring",))
    finding = _finding(s.build().case)
    assert finding.details["nexus"] == []
    assert (
        " All directed at or about Jane Doe. No link between the occasions beyond that is recorded (no"
        " recurring theme, no contact after a request to stop, no second account): whether they are"
        " connected is for the lawyer." in finding.explanation
    )
    assert "Linked by" not in finding.explanation
    assert finding.score == 0.6


def test_occasions_all_on_one_day_are_left_to_the_lawyer(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 09:00", "slag", categories=("misogynistic_abuse",))
    s.say("2024-03-02 21:00", "slag", categories=("misogynistic_abuse",))
    finding = _finding(s.build().case)
    assert finding.details["single_day"] is True
    assert (
        " All 2 occasions fall on one day (02/03/2024): whether they are separate occasions, and so a"
        " course of conduct, is for the lawyer." in finding.explanation
    )
    assert finding.score == 0.6


def test_a_date_only_record_shows_no_time_and_its_gap_is_in_whole_days(case: Case) -> None:
    s = Scenario(case)
    s.incident("2024-03-01", "John Smith shouted at her outside her house")
    s.say("2024-03-10 20:00", "I'll hurt you", categories=("threat_violence",))
    finding = _finding(s.build().case)
    assert " from 01/03/2024 (time not recorded) to 10/03/2024 20:00:00 GMT (+00:00);" in finding.explanation
    assert finding.details["gaps"] == [
        {"from_utc": "2024-03-01T00:00:00Z", "to_utc": "2024-03-10T20:00:00Z", "days": 9.0, "date_only": True}
    ]


def test_items_left_out_of_the_occasions_are_said(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 20:00", "slag", categories=("misogynistic_abuse",))
    s.say("", "slag again", categories=("misogynistic_abuse",))
    finding = _finding(s.build().case)
    assert finding.explanation.endswith(
        " Note: 1 item(s) between them have no time and were left out of dates and occasions."
    )


def test_earlier_occasions_outside_six_months_still_count_for_a_summary_only_course(case: Case) -> None:
    # DPP v Baker (CPS guidance): the six months run from the last incident of the course; earlier ones
    # outside the six months may form part of the course relied on.
    s = Scenario(case)
    s.say("2023-09-01 12:00", "stop", by="her", categories=("request_to_stop",))
    s.say("2023-09-02 20:00", "I'll break your legs", categories=("threat_violence",))
    s.say("2024-05-02 20:00", "I'll stab you", categories=("threat_violence",))
    confirm_all(s.build().case)
    result = assess_case(case, date(2024, 6, 1))
    s2 = offences(result)["pha1997_s2"]
    course = next(e for e in s2["elements"] if e["id"] == "course_of_conduct")
    assert (course["status"], course["occasions"]) == ("evidenced", {"found": 2, "needed": 2})
    assert s2["time_limit"]["last_incident"] == {"item_id": s.item(3), "date": "2024-05-02"}
    assert s2["time_limit"]["last_date"] == "2024-11-02"
    assert s2["time_limit"]["warning"] is None


def test_the_findings_a_person_confirmed_that_the_course_leaves_out_are_named_with_why(case: Case) -> None:
    # a prosecutor reading the course must see that a confirmed threat is not in it, and why
    s = Scenario(case)
    s.say("2024-03-02 20:00", "slag", categories=("misogynistic_abuse",))
    s.say("2024-03-09 20:00", "where are you", categories=("monitoring",))
    s.say(
        "2024-03-10 09:00",
        "I will kill you",
        by="friend",
        categories=("threat_to_kill",),
        confirmed=("threat_to_kill",),
    )
    s.say(
        "2024-03-11 09:00",
        "I will hurt you",
        to="friend",
        categories=("threat_violence",),
        confirmed=("threat_violence",),
    )
    s.say("", "you will pay", categories=("threat_violence",), confirmed=("threat_violence",))
    s.say(
        "2024-03-12 10:00",
        "you are dead",
        categories=("threat_to_kill",),
        confirmed=("threat_to_kill",),
        not_sent="draft",
    )
    s.say(
        "2024-03-13 10:00",
        "you pig",
        by="her",
        categories=("insult_harassment",),
        confirmed=("insult_harassment",),
    )
    s.say(
        "2024-03-14 10:00",
        "loser",
        by="her_email",
        to="friend",
        categories=("insult_harassment",),
        confirmed=("insult_harassment",),
    )
    s.incident("2024-03-15 10:00", "Sarah Jones shouted at a neighbour", categories=("threat_violence",))
    s.lines[-1].confirmed = ("threat_violence",)
    s.say(
        "2024-03-16 10:00", "I will hurt you too", by="friend", categories=("threat_violence",)
    )  # not reviewed
    finding = _finding(s.build().case)
    ids = {f.item_id: f.id for f in case.store.findings() if f.analyser == "labels"}
    left = [(ids[s.item(n)], s.item(n), f"JD/1 line {n}") for n in range(3, 10)]
    reasons = [
        (
            "threat_to_kill",
            "sent by whatsapp:Sarah Jones, an account attributed to Sarah Jones, not John Smith",
        ),
        ("threat_violence", "sent by John Smith (whatsapp:John Smith) but neither to nor about Jane Doe"),
        ("threat_violence", "it has no time, so it cannot be placed among the occasions"),
        ("threat_to_kill", "never sent (draft — never sent)"),
        ("insult_harassment", "sent by Jane Doe: her own words are not his conduct"),
        (
            "insult_harassment",
            "sent by email:jane@example.invalid, an account attributed to no one (`footprint account attribute`)",
        ),
        (
            "threat_violence",
            "an offline incident not counted as his: it names neither John Smith nor Jane Doe",
        ),
    ]
    assert finding.details["left_out"] == [
        {"finding_id": fid, "category": category, "item_id": item_id, "ref": ref, "reason": reason}
        for (fid, item_id, ref), (category, reason) in zip(left, reasons, strict=True)
    ]
    named = "; ".join(
        f"#{fid} ({category}, {ref}): {reason}"
        for (fid, _, ref), (category, reason) in zip(left, reasons, strict=True)
    )
    assert (
        f" Left out: 7 finding(s) a person confirmed are not counted in this course: {named}."
        in finding.explanation
    )
    assert finding.details["item_ids"] == [s.item(1), s.item(2)]  # what it counts is unchanged


def test_past_ten_left_out_findings_the_explanation_counts_the_rest(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 20:00", "slag", categories=("misogynistic_abuse",))
    for day in range(10, 22):
        s.say(f"2024-03-{day} 09:00", "I will kill you", by="friend", categories=("threat_to_kill",),
              confirmed=("threat_to_kill",))  # fmt: skip
    finding = _finding(s.build().case)
    assert len(finding.details["left_out"]) == 12
    assert finding.explanation.count("not John Smith") == 10
    assert "not John Smith; and 2 more (this finding's details name them all)." in finding.explanation
