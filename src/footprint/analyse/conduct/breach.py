"""Court-order breaches: every item by him that contravenes a condition of an order protecting her."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from functools import cache
from typing import ClassVar
from zoneinfo import ZoneInfo

from footprint.analyse.base import Analyser, FindingDraft, analysers
from footprint.analyse.conduct.evidence import (
    AfterUpstream,
    Pair,
    PairItem,
    collect_pairs,
    elapsed,
    readings,
)
from footprint.analyse.conduct.orders import (
    Condition,
    awareness_words,
    counts_from_awareness,
    ends_utc,
    in_force,
    made_shown,
    made_time_given,
    read_conditions,
    varied_by,
)
from footprint.case import Case
from footprint.clock_flags import when
from footprint.order_kinds import ORDER_NAMES
from footprint.store.orders import CourtOrder
from footprint.times import parse_iso_utc, zone

MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Breach:
    """One item that contravenes one order (the conditions it contravenes, first one first)."""

    order: CourtOrder
    item: PairItem
    conditions: tuple[Condition, ...]
    minutes_after_made: float
    to_check: bool
    check: str = ""
    # for his message about her to someone else that may be indirect contact (``find_breaches`` with
    # ``to_judge``): the question a person must answer before it counts
    judge: str = ""

    @property
    def minutes_readings(self) -> list[float] | None:
        """The minutes after the order was made for every reading of the item's time (one unless it fell in
        a clock change the export's order did not decide; see ``readings``), None for a date alone."""
        if not self.item.item.time_known:
            return None
        return readings(self.item, parse_iso_utc(self.order.made_utc), MINUTE, 1)


# Indirect contact is contact meant to reach her through another person: his message to someone else
# counts only when its words ask or tell that person to pass something to her or to contact her for him.
# ``{her}`` is "her" or her full or first name, ``{she}`` "she" or her names; each wording must open a
# sentence or clause, or follow a request to the reader ("please", "can you", "you should"), so that
# "I'll tell her myself" is not read as asking anyone to tell her.
PASS_ON = (
    r"tell {her}\b",
    r"let {her} know\b",
    r"give {her} (?:this|that|these|it|my|the)\b",
    r"give (?:this|that|these|it|the \w+) to {her}\b",
    r"pass (?:this|that|these|it|the message|my message|a message)(?: on)? to {her}\b",
    r"pass on (?:this|that|it|the message|my message) to {her}\b",
    r"send {her} (?:this|that|these|my)\b",
    r"show {her} (?:this|that|these)\b",
    r"(?:ask|get) {her} to (?:call|ring|phone|text|message|contact|answer|reply to|unblock|meet|see) me\b",
    r"make sure {she} (?:gets|sees|knows|hears|reads)\b",
)
# Where a wording in PASS_ON may stand: the start of the text or of a sentence or clause, or after words
# that ask the reader to do it.
PASS_ON_LEAD = (
    r"(?:^|[.!?;:,\n]\s*|\b(?:please|pls|plz|just|go|you(?: can| could| should| must| need to)?"
    r"|(?:can|could|will|would) you(?: please)?|make sure you)\s+)(?:please\s+)?"
)


@cache
def pass_on_pattern(complainant: str) -> re.Pattern[str]:
    """``PASS_ON`` for this complainant: "her" or "she", or her full or first name (as ``name_pattern``
    reads her names: three letters or more)."""
    parts = complainant.split()
    names = sorted(
        {n for n in (complainant, parts[0] if parts else "") if len(n) >= 3}, key=len, reverse=True
    )
    her = "(?:" + "|".join(["her", *(re.escape(n) for n in names)]) + ")"
    she = "(?:" + "|".join(["she", *(re.escape(n) for n in names)]) + ")"
    wordings = "|".join(w.format(her=her, she=she) for w in PASS_ON)
    return re.compile(PASS_ON_LEAD + "(?:" + wordings + ")", re.IGNORECASE)


def asks_to_pass_on(text: str, complainant: str) -> bool:
    """Whether ``text`` asks or tells its reader to pass something to her or contact her for him ("Tell
    Jane she can't hide", "can you give her this", "ask her to call me")."""
    return pass_on_pattern(complainant).search(text) is not None


def _confirmed_breach(p: PairItem) -> bool:
    """Whether a person confirmed an order-breach finding on the item (for a message about her to someone
    else: that it was meant to reach her)."""
    return any(f.category == "order_breach" and f.decision == "confirmed" for f in p.findings)


