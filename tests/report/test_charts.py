"""Charts: a character the chart font lacks is kept in the SVG text, without a warning on the terminal."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt

from footprint.report.charts import _RC, _svg


def test_a_missing_glyph_is_kept_as_text_and_not_warned_about() -> None:
    with plt.rc_context(_RC):
        fig, ax = plt.subplots()
        ax.set_title("Dave \U0001f52a Hunter")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            svg = _svg(fig, "t")
    assert [str(w.message) for w in caught] == []  # it named charts.py's path on the user's terminal
    assert ">Dave \U0001f52a Hunter</text>" in svg
