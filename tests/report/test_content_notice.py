"""The report says what it quotes before it quotes it: the threats and intimate-image threats of a case
were on its first pages with no notice (advocate review, defect 12); and it says what the detector found
in this case, not what cases of its kind hold: a case of insults was announced as one of sexual abuse
(new-code review 2, defect 11)."""

from __future__ import annotations

from dataclasses import replace

from footprint.case import Case
from footprint.content_notice import found_in_case
from footprint.report import build_report, render_html
from report.planted import HOSTILE


def _notice(holds: str) -> str:
    return (
        '<p class="content-notice" role="note"><strong>Content notice.</strong> This report quotes the messages'
        f" in the case as they were sent. {holds} Take a break whenever you need to.</p>"
    )


def test_the_first_page_says_what_the_report_quotes_before_it_quotes_it(report_case: Case) -> None:
    model = build_report(report_case)
    assert sorted(c.category for c in model.category_counts if c.total) == [
        *("account_link", "blackmail", "course_of_conduct", "distress", "escalation", "insult_harassment"),
        *("monitoring", "offence_assessment", "order_breach", "request_to_stop", "threat_to_kill"),
    ]
    html = render_html(model)
    body = html.split("<main>", 1)[1]
    notice = _notice(
        "In them the detector found threats, including threats to kill; abuse and slurs; controlling or"
        " stalking behaviour; expressions of fear or distress."
    )
    assert body.index(notice) < body.index("<h2") < body.index("I will kill you")
    assert HOSTILE not in body[: body.index(notice)]


def test_a_report_with_no_findings_does_not_name_what_it_may_hold(report_case: Case) -> None:
    model = build_report(report_case)
    html = render_html(replace(model, category_counts=()))
    assert (
        _notice("The detector found none of its categories in them, but it does not find everything.") in html
    )
    assert "sexual" not in html.split("<main>", 1)[1].split("</p>", 1)[0]


def test_the_notice_names_each_kind_the_detector_found_once_and_in_order() -> None:
    assert found_in_case(["insult_harassment"]) == "In them the detector found abuse and slurs."
    assert found_in_case(
        ["distress", "threat_sexual", "monitoring", "threat_to_kill", "threat_violence"]
    ) == (
        "In them the detector found threats, including threats to kill; sexual abuse or threats to share"
        " intimate images; controlling or stalking behaviour; expressions of fear or distress."
    )
    assert found_in_case(["request_to_stop", "may_undermine"]) == found_in_case([])
