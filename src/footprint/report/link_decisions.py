"""A reviewer's decision on an account link (`link-accept`, `link-reject`), read from the audit log: who
decided, when and why, for the report's link table, its link findings and the MG6C link row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from footprint.model import AuditEntry
from footprint.times import uk_display

_ACTIONS = {"link accept": "accepted", "link reject": "rejected"}


@dataclass(frozen=True)
class LinkDecision:
    """The latest decision on one link."""

    decision: str  # "accepted" or "rejected"
    actor: str
    role: str
    at_utc: str
    reason: str

    def words(self) -> str:
        """``rejected by DC Reviewer (reviewer) at 30/11/2026 00:44 GMT: number belongs to Tom Baker``."""
        role = f" ({self.role})" if self.role else ""
        return f"{self.decision} by {self.actor}{role} at {uk_display(self.at_utc)}: {self.reason}"


def link_decisions(entries: Sequence[AuditEntry]) -> dict[frozenset[str], LinkDecision]:
    """The latest decision on each link, by its two accounts' keys (a link found again by a later run
    of the analyser is the same pair)."""
    out: dict[frozenset[str], LinkDecision] = {}
    for entry in entries:
        decision = _ACTIONS.get(entry.action)
        a, sep, b = entry.object.partition(" ~ ")
        if decision is None or not sep:
            continue
        out[frozenset((a, b))] = LinkDecision(
            decision, entry.actor, entry.role, entry.at_utc, entry.justification
        )
    return out