def _indirect(p: PairItem, complainant: str) -> bool:
    """His item to someone else about her that is indirect contact: its words ask the reader to pass
    something on to her (``PASS_ON``), or a person confirmed the order-breach finding on it."""
    return p.direction == "about_her" and (asks_to_pass_on(p.item.text, complainant) or _confirmed_breach(p))


def _contravenes(p: PairItem, condition: Condition, complainant: str) -> bool:
    kinds = condition.kinds
    if "direct" in kinds and p.direction == "to_her":
        return True
    if "indirect" in kinds and _indirect(p, complainant):
        return True
    if "publish" in kinds and p.item.kind == "post" and p.direction in ("to_her", "about_her"):
        return True
    if "molest" in kinds and p.direction in ("to_her", "about_her") and p.abuse:
        return True
    if "zone" in kinds and p.item.kind in ("incident", "location") and p.direction == "incident":
        where = f"{p.item.text} {p.item.details.get('place', '')}".lower()
        return any(place.lower() in where for place in condition.places)
    return False


def _before_awareness(order: CourtOrder, p: PairItem, tz: ZoneInfo) -> str | None:
    """For an order that binds him only once he knew of it (``counts_from_awareness``: a non-molestation
    order not recorded as made on notice): "before" when the item certainly came before his recorded
    awareness, "same day" when it is dated that day and either has no time of day, else None (also when
    no awareness is recorded: the assessment says it is missing); "same minute" when both have a time of
    day and the item is within a minute after it (exports give whole minutes: which came first is unsure)."""
    if not counts_from_awareness(order) or order.aware is None:
        return None
    aware = parse_iso_utc(order.aware.aware_utc)
    aware_day = aware.astimezone(tz).date()
    if p.day != aware_day:
        return "before" if p.day < aware_day else None
    if p.item.time_known and order.aware.time_given:
        if p.at < aware:
            return "before"
        return "same minute" if (p.at - aware).total_seconds() < 60 else None
    return "same day"


def _repeated_hour(moment: datetime, tz: tzinfo) -> bool:
    """Whether ``moment``'s UK wall-clock time happened twice (the hour the clocks went back)."""
    local = moment.astimezone(tz).replace(tzinfo=None)
    return local.replace(tzinfo=tz, fold=0).utcoffset() != local.replace(tzinfo=tz, fold=1).utcoffset()


def _too_close(p: PairItem, made: datetime, minutes: float, tz: tzinfo) -> str:
    """A check when the item's time cannot show it came after the order: within a minute of it (exports
    give whole minutes), or within an hour of it with either time in the hour that happened twice, or the
    item's time in a clock change its export's order did not decide (a time the clocks skipped)."""
    at = p.at
    if minutes < 1:
        return (
            "the item is within a minute of the order's time and exports often give whole minutes: check"
            " whether it came after the order"
        )
    if minutes < 60 and (_repeated_hour(at, tz) or _repeated_hour(made, tz)):
        return (
            "the item or the order falls in the hour the clocks went back (BST or GMT), within an hour of"
            " each other: check which came first"
        )
    if minutes < 60 and p.clock_flag:
        return (
            f"the item's time fell in a clock change ({p.clock_flag}), within an hour of the order: check"
            " which came first"
        )
    return ""


def _judge_words(p: PairItem) -> str:
    """The question a person must answer on his item about her to someone else."""
    what = "post" if p.item.kind == "post" else "message"
    to = f" to {', '.join(p.item.recipients)}" if p.item.recipients else ""
    return (
        f"a {what} about her{to}: whether it was meant to reach her (indirect contact) is for a person to"
        " judge"
    )


