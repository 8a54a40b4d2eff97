"""What the detector returns: detections with their evidence, and the earlier messages it may read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Prior:
    """An earlier message of the same conversation: who sent it, its text and what was found in it."""

    speaker: str | None
    text: str
    categories: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Evidence:
    """One rule or model contribution to a category."""

    category: str
    score: float
    source: str  # rule id or model id
    span: tuple[int, int] | None
    note: str
    suppressed: str | None = None
    quote_norm: str = ""


@dataclass(frozen=True)
class Detection:
    """A category at or above its threshold, with everything a finding needs."""

    category: str
    score: float
    spans: tuple[tuple[int, int], ...]
    rule_ids: tuple[str, ...]
    model_id: str | None
    explanation: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    """Every category's score and the detections above threshold."""

    scores: dict[str, float]
    detections: tuple[Detection, ...]
    suppressed: tuple[Evidence, ...] = ()
    # (rule id, how many of its matches were not weighed) for each rule matched more than MAX_WEIGHED times
    not_weighed: tuple[tuple[str, int], ...] = ()

    @property
    def labels(self) -> list[str]:
        return [d.category for d in self.detections]
