"""The HTML report: golden file, every section, honest 'not run', inert hostile text, determinism."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

from footprint.case import Case
from footprint.report import build_report, render_html
from footprint.report.charts import render_charts
from report.normalise import normalise
from report.planted import HOSTILE, LONG

GOLDEN = Path(__file__).parents[1] / "data" / "report" / "golden.html"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_golden_html(report_case: Case) -> None:
    model = build_report(report_case)
    html = normalise(render_html(model), model)
    if os.environ.get("FOOTPRINT_REGOLD"):
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8"), "golden report changed; FOOTPRINT_REGOLD=1 to accept"


def test_same_case_same_bytes(report_case: Case) -> None:
    first = build_report(report_case)
    second = build_report(report_case)
    assert first == second
    assert render_html(first) == render_html(second)
    assert render_charts(first.charts) == render_charts(second.charts)


def test_sections_show_what_analysers_wrote(report_case: Case) -> None:
    model = build_report(report_case)
    html = render_html(model)
    assert "as at audit entry" in html and f"entry {model.audit_seq}" in html
    assert "(+01:00)" in html and "(+00:00)" in html  # BST and GMT offsets
    assert "<mark>Where were you last night?</mark>" in html
    assert "confirmed by DC Reviewer" in html and "“No demand is made”" in html
    assert "Stalking — Protection from Harassment Act 1997 s.2A" in html
    assert "summary only: 6 months from the last act; last date to charge: 2024-10-02" in html
    assert "shared phone number in profile (" not in html and "shared phone number in profile" in html
    assert "non_molestation" in html and "not to contact Jane Doe directly or indirectly" in html
    assert html.count("<svg") == 3  # activity, heatmap, link graph
    statuses = {k: v.state for k, v in model.statuses.items()}
    assert statuses == {
        "detect": "found",
        "conduct": "found",
        "breaches": "found",
        "offences": "found",
        "links": "found",
        "devices": "none found",
        "images": "did not complete",
    }


def test_flagged_item_shows_both_sides_around_it(report_case: Case) -> None:
    model = build_report(report_case)
    kill = next(f for f in model.flagged if f.item.text.startswith("I will kill you"))
    sides = [line.side for line in kill.context]
    assert "complainant" in sides and "suspect" in sides
    assert [line.focus for line in kill.context].count(True) == 1
    assert len(kill.context) == 7  # three before, itself, three after
    assert {v.finding.category for v in kill.findings} == {"threat_to_kill", "blackmail"}


def test_empty_case_says_not_run(case: Case) -> None:
    model = build_report(case)
    html = render_html(model)
    assert {s.state for s in model.statuses.values()} == {"not run"}
    # seven sections, detection stated twice (summary and flagged items)
    assert html.count("not run: no analyser for this section has been run on this case") == 8
    assert "No analyser has been run; error rates not yet measured." in html
    assert "No items." in html and "No court orders recorded in this case." in html


def test_hostile_text_is_inert_and_readable(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    parser = _Tags()
    parser.feed(html)
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "base", "form"}
    assert all(not (k or "").startswith("on") for _, attrs in parser.tags for k, _ in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &#34;quotes&#34;" in html
    assert "\u202e" not in html and "\u202c" not in html and "\ufffdgnp.exe\ufffd" in html
    assert LONG in html  # kept whole; CSS wraps it
    assert "overflow-wrap: anywhere" in html
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None and csp.group(1).startswith("default-src 'none'")
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # no external requests
    assert HOSTILE not in html


def test_device_and_image_findings_are_shown(report_case: Case) -> None:
    from footprint.analyse.base import FindingDraft
    from report.planted import _run

    device = {
        "input": "pm-list.txt",
        "kind": "stalkerware",
        "strength": "strong",
        "app": "mSpy",
        "package": "com.mspy.example",
        "matched_by": "package name",
    }
    _run(
        report_case,
        "device",
        2,
        [FindingDraft(None, "device_indicator", 0.99, "Known stalkerware.", details=device)],
    )
    _run(report_case, "media", 2, [FindingDraft(None, "image_match", 0.9, "Same image as the complaint.")])
    model = build_report(report_case)
    assert model.statuses["devices"].state == "found" and model.statuses["images"].state == "found"
    html = render_html(model)
    devices = html[html.index('<h2 id="devices">') : html.index('<h2 id="images">')]
    for text in ("device_<wbr>indicator", "Known stalkerware.", "app: mSpy", "package: com.mspy.example",
                 "matched_by: package name", "strength: strong", "kind: stalkerware", "input: pm-list.txt"):  # fmt: skip
        assert text in devices
    assert "Same image as the complaint." in html[html.index('<h2 id="images">') :]


def test_printed_copy_keeps_the_most_serious_flagged_items_in_context(report_case: Case) -> None:
    model = build_report(report_case)
    html = render_html(model, flagged_limit=2)
    shown = re.findall(r"<h3>Item (\d+) — ", html)
    kill = next(f.item.id for f in model.flagged if f.item.text.startswith("I will kill you"))
    where = next(f.item.id for f in model.flagged if f.item.text.startswith("Where were you"))
    assert shown == [str(where), str(kill)]  # threat to kill (5), then confirmed monitoring (3); time order
    assert "the other 3 are in the chronology (section 2) with their findings, and the HTML report" in html


def test_matched_images_are_withheld_in_the_chronology(report_case: Case) -> None:
    from dataclasses import replace

    from footprint.model import Attachment
    from footprint.report.html import chronology_rows

    model = build_report(report_case)
    row = model.chronology[0]
    secret = "ab" * 32
    photo = Attachment("IMG-0001.jpg", secret, 10, "image/jpeg")
    other = Attachment("IMG-0002.jpg", "cd" * 32, 10, "image/jpeg")
    row = replace(row, item=replace(row.item, attachments=(photo, other)))
    html = str(chronology_rows([row], hidden=frozenset({secret})))
    assert (
        "IMG-0001.jpg" not in html
        and "[image withheld: matches a hash list; SHA-256 abababababababab…" in html
    )
    assert "[attachment: IMG-0002.jpg, SHA-256 cdcdcdcdcdcdcdcd…]" in html