def find_breaches(pair: Pair, *, before_awareness: bool = False, to_judge: bool = False) -> list[Breach]:
    """Every (order, item) where his item, made while the order was in force, contravenes it. A
    non-molestation order not recorded as made on notice counts only what he did once he is recorded as
    aware of it (s.42A(2));
    ``before_awareness`` gives instead the contraventions it leaves out for that reason. ``to_judge``
    gives instead his items about her to someone else that contravene nothing but may be indirect contact
    (their words do not ask anyone to pass anything on to her): never counted, named for a person to
    judge, with the order's indirect-contact conditions."""
    out = []
    tz = zone(pair.zone)
    for order in pair.orders:
        conditions = read_conditions(order)
        made = parse_iso_utc(order.made_utc)
        made_day = made.astimezone(tz).date()
        end_utc = ends_utc(order, pair.orders)
        ends = parse_iso_utc(end_utc).astimezone(tz) if end_utc else None
        ended = "expired" if end_utc == order.expires_utc else "was varied"
        # An end at a time of day (not the midnight a date-only expiry is stored at) splits its day.
        split_end_day = ends.date() if ends is not None and ends.time() != time(0, 0) else None
        for p in pair.items:
            # A record with a date and no time is stored at midnight: on the day the order was made it
            # may have come after the order, so it is kept to be checked rather than dropped.
            undated_on_made_day = not p.item.time_known and p.day == made_day
            if not p.by_him or not (in_force(order, p.at, pair.orders) or undated_on_made_day):
                continue
            if ("order_breach", p.item.id) in pair.dismissed:
                continue
            hit = tuple(c for c in conditions if _contravenes(p, c, pair.complainant))
            if to_judge:
                if hit or p.direction != "about_her":
                    continue
                hit = tuple(c for c in conditions if "indirect" in c.kinds)
            if not hit:
                continue
            unaware = _before_awareness(order, p, tz)
            if (unaware == "before") != before_awareness:
                continue
            check = ""
            if unaware == "same minute":
                check = (
                    "the item is within a minute of when he is recorded as aware of the order and exports"
                    " often give whole minutes: check which came first"
                )
            elif unaware == "same day":
                check = (
                    "the item is dated the day he is recorded as aware of the order and one of the two has no"
                    " time of day: check whether it came after he knew of it"
                )
            elif undated_on_made_day:
                check = (
                    "the item has no time of day and is dated the day the order was made: check whether it"
                    " came after the order"
                )
            elif not p.item.time_known and p.day == split_end_day:
                check = (
                    f"the item has no time of day and is dated the day the order {ended}: check whether it"
                    f" came before the {'expiry' if ended == 'expired' else 'variation'}"
                )
            elif not made_time_given(order) and p.day == made_day:
                check = (
                    "the order's time of day is not recorded and this was the same day:"
                    " check when it was made"
                )
            minutes = (p.at - made).total_seconds() / 60
            if not check and p.item.time_known:
                check = _too_close(p, made, minutes, tz)
            judge = _judge_words(p) if to_judge else ""
            out.append(Breach(order, p, hit, minutes, bool(check or judge), check, judge))
    return out


def order_label(order: CourtOrder, orders: Sequence[CourtOrder] = ()) -> str:
    """``restraining order 1 (made 01/03/2024 10:00:00 GMT (+00:00))`` (``made 01/03/2024 (time not
    recorded)`` for an order recorded with a date alone), with the order varying it among ``orders``
    (``, varied by order 2 from ...``)."""
    variation = varied_by(order, orders)
    varied = f", varied by order {variation.id} from {made_shown(variation)}" if variation else ""
    return f"{ORDER_NAMES.get(order.type, order.type)} {order.id} (made {made_shown(order)}{varied})"


def breach_act(p: PairItem, suspect: str) -> str:
    """What the item is, as its record says, and when (with the time as exported when it fell in a clock
    change): "Sent by him at …" for his message; for an offline incident who reported it, where, and why it
    counts as his ("Incident at Orchard Street, reported by Emma Clarke; his conduct by its words (not
    reviewed): they open with …; dated …")."""
    at = when(p.item)
    if p.direction != "incident":
        return f"Sent by {suspect} at {at}"
    reporter = p.item.details.get("reported_by")
    who = f"reported by {reporter}" if reporter else "reporter not recorded"
    place = p.item.details.get("place")
    where = f" at {place}" if place else ""
    return f"Incident{where}, {who}; {p.basis}; dated {at}"


