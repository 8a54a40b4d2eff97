"""Charts: a character the chart font lacks is kept in the SVG text, without a warning on the terminal."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import pytest

from footprint.report import charts
from footprint.report.build import ChartData
from footprint.report.charts import _RC, _svg, most_serious, render_charts
from footprint.report.report_model import ChartDay


def test_a_missing_glyph_is_kept_as_text_and_not_warned_about() -> None:
    with plt.rc_context(_RC):
        fig, ax = plt.subplots()
        ax.set_title("Dave \U0001f52a Hunter")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            svg = _svg(fig, "t")
    assert [str(w.message) for w in caught] == []  # it named charts.py's path on the user's terminal
    assert ">Dave \U0001f52a Hunter</text>" in svg


def _links(*names: str) -> ChartData:
    return ChartData(days=(), heatmap=(), heatmap_of="", edges=((names[0], names[1], 4.0),))


def test_an_account_name_with_dollar_signs_is_drawn_as_text_not_mathtext() -> None:
    # "$\foo$" raised ValueError (unknown mathtext symbol) and "report" died for the whole case.
    svg = render_charts(_links("whatsapp:$\\foo$", "whatsapp:Bob $x^2$ Smith"))["links"]
    assert svg is not None
    assert ">whatsapp:$\\foo$</text>" in svg
    assert ">whatsapp:Bob $x^2$ Smith</text>" in svg  # not "Bob x²Smith" in italics


def test_a_chart_that_cannot_be_drawn_is_a_warning_in_its_place(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: ChartData) -> str:
        raise ValueError("bad <name>")

    monkeypatch.setitem(charts._CHARTS, "links", broken)
    drawn = render_charts(_links("a", "b"))
    assert drawn["links"] == (
        '<p class="status"><strong>The links chart could not be drawn</strong> (ValueError: bad &lt;name&gt;); '
        "the data it would show are listed in this section.</p>"
    )
    assert drawn["activity"] is None


def test_the_most_serious_flagged_findings_are_named_by_their_categories_not_one_word_for_their_level() -> (
    None
):
    # Level 5 holds threats to kill or rape and self-harm encouragement: "threat to kill / rape" named a
    # day whose only flagged item told her to kill herself.
    days = (
        ChartDay("2024-02-13", 3, 2, 5, ("threat_sexual", "threat_to_kill")),
        ChartDay("2024-02-23", 2, 1, 5, ("self_harm_encouragement",)),
        ChartDay("2024-02-24", 2, 1, 3, ("monitoring",)),
        ChartDay("2024-02-25", 1, 0, 0),
    )
    assert [most_serious([d]) for d in days] == [
        "threat sexual, threat to kill (very high)",
        "self harm encouragement (very high)",
        "monitoring (medium)",
        "—",
    ]
    assert most_serious(days) == "self harm encouragement, threat sexual, threat to kill (very high)"
