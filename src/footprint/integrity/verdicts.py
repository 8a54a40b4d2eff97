"""What the row checks found, and the wording they share: problems fail `verify`, notes do not."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

OLD = "recorded before Footprint kept digests of what it wrote"
# the fields and field groups `verify` names that are plural nouns: "times differ", "text differs"
_PLURAL = frozenset(
    (
        "times",
        "flags",
        "details",
        "spans",
        "rules",
        "accounts",
        "recipients",
        "attachments",
        "conditions",
        "numbers",
        "claims",
    )
)


def differs(name: str) -> str:
    """``text differs`` or ``times differ``: the field's name with the verb agreeing with it."""
    return f"{name} {'differ' if name in _PLURAL else 'differs'}"


@dataclass
class RowCheck:
    """What the row checks found: problems fail `verify`; notes say what could not be checked."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def compare(
    what: str, recorded: Mapping[str, Any], now: Mapping[str, Any], counted: str, at: str, found: RowCheck
) -> None:
    """Name the count, then each field group, that differs from what was recorded."""
    if recorded.get(counted) != now[counted]:
        found.problems.append(f"{what}: {now[counted]} {counted} now, {recorded.get(counted)} in {at}")
    for name, digest in now.items():
        if name != counted and recorded.get(name) != digest:
            found.problems.append(f"{what}: {differs(name)} from {at}")


def numbers(values: Iterable[int]) -> str:
    """``1, 2, 3``."""
    return ", ".join(str(v) for v in values)


def entries_named(seqs: list[int]) -> str:
    """``audit entry 4`` or ``audit entries 4, 7``."""
    return f"audit entry {seqs[0]}" if len(seqs) == 1 else f"audit entries {numbers(seqs)}"