def since_words(gap: timedelta) -> str:
    """How long after an order an item came, in the units a reader counts in: ``25 minutes``, ``5 hours 3
    minutes``, ``3 days 22 hours`` ("5656 minute(s)" was written for the last)."""
    minutes = int(gap.total_seconds() // 60)
    days, hours, mins = minutes // 1440, minutes % 1440 // 60, minutes % 60
    if days:
        return f"{_count(days, 'day')} {_count(hours, 'hour')}"
    if hours:
        return f"{_count(hours, 'hour')} {_count(mins, 'minute')}"
    return _count(mins, "minute")


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _knew(order: CourtOrder) -> str:
    """What the record says of his knowledge of the order: when he is recorded as aware of it (served,
    and how), or that proof of it is for the lawyer."""
    if order.aware is None:
        return "Proof that he knew of the order, and any excuse, are for the lawyer."
    return (
        f"He is recorded as {awareness_words(order.aware)}: proof of that, and any excuse, are for the"
        " lawyer."
    )


@analysers.register
class OrderBreach(Analyser):
    """A finding on every item that contravenes a court order's conditions."""

    name: ClassVar[str] = "order_breach"
    version: ClassVar[int] = 16  # 16: his message about her to someone else is indirect contact only when
    # its words ask the reader to pass something on to her (``PASS_ON``: "tell Jane", "give her this") or a
    # person confirmed the finding; any other is named for a person to judge (score 0.5, to_check), never
    # counted; 15: the time since the order in days, hours and minutes (not "5656
    # minute(s)"), and his recorded awareness of the order (served, and how) instead of "proof that he knew
    # of the order … for the lawyer"; 14: a removed reaction is not contact (no one is told of it);
    # 13: details.minutes_after_made_readings, every figure the readings of a
    # time in a clock change allow; 12: an incident his only by its words says so (not reviewed), and one
    # where he reported, told or denied something is not his conduct; 11: the minutes after the order from
    # a time in a clock change carry its flag, and the other figure when the export's order did not decide
    # it; 10: an incident counts only when its row or a person says he did it, and
    # is worded as reported; a check on an item within a minute of his awareness; a date-only order's
    # time is not shown; a time in a clock change is shown as exported;
    # 9: device context findings are not conduct; 8: a check on an item near the
    # order at a time the clocks skipped; 7: a draft naming her does not make its conversation about her;
    # 6: drafts and failed sends are no breach; 5: a non-molestation order
    # made on notice counts conduct from its making; 4: a check on an item within a minute of the order, or
    # near it in the hour the clocks went back
    description: ClassVar[str] = "Court-order breaches, attributed through the suspect's accounts"
    depends_on: ClassVar[tuple[str, ...]] = AfterUpstream()  # type: ignore[assignment]

    def run(self, case: Case) -> Iterator[FindingDraft]:
        for pair in collect_pairs(case):
            for b in [*find_breaches(pair), *find_breaches(pair, to_judge=True)]:
                after = (
                    elapsed(b.item, parse_iso_utc(b.order.made_utc), MINUTE, "", words=since_words) + " after"
                    if b.item.item.time_known
                    else "on the day or after"
                )
                label = order_label(b.order, pair.orders)
                contrary = "contrary to: " + "; ".join(f"'{c.text}'" for c in b.conditions)
                if b.judge:
                    text = (
                        f"{breach_act(b.item, pair.suspect)}, {after} {label} was made: {b.judge}. If it was,"
                        f" it is {contrary}; it is not counted as a breach unless a person confirms this"
                        " finding."
                    )
                else:
                    text = f"{breach_act(b.item, pair.suspect)}, {after} {label} was made, {contrary}."
                if b.check:
                    text += f" {b.check[0].upper()}{b.check[1:]}."
                if any("zone" in c.kinds for c in b.conditions):
                    text += (
                        " Place matched from the incident's words or its place column: check the location."
                    )
                yield FindingDraft(
                    item_id=b.item.item.id,
                    category="order_breach",
                    score=0.5 if b.to_check else 0.9,
                    explanation=f"{text} {_knew(b.order)}",
                    rule_ids=tuple(sorted({f"conduct.breach.{k}" for c in b.conditions for k in c.kinds})),
                    details={
                        "suspect": pair.suspect,
                        "complainant": pair.complainant,
                        "order_id": b.order.id,
                        "order_type": b.order.type,
                        "made_utc": b.order.made_utc,
                        "expires_utc": b.order.expires_utc,
                        "ends_utc": ends_utc(b.order, pair.orders),
                        "conditions": [c.text for c in b.conditions],
                        "minutes_after_made": round(b.minutes_after_made, 1)
                        if b.item.item.time_known
                        else None,
                        "minutes_after_made_readings": b.minutes_readings,
                        "to_check": b.to_check,
                    },
                )
