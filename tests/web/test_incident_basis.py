"""The app's offence assessment says beside each offline incident why it is his conduct."""

from __future__ import annotations

from footprint.case import Case
from footprint.settings import Settings
from footprint.web import create_app
from tests.analyse.law.lawscenario import Scenario, run_only

from .conftest import finding_id, opened


def test_the_assessment_page_prints_why_each_incident_is_his(case: Case, settings: Settings) -> None:
    s = Scenario(case)
    s.say("2024-03-02 20:00", "I'll break your legs", categories=("threat_violence",))
    s.incident("2024-03-06 19:00", "John Smith waited outside my flat")
    s.build()
    run_only(case, "law")
    with opened(create_app(case.dir, settings), follow_redirects=False) as client:
        page = client.get(f"/findings/{finding_id(case, 'offence_assessment')}").text
    assert (
        'JD/1 <span class="mono">line 2</span> (06/03/2024 19:00:00 GMT (+00:00)) <span class="small">his'
        " conduct by its words (not reviewed): they open with John Smith as the one acting</span>"
    ) in page
