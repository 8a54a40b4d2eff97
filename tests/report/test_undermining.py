"""Section 1's table of what may undermine the prosecution case or assist the defence: every
`may_undermine` finding (retraction_after_threat's and detect's) with its exhibit, words and review."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse" / "law"))
from lawscenario import Scenario, run_only  # noqa: E402

from footprint.analyse.base import FindingDraft  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.report import build_report  # noqa: E402
from footprint.report.html import render_html  # noqa: E402
from footprint.review.decisions import decide  # noqa: E402
from tests.conftest import store_findings  # noqa: E402

TITLE = "What may undermine the prosecution case or assist the defence"


def _table(html: str) -> list[list[str]]:
    """The section's table rows as cell texts (tags dropped)."""
    section = html.split(f'<h3 id="undermining">{TITLE}</h3>', 1)[1].split("</table>", 1)[0]
    body = section.split("</thead>", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows
    ]


def _case(case: Case) -> Scenario:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "I will kill you", categories=("threat_to_kill",))
    s.say("2024-03-01 12:30", "please <b>stop</b> messaging me", by="her")
    s.say("2024-03-01 14:00", "Sorry babe, I didn't mean it <i>x</i>")
    return s.build()


def test_the_summary_lists_each_finding_that_may_undermine_with_its_exhibit_and_words(case: Case) -> None:
    s = _case(case)
    run_only(case, "retraction_after_threat")
    # detect's kind: her words that read as abuse when who wrote them is set aside
    store_findings(
        case,
        "detect",
        [
            FindingDraft(
                s.item(2),
                "may_undermine",
                0.8,
                "May undermine the prosecution or assist the defence: a message by the complainant ...",
                spans=((0, 6),),
                details={"reads_as": "insult_harassment", "speaker": "complainant"},
            )
        ],
        version=17,
    )
    [retraction] = [
        f for f in case.store.findings("may_undermine") if f.analyser == "retraction_after_threat"
    ]
    decide(case, retraction.id, "confirm", "his words, read in full")
    html = render_html(build_report(case))
    assert '<p class="status">What may undermine: 2 found.</p>' in html
    rows = _table(html)
    mine = [r for r in rows if r[0] == str(retraction.id)]
    assert mine == [
        [
            str(retraction.id),
            "JD/1 line 3",
            "01/03/2024 14:00:00 GMT (+00:00)",
            "the suspect",
            "retraction",
            "“Sorry”; “I didn&#39;t mean it”",
            "confirmed by tester: “his words, read in full”",
        ]
    ]
    [detects] = [r for r in rows if r[0] != str(retraction.id)]
    assert detects[1:] == [
        "JD/1 line 2",
        "01/03/2024 12:30:00 GMT (+00:00)",
        "the complainant",
        "insult or harassment",
        "“please”",
        "not yet reviewed",
    ]
    assert "<i>x</i>" not in html and "mean it &lt;i&gt;x&lt;/i&gt;" in html  # message text is escaped


def test_with_none_the_table_says_so_and_who_must_still_read_the_material(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "hello")
    s.build()
    html = render_html(build_report(case))
    assert _table(html) == [["None listed: the disclosure officer must still read the unused material."]]
    said = "not run: no analyser for this section has been run on this case"
    assert f'<p class="status">What may undermine: {said}.</p>' in html
    run_only(case, "retraction_after_threat")
    html = render_html(build_report(case))
    assert '<p class="status">What may undermine: none found (retraction_after_threat v1 ran).</p>' in html
