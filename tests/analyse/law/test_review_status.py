"""An element resting only on software findings no person has confirmed is "indicated — needs a person's
review", not evidenced; the same element over the same evidence is graded the same in every offence."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest
from lawscenario import Scenario, confirm_all, element, offences

from footprint.analyse.law.assess import assess_case
from footprint.analyse.law.kb import KB_FILE, KB_PATH, parse_kb
from footprint.case import Case
from footprint.errors import InputError
from footprint.review import decide

AS_OF = date(2024, 6, 1)


def test_an_unreviewed_threat_alone_does_not_evidence_the_menacing_character(case: Case) -> None:
    # s.127(1)'s "grossly offensive or menacing" element read "evidenced" on one unreviewed threat_violence
    # finding: a software opinion shown as support for the offence
    s = Scenario(case)
    s.say("2024-03-02 20:00", "I'll break your legs", categories=("threat_violence",)).build()
    s127 = offences(assess_case(case, AS_OF))["ca2003_s127_1"]
    character = element(s127, "character")
    assert (s127["status"], character["status"]) == ("indicated", "indicated")
    assert (character["if_confirmed"], character["as_reviewed"]) == ("evidenced", "not_evidenced")
    assert character["missing"] == (
        "it rests on software findings no person has confirmed (footprint review); confirmed, they would"
        " make it evidenced"
    )
    [threat] = case.store.findings("threat_violence")
    decide(case, threat.id, "confirm", "a threat in context")
    s127 = offences(assess_case(case, AS_OF))["ca2003_s127_1"]
    assert (s127["status"], element(s127, "character")["status"]) == ("partly_supported", "evidenced")
    assert "if_confirmed" not in element(s127, "character")


def test_one_mislabelled_finding_makes_mca_only_indicated_and_a_dismissal_removes_it(case: Case) -> None:
    # "Can't sleep. Thinking about you" labelled sexual_harassment made MCA 1988 s.1 a candidate with
    # "indecent_or_grossly_offensive: partly evidenced"
    s = Scenario(case)
    s.say("2025-03-30 01:30", "Can't sleep. Thinking about you", categories=("sexual_harassment",)).build()
    mca = offences(assess_case(case, AS_OF))["mca1988_s1"]
    content = element(mca, "indecent_or_grossly_offensive")
    assert (mca["status"], content["status"], content["if_confirmed"]) == (
        "indicated",
        "indicated",
        "partly_evidenced",
    )
    assert content["missing"] == (
        "it rests on software findings no person has confirmed (footprint review); confirmed, they would"
        " make it partly evidenced: whether the words are grossly offensive is a high threshold for a lawyer"
        " to judge (Article 10; DPP v Collins)"
    )
    [label] = case.store.findings("sexual_harassment")
    decide(case, label.id, "dismiss", "not sexual")
    assert "mca1988_s1" not in offences(assess_case(case, AS_OF))


def test_an_indicated_offence_is_listed_after_those_resting_on_reviewed_evidence(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 20:00", "I'll kill you", categories=("threat_to_kill",), confirmed=("threat_to_kill",))
    s.say("2024-03-03 20:00", "you slag", categories=("misogynistic_abuse",)).build()
    statuses = [o["status"] for o in assess_case(case, AS_OF)["assessments"][0]["offences"]]
    assert "indicated" in statuses
    assert statuses == sorted(statuses, key=("supported", "partly_supported", "indicated").index)


def test_the_knowledge_of_harassment_is_graded_the_same_in_s2_and_s2a(case: Case) -> None:
    # "knew_or_ought_to_know" over the same items was "evidenced" in s.2/s.2A and "partly" in s.4A: s.4A
    # asks whether he knew it would cause fear or serious alarm, which is now its own element
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop messaging me", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 20:00", "I'll break your legs", categories=("threat_violence",))
    s.say("2024-03-04 09:00", "I'll stab you", categories=("threat_violence",))
    s.say("2024-03-04 09:30", "I'm scared", by="her", categories=("distress",))
    confirm_all(s.build().case)
    found = offences(assess_case(case, AS_OF))
    graded = {
        (o, e["id"]): (e["status"], [i["item_id"] for i in e["items"]])
        for o in ("pha1997_s2", "pha1997_s2a", "pha1997_s4a")
        for e in found[o]["elements"]
        if e["id"].startswith("knew")
    }
    assert graded == {
        ("pha1997_s2", "knew_or_ought_to_know"): ("evidenced", [s.item(1), s.item(2), s.item(3)]),
        ("pha1997_s2a", "knew_or_ought_to_know"): ("evidenced", [s.item(1), s.item(2), s.item(3)]),
        ("pha1997_s4a", "knew_would_cause_fear_or_alarm"): (
            "partly_evidenced",
            [s.item(1), s.item(2), s.item(3)],
        ),
    }
    assert element(found["pha1997_s4a"], "knew_would_cause_fear_or_alarm")["missing"] == (
        "her request to stop and his contact after it show he knew the contact was unwanted, not that it"
        " would cause fear of violence or serious alarm or distress; a lawyer must judge it"
    )


def test_an_element_graded_differently_over_the_same_evidence_is_refused() -> None:
    text = resources.files("footprint").joinpath(*KB_PATH).read_text(encoding="utf-8")
    changed = text.replace(
        "    - id: knew_would_cause_fear_or_alarm\n", "    - id: knew_or_ought_to_know\n", 1
    )
    assert changed != text
    with pytest.raises(InputError) as err:
        parse_kb(changed)
    assert str(err.value) == (
        f"{KB_FILE}: knowledge base: Value error, element knew_or_ought_to_know of offence pha1997_s4a reads"
        " the same evidence as in offence pha1997_s2 but grades it differently (strength or occasions);"
        " give it the same grading, or its own id if it asks another question; fix the entry"
    )
