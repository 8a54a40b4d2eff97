"""Elements that a finding cannot prove on its own: OSA 2023 s.181(2) needs a threat of death or serious
harm (grievous bodily harm, rape, assault by penetration, serious financial loss), and a threat_violence
finding does not say how serious the harm threatened is. Such an item may support the element, for a
person to judge; it never evidences it (docs/law.md, "Items a person must judge")."""

from __future__ import annotations

from datetime import date

import pytest
from lawscenario import Scenario, confirm_all, element, excluded, offences

from footprint.analyse.law.assess import assess_case
from footprint.analyse.law.kb import KB_PATH, parse_kb
from footprint.case import Case
from footprint.errors import InputError
from footprint.review import record_finding

AS_OF = date(2024, 6, 1)
QUESTION = (
    "whether the harm threatened is serious: grievous bodily harm, rape, assault by penetration or serious"
    " financial loss (s.181(2)); a threat of lesser violence is not enough"
)
RECORD = "where the answer is yes, record it: footprint record DIR ITEM_ID --category threat_serious_harm --reason TEXT"


def _three_threats(case: Case) -> Scenario:
    """ "I'm coming round", "I'll kill you" and "I'll break your legs" on three days, as the detector
    labels them (a threat to kill is also a threat of violence)."""
    s = Scenario(case)
    s.say(
        "2024-03-01 20:00", "Send me your location now or I'm coming round", categories=("threat_violence",)
    )
    s.say("2024-03-03 20:00", "I'll kill you", categories=("threat_to_kill", "threat_violence"))
    s.say("2024-03-05 20:00", "I'll break your legs", categories=("threat_violence",))
    return s.build()


def test_only_the_threat_to_kill_evidences_a_threat_of_death_or_serious_harm(case: Case) -> None:
    s = _three_threats(case)
    confirm_all(case)
    osa = offences(assess_case(case, AS_OF))["osa2023_s181"]
    threat = element(osa, "threat_death_or_serious_harm")
    assert threat["status"] == "evidenced"
    assert [i["item_id"] for i in threat["items"]] == [s.item(2)]
    assert [(e["item_id"], e["kinds"]) for e in threat["support"]] == [(s.item(2), ["threat_to_kill"])]
    assert threat["occasions"] == {"found": 1, "needed": 1}
    assert threat["may_support_items"] == [s.item(1), s.item(3)]
    assert threat["may_support"] == (
        f"may support, a person must judge {QUESTION}: JD/1 line 1, JD/1 line 3; {RECORD}"
    )
    # he sent each of them; the intent follows the threat of death, so the earlier message does not count
    assert [i["item_id"] for i in element(osa, "sends_message")["items"]] == [s.item(1), s.item(2), s.item(3)]
    intent = element(osa, "intent_or_recklessness")
    assert [i["item_id"] for i in intent["items"]] == [s.item(2)]
    assert "may_support" not in intent and "may_support" not in element(osa, "sends_message")


def test_unreviewed_the_element_is_indicated_by_the_threat_to_kill_alone(case: Case) -> None:
    s = _three_threats(case)
    osa = offences(assess_case(case, AS_OF))["osa2023_s181"]
    threat = element(osa, "threat_death_or_serious_harm")
    assert (threat["status"], threat["if_confirmed"], threat["as_reviewed"]) == (
        "indicated",
        "evidenced",
        "not_evidenced",
    )
    assert [i["item_id"] for i in threat["items"]] == [s.item(2)]
    assert threat["confirmed"] == {"items": 0, "of": 1, "without_finding": 0}
    assert threat["may_support_items"] == [s.item(1), s.item(3)]


def test_threats_of_violence_alone_do_not_make_s181_a_candidate(case: Case) -> None:
    s = Scenario(case)
    s.say(
        "2024-03-01 20:00", "Send me your location now or I'm coming round", categories=("threat_violence",)
    )
    s.say("2024-03-05 20:00", "I'll break your legs", categories=("threat_violence",))
    s.build()
    confirm_all(case)
    result = assess_case(case, AS_OF)
    assert "osa2023_s181" not in offences(result)
    assert excluded(result)["osa2023_s181"] == (
        "no threat of death or serious harm is recorded; a threat of lesser violence is not enough;"
        f" may support, a person must judge {QUESTION}: JD/1 line 1, JD/1 line 2; {RECORD}"
    )
    # a threat is still a threat for the offences that need no more (s.127(1)'s menacing character)
    assert element(offences(result)["ca2003_s127_1"], "character")["status"] == "evidenced"


def test_a_threat_a_person_records_as_of_serious_harm_evidences_it(case: Case) -> None:
    s = _three_threats(case)
    confirm_all(case)
    record_finding(case, s.item(3), "threat_serious_harm", "breaking her legs is grievous bodily harm", None)
    threat = element(offences(assess_case(case, AS_OF))["osa2023_s181"], "threat_death_or_serious_harm")
    assert threat["status"] == "evidenced"
    assert [i["item_id"] for i in threat["items"]] == [s.item(2), s.item(3)]
    assert threat["support"][1]["kinds"] == ["threat_serious_harm"]
    assert threat["may_support_items"] == [s.item(1)]


def test_a_judge_evidence_kind_needs_its_question() -> None:
    from importlib import resources

    text = resources.files("footprint").joinpath(*KB_PATH).read_text(encoding="utf-8")
    start = text.index("          question: ", text.index("id: osa2023_s181"))
    broken = text[:start] + text[text.index("\n", start) + 1 :]
    with pytest.raises(InputError) as err:
        parse_kb(broken)
    assert str(err.value).startswith("offences.yaml: offence osa2023_s181 (elements.1.evidence.3): ")
    assert "strength judge needs a question (what a person must judge) and the category" in str(err.value)


def test_the_category_to_record_must_evidence_the_element() -> None:
    from importlib import resources

    text = resources.files("footprint").joinpath(*KB_PATH).read_text(encoding="utf-8")
    broken = text.replace("        - finding:threat_serious_harm\n", "", 1)
    with pytest.raises(InputError) as err:
        parse_kb(broken)
    assert str(err.value) == (
        "offences.yaml: offence osa2023_s181: Value error, element threat_death_or_serious_harm:"
        " finding:threat_violence records threat_serious_harm, which is not evidence of the element; add"
        " finding:threat_serious_harm to its evidence; fix the entry"
    )
