"""Escalation audited: a stated severity ordering covering every category the case can hold, and a
change point that is explained and not claimed from a single occasion."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import HIM, Scenario, escalating_pattern, run_only  # noqa: E402

from footprint.analyse.conduct.escalation import SEVERITY, change_point  # noqa: E402
from footprint.analyse.conduct.evidence import HER_WORDS, NOT_CONDUCT  # noqa: E402
from footprint.analyse.device import CATEGORY as DEVICE  # noqa: E402
from footprint.analyse.law.assess import assess_case  # noqa: E402
from footprint.analyse.media import CATEGORY as IMAGE  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.review import recordable_categories  # noqa: E402
from footprint.times import today  # noqa: E402


def test_every_category_on_his_items_has_a_stated_severity() -> None:
    # A category missing from the ordering fell to the lowest level: a recorded sharing of her intimate
    # image ranked with an insult.
    categories = {*recordable_categories(), DEVICE, IMAGE, "impersonation"} - HER_WORDS - NOT_CONDUCT
    assert sorted(categories - set(SEVERITY)) == []
    assert SEVERITY["intimate_image_shared"] == SEVERITY["intimate_image_abuse"] == 4
    assert SEVERITY["money_demand"] == SEVERITY["blackmail"] == 4


def test_one_serious_occasion_at_the_end_is_not_a_change_point(case: Case) -> None:
    s = Scenario(case)
    for day in ("02", "09", "16"):
        s.say(f"2024-03-{day} 20:00", "answer me", categories=("insult_harassment",))
    s.say("2024-03-23 20:00", "I'll kill you", categories=("threat_to_kill",))
    s.build()
    run_only(case, "escalation")
    assert case.store.findings("escalation") == []


def test_the_explanation_names_the_method_the_numbers_and_the_items(case: Case) -> None:
    escalating_pattern(case)
    run_only(case, "escalation")
    [finding] = case.store.findings("escalation")
    assert finding.explanation == (
        "John Smith → Jane Doe: severity rose from 1.0 (mean over occasions 1-3) to 5.0 (occasions 4-7)"
        " from JD/1 line 5 (23/03/2024 08:00:00 GMT (+00:00)); occasions per week rose from 1.0 (weeks 1-3)"
        " to 4.0 (week 4), weeks counted from 02/03/2024."
        " Severity is the most serious category on each occasion on a stated 1-5 ordering, not a legal"
        " scale; each change point is the one split of the sequence that most raises the mean, with at"
        " least 2 occasions either side, reported when severity rises by at least 1.0 (on at least 2"
        " occasions after it) or occasions per week at least double to one or more."
        " Serious conduct appearing: threat_to_kill first at JD/1 line 5 (23/03/2024 08:00:00 GMT (+00:00))."
    )
    assert finding.details["change_points"][0]["occasions"] == {"before": 3, "after": 4}


def test_a_change_point_needs_two_occasions_on_each_side() -> None:
    assert change_point([1, 1, 4]) is None
    assert change_point([1, 1, 4, 4]) == (2, 1.0, 4.0)
    # Weeks weighted by their occasions: one week of four occasions after three weeks of one each.
    assert change_point([1, 1, 1, 4], [1, 1, 1, 4]) == (3, 1.0, 4.0)
    assert change_point([0, 1, 0, 1], [0, 1, 0, 1]) is None


# One occasion a week (no rise in frequency), so only severity can make a change point.
WEEKS = ("2024-03-02", "2024-03-09", "2024-03-16", "2024-03-23", "2024-03-30", "2024-04-06", "2024-04-13")


def _weekly(case: Case, *steps: str) -> Scenario:
    """One occasion a week: a category on a message of his, or ``incident`` (an offline incident his
    'done by' column gives him, which no finding grades)."""
    s = Scenario(case)
    for day, step in zip(WEEKS, steps, strict=False):
        if step == "incident":
            s.incident(f"{day} 20:00", "John Smith waited outside her work", done_by=HIM)
        else:
            s.say(f"{day} 20:00", "message", categories=(step,))
    return s.build()


def test_an_incident_no_finding_grades_does_not_pull_the_mean_down_into_a_change_point(case: Case) -> None:
    # Defence review 10: two incidents at the lowest level, 1, before conduct at 3-4 made "severity rose
    # from 1.0 to 3.5"; without them the conduct is at 3-4 throughout.
    _weekly(case, "incident", "incident", "doxxing", "threat_violence", "doxxing", "threat_violence")
    run_only(case, "escalation")
    assert case.store.findings("escalation") == []
    assert assess_case(case, today(case.info.zone))["assessments"][0]["escalation"] == []


def test_occasions_keep_their_numbers_and_the_one_left_out_is_named(case: Case) -> None:
    s = _weekly(
        case, "insult_harassment", "insult_harassment", "threat_violence", "incident", "threat_violence"
    )
    run_only(case, "escalation")
    [finding] = case.store.findings("escalation")
    assert finding.explanation == (
        "John Smith → Jane Doe: severity rose from 1.0 (mean over occasions 1-2) to 4.0 (occasions 3-5,"
        " leaving out occasion 4, an offline incident no finding grades) from JD/1 line 3 (16/03/2024"
        " 20:00:00 GMT (+00:00)). Severity is the most serious category on each occasion on a stated 1-5"
        " ordering, not a legal scale; each change point is the one split of the sequence that most raises"
        " the mean, with at least 2 occasions either side, reported when severity rises by at least 1.0 (on"
        " at least 2 occasions after it) or occasions per week at least double to one or more. An occasion"
        " of offline incidents alone that no finding grades has no measured severity (an incident is a"
        " description, which the detector does not read): it is left out of the severity means and counted"
        " only per week. Serious conduct appearing: threat_violence first at JD/1 line 3 (16/03/2024"
        " 20:00:00 GMT (+00:00))."
    )
    assert [o["severity"] for o in finding.details["severity_by_occasion"]] == [1, 1, 4, None, 4]
    assert finding.details["severity_left_out"] == [4]
    [change] = finding.details["change_points"]
    assert (change["item_id"], change["occasions"], change["measured"]) == (
        s.item(3),
        {"before": 2, "after": 3},
        {"before": 2, "after": 2},
    )


def test_an_incident_a_finding_grades_counts_at_its_level(case: Case) -> None:
    s = Scenario(case)
    for day, category in zip(WEEKS, ("insult_harassment", "insult_harassment"), strict=False):
        s.say(f"{day} 20:00", "message", categories=(category,))
    s.incident(f"{WEEKS[2]} 20:00", "John Smith smashed her car window", ("threat_violence",), done_by=HIM)
    s.say(f"{WEEKS[3]} 20:00", "message", categories=("threat_violence",))
    s.build()
    run_only(case, "escalation")
    [finding] = case.store.findings("escalation")
    assert [o["severity"] for o in finding.details["severity_by_occasion"]] == [1, 1, 4, 4]
    assert finding.details["severity_left_out"] == []
    assert finding.explanation.startswith(
        "John Smith → Jane Doe: severity rose from 1.0 (mean over occasions 1-2) to 4.0 (occasions 3-4) from"
        " JD/1 line 3 (16/03/2024 20:00:00 GMT (+00:00)). Severity"
    )
