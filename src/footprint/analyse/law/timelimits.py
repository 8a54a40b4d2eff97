"""Time limits for summary-only offences: the last date to lay an information, with warnings."""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from footprint.analyse.law.kb import Offence

NEAR_DAYS = 28
RULE_TEXT = {
    "none": "none applies (either way or indictable only: Magistrates' Courts Act 1980 s.127(2))",
    "mca1980_s127": "six months from the offence (Magistrates' Courts Act 1980 s.127(1))",
    "ca2003_s127_5": (
        "three years beginning with the day of the offence and six months beginning with the day the"
        " prosecutor had sufficient evidence (Communications Act 2003 s.127(5))"
    ),
    "knowledge_6_months": (
        "six months beginning with the day the prosecutor had sufficient evidence (Online Safety Act 2023"
        " s.179(7))"
    ),
}
# How each rule's period is worded in its statute: "from the time when the offence was committed" (MCA
# 1980 s.127(1)) leaves the day of the offence out; "beginning with the day on which the offence was
# committed" (CA 2003 s.127(5)(a)) counts it, so that period ends a day sooner.
INCLUDES_THE_DAY = {"mca1980_s127": False, "ca2003_s127_5": True}
MONTHS = {"mca1980_s127": 6, "ca2003_s127_5": 36}
COUNTING = {
    "mca1980_s127": (
        'Six months "from the time when the offence was committed" (Magistrates\' Courts Act 1980'
        " s.127(1)): counted by calendar month from the local (UK) date of the conduct, the day itself"
        " excluded; the last day is the same date six months on, or that month's last day when it has no"
        " such date (a convention from general knowledge, not checked against a stored source). Lay the"
        " information earlier if in any doubt."
    ),
    "ca2003_s127_5": (
        'Three years "beginning with the day on which the offence was committed" (Communications Act'
        " 2003 s.127(5)(a)): counted by calendar month from the local (UK) date of the conduct, that day"
        " included; the last day is the day before the same date three years on (before that month's last"
        " day when it has no such date: 29/02/2024 → 27/02/2027, the earlier reading; a convention from"
        " general knowledge, not checked against a stored source). Lay the information earlier if in any"
        " doubt."
    ),
}


def add_months(day: date, months: int) -> date:
    """The corresponding date ``months`` later (the month's last day when there is no such date)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_day(rule: str, day: date) -> date:
    """The last day to lay an information for conduct on ``day`` under ``rule`` (``mca1980_s127`` or
    ``ca2003_s127_5``): the corresponding date ``MONTHS[rule]`` on, less a day when the period begins
    with the day of the offence (``INCLUDES_THE_DAY``)."""
    end = add_months(day, MONTHS[rule])
    return end - timedelta(days=1) if INCLUDES_THE_DAY[rule] else end


def warning(last: date, as_of: date) -> str | None:
    """A warning when the last date has passed or is within four weeks of ``as_of``."""
    if last < as_of:
        return f"out of time: the last date was {last:%d/%m/%Y}"
    if (last - as_of).days <= NEAR_DAYS:
        return f"near: {(last - as_of).days} day(s) left to lay an information (last date {last:%d/%m/%Y})"
    return None


def time_limit(offence: Offence, days: Sequence[tuple[int, date]], as_of: date) -> dict[str, Any]:
    """The time limit for one offence over the dated conduct ``(item id, local date)`` behind it."""
    rule = offence.time_limit.rule
    out: dict[str, Any] = {
        "rule": rule,
        "text": RULE_TEXT[rule],
        "basis": offence.time_limit.basis,
        "last_date": None,
        "warning": None,
        "as_of": as_of.isoformat(),
    }
    if rule == "none" or not days:
        return out
    if rule == "knowledge_6_months":
        out["warning"] = (
            "the six months run from when the prosecutor had sufficient evidence, a date only the prosecutor"
            " can fix; the three-year long-stop is unconfirmed"
        )
        return out
    out["counting"] = COUNTING[rule]
    if offence.course_of_conduct:
        item_id, last_incident = max(days, key=lambda d: (d[1], d[0]))
        last = last_day(rule, last_incident)
        out.update(
            per="course of conduct",
            last_incident={"item_id": item_id, "date": last_incident.isoformat()},
            last_date=last.isoformat(),
            warning=warning(last, as_of),
        )
    else:
        incidents: list[dict[str, Any]] = []
        for item_id, day in sorted(days, key=lambda d: (d[1], d[0])):
            last = last_day(rule, day)
            incidents.append(
                {
                    "item_id": item_id,
                    "date": day.isoformat(),
                    "last_date": last.isoformat(),
                    "warning": warning(last, as_of),
                }
            )
        out.update(per="incident", incidents=incidents, last_date=incidents[-1]["last_date"])
        expired = [i for i in incidents if i["warning"] and i["warning"].startswith("out of time")]
        near = [i for i in incidents if i["warning"] and i["warning"].startswith("near")]
        if expired or near:
            out["warning"] = f"{len(expired)} incident(s) out of time, {len(near)} near the limit"
    if rule == "ca2003_s127_5":
        out["note"] = (
            "the last date shown is the three-year long-stop; the six months from sufficient evidence may"
            " end sooner"
        )
        if offence.course_of_conduct:
            first = min(d for _, d in days)
            last_use = date.fromisoformat(out["last_incident"]["date"])
            out["note"] += (
                f". The long-stop is counted from the last use relied on ({last_use:%d/%m/%Y}), as DPP v"
                " Baker does for harassment; no stored source says so for persistent use: counted from the"
                f" first use ({first:%d/%m/%Y}) it ends on {last_day(rule, first):%d/%m/%Y}"
            )
    return out


def passed(limit: Mapping[str, Any]) -> bool:
    """Whether the time limit has passed for every occasion: the course of conduct's last date, or each
    incident's (``time_limit``'s result)."""
    incidents = limit.get("incidents")
    if incidents:
        return all((i["warning"] or "").startswith("out of time") for i in incidents)
    return (limit.get("warning") or "").startswith("out of time")


def last_date_words(limit: Mapping[str, Any], names: Mapping[int, str]) -> str:
    """The last date to charge in words, as `assess` and the report print it. Where each message is its
    own offence (``per`` incident) and there are several, each has its own last date: the earliest, with
    the message it is for (named from ``names``), and the latest are given, and how many have passed;
    never one date that reads as if it held for them all."""
    incidents = limit.get("incidents") or []
    if not limit.get("last_date"):
        return "no last date to charge"
    if len(incidents) < 2:
        return f"last date to charge: {limit['last_date']}"
    first = min(incidents, key=lambda i: (i["last_date"], i["item_id"]))
    which = names.get(first["item_id"], f"item {first['item_id']}")
    passed = sum(1 for i in incidents if (i["warning"] or "").startswith("out of time"))
    return (
        f"each of the {len(incidents)} messages is a separate offence with its own last date to charge:"
        f" the earliest {first['last_date']} ({which}), the latest {limit['last_date']};"
        f" {passed} of {len(incidents)} already out of time"
    )
