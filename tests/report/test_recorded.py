"""Findings a person recorded are shown in the report as a person's, with who and why, never as an
analyser's output."""

from __future__ import annotations

import csv
import io

from footprint.case import Case
from footprint.report import build_report, render_html
from footprint.report import schedules as sch
from footprint.review import decide, record_finding
from footprint.times import uk_display
from tests.analyse.law.lawscenario import Scenario

REASON = "voice note JD/4 demands £500 <script>alert(1)</script>"


def _case(case: Case) -> tuple[int, int]:
    s = Scenario(case).say("2024-02-13 21:33", "unblock me or the photos go out").build()
    return s.item(1), record_finding(case, s.item(1), "money_demand", REASON, (0, 10)).finding_id


def test_a_recorded_finding_is_flagged_and_marked_as_a_persons(case: Case) -> None:
    item_id, finding_id = _case(case)
    model = build_report(case)
    [flagged] = model.flagged
    assert flagged.item.id == item_id
    [view] = flagged.findings
    assert view.recorded_by == "tester (investigator)"
    assert [seg.text for seg in flagged.context[0].segments if seg.mark] == ["unblock me"]
    html = render_html(model)
    assert (
        f"<strong>money_demand</strong> (finding {finding_id}) — recorded by a person, not an analyser:"
        " tester (investigator)<br>"
        "recorded by tester (investigator): voice note JD/4 demands £500"
        " &lt;script&gt;alert(1)&lt;/script&gt;<br>"
    ) in html
    assert "<script>alert" not in html
    assert (  # chronology
        f'<div class="flag">finding {finding_id}: money_<wbr>demand, recorded by tester (confirmed)</div>'
    ) in html
    assert "reviewer v1" not in html  # a person is not listed as an analyser run
    assert [r.analyser for r in model.runs] == ["labels"]


def test_a_dismissed_recorded_finding_is_listed_as_a_persons_on_the_unused_schedule(case: Case) -> None:
    _, finding_id = _case(case)
    decide(case, finding_id, "dismiss", "a debt he was owed")
    rows = list(csv.reader(io.StringIO(sch.mg6c(build_report(case)))))
    dismissed = [r for r in rows if r[1].startswith(f"Finding {finding_id} ")]
    assert [r[3] for r in dismissed] == ["recorded finding (dismissed)"]
    assert dismissed[0][1].startswith(
        f"Finding {finding_id} (money_demand, recorded by a person, no score) on JD/1 line 1,"
    )
    assert not any(r[1].startswith("Output of analyser reviewer") for r in rows)


def test_a_decision_carried_to_the_same_words_shows_where_it_was_made(case: Case) -> None:
    from footprint.analyse.base import FindingDraft
    from tests.conftest import store_findings

    item = Scenario(case).say("2024-02-13 21:33", "I will kill you").build().item(1)
    draft = FindingDraft(item, "threat_to_kill", 0.9, "threat to kill", spans=((0, 15),))
    store_findings(case, "detect", [draft], version=7)
    [old] = case.store.findings()
    decide(case, old.id, "dismiss", "a film line")
    store_findings(case, "detect", [draft], version=7)
    model = build_report(case)
    [flagged] = model.flagged
    [view] = flagged.findings
    assert (view.finding.decided_on, [d.finding_id for d in view.decisions]) == (old.id, [old.id])
    assert (
        f"Reviewer: dismissed by tester at {uk_display(view.decisions[0].at_utc)} on finding {old.id},"
        " the same words in an earlier run: “a film line”"
    ) in render_html(model)
