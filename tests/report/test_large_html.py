"""A large case's HTML report lists the flagged and offline events, not every item, and shows only the most
serious flagged items in their conversations; it says so and where the full list is."""

from __future__ import annotations

import re

import pytest

from footprint.case import Case
from footprint.report import html as html_module
from footprint.report.build import build_report
from footprint.report.html import render_html


def test_a_chronology_longer_than_the_limit_lists_the_flagged_and_offline_events(
    report_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = build_report(report_case)
    flagged = [r for r in model.chronology if r.findings or r.item.kind in html_module.KEY_KINDS]
    assert len(model.chronology) > len(flagged) > 2
    full = render_html(model)
    assert len(re.findall(r'<tr id="item-', full)) == len(model.chronology)
    monkeypatch.setattr(html_module, "HTML_FULL_CHRONOLOGY", 2)
    monkeypatch.setattr(html_module, "HTML_FLAGGED_IN_CONTEXT", 2)
    short = render_html(model)
    assert len(re.findall(r'<tr id="item-', short)) == len(flagged)
    assert (
        f"{len(model.chronology)} item(s) in all. A case of more than 2 items is not listed in full here:"
        f" this report lists the {len(flagged)} flagged items, offline incidents, court orders and device"
        ' findings; every item, with its findings, is in <span class="mono">schedules/chronology.csv</span>'
        ' and <span class="mono">items.jsonl</span>.</p>'
    ) in short
    assert re.findall(r"<h3>Item (\d+) — ", short) == re.findall(
        r"<h3>Item (\d+) — ", render_html(model, flagged_limit=2, printed=True)
    )
    assert (
        f"This report shows the 2 most serious of the {len(model.flagged)} flagged items in their"
        f" conversations; the other {len(model.flagged) - 2} are in the chronology (section 2) with their"
        ' findings, as in <span class="mono">schedules/chronology.csv</span> and'
        ' <span class="mono">items.jsonl</span>.</p>'
    ) in short
