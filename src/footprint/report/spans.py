"""Whether a span of a text overlaps any of many others: what the masking asks as it merges the spans
one finder found (places, names, numbers) with another's, in a look-up by halves rather than one test of
each (a 100,000-character message with thousands of places and thousands of towns took seconds)."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable


class Spans:
    """Spans of a text, each ``(start, end)``, in any order, overlapping or not."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        #: the furthest end of the spans up to each (in order of their starts)
        self._furthest = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the span from ``start`` to ``end`` overlaps any of these: one that starts before it
        ends and ends after it starts."""
        before = bisect.bisect_left(self._starts, end)  # those that start before it ends
        return before > 0 and self._furthest[before - 1] > start
