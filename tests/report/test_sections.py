"""The offence matrix as the report reads the law analyser's stored assessment."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse" / "law"))
from lawscenario import Scenario, escalating_pattern, run_only, stalking_pattern  # noqa: E402
from markupsafe import escape  # noqa: E402

from footprint.analyse import analysers  # noqa: E402
from footprint.analyse.law.kb import VERIFICATION_TEXT, load_kb  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.model import AnalysisRun  # noqa: E402
from footprint.report import build_report, render_html  # noqa: E402
from footprint.report.build import ReportModel  # noqa: E402
from footprint.report.sections import RULE_WEIGHTS as SECTION_RULE_WEIGHTS  # noqa: E402
from footprint.report.sections import (
    SECTION_ANALYSERS,  # noqa: E402
    FindingView,  # noqa: E402
    LinkView,  # noqa: E402
    Offence,  # noqa: E402
    SectionStatus,  # noqa: E402
    link_statuses,  # noqa: E402
    section_status,  # noqa: E402
)
from footprint.times import uk_display  # noqa: E402


def test_offence_matrix_shows_mode_penalty_verification_and_notes(case: Case) -> None:
    # The matrix gave no sign which knowledge-base entries are unverified drafts.
    stalking_pattern(case)
    run_only(case, "law")
    model = build_report(case)
    [assessment] = model.assessments
    by_section = {o.section: o for o in assessment.offences}
    stalking, fear = by_section["s.2A"], by_section["s.4"]
    assert (stalking.mode_of_trial, stalking.verification) == ("summary only", "full")
    assert stalking.notes == "Commencement 25 November 2012 rests on a police news item (secondary)."
    assert fear.verification == "partial"
    html = render_html(model)
    assert (
        "<br>either way; maximum 10 years&#39; imprisonment on indictment for offences on or after Policing"
        " and Crime Act 2017 s.175 came into force (5 years before)<br>Knowledge-base entry: verification"
        " partial — <strong>partly checked: penalty read in primary text or a verbatim copy; time limit from"
        " secondary sources only; elements and commencement date not checked against any stored source;"
        " check the entry&#39;s notes before relying on it</strong>"
    ) in html
    assert "<br>Note: Commencement 25 November 2012 rests on a police news item (secondary).</span>" in html


def test_offence_matrix_lists_what_was_considered_and_why_not(case: Case) -> None:
    # The report showed only candidates: blackmail without a money demand, or coercive control without a
    # recorded relationship, vanished without the reason `footprint assess` gives.
    s = Scenario(case)
    s.say(
        "2024-02-13 21:33",
        "unblock me or everyone sees the photos",
        categories=("intimate_image_abuse", "blackmail"),
        rules=("blackmail.or_else", "image.everyone_sees"),
    )
    s.build()
    run_only(case, "law")
    model = build_report(case)
    [assessment] = model.assessments
    why = dict(assessment.excluded)
    assert why["Theft Act 1968 s.21"] == (
        "nothing shows a demand for money or other property (no detector category reads one: a lawyer"
        " must read the demand); a demand for contact, images or sex is not gain (s.34(2)) and points to"
        " s.66B(4) or s.76 instead"
    )
    assert why["Protection from Harassment Act 1997 s.2"].startswith("found on 1 of the 2 occasions needed")
    assert "<li>Theft Act 1968 s.21: nothing shows a demand for money or other property" in render_html(model)


def test_offence_matrix_prompts_the_prosecutor_with_aggravation_and_public_interest(case: Case) -> None:
    # `footprint assess` printed aggravating features and public-interest prompts; the report left them out.
    s = Scenario(case)
    s.say("2024-03-01 20:00", "slag", categories=("misogynistic_abuse",))
    s.say("2024-03-03 20:00", "go back to your own country", categories=("identity_hate",))
    s.build()
    run_only(case, "law")
    model = build_report(case)
    [assessment] = model.assessments
    kb = load_kb()
    features = {a.id: a for a in kb.aggravation}
    hostility, misogyny = features["hostility_protected_characteristic"], features["misogyny_not_protected"]
    got = [(g.text, g.verification, [(r.exhibit, r.locator) for r in g.refs]) for g in assessment.aggravating]
    assert got == [
        (hostility.text, "partial", [("JD/1", "line 2")]),
        (misogyny.text, "partial", [("JD/1", "line 1")]),
    ]
    prompts = {p.id: p.text for p in kb.public_interest}
    wanted = (
        "targeted_individual",
        "hate_element",
        "high_threshold",
        "whole_picture",
    )  # knowledge-base order
    assert [p.text for p in assessment.public_interest] == [prompts[p] for p in wanted]
    html = render_html(model)
    matrix = html[html.index('<h2 id="offences">') : html.index('<h2 id="links">')]
    assert (
        "Prompts for the prosecutor from the knowledge base, not conclusions: whether each applies,"
        " and its weight, is for the prosecutor."
    ) in matrix
    assert (
        f'<li>Aggravating feature: {escape(hostility.text)}<br><span class="small">Knowledge-base entry:'
        f" verification partial — <strong>{escape(VERIFICATION_TEXT['partial'])}</strong>; items:"
        f' <a href="#item-{s.item(2)}">JD/1 line 2</a></span></li>'
    ) in matrix
    assert f"<li>Public interest: {escape(prompts['hate_element'])}</li>" in matrix


def test_offence_matrix_says_the_date_its_time_limits_were_counted_from(case: Case) -> None:
    # "out of time" was shown with no date saying when that was judged (now: the day the report is built)
    from footprint.times import today

    stalking_pattern(case)
    run_only(case, "law")
    model = build_report(case)
    [assessment] = model.assessments
    counted = today("Europe/London")
    assert assessment.as_of == counted.strftime("%d/%m/%Y")
    assert (
        '<p class="small">Computed as this report was built, as <code>footprint assess</code> computes it:'
        " only the evidence that stands after the review decisions up to that audit entry is cited (a"
        f" dismissed finding is not). Time limits counted as of {counted:%d/%m/%Y}, the day this report was"
        " built; <code>footprint assess --as-of</code> counts them from another date.</p>"
    ) in render_html(model)


def test_every_section_names_analysers_that_exist() -> None:
    named = {name for names in SECTION_ANALYSERS.values() for name in names}
    assert named - set(analysers.names()) == set()
    assert set(analysers.names()) - named == set()


def test_offence_matrix_drops_evidence_dismissed_after_the_law_analyser_ran(case: Case) -> None:
    # The report reused the element items the law analyser stored and refreshed only the confirmed counts:
    # a threat to kill a reviewer dismissed afterwards was still cited ("VP/1 line 2, VP/1 line 3; 0 of 2
    # confirmed") while `footprint assess` cited line 2 alone.
    from footprint.analyse.law.assess import assess_case
    from footprint.review import decide
    from footprint.times import today

    s = Scenario(case)
    s.say("2024-03-01 12:00", "I will kill you", categories=("threat_to_kill",))
    s.say("2024-03-03 12:00", "I will kill you tonight", categories=("threat_to_kill",))
    s.build()
    run_only(case, "law")
    [dismissed] = [f for f in case.store.findings() if f.item_id == s.item(2)]
    decide(case, dismissed.id, "dismiss", "not a threat")
    model = build_report(case)
    [assessment] = model.assessments
    kill = next(o for o in assessment.offences if o.section == "s.16")
    threat = next(e for e in kill.elements if e.id == "threat_to_kill")
    assert [(r.exhibit, r.locator) for r in threat.refs] == [("JD/1", "line 1")]
    assert threat.confirmed == "0 of 1 confirmed by a person"
    [now] = assess_case(case, today("Europe/London"))["assessments"]
    fresh = next(o for o in now["offences"] if o["section"] == "s.16")
    assert [[i["item_id"] for i in e["items"]] for e in fresh["elements"]] == [
        [r.item_id for r in e.refs] for e in kill.elements
    ]
    assert assessment.source == (
        f"as footprint assess computes it, from the review decisions up to audit entry {model.audit_seq}"
    )


def _two_menacing_messages(case: Case, monkeypatch: pytest.MonkeyPatch) -> tuple[ReportModel, Offence]:
    """A report on two menacing messages three weeks apart, built on 20 March 2027, and its s.127(1) row."""
    monkeypatch.setattr("footprint.report.build.today", lambda _zone: date(2027, 3, 20))
    s = Scenario(case)
    s.say("2024-03-10 09:00", "I will hurt you", categories=("threat_violence",))
    s.say("2024-03-31 09:00", "you will bleed", categories=("threat_violence",))
    s.build()
    run_only(case, "law")
    model = build_report(case)
    [assessment] = model.assessments
    return model, next(o for o in assessment.offences if o.section == "s.127(1)")


def test_offence_matrix_gives_each_message_offence_its_own_last_date(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # s.127(1): the matrix showed one "last date to charge" for every menacing message; each message is
    # its own offence with its own limit.
    model, menacing = _two_menacing_messages(case, monkeypatch)
    assert menacing.last_date_words == (
        "each of the 2 messages is a separate offence with its own last date to charge: the earliest"
        " 2027-03-09 (JD/1 line 1), the latest 2027-03-30; 1 of 2 already out of time"
    )
    assert f"(Communications Act 2003 s.127(5)); {menacing.last_date_words} — <strong>" in render_html(model)


def test_offence_matrix_prints_the_s127_long_stop_note_that_assess_prints(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The report printed the s.127 last dates without the note `footprint assess` prints: the date is the
    # three-year long-stop only, and the six months from sufficient evidence may end sooner.
    model, menacing = _two_menacing_messages(case, monkeypatch)
    note = (
        "the last date shown is the three-year long-stop; the six months from sufficient evidence may"
        " end sooner"
    )
    assert menacing.time_limit_note == note
    assert f"<strong>1 incident(s) out of time, 1 near the limit</strong><br>Time limit note: {note}<br>" in (
        render_html(model)
    )


def test_conduct_finding_resting_on_a_finding_dismissed_after_the_analysis_says_so(case: Case) -> None:
    # The offence matrix is recomputed from the decisions, but an escalation stored by the last `analyse`
    # still cited a threat a reviewer dismissed afterwards, and nothing in the report said so.
    from footprint.review import decide

    s = escalating_pattern(case)
    [earlier] = [f for f in case.store.findings() if f.item_id == s.item(2)]
    decide(case, earlier.id, "dismiss", "banter")  # before the analysis: the escalation already left it out
    run_only(case, "escalation")
    [escalation] = [f for f in case.store.findings() if f.category == "escalation"]
    assert [v.stale for v in build_report(case).conduct] == [()]
    [threat] = [f for f in case.store.findings() if f.item_id == s.item(5)]
    decide(case, threat.id, "dismiss", "not a threat in context")
    model = build_report(case)
    [view] = model.conduct
    [decision] = [d for d in model.decisions if d.finding_id == threat.id]
    words = (
        f"Rests on finding #{threat.id} (JD/1 line 5), dismissed by {decision.user} on"
        f" {uk_display(decision.at_utc)} after this analysis; run `footprint analyse` again"
    )
    assert view.stale == (words,)
    html = render_html(model)
    assert f"{escape(view.finding.explanation)}<br><strong>{escape(words)}.</strong>" in html
    assert (
        "<br><strong>Review decisions were recorded after the last analysis: 1 conduct finding(s) (finding"
        f" {escalation.id}) rest on findings since dismissed, and are shown as the analysers left them; run"
        " `footprint analyse` again.</strong></p>"
    ) in html


def test_conduct_scores_are_labelled_rule_weights_and_explained_once(case: Case) -> None:
    # A course of conduct's "1.00" sat in the same Score column as the detector's scores with nothing to say
    # that it is a constant set by the rule, not a probability.
    escalating_pattern(case)
    run_only(case, "escalation")
    html = render_html(build_report(case))
    [escalation] = [f for f in case.store.findings() if f.category == "escalation"]
    assert (
        f"finding {escalation.id}; escalation v{escalation.analyser_version}</div></td><td>0.80<br><span"
        ' class="small">rule weight, not a probability</span></td>'
    ) in html
    assert html.count(str(escape(SECTION_RULE_WEIGHTS))) == 1
    assert "rule weight, not a probability" not in html.split('id="flagged"')[1].split('id="conduct"')[0]
    assert "Scores in this section and the next are fixed rule weights, not probabilities" in html


def test_the_offence_matrix_counts_candidate_offences_not_assessments(case: Case) -> None:
    # "1 found. Candidate offences only…" stood above 12 offences: it counted the one suspect and
    # complainant assessed, not the offences listed.
    stalking_pattern(case)
    run_only(case, "law")
    model = build_report(case)
    [assessment] = model.assessments
    assert len(assessment.offences) == 6  # OSA 2023 s.181 not among them: his threats are not of serious harm
    assert "s.181" not in {o.section for o in assessment.offences}
    assert model.statuses["offences"] == SectionStatus("found", "6 candidate offence(s)")
    assert '<p class="status">6 candidate offence(s). Candidate offences only:' in render_html(model)


def _run(analyser: str, status: str, run_id: int) -> AnalysisRun:
    return AnalysisRun(run_id, analyser, 1, "0" * 64, "2024-06-01T10:00:00Z", None, status, None)


def test_a_section_that_did_not_read_every_exhibit_still_says_what_its_count_counts() -> None:
    # Only a section whose analysers read every exhibit named what it counted: the link section said
    # "2 found" of one link and one finding, as before it was fixed for a complete run.
    runs = [_run("link", "ok", 1)]
    links, findings = (
        [cast(LinkView, None)],
        [cast(FindingView, SimpleNamespace(finding=SimpleNamespace(category="account_link")))],
    )
    both, own = link_statuses(runs, links, findings, unread={"link": ("JD/2",)})
    later = "JD/2 was added after link's run of 01/06/2024 11:00:00 BST (+01:00): it has not been analysed"
    assert both.note.startswith(f"1 link(s) between accounts and 1 finding(s) (1 account link); {later}")
    assert own.note.startswith(f"1 finding(s) (1 account link); {later}")
    failed = section_status(
        "offences", [_run("law", "error", 2)], 3, {"law": "its run of …"}, None, "3 candidate offence(s)"
    )
    assert failed.note == (
        "did not complete (law v1: error); the 3 candidate offence(s) shown are from an earlier run (its run"
        " of …), so what was added since was not read: run `footprint analyse` again"
    )
