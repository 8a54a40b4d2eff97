"""Findings a person records (``footprint record``) count in the offence assessment like any other."""

from __future__ import annotations

from datetime import date

from lawscenario import Scenario, element, excluded, offences

from footprint.analyse.law.assess import assess_case
from footprint.case import Case
from footprint.review import decide, record_finding

AS_OF = date(2024, 6, 1)


def test_a_recorded_money_demand_makes_blackmails_gain_evidenced(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-02-13 21:33", "unblock me or everyone sees the photos", categories=("blackmail",))
    s.build()
    assert "ta1968_s21" in excluded(assess_case(case, AS_OF))
    record_finding(case, s.item(1), "money_demand", "his voice note JD/4 asks £500 for the photos", None)
    blackmail = offences(assess_case(case, AS_OF))["ta1968_s21"]
    gain = element(blackmail, "gain_or_loss")
    assert gain["status"] == "evidenced"
    assert [(i["item_id"], i["confirmed"]) for i in gain["items"]] == [(s.item(1), ["money_demand"])]


def test_a_recorded_sharing_makes_s66b_2s_sharing_element_evidenced(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 22:00", "everyone can see Jane now", to="friend")
    s.build()
    assert "soa2003_s66b_2" not in offences(assess_case(case, AS_OF))
    record_finding(case, s.item(1), "intimate_image_shared", "the photo was posted to his story", None)
    sharing = element(offences(assess_case(case, AS_OF))["soa2003_s66b_2"], "shares_image")
    assert sharing["status"] == "evidenced"
    assert [i["item_id"] for i in sharing["items"]] == [s.item(1)]


def test_a_dismissed_recorded_finding_no_longer_counts(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-02-13 21:33", "pay me or the photos go out", categories=("blackmail",))
    s.build()
    recorded = record_finding(case, s.item(1), "money_demand", "he asks for money", None)
    decide(case, recorded.finding_id, "dismiss", "the prosecutor reads it as a demand for contact")
    assert "ta1968_s21" in excluded(assess_case(case, AS_OF))
