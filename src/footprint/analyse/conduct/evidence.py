"""What the record holds between each suspect and complainant: items, findings, orders and facts."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Literal

from footprint.analyse.base import analysers, shared_read
from footprint.analyse.conduct.incident_actor import incident_actor
from footprint.analyse.conduct.left_out import LeftOut, left_out, not_between
from footprint.analyse.conduct.reactions import removed_reaction
from footprint.analyse.detect.taxonomy import UNDERMINING
from footprint.case import Case
from footprint.clock_flags import clock_notes, flagged
from footprint.model import Item
from footprint.store.copies import CopyRef
from footprint.store.decisions import latest_item_decisions
from footprint.store.finding_marks import FindingMark, finding_marks
from footprint.store.orders import CourtOrder, list_orders
from footprint.store.queries import RECORDED_ANALYSER
from footprint.times import CLOCK_SKIPPED, iso_utc, order_uncertain, parse_iso_utc, uk_display, zone

# Her own words (DESIGN.md taxonomy): evidential, never abuse.
HER_WORDS = frozenset({"request_to_stop", "distress"})
# Findings about who may operate an account, not about what was done (the link analyser puts its finding
# on the first item behind a link): never conduct, never abuse.
NOT_CONDUCT = frozenset({"account_link", UNDERMINING})  # nor what may undermine (detect's, CPIA)
NOT_HIS_CONDUCT = HER_WORDS | NOT_CONDUCT
# Categories this package writes; they are never read back as detection evidence.
OWN_CATEGORIES = frozenset(
    {"course_of_conduct", "escalation", "contact_after_request", "order_breach", "offence_assessment"}
)
# Per-item conduct findings whose dismissal holds across re-runs of their analyser.
STICKY_CATEGORIES = ("contact_after_request", "order_breach")
# Findings that make a device observation on her phone evidence (docs/law.md): a person who saw it
# recorded spyware, a tracker, interception or access to her accounts; `device check`'s own
# device_indicator findings are context only.
DEVICE_EVIDENCE = frozenset({"spyware", "tracker", "interception", "account_access"})
FACT_CATEGORY = "relationship"
# Two items less than this apart are one occasion (a burst of messages is one occasion, not several).
OCCASION_GAP = timedelta(minutes=60)
# How far the other reading of a time in a clock change may be from the one stored (the UK's change).
CLOCK_CHANGE_SPAN = timedelta(hours=1)
# How many items never sent a pair's note names (a phone can hold thousands of drafts); the rest are counted.
NAMED_NEVER_SENT = 10
# Analysers whose findings these analysers read (registered names; a test checks each one exists).
UPSTREAM = ("detect", "device", "images", "link")

SECOND, MINUTE, HOUR = timedelta(seconds=1), timedelta(minutes=1), timedelta(hours=1)

Direction = Literal["to_her", "about_her", "from_her", "incident", "device"]


class AfterUpstream:
    """``depends_on`` that names only the upstream analysers actually registered (read at run time)."""

    def __get__(self, obj: object, owner: type | None = None) -> tuple[str, ...]:
        return tuple(name for name in UPSTREAM if name in analysers)


@dataclass(frozen=True)
class ItemFinding:
    """A finding on an item that no person dismissed, with the latest decision on it (None: unreviewed)."""

    id: int
    category: str
    decision: str | None
    rule_ids: tuple[str, ...] = ()  # the detector rules behind it (none for a person's or a model's finding)
    recorded: bool = False  # a person recorded it (``footprint record``), not an analyser


@dataclass(frozen=True)
class PairItem:
    """One item that concerns the pair, with the (not dismissed) finding categories on it. ``findings``
    also holds this package's own per-item findings (contact after her request, order breach), which
    count as reviewed when confirmed but never as abuse."""

    item: Item
    direction: Direction
    at: datetime
    day: date
    categories: tuple[str, ...]
    findings: tuple[ItemFinding, ...]
    copies: tuple[str, ...] = ()  # the same message in later exhibits ("JD/5 line 2"), counted once
    basis: str = ""  # for an incident: why it counts as his ("its 'done by' column names him")
    basis_reviewed: bool = True  # False: only its words say it is his, an opinion no person has reviewed

    @property
    def confirmed(self) -> tuple[str, ...]:
        """The categories of its findings a person confirmed."""
        return tuple(sorted({f.category for f in self.findings if f.decision == "confirmed"}))

    @property
    def ref(self) -> str:
        """Where the item is: ``JD/1 line 2``, or ``JD/1 line 2 (also JD/5 line 2)`` when later exhibits
        hold the same message."""
        first = f"{self.item.exhibit} {self.item.locator}"
        return f"{first} (also {', '.join(self.copies)})" if self.copies else first

    @property
    def by_him(self) -> bool:
        """Conduct by the suspect (his messages, incidents, device findings)."""
        return self.direction != "from_her"

    @property
    def shown(self) -> str:
        """Its time as UK local time, or its date alone when no time of day was recorded."""
        return uk_display(iso_utc(self.at), time_known=self.item.time_known, fraction=True)

    @property
    def clock_flag(self) -> str | None:
        """The flag of a time in a clock change whose reading is uncertain (``ambiguous: BST or GMT``,
        ``time skipped by the clock change``), else None (see ``footprint.clock_flags``)."""
        flag = self.item.details.get("clock_change")
        return flag if self.item.time_known and order_uncertain(flag) else None

    @property
    def span(self) -> tuple[datetime, datetime]:
        """The first and last instant the item may be: its time, or for a time in a clock change the export's
        order did not decide, its time and the other reading (an hour later in the hour the clocks went
        back, where the earlier reading is stored; an hour earlier for a time they skipped, read with the
        offset before the change)."""
        if not self.clock_flag:
            return self.at, self.at
        if CLOCK_SKIPPED in self.clock_flag:
            return self.at - CLOCK_CHANGE_SPAN, self.at
        return self.at, self.at + CLOCK_CHANGE_SPAN

    @cached_property
    def abuse(self) -> tuple[str, ...]:
        """Categories describing his conduct (not her words, not evidence about accounts)."""
        return tuple(c for c in self.categories if c not in HER_WORDS and c not in NOT_CONDUCT)


@dataclass(frozen=True)
class Fact:
    """A recorded fact about the pair (the relationship, for coercive control)."""

    kind: str
    living_together: bool | None
    finding_id: int


@dataclass(frozen=True)
class Pair:
    """Everything in the record between one suspect and one complainant."""

    suspect: str
    complainant: str
    suspect_accounts: tuple[str, ...]
    complainant_accounts: tuple[str, ...]
    items: tuple[PairItem, ...]
    orders: tuple[CourtOrder, ...]
    facts: tuple[Fact, ...]
    zone: str
    dismissed: frozenset[tuple[str, int]]
    notes: tuple[str, ...]
    left_out: tuple[LeftOut, ...] = ()  # findings a person confirmed on items not counted, with why

    @cached_property
    def by_category(self) -> dict[str, tuple[PairItem, ...]]:
        """The pair's items per finding category (time order)."""
        index: dict[str, list[PairItem]] = defaultdict(list)
        for p in self.items:
            for c in p.categories:
                index[c].append(p)
        return {c: tuple(v) for c, v in index.items()}

    @cached_property
    def requests(self) -> tuple[PairItem, ...]:
        """Her requests to stop, in time order."""
        return tuple(p for p in self.items if p.direction == "from_her" and "request_to_stop" in p.categories)

    def after_a_request(self, p: PairItem) -> bool:
        """Whether ``p`` certainly came after one of her requests to stop."""
        return any(certainly_after(p, r) for r in self.requests)

    @cached_property
    def _conduct(self) -> tuple[PairItem, ...]:
        out = []
        for p in self.items:
            if not p.by_him:
                continue
            if p.direction in ("incident", "device") or p.abuse or self.counted_after_request(p):
                out.append(p)
        return tuple(out)

    @cached_property
    def _contact(self) -> tuple[PairItem, ...]:
        return tuple(p for p in self.items if p.direction in ("to_her", "about_her"))

    def counted_after_request(self, p: PairItem) -> bool:
        """Whether ``p`` counts as his contact after her request: it came after one, and no person
        dismissed the contact-after-request finding on it."""
        return self.after_a_request(p) and ("contact_after_request", p.item.id) not in self.dismissed

    @cached_property
    def _after_request(self) -> tuple[PairItem, ...]:
        return tuple(p for p in self._contact if self.counted_after_request(p))

    def conduct(self) -> tuple[PairItem, ...]:
        """His conduct towards or about her: abusive items, any contact after she asked him to stop,
        offline incidents and device findings."""
        return self._conduct

    def contact(self) -> tuple[PairItem, ...]:
        """Every item he sent to her or about her."""
        return self._contact

    def after_request(self) -> tuple[PairItem, ...]:
        """His contact after her first request to stop."""
        return self._after_request


