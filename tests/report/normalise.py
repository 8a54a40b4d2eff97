"""Normalise a rendered report for golden-file comparison: wall-clock, hashes of the log, installed extras."""

from __future__ import annotations

import re

from footprint.report.build import ReportModel
from footprint.times import uk_display

_WALL_CLOCK = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
_SVG = re.compile(r"<svg.*?</svg>", re.S)
_INSTALLED = re.compile(r"<tr><th>(Parsers installed|Rule data snapshots)</th><td>.*?</td></tr>", re.S)
_RATES = re.compile(r"<h3>Error rates</h3>.*?<h3>Limitations</h3>", re.S)


def normalise(html: str, model: ReportModel) -> str:
    """Replace what legitimately differs between runs and machines with fixed markers."""
    html = html.replace(model.audit_head, "<AUDIT-HEAD>").replace(model.audit_head[:16], "<AUDIT-HEAD16>")
    html = _WALL_CLOCK.sub("<RECEIVED>", html)
    for row in model.exhibits:  # shown in UK time, to the second: when the test ran
        html = html.replace(f"<td>{uk_display(row.exhibit.received_utc)}</td>", "<td><RECEIVED></td>")
    for c in model.continuity:  # audit entries are timed by the wall clock
        html = html.replace(f"<td>{uk_display(c.at_utc)}</td>", "<td><AUDIT-TIME></td>")
    html = _SVG.sub("<svg/>", html)
    html = _INSTALLED.sub(lambda m: f"<tr><th>{m.group(1)}</th><td>…</td></tr>", html)
    return _RATES.sub("<h3>Error rates</h3>…<h3>Limitations</h3>", html)
