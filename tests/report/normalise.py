"""Normalise a rendered report for golden-file comparison: wall-clock, hashes of the log, the code's
digest, installed extras."""

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
    html = html.replace(model.tool_version, "<TOOL-VERSION>")  # changes with every change to the code
    html = html.replace(model.audit_head, "<AUDIT-HEAD>").replace(model.audit_head[:16], "<AUDIT-HEAD16>")
    html = _WALL_CLOCK.sub("<RECEIVED>", html)
    # when an exhibit was added and when each audit entry was made, shown in UK time to the second: when
    # the test ran. One marker for both: an entry made in the second an exhibit was added reads the same
    for when in (*(r.exhibit.received_utc for r in model.exhibits), *(c.at_utc for c in model.continuity)):
        html = html.replace(f"<td>{uk_display(when)}</td>", "<td><WALL-TIME></td>")
    html = _SVG.sub("<svg/>", html)
    html = _INSTALLED.sub(lambda m: f"<tr><th>{m.group(1)}</th><td>…</td></tr>", html)
    return _RATES.sub("<h3>Error rates</h3>…<h3>Limitations</h3>", html)