def certainly_after(a: PairItem, b: PairItem) -> bool:
    """Whether ``a`` came after ``b`` for certain: on a later day, or later the same day when both have a
    time of day (a record with a date alone is stored at midnight, its place in the day unknown)."""
    if a.day != b.day:
        return a.day > b.day
    return a.item.time_known and b.item.time_known and a.at > b.at


def order_unsure(a: PairItem, b: PairItem) -> bool:
    """Whether ``a`` and ``b`` may have come in either order: the time of one of them fell in a clock
    change the export's order did not decide, and the instants either may be overlap (see ``span``)."""
    if not (a.clock_flag or b.clock_flag):
        return False
    (a_first, a_last), (b_first, b_last) = a.span, b.span
    return a_first <= b_last and b_first <= a_last


def order_check(pairs: Iterable[tuple[PairItem, PairItem]]) -> str:
    """``Check which came first: …`` for the pairs of items that may have come in either order (see
    :func:`order_unsure`), naming each and the flag on its time; "" when none may."""
    notes = []
    for a, b in pairs:
        if order_unsure(a, b):
            flags = "; ".join(f"{p.ref}: {p.clock_flag}" for p in (a, b) if p.clock_flag)
            notes.append(
                f"{a.ref} and {b.ref} may have come in either order: a time fell in a clock change ({flags})"
            )
    return f"Check which came first: {'; '.join(notes)}." if notes else ""


