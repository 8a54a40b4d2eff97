"""Blocking: which pairs are worth scoring in full (all of them in a small case).

In a large set every account is sketched once into a short dense vector (a count-sketch of its
style n-grams); one matrix product scores all pairs approximately, and each account keeps its
nearest neighbours. Pairs sharing an identifier or a name stem are always kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

import numpy as np

from footprint.analyse.link import text as tx
from footprint.analyse.link.profile import DIM, Profile

ALL_PAIRS_UP_TO = 400
SKETCH_DIM = 512
NEIGHBOURS = 20
_CHUNK = 1024


def _sketch(profiles: Sequence[Profile]) -> np.ndarray:
    """Count-sketch of each account's unit-length style vector (cosine kept approximately)."""
    rng = np.random.default_rng(20261128)
    bucket = rng.integers(0, SKETCH_DIM, size=DIM)
    sign = rng.choice(np.array([-1.0, 1.0], dtype=np.float32), size=DIM)
    out = np.zeros((len(profiles), SKETCH_DIM), dtype=np.float32)
    for row, p in enumerate(profiles):
        np.add.at(out[row], bucket[p.style_idx], sign[p.style_idx] * p.style_val)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)


def nearest(profiles: Sequence[Profile], neighbours: int = NEIGHBOURS) -> set[tuple[int, int]]:
    """Each account's approximate nearest neighbours by style (index pairs, smaller first)."""
    sketch = _sketch(profiles)
    pairs: set[tuple[int, int]] = set()
    n = len(profiles)
    k = min(neighbours, n - 1)
    if k <= 0:
        return pairs
    for start in range(0, n, _CHUNK):
        sims = sketch[start : start + _CHUNK] @ sketch.T
        rows = np.arange(sims.shape[0])
        sims[rows, rows + start] = -np.inf
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for r, cols in enumerate(top):
            i = start + r
            for j in cols.tolist():
                pairs.add((min(i, j), max(i, j)))
    return pairs


def shared_keys(profiles: Sequence[Profile]) -> set[tuple[int, int]]:
    """Pairs that share an identifier or a name stem (never left out by blocking)."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for kind, value in p.identifiers:
            index[f"{kind}:{value}"].append(i)
        for name in p.names:  # an issued id or a placeholder is not a name (``issued``)
            stem = tx.name_stem(name)
            if len(stem) >= 4:
                index[f"stem:{stem}"].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if 1 < len(members) <= 50:
            pairs.update((a, b) for a, b in combinations(sorted(set(members)), 2))
    return pairs


def candidate_pairs(profiles: Sequence[Profile], neighbours: int = NEIGHBOURS) -> list[tuple[str, str]]:
    """Account-key pairs to score in full, sorted; every pair when the set is small."""
    if len(profiles) <= ALL_PAIRS_UP_TO:
        chosen = set(combinations(range(len(profiles)), 2))
    else:
        chosen = nearest(profiles, neighbours) | shared_keys(profiles)
    keys = [p.key for p in profiles]
    return sorted((min(keys[a], keys[b]), max(keys[a], keys[b])) for a, b in chosen)
