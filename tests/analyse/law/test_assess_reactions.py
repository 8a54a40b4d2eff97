"""The offence assessment calls a reaction a reaction (new-code review 2, continued): an item that is one
is named as one beside its reference, an element counting reactions says how many and what it has without
them, the course of conduct says how many of its occasions are only reactions, and the assessment finding
names the offences counting them. Before, a 😂 and a 👍 on her message made two of the three occasions of
"course_of_conduct: evidenced — JD/1 line 2, JD/1 line 3, JD/1 line 4", read as three messages."""

from __future__ import annotations

from datetime import date

from lawscenario import Scenario, confirm_all, element, offences, run_only

from footprint.analyse.law.assess import assess_case
from footprint.case import Case
from footprint.cli.law_cmds import render
from footprint.report.sections import Ref, assessment

WHAT = "an emoji put on a message, which she is shown, not words he wrote"
LAUGH = "a reaction '😂' to the message JD/1 line 1"
LIKE = "a reaction '👍' to the message JD/1 line 1"


def _react(s: Scenario, when: str, emoji: str) -> None:
    s.say(when, emoji, kind="reaction")
    s.lines[-1].details.update({"reaction_to": "line 1", "reaction_action": "added"})


def _assessed(case: Case) -> dict[str, object]:
    s = Scenario(case)
    s.say("2024-03-01 11:00", "Please stop contacting me", by="her", categories=("request_to_stop",))
    s.say("2024-03-01 11:30", "you will regret this", categories=("threat_violence",))
    _react(s, "2024-03-02 10:00", "😂")
    _react(s, "2024-03-04 10:00", "👍")
    s.build()
    confirm_all(case)
    return assess_case(case, date(2024, 6, 1))


def test_an_element_names_its_reactions_and_what_it_has_without_them(case: Case) -> None:
    result = _assessed(case)
    course = element(offences(result)["pha1997_s2"], "course_of_conduct")
    assert [(i["locator"], i.get("reaction")) for i in course["items"]] == [
        ("line 2", None),
        ("line 3", LAUGH),
        ("line 4", LIKE),
    ]
    assert course["reactions"] == (
        f"2 of its 3 item(s) are reactions ({WHAT}): JD/1 line 3, JD/1 line 4; 2 of its 3 occasion(s) are"
        " only reactions, and without them it is found on 1 occasion(s), fewer than the 2 needed: whether"
        " the reactions are conduct towards her is for the lawyer"
    )
    sends = element(offences(result)["ca2003_s127_1"], "sends_by_network")  # one message is enough
    assert sends["reactions"] == f"2 of its 3 item(s) are reactions ({WHAT}): JD/1 line 3, JD/1 line 4"
    character = element(offences(result)["ca2003_s127_1"], "character")
    assert "reactions" not in character  # the threat alone
    assert result["assessments"][0]["course_of_conduct"]["reaction_only_occasions"] == [2, 3]  # type: ignore[index]


def test_assess_prints_the_reactions(case: Case) -> None:
    lines = render(_assessed(case))
    assert (
        f"  Conduct on 3 occasion(s) (2 of them only reactions: {WHAT}); all directed at or about Jane Doe;"
        " 3 item(s) after she asked him to stop (01/03/2024 11:00:00 GMT (+00:00))"
    ) in lines
    at = lines.index(
        f"    - course_of_conduct: evidenced — JD/1 line 2, JD/1 line 3 \\[{LAUGH}], JD/1 line 4 \\[{LIKE}]"
        " (3 of 3 confirmed by a person)"
    )
    assert lines[at + 1].startswith(
        f"      reactions: 2 of its 3 item(s) are reactions ({WHAT}): JD/1 line 3"
    )


def test_the_report_and_the_finding_say_so(case: Case) -> None:
    result = _assessed(case)
    pair = result["assessments"][0]  # type: ignore[index]
    refs = {i.id: Ref(i.id, i.exhibit, i.locator, "") for i in case.store.iter_items()}
    shown = assessment(pair, "computed", refs)
    harassment = next(o for o in shown.offences if o.section == "s.2")
    course = next(e for e in harassment.elements if e.id == "course_of_conduct")
    assert course.attributions == ("", LAUGH, LIKE)
    assert course.reactions.startswith(f"2 of its 3 item(s) are reactions ({WHAT})")
    run_only(case, "law")
    [finding] = case.store.findings("offence_assessment")
    assert (
        f". Reactions ({WHAT}) are counted as his conduct for: Communications Act 2003 s.127(1);"
        " Communications Act 2003 s.127(2)(c); Protection from Harassment Act 1997 s.4A; Protection from"
        " Harassment Act 1997 s.2; Protection from Harassment Act 1997 s.2A; each element says which"
    ) in finding.explanation
    assert finding.explanation.endswith(
        "each element says which and whether it needs them. This is not a finding of guilt. It shows what the"
        " recorded evidence supports for each element of each candidate offence and what is missing; whether an"
        " offence is made out, and whether to charge, are decisions for a lawyer."
    )
