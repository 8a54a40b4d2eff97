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
