"""Findings a person confirmed that a course of conduct leaves out, each with why (another person's account,
no time, never sent …): a prosecutor reading the course must see that a confirmed threat is not in it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from footprint.model import Item
from footprint.store.finding_marks import FindingMark

#: left-out findings named in a course's explanation (its details name them all)
NAMED_LEFT_OUT = 10


@dataclass(frozen=True)
class LeftOut:
    """A finding a person confirmed on an item the course does not count, and why."""

    finding_id: int
    category: str
    item_id: int
    ref: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def left_out(item: Item, confirmed: Sequence[FindingMark], reason: str) -> list[LeftOut]:
    """Each of ``confirmed`` (the item's confirmed findings of conduct) as left out for ``reason``."""
    ref = f"{item.exhibit} {item.locator}"
    return [LeftOut(f.id, f.category, item.id, ref, reason) for f in confirmed]


def not_between(
    item: Item,
    suspect: str,
    complainant: str,
    accounts: Mapping[str, Sequence[str]],
    owner: str | None,
) -> str:
    """Why an item other than an offline incident is not between ``suspect`` and ``complainant``
    (``accounts``: each person's attributed accounts; ``owner``: whose the item's exhibit is)."""
    if item.kind == "device_finding":
        if owner is None:
            return "a device observation on an exhibit that names no owner"
        if owner != complainant:
            return f"a device observation on an exhibit of {owner}, not of {complainant}"
        return (
            "a device observation, which counts only with a confirmed spyware, tracker, interception or"
            " account-access finding on it"
        )
    author = item.author
    if author is None:
        return "no sender is recorded"
    person = next((name for name, keys in sorted(accounts.items()) if author in keys), None)
    if person == suspect:
        return f"sent by {suspect} ({author}) but neither to nor about {complainant}"
    if person == complainant:
        return f"sent by {complainant} ({author}), not to {suspect}"
    if person is not None:
        return f"sent by {author}, an account attributed to {person}, not {suspect}"
    return f"sent by {author}, an account attributed to no one (`footprint account attribute`)"


def left_out_words(found: Sequence[LeftOut]) -> str:
    """`` Left out: 2 finding(s) a person confirmed …: #14 (threat_to_kill, JD/1 line 9): why; …``; ""
    for none."""
    if not found:
        return ""
    named = "; ".join(f"#{x.finding_id} ({x.category}, {x.ref}): {x.reason}" for x in found[:NAMED_LEFT_OUT])
    more = len(found) - NAMED_LEFT_OUT
    return (
        f" Left out: {len(found)} finding(s) a person confirmed are not counted in this course: {named}"
        + (f"; and {more} more (this finding's details name them all)" if more > 0 else "")
        + "."
    )
