"""A conduct finding is said to rest on a finding dismissed after the analysis only when it used that
finding: the items its details name, with the categories it weighed (report.stale)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse" / "law"))
from lawscenario import HER, HIM, Scenario, run_only  # noqa: E402

from footprint.analyse.base import FindingDraft  # noqa: E402
from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.report import build_report  # noqa: E402
from footprint.review import decide  # noqa: E402
from tests.conftest import store_findings  # noqa: E402


def _stale(case: Case) -> dict[tuple[str, str], list[int]]:
    """Each conduct or breach finding (category, item locator or "") with the ids of the dismissed findings
    the report says it rests on."""
    model = build_report(case)
    where = {i.id: i.locator for i in case.store.iter_items()}
    out = {}
    for v in (*model.conduct, *model.breaches):
        key = (v.finding.category, where.get(v.finding.item_id or 0, ""))
        out[key] = [int(w.split("#")[1].split(" ")[0]) for w in v.stale]
    return out


def _case(case: Case) -> Scenario:
    """Her request, then two messages of his a week apart, each an insult; the second also labelled
    distress (a detector's reading of his words that no conduct finding weighs)."""
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop messaging me", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 20:00", "answer me", categories=("insult_harassment",))
    s.say("2024-03-09 20:00", "answer me, I'm upset", categories=("insult_harassment", "distress"))
    s.build()
    add_order(
        case, type="restraining", made="2024-03-02 10:00", expires=None, protects=HER, against=HIM,
        conditions=[f"not to contact {HER} directly or indirectly"],
    )  # fmt: skip
    for name in ("contact_after_request", "course_of_conduct", "order_breach"):
        run_only(case, name)
    return s


def _finding(case: Case, item_id: int, category: str) -> int:
    return next(f.id for f in case.store.findings(category) if f.item_id == item_id)


def test_a_finding_it_did_not_use_does_not_make_it_stale(case: Case) -> None:
    # Any dismissed detection finding on an item it named made it "rest on" that finding: an insult on a
    # message counted as contact after her request (which its words do not decide), a breach of a
    # no-contact condition (which reads who sent it to whom), "distress" read in his words (not conduct).
    s = _case(case)
    decide(case, _finding(case, s.item(2), "insult_harassment"), "dismiss", "banter")
    distress = _finding(case, s.item(3), "distress")
    decide(case, distress, "dismiss", "not her words")
    stale = _stale(case)
    assert stale[("contact_after_request", "line 2")] == []
    assert stale[("order_breach", "line 2")] == []
    assert stale[("order_breach", "line 3")] == []
    # the course of conduct weighed the insult (a recurring theme), not the distress
    assert stale[("course_of_conduct", "")] == [_finding(case, s.item(2), "insult_harassment")]


def test_her_request_dismissed_after_the_analysis_makes_the_contact_after_it_stale(case: Case) -> None:
    # The contact-after-request findings rest on her request to stop, which their details name
    # (request_item_id); its dismissal was not said on them.
    s = _case(case)
    request = _finding(case, s.item(1), "request_to_stop")
    decide(case, request, "dismiss", "she was asking a friend")
    stale = _stale(case)
    assert stale[("contact_after_request", "line 2")] == [request]
    assert stale[("contact_after_request", "line 3")] == [request]
    assert stale[("order_breach", "line 2")] == []
    # the course of conduct counted "2 item(s) after she asked him to stop" from it: it was not said there
    assert stale[("course_of_conduct", "")] == [request]


def test_the_course_names_the_request_it_counted_from_and_its_time(case: Case) -> None:
    s = _case(case)
    request = _finding(case, s.item(1), "request_to_stop")
    [course] = case.store.findings("course_of_conduct")
    assert (
        course.details["request_item_id"],
        course.details["request_finding_ids"],
        course.details["request_at_utc"],
    ) == (s.item(1), [request], "2024-03-01T12:00:00Z")
    [view] = [v for v in build_report(case).conduct if v.finding.category == "course_of_conduct"]
    assert view.stale == ()


def test_a_course_whose_request_a_later_analysis_dropped_or_replaced_is_stale(case: Case) -> None:
    # The labels run again after the course: once finding her request again (a new finding, which may
    # say something different), once no longer finding it. The course still counted from the old one.
    s = _case(case)
    request = _finding(case, s.item(1), "request_to_stop")
    insults = [FindingDraft(s.item(n), "insult_harassment", 0.9, "test label") for n in (2, 3)]
    store_findings(case, "labels", [FindingDraft(s.item(1), "request_to_stop", 0.8, "again"), *insults])
    again = _finding(case, s.item(1), "request_to_stop")
    [view] = [v for v in build_report(case).conduct if v.finding.category == "course_of_conduct"]
    assert view.stale == (
        f"Rests on her request to stop, finding #{request} (JD/1 line 1), which a later analysis replaced by"
        f" finding #{again}; run `footprint analyse` again",
    )
    store_findings(case, "labels", insults)
    [view] = [v for v in build_report(case).conduct if v.finding.category == "course_of_conduct"]
    assert view.stale == (
        f"Rests on her request to stop, finding #{request} (JD/1 line 1), which a later analysis replaced and"
        " no longer finds it; run `footprint analyse` again",
    )
    run_only(case, "course_of_conduct")  # analysed again: it no longer counts from a request
    [view] = [v for v in build_report(case).conduct if v.finding.category == "course_of_conduct"]
    assert (view.stale, view.finding.details["request_finding_ids"]) == ((), [])


def test_a_request_dismissed_before_the_analysis_does_not_make_the_course_stale(case: Case) -> None:
    s = _case(case)
    s.say("2024-03-01 13:00", "please stop", by="her", categories=("request_to_stop",)).build()
    decide(case, _finding(case, s.item(1), "request_to_stop"), "dismiss", "she was asking a friend")
    run_only(case, "course_of_conduct")
    [view] = [v for v in build_report(case).conduct if v.finding.category == "course_of_conduct"]
    assert view.finding.details["request_item_id"] == s.item(4)
    assert view.stale == ()
