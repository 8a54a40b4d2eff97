"""Elements a finding cannot prove on its own. OSA 2023 s.181(2) needs a threat of death or serious harm
(grievous bodily harm, rape, assault by penetration, serious financial loss), and a threat_violence finding
does not say how serious the harm threatened is; SOA 2003 s.66B(4) and CJCA 2015 s.33 need a threat to
share, and intimate_image_abuse also holds a demand for images and a reminder that he holds them. Such an
item may support the element, for a person to judge; it never evidences it (docs/law.md, "Items a person
must judge")."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from lawscenario import Scenario, confirm_all, element, excluded, offences

from footprint.analyse.detect.rulebook import load_rulebook
from footprint.analyse.law.assess import assess_case
from footprint.analyse.law.kb import KB_PATH, load_kb, parse_kb
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


def _assessed(s: Scenario) -> dict[str, Any]:
    """The offence assessment of ``s``'s messages, every finding on them confirmed."""
    s.build()
    confirm_all(s.case)
    return assess_case(s.case, AS_OF)


def test_threats_of_violence_alone_do_not_make_s181_a_candidate(case: Case) -> None:
    s = Scenario(case)
    s.say(
        "2024-03-01 20:00", "Send me your location now or I'm coming round", categories=("threat_violence",)
    )
    s.say("2024-03-05 20:00", "I'll break your legs", categories=("threat_violence",))
    result = _assessed(s)
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


# -- a threat to share: only the detector's threat rules of intimate_image_abuse show one -------------

SHARE = (
    "may support, a person must judge whether the words threaten to share or disclose an intimate image of"
    " her (a demand for images, a reminder that he holds them or a sharing is not a threat to share)"
)
RECORD_SHARE = (
    "where the answer is yes, record it: footprint record DIR ITEM_ID --category threat_to_share_image"
    " --reason TEXT"
)


def _demand_and_reminder(s: Scenario, day: str) -> Scenario:
    s.say(f"{day} 20:00", "send me nudes", categories=("intimate_image_abuse",), rules=("image.demand",))
    s.say(
        f"{day} 21:00",
        "I've still got those pics of you",
        categories=("intimate_image_abuse",),
        rules=("image.possession",),
    )
    return s


def test_a_demand_for_images_or_a_reminder_he_holds_them_is_not_a_threat_to_share(case: Case) -> None:
    s = _demand_and_reminder(Scenario(case), "2024-03-01").build()
    confirm_all(case)
    result = assess_case(case, AS_OF)
    assert "soa2003_s66b_4" not in offences(result)
    assert excluded(result)["soa2003_s66b_4"] == (
        f"no threat to share an intimate image is recorded; {SHARE}: JD/1 line 1, JD/1 line 2; {RECORD_SHARE}"
    )
    # before 31 January 2024 the same words are not a threat to disclose either (CJCA 2015 s.33)
    s = _demand_and_reminder(s, "2024-01-10").build()
    confirm_all(case)
    reason = excluded(assess_case(case, AS_OF))["cjca2015_s33_threat"]
    assert reason == (
        "no threat to disclose a private sexual image is recorded;"
        f" {SHARE}: JD/2 line 1, JD/2 line 2; {RECORD_SHARE}"
    )


def test_a_threat_rule_evidences_the_threat_to_share_and_a_demand_only_may_support_it(case: Case) -> None:
    s = _demand_and_reminder(Scenario(case), "2024-03-01")
    s.say(
        "2024-03-02 20:00",
        "I'll post your nudes",
        categories=("intimate_image_abuse",),
        rules=("image.threat_share_intimate",),
    )
    s.build()
    confirm_all(case)
    threat = element(offences(assess_case(case, AS_OF))["soa2003_s66b_4"], "threatens_to_share")
    assert threat["status"] == "evidenced"
    assert [i["item_id"] for i in threat["items"]] == [s.item(3)]
    assert threat["may_support_items"] == [s.item(1), s.item(2)]
    # a person who reads the reminder as a threat records it, and it counts
    record_finding(case, s.item(2), "threat_to_share_image", "said with 'unless you answer'", None)
    threat = element(offences(assess_case(case, AS_OF))["soa2003_s66b_4"], "threatens_to_share")
    assert [i["item_id"] for i in threat["items"]] == [s.item(2), s.item(3)]
    assert threat["may_support_items"] == [s.item(1)]


