"""Escalation audited: a stated severity ordering covering every category the case can hold, and a
change point that is explained and not claimed from a single occasion."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import Scenario, escalating_pattern, run_only  # noqa: E402

from footprint.analyse.conduct.escalation import SEVERITY, change_point  # noqa: E402
from footprint.analyse.conduct.evidence import HER_WORDS, NOT_CONDUCT  # noqa: E402
from footprint.analyse.device import CATEGORY as DEVICE  # noqa: E402
from footprint.analyse.media import CATEGORY as IMAGE  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.review import recordable_categories  # noqa: E402


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
