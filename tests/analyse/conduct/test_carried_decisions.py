"""A reviewer's dismissal stays in force for the conduct analysis when the analysers run again."""

from __future__ import annotations

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.review import decide
from tests.analyse.law.lawscenario import run_only, stalking_pattern
from tests.conftest import store_findings


def _occasions(case: Case) -> list[tuple[list[int], list[str]]]:
    """Each occasion of the course of conduct: its items and the kinds of abuse counted in it."""
    run_only(case, "course_of_conduct")
    [course] = [f for f in case.store.findings() if f.category == "course_of_conduct"]
    listed = course.details["occasions"]
    assert isinstance(listed, list)
    return [(o["item_ids"], o["categories"]) for o in listed]


def test_a_threat_dismissed_before_the_labels_ran_again_stays_out_of_the_course(case: Case) -> None:
    s = stalking_pattern(case)
    stab = next(f for f in case.store.findings() if f.item_id == s.item(4))
    decide(case, stab.id, "dismiss", "sent to someone else by mistake")
    before = _occasions(case)
    store_findings(  # the labels run again and say the same about the same words
        case,
        "labels",
        [
            FindingDraft(f.item_id, f.category, f.score, f.explanation, f.spans)
            for f in case.store.findings()
            if f.analyser == "labels"
        ],
    )
    assert before == [([s.item(2)], ["threat_violence"]), ([s.item(4)], [])]
    assert _occasions(case) == before