def _intervals(p: PairItem, since: PairItem | datetime) -> list[timedelta]:
    """How long after ``since`` item ``p`` came, for every reading their times allow, shortest first."""
    starts = since.span if isinstance(since, PairItem) else (since, since)
    return sorted({end - start for end in p.span for start in starts})


def readings(p: PairItem, since: PairItem | datetime, per: timedelta, digits: int) -> list[float]:
    """How long after ``since`` (an item, or an exact time such as an order's) item ``p`` came, counted in
    ``per`` and rounded to ``digits``, for every reading their times allow (see ``PairItem.span``),
    smallest first: one figure unless a time fell in a clock change the export's order did not decide; a
    figure below zero is a reading that puts ``p`` first."""
    return sorted({round(d / per, digits) + 0.0 for d in _intervals(p, since)})  # + 0.0: never -0.0


def elapsed(
    p: PairItem,
    since: PairItem | datetime,
    per: timedelta,
    unit: str,
    digits: int = 1,
    *,
    words: Callable[[timedelta], str] | None = None,
) -> str:
    """How long after ``since`` (an item, or an exact time such as an order's) item ``p`` came, counted in
    ``per`` (``0.7 hours``), or given by ``words`` (``3 days 22 hours``; ``per``, ``unit`` and ``digits``
    then unused). Where either item's time fell in a clock change the figure carries that item's flag,
    and, when the export's order did not decide the reading, the other figures the times allow (see
    :func:`readings`; a figure below zero is left to the order check): ``5040.7 hours (or 5041.7 hours;
    JD/1 line 4: ambiguous: BST or GMT)``."""
    start = since.at if isinstance(since, PairItem) else since
    if words is not None:
        figure = words(p.at - start)
        shown = dict.fromkeys(words(d) for d in _intervals(p, since) if d >= timedelta(0))
        unit = ""
    else:
        figure = f"{(p.at - start) / per:.{digits}f}"
        shown = dict.fromkeys(f"{d / per:.{digits}f}" for d in _intervals(p, since) if d >= timedelta(0))
        unit = f" {unit}"
    others = [f for f in shown if f != figure]
    items = [since, p] if isinstance(since, PairItem) else [p]
    flags = [
        f"{q.ref}: {q.item.details['clock_change']}"
        for q in items
        if q.item.time_known and q.item.details.get("clock_change")
    ]
    if not flags:
        return f"{figure}{unit}"
    alternative = f"or {' or '.join(others)}{unit}; " if others else ""
    return f"{figure}{unit} ({alternative}{'; '.join(flags)})"


