"""Suicide Act 1961 s.2 (encouraging or assisting suicide): only words telling her to end her life count;
words telling her to hurt herself, and a self-harm finding a person records, count for OSA 2023 s.184
alone; conduct before the section's present wording (1 February 2010) is not assessed under it."""

from __future__ import annotations

from datetime import date

from lawscenario import Scenario, confirm_all, element, excluded, offences

from footprint.analyse.law.assess import assess_case
from footprint.analyse.law.kb import load_kb
from footprint.case import Case
from footprint.review import record_finding

AS_OF = date(2024, 6, 1)


def _assessed(s: Scenario, as_of: date = AS_OF) -> dict[str, object]:
    s.build()
    confirm_all(s.case)
    return assess_case(s.case, as_of)


def test_telling_her_to_kill_herself_makes_s2_a_candidate_beside_s184(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 01:44", "do everyone a favour and kill yourself", categories=("self_harm_encouragement",),
          rules=("selfharm.kill_yourself",))  # fmt: skip
    found = offences(_assessed(s))
    suicide = found["sa1961_s2"]
    assert (suicide["statute"], suicide["section"], suicide["title"]) == (
        "Suicide Act 1961",
        "s.2",
        "Encouraging or assisting suicide",
    )
    act = element(suicide, "act_capable")
    assert act["status"] == "evidenced"
    assert [i["item_id"] for i in act["items"]] == [s.item(1)]
    assert element(suicide, "intent")["status"] == "partly_evidenced"
    assert "osa2023_s184" in found


def test_telling_her_to_hurt_herself_is_s184_only(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 01:44", "go cut yourself", categories=("self_harm_encouragement",),
          rules=("selfharm.hurt_yourself",))  # fmt: skip
    result = _assessed(s)
    assert "osa2023_s184" in offences(result)
    assert "sa1961_s2" not in offences(result) and "sa1961_s2" not in excluded(result)  # nothing touches it


def test_a_self_harm_finding_a_person_recorded_counts_for_s184_alone(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 01:44", "nobody would care if you weren't here")
    s.build()
    record_finding(case, s.item(1), "self_harm_encouragement", "read with the messages before it", None)
    result = assess_case(case, AS_OF)
    assert "osa2023_s184" in offences(result)
    assert "sa1961_s2" not in offences(result) and "sa1961_s2" not in excluded(result)


def test_the_entry_is_checked_in_primary_text_and_needs_the_dpps_consent() -> None:
    entry = load_kb().offence("sa1961_s2")
    assert (entry.mode_of_trial, entry.max_penalty, entry.verification) == (
        "indictable_only",
        "14 years' imprisonment (s.2(1C))",
        "full",
    )
    assert entry.in_force_from == date(2010, 2, 1)
    assert entry.time_limit.rule == "none"
    assert entry.notes.startswith(
        "No charge without the consent of the Director of Public Prosecutions (s.2(4))"
    )
    assert [s.rules for e in entry.elements for s in e.evidence] == [
        ("selfharm.kill_yourself",),
        ("selfharm.kill_yourself",),
    ]


def test_conduct_before_the_present_wording_is_not_assessed_under_it(case: Case) -> None:
    s = Scenario(case)
    s.say("2009-06-01 01:44", "kill yourself", categories=("self_harm_encouragement",),
          rules=("selfharm.kill_yourself",))  # fmt: skip
    result = _assessed(s, date(2010, 6, 1))
    assert "sa1961_s2" not in offences(result) and "sa1961_s2" not in excluded(result)
