"""Reports: case -> ReportModel (pure data) -> HTML (and later PDF, CSV, JSONL)."""

from __future__ import annotations

from footprint.report.build import ReportModel, build_report
from footprint.report.html import render_html, write_report

__all__ = ["ReportModel", "build_report", "render_html", "write_report"]
