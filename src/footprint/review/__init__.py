"""Review: named users confirm, dismiss or note findings with a reason, and record findings no analyser
reads; every decision is audited."""

from __future__ import annotations

from footprint.review.decisions import DECISIONS, decide, history, may_decide
from footprint.review.record import Recorded, record_finding, recordable_categories

__all__ = [
    "DECISIONS",
    "Recorded",
    "decide",
    "history",
    "may_decide",
    "record_finding",
    "recordable_categories",
]
