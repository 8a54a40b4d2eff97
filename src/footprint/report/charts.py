"""Charts as deterministic SVG (matplotlib, fixed hash salt, no dates): activity, contact heatmap, links.

Each chart is named (``role="img"`` and ``aria-label``), described in words (``describe``) and shown with a
table of the counts it plots (the report template), and shows severity by marker shape as well as colour:
a reader who cannot see the picture or tell its colours apart loses nothing (WCAG 2.2 SC 1.1.1, 1.4.1)."""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Sequence
from datetime import date
from typing import Any

import matplotlib
from markupsafe import Markup, escape

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from footprint.report.report_model import ChartData, ChartDay  # noqa: E402

_RC: Any = {
    "svg.hashsalt": "footprint",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Labels are account names and other hostile text: never read "$...$" in them as mathtext (an unknown
    # command such as \foo raised, and "Bob $x^2$ Smith" was drawn as maths).
    "text.parse_math": False,
}
_SEVERITY_COLOURS = {0: "#9e9e9e", 1: "#f2c14e", 2: "#f2c14e", 3: "#f08a24", 4: "#d7301f", 5: "#7f0000"}
# A day's most serious flagged item's level in words and as the shape of the marker over its bar (colour
# is not the only cue): the escalation analyser's scale, 1 and 2 shown alike. A level holds several
# categories (5: threats to kill or rape and self-harm encouragement), so a day is named by its own.
SEVERITY_WORDS = {1: "low", 2: "low", 3: "medium", 4: "high", 5: "very high"}
_SEVERITY_MARKERS = {1: "o", 2: "o", 3: "^", 4: "s", 5: "X"}
_TITLES = {
    "activity": "Activity over time, flagged items by severity (marker shape and colour)",
    "heatmap": "Contact by hour and weekday",
    "links": "Account links (label and line width: log10 likelihood ratio)",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ID = re.compile(r'(id="|url\(#|href="#)([^")]+)')


def _svg(fig: Figure, prefix: str, name: str = "") -> str:
    """The figure as inline SVG, its ids prefixed; named ``name`` for assistive technology."""
    out = io.StringIO()
    with warnings.catch_warnings():
        # A name with a character DejaVu lacks (an emoji) is measured without it; the SVG keeps the text
        # itself (svg.fonttype none) for the browser or WeasyPrint to draw, so nothing is lost, and the
        # warning named this file's path on the user's terminal.
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    text = out.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    # Several charts sit in one page: give each chart's ids their own prefix.
    text = _ID.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", text)
    if not name:
        return text
    # named for a browser (aria-label) and for the PDF, whose tags take a chart's alternative text from its
    # <title> (WeasyPrint); the title is not drawn
    start = text.index(">") + 1
    named = escape(name)
    return f'<svg role="img" aria-label="{named}"{text[4:start]}\n <title>{named}</title>{text[start:]}'


def activity(data: ChartData) -> str | None:
    """Items per day, with flagged items coloured by the most serious category that day."""
    if not data.days:
        return None
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.2, 2.6))
        xs: Any = [date.fromisoformat(d.day) for d in data.days]
        width = 0.8 if len(xs) < 400 else 1.0
        ax.bar(xs, [d.items for d in data.days], width=width, color="#cfd8dc", label="all items")
        colours = [_SEVERITY_COLOURS[min(d.severity, 5)] for d in data.days]
        ax.bar(xs, [d.flagged for d in data.days], width=width, color=colours)
        top = max(d.items for d in data.days)
        for level in sorted(set(_SEVERITY_MARKERS)):  # a marker over each flagged day, its shape the severity
            days = [(x, d.items) for x, d in zip(xs, data.days, strict=True) if min(d.severity, 5) == level]
            if days:
                ax.scatter(
                    [x for x, _ in days],
                    [n + 0.06 * top for _, n in days],
                    marker=_SEVERITY_MARKERS[level],
                    s=18,
                    color=_SEVERITY_COLOURS[level],
                    edgecolors="#000000",
                    linewidths=0.5,
                    zorder=3,
                )
        ax.set_ylim(0, top * 1.25)
        ax.set_ylabel("items per day")
        ax.set_title(_TITLES["activity"])
        handles = [Patch(color="#cfd8dc", label="all items")] + [
            Line2D(
                [],
                [],
                linestyle="",
                marker=_SEVERITY_MARKERS[level],
                markersize=5,
                markerfacecolor=_SEVERITY_COLOURS[level],
                markeredgecolor="#000000",
                markeredgewidth=0.5,
                label=("flagged: " if level == 2 else "") + SEVERITY_WORDS[level],
            )
            for level in (2, 3, 4, 5)
        ]
        ax.legend(handles=handles, loc="upper left", frameon=False, ncols=5, fontsize=7)
        fig.autofmt_xdate()
        return _svg(fig, "activity", _TITLES["activity"])


