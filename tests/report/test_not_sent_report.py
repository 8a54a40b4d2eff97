"""A draft or a failed send is marked wherever the report lists it (chronology HTML and CSV, the
Timesketch timeline, the items JSONL): it is not a message he sent her."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.report import build_report, render_html
from footprint.report import schedules as sch
from footprint.report.export import items_jsonl, timeline_jsonl
from tests.analyse.law.lawscenario import run_only
from tests.conftest import store_findings
from tests.notsentcase import build


def test_the_chronology_marks_drafts_and_failed_sends(case: Case, tmp_path: Path) -> None:
    model = build_report(build(case, tmp_path))
    rows = list(csv.DictReader(io.StringIO(sch.chronology(model))))
    assert [(r["Text"], r["Flags"]) for r in rows] == [
        ("Please stop contacting me.", ""),
        ("<script>alert(1)</script> you will regret ignoring me", "draft — never sent"),
        ("answer me now", "failed to send"),
        ("sent", ""),
    ]
    html = render_html(model)
    assert '<span class="flag">[draft — never sent]</span>' in html
    assert '<span class="flag">[failed to send]</span>' in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; you will" in html


def test_the_timeline_and_items_exports_say_it_was_not_sent(case: Case, tmp_path: Path) -> None:
    model = build_report(build(case, tmp_path))
    events = [json.loads(line) for line in timeline_jsonl(model)]
    assert [(e["timestamp_desc"], e.get("not_sent")) for e in events] == [
        ("Message Sent", None),
        ("Message Not Sent", "draft"),
        ("Message Not Sent", "failed"),
        ("Message Sent", None),
    ]
    assert [json.loads(line)["not_sent"] for line in items_jsonl(model)] == [None, "draft", "failed", None]


def test_a_flagged_draft_is_marked_in_its_conversation(case: Case, tmp_path: Path) -> None:
    build(case, tmp_path)
    draft = [i.id for i in case.store.iter_items()][1]
    store_findings(case, "detect", [FindingDraft(draft, "threat_violence", 0.9, "test label")])
    html = render_html(build_report(case))
    flagged = html[html.index('<h2 id="flagged">') :]
    assert (
        f'<a href="#item-{draft}">P/1 /smses/sms[2]</a> · 01/03/2024 12:00:00 GMT (+00:00) · Alex Suspect'
        ' (suspect) <span class="flag">[draft — never sent]</span></span>'
    ) in flagged


def test_the_course_of_conduct_section_gives_the_pairs_notes(case: Case, tmp_path: Path) -> None:
    # the notes were given by `assess` and inside the course finding only; here there is no course
    # finding, so the report said nothing of his draft and failed send
    build(case, tmp_path)
    run_only(case, "course_of_conduct")
    run_only(case, "law")
    assert case.store.findings("course_of_conduct") == []
    html = render_html(build_report(case))
    conduct = html[html.index('<h2 id="conduct">') : html.index('<h2 id="orders">')]
    assert (
        '<p class="small">Notes on Alex Suspect → Jane Doe (law v7; as <code>footprint assess</code>'
        " gives them):</p>\n"
        '<ul class="notes"><li>2 item(s) between them were never sent and are not counted as conduct or as'
        " her requests: P/1 /smses/sms[2] (draft — never sent), P/1 /smses/sms[3] (failed to send)</li></ul>"
    ) in conduct


def test_the_contact_heatmap_leaves_out_what_he_never_sent(case: Case, tmp_path: Path) -> None:
    # his draft (12:00) and failed send (13:00) had been counted as contact by his accounts
    heatmap = build_report(build(case, tmp_path)).charts.heatmap
    assert [(day, hour, n) for day, row in enumerate(heatmap) for hour, n in enumerate(row) if n] == [
        (4, 14, 1)
    ]
