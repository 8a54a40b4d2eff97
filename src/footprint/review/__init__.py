"""Review: named users confirm, dismiss or note findings with a reason; every decision is audited."""

from __future__ import annotations

from footprint.review.decisions import DECISIONS, decide, history, may_decide

__all__ = ["DECISIONS", "decide", "history", "may_decide"]
