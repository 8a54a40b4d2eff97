"""Court orders: adding them (audited, times in the case's zone) and reading their conditions."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from footprint.case import Case, Recorder
from footprint.deciders import require_whole_view
from footprint.errors import InputError
from footprint.order_kinds import AWARENESS_BINDS, AWARENESS_PROVISIONS, ORDER_NAMES, ORDER_TYPES
from footprint.store.case_store import StoreTx
from footprint.store.orders import (
    Awareness,
    CourtOrder,
    Notice,
    insert_awareness,
    insert_notice,
    insert_order,
    list_orders,
)
from footprint.times import local_to_utc, now_utc, parse_iso_utc, today, uk_display, utc_order_key, zone

#: what an advocate may do about an order in a case holding material she may not see
ORDER_INSTEAD = (
    "she may give the officer in the case the order, or what the complainant says of it, to record"
)
_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M")
_DATES = ("%Y-%m-%d", "%d/%m/%Y")


@dataclass(frozen=True)
class Condition:
    """One condition of an order, read for what it forbids."""

    text: str
    kinds: frozenset[str]
    places: tuple[str, ...] = ()


def _moment(text: str, what: str) -> tuple[datetime, bool]:
    """A naive local datetime and whether a time of day was given."""
    value = text.strip()
    for fmt in _FORMATS:
        try:
            return datetime.strptime(value, fmt), True
        except ValueError:
            pass
    for fmt in _DATES:
        try:
            return datetime.combine(datetime.strptime(value, fmt).date(), time()), False
        except ValueError:
            pass
    shaped = re.fullmatch(
        r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4})", value.split()[0] if value else ""
    )
    if shaped:  # the layout is right, the day is not: 31/02/2023
        raise InputError(f"{what} {text!r}: there is no such date (check the day and the month)")
    raise InputError(
        f"{what} {text!r} not understood; give YYYY-MM-DD [HH:MM] or DD/MM/YYYY [HH:MM]"
        " (local time in the case's zone)"
    )


def made_utc(text: str, zone_name: str, what: str = "--made") -> tuple[str, bool, str | None]:
    """When an order was made, in UTC, whether its time was given, and any clock-change note (``what``
    names where the date was given, in an error)."""
    naive, has_time = _moment(text, what)
    utc, note = local_to_utc(naive, zone(zone_name))
    return utc, has_time, note


def aware_utc(text: str, zone_name: str, what: str = "--served") -> tuple[str, bool]:
    """When he became aware of an order, in UTC, and whether a time of day was given (a date alone is
    stored at the start of that day; breaches on that day are then kept to be checked)."""
    naive, has_time = _moment(text, what)
    return local_to_utc(naive, zone(zone_name))[0], has_time


def expires_utc(text: str | None, zone_name: str, what: str = "--expires") -> str | None:
    """The end of an order: a date means the order runs to the end of that day (local time)."""
    if text is None or not str(text).strip():
        return None
    naive, has_time = _moment(str(text), what)
    if not has_time:
        naive = naive + timedelta(days=1)
    return local_to_utc(naive, zone(zone_name))[0]


class OrderFile(BaseModel):
    """An order written as YAML (``order add DIR FILE.yaml``)."""

    model_config = ConfigDict(extra="forbid")

    type: str
    made: str
    expires: str | None = None
    protects: str
    against: str
    conditions: list[str] = []
    varies: int | None = None
    served: str | None = None
    served_how: str = ""
    notice: Literal["without", "on"] | None = None
    notice_reason: str = ""

    @field_validator("made", "expires", "served", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return value.isoformat() if isinstance(value, date | datetime) else value

    @field_validator("notice", mode="before")
    @classmethod
    def _on(cls, value: object) -> object:
        return "on" if value is True else value  # YAML 1.1 reads a bare ``on`` as true

    @property
    def without_notice(self) -> bool | None:
        """``notice:`` as ``add_order`` takes it (None: not recorded)."""
        return None if self.notice is None else self.notice == "without"


def _one_line(exc: Exception) -> str:
    """A YAML error as one line with its place (PyYAML's own text spans several lines)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if problem and mark is not None:
        return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"
    return " ".join(str(exc).split())


def read_order_file(path: Path) -> list[OrderFile]:
    """Orders from a YAML file: one mapping, or ``orders:`` with a list of them."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(
            f"{path}: cannot read the order file ({_one_line(exc)}); check the path and YAML"
        ) from None
    entries = data.get("orders", [data]) if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{path}: expected a mapping with type, made, protects, against, conditions")
    out = []
    for number, entry in enumerate(entries, start=1):
        try:
            out.append(OrderFile.model_validate(entry))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise InputError(f"{path}: order {number}, {field}: {first['msg']}; fix the file") from None
    return out


def add_order(
    case: Case,
    *,
    type: str,
    made: str,
    expires: str | None,
    protects: str,
    against: str,
    conditions: list[str],
    source: str = "command line",
    varies: int | None = None,
    served: str | None = None,
    served_how: str = "",
    without_notice: bool | None = None,
    notice_reason: str = "",
) -> int:
    """Record a court order against a suspect for a protected person; return its id. ``varies``: the id
    of an order this one varies, which ends when this one is made; ``served``: when he became aware of
    it (served, or present when it was made), ``served_how`` how; ``without_notice``: whether a
    non-molestation or domestic abuse protection order was made without notice (None: not recorded),
    ``notice_reason`` the basis.
    Refused to a role that sees only part of the case (``require_whole_view``)."""
    require_whole_view(case, "a court order", ORDER_INSTEAD)
    if type not in ORDER_TYPES:
        raise InputError(f"order type {type!r} is not known; use one of {', '.join(ORDER_TYPES)}")
    in_file = source.startswith("file ")

    def given(key: str) -> str:
        """Where ``key`` was given: ``made:`` in an order file, ``--made`` on the command line."""
        return f"{key}:" if in_file else f"--{key}"

    if without_notice is not None:
        word = "without" if without_notice else "on"
        option = f"notice: {word}" if in_file else f"--{word}-notice"
        _check_takes_notice(type, option, f"a {ORDER_NAMES[type]} is", f"leave out {option}")
    elif notice_reason.strip():
        flags = "notice: without or notice: on" if in_file else "--without-notice or --on-notice"
        raise InputError(
            f"{'notice_reason:' if in_file else '--notice-reason'} {notice_reason.strip()}: say whether the"
            f" order was made without notice ({flags}); a reason alone is not recorded"
        )
    if protects == against:
        raise InputError(
            f"an order protects one person against another; {given('protects')} and {given('against')} are"
            " the same"
        )
    texts = [c.strip() for c in conditions if c.strip()]
    if not texts:
        raise InputError(
            f"give at least one {'condition under conditions:' if in_file else '--condition'}"
            " (e.g. 'not to contact Jane Doe directly or indirectly')"
        )
    zone_name = case.info.zone
    made_at, has_time, note = made_utc(made, zone_name, given("made"))
    if parse_iso_utc(made_at).astimezone(zone(zone_name)).date() > today(zone_name):
        raise InputError(
            f"{given('made')} {made}: that is after today ({today(zone_name):%d/%m/%Y}); an order is recorded"
            " once it has been made: check the date (the year?)"
        )
    ends = expires_utc(expires, zone_name, given("expires"))
    if ends is not None and ends <= made_at:
        raise InputError(f"the order expires ({expires}) before it was made ({made}); check the dates")
    if varies is not None:
        _check_variation(case, varies, made, made_at, protects, against)
    aware = (
        _awareness(case, served, served_how, made, made_at, given("served")) if served is not None else None
    )
    origin: dict[str, object] = {
        "via": source,
        "made_raw": made,
        "made_time_given": has_time,
        "zone": zone_name,
    }
    if note:
        origin["clock_note"] = note
    if varies is not None:
        origin["varies"] = varies
    with case.transaction() as (tx, record):
        protects_id = tx.person_id(protects)
        against_id = tx.person_id(against)
        order_id = insert_order(
            tx,
            type=type,
            made_utc=made_at,
            expires_utc=ends,
            protects_person_id=protects_id,
            against_person_id=against_id,
            conditions=texts,
            source=json.dumps(origin, sort_keys=True, ensure_ascii=False),
        )
        record(
            "order add",
            f"order {order_id}",
            type=type,
            made_utc=made_at,
            expires_utc=ends,
            protects=protects,
            against=against,
            conditions=texts,
            source=source,
            varies=varies,
        )
        if aware is not None:
            _append_awareness(tx, record, order_id, aware)
        if without_notice is not None:
            _append_notice(tx, record, order_id, _notice(case, without_notice, notice_reason))
    return order_id


def _awareness(
    case: Case, served: str, how: str, made: str, made_at: str, option: str = "--served"
) -> Awareness:
    """His awareness of an order as given (``option`` names where it was given), refused when it comes
    before the order was made or after today."""
    zone_name = case.info.zone
    at, has_time = aware_utc(served, zone_name, option)
    tz = zone(zone_name)
    made_day = parse_iso_utc(made_at).astimezone(tz).date()
    aware_day = parse_iso_utc(at).astimezone(tz).date()
    if aware_day < made_day or (has_time and parse_iso_utc(at) < parse_iso_utc(made_at)):
        raise InputError(
            f"{option} {served}: he cannot have been aware of the order before it was made ({made});"
            " check the dates"
        )
    if aware_day > today(zone_name):
        raise InputError(
            f"{option} {served}: that is after today ({today(zone_name):%d/%m/%Y}); record when he became"
            " aware once it has happened"
        )
    return Awareness(at, served.strip(), has_time, how.strip(), case.settings.actor, now_utc())


def _append_awareness(tx: StoreTx, record: Recorder, order_id: int, aware: Awareness) -> None:
    """Store his awareness of an order and audit it, in the caller's transaction."""
    record(
        "order served",
        f"order {order_id}",
        aware_utc=aware.aware_utc,
        aware_raw=aware.aware_raw,
        means=aware.means,
        service_id=insert_awareness(tx, order_id, aware),
    )


def record_awareness(case: Case, order_id: int, served: str, how: str = "") -> Awareness:
    """Record (or correct: the latest is read) when he became aware of an order already recorded."""
    require_whole_view(case, "a court order", ORDER_INSTEAD)
    order = next((o for o in list_orders(case.store.engine) if o.id == order_id), None)
    if order is None:
        raise InputError(
            f"there is no order {order_id}; give the id `footprint order add` printed (`footprint order"
            " list` shows them)"
        )
    aware = _awareness(case, served, how, uk_display(order.made_utc), order.made_utc, "--on")
    with case.transaction() as (tx, record):
        _append_awareness(tx, record, order_id, aware)
    return aware


def _check_takes_notice(type: str, option: str, subject: str, action: str) -> None:
    """Refuse to record notice for an order other than those bound by awareness (``subject`` names it)."""
    if type not in AWARENESS_BINDS:
        raise InputError(
            f"{option}: only a non-molestation order or a domestic abuse protection order is recorded as made"
            " with or without notice (Family Law Act 1996 s.42A(2), Domestic Abuse Act 2021 s.39(2));"
            f" {subject} breached from when it was made, whatever he knew (his knowledge goes to reasonable"
            f" excuse): {action}"
        )


def _notice(case: Case, without_notice: bool, reason: str) -> Notice:
    """Whether an order was made without notice as given, recorded by the acting user now."""
    return Notice(without_notice, reason.strip(), case.settings.actor, now_utc())


def _append_notice(tx: StoreTx, record: Recorder, order_id: int, notice: Notice) -> None:
    """Store whether an order was made without notice and audit it, in the caller's transaction."""
    notice_id = insert_notice(tx, order_id, notice)
    record(
        "order notice",
        f"order {order_id}",
        without_notice=notice.without,
        reason=notice.reason,
        notice_id=notice_id,
    )


def record_notice(case: Case, order_id: int, *, without_notice: bool, reason: str = "") -> Notice:
    """Record (or correct: the latest is read) whether a non-molestation or domestic abuse protection
    order already recorded was made without notice."""
    require_whole_view(case, "a court order", ORDER_INSTEAD)
    order = next((o for o in list_orders(case.store.engine) if o.id == order_id), None)
    if order is None:
        raise InputError(
            f"there is no order {order_id}; give the id `footprint order add` printed (`footprint order"
            " list` shows them)"
        )
    option = "--without" if without_notice else "--on"
    subject = f"order {order_id} is a {ORDER_NAMES[order.type]},"
    _check_takes_notice(order.type, option, subject, "there is nothing to record")
    notice = _notice(case, without_notice, reason)
    with case.transaction() as (tx, record):
        _append_notice(tx, record, order_id, notice)
    return notice


def _check_variation(case: Case, varies: int, made: str, made_at: str, protects: str, against: str) -> None:
    """Refuse a variation of an order that does not exist, is later, or concerns other people."""
    old = next((o for o in list_orders(case.store.engine) if o.id == varies), None)
    if old is None:
        raise InputError(
            f"--varies {varies}: there is no order {varies}; give the id `footprint order add` printed for"
            " the order this one varies"
        )
    if parse_iso_utc(made_at) <= parse_iso_utc(old.made_utc):
        raise InputError(
            f"--varies {varies}: this order (made {made}) is made before order {varies} it varies"
            f" ({uk_display(old.made_utc)}); check the dates"
        )
    if (old.protects, old.against) != (protects, against):
        raise InputError(
            f"--varies {varies}: order {varies} protects {old.protects} against {old.against}; a variation"
            " must protect the same person against the same person"
        )


_PLACE = re.compile(
    r"\b(?:\d+[A-Za-z]?\s+)?(?:[A-Z][a-z]+\s+)+(?:Road|Street|Lane|Avenue|Close|Way|Drive|Court|Place|Gardens|Crescent|Square|Hill|Park|Terrace|Row|Walk)\b"
)


def read_conditions(order: CourtOrder) -> list[Condition]:
    """What each condition forbids: direct contact, indirect contact, publishing about her,
    entering a place, or molesting (abuse of any kind). Unrecognised conditions are kept as such."""
    out = []
    for text in order.conditions:
        low = text.lower()
        kinds: set[str] = set()
        if re.search(r"contact|communicat|messag|telephon|\bcall|\btext|approach", low):
            kinds.add("direct")
            if re.search(
                r"indirect|third part|through (?:another|others|any)|by any means|any other person", low
            ):
                kinds.add("indirect")
        if re.search(r"\bpost|publish|social media|upload", low):
            kinds.add("publish")
        if re.search(r"molest|harass|pester|intimidat|threaten|violence", low):
            kinds.add("molest")
        places = tuple(m.group(0).strip() for m in _PLACE.finditer(text))
        if places and re.search(r"within|enter|go to|attend|exclusion|near", low):
            kinds.add("zone")
        out.append(Condition(text, frozenset(kinds) or frozenset({"unrecognised"}), places))
    return out


def _source(order: CourtOrder) -> dict[str, object]:
    """What was recorded about how the order was added (empty when unreadable)."""
    try:
        data = json.loads(order.source)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def varies_order(order: CourtOrder) -> int | None:
    """The id of the order this one was recorded as varying (``order add --varies``), if any."""
    value = _source(order).get("varies")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def varied_by(order: CourtOrder, orders: Sequence[CourtOrder]) -> CourtOrder | None:
    """The first order recorded as varying this one."""
    variations = (o for o in orders if varies_order(o) == order.id)
    return min(variations, key=lambda o: utc_order_key(o.made_utc), default=None)


def ends_utc(order: CourtOrder, orders: Sequence[CourtOrder]) -> str | None:
    """When the order stopped being in force: its expiry, or the making of an order that varies it."""
    variation = varied_by(order, orders)
    ends = [e for e in (order.expires_utc, variation.made_utc if variation else None) if e]
    return min(ends, default=None)


def in_force(order: CourtOrder, at: datetime, orders: Sequence[CourtOrder] = ()) -> bool:
    """Whether the order was in force at this moment (made at or before it, not yet expired or varied)."""
    if at < parse_iso_utc(order.made_utc):
        return False
    ends = ends_utc(order, orders)
    return ends is None or at < parse_iso_utc(ends)


def awareness_words(a: Awareness | None) -> str:
    """``aware from 05/03/2024 (time not recorded) (personal service)``, or that the date is not
    recorded."""
    if a is None:
        return "date the suspect became aware of the order not recorded"
    how = f" ({a.means})" if a.means else ""
    return f"aware from {uk_display(a.aware_utc, time_known=a.time_given)}{how}"


def notice_words(n: Notice | None, aware_recorded: bool, order_type: str) -> str:
    """Whether an order of ``order_type`` that binds him only once aware when made without notice (a
    non-molestation order, s.42A(2); a domestic abuse protection order, s.39(2)) was made without notice
    and what that means for the conduct counted; not recorded, the cautious reading, which says so. With
    no awareness recorded nothing is assumed (every contravention from the making is listed), and the
    words say so."""
    provision = AWARENESS_PROVISIONS[order_type]
    section = provision.rsplit(" ", 1)[-1]
    why = f" ({n.reason})" if n is not None and n.reason else ""
    if n is not None and not n.without:
        return (
            f"made on notice{why}: conduct counted from when it was made ({section} applies only to an order"
            " made without notice)"
        )
    made = (
        "whether the order was made without notice is not recorded"
        if n is None
        else f"made without notice{why}"
    )
    if not aware_recorded:
        return (
            f"{made}; when he became aware of it is not recorded either: every contravention from the making"
            f" is listed, and {section} may exclude those before he knew of it (record when he became aware"
            " with `footprint order served`)"
        )
    if n is None:
        return f"{made}: conduct counted only from when he became aware of it"
    return f"{made}: conduct counted only from when he became aware of it ({provision})"


def order_words(order: CourtOrder) -> str:
    """``order 1: aware from ...``, and for a non-molestation order whether it was made without notice."""
    words = f"order {order.id}: {awareness_words(order.aware)}"
    if order.type not in AWARENESS_BINDS:
        return words
    return f"{words}; {notice_words(order.notice, order.aware is not None, order.type)}"


def counts_from_awareness(order: CourtOrder) -> bool:
    """Whether only his conduct once aware of the order counts (s.42A(2), s.39(2)): a non-molestation or
    domestic abuse protection order made without notice, or not recorded as made on notice."""
    return order.type in AWARENESS_BINDS and (order.notice is None or order.notice.without)


def made_time_given(order: CourtOrder) -> bool:
    """Whether the time of day the order was made was recorded."""
    return bool(_source(order).get("made_time_given", True))


def made_shown(order: CourtOrder) -> str:
    """When the order was made as UK time, or its date alone when no time of day was recorded."""
    return uk_display(order.made_utc, time_known=made_time_given(order))
