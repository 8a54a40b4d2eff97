"""What the report draws from its chronology: the activity chart's days, flagged items and most serious
findings, as review decisions leave them."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse" / "law"))
from lawscenario import Scenario  # noqa: E402

from footprint.case import Case  # noqa: E402
from footprint.model import Finding, Item  # noqa: E402
from footprint.report import build_report, render_html  # noqa: E402
from footprint.report.charts import describe, most_serious  # noqa: E402
from footprint.report.chronology import chart_data  # noqa: E402
from footprint.report.report_model import ChartDay, ChronologyRow  # noqa: E402
from footprint.review import decide  # noqa: E402


def _caption(html: str) -> str:
    start = html.index('<h2 id="conduct">')
    return html[html.index("<figcaption>", start) + len("<figcaption>") : html.index("</figcaption>", start)]


def _rows(html: str) -> list[str]:
    """The rows of the table of counts the activity chart plots."""
    start = html.index("<caption", html.index('<h2 id="conduct">'))
    table = html[start : html.index("</table>", start)]
    return re.findall(r"<tr><td>.*?</tr>", table)


def test_the_activity_chart_names_each_days_own_categories_and_leaves_out_what_was_dismissed(
    case: Case,
) -> None:
    # A day whose only flagged item encouraged self-harm read "threat to kill / rape" (one word for the
    # whole top level), and a day whose only threat to kill was dismissed still read so after review.
    s = Scenario(case)
    s.say("2024-02-13 21:00", "I will kill you", categories=("threat_to_kill", "threat_violence"))
    s.say("2024-02-13 21:05", "I know where you are", categories=("monitoring",))
    s.say(
        "2024-02-23 09:00", "Do everyone a favour and kill yourself", categories=("self_harm_encouragement",)
    )
    s.say("2024-02-24 10:00", "you are mine", categories=("coercive_control",))
    s.say("2024-02-24 11:00", "hello")
    s.build()
    before = build_report(case).charts
    assert describe(before)["activity"] == (
        "Items per day: 5 item(s) on 3 day(s) from Tue 13/02/2024 to Sat 24/02/2024, the most on Tue 13/02/2024"
        " (2); 4 flagged item(s) on 3 day(s), the most serious self harm encouragement, threat to kill (very"
        " high). A finding a person dismissed on review is not counted. Each day's counts are in the table"
        " below."
    )
    assert [most_serious([d]) for d in before.days] == [
        "threat to kill (very high)",
        "self harm encouragement (very high)",
        "coercive control (medium)",
    ]
    for f in case.store.findings():
        if f.category in ("threat_to_kill", "coercive_control"):
            decide(case, f.id, "dismiss", "not meant")
    model = build_report(case)
    html = render_html(model)
    assert _rows(html) == [
        "<tr><td>Tue 13/02/2024</td><td>2</td><td>2</td><td>threat violence (high)</td></tr>",
        "<tr><td>Fri 23/02/2024</td><td>1</td><td>1</td><td>self harm encouragement (very high)</td></tr>",
        "<tr><td>Sat 24/02/2024</td><td>2</td><td>0</td><td>—</td></tr>",
    ]
    assert _caption(html) == (
        "Items per day: 5 item(s) on 3 day(s) from Tue 13/02/2024 to Sat 24/02/2024, the most on Tue 13/02/2024"
        " (2); 3 flagged item(s) on 2 day(s), the most serious self harm encouragement (very high). A finding a"
        " person dismissed on review is not counted. Each day&#39;s counts are in the table below."
    )
    assert model.charts.days == (
        ChartDay("2024-02-13", 2, 2, 4, ("threat_violence",)),
        ChartDay("2024-02-23", 1, 1, 5, ("self_harm_encouragement",)),
        ChartDay("2024-02-24", 2, 0, 0, ()),
    )


def test_the_activity_chart_says_how_many_items_carry_no_time_and_are_not_drawn(case: Case) -> None:
    # The chart said "2 item(s) on 2 day(s)" beside a chronology of 4 items, without a word for the others.
    s = Scenario(case)
    s.say("2024-02-13 21:00", "first")
    s.say("2024-02-14", "a date and no time of day: drawn on its day")
    s.say("", "no date")
    s.say("", "no date either")
    s.build()
    charts = build_report(case).charts
    assert describe(charts)["activity"] == (
        "Items per day: 2 item(s) on 2 day(s) (2 item(s) carry no time and are not drawn) from Tue 13/02/2024"
        " to Wed 14/02/2024, the most on Tue 13/02/2024 (1); no flagged items. A finding a person dismissed on"
        " review is not counted. Each day's counts are in the table below."
    )
    assert charts.untimed == 2


def _timed_row(n: int, utc: str, *findings: tuple[str, str | None]) -> ChronologyRow:
    """A message by the suspect sent at ``utc``, with findings (category, decision)."""
    item = Item(
        n, "JD/1", f"line {n}", "message", "sms:+447700900001", "John", (), "c", utc, utc, "platform", None,
        "words", "words", False, False, False,
    )  # fmt: skip
    marks = tuple(
        Finding(
            n * 10 + k, n, "JD/1", f"line {n}", category, 0.9, (), (), None, "detect", 1, "", {}, decision
        )
        for k, (category, decision) in enumerate(findings)
    )
    return ChronologyRow(utc, item, marks, "other")


def test_the_activity_chart_places_each_time_on_its_own_uk_day_and_hour_within_one_utc_hour() -> None:
    # chart_data works out a UTC hour's UK day and hour once for every time in it; where times in one UTC
    # hour fall on different UK hours (London's mean time before 1847 was 1 min 15 s behind UTC), or a
    # time is written with another offset, each is placed by its own time, as before.
    rows = [
        _timed_row(1, "1840-01-01T00:00:30Z"),  # 23:59:15 on Tue 31/12/1839, UK time
        _timed_row(2, "1840-01-01T00:30:00Z"),  # 00:28:45 on Wed 01/01/1840
        _timed_row(3, "2024-03-31T00:59:59Z", ("threat_to_kill", "dismissed"), ("monitoring", "confirmed")),
        _timed_row(4, "2024-03-31T01:00:00Z", ("doxxing", None)),  # 02:00 BST, Sunday: clocks went forward
        _timed_row(5, "2024-06-01T10:15:00+05:30"),  # 05:45 BST, Saturday
        _timed_row(6, "2024-06-01T10:40:00Z", ("threat_sexual", "dismissed")),  # 11:40 BST
    ]
    chart = chart_data(rows, {"sms:+447700900001"}, ())
    assert chart.days == (
        ChartDay("1839-12-31", 1, 0, 0, ()),
        ChartDay("1840-01-01", 1, 0, 0, ()),
        ChartDay("2024-03-31", 2, 2, 3, ("doxxing", "monitoring")),
        ChartDay("2024-06-01", 2, 0, 0, ()),
    )
    contact = {(day, hour): n for day, hours in enumerate(chart.heatmap) for hour, n in enumerate(hours) if n}
    assert contact == {(1, 23): 1, (2, 0): 1, (6, 0): 1, (6, 2): 1, (5, 5): 1, (5, 11): 1}
