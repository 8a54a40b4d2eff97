"""Render a ReportModel to one self-contained HTML file (no external requests, all text escaped)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from footprint.case import Case
from footprint.report.build import ReportModel, build_report

_ENV = Environment(
    loader=PackageLoader("footprint.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_BIDI = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], "\ufffd")


def _inert(text: str | None) -> str:
    """Bidirectional overrides in hostile text become visible replacement marks."""
    return (text or "").translate(_BIDI)


_ENV.filters["inert"] = _inert


def render_html(model: ReportModel) -> str:
    """The report as an HTML document."""
    return _ENV.get_template("report.html.j2").render(m=model)


def write_report(case: Case) -> Path:
    """Build and write ``reports/report.html``; record it in the audit log."""
    model = build_report(case)
    case.reports_dir.mkdir(exist_ok=True)
    path = case.reports_dir / "report.html"
    path.write_text(render_html(model), encoding="utf-8")
    case.record(
        "report",
        str(path.relative_to(case.dir)),
        audit_seq=model.audit_seq,
        items=len(model.chronology),
    )
    return path
