"""Findings counted with each message once: a copy's findings fold into the first item's.

One message held by two exhibits (``store/copies.py``) has one set of findings, as `assess` counts
them; the report's tables and the review app's counts read them from here so the two agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from footprint.model import Finding
from footprint.store.copies import CopyRef


def fold(own: Sequence[Finding], copied: Sequence[Finding]) -> list[Finding]:
    """A message's findings with its copies' folded in, one per category and words: a decision made on a
    copy counts when none was made on the first exhibit's item (a dismissal there stands)."""
    merged = {(f.category, f.spans): f for f in own}
    for f in copied:
        key = (f.category, f.spans)
        first = merged.get(key)
        if first is None:
            merged[key] = f
        elif first.decision is None and f.decision is not None:
            merged[key] = replace(first, decision=f.decision)
    return list(merged.values())


def count_once(
    findings: Sequence[Finding], copies: Mapping[int, Sequence[CopyRef]]
) -> tuple[dict[int, list[Finding]], list[Finding]]:
    """Each item's findings, a first item's with its copies' folded in; and the findings counted with each
    message once (those on no item, then each first or uncopied item's)."""
    by_item: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.item_id is not None:
            by_item[f.item_id].append(f)
    copy_ids = {c.item_id for found in copies.values() for c in found}
    for first, found in copies.items():
        by_item[first] = fold(by_item.get(first, []), [f for c in found for f in by_item.get(c.item_id, [])])
    counted = [f for f in findings if f.item_id is None] + [
        f for item_id, found in by_item.items() if item_id not in copy_ids for f in found
    ]
    return by_item, counted
