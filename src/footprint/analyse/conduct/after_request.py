"""Contact after she asked him to stop: each item he sent after her first request, and each whose order
with a request a clock change leaves unsure (a finding for a person to check, never an order stated)."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import accumulate
from typing import Any, ClassVar

from footprint.analyse.base import Analyser, FindingDraft, analysers
from footprint.analyse.conduct.evidence import (
    HOUR,
    SECOND,
    AfterUpstream,
    HersByTime,
    Pair,
    PairItem,
    certainly_after,
    collect_pairs,
    elapsed,
    gap_unit,
    order_check,
    order_unsure,
    readings,
)
from footprint.analyse.conduct.reactions import sent_by
from footprint.case import Case
from footprint.clock_flags import when
from footprint.times import iso_utc


@analysers.register
class ContactAfterRequest(Analyser):
    """A finding on every item he sent to or about her after she asked him to stop."""

    name: ClassVar[str] = "contact_after_request"
    version: ClassVar[int] = 12  # 12: a gap under an hour is in minutes, under a minute in seconds ("0.0
    # hours" was 40 seconds); an item less than a second after her request is a finding to check;
    # 11: a reaction is named as one (which emoji, on which message), and a
    # removed reaction is not contact; 10: her request's time carries its clock-change flag (explanation and
    # details.request_clock_change), as the item's did; 9: details.hours_after_readings holds every figure
    # the readings of a time in a clock change allow, and a finding to check says how far before or after
    # her request they put the item; 8: an interval from a time in a clock change carries its flag, and the
    # other figure when the export's order did not decide it; 7: his item stored just before her request,
    # whose order with it a clock change leaves unsure, is a finding to check (it was left out without a
    # word); 6: device context findings are not conduct; 5: a check when a time in a clock change leaves
    # the order unsure; 4: a draft naming her does not make its conversation about her; 3: drafts and
    # failed sends are not contact
    description: ClassVar[str] = "Contact after a request to stop (goes to knew or ought to have known)"
    depends_on: ClassVar[tuple[str, ...]] = AfterUpstream()  # type: ignore[assignment]

    def run(self, case: Case) -> Iterator[FindingDraft]:
        for pair in collect_pairs(case):
            requests = _Requests(pair.requests)
            hers_by_time = HersByTime(pair.items)
            for p in pair.after_request():
                before, request = requests.before(p)
                days = (p.day - request.day).days
                # A record with a date alone is stored at midnight: hours counted from it would be invented.
                timed = p.item.time_known and request.item.time_known
                hours = (p.at - request.at).total_seconds() / 3600 if timed else None
                hers = hers_by_time.between(request.at, p.at)
                how = "to her" if p.direction == "to_her" else "to someone else, about her"
                after = (
                    elapsed(p, request, *gap_unit(p.at - request.at))
                    if timed
                    else f"on {p.shown}, {days} day(s)"
                )
                to = ", ".join(sorted(set(request.item.recipients) & set(pair.suspect_accounts)))
                check = order_check([(request, p)]) or (_within_a_second(request, p) if timed else "")
                yield FindingDraft(
                    item_id=p.item.id,
                    category="contact_after_request",
                    score=0.5 if check else 0.9 if p.direction == "to_her" else 0.7,
                    explanation=(
                        f"{sent_by(p, pair.suspect)} {how} {after} after she asked him to stop"
                        f" ({request.ref}, {when(request.item)}, to {to});"
                        f" {before} request(s) to stop before it."
                        + (
                            f" She wrote to him {len(hers)} time(s) between her request and this item"
                            " (context for the lawyer)."
                            if hers
                            else ""
                        )
                        + (f" {check}" if check else "")
                    ),
                    rule_ids=("conduct.after_request.v1",),
                    details=_details(pair, p, request, to)
                    | {
                        "hours_after": round(hours, 2) if hours is not None else None,
                        # every figure the readings of the two times allow (the one above among them)
                        "hours_after_readings": readings(p, request, HOUR, 2) if timed else None,
                        "days_after": days,
                        "her_items_since_request": [q.item.id for q in hers],
                        "to_check": bool(check),
                    },
                )
            yield from _unsure(pair)


def _within_a_second(request: PairItem, p: PairItem) -> str:
    """A check when his item came less than a second after her request: their order rests on a fraction
    of a second, which an export may not give exactly (or at all); the export's own order is named when it
    lists his item first."""
    if p.at - request.at >= SECOND:
        return ""
    listed = (
        f"; {p.item.exhibit} lists {p.item.locator} before {request.item.locator}"
        if p.item.exhibit == request.item.exhibit and p.item.id < request.item.id
        else ""
    )
    return (
        f"Check which came first: {request.ref} ({iso_utc(request.at)}) and {p.ref} ({iso_utc(p.at)}) are"
        f" less than a second apart, a difference an export may not record exactly{listed}."
    )


class _Requests:
    """Her requests to stop, indexed by day: for each item, how many came certainly before it
    (``certainly_after``) and the last of those in time order, without reading every request again for
    every item (on a case of 100,000 messages, 5,500 requests were read for each of his items)."""

    def __init__(self, requests: tuple[PairItem, ...]) -> None:
        self.requests = requests
        by_day = sorted(range(len(requests)), key=lambda i: requests[i].day)
        self.days = [requests[i].day for i in by_day]
        self.last = list(accumulate(by_day, max))  # of the requests on the first n days, the latest
        self.on_day: dict[date, list[int]] = defaultdict(list)
        for i, r in enumerate(requests):
            self.on_day[r.day].append(i)

    def before(self, p: PairItem) -> tuple[int, PairItem]:
        """How many requests came certainly before ``p``, and the last of them (there must be one)."""
        earlier = bisect_left(self.days, p.day)  # every request on an earlier day
        count, last = earlier, self.last[earlier - 1] if earlier else -1
        for i in self.on_day.get(p.day, ()):  # on its day, those certainly before it
            if certainly_after(p, self.requests[i]):
                count, last = count + 1, max(last, i)
        return count, self.requests[last]


def _unsure(pair: Pair) -> Iterator[FindingDraft]:
    """A finding to check on each item he sent that is stored before her requests but may have come after
    one: its time or the request's fell in a clock change the export's order did not decide (see
    ``order_unsure``). Without it such an item was left out without a word."""
    for p in pair.contact():
        if pair.after_a_request(p) or ("contact_after_request", p.item.id) in pair.dismissed:
            continue
        unsure = [r for r in pair.requests if order_unsure(p, r)]
        if not unsure:
            continue
        request = unsure[0]
        how = "to her" if p.direction == "to_her" else "to someone else, about her"
        to = ", ".join(sorted(set(request.item.recipients) & set(pair.suspect_accounts)))
        yield FindingDraft(
            item_id=p.item.id,
            category="contact_after_request",
            score=0.5,
            explanation=(
                f"{sent_by(p, pair.suspect)} {how} ({p.shown}), stored before she asked him to stop"
                f" ({request.ref}, {when(request.item)}, to {to}), but it may have come after"
                f" ({_before_or_after(readings(p, request, HOUR, 1))} her request, as the readings of the"
                f" two times allow): {order_check([(request, p)])} It is not counted as contact after her"
                " request."
            ),
            rule_ids=("conduct.after_request.v1",),
            details=_details(pair, p, request, to)
            | {
                "hours_after": None,
                "hours_after_readings": readings(p, request, HOUR, 2),
                "days_after": None,
                "her_items_since_request": [],
                "to_check": True,
            },
        )


def _before_or_after(hours: list[float]) -> str:
    """``0.5 hours before or 0.5 hours after`` (figures below zero are before)."""
    parts = [f"{abs(h):.1f} hours {'before' if h < 0 else 'after'}" for h in hours]
    return " or ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else parts[0]


def _details(pair: Pair, p: PairItem, request: PairItem, to: str) -> dict[str, Any]:
    """What every contact-after-request finding records of the pair, the item and the request."""
    return {
        "suspect": pair.suspect,
        "complainant": pair.complainant,
        "request_item_id": request.item.id,
        "request_exhibit": request.item.exhibit,
        "request_locator": request.item.locator,
        "request_at_utc": iso_utc(request.at),
        # her request's time fell in a clock change: the flag its chronology row carries (None: it did not)
        "request_clock_change": request.item.details.get("clock_change"),
        "request_to": to,
        "direction": p.direction,
        "kind": p.item.kind,  # a reaction is named as one in the explanation (``reactions.sent_by``)
    }