def heatmap(data: ChartData) -> str | None:
    """Contact by hour of day (UK time) and weekday."""
    if not any(any(r) for r in data.heatmap):
        return None
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.2, 2.4))
        mesh = ax.pcolormesh(data.heatmap, cmap="Reds", edgecolors="#ffffff", linewidth=0.3)
        most = max(max(r) for r in data.heatmap)
        for day, row in enumerate(data.heatmap):  # each count written in its cell: not shade alone
            for hour, n in enumerate(row):
                if n:
                    dark = n > most / 2
                    ax.text(
                        hour + 0.5,
                        day + 0.5,
                        str(n),
                        ha="center",
                        va="center",
                        fontsize=5.5,
                        color="#ffffff" if dark else "#000000",
                    )
        ax.invert_yaxis()
        ax.set_yticks([d + 0.5 for d in range(7)], [w[:3] for w in WEEKDAYS])
        ax.set_xticks([h + 0.5 for h in range(0, 24, 2)], [f"{h:02d}" for h in range(0, 24, 2)])
        ax.set_xlabel("hour of day (UK time)")
        ax.set_title(f"{_TITLES['heatmap']}: {data.heatmap_of}")
        bar = fig.colorbar(mesh, ax=ax, label="items")
        bar.solids.set_rasterized(False)  # type: ignore[union-attr]
        return _svg(fig, "heatmap", f"{_TITLES['heatmap']}: {data.heatmap_of}")


def link_graph(data: ChartData) -> str | None:
    """Accounts as points on a circle, linked by lines labelled with the link's log10 LR (never the score,
    which reads as a probability); the line is wider the stronger the link, up to log10 LR 6."""
    if not data.edges:
        return None
    nodes = sorted({n for a, b, _ in data.edges for n in (a, b)})
    where = {
        n: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes)))
        for i, n in enumerate(nodes)
    }
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.2, 3.6))
        for a, b, lr in data.edges:
            (x1, y1), (x2, y2) = where[a], where[b]
            ax.plot([x1, x2], [y1, y2], color="#455a64", linewidth=0.5 + 3 * max(0.0, min(lr / 6, 1.0)))
            ax.text((x1 + x2) / 2, (y1 + y2) / 2, f"{lr:+.2f}", fontsize=7, ha="center", color="#263238")
        for n, (x, y) in where.items():
            ax.scatter([x], [y], s=60, color="#1565c0", zorder=3)
            ax.text(x, y + 0.09, n, fontsize=7, ha="center", va="bottom")
        ax.set_xlim(-1.6, 1.6)
        ax.set_ylim(-1.3, 1.3)
        ax.axis("off")
        ax.set_title(_TITLES["links"])
        return _svg(fig, "links", _TITLES["links"])


def day_words(day: str) -> str:
    """A chart's ISO day as the report shows days: ``Mon 05/02/2024``."""
    return date.fromisoformat(day).strftime("%a %d/%m/%Y")


def most_serious(days: Sequence[ChartDay]) -> str:
    """The most serious flagged findings of ``days`` in words: their categories and the level they share,
    "self harm encouragement (very high)"; "—" when none is flagged."""
    top = max((d.severity for d in days if d.flagged), default=0)
    if not top:
        return "—"
    categories = sorted({c for d in days if d.flagged and d.severity == top for c in d.most_serious})
    return f"{', '.join(c.replace('_', ' ') for c in categories)} ({SEVERITY_WORDS[min(top, 5)]})"


def describe(data: ChartData) -> dict[str, str]:
    """What each chart shows, in words, for its caption: a reader who cannot see it reads this and the
    table of counts that follows it."""
    out: dict[str, str] = {}
    if data.days:
        items = sum(d.items for d in data.days)
        flagged = [d for d in data.days if d.flagged]
        busiest = max(data.days, key=lambda d: d.items)
        out["activity"] = (
            f"Items per day: {items} item(s) on {len(data.days)} day(s)"
            + (f" ({data.untimed} item(s) carry no time and are not drawn)" if data.untimed else "")
            + f" from {day_words(data.days[0].day)} to {day_words(data.days[-1].day)}, the most on"
            f" {day_words(busiest.day)} ({busiest.items})"
            + (
                f"; {sum(d.flagged for d in flagged)} flagged item(s) on {len(flagged)} day(s), the most"
                f" serious {most_serious(flagged)}"
                if flagged
                else "; no flagged items"
            )
            + ". A finding a person dismissed on review is not counted. Each day's counts are in the table"
            " below."
        )
    if any(any(r) for r in data.heatmap):
        cells = [(n, day, hour) for day, row in enumerate(data.heatmap) for hour, n in enumerate(row)]
        n, day, hour = max(cells, key=lambda c: (c[0], -c[1], -c[2]))
        out["heatmap"] = (
            f"Contact from {data.heatmap_of} by weekday and hour of day (UK time): {sum(c[0] for c in cells)}"
            f" item(s), the most ({n}) on {WEEKDAYS[day]}s between {hour:02d}:00 and {hour:02d}:59. The count"
            " for each weekday and hour is in the table below."
        )
    if data.edges:
        nodes = {n for a, b, _ in data.edges for n in (a, b)}
        out["links"] = (
            f"{len(data.edges)} link(s) between {len(nodes)} accounts, each line labelled with its log10"
            " likelihood ratio. Every link is listed with its reasons in the table below."
        )
    return out


_CHARTS = {"activity": activity, "heatmap": heatmap, "links": link_graph}


def render_charts(data: ChartData) -> dict[str, str | None]:
    """Every chart, keyed by name; None where there is nothing to draw. A chart is a picture of data the
    report also lists, so one that cannot be drawn becomes a warning in its place, never a lost report."""
    drawn: dict[str, str | None] = {}
    for name, draw in _CHARTS.items():
        try:
            drawn[name] = draw(data)
        except Exception as exc:  # noqa: BLE001 - any failure of the drawing library, reported in place
            plt.close("all")
            drawn[name] = str(
                Markup(
                    '<p class="status"><strong>The {} chart could not be drawn</strong> ({}: {}); '
                    "the data it would show are listed in this section.</p>"
                ).format(name, type(exc).__name__, str(exc)[:200])
            )
    return drawn
