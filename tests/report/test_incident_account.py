"""An offline incident (an entry a person wrote into the case: her account, an officer's note) is marked as
a person's account wherever the chronology shows it, so that a reader tells testimony from what a device
or a platform recorded: the HTML (and so the printed copy), chronology.csv and the timeline."""

from __future__ import annotations

import re
from dataclasses import replace

from footprint.case import Case
from footprint.report import build_report, render_html
from footprint.report import sections as s
from footprint.report.html import chronology_rows
from footprint.report.report_model import INCIDENT_ACCOUNT, account_mark

SHOWN = "(a person&#39;s account, not a record made by a device or platform)"  # as HTML escapes it


def test_the_mark_says_what_an_incident_is() -> None:
    assert INCIDENT_ACCOUNT == "(a person's account, not a record made by a device or platform)"


def test_an_incidents_chronology_row_is_marked_and_a_messages_is_not(report_case: Case) -> None:
    # it read "[incident] He waited outside for an hour" like any device's record (session 22)
    model = build_report(report_case)
    incident = next(r for r in model.chronology if r.item.kind == "incident")
    message = next(r for r in model.chronology if r.item.kind == "message")
    assert (incident.account, message.account) == (INCIDENT_ACCOUNT, "")
    assert str(chronology_rows([incident], start=9)) == (
        f'<tr id="item-{incident.item.id}"><td>9<br><span class="small">item {incident.item.id}</span></td>'
        '<td>10/02/2024 22:30:00 GMT (+00:00)</td><td>AP/1<br><span class="mono">line 2</span></td><td></td>'
        f'<td><span class="small">[incident]</span> <strong class="small">{SHOWN}</strong>'
        ' <span class="text">He waited outside for an hour</span><br><span class="small">reported by PC Amir'
        " Patel; place: Outside her flat</span></td><td></td></tr>"
    )
    assert SHOWN not in str(chronology_rows([message]))
    # the one incident, in its one row, in the HTML report and in the printed copy (its key rows)
    assert render_html(model).count(SHOWN) == render_html(model, printed=True).count(SHOWN) == 1


def test_an_incident_in_a_flagged_items_conversation_is_marked(report_case: Case) -> None:
    model = build_report(report_case)
    incident = next(r for r in model.chronology if r.item.kind == "incident")
    flagged = model.flagged[0]
    line = s.ContextLine(incident.item, incident.when, "", (s.Segment(incident.item.text, False),), False)
    model = replace(model, flagged=(replace(flagged, context=(*flagged.context, line)),))
    html = render_html(model)
    shown = html[html.index('<h2 id="flagged">') : html.index('<h2 id="flagged">') + 20_000]
    assert re.search(
        rf'<a href="#item-{incident.item.id}">AP/1 line 2</a> · 10/02/2024 22:30:00 GMT \(\+00:00\) · incident'
        rf" <strong>{re.escape(SHOWN)}</strong></span>",
        shown,
    )
    assert account_mark(flagged.item) == ""  # the flagged message itself: a platform's record