def test_every_rule_an_element_is_limited_to_is_a_detector_rule_of_that_category() -> None:
    rules = load_rulebook().by_id
    limited = [
        (o.id, e.id, spec.name, rule)
        for o in load_kb().offences
        for e in o.elements
        for spec in e.evidence
        for rule in spec.rules
    ]
    # four threat rules, for s.66B(4) and s.33; three rape rules for s.181; one for each element of Suicide Act s.2
    assert len(limited) == 13
    assert [x for x in limited if x[3] not in rules or x[2] not in rules[x[3]].categories] == []


# -- a threat of sexual assault that need not be of rape: judged for s.181 ---------------------------

SEXUAL = (
    "may support, a person must judge whether the sexual harm threatened is rape or assault by penetration"
    " (s.181(2)); a threat of sexual assault without penetration is not enough unless it threatens grievous"
    " bodily harm"
)


def test_a_threat_of_sexual_assault_may_support_s181_and_a_threat_of_rape_evidences_it(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I'm going to molest you", categories=("threat_sexual",),
          rules=("sexual.first_person_assault",))  # fmt: skip
    s.say("2024-03-02 20:00", "I'm going to rape you", categories=("threat_sexual",),
          rules=("sexual.first_person",))  # fmt: skip
    s.say("2024-03-03 20:00", "I'll rape and molest you", categories=("threat_sexual",),
          rules=("sexual.first_person", "sexual.first_person_assault"))  # fmt: skip
    s.build()
    confirm_all(case)
    osa = offences(assess_case(case, AS_OF))["osa2023_s181"]
    threat = element(osa, "threat_death_or_serious_harm")
    assert threat["status"] == "evidenced"
    assert [i["item_id"] for i in threat["items"]] == [s.item(2), s.item(3)]
    assert threat["may_support_items"] == [s.item(1)]
    assert threat["may_support"] == f"{SEXUAL}: JD/1 line 1; {RECORD}"
    # every threat of sexual harm is still a threatening message he sent
    assert [i["item_id"] for i in element(osa, "sends_message")["items"]] == [s.item(1), s.item(2), s.item(3)]


def test_a_threat_of_sexual_assault_alone_does_not_make_s181_a_candidate(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I'm going to molest you", categories=("threat_sexual",),
          rules=("sexual.first_person_assault",))  # fmt: skip
    result = _assessed(s)
    assert excluded(result)["osa2023_s181"] == (
        "no threat of death or serious harm is recorded; a threat of lesser violence is not enough;"
        f" {SEXUAL}: JD/1 line 1; {RECORD}"
    )
    # a person who reads it as a threat of rape records that, and it counts; so does a threat of sexual
    # harm a person recorded (it names no detector rule)
    record_finding(case, s.item(1), "threat_serious_harm", "said with what he would do to her", None)
    threat = element(offences(assess_case(case, AS_OF))["osa2023_s181"], "threat_death_or_serious_harm")
    assert [i["item_id"] for i in threat["items"]] == [s.item(1)]


def test_a_threat_of_sexual_harm_a_person_recorded_evidences_s181(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "you know what I'll do to you when I find you", categories=())
    s.build()
    record_finding(case, s.item(1), "threat_sexual", "he has raped her before and says so", None)
    threat = element(offences(assess_case(case, AS_OF))["osa2023_s181"], "threat_death_or_serious_harm")
    assert threat["status"] == "evidenced"
    assert [i["item_id"] for i in threat["items"]] == [s.item(1)]


# -- only threats of rape or penetration count for s.181 unasked (knowledge base 2026.12.01-3) ----------


