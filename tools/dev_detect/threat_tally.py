"""Shared tally for the threat development sets: share flagged per frame, exact category, misses.

Rows are ``(frame, text, kind)``: kind ``kill``, ``violence`` or ``sexual`` for a threat, ``none`` for a
contrast (frames of contrasts start with ``c.``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

THREATS = {"threat_to_kill", "threat_violence", "threat_sexual"}
EXACT = {"kill": "threat_to_kill", "violence": "threat_violence", "sexual": "threat_sexual"}
Row = tuple[str, str, str]


def unique(rows: Sequence[Row]) -> list[Row]:
    """The rows with each text once (the first row that has it)."""
    seen: set[str] = set()
    out = []
    for row in rows:
        if row[1] not in seen:
            seen.add(row[1])
            out.append(row)
    return out


def tally(
    rows: Sequence[Row],
    results: Sequence[Any],
    *,
    show_misses: int = 0,
    frame: str = "",
    near: Callable[[Any], str] | None = None,
) -> None:
    """Print positives and contrasts per frame; any threat category counts, the exact one apart."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    exact: dict[str, int] = defaultdict(int)
    for (name, text, kind), res in zip(rows, results, strict=True):
        labels = set(res.labels)
        if kind == "none":
            ok = not (labels & THREATS)
        else:
            ok = bool(labels & THREATS)
            exact[name] += EXACT[kind] in labels
        per[name][0] += ok
        per[name][1] += 1
        if not ok:
            misses[name].append(f"{text}  -> {sorted(labels)}" + (f"  [{near(res)}]" if near else ""))
    pos = [f for f in per if not f.startswith("c.")]
    neg = [f for f in per if f.startswith("c.")]
    for title, frames in (("positives (flagged as a threat)", pos), ("contrasts (no threat label)", neg)):
        print(f"\n{title}")
        tot = [0, 0]
        for f in sorted(frames):
            ok, n = per[f]
            tot[0] += ok
            tot[1] += n
            extra = f"   exact category {exact[f] / n:.3f}" if f in exact else ""
            print(f"  {f:22s} {ok:4d}/{n:<4d} {ok / n:.3f}{extra}")
        print(f"  {'all':22s} {tot[0]:4d}/{tot[1]:<4d} {tot[0] / tot[1]:.3f}")
    if show_misses:
        for f in sorted(misses):
            if frame and not f.startswith(frame):
                continue
            print(f"\n-- misses {f} ({len(misses[f])})")
            for line in misses[f][:show_misses]:
                print("   ", line)
