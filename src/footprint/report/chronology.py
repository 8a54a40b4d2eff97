"""What the report draws from its chronology: the charts' counts and each flagged item in its conversation."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import overload

from footprint.analyse.detect.taxonomy import CATEGORIES as DETECT_CATEGORIES
from footprint.errors import ReportError
from footprint.model import Finding, Item
from footprint.report import sections as s
from footprint.report.report_model import ChartData, ChronologyRow
from footprint.store.queries import RECORDED_ANALYSER
from footprint.store.report_queries import DecisionRow
from footprint.times import parse_iso_utc, zone

CONTEXT = 3


def chart_data(chron: Iterable[ChronologyRow], suspects: set[str], links: Sequence[s.LinkView]) -> ChartData:
    """What the charts draw: items and flagged items per day, the suspect's contact by weekday and hour
    (every account but the complainant's when none is attributed to a suspect), the link graph."""
    uk = zone("Europe/London")
    per_day: dict[str, list[int]] = {}
    heat = [[0] * 24 for _ in range(7)]
    for row in chron:
        if not row.item.sent_at_utc:
            continue
        local = parse_iso_utc(row.item.sent_at_utc).astimezone(uk)
        day = per_day.setdefault(local.strftime("%Y-%m-%d"), [0, 0, 0])
        day[0] += 1
        severity = max((s.SEVERITY.get(f.category, 0) for f in row.findings), default=0)
        if severity:
            day[1] += 1
            day[2] = max(day[2], severity)
        # a draft or a failed send reached no one: not contact
        contact = (
            row.item.kind in ("message", "call", "email", "post", "location", "reaction")
            and not row.item.not_sent
        )
        if contact and (row.item.author in suspects if suspects else row.side != "complainant"):
            heat[local.weekday()][local.hour] += 1
    who = "accounts attributed to the suspect" if suspects else "every account other than the complainant's"
    return ChartData(
        days=tuple((d, *v) for d, v in sorted(per_day.items())),  # type: ignore[misc]
        heatmap=tuple(tuple(r) for r in heat),
        heatmap_of=who,
        edges=tuple((lk.account_a, lk.account_b, lk.log10_lr) for lk in links),
    )


def flags(finding: Finding) -> bool:
    """Whether a finding flags its item: a detection category, or anything a person recorded on it."""
    return finding.category in DETECT_CATEGORIES or finding.analyser == RECORDED_ANALYSER


@dataclass
class _Flagged:
    """A flagged row with the rows of its conversation before it and, as they are read, after it."""

    row: ChronologyRow
    before: list[ChronologyRow]
    after: list[ChronologyRow] = field(default_factory=list)


def flagged_items(
    chronology: Iterable[ChronologyRow],
    by_item: Mapping[int, Sequence[Finding]],
    refs: Mapping[int, s.Ref],
    decisions: Mapping[int, tuple[DecisionRow, ...]],
) -> tuple[s.FlaggedItem, ...]:
    """Each flagged item with up to CONTEXT messages either side in the same conversation, read in one
    pass: only each conversation's last CONTEXT rows and the flagged rows' own are held."""
    recent: dict[tuple[str, str], deque[ChronologyRow]] = defaultdict(lambda: deque(maxlen=CONTEXT))
    waiting: dict[tuple[str, str], list[_Flagged]] = defaultdict(list)
    found: list[_Flagged] = []
    for row in chronology:
        key = (row.item.exhibit, row.item.conversation or "")
        if waiting.get(key):
            for entry in waiting[key]:
                entry.after.append(row)
            waiting[key] = [e for e in waiting[key] if len(e.after) < CONTEXT]
        if any(flags(f) for f in row.findings):
            entry = _Flagged(row, list(recent[key]))
            found.append(entry)
            waiting[key].append(entry)
        recent[key].append(row)
    out = []
    for entry in found:
        row = entry.row
        lines = []
        for other in (*entry.before, row, *entry.after):
            spans = [sp for f in other.findings if flags(f) for sp in f.spans]
            lines.append(
                s.ContextLine(
                    other.item, other.when, other.side, s.segments(other.item.text, spans), other is row
                )
            )
        views = tuple(s.finding_view(f, refs, decisions) for f in row.findings)
        out.append(s.FlaggedItem(row.item, row.when, views, tuple(lines)))
    return tuple(out)


@dataclass(frozen=True)
class RowMaker:
    """What makes an item its chronology row: its time as shown, its findings (each message's once), its
    author's side, the copies of it in later exhibits, and the first item a copy repeats."""

    refs: Mapping[int, s.Ref]
    findings: Mapping[int, Sequence[Finding]]
    side: Callable[[Item], str]
    copies: Mapping[int, tuple[str, ...]]  # a first item's id -> its copies ("JD/5 line 2")
    first_of: Mapping[int, int]  # a copy's item id -> the first item's

    def row(self, item: Item) -> ChronologyRow:
        first = self.first_of.get(item.id)
        return ChronologyRow(
            self.refs[item.id].when,
            item,
            tuple(self.findings.get(item.id, ())),
            self.side(item),
            self.copies.get(item.id, ()),
            "" if first is None else f"{self.refs[first].exhibit} {self.refs[first].locator}",
        )


class StreamedChronology(Sequence[ChronologyRow]):
    """The chronology (the copies left out) read again from the case each time it is gone through, so a
    report of any size never holds it whole (``read`` leaves out the items added since the report's
    snapshot). Its rows are known from the read that built the report (how many, and the sum of their
    items' ids): a read that finds others stops the report, as the case's items changed meanwhile."""

    def __init__(self, read: Callable[[], Iterable[Item]], rows: RowMaker, count: int, id_sum: int) -> None:
        self._read = read
        self._rows = rows
        self._count = count
        self._id_sum = id_sum

    def __iter__(self) -> Iterator[ChronologyRow]:
        n = id_sum = 0
        for item in self._read():
            if item.id not in self._rows.first_of:
                n += 1
                id_sum += item.id
                yield self._rows.row(item)
        if (n, id_sum) != (self._count, self._id_sum):
            raise ReportError(
                f"the case's items changed while its report was being written ({n} chronology rows read,"
                f" {self._count} when it began); nothing was recorded: run footprint report again"
            )

    def __len__(self) -> int:
        return self._count

    def __eq__(self, other: object) -> bool:
        """The same rows in the same order (two reports of one case compare equal)."""
        if not isinstance(other, Sequence) or len(other) != len(self):
            return False
        return all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    @overload
    def __getitem__(self, index: int) -> ChronologyRow: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ChronologyRow]: ...

    def __getitem__(self, index: int | slice) -> ChronologyRow | Sequence[ChronologyRow]:
        """A row or rows by place, read through from the first (for a few rows of a small case)."""
        return tuple(self)[index]