def gap_unit(gap: timedelta) -> tuple[timedelta, str, int]:
    """The unit a gap reads in, for ``elapsed`` (as every conduct finding gives it): seconds under a minute
    (to the millisecond under a second), whole minutes under an hour, hours to a tenth beyond ("0.0 hours"
    was written for 40 seconds)."""
    if gap < SECOND:
        return SECOND, "second(s)", 3
    if gap < MINUTE:
        return SECOND, "second(s)", 0
    return (MINUTE, "minute(s)", 0) if gap < HOUR else (HOUR, "hours", 1)


class HersByTime:
    """Her items to him, in time order, to find those between two instants without reading them all."""

    def __init__(self, items: tuple[PairItem, ...]) -> None:
        self.hers = [q for q in items if q.direction == "from_her"]
        self.order = sorted(range(len(self.hers)), key=lambda i: self.hers[i].at)
        self.times = [self.hers[i].at for i in self.order]

    def between(self, start: datetime, end: datetime) -> list[PairItem]:
        """Her items strictly after ``start`` and before ``end``, in the pair's order."""
        first, stop = bisect_right(self.times, start), bisect_left(self.times, end)
        return [self.hers[i] for i in sorted(self.order[first:stop])]


def neighbours(items: Sequence[PairItem]) -> list[tuple[PairItem, PairItem]]:
    """Each item with a time of day and the next one in time order."""
    timed = sorted((p for p in items if p.item.time_known), key=lambda p: (p.at, p.item.id))
    return list(zip(timed, timed[1:], strict=False))


def occasions(items: Sequence[PairItem]) -> list[list[PairItem]]:
    """Group items into occasions: a new occasion starts after a gap of an hour or more. A record with a
    date but no time of day joins the first occasion of its day (it may have been that occasion), so it
    never adds an occasion to a day that has one."""
    groups: list[list[PairItem]] = []
    dateless: list[PairItem] = []
    for p in sorted(items, key=lambda p: (p.at, p.item.id)):
        if not p.item.time_known:
            dateless.append(p)
        elif groups and p.at - groups[-1][-1].at < OCCASION_GAP:
            groups[-1].append(p)
        else:
            groups.append([p])
    for p in dateless:
        same_day = next((g for g in groups if any(q.day == p.day for q in g)), None)
        if same_day is None:
            groups.append(same_day := [])
        same_day.insert(0, p)
    return sorted(groups, key=lambda g: (g[0].at, g[0].item.id))


