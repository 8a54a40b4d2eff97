"""The offence matrix says beside each offline incident why it is his conduct."""

from __future__ import annotations

from footprint.case import Case
from footprint.report import build_report, render_html
from tests.analyse.law.lawscenario import Scenario, run_only


def test_the_offence_matrix_prints_why_each_incident_is_his(case: Case) -> None:
    # The report named "JD/1 line 2" alone, though only the software's reading of its words made it his.
    s = Scenario(case)
    s.say("2024-03-02 20:00", "I'll break your legs", categories=("threat_violence",))
    s.incident("2024-03-06 19:00", "John Smith waited outside my flat")
    s.build()
    run_only(case, "law")
    html = render_html(build_report(case))
    matrix = html[html.index('<h2 id="offences">') :]
    link = f'<a href="#item-{s.item(2)}">JD/1 line 2</a>'
    assert (
        f'{link} <span class="small">(his conduct by its words (not reviewed): they open with John Smith as'
        " the one acting)</span>"
    ) in matrix
    assert f'<a href="#item-{s.item(1)}">JD/1 line 1</a> <span' not in matrix  # a message: no basis
