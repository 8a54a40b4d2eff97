"""Render a ReportModel to one self-contained HTML file (no external requests, all text escaped, inert)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from footprint.report.build import ChronologyRow, ReportModel
from footprint.report.charts import render_charts

# Bidirectional overrides and isolates, and control characters other than tab and newline, become
# visible replacement marks so hostile text cannot reorder or hide what is shown around it.
_INERT: dict[int, str | None] = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, *range(0, 9), 11, 12]
    + [*range(14, 32), 0x7F],
    "\ufffd",
)
_INERT[13] = None


def inert(value: Any) -> Any:
    """Hostile text made visible and harmless (markup the templates built is left alone)."""
    if isinstance(value, Markup):
        return Markup(str(value).translate(_INERT))
    if isinstance(value, str):
        return value.translate(_INERT)
    return "" if value is None else value


def _css_string(value: str) -> str:
    return str(inert(value)).replace("\\", "").replace('"', "").replace("\n", " ")


_ENV = Environment(
    loader=PackageLoader("footprint.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=inert,
)
_ENV.filters["inert"] = inert
_ENV.filters["cssq"] = _css_string
KEY_KINDS = ("incident", "court_order", "device_finding", "location")


def key_rows(model: ReportModel) -> list[ChronologyRow]:
    """The chronology rows a printed copy keeps when the full list is too long: flagged and offline events."""
    return [r for r in model.chronology if r.findings or r.item.kind in KEY_KINDS]


def render_html(
    model: ReportModel, *, charts: dict[str, str | None] | None = None, full_chronology: bool = True
) -> str:
    """The report as an HTML document."""
    if charts is None:
        charts = render_charts(model.charts)
    return _ENV.get_template("report.html.j2").render(
        m=model,
        charts={k: Markup(inert(v)) if v else None for k, v in charts.items()},
        full_chronology=full_chronology,
        key_rows=[] if full_chronology else key_rows(model),
    )
