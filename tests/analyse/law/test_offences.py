"""Scenario tests per offence: fact patterns that should and should not satisfy each one."""

from __future__ import annotations

from datetime import date

from lawscenario import HER, HIM, Scenario, confirm_all, element, excluded, offences

from footprint.analyse.law.assess import assess_case
from footprint.analyse.law.facts import record_relationship
from footprint.case import Case
from footprint.review import decide

AS_OF = date(2024, 6, 1)


def assess(s: Scenario, as_of: date = AS_OF, reviewed: bool = True) -> dict[str, object]:
    """The assessment of the fact pattern; ``reviewed``: its findings taken as confirmed by a person (the
    legal reading is what these tests check; unreviewed findings are only "indicated")."""
    if reviewed:
        confirm_all(s.case)
    return assess_case(s.case, as_of)


# -- harassment: one occasion is not a course of conduct, two are -------------------------------------


def test_one_occasion_is_not_a_course_of_conduct(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop messaging me", by="her", categories=("request_to_stop", "distress"))
    s.say("2024-03-02 20:00", "you stupid cow", categories=("misogynistic_abuse",))
    s.say("2024-03-02 20:01", "answer me", categories=("insult_harassment",))
    result = assess(s.build())
    assert "pha1997_s2" not in offences(result)
    assert excluded(result)["pha1997_s2"].startswith("found on 1 of the 2 occasions needed")


def test_two_occasions_are_a_course_of_conduct(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop messaging me", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 20:00", "you stupid cow", categories=("misogynistic_abuse",))
    s.say("2024-03-02 20:10", "I'm frightened", by="her", categories=("distress",))
    s.say("2024-03-04 09:00", "answer me")  # no label, but after she asked him to stop
    found = offences(assess(s.build()))
    harassment = found["pha1997_s2"]
    assert harassment["statute"] == "Protection from Harassment Act 1997"
    assert harassment["section"] == "s.2"
    assert harassment["status"] == "supported"
    course = element(harassment, "course_of_conduct")
    assert course["status"] == "evidenced"
    assert [i["item_id"] for i in course["items"]] == [s.item(2), s.item(4)]
    assert course["items"][0]["exhibit"] == "JD/1" and course["items"][0]["locator"] == "line 2"
    assert "pha1997_s2a" in found  # contact after a request to stop is an act associated with stalking


def test_unwanted_contact_before_any_request_is_not_counted(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 19:00", "can we talk?")
    s.say("2024-03-03 19:00", "I miss you")
    result = assess(s.build())
    assert result["assessments"][0]["offences"] == []  # type: ignore[index]


# -- fear of violence: the second occasion ------------------------------------------------------------


def test_fear_of_violence_on_two_occasions(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I'll break your legs", categories=("threat_violence",))
    s.say("2024-03-01 20:30", "I'm scared", by="her", categories=("distress", "request_to_stop"))
    s.say("2024-03-05 22:00", "I'm going to stab you", categories=("threat_violence",))
    s.say("2024-03-05 22:05", "I'm terrified", by="her", categories=("distress",))
    fear = offences(assess(s.build()))["pha1997_s4"]
    assert element(fear, "threats_of_violence")["status"] == "evidenced"
    assert element(fear, "caused_fear_twice")["status"] == "partly_evidenced"  # distress only points to fear
    assert fear["time_limit"] == {
        "rule": "none",
        "text": "none applies (either way or indictable only: Magistrates' Courts Act 1980 s.127(2))",
        "basis": "Either way: Magistrates' Courts Act 1980 s.127(2) disapplies the six-month limit.",
        "last_date": None,
        "warning": None,
        "as_of": "2024-06-01",
    }


def test_fear_on_one_occasion_only_says_what_is_missing(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I'll break your legs", categories=("threat_violence",))
    s.say("2024-03-01 20:30", "I'm scared", by="her", categories=("distress",))
    s.say("2024-03-05 22:00", "I'm going to stab you", categories=("threat_violence",))
    fear = offences(assess(s.build()))["pha1997_s4"]
    caused = element(fear, "caused_fear_twice")
    assert caused["status"] == "partly_evidenced"
    assert fear["status"] == "partly_supported"


def test_threats_on_one_occasion_are_not_s4(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I'll break your legs", categories=("threat_violence",))
    s.say("2024-03-01 20:30", "I'm scared", by="her", categories=("distress", "request_to_stop"))
    s.say("2024-03-03 10:00", "hello")
    result = assess(s.build())
    assert "pha1997_s4" not in offences(result)
    assert "fewer than two occasions" in excluded(result)["pha1997_s4"]


# -- intimate images: 30 January versus 1 February 2024 ------------------------------------------------


def test_image_shared_on_30_january_2024_is_s33(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-01-30 23:30", "look at her", to="friend", categories=("intimate_image_shared",))
    s.say("2024-01-30 23:31", "Jane sent me that", to="friend")
    found = offences(assess(s.build()))
    assert "cjca2015_s33_disclose" in found
    assert found["cjca2015_s33_disclose"]["statute"] == "Criminal Justice and Courts Act 2015"
    assert not any(k.startswith("soa2003_s66b") for k in found)


def test_image_shared_on_1_february_2024_is_s66b(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-02-01 00:30", "look at Jane", to="friend", categories=("intimate_image_shared",))
    found = offences(assess(s.build()))
    assert {"soa2003_s66b_1", "soa2003_s66b_2", "soa2003_s66b_3"} <= set(found)
    assert "cjca2015_s33_disclose" not in found
    base = found["soa2003_s66b_1"]
    assert base["section"] == "s.66B(1)"
    assert base["time_limit"]["rule"] == "mca1980_s127"
    assert base["time_limit"]["last_date"] == "2024-08-01"
    assert base["time_limit"]["per"] == "incident"


def test_threat_to_share_either_side_of_the_change(case: Case) -> None:
    s = Scenario(case)
    s.say(
        "2024-01-29 21:00",
        "everyone will see your photos",
        categories=("intimate_image_abuse",),
        rules=("image.everyone_sees",),
    )
    found = offences(assess(s.build()))
    assert "cjca2015_s33_threat" in found and "soa2003_s66b_4" not in found
    s.say(
        "2024-02-02 21:00",
        "I'll send the video to your dad",
        categories=("intimate_image_abuse",),
        rules=("image.threat_share_audience",),
    )
    found = offences(assess(s.build()))
    assert "soa2003_s66b_4" in found
    threat = element(found["soa2003_s66b_4"], "threatens_to_share")
    assert [i["item_id"] for i in threat["items"]] == [s.item(2)]  # the January threat is s.33's


def test_a_threat_is_not_a_sharing(case: Case) -> None:
    s = Scenario(case)
    s.say(
        "2024-03-01 21:00",
        "I'll post your nudes",
        categories=("intimate_image_abuse",),
        rules=("image.threat_share_intimate",),
    )
    result = assess(s.build())
    assert "soa2003_s66b_1" not in offences(result)
    assert "soa2003_s66b_4" in offences(result)


# -- coercive control: ex-partners not living together, before and after 5 April 2023 ----------------


def _control(s: Scenario, month: str) -> Scenario:
    s.say(
        f"2023-{month}-01 20:00", "send me your location now", categories=("monitoring", "coercive_control")
    )
    s.say(f"2023-{month}-01 20:30", "I'm frightened of you", by="her", categories=("distress",))
    s.say(
        f"2023-{month}-10 20:00", "who were you with? give me your password", categories=("coercive_control",)
    )
    s.say(
        f"2023-{month}-10 20:15",
        "please stop, I'm scared",
        by="her",
        categories=("distress", "request_to_stop"),
    )
    return s.build()


def _ex_partners(case: Case, month: str, *, living_together: bool, reason: str) -> Scenario:
    """The coercive-control messages in ``month`` of 2023, with the pair recorded as former partners."""
    s = _control(Scenario(case), month)
    record_relationship(
        case,
        suspect=HIM,
        complainant=HER,
        kind="former_intimate",
        living_together=living_together,
        reason=reason,
    )
    return s


def test_ex_partners_apart_before_5_april_2023_are_not_connected(case: Case) -> None:
    s = _ex_partners(case, "03", living_together=False, reason="her statement")
    result = assess(s)
    assert "sca2015_s76" not in offences(result)
    assert excluded(result)["sca2015_s76"] == (
        "recorded relationship: former intimate, not living together; before 5 April 2023 the original"
        " s.76(6) required former partners and family members to live together"
    )


def test_ex_partners_apart_from_5_april_2023_are_connected(case: Case) -> None:
    s = _ex_partners(case, "05", living_together=False, reason="her statement")
    found = offences(assess(s))
    ccb = found["sca2015_s76"]
    assert ccb["statute"] == "Serious Crime Act 2015" and ccb["section"] == "s.76"
    assert element(ccb, "personally_connected")["status"] == "evidenced"
    assert ccb["status"] == "partly_supported"
    # her distress only points to a serious effect; his knowledge is always left to the lawyer
    assert [e["id"] for e in ccb["elements"] if e["status"] != "evidenced"] == [
        "serious_effect",
        "knew_of_serious_effect",
    ]


def test_ex_partners_living_together_before_the_change(case: Case) -> None:
    s = _ex_partners(case, "03", living_together=True, reason="tenancy")
    assert "sca2015_s76" in offences(assess(s))


def _straddling(case: Case, kind: str) -> Scenario:
    """Controlling messages on 30 March and 10 and 20 April 2023, either side of the new s.76(6)."""
    s = Scenario(case)
    for day in ("2023-03-30", "2023-04-10", "2023-04-20"):
        s.say(f"{day} 20:00", "give me your password", categories=("coercive_control",))
        s.say(f"{day} 20:10", "I'm scared", by="her", categories=("distress",))
    s.build()
    record_relationship(
        case, suspect=HIM, complainant=HER, kind=kind, living_together=False, reason="her statement"
    )
    return s


def test_a_course_of_behaviour_straddling_5_april_2023_is_one_offence(case: Case) -> None:
    # The offence was split into two entries at 5 April 2023, so a course of behaviour either side of the
    # date was cut in two although a current partner was personally connected under both tests.
    s = _straddling(case, "intimate")
    result = assess(s)
    assert "sca2015_s76_before_2023" not in offences(result) | excluded(result)
    ccb = offences(result)["sca2015_s76"]
    behaviour = element(ccb, "repeated_behaviour")
    assert [i["item_id"] for i in behaviour["items"]] == [s.item(1), s.item(3), s.item(5)]
    connected = element(ccb, "personally_connected")
    assert (connected["status"], connected["basis"]) == ("evidenced", "recorded relationship: intimate")
    assert (ccb["in_force_from"], ccb["in_force_until"]) == ("2015-12-29", None)


def test_behaviour_before_5_april_2023_is_left_out_for_ex_partners_apart(case: Case) -> None:
    s = _straddling(case, "former_intimate")
    ccb = offences(assess(s))["sca2015_s76"]
    behaviour = element(ccb, "repeated_behaviour")
    assert [i["item_id"] for i in behaviour["items"]] == [s.item(3), s.item(5)]
    connected = element(ccb, "personally_connected")
    assert (connected["status"], connected["basis"]) == (
        "evidenced",
        "recorded relationship: former intimate, not living together; behaviour before 5 April 2023 is left"
        " out: the original s.76(6) required former partners and family members to live together",
    )
    assert ccb["conduct_dates"] == {"first": "2023-04-10", "last": "2023-04-20"}


def test_coercive_control_needs_the_relationship_recorded(case: Case) -> None:
    result = assess(_control(Scenario(case), "05"))
    assert "sca2015_s76" not in offences(result)
    assert excluded(result)["sca2015_s76"].startswith("record the relationship")


# -- threats, self-harm, blackmail, communications -----------------------------------------------------


def test_her_distress_before_the_threat_does_not_count(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-02-13 21:00", "I'm scared of you", by="her", categories=("distress",))
    s.say("2024-02-13 21:36", "I'll kill you", categories=("threat_to_kill",))
    fear = element(offences(assess(s.build()))["oapa1861_s16"], "intended_fear")
    assert s.item(1) not in [i["item_id"] for i in fear["items"]]


def test_threat_to_kill(case: Case) -> None:
    s = Scenario(case)
    s.say(
        "2024-02-13 21:36",
        "Go to the police and I'll kill you",
        categories=("threat_to_kill", "threat_violence"),
    )
    s.say("2024-02-13 21:40", "I'm terrified", by="her", categories=("distress",))
    found = offences(assess(s.build()))
    assert found["oapa1861_s16"]["statute"] == "Offences against the Person Act 1861"
    assert found["oapa1861_s16"]["status"] == "partly_supported"  # his intention is for the lawyer
    fear = element(found["oapa1861_s16"], "intended_fear")
    assert fear["status"] == "partly_evidenced"
    assert s.item(2) in [i["item_id"] for i in fear["items"]]
    assert "osa2023_s181" in found
    assert element(found["osa2023_s181"], "threat_death_or_serious_harm")["status"] == "evidenced"


def test_threat_before_31_january_2024_is_not_osa_but_mca_threat_limb(case: Case) -> None:
    s = Scenario(case)
    s.say("2023-11-13 21:36", "I'll kill you", categories=("threat_to_kill",))
    found = offences(assess(s.build()))
    assert "osa2023_s181" not in found
    assert "oapa1861_s16" in found
    assert element(found["mca1988_s1_threat"], "threat")["status"] == "evidenced"


def test_a_threat_before_31_january_2024_is_the_mca_threat_limb_not_grossly_offensive(case: Case) -> None:
    # A threat of 14/03/2023 made MCA 1988 s.1's "indecent or grossly offensive" element evidenced: the
    # threat limb, s.1(1)(a)(ii), still applied then, and a threat is not grossly offensive (a different,
    # high threshold). From 31/01/2024 the threat limb is repealed: no MCA entry takes a threat.
    s = Scenario(case)
    s.say("2023-03-14 09:00", "I'll be outside at 8", categories=("threat_violence",))
    s.say("2024-01-31 09:00", "I'll be outside again", categories=("threat_violence",))
    result = assess(s.build())
    found = offences(result)
    assert "mca1988_s1" not in found  # nothing indecent or grossly offensive
    threat = found["mca1988_s1_threat"]
    assert (threat["statute"], threat["section"], threat["in_force_until"]) == (
        "Malicious Communications Act 1988",
        "s.1(1)(a)(ii)",
        "2024-01-30",
    )
    limb = element(threat, "threat")
    assert (limb["status"], [i["item_id"] for i in limb["items"]]) == ("evidenced", [s.item(1)])
    assert element(threat, "no_s1_2_defence")["missing"] == (
        "whether he can show the s.1(2) defence (a demand made on reasonable grounds) is for a lawyer"
    )
    assert excluded(result)["mca1988_s1"] == (
        "whether the words are grossly offensive is a high threshold for a lawyer to judge (Article 10; DPP v"
        " Collins)"
    )


def test_lesser_violence_is_not_s181_but_left_for_a_person_to_judge(case: Case) -> None:
    # a threat_violence finding does not say whether the harm is serious (s.181(2)): it had made s.181 a
    # candidate, partly evidenced; it is now named for a person to judge (test_assess_serious_harm.py)
    s = Scenario(case)
    s.say("2024-03-01 21:00", "I'll slap you", categories=("threat_violence",))
    result = assess(s.build())
    assert "osa2023_s181" not in offences(result)
    reason = excluded(result)["osa2023_s181"]
    assert reason.startswith("no threat of death or serious harm is recorded; a threat of lesser violence")
    assert "may support, a person must judge whether the harm threatened is serious" in reason


def test_encouraging_self_harm(case: Case) -> None:
    s = Scenario(case)
    s.say(
        "2024-02-23 01:44", "Do everyone a favour and kill yourself", categories=("self_harm_encouragement",)
    )
    found = offences(assess(s.build()))
    assert found["osa2023_s184"]["section"] == "s.184"


def test_a_demand_without_money_or_property_is_not_blackmail(case: Case) -> None:
    # Every conditional threat the detector labels `blackmail` ("go to the police and I'll ...", "unblock
    # me or ...") made Theft Act 1968 s.21 a candidate, though gain or loss in money or other property is
    # of the essence (s.34(2)) and nothing showed it.
    s = Scenario(case)
    s.say(
        "2024-02-13 21:33",
        "unblock me or everyone sees the photos",
        categories=("intimate_image_abuse", "blackmail"),
        rules=("blackmail.or_else", "image.everyone_sees"),
    )
    result = assess(s.build())
    assert "ta1968_s21" not in offences(result)
    assert excluded(result)["ta1968_s21"] == (
        "nothing shows a demand for money or other property (no detector category reads one: a lawyer must"
        " read the demand); a demand for contact, images or sex is not gain (s.34(2)) and points to"
        " s.66B(4) or s.76 instead"
    )
    assert "soa2003_s66b_4" in offences(result)


def test_a_demand_for_money_with_menaces_is_a_blackmail_candidate(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-02-13 21:33", "pay me £500 or the photos go out", categories=("blackmail", "money_demand"))
    blackmail = offences(assess(s.build()))["ta1968_s21"]
    assert blackmail["status"] == "partly_supported"  # whether the demand was unwarranted is for a lawyer
    assert element(blackmail, "gain_or_loss")["status"] == "evidenced"
    assert blackmail["time_limit"]["last_date"] is None


def test_no_labels_no_threat_offences(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-02-13 21:33", "I would never hurt you")
    assert offences(assess(s.build())) == {}


def test_cyberflashing_needs_an_image(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 23:00", "look what I've got for you", categories=("sexual_harassment",))
    assert "soa2003_s66a" not in offences(assess(s.build()))
    s.say("2024-03-02 23:00", "", categories=("sexual_harassment",), attachment=True)
    flash = offences(assess(s.build()))["soa2003_s66a"]
    assert element(flash, "sends_image")["status"] == "partly_evidenced"


def test_spyware_points_to_computer_misuse_and_interception(case: Case) -> None:
    s = Scenario(case)
    s.say(
        "2024-03-01 09:00",
        "mSpy found on her phone",
        by="none",
        to=None,
        kind="device_finding",
        categories=("spyware",),
        confirmed=("spyware",),  # recorded by a person (`footprint record`), so confirmed
    )
    found = offences(assess(s.build()))
    assert "cma1990_s1" in found and "ipa2016_s3" in found
    assert element(found["cma1990_s1"], "unauthorised")["status"] == "not_evidenced"


def test_false_communication_only_from_a_reviewer_label(case: Case) -> None:
    s = Scenario(case)
    s.say(
        "2024-03-01 09:00",
        "Jane has been stealing from work",
        to="friend",
        categories=("false_communication",),
    )
    found = offences(assess(s.build()))
    assert found["osa2023_s179"]["time_limit"]["rule"] == "knowledge_6_months"
    assert found["osa2023_s179"]["time_limit"]["last_date"] is None


# -- reviewers' decisions and aggravation --------------------------------------------------------------


def test_dismissed_findings_do_not_count(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-02-13 21:36", "I'll kill you", categories=("threat_to_kill",))
    s.build()
    finding = next(f for f in case.store.findings() if f.category == "threat_to_kill")
    decide(case, finding.id, "dismiss", "a film quote, in context")
    assert "oapa1861_s16" not in offences(assess(s))


def test_confirmed_findings_are_marked(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-02-13 21:36", "I'll kill you", categories=("threat_to_kill",), confirmed=("threat_to_kill",))
    threat = element(offences(assess(s.build()))["oapa1861_s16"], "threat_to_kill")
    assert threat["items"][0]["confirmed"] == ["threat_to_kill"]


def test_each_element_names_the_findings_behind_it_and_their_review(case: Case) -> None:
    # the count took any confirmed finding on the item: a confirmed insult "confirmed" the threat to kill
    s = Scenario(case)
    s.say(
        "2024-02-13 21:36",
        "you idiot, I'll kill you",
        categories=("insult_harassment", "threat_to_kill"),
        confirmed=("insult_harassment",),
    )
    threat = element(offences(assess(s.build(), reviewed=False))["oapa1861_s16"], "threat_to_kill")
    kill = next(f.id for f in case.store.findings() if f.category == "threat_to_kill")
    assert threat["support"] == [
        {
            "item_id": s.item(1),
            "kinds": ["threat_to_kill"],
            "findings": [{"id": kill, "category": "threat_to_kill", "decision": None}],
            "confirmed": False,
        }
    ]
    assert threat["confirmed"] == {"items": 0, "of": 1, "without_finding": 0}
    assert threat["status"] == "indicated"  # a confirmed insult on it does not make the threat evidence
    decide(case, kill, "confirm", "matches her statement")
    threat = element(offences(assess(s, reviewed=False))["oapa1861_s16"], "threat_to_kill")
    assert threat["status"] == "evidenced"
    assert threat["support"][0]["findings"][0]["decision"] == "confirmed"
    assert threat["confirmed"] == {"items": 1, "of": 1, "without_finding": 0}


def test_aggravation_and_sex_is_not_a_protected_characteristic(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "slag", categories=("misogynistic_abuse",))
    s.say("2024-03-03 20:00", "go back to your own country", categories=("identity_hate",))
    pair = assess(s.build())["assessments"][0]  # type: ignore[index]
    features = {a["id"]: a for a in pair["aggravating"]}
    assert "Sex is not a protected characteristic" in features["misogyny_not_protected"]["text"]
    assert [i["item_id"] for i in features["hostility_protected_characteristic"]["items"]] == [s.item(2)]
    prompts = {p["id"] for p in pair["public_interest"]}
    assert {"targeted_individual", "hate_element", "whole_picture"} <= prompts


# -- a prosecutor's reading: what distress, a request and an order can and cannot show -----------------


def test_her_distress_only_points_to_fear_of_violence(case: Case) -> None:
    # Two messages saying she was scared were marked as fully evidencing fear of violence (s.4), fear or
    # serious alarm with a substantial adverse effect on her day-to-day life (s.4A) and a serious effect
    # (s.76): a distress label shows neither what she feared nor any effect on her life.
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I'll break your legs", categories=("threat_violence", "coercive_control"))
    s.say("2024-03-01 20:30", "I'm scared", by="her", categories=("distress", "request_to_stop"))
    s.say("2024-03-05 22:00", "I'm going to stab you", categories=("threat_violence", "coercive_control"))
    s.say("2024-03-05 22:05", "I'm terrified", by="her", categories=("distress",))
    s.build()
    record_relationship(
        case, suspect=HIM, complainant=HER, kind="intimate", living_together=None, reason="her statement"
    )
    found = offences(assess(s))
    fear = element(found["pha1997_s4"], "caused_fear_twice")
    assert (fear["status"], fear["occasions"]) == ("partly_evidenced", {"found": 2, "needed": 2})
    assert fear["missing"] == (
        "a record of her distress can at most point to fear; her statement should say that on each occasion she"
        " feared violence would be used against her (fear for others is not enough)"
    )
    alarm = element(found["pha1997_s4a"], "fear_or_serious_alarm")
    assert alarm["status"] == "partly_evidenced"
    assert alarm["missing"] == (
        "a record of her distress can at most point to this; her statement should say whether she feared violence"
        " against herself on at least two occasions, or how the alarm or distress substantially changed her"
        " usual day-to-day activities (moving, changing her number, giving up work or going out)"
    )
    effect = element(found["sca2015_s76"], "serious_effect")
    assert effect["status"] == "partly_evidenced"
    assert effect["missing"] == alarm["missing"]


def test_fear_on_one_occasion_still_counts_the_occasions(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I'll break your legs", categories=("threat_violence",))
    s.say("2024-03-01 20:30", "I'm scared", by="her", categories=("distress",))
    s.say("2024-03-05 22:00", "I'm going to stab you", categories=("threat_violence",))
    caused = element(offences(assess(s.build()))["pha1997_s4"], "caused_fear_twice")
    assert caused["occasions"] == {"found": 1, "needed": 2}
    assert caused["missing"] == (
        "found on 1 of the 2 occasions needed; a record of her distress can at most point to fear; her statement"
        " should say that on each occasion she feared violence would be used against her (fear for others"
        " is not enough)"
    )


def test_a_request_to_stop_after_his_last_act_shows_nothing_of_his_knowledge(case: Case) -> None:
    # Her request made after everything he did was counted as showing he knew his conduct was harassment.
    s = Scenario(case)
    s.say("2024-03-01 20:00", "you stupid cow", categories=("misogynistic_abuse",))
    s.say("2024-03-03 20:00", "nobody will want you", categories=("insult_harassment",))
    s.say("2024-03-10 09:00", "please stop", by="her", categories=("request_to_stop",))
    harassment = offences(assess(s.build()))["pha1997_s2"]
    knew = element(harassment, "knew_or_ought_to_know")
    assert (knew["status"], knew["items"]) == ("not_evidenced", [])
    assert (
        knew["missing"]
        == "nothing shows he was told the contact was unwanted (a request to stop, a block or a police warning)"
    )
    assert harassment["status"] == "partly_supported"


def test_a_request_between_his_acts_counts(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "you stupid cow", categories=("misogynistic_abuse",))
    s.say("2024-03-02 09:00", "please stop", by="her", categories=("request_to_stop",))
    s.say("2024-03-03 20:00", "nobody will want you", categories=("insult_harassment",))
    knew = element(offences(assess(s.build()))["pha1997_s2"], "knew_or_ought_to_know")
    assert knew["status"] == "evidenced"
    assert [i["item_id"] for i in knew["items"]] == [s.item(2), s.item(3)]


def test_only_his_act_puts_an_offence_under_consideration(case: Case) -> None:
    # Intimate-image sharing (s.66B(2)) was listed as "not a candidate" on every case with misogynistic
    # abuse (which can point to his intention), although nothing about an image was recorded: only the
    # act elements put an offence in play.
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I'll hurt you, slag", categories=("threat_violence", "misogynistic_abuse"))
    s.say("2024-03-01 20:10", "I'm scared", by="her", categories=("distress",))
    result = assess(s.build())
    assert not any(k.startswith("soa2003_s66b") for k in excluded(result))
    assert "pha1997_s4" in excluded(result)  # one threat: his act is recorded, the second occasion is not


def test_threats_of_rape_before_31_january_2024_fall_under_the_mca_threat_limb(case: Case) -> None:
    # The Malicious Communications Act threat limb (repealed from 31 January 2024) took threats to kill
    # and of violence but not threats of sexual violence.
    s = Scenario(case)
    s.say("2023-11-13 21:36", "I'll rape you", categories=("threat_sexual",))
    s.say("2024-02-13 21:36", "I'll rape you", categories=("threat_sexual",))
    content = element(offences(assess(s.build()))["mca1988_s1_threat"], "threat")
    assert (content["status"], [i["item_id"] for i in content["items"]]) == ("evidenced", [s.item(1)])


def test_stalking_is_no_better_supported_than_the_harassment_it_needs(case: Case) -> None:
    # Stalking (s.2A) is harassment with acts associated with stalking, yet it read "supported" where
    # harassment (s.2) was only partly supported: it had no element for the conduct amounting to
    # harassment.
    s = Scenario(case)
    s.say("2024-03-01 12:00", "leave me alone", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 08:00", "nice coat today", categories=("monitoring",))
    s.say("2024-03-06 08:00", "saw you at the gym", categories=("monitoring",))
    found = offences(assess(s.build()))
    assert found["pha1997_s2"]["status"] == "partly_supported"
    stalking = found["pha1997_s2a"]
    assert stalking["status"] == "partly_supported"
    harassment = element(stalking, "amounts_to_harassment")
    assert (harassment["status"], harassment["core"]) == ("partly_evidenced", True)
    assert (
        harassment["missing"]
        == "no record of her alarm or distress; her statement should say how the conduct affected her"
    )


def test_stalking_with_fear_needs_the_harassment_stalking_needs(case: Case) -> None:
    # s.4A is s.2A stalking plus fear or serious alarm, yet it stayed a candidate where stalking itself
    # was not (spyware found twice, nothing showing the conduct amounted to harassment).
    s = Scenario(case)
    for day in ("2024-03-01", "2024-03-05"):
        s.say(
            f"{day} 09:00",
            "mSpy on her phone",
            by="none",
            to=None,
            kind="device_finding",
            categories=("spyware",),
            confirmed=("spyware",),
        )
    result = assess(s.build())
    assert "pha1997_s2a" not in offences(result) and "pha1997_s4a" not in offences(result)
    assert (
        excluded(result)["pha1997_s4a"]
        == excluded(result)["pha1997_s2a"]
        == ("no record of her alarm or distress; her statement should say how the conduct affected her")
    )


def test_undated_items_are_left_out_and_said_to_be(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "you stupid cow", categories=("misogynistic_abuse",))
    s.say("", "nobody will want you", categories=("insult_harassment",))
    pair = assess(s.build())["assessments"][0]  # type: ignore[index]
    assert pair["notes"] == ["1 item(s) between them have no time and were left out of dates and occasions"]
    assert "pha1997_s2" not in {o["id"] for o in pair["offences"]}
    assert excluded(assess(s))["pha1997_s2"].startswith("found on 1 of the 2 occasions needed")


def test_her_reaction_after_a_repeal_still_counts_for_conduct_before_it(case: Case) -> None:
    # Her distress the morning after an image was disclosed on 30 January 2024 was dropped from the s.33
    # assessment because s.33 was repealed on 31 January: the dates bound his conduct, not her reaction.
    s = Scenario(case)
    s.say("2024-01-30 23:30", "look at Jane", to="friend", categories=("intimate_image_shared",))
    s.say("2024-01-31 08:00", "how could you send that to Sarah", by="her", categories=("distress",))
    intent = element(offences(assess(s.build()))["cjca2015_s33_disclose"], "intent_distress")
    assert [i["item_id"] for i in intent["items"]] == [s.item(2)]


def test_her_words_with_no_time_on_the_day_of_his_act_are_not_put_before_or_after_it(case: Case) -> None:
    # A record with a date but no time is stored at midnight, so her undated request on the day of his last
    # message counted as made before it (and her distress at 10:00 as after an undated incident that day),
    # though the order within the day is unknown.
    s = Scenario(case)
    s.incident("2024-03-01", "John Smith shouted at her in the street", categories=("threat_violence",))
    s.say("2024-03-01 10:00", "I'm so scared", by="her", categories=("distress",))
    s.say("2024-03-03 20:00", "you stupid cow", categories=("misogynistic_abuse",))
    s.say("2024-03-03", "please stop", by="her", categories=("request_to_stop",))
    harassment = offences(assess(s.build()))["pha1997_s2"]
    assert element(harassment, "knew_or_ought_to_know")["items"] == []
    distress = [i["item_id"] for i in element(harassment, "amounts_to_harassment")["items"]]
    assert s.item(2) not in distress


# -- fear and intent come after the threat they go to ------------------------------------------------


def test_intent_to_share_is_not_evidenced_by_messages_before_the_threat(case: Case) -> None:
    # s.66B(4) intent was "partly evidenced" by a conditional threat and her fear in March, three months
    # before the threat to share in June: her fear of the threat can only follow it.
    s = Scenario(case)
    s.say("2024-03-28 23:58", "answer me or I'll come round", categories=("blackmail",))
    s.say("2024-03-29 02:15", "Please stop. I am scared.", by="her", categories=("distress",))
    s.say(
        "2024-06-30 00:30",
        "I'll send your nudes to everyone",
        categories=("intimate_image_abuse", "blackmail"),
        rules=("image.threat_share_intimate",),
    )
    s.say("2024-06-30 00:40", "please don't, I'm terrified", by="her", categories=("distress",))
    threat = offences(assess(s.build(), date(2024, 7, 1)))["soa2003_s66b_4"]
    intent = element(threat, "intent_or_recklessness")
    assert intent["status"] == "partly_evidenced"
    assert [i["item_id"] for i in intent["items"]] == [s.item(3), s.item(4)]


def test_fear_of_a_threat_to_kill_follows_the_threat(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 10:00", "you'll regret this", categories=("insult_harassment",))
    s.say("2024-03-01 10:30", "I am scared", by="her", categories=("distress",))
    s.say("2024-03-01 12:00", "I will kill you", categories=("threat_to_kill",))
    kill = offences(assess(s.build()))["oapa1861_s16"]
    assert [i["item_id"] for i in element(kill, "intended_fear")["items"]] == [s.item(3)]


def test_fear_of_violence_counts_only_after_a_threat_of_violence(case: Case) -> None:
    # s.4: two occasions of her fear, both before any threat of violence (after his insults), are not fear
    # caused by the threats; only her fear after the first threat counts.
    s = Scenario(case)
    s.say("2024-03-01 10:00", "answer me", categories=("insult_harassment",))
    s.say("2024-03-01 11:00", "I'm frightened", by="her", categories=("distress",))
    s.say("2024-03-02 11:00", "I'm still frightened", by="her", categories=("distress",))
    s.say("2024-03-03 20:00", "I'll break your legs", categories=("threat_violence",))
    s.say("2024-03-05 20:00", "I'll stab you", categories=("threat_violence",))
    s.say("2024-03-05 20:10", "I'm terrified", by="her", categories=("distress",))
    fear = offences(assess(s.build()))["pha1997_s4"]
    caused = element(fear, "caused_fear_twice")
    assert [i["item_id"] for i in caused["items"]] == [s.item(6)]
    assert caused["occasions"] == {"found": 1, "needed": 2}
