"""What the report draws from its chronology: the charts' counts and each flagged item in its conversation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from footprint.analyse.detect.taxonomy import CATEGORIES as DETECT_CATEGORIES
from footprint.model import Finding
from footprint.report import sections as s
from footprint.report.report_model import ChartData, ChartDay, ChronologyRow
from footprint.store.queries import RECORDED_ANALYSER
from footprint.store.report_queries import DecisionRow
from footprint.times import parse_iso_utc, zone

CONTEXT = 3
_CONTACT = frozenset(("message", "call", "email", "post", "location", "reaction"))
_HOUR = timedelta(hours=1)
_HOUR_END = _HOUR - timedelta(microseconds=1)


@dataclass
class _Day:
    """A day's counts as the chronology is read (``ChartDay`` once read)."""

    items: int = 0
    flagged: int = 0
    top: int = 0
    worst: set[str] = field(default_factory=set)


def chart_data(chron: Sequence[ChronologyRow], suspects: set[str], links: Sequence[s.LinkView]) -> ChartData:
    """What the charts draw: items and flagged items per day, with the categories of each day's most
    serious findings (a finding a person dismissed is not counted), the suspect's contact by weekday and
    hour (every account but the complainant's when none is attributed to a suspect), the link graph."""
    uk = zone("Europe/London")
    hours: dict[str, tuple[str, int, int] | None] = {}
    per_day: dict[str, _Day] = {}
    heat = [[0] * 24 for _ in range(7)]
    untimed = 0
    for row in chron:
        utc = row.item.sent_at_utc
        if not utc:
            untimed += 1
            continue
        # most items share their UTC hour with another: its UK day and hour are worked out once
        when = None
        if utc.endswith("Z"):
            hour_key = utc[:13]
            if hour_key not in hours:
                hours[hour_key] = _uk_hour(utc, uk)
            when = hours[hour_key]
        if when is None:
            local = parse_iso_utc(utc).astimezone(uk)
            when = (local.date().isoformat(), local.weekday(), local.hour)
        date, weekday, hour = when
        day = per_day.get(date)
        if day is None:
            day = per_day[date] = _Day()
        day.items += 1
        if row.findings:
            levels = {
                f.category: s.SEVERITY.get(f.category, 0) for f in row.findings if f.decision != "dismissed"
            }
            severity = max(levels.values(), default=0)
            if severity:
                day.flagged += 1
                if severity > day.top:
                    day.top, day.worst = severity, set()
                if severity == day.top:
                    day.worst.update(c for c, level in levels.items() if level == severity)
        # a draft or a failed send reached no one: not contact
        if (
            (row.item.author in suspects if suspects else row.side != "complainant")
            and row.item.kind in _CONTACT
            and not row.item.not_sent
        ):
            heat[weekday][hour] += 1
    who = "accounts attributed to the suspect" if suspects else "every account other than the complainant's"
    return ChartData(
        days=tuple(
            ChartDay(d, v.items, v.flagged, v.top, tuple(sorted(v.worst))) for d, v in sorted(per_day.items())
        ),
        heatmap=tuple(tuple(r) for r in heat),
        heatmap_of=who,
        edges=tuple((lk.account_a, lk.account_b, lk.log10_lr) for lk in links),
        untimed=untimed,
    )


def _uk_hour(utc: str, uk: ZoneInfo) -> tuple[str, int, int] | None:
    """The UK date, weekday and hour of every time in the UTC hour of ``utc`` (an ISO time ending ``Z``),
    or None when they may differ within it (a zone offset other than whole hours, or one that changes
    inside the hour), and each time's own must be worked out."""
    start = parse_iso_utc(utc).replace(minute=0, second=0, microsecond=0)
    first, last = start.astimezone(uk), (start + _HOUR_END).astimezone(uk)
    offset = first.utcoffset()
    if offset is None or offset != last.utcoffset() or offset % _HOUR:
        return None
    return first.date().isoformat(), first.weekday(), first.hour


def flags(finding: Finding) -> bool:
    """Whether a finding flags its item: a detection category, or anything a person recorded on it."""
    return finding.category in DETECT_CATEGORIES or finding.analyser == RECORDED_ANALYSER


def flagged_items(
    chronology: Sequence[ChronologyRow],
    by_item: dict[int, list[Finding]],
    refs: dict[int, s.Ref],
    decisions: dict[int, tuple[DecisionRow, ...]],
) -> tuple[s.FlaggedItem, ...]:
    """Each flagged item with up to CONTEXT messages either side in the same conversation."""
    threads: dict[tuple[str, str], list[int]] = defaultdict(list)
    place: dict[int, tuple[tuple[str, str], int]] = {}
    for n, row in enumerate(chronology):
        key = (row.item.exhibit, row.item.conversation or "")
        place[row.item.id] = (key, len(threads[key]))
        threads[key].append(n)
    out = []
    for row in chronology:
        flagged = [f for f in row.findings if flags(f)]
        if not flagged:
            continue
        key, at = place[row.item.id]
        thread = threads[key]
        lines = []
        for n in thread[max(0, at - CONTEXT) : at + CONTEXT + 1]:
            other = chronology[n]
            spans = [sp for f in other.findings if flags(f) for sp in f.spans]
            lines.append(
                s.ContextLine(
                    other.item, other.when, other.side, s.segments(other.item.text, spans), other is row
                )
            )
        views = tuple(s.finding_view(f, refs, decisions) for f in row.findings)
        out.append(s.FlaggedItem(row.item, row.when, views, tuple(lines)))
    return tuple(out)