def _pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({n for n in names if len(n) >= 3}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def name_pattern(full_name: str) -> re.Pattern[str] | None:
    """Her (or his) full name or first name as a whole word."""
    parts = full_name.split()
    return _pattern([full_name, parts[0]] if parts else [full_name])


@dataclass(frozen=True)
class Record:
    """What the record holds for every pair, read once (``read_record``): the persons' accounts, the
    findings on each item (this package's own apart), the facts, orders, exhibits' owners and copies."""

    suspects: tuple[str, ...]
    complainants: tuple[str, ...]
    names: tuple[str, ...]  # every person's name
    accounts: dict[str, list[str]]  # person -> the account keys attributed to them
    items: list[Item]
    by_item: dict[int, list[FindingMark]]
    own: dict[int, list[FindingMark]]
    owners: dict[str, str | None]
    orders: list[CourtOrder]
    facts: dict[tuple[str, str], list[Fact]]
    dismissed: set[tuple[str, int]]
    zone: str
    copies: dict[int, tuple[CopyRef, ...]]

    def pair(
        self, suspect: str, complainant: str, also: Sequence[str] = (), items: list[Item] | None = None
    ) -> Pair:
        """The pair of ``suspect`` and ``complainant``; ``also``: accounts taken as the suspect's as well
        (were a person to attribute them), ``items``: only these of the record's items."""
        accounts = (
            {**self.accounts, suspect: [*self.accounts.get(suspect, ()), *also]} if also else self.accounts
        )
        return _pair(
            suspect,
            complainant,
            accounts,
            self.items if items is None else items,
            (self.by_item, self.own),
            self.owners,
            self.orders,
            self.facts,
            self.dismissed,
            self.zone,
            self.copies,
            tuple(n for n in self.names if n != suspect),
        )


def collect_pairs(case: Case) -> list[Pair]:
    """Every suspect → complainant pair with the items, findings, orders and facts that concern it."""
    return pairs_of(read_record(case))


def pairs_of(record: Record | None) -> list[Pair]:
    """Every suspect → complainant pair of ``record`` (none without a suspect and a complainant)."""
    if record is None:
        return []
    return [record.pair(s, c) for s in record.suspects for c in record.complainants]


def read_record(case: Case) -> Record | None:
    """What every pair is made from, read once; None without a suspect and a complainant."""
    persons = case.store.persons()
    suspects = [p.name for p in persons if p.role == "suspect"]
    complainants = [p.name for p in persons if p.role == "complainant"]
    if not suspects or not complainants:
        return None
    tz = zone(case.info.zone)
    accounts: dict[str, list[str]] = defaultdict(list)
    for account in case.store.accounts():
        if account.person:
            accounts[account.person].append(account.key)
    by_item: dict[int, list[FindingMark]] = defaultdict(list)
    dismissed: set[tuple[str, int]] = set()
    facts: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    own: dict[int, list[FindingMark]] = defaultdict(list)
    for f in finding_marks(case.store.engine, details_of=(FACT_CATEGORY,)):
        if f.decision == "dismissed":
            if f.item_id is not None:
                dismissed.add((f.category, f.item_id))
            continue
        if f.category == FACT_CATEGORY:
            d = f.details
            living = d.get("living_together")
            facts[(str(d.get("suspect")), str(d.get("complainant")))].append(
                Fact(str(d.get("kind")), living if isinstance(living, bool) else None, f.id)
            )
        elif f.item_id is not None and f.category not in OWN_CATEGORIES:
            by_item[f.item_id].append(f)
        elif f.item_id is not None:
            own[f.item_id].append(f)  # e.g. a contact after her request, confirmed or not
    sticky = latest_item_decisions(case.store.engine, STICKY_CATEGORIES)
    dismissed.update(key for key, decision in sticky.items() if decision == "dismissed")
    # A message held by several exhibits is one item, the first: its copies' findings count on it
    # (unless that finding was dismissed on the first), the copies are named beside it.
    copies = case.store.copy_refs()
    for first, refs in copies.items():
        for c in refs:
            by_item[first].extend(
                f for f in by_item.pop(c.item_id, ()) if (f.category, first) not in dismissed
            )
            own[first].extend(own.pop(c.item_id, ()))
    return Record(
        suspects=tuple(suspects),
        complainants=tuple(complainants),
        names=tuple(p.name for p in persons),
        accounts=dict(accounts),
        items=shared_read("conduct items", lambda: pair_candidates(case)),
        by_item=by_item,
        own=own,
        owners={e.ref: e.owner for e in case.store.exhibits()},
        orders=list_orders(case.store.engine),
        facts=facts,
        dismissed=dismissed,
        zone=tz.key,
        copies=copies,
    )


def pair_candidates(case: Case) -> list[Item]:
    """Every item a pair may hold, in time order: read once per `footprint analyse` and shared by the
    conduct analysers (``shared_read``). Device observations are stored as system items; ``_direction``
    keeps only those a finding marks. Each item whose time fell in a clock change carries the flag its
    parser's warning gives it. Its ``raw`` record is left out (empty): no conduct analyser reads it, and
    103,000 items held 20 MB of it; the names the items repeat are held once (``sys.intern``)."""
    notes = clock_notes(case)
    return [
        _lean(flagged(i, notes))
        for i in case.store.iter_items(chronological=True)
        if not i.system or i.kind == "device_finding"
    ]


def _lean(i: Item) -> Item:
    """The item without its raw record, its repeated names held once."""
    once = sys.intern
    return replace(
        i,
        raw="",
        exhibit=once(i.exhibit),
        kind=once(i.kind),
        author=once(i.author) if i.author is not None else None,
        author_name=once(i.author_name) if i.author_name is not None else None,
        recipients=tuple(once(r) for r in i.recipients),
        conversation=once(i.conversation) if i.conversation is not None else None,
        tz_source=once(i.tz_source),
        tz_name=once(i.tz_name) if i.tz_name is not None else None,
        details={once(k): v for k, v in i.details.items()},
    )


def _pair(
    suspect: str,
    complainant: str,
    accounts: dict[str, list[str]],
    items: list[Item],
    item_findings: tuple[dict[int, list[FindingMark]], dict[int, list[FindingMark]]],
    owners: dict[str, str | None],
    orders: list[CourtOrder],
    facts: dict[tuple[str, str], list[Fact]],
    dismissed: set[tuple[str, int]],
    zone_name: str,
    copies: dict[int, tuple[CopyRef, ...]],
    others: tuple[str, ...],
) -> Pair:
    # each item's findings other than this package's own, and this package's own (they count as
    # reviewed when a person confirmed them, never as abuse); none of them dismissed
    by_item, own = item_findings
    his = set(accounts.get(suspect, ()))
    hers = set(accounts.get(complainant, ()))
    her_name = name_pattern(complainant)
    tz = zone(zone_name)
    notes: list[str] = []
    if not his:
        notes.append(
            f"no account is attributed to {suspect}; attribute his accounts (footprint account attribute)"
        )
    if not hers and his:
        # Her own exports: the accounts his messages there were sent to are hers (said, never silent).
        attributed = {key for keys in accounts.values() for key in keys}
        hers = {
            r
            for i in items
            if owners.get(i.exhibit) == complainant and i.author in his
            for r in i.recipients
            if r not in attributed
        }
        if hers:
            notes.append(
                f"no account is attributed to {complainant}; taken as hers from her own exhibits:"
                f" {', '.join(sorted(hers))} (attribute them to confirm)"
            )
    if not hers:
        notes.append(f"no account is attributed to {complainant}; her requests and distress cannot be placed")
    # Conversations in which he names her: his other messages there are taken to be about her. A draft or
    # a failed send names her to no one, so it does not make its conversation about her.
    about_conversations: set[tuple[str, str | None]] = {
        (i.exhibit, i.conversation)
        for i in items
        if i.author in his
        and her_name is not None
        and her_name.search(i.text)
        and i.conversation
        and not i.not_sent
    }
    chosen: list[PairItem] = []
    undated = 0
    undated_device: list[str] = []  # confirmed device evidence with no time (an app in a `pm list`)
    ownerless: list[str] = []  # confirmed device evidence on an exhibit that names no owner
    never_sent: list[str] = []
    not_his: list[str] = []  # incidents that name him but do not say he did them
    taken_back: list[str] = []  # reactions removed (``reactions.removed_reaction``)
    left: list[LeftOut] = []  # findings a person confirmed on the items not counted
    copied = {c.item_id for refs in copies.values() for c in refs}
    for i in items:
        if i.id in copied:
            continue  # counted once, as the first exhibit's item
        confirmed = confirmed_conduct(by_item.get(i.id, ()))
        basis, basis_reviewed = "", True
        if i.kind == "incident":
            actor = incident_actor(
                i,
                suspect,
                others,
                [f for f in by_item.get(i.id, ()) if f.category not in NOT_HIS_CONDUCT],
                ("order_breach", i.id) in dismissed,
                her_name is not None and bool(her_name.search(f"{i.text} {i.details}")),
            )
            if actor is not None and not actor.his:
                not_his.append(f"{i.exhibit} {i.locator} ({actor.basis})")
            if confirmed and (actor is None or not actor.his):
                why = actor.basis if actor else f"it names neither {suspect} nor {complainant}"
                left += left_out(i, confirmed, f"an offline incident not counted as his: {why}")
            direction: Direction | None = "incident" if actor is not None and actor.his else None
            basis = actor.basis if actor is not None else ""
            basis_reviewed = actor is None or actor.reviewed
        else:
            direction = _direction(
                i,
                his,
                hers,
                her_name,
                about_conversations,
                owners.get(i.exhibit),
                complainant,
                by_item.get(i.id, ()),
            )
        if direction is None:
            unowned = i.kind == "device_finding" and owners.get(i.exhibit) is None
            if unowned and _confirmed_device(by_item.get(i.id, ())):
                ownerless.append(f"{i.exhibit} {i.locator}")
            if confirmed and i.kind != "incident":
                why = not_between(i, suspect, complainant, accounts, owners.get(i.exhibit))
                left += left_out(i, confirmed, why)
            continue
        if i.not_sent_shown:
            # a draft or a failed send reached no one: not his conduct towards her, not her request
            never_sent.append(f"{i.exhibit} {i.locator} ({i.not_sent_shown})")
            left += left_out(i, confirmed, f"never sent ({i.not_sent_shown})")
            continue
        if removed_reaction(i):
            taken_back.append(f"{i.exhibit} {i.locator}")  # no one is told of a removal: not contact
            left += left_out(i, confirmed, "a reaction removed, of which the platform tells no one")
            continue
        if i.sent_at_utc is None:
            left += left_out(i, confirmed, "it has no time, so it cannot be placed among the occasions")
        if i.sent_at_utc is None and direction == "device":
            undated_device.append(f"{i.exhibit} {i.locator}")
            continue
        if i.sent_at_utc is None:
            undated += 1
            continue
        if direction == "from_her":
            left += left_out(i, confirmed, f"sent by {complainant}: her own words are not his conduct")
        at = parse_iso_utc(i.sent_at_utc)
        fs = by_item.get(i.id, [])
        chosen.append(
            PairItem(
                item=i,
                direction=direction,
                at=at,
                day=at.astimezone(tz).date(),
                categories=tuple(sorted({f.category for f in fs})),
                findings=tuple(
                    ItemFinding(f.id, f.category, f.decision, f.rule_ids, f.analyser == RECORDED_ANALYSER)
                    for f in sorted(
                        [*fs, *(f for f in own.get(i.id, ()) if (f.category, i.id) not in dismissed)],
                        key=lambda f: f.id,
                    )
                ),
                copies=tuple(c.ref for c in copies.get(i.id, ())),
                basis=basis,
                basis_reviewed=basis_reviewed,
            )
        )
    if never_sent:
        notes.append(
            f"{len(never_sent)} item(s) between them were never sent and are not counted as conduct or as"
            f" her requests: {_first_named(never_sent, ' (`footprint items --json`: not_sent)')}"
        )
    if taken_back:
        notes.append(
            f"{len(taken_back)} item(s) between them record a reaction being removed, of which the platform"
            f" tells no one, and are not counted as contact: {_first_named(taken_back)}"
        )
    if not_his:
        notes.append(
            f"{len(not_his)} offline incident(s) name {suspect} but are not counted as his conduct:"
            f" {_first_named(not_his)}; where he did one, say so in its row's 'done by' column or record a"
            " finding on it (`footprint record`)"
        )
    if undated:
        notes.append(f"{undated} item(s) between them have no time and were left out of dates and occasions")
    if undated_device:
        notes.append(
            f"{len(undated_device)} device finding(s) on her phone confirmed as evidence have no time and are"
            f" not counted ({', '.join(undated_device)}); add when each was installed or found: `adb shell"
            " dumpsys package PACKAGE` gives an app's first install time (check it with `footprint device"
            " check`), or record the find as a dated incident"
        )
    if ownerless:
        notes.append(
            f"{len(ownerless)} device finding(s) confirmed as evidence are not counted because their exhibit"
            f" names no owner, so whose phone it came from is not recorded ({', '.join(ownerless)}); if it"
            " is her phone, record that with `footprint exhibit owner CASE REF --person NAME --reason TEXT`,"
            " or record what was found as a dated incident"
        )
    return Pair(
        suspect=suspect,
        complainant=complainant,
        suspect_accounts=tuple(sorted(his)),
        complainant_accounts=tuple(sorted(hers)),
        items=tuple(chosen),
        orders=tuple(o for o in orders if o.against == suspect and o.protects == complainant),
        facts=tuple(facts.get((suspect, complainant), ())),
        zone=zone_name,
        dismissed=frozenset(dismissed),
        notes=tuple(notes),
        left_out=tuple(sorted(left, key=lambda x: x.finding_id)),
    )


def confirmed_conduct(marks: Sequence[FindingMark]) -> list[FindingMark]:
    """The findings on an item a person confirmed that say what he did (not her words, not about who
    operates an account)."""
    return [f for f in marks if f.decision == "confirmed" and f.category not in NOT_HIS_CONDUCT]


def _confirmed_device(marks: Sequence[FindingMark]) -> bool:
    """Whether a person confirmed a ``DEVICE_EVIDENCE`` finding (spyware, a tracker) on a device item."""
    return any(f.category in DEVICE_EVIDENCE and f.decision == "confirmed" for f in marks)


def _direction(
    i: Item,
    his: set[str],
    hers: set[str],
    her_name: re.Pattern[str] | None,
    about_conversations: set[tuple[str, str | None]],
    owner: str | None,
    complainant: str,
    marks: Sequence[FindingMark],
) -> Direction | None:
    """How an item other than an offline incident (``incident_actor`` decides those) concerns the pair, or
    None. Device observations from her own exhibits count only when a person confirmed a
    ``DEVICE_EVIDENCE`` finding on them, such as spyware (every app on her phone is an observation;
    `device check`'s context findings prove nothing on their own)."""
    if i.kind == "device_finding":
        return "device" if owner == complainant and _confirmed_device(marks) else None
    if i.author in his:
        if hers.intersection(i.recipients):
            return "to_her"
        if (her_name is not None and her_name.search(i.text)) or (
            i.exhibit,
            i.conversation,
        ) in about_conversations:
            return "about_her"
        return None
    if i.author in hers and his.intersection(i.recipients):
        return "from_her"
    return None


def _first_named(refs: list[str], where_the_rest: str = "") -> str:
    """The first NAMED_NEVER_SENT of ``refs``, and how many more (and where to find them)."""
    more = len(refs) - NAMED_NEVER_SENT
    return ", ".join(refs[:NAMED_NEVER_SENT]) + (f" and {more} more{where_the_rest}" if more > 0 else "")
