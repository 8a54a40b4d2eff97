"""The report says what it quotes before it quotes it: the threats and intimate-image threats of a case
were on its first pages with no notice (advocate review, defect 12)."""

from __future__ import annotations

from footprint.case import Case
from footprint.report import build_report, render_html
from report.planted import HOSTILE

NOTICE = (
    '<p class="content-notice" role="note"><strong>Content notice.</strong> This report quotes the messages'
    " in the case as they were sent, which may include threats, including threats to kill; sexual abuse"
    " and threats to share intimate images; abuse and slurs. Take a break whenever you need to.</p>"
)


def test_the_first_page_says_what_the_report_quotes_before_it_quotes_it(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    body = html.split("<main>", 1)[1]
    assert body.index(NOTICE) < body.index("<h2") < body.index("I will kill you")
    assert HOSTILE not in body[: body.index(NOTICE)]