def test_a_threat_of_sexual_force_or_the_models_alone_is_judged_for_s181(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I'll touch you whether you like it or not", categories=("threat_sexual",),
          rules=("person.sexual_force",))  # fmt: skip
    s.say("2024-03-02 20:00", "you'll get what's coming to you, sweetheart", categories=("threat_sexual",))
    s.say("2024-03-03 20:00", "groping that slag would be fun", categories=("threat_sexual",),
          rules=("rt.sexual_endorse",))  # fmt: skip
    result = _assessed(s)
    assert "osa2023_s181" not in offences(result)
    assert excluded(result)["osa2023_s181"] == (
        "no threat of death or serious harm is recorded; a threat of lesser violence is not enough;"
        f" {SEXUAL}: JD/1 line 1, JD/1 line 2, JD/1 line 3; {RECORD}"
    )
    # each is still a threat of violence for harassment (s.4) and a threat for s.127(1)
    assert [
        i["item_id"] for i in element(offences(result)["pha1997_s4"], "threats_of_violence")["items"]
    ] == [
        s.item(1),
        s.item(2),
        s.item(3),
    ]
    assert element(offences(result)["ca2003_s127_1"], "character")["status"] == "evidenced"


def test_the_rules_that_name_rape_or_sex_without_consent_evidence_s181(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I'm going to rape you", categories=("threat_sexual",),
          rules=("sexual.first_person",))  # fmt: skip
    s.say("2024-03-02 20:00", "I'll fuck you whether you like it or not", categories=("threat_sexual",),
          rules=("sexual.unwanted_sex_threat", "person.sexual_force"))  # fmt: skip
    s.say("2024-03-03 20:00", "you deserve to be raped", categories=("threat_sexual",),
          rules=("sexual.deserve",))  # fmt: skip
    s.say("2024-03-04 20:00", "I'll rip your clothes off", categories=("threat_sexual",),
          rules=("person.sexual_force",))  # fmt: skip
    s.build()
    confirm_all(case)
    threat = element(offences(assess_case(case, AS_OF))["osa2023_s181"], "threat_death_or_serious_harm")
    assert threat["status"] == "evidenced"
    assert [i["item_id"] for i in threat["items"]] == [s.item(1), s.item(2), s.item(3)]
    assert [e["kinds"] for e in threat["support"]] == [["threat_sexual"]] * 3
    assert threat["may_support"] == f"{SEXUAL}: JD/1 line 4; {RECORD}"


def test_a_threat_of_sexual_harm_a_person_recorded_counts_where_the_models_is_judged(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "you'll get what's coming to you, sweetheart", categories=("threat_sexual",))
    s.say("2024-03-02 20:00", "you know what I'll do to you", categories=("threat_sexual",))
    s.build()
    confirm_all(case)
    # a person who reads the second as a threat of rape records threat_sexual on it, as they may
    record_finding(case, s.item(2), "threat_sexual", "he has raped her before and says so", None)
    threat = element(offences(assess_case(case, AS_OF))["osa2023_s181"], "threat_death_or_serious_harm")
    assert threat["status"] == "evidenced"
    assert [i["item_id"] for i in threat["items"]] == [s.item(2)]
    assert threat["may_support_items"] == [s.item(1)]
    assert threat["may_support"] == f"{SEXUAL}: JD/1 line 1; {RECORD}"


def test_a_persons_findings_count_only_beside_detector_rules() -> None:
    from importlib import resources

    text = resources.files("footprint").joinpath(*KB_PATH).read_text(encoding="utf-8")
    broken = text.replace(
        "          rules: [sexual.first_person, sexual.unwanted_sex_threat, sexual.deserve]\n", "", 1
    )
    assert broken != text
    with pytest.raises(InputError) as err:
        parse_kb(broken)
    assert (
        "evidence finding:threat_sexual: or_recorded adds a person's findings to those of its rules"
        in str(err.value)
    )
