"""The method appendix's error rates: shipped figures per analyser, never stale without saying so."""

from __future__ import annotations

import footprint.analyse  # noqa: F401  (registers the analysers)
from footprint.analyse.base import analysers
from footprint.model import AnalysisRun
from footprint.report.method import error_rates, shipped_metrics


def _run(run_id: int, analyser: str, version: int) -> AnalysisRun:
    return AnalysisRun(run_id, analyser, version, "0" * 64, "2026-11-29T00:00:00Z", None, "ok", None)


def test_shipped_figures_are_for_the_installed_versions() -> None:
    shipped = shipped_metrics()
    assert sorted(shipped) == ["detect", "images", "link"]
    for name, (version, rate) in shipped.items():
        assert version == analysers.get(name).version, f"rules/{name}/metrics.json is stale"
        assert rate.figures and all(label and text for label, text in rate.figures)
        assert rate.figures[-1][0] == "how to read"


def test_only_analysers_run_on_the_case_and_unmeasured_ones_say_so() -> None:
    rates = error_rates([_run(1, "conduct", 1), _run(2, "link", analysers.get("link").version)])
    assert [r.analyser for r in rates] == ["conduct", "link"]
    assert rates[0].figures == (("error rates", "not yet measured"),)
    assert rates[0].source == "no metrics file shipped"
    assert rates[1].figures[0][0] == "data"
    assert rates[1].source.endswith("(rules/link/metrics.json)")


def test_figures_of_another_version_say_which() -> None:
    current = analysers.get("detect").version
    (rate,) = error_rates([_run(1, "detect", current - 1), _run(2, "detect", current + 1)])
    assert rate.figures[0] == (
        "note",
        f"measured on version {current}; this case was analysed with version {current + 1}",
    )
