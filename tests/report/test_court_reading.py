"""What a judge or jury reads: labelled scores, a glossary, counts that say what they count, details in
plain English, date-only times, no MG5 or MG6E claimed, and the MG11 and MG6C wording (court review)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.model import StoredWarning
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report
from footprint.report import schedules as sch
from footprint.report.detail_words import detail_lines
from footprint.report.export import timeline_jsonl
from footprint.report.html import render_html
from footprint.review.decisions import decide
from footprint.store.report_queries import ReportQueries
from footprint.synth.writers import write_csv
from tests.conftest import store_findings


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_a_date_only_incident_carries_its_date_alone_in_the_csv_and_the_timeline(
    case: Case, tmp_path: Path
) -> None:
    # stored at UK midnight, 01/07/2024 read "2024-06-30T23:00:00Z" in chronology.csv and
    # "2024-06-30T23:00:00+00:00" in timeline.jsonl: a time nobody recorded, on a day it did not happen
    add_person(case, "Victim Two", "complainant")
    incidents = tmp_path / "incidents.csv"
    write_csv(
        incidents,
        ["date", "time", "place", "what happened", "reported_by"],
        [
            ["01/07/2024", "", "Her home", "He was seen outside her home", "Victim Two"],
            ["02/07/2024", "21:15", "Her home", "He knocked on her door", "Victim Two"],
        ],
    )
    add_exhibit(case, incidents, AddOptions(producer="PC Court", format="incidents_csv", date_order="dmy"))
    model = build_report(case)
    rows = _rows(sch.chronology(model))
    assert [(r["When (UK)"], r["When (UTC)"]) for r in rows] == [
        ("01/07/2024 (time not recorded)", "2024-07-01 (date only: time not recorded)"),
        ("02/07/2024 21:15:00 BST (+01:00)", "2024-07-02T20:15:00Z"),
    ]
    events = [json.loads(line) for line in timeline_jsonl(model)]
    assert [(e["datetime"], e["timestamp"], e["timestamp_desc"], e.get("time_recorded")) for e in events] == [
        ("2024-07-01", 1719792000000000, "Incident Time: Date Only, Time Not Recorded", False),
        ("2024-07-02T20:15:00+00:00", 1719951300000000, "Incident Time", None),
    ]


def test_scores_are_labelled_where_shown_and_said_once_what_they_are(report_case: Case) -> None:
    model = build_report(report_case)
    html = render_html(model)
    said = (
        "A score is how strongly the rule or model matched, from 0 to 1: not a probability that the offence"
        " happened, nor that the finding is right."
    )
    chronology = html[html.index('<h2 id="chronology">') : html.index('<h2 id="flagged">')]
    flagged = html[html.index('<h2 id="flagged">') : html.index('<h2 id="conduct">')]
    assert said in chronology and said in flagged
    threat = next(f.id for f in model.findings if f.category == "threat_to_kill")
    # an unreviewed finding is marked as one, as a confirmed one says "(confirmed)"
    assert f'<div class="flag">finding {threat}: threat_<wbr>to_<wbr>kill, score 0.93 (unreviewed)</div>' in (
        chronology
    )
    assert (
        f"<strong>threat_to_kill</strong> (finding {threat}) — score 0.93 (strength of the match, not a"
        " probability) — detect v4" in flagged
    )
    # the account-link and impersonation findings' Score column said "0.91" under "Score" alone
    links = html[html.index('<h2 id="links">') : html.index('<h2 id="devices">')]
    assert '<br><span class="small">strength of the match, not a probability</span></td>' in links
    # section 4 sent the reader to section 3 for what a detector score is; section 3 said nothing
    assert "What a flagged message&#39;s score is, is said in section 3" in html


def test_a_persons_recorded_finding_has_no_score_in_the_chronology_csv(report_case: Case) -> None:
    from footprint.review.record import record_finding

    item = next(i for i in report_case.store.iter_items() if i.text.startswith("I'm scared"))
    record_finding(report_case, item.id, "threat_violence", "her fear after his threat", None)
    model = build_report(report_case)
    [row] = [r for r in _rows(sch.chronology(model)) if r["Item id"] == str(item.id)]
    [mine] = [f for f in model.findings if f.category == "threat_violence" and f.item_id == item.id]
    # it read "threat_violence 1.00 (reviewer v1; …)": a person's opinion given a machine score
    assert (
        f"finding {mine.id}: threat_violence, recorded by tester (investigator), no score (confirmed by tester)"
        in (row[sch.FINDINGS_COLUMN])
    )


def test_the_report_has_a_glossary_and_counts_say_what_they_count(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    terms = html[html.index('<h2 id="terms">') : html.index('<h2 id="summary">')]
    for term in (
        "<dt>Row number (No.)</dt>",
        "<dt>Item id (item 33)</dt>",
        "<dt>Finding number (#13)</dt>",
        "<dt>Exhibit reference and place (JD/1 line 7)</dt>",
        "<dt>Hash (SHA-256)</dt>",
        "<dt>Run and analyser (detect v20)</dt>",
        "<dt>Score</dt>",
    ):
        assert term in terms
    # "Detection: 6 found" above 5 items; each count now says what it counts
    assert '<p class="status">Detection: 6 detector finding(s) on 5 message(s).</p>' in html
    flagged = html[html.index('<h2 id="flagged">') : html.index('<h2 id="conduct">')]
    assert flagged.split("\n")[1].startswith(
        '<p class="status">6 detector finding(s) on 5 message(s). A score'
    )


def test_conduct_details_are_labelled_plain_english_not_analyser_fields() -> None:
    details = {
        "suspect": "John Smith",
        "complainant": "Jane Doe",
        "request_item_id": 6,
        "request_exhibit": "JD/1",
        "request_locator": "line 6",
        "request_at_utc": "2024-02-06T12:30:00Z",
        "request_clock_change": None,
        "request_to": "whatsapp:John Smith",
        "direction": "to_her",
        "kind": "message",
        "hours_after": 35.28,
        "hours_after_readings": [35.28],
        "days_after": 1,
        "her_items_since_request": [13],
        "to_check": False,
    }
    # "her_items_since_request: 13" beside "She wrote to him 1 time(s)" read as thirteen: it is an item id
    assert detail_lines("contact_after_request", details) == (
        ("Suspect", "John Smith"),
        ("Complainant", "Jane Doe"),
        ("Sent", "to her"),
        ("Her request to stop", "JD/1 line 6"),
        ("Her request to stop was sent", "06/02/2024 12:30:00 GMT (+00:00)"),
        ("Her request was sent to", "whatsapp:John Smith"),
        ("Hours after her request", "35.28"),
        ("Calendar days after her request", "1"),
        ("Her messages to him between her request and this one", "1 (item 13)"),
    )
    breach = {
        "order_id": 1,
        "order_type": "non_molestation",
        "made_utc": "2024-02-24T16:00:00Z",
        "expires_utc": "2025-02-24T00:00:00Z",
        "ends_utc": "2025-02-24T00:00:00Z",
        "conditions": ["not to contact Jane Doe"],
        "minutes_after_made": 1085.0,
        "minutes_after_made_readings": [1085.0],
        "to_check": False,
    }
    assert detail_lines("order_breach", breach) == (
        ("Order", "order 1 (non molestation)"),
        ("Order made", "24/02/2024 16:00:00 GMT (+00:00)"),
        ("Order expires", "end of 23/02/2025 (UK time)"),
        ("Conditions", "not to contact Jane Doe"),
        ("Time after the order was made", "18 hours 5 minutes"),
    )
    # a course of conduct's occasions, gaps and item ids are the analyser's own record: not shown
    course = {"occasion_count": 11, "gaps": [{"days": 1.7}], "item_ids": [4, 7], "order_check": ""}
    assert detail_lines("course_of_conduct", course) == (("Occasions", "11"),)


def test_the_chronology_is_not_called_an_mg5_and_no_mg6e_is_claimed(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    assert "MG5-style" not in html
    assert (
        "it is not an MG5, the summary of the case tied to the offence elements, which the officer in the"
        " case writes." in html
    )
    assert "and writes the MG6E, the disclosure officer's report, which Footprint does not make." in html


def test_parse_warnings_are_quoted_and_described_as_what_they_are(report_case: Case) -> None:
    model = build_report(report_case)
    row = model.exhibits[0]
    said = (
        "2 attachment(s) named by messages are not in the export, so not stored or hashed: line 6: image"
        " omitted; ask for the media if they matter"
    )
    warning = StoredWarning(row.exhibit.ref, "file", said, "")
    shown = replace(model, exhibits=(replace(row, warnings=1),))
    [first] = _rows(sch.mg6c(shown, [warning]))[:1]
    # it said "1 record(s) that could not be read fully" of a note that attachments are not in the export
    assert first["Description"] == (
        f"Parse warnings for exhibit {row.exhibit.ref}: 1 warning(s), each kept in the case with its place"
        " and raw text. A warning is either a record not read fully or a note on the file (such as"
        f" attachments its messages name that are not in the export): [file] {said}"
    )
    assert first["Disclosure officer's comment"] == (
        "May bear on completeness; material named but not in the export is a line of enquiry (ask for it if"
        " it matters)"
    )
    html = render_html(shown, warnings=[warning])
    assert f'<br><span class="small">[file] {said}</span>' in html


def test_a_link_row_may_break_across_pages_under_its_header(report_case: Case) -> None:
    # a link whose reasons filled a page moved whole to the next, leaving its header row behind with the
    # caption: the first page of the table showed "1.00  0.91" with no labels (its 1,400 characters in a
    # narrow column were under the 1,500 at which a row may break)
    html = render_html(build_report(report_case))
    links = html[html.index('<h2 id="links">') : html.index('<h2 id="devices">')]
    assert links.count('<tr class="long"><td class="mono">') == 1 == len(build_report(report_case).links)


def test_a_dismissal_on_a_finding_a_later_analysis_replaced_stays_on_the_mg6c(
    case: Case, tmp_path: Path
) -> None:
    add_person(case, "Victim Two", "complainant")
    incidents = tmp_path / "incidents.csv"
    write_csv(
        incidents,
        ["date", "time", "place", "what happened", "reported_by"],
        [["02/07/2024", "21:15", "Her home", "He knocked on her door", "Victim Two"]],
    )
    add_exhibit(case, incidents, AddOptions(producer="PC Court", format="incidents_csv", date_order="dmy"))
    [item] = case.store.iter_items()
    fake = "email:victim@example.invalid may be a fake profile in her name."
    store_findings(
        case, "after", [FindingDraft(item.id, "contact_after_request", 0.9, "Sent 0.0 hours after.")]
    )
    store_findings(case, "link", [FindingDraft(None, "impersonation", 1.0, fake)])
    [after] = case.store.findings("contact_after_request")
    [impersonation] = case.store.findings("impersonation")
    decide(case, after.id, "dismiss", "his message came first")
    decide(case, impersonation.id, "dismiss", "this is her own e-mail address")
    # the analysers run again: the contact finding now says something else, the impersonation the same
    store_findings(
        case, "after", [FindingDraft(item.id, "contact_after_request", 0.9, "Sent 1 minute after.")]
    )
    store_findings(case, "link", [FindingDraft(None, "impersonation", 1.0, fake)])
    model = build_report(case)
    decided = ReportQueries(case.store.unscoped_engine).decided_findings()
    rows = _rows(sch.mg6c(model, decided=decided))
    # the dismissal of the replaced contact finding had dropped out: only "Reviewer note … (finding 1)"
    # was left, which did not say what the finding was
    [gone] = [r for r in rows if r["Type"] == "analyser output (dismissed, replaced by a later analysis)"]
    assert gone["Description"] == (
        f"Finding {after.id} (contact_after_request, score 0.90, not a probability; after v1, an analysis a later run replaced)"
        " on C/1 line 2, dismissed by a reviewer: Sent 0.0 hours after."
    )
    notes = [r["Description"] for r in rows if r["Type"] == "reviewer note"]
    assert [n.split(" on finding ", 1)[1] for n in notes] == [
        f"{after.id} (contact_after_request on C/1 line 2): his message came first",
        f"{impersonation.id} (impersonation, case-level): this is her own e-mail address",
    ]
    # the same case-level claim made again carries the decision: it read "not yet reviewed" in the
    # report while the MG6C said a person had dismissed it
    [again] = model.link_findings
    assert (again.finding.id != impersonation.id, again.finding.decision) == (True, "dismissed")
    assert [d.finding_id for d in again.decisions] == [impersonation.id]
    assert [(c.category, c.dismissed) for c in model.category_counts if c.category == "impersonation"] == [
        ("impersonation", 1)
    ]
    html = render_html(model)
    links = html[html.index('<h2 id="links">') : html.index('<h2 id="devices">')]
    assert (
        f"dismissed by tester on finding {impersonation.id} (earlier run, same words):"
        " “this is her own e-mail address”" in links
    )
