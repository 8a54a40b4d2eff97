"""Offline incidents count as his conduct only when their row or a person says he did them."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import HER, HIM, Scenario, element, offences, run_only  # noqa: E402

from footprint.analyse.conduct.evidence import collect_pairs  # noqa: E402
from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.analyse.law.assess import assess_case  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.cli.law_cmds import render  # noqa: E402
from footprint.parties import add_person  # noqa: E402
from footprint.review import decide, record_finding  # noqa: E402

ZONE = "not to go within 100 metres of Orchard Street"
AS_OF = date(2024, 12, 20)


def _messages(case: Case) -> Scenario:
    """Two threats on two days (a course of conduct), the last on 04/03/2024, and a zone order."""
    s = Scenario(case)
    s.say("2024-03-02 20:00", "I'll break your legs", categories=("threat_violence",))
    s.say("2024-03-04 09:00", "I'll stab you", categories=("threat_violence",))
    return s


def _order(case: Case) -> None:
    add_order(
        case,
        type="restraining",
        made="2024-03-01 10:00",
        expires=None,
        protects=HER,
        against=HIM,
        conditions=[ZONE],
    )


def _s2_last_date(case: Case) -> str:
    return str(offences(assess_case(case, AS_OF))["pha1997_s2"]["time_limit"]["last_date"])


def test_police_actions_an_alibi_and_a_namesake_are_not_his_conduct(case: Case) -> None:
    # Every incident naming him was his conduct: serving the order, his arrest and his day in custody were
    # occasions of the course, breaches of the exclusion zone and moved the s.2 last date to charge; so did
    # "DC John Hart took my statement" on the first name alone.
    s = _messages(case)
    s.incident(
        "2024-03-05 09:30",
        "PC 1234 served the order on John Smith in person",
        place="3 Orchard Street",
        reported_by="PC 1234",
    )
    s.incident(
        "2024-07-20 06:00",
        "John Smith arrested at his mother's home on Orchard Street and taken to custody",
        place="Orchard Street",
        reported_by="DC Sam Hughes",
    )
    s.incident(
        "2024-07-21",
        "John Smith in custody all day; no contact possible",
        place="Orchard Street",
        reported_by="DC Sam Hughes",
    )
    s.incident(
        "2024-08-15 14:00",
        "DC John Hart took my statement at my flat on Orchard Street",
        reported_by=HER,
    )
    s.incident("2024-08-16 10:00", "John Smith's solicitor wrote to me at Orchard Street", reported_by=HER)
    s.build()
    _order(case)
    [pair] = collect_pairs(case)
    assert [p.item.kind for p in pair.items] == ["message", "message"]
    assert (
        "4 offline incident(s) name John Smith but are not counted as his conduct: JD/1 line 3 (it names him"
        " but does not say he did it), JD/1 line 4 (it names him but does not say he did it), JD/1 line 5 (it"
        " names him but does not say he did it), JD/1 line 7 (it names him but does not say he did it); where he did one, say so in its row's 'done by' column or"
        " record a finding on it (`footprint record`)"
    ) in pair.notes
    result = assess_case(case, AS_OF)
    assert result["breaches"] == []
    assert _s2_last_date(case) == "2024-09-04"  # six months from the last message, not from custody


def test_a_row_that_says_he_did_it_counts_and_its_breach_says_who_reported_it(case: Case) -> None:
    s = _messages(case)
    s.incident(
        "2024-05-20 19:00",
        "John turned up at my door",
        place="Orchard Street",
        reported_by=HER,
        done_by=HIM,
    )
    s.incident("2024-05-21", "John Smith waited outside my flat", place="Orchard Street", reported_by=HER)
    s.incident(
        "2024-05-22 10:00",
        "John Smith's case was heard",
        place="Orchard Street",
        reported_by=HER,
        done_by="Clerk",
    )
    s.build()
    _order(case)
    [pair] = collect_pairs(case)
    assert [(p.item.locator, p.basis) for p in pair.items if p.direction == "incident"] == [
        ("line 3", "its 'done by' column names John Smith"),
        ("line 4", "his conduct by its words (not reviewed): they open with John Smith as the one acting"),
    ]
    assert any("JD/1 line 5 (its 'done by' column names 'Clerk')" in n for n in pair.notes)
    run_only(case, "order_breach")
    [first, second] = case.store.findings("order_breach")
    assert first.explanation.startswith(
        "Incident at Orchard Street, reported by Jane Doe; its 'done by' column names John Smith; dated"
        " 20/05/2024 19:00:00 BST (+01:00), 80 days 8 hours after restraining order 1 (made 01/03/2024"
        " 10:00:00 GMT (+00:00)) was made, contrary to: 'not to go within 100 metres of Orchard Street'."
    )
    assert second.explanation.startswith(
        "Incident at Orchard Street, reported by Jane Doe; his conduct by its words (not reviewed): they open"
        " with John Smith as the one acting; dated 21/05/2024 (time not recorded), on the day or after restraining order 1"
    )
    assert second.details["minutes_after_made"] is None  # stored at midnight, not a recorded time
    assert _s2_last_date(case) == "2024-11-21"


def test_his_first_name_alone_is_not_him_when_another_person_in_the_case_has_it(case: Case) -> None:
    s = _messages(case)
    s.incident("2024-05-20 19:00", "John turned up at my door", reported_by=HER)
    s.build()
    add_person(case, "John Hart", "witness")
    [pair] = collect_pairs(case)
    assert [p.item.kind for p in pair.items] == ["message", "message"]
    assert any(
        "JD/1 line 3 (it names 'John' alone, which another person in the case shares)" in n
        for n in pair.notes
    )


def test_dismissing_the_breach_on_an_incident_takes_it_out_of_his_conduct(case: Case) -> None:
    s = _messages(case)
    s.incident("2024-06-01 08:00", "John Smith walked past my flat", place="Orchard Street", reported_by=HER)
    s.build()
    _order(case)
    run_only(case, "order_breach")
    assert _s2_last_date(case) == "2024-12-01"
    [breach] = case.store.findings("order_breach")
    decide(case, breach.id, "dismiss", "not the suspect")
    [pair] = collect_pairs(case)
    assert [p.item.kind for p in pair.items] == ["message", "message"]
    assert any("JD/1 line 3 (a person dismissed the order-breach finding on it)" in n for n in pair.notes)
    assert _s2_last_date(case) == "2024-09-04"
    assert assess_case(case, AS_OF)["breaches"] == []


def test_a_person_confirming_a_finding_on_an_incident_makes_it_his(case: Case) -> None:
    s = _messages(case)
    s.incident(
        "2024-06-01 08:00",
        "A man matching John Smith followed me home",
        ("monitoring",),
        reported_by=HER,
    )
    s.build()
    [pair] = collect_pairs(case)
    assert [p.item.kind for p in pair.items] == ["message", "message"]  # a detector's opinion is not enough
    [finding] = [f for f in case.store.findings("monitoring")]
    decide(case, finding.id, "confirm", "her statement identifies him")
    [pair] = collect_pairs(case)
    assert [(p.item.kind, p.basis) for p in pair.items] == [
        ("message", ""),
        ("message", ""),
        ("incident", f"a person confirmed finding #{finding.id} (monitoring) on it"),
    ]


def test_his_own_complaint_his_denial_and_his_call_to_the_police_are_not_his_conduct(case: Case) -> None:
    # They opened with his name and no word of what was done to him, so each was his conduct: an act
    # associated with stalking and an occasion of the course of conduct.
    s = _messages(case)
    s.incident("2024-04-02 10:00", "John Smith reported that Jane Doe had been calling him all night")
    s.incident("2024-04-05 18:00", "John Smith told officers he had not been near Jane Doe's flat")
    s.incident("2024-04-06 09:00", "John Smith denied sending the messages")
    s.incident("2024-04-07 21:00", "John Smith rang the police to complain about Jane Doe")
    s.incident("2024-04-08 21:00", "John Smith called Jane Doe twenty times")
    s.build()
    [pair] = collect_pairs(case)
    assert [(p.item.locator, p.direction) for p in pair.items] == [
        ("line 1", "to_her"),
        ("line 2", "to_her"),
        ("line 7", "incident"),
    ]
    assert (
        "4 offline incident(s) name John Smith but are not counted as his conduct: JD/1 line 3 (its words say"
        " what he reported, told or denied, not what he did to her), JD/1 line 4 (its words say what he"
        " reported, told or denied, not what he did to her), JD/1 line 5 (its words say what he reported, told"
        " or denied, not what he did to her), JD/1 line 6 (its words say what he reported, told or denied, not"
        " what he did to her); where he did one, say so in its row's 'done by' column or record a finding on it"
        " (`footprint record`)"
    ) in pair.notes


def _waited(case: Case, **details: str) -> Scenario:
    """Two messages he sent her and one incident that opens with him acting."""
    s = _messages(case)
    s.incident("2024-03-06 19:00", "John Smith waited outside my flat", place="Orchard Street", **details)
    return s.build()


def test_an_incident_his_only_by_its_words_makes_an_element_indicated_not_evidenced(case: Case) -> None:
    # The incident alone "needed no review", so it made acts associated with stalking "evidenced".
    s = _waited(case)
    stalking = offences(assess_case(case, AS_OF))["pha1997_s2a"]
    acts = element(stalking, "acts_associated_with_stalking")
    assert (acts["status"], acts["if_confirmed"], acts["as_reviewed"]) == (
        "indicated",
        "evidenced",
        "not_evidenced",
    )
    assert acts["confirmed"] == {"items": 0, "of": 1, "without_finding": 0}
    basis = "his conduct by its words (not reviewed): they open with John Smith as the one acting"
    assert acts["items"][0]["attribution"] == basis
    assert acts["support"] == [
        {
            "item_id": s.item(3),
            "kinds": [],
            "findings": [],
            "confirmed": False,
            "attribution": basis,
            "attribution_reviewed": False,
        }
    ]
    # out of time as of 20/12/2024 (last date 21/11/2024); on the evidence, indicated
    assert (stalking["status"], stalking["status_in_time"]) == ("out_of_time", "indicated")


def test_an_incident_whose_done_by_column_names_him_evidences_the_element(case: Case) -> None:
    s = _waited(case, done_by=HIM)
    acts = element(offences(assess_case(case, AS_OF))["pha1997_s2a"], "acts_associated_with_stalking")
    assert acts["status"] == "evidenced"
    assert acts["confirmed"] == {"items": 0, "of": 0, "without_finding": 1}
    assert acts["support"][0]["attribution"] == "its 'done by' column names John Smith"
    assert acts["support"][0]["attribution_reviewed"] is True
    assert s.item(3) == acts["items"][0]["item_id"]


def test_a_person_recording_a_finding_on_it_makes_the_element_evidenced(case: Case) -> None:
    s = _waited(case)
    record_finding(case, s.item(3), "monitoring", "her statement says she saw him there", None)
    acts = element(offences(assess_case(case, AS_OF))["pha1997_s2a"], "acts_associated_with_stalking")
    assert acts["status"] == "evidenced"
    assert acts["support"][0]["attribution"].startswith("a person recorded finding #")


def test_the_course_of_conduct_names_why_each_incident_is_his(case: Case) -> None:
    _waited(case)
    run_only(case, "course_of_conduct")
    [course] = case.store.findings("course_of_conduct")
    assert (
        "3. 06/03/2024: JD/1 line 3 [his conduct by its words (not reviewed): they open with John Smith as"
        " the one acting]"
    ) in course.explanation
    assert (
        "1 of them his conduct only by their words, which no person has reviewed (JD/1 line 3): say so in"
        " the row's 'done by' column or record a finding (`footprint record`)"
    ) in course.details["links"]


def test_assess_prints_why_each_incident_is_his_beside_it(case: Case) -> None:
    _waited(case)
    lines = render(assess_case(case, AS_OF))  # Rich markup: "\[" prints "["
    assert (
        "    - acts_associated_with_stalking: indicated — needs a person's review — JD/1 line 3 \\[his conduct by"
        " its words (not reviewed): they open with John Smith as the one acting] (0 of 1 confirmed by a person)"
    ) in lines


def test_what_he_told_her_to_her_face_is_his_conduct_by_its_words_what_he_told_officers_is_not(
    case: Case,
) -> None:
    # "told" alone had been read as a statement to the police: a threat made to her face was not counted
    s = _messages(case)
    s.incident("2024-04-05 18:00", "John Smith told me he would burn my car")
    s.incident("2024-04-06 18:00", "John Smith told PC Green he had been at work")
    s.incident("2024-04-07 18:00", "John Smith said in interview that she was lying")
    s.build()
    [pair] = collect_pairs(case)
    assert [(p.item.locator, p.direction) for p in pair.items] == [
        ("line 1", "to_her"),
        ("line 2", "to_her"),
        ("line 3", "incident"),
    ]
    assert "JD/1 line 4 (its words say what he reported, told or denied" in " ".join(pair.notes)
    assert "JD/1 line 5 (its words say what he reported, told or denied" in " ".join(pair.notes)
