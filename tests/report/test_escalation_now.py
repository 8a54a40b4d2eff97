"""The report's escalation finding: a change point that counted a finding dismissed since the analysis
ran is recomputed without it beside the stored explanation."""

from __future__ import annotations

from footprint.case import Case
from footprint.report import build_report, render_html
from footprint.review.decisions import decide
from tests.analyse.law.lawscenario import escalating_pattern, run_only


def test_the_report_recomputes_a_change_point_that_rested_on_a_dismissed_threat(case: Case) -> None:
    escalating_pattern(case)
    run_only(case, "escalation")
    html = render_html(build_report(case))
    conduct = html[html.index('<h2 id="conduct">') : html.index('<h2 id="orders">')]
    assert "As the review decisions stand now" not in conduct
    lyric = case.store.findings("threat_to_kill")[0].id
    decide(case, lyric, "dismiss", "a song lyric he quoted, not a threat")
    html = render_html(build_report(case))
    conduct = html[html.index('<h2 id="conduct">') : html.index('<h2 id="orders">')]
    assert (
        "<br><strong>As the review decisions stand now:</strong> Since this analysis ran, a person dismissed"
        f" finding #{lyric} (threat_to_kill, JD/1 line 5), which it counted. Recomputed without it, as"
        " `footprint assess` computes it now: severity rose from 1.0 (mean over occasions 1-4) to 5.0"
        " (occasions 5-7) from JD/1 line 6 (23/03/2024 12:00:00 GMT (+00:00)); occasions per week rose from"
        " 1.0 (weeks 1-3) to 4.0 (week 4), weeks counted from 02/03/2024.<br>"
    ) in conduct


def test_a_disclosure_copy_says_the_same(case: Case) -> None:
    escalating_pattern(case)
    run_only(case, "escalation")
    [lyric, _] = [f.id for f in case.store.findings("threat_to_kill")[:2]]
    decide(case, lyric, "dismiss", "a song lyric he quoted, not a threat")
    [view] = [v for v in build_report(case, redact=True).conduct if v.finding.category == "escalation"]
    assert view.now == (
        f"Since this analysis ran, a person dismissed finding #{lyric} (threat_to_kill, JD/1 line 5), which"
        " it counted. Recomputed without it, as `footprint assess` computes it now: severity rose from 1.0"
        " (mean over occasions 1-4) to 5.0 (occasions 5-7) from JD/1 line 6 (23/03/2024 12:00:00 GMT"
        " (+00:00)); occasions per week rose from 1.0 (weeks 1-3) to 4.0 (week 4), weeks counted from"
        " 02/03/2024."
    )
