"""The review app's escalation finding: a change point that counted a finding dismissed since the analysis
ran is recomputed without it as the page opens."""

from __future__ import annotations

from footprint.case import Case
from footprint.review.decisions import decide
from footprint.settings import Settings
from footprint.web import create_app
from tests.analyse.law.lawscenario import escalating_pattern, run_only

from .conftest import opened


def test_the_page_recomputes_a_change_point_that_rested_on_a_dismissed_threat(
    case: Case, settings: Settings
) -> None:
    escalating_pattern(case)
    run_only(case, "escalation")
    [finding] = case.store.findings("escalation")
    with opened(create_app(case.dir, settings)) as client:
        assert "As the review decisions stand now" not in client.get(f"/findings/{finding.id}").text
        lyric = case.store.findings("threat_to_kill")[0].id
        decide(case, lyric, "dismiss", "a song lyric he quoted, not a threat")
        page = client.get(f"/findings/{finding.id}").text
    assert (
        '<dt>As the review decisions stand now</dt><dd class="text">Since this analysis ran, a person'
        f" dismissed finding #{lyric} (threat_to_kill, JD/1 line 5), which it counted. Recomputed without it,"
        " as `footprint assess` computes it now: severity rose from 1.0 (mean over occasions 1-4) to 5.0"
        " (occasions 5-7) from JD/1 line 6 (23/03/2024 12:00:00 GMT (+00:00)); occasions per week rose from"
        " 1.0 (weeks 1-3) to 4.0 (week 4), weeks counted from 02/03/2024.</dd>"
    ) in page
