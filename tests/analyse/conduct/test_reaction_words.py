"""A finding resting on a reaction says it is one (which emoji, on which message); a removed reaction is
not contact; a course of conduct says how many of its occasions are only reactions (new-code review 2).
Before, a 😂 read "Sent by John Smith to her", and a removed tapback counted as contact after her request."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import Scenario, run_only  # noqa: E402

from footprint.analyse.conduct.evidence import collect_pairs  # noqa: E402
from footprint.case import Case  # noqa: E402


def _react(s: Scenario, when: str, emoji: str, action: str = "added") -> None:
    s.say(when, emoji, kind="reaction")
    s.lines[-1].details.update({"reaction_to": "line 1", "reaction_action": action})


def _case(case: Case) -> Scenario:
    s = Scenario(case)
    s.say("2024-03-01 11:00", "Please stop contacting me", by="her", categories=("request_to_stop",))
    s.say("2024-03-01 11:30", "you will regret this", categories=("threat_violence",))
    _react(s, "2024-03-02 10:00", "😂")
    _react(s, "2024-03-03 10:00", "like (removed)", action="removed")
    _react(s, "2024-03-04 10:00", "👍")
    return s.build()


def test_contact_after_her_request_names_a_reaction_as_one_and_leaves_a_removed_one_out(case: Case) -> None:
    s = _case(case)
    run_only(case, "contact_after_request")
    found = {f.item_id: f for f in case.store.findings("contact_after_request")}
    assert sorted(found) == [s.item(2), s.item(3), s.item(5)]
    assert found[s.item(2)].explanation.startswith("Sent by John Smith to her 30 minute(s) after")
    assert found[s.item(3)].explanation == (
        "A reaction '😂' to the message JD/1 line 1 by John Smith, sent to her 23.0 hours after she asked him"
        " to stop (JD/1 line 1, 01/03/2024 11:00:00 GMT (+00:00), to whatsapp:John Smith); 1 request(s) to"
        " stop before it."
    )
    assert found[s.item(3)].details["kind"] == "reaction"


def test_the_pair_names_a_removed_reaction_and_does_not_count_it(case: Case) -> None:
    s = _case(case)
    [pair] = collect_pairs(case)
    assert s.item(4) not in [p.item.id for p in pair.items]
    assert pair.notes == (
        "1 item(s) between them record a reaction being removed, of which the platform tells no one, and are"
        " not counted as contact: JD/1 line 4",
    )


def test_a_course_resting_on_reactions_says_so_and_is_not_scored_strong(case: Case) -> None:
    _case(case)
    run_only(case, "course_of_conduct")
    [course] = case.store.findings("course_of_conduct")
    assert course.details["reaction_only_occasions"] == [2, 3]
    assert course.score == 0.6
    assert (
        "Occasions (items less than 60 minutes apart are one occasion: a rule of this tool, not of law): 1."
        " 01/03/2024: JD/1 line 2; 2. 02/03/2024: JD/1 line 3 [a reaction '😂' to the message JD/1 line 1];"
        " 3. 04/03/2024: JD/1 line 5 [a reaction '👍' to the message JD/1 line 1]. All directed at or about"
        " Jane Doe. 2 of the 3 occasions (2, 3) are only reactions (an emoji he put on a message, which she is"
        " shown, not words he wrote); without them there is 1 occasion(s), so the course of conduct rests on"
        " reactions: whether they are conduct towards her is for the lawyer. Linked by:"
    ) in course.explanation
