"""The report built from the real analysers' output on the demo case (slow: builds the demo).

The golden-file tests use a planted case; these check that the report reads what the law, link and
incident stages actually write: element items, time limits, link reasons, date-only incidents.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.demo import build_demo
from footprint.report import build_report, render_html
from footprint.report.build import ReportModel
from footprint.report.charts import render_charts
from footprint.report.sections import Offence
from footprint.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReportModel]:
    settings = Settings(actor="tester", role="investigator", database_url=None)
    demo = build_demo(tmp_path_factory.mktemp("walk") / "demo", settings)
    case = Case.open(demo.case_dir, settings)
    try:
        yield build_report(case)
    finally:
        case.close()


def _offence(model: ReportModel, section: str) -> Offence:
    [assessment] = model.assessments
    return next(o for o in assessment.offences if o.section == section)


def test_offence_elements_name_their_items(demo_model: ReportModel) -> None:
    breach = _offence(demo_model, "s.42A")
    act = next(e for e in breach.elements if e.id == "prohibited_act")
    # only "Tell Jane …" asks Sarah to pass something on: lines 3 and 4 (a photo, "That's her car …") are
    # about her, for a person to judge, not indirect contact (order_breach v16, prosecutor's review)
    assert [(r.exhibit, r.locator) for r in act.refs] == [("SJ/1", "line 2")]
    html = render_html(demo_model)
    assert '<a href="#item-29">SJ/1 line 2</a>' in html


def test_time_limit_in_words_with_its_warning(demo_model: ReportModel) -> None:
    html = render_html(demo_model)
    assert "Time limit: mca1980_s127" not in html
    assert "six months from the offence (Magistrates&#39; Courts Act 1980 s.127(1))" in html
    assert "out of time: the last date was 25/08/2024" in html


def test_elements_say_what_is_missing(demo_model: ReportModel) -> None:
    threats = _offence(demo_model, "s.16")
    fear = next(e for e in threats.elements if e.id == "intended_fear")
    # unreviewed in the demo: the review it needs first, then what the element itself still needs
    assert fear.status == "indicated"
    assert fear.missing.startswith(
        "it rests on software findings no person has confirmed (footprint review); confirmed, they would"
        " make it partly evidenced: his intention that she fear it would be carried out is inferred"
    )
    assert "make it partly evidenced: his intention that she fear" in render_html(demo_model)


def test_link_reasons_are_the_linker_reasons(demo_model: ReportModel) -> None:
    [link] = demo_model.links
    assert len(link.reasons) == 3
    assert link.reasons[0].startswith(
        "+1.00 self_reference: sms:+447700900456 presents itself as a continuation"
    )
    assert link.reasons[0].endswith("[JD/2 line 2, JD/2 line 3]")
    html = render_html(demo_model)
    assert "abstained" not in html and "weight_log10" not in html  # no raw dump of the link record


def test_date_only_incident_shows_no_invented_time(demo_model: ReportModel) -> None:
    row = next(r for r in demo_model.chronology if (r.item.exhibit, r.item.locator) == ("AP/1", "line 4"))
    assert row.item.sent_at_raw == "06/03/2024"
    assert row.when == "06/03/2024 (time not recorded)"


def test_statuses_read_as_words(demo_model: ReportModel) -> None:
    html = render_html(demo_model)
    assert '<td class="st-partly">partly evidenced</td>' in html
    assert ">partly_evidenced<" not in html and ">partly_supported<" not in html


def test_every_section_says_its_analyser_ran(demo_model: ReportModel) -> None:
    assert demo_model.statuses["images"].note == "none found (images v2 ran)"
    assert demo_model.statuses["devices"].note == "none found (device v5 ran)"
    assert {k for k, v in demo_model.statuses.items() if v.state == "not run"} == set()


def test_an_order_element_names_the_order(demo_model: ReportModel) -> None:
    breach = _offence(demo_model, "s.42A")
    in_force = next(e for e in breach.elements if e.id == "order_in_force")
    assert in_force.orders == ("non-molestation order 1 (made 24/02/2024 16:00:00 GMT (+00:00))",)
    assert "non-molestation order 1 (made 24/02/2024 16:00:00 GMT (+00:00))</td>" in render_html(demo_model)


def test_court_orders_in_uk_time(demo_model: ReportModel) -> None:
    html = render_html(demo_model)
    assert (
        '<td>24/02/2024 16:00:00 GMT (+00:00)<div class="small">date the suspect became aware of the order not'
        ' recorded</div><div class="small">whether the order was made without notice is not recorded; when he'
        " became aware of it is not recorded either: every contravention from the making is listed, and"
        " s.42A(2) may exclude those before he knew of it (record when he became aware with `footprint order"
        " served`)</div></td><td>end of 23/02/2025 (UK time)</td>"
    ) in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_printed_demo_never_ends_a_page_with_a_heading(demo_model: ReportModel, tmp_path: Path) -> None:
    from footprint.report.pdf import render_pdf

    path = tmp_path / "demo.pdf"
    path.write_bytes(render_pdf(demo_model, render_charts(demo_model.charts)))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = text.split("\f")[:-1]
    # 62 since law v21 named the demo's messages from a number linked to his beside each element they
    # would count for (2 December); the bound catches a report that runs away, not a page more
    assert 20 <= len(pages) <= 70, len(pages)
    for n, page in enumerate(pages, start=1):
        lines = [x for x in page.splitlines() if x.strip()]
        body = [x for x in lines if not x.startswith(("footprint ", "page ", demo_model.case_name))]
        # the last line of a page is never a section heading nor the status line under one
        assert not re.match(r"(\d+\. [A-Z]|\d+ found\.|none found|not run)", body[-1]), (n, body[-3:])


def test_the_demo_lists_his_retraction_after_the_threat_to_kill_for_disclosure(
    demo_model: ReportModel,
) -> None:
    [row] = demo_model.undermining
    assert (row.view.finding.analyser, row.reads_as, row.by) == (
        "retraction_after_threat",
        "retraction",
        "the suspect",
    )
    assert [(r.exhibit, r.locator) for r in row.view.refs] == [("JD/1", "line 15")]
    assert row.words == ("I didn't mean that", "I would never hurt you")
    assert row.view.finding.explanation == (
        "John Smith wrote 'I didn't mean that' and 'I would never hurt you' 11.4 hours after the threat to kill"
        " at JD/1 line 14; this may undermine the prosecution case or assist the defence and must be"
        " considered for disclosure."
    )
    assert demo_model.statuses["undermining"].note == "1 found"
