"""The report's offence matrix shows conduct pending attribution beside an element, apart from what is
counted and escaped: an account's name is the sender's own words (``footprint.analyse.law.pending``)."""

from __future__ import annotations

import pytest

from footprint.case import Case
from footprint.model import AccountRef
from footprint.report import build_report, render_html
from tests.analyse.law.lawscenario import ACCOUNTS, Scenario, link, run_only

HOSTILE = AccountRef("whatsapp", "<i>Johnny</i> & Two", "<i>Johnny</i> & Two")


def test_the_matrix_names_conduct_pending_attribution_escaped(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(ACCOUNTS, "second", HOSTILE)
    s = Scenario(case)
    s.say("2024-03-01 20:00", "answer me", categories=("insult_harassment",))
    s.say("2024-03-02 20:00", "answer me now", categories=("insult_harassment",))
    s.say(
        "2024-03-03 12:00", "stop", by="her", categories=("request_to_stop",), confirmed=("request_to_stop",)
    )
    s.say("2024-03-04 09:00", "you can't hide", by="second", to="her", categories=("insult_harassment",))
    s.build()
    link(case, ACCOUNTS["him"].key, HOSTILE.key)
    run_only(case, "law")
    model = build_report(case)
    [assessment] = model.assessments
    harassment = next(o for o in assessment.offences if o.section == "s.2")
    knew = next(e for e in harassment.elements if e.id == "knew_or_ought_to_know")
    note = (
        "would count were whatsapp:<i>Johnny</i> & Two attributed to John Smith (link score 0.87 at even prior"
        " odds, log10 LR +2.30, moderately strong support for the same person, with whatsapp:John Smith;"
        " evidence counted: style): JD/1 line 4; not counted until a person attributes it"
    )
    assert (knew.status, knew.refs, knew.pending) == (
        "not_evidenced",
        (),
        (note, "with it attributed, evidenced"),
    )
    html = render_html(model)
    assert (
        '<br><span class="small pending">Pending attribution, not counted: would count were'
        " whatsapp:&lt;i&gt;Johnny&lt;/i&gt; &amp; Two attributed to John Smith (link score 0.87"
    ) in html
    assert (
        '<br><span class="small pending">Pending attribution, not counted: with it attributed, evidenced</span>'
    ) in html
    assert "<i>Johnny</i>" not in html
