"""Reports: case -> ReportModel (pure data) -> HTML, PDF, CSV schedules, JSONL and a verifiable bundle."""

from __future__ import annotations

from footprint.report.build import build_report
from footprint.report.html import render_html
from footprint.report.report_model import ReportModel
from footprint.report.write import ReportOptions, write_outputs, write_report

__all__ = ["ReportModel", "ReportOptions", "build_report", "render_html", "write_outputs", "write_report"]
