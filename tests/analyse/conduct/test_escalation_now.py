"""An escalation finding whose change point counted a finding a person has since dismissed (a "threat to
kill" that was a song lyric) is recomputed without it wherever it is shown: the report, the review app and
`assess`."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import Scenario, escalating_pattern, run_only  # noqa: E402

from footprint.analyse.base import FindingDraft  # noqa: E402
from footprint.analyse.conduct.escalation_now import escalation_now  # noqa: E402
from footprint.analyse.law.assess import assess_case  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.review.decisions import decide  # noqa: E402
from footprint.review.supplied import mark_supplied  # noqa: E402
from footprint.times import today  # noqa: E402
from tests.conftest import store_findings  # noqa: E402


def _dismiss_threats(case: Case, count: int) -> list[int]:
    """Dismiss the first ``count`` threat-to-kill findings (in time order) as song lyrics."""
    threats = case.store.findings("threat_to_kill")[:count]
    for f in threats:
        decide(case, f.id, "dismiss", "a song lyric he quoted, not a threat")
    return [f.id for f in threats]


def test_a_change_point_resting_on_a_dismissed_threat_is_recomputed_without_it(case: Case) -> None:
    escalating_pattern(case)
    run_only(case, "escalation")
    a, b = _dismiss_threats(case, 2)
    [finding] = case.store.findings("escalation")
    assert escalation_now(case, case.store.findings()) == {
        finding.id: f"Since this analysis ran, a person dismissed findings #{a} (threat_to_kill, JD/1 line 5),"
        f" #{b} (threat_to_kill, JD/1 line 6), which it counted. Recomputed without them, as `footprint"
        " assess` computes it now: severity rose from 1.0 (mean over occasions 1-5) to 5.0 (occasions 6-7)"
        " from JD/1 line 7 (23/03/2024 18:00:00 GMT (+00:00)); occasions per week rose from 1.0 (weeks 1-3)"
        " to 4.0 (week 4), weeks counted from 02/03/2024."
    }


def test_a_change_point_that_rested_wholly_on_dismissed_threats_is_said_to_be_gone(case: Case) -> None:
    # no request to stop: his four "threats" were conduct only as threats
    s = Scenario(case)
    for day in ("02", "09", "16"):
        s.say(f"2024-03-{day} 20:00", "answer me", categories=("insult_harassment",))
    for hour in ("08", "12", "18", "22"):
        s.say(f"2024-03-23 {hour}:00", "I'll kill you", categories=("threat_to_kill",))
    s.build()
    run_only(case, "escalation")
    ids = _dismiss_threats(case, 4)
    [finding] = case.store.findings("escalation")
    named = ", ".join(f"#{i} (threat_to_kill, JD/1 line {n})" for i, n in zip(ids, (4, 5, 6, 7), strict=True))
    assert escalation_now(case, case.store.findings()) == {
        finding.id: f"Since this analysis ran, a person dismissed findings {named}, which it counted."
        " Recomputed without them, as `footprint assess` computes it now: no change point remains, so this"
        " finding no longer shows that the conduct escalated."
    }
    assert assess_case(case, today(case.info.zone))["assessments"][0]["escalation"] == []


def test_a_dismissed_finding_the_change_point_did_not_count_says_nothing(case: Case) -> None:
    escalating_pattern(case)
    # dismissed before the analysis: it never counted
    decide(case, case.store.findings("threat_to_kill")[0].id, "dismiss", "a song lyric")
    run_only(case, "escalation")
    # dismissed after: an insult on an occasion that still counts, as contact after her request, at 1
    decide(case, case.store.findings("insult_harassment")[0].id, "dismiss", "a joke between them")
    assert case.store.findings("escalation") != []
    assert escalation_now(case, case.store.findings()) == {}


def test_assess_recomputes_the_change_point_without_the_dismissed_threat(case: Case) -> None:
    escalating_pattern(case)
    _dismiss_threats(case, 2)
    [severity, _] = assess_case(case, today(case.info.zone))["assessments"][0]["escalation"]
    moved = next(i.id for i in case.store.iter_items() if i.locator == "line 7")
    assert (severity["item_id"], severity["before"], severity["occasions"]) == (
        moved,
        1.0,
        {"before": 5, "after": 2},
    )


def test_a_dismissed_request_to_stop_takes_the_contact_that_counted_after_it(case: Case) -> None:
    # three plain messages counted as his conduct only because they came after her request
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop", by="her", categories=("request_to_stop",))
    for day in ("02", "09", "16"):
        s.say(f"2024-03-{day} 20:00", "answer me")
    for hour in ("08", "12", "18", "22"):
        s.say(f"2024-03-23 {hour}:00", "I'll kill you", categories=("threat_to_kill",))
    s.build()
    run_only(case, "escalation")
    [request] = case.store.findings("request_to_stop")
    decide(case, request.id, "dismiss", "she was asking a friend to stop, not him")
    [finding] = case.store.findings("escalation")
    assert escalation_now(case, case.store.findings()) == {
        finding.id: f"Since this analysis ran, a person dismissed finding #{request.id} (request_to_stop,"
        " JD/1 line 1), which it counted. Recomputed without it, as `footprint assess` computes it now: no"
        " change point remains, so this finding no longer shows that the conduct escalated."
    }


def test_a_pair_no_longer_assessed_leaves_the_change_point_unsupported_until_the_analysers_run_again(
    case: Case,
) -> None:
    escalating_pattern(case)
    run_only(case, "escalation")
    [stored] = case.store.findings("escalation")
    # the same finding, for a suspect the case no longer holds (renamed since the analysis ran)
    details = {**stored.details, "suspect": "John Smyth"}
    store_findings(
        case,
        "escalation",
        [FindingDraft(None, "escalation", 0.8, stored.explanation, details=details)],
        version=7,
    )
    [finding] = case.store.findings("escalation")
    [lyric] = _dismiss_threats(case, 1)
    assert escalation_now(case, case.store.findings()) == {
        finding.id: f"Since this analysis ran, a person dismissed finding #{lyric} (threat_to_kill, JD/1 line"
        " 5), which it counted. The change point above rests on it and is unsupported until the analysers"
        " run again (it cannot be recomputed here: John Smyth and Jane Doe are no longer a suspect and"
        " complainant of this case)."
    }


def test_with_exhibits_withheld_from_the_role_the_change_point_is_unsupported(case: Case) -> None:
    escalating_pattern(case).say("2024-03-24 09:00", "police note", by="her").build()  # JD/2, not hers
    mark_supplied(case, "JD/1", "her own export")
    run_only(case, "escalation")
    [lyric] = _dismiss_threats(case, 1)
    advocate = case.acting_as("Ann Advocate", "advocate")
    [finding] = advocate.store.findings("escalation")
    assert escalation_now(advocate, advocate.store.findings()) == {
        finding.id: f"Since this analysis ran, a person dismissed finding #{lyric} (threat_to_kill, JD/1 line"
        " 5), which it counted. The change point above rests on it and is unsupported until the analysers"
        " run again (it cannot be recomputed here: it is read from the whole case, and exhibits are withheld"
        " from this role)."
    }


def test_the_recomputed_change_point_is_the_analysers_own_with_an_incident_left_out(case: Case) -> None:
    # one occasion a week; occasion 3 is an offline incident no finding grades (escalation v8 leaves it out
    # of the severity means): the view-time recomputation must give what the analyser gives on a new run
    s = Scenario(case)
    weeks = ("02/03", "09/03", "16/03", "23/03", "30/03", "06/04", "13/04")
    steps = ("insult_harassment", "insult_harassment", "incident", "threat_to_kill", "threat_violence")
    for day, step in zip(weeks, (*steps, "threat_to_kill", "threat_violence"), strict=True):
        when = f"2024-{day[3:]}-{day[:2]} 20:00"
        if step == "incident":
            s.incident(when, "John Smith waited outside her work", done_by="John Smith")
        else:
            s.say(when, "message", categories=(step,))
    s.build()
    run_only(case, "escalation")
    [lyric] = _dismiss_threats(case, 1)
    [stored] = case.store.findings("escalation")
    now = escalation_now(case, case.store.findings())
    run_only(case, "escalation")
    [again] = case.store.findings("escalation")
    words = again.explanation.removeprefix("John Smith → Jane Doe: ").split(". Severity is")[0]
    assert words == (
        "severity rose from 1.0 (mean over occasions 1-3, leaving out occasion 3, an offline incident no"
        " finding grades) to 4.33 (occasions 4-6) from JD/1 line 5 (30/03/2024 20:00:00 GMT (+00:00))"
    )
    assert now == {
        stored.id: f"Since this analysis ran, a person dismissed finding #{lyric} (threat_to_kill, JD/1 line"
        f" 4), which it counted. Recomputed without it, as `footprint assess` computes it now: {words}."
    }
    assert (
        assess_case(case, today(case.info.zone))["assessments"][0]["escalation"]
        == (again.details["change_points"])
    )
