"""Many pairs at once: the trained features of candidate pairs, vectorised over stacked profiles."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from footprint.analyse.link.fusion import (
    FEATURES,
    HABIT_SCALE,
    tags_cosine,
)
from footprint.analyse.link.profile import DIM, Profile


def _stack(profiles: Sequence[Profile], which: str) -> Any:
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    idx = [getattr(p, f"{which}_idx") for p in profiles]
    val = [getattr(p, f"{which}_val") for p in profiles]
    indptr = np.concatenate([[0], np.cumsum([len(i) for i in idx])])
    return csr_matrix(
        (np.concatenate(val) if val else [], np.concatenate(idx) if idx else [], indptr),
        shape=(len(profiles), DIM),
    )


def _groups(left: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """Positions of the pairs grouped by their left account (each left vector is expanded once)."""
    order = np.argsort(left, kind="stable")
    bounds = np.flatnonzero(np.diff(left[order])) + 1
    return [(int(left[g[0]]), g) for g in np.split(order, bounds) if len(g)]


def _row_dots(matrix: Any, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    out = np.zeros(len(left), dtype=np.float64)
    dense = np.zeros(matrix.shape[1], dtype=np.float64)
    for i, positions in _groups(left):
        row = matrix[i]
        dense[row.indices] = row.data
        out[positions] = matrix[right[positions]] @ dense
        dense[row.indices] = 0.0
    return out


def _compression(profiles: Sequence[Profile], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``fusion.compression_similarity`` for many pairs, compressing each left text once."""
    out = np.zeros(len(left), dtype=np.float64)
    for i, positions in _groups(left):
        a = profiles[i]
        if not a.ncd_text:
            continue
        base = zlib.compressobj(6)
        head = len(base.compress(a.ncd_text + b"\n"))
        for pos in positions.tolist():
            b = profiles[int(right[pos])]
            if not b.ncd_text:
                continue
            c = base.copy()
            both = head + len(c.compress(b.ncd_text)) + len(c.flush())
            out[pos] = 1.0 - (both - min(a.ncd_size, b.ncd_size)) / max(a.ncd_size, b.ncd_size)
    return out


def features_for_pairs(profiles: Sequence[Profile], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """Rows of ``FEATURES`` for index pairs (the same numbers ``fusion.pair_features`` gives)."""
    left = np.array([a for a, _ in pairs], dtype=np.int64)
    right = np.array([b for _, b in pairs], dtype=np.int64)
    style = _row_dots(_stack(profiles, "style"), left, right)
    word = _row_dots(_stack(profiles, "word"), left, right)
    norm = np.array([p.style_norm for p in profiles], dtype=np.float64)
    style_z = 0.5 * ((style - norm[left, 0]) / norm[left, 1] + (style - norm[right, 0]) / norm[right, 1])
    word_z = 0.5 * ((word - norm[left, 2]) / norm[left, 3] + (word - norm[right, 2]) / norm[right, 3])
    comp = _compression(profiles, left, right)
    tags = np.array([tags_cosine(profiles[a], profiles[b]) for a, b in pairs], dtype=np.float64)
    habits = np.stack([p.habits for p in profiles]).astype(np.float64)
    habit_cols = -np.abs(habits[left] - habits[right]) / HABIT_SCALE.astype(np.float64)
    hours = np.stack([p.hours for p in profiles]).astype(np.float64)
    days = np.stack([p.days for p in profiles]).astype(np.float64)
    chars = np.array([max(1, p.n_chars) for p in profiles], dtype=np.float64)
    amount = np.log10(np.minimum(chars[left], chars[right]))
    columns = {
        "style_cosine": style,
        "word_cosine": word,
        "style_normalised": style_z,
        "word_normalised": word_z,
        "compression": comp,
        "tags_cosine": tags,
        "hour_profile": np.einsum("ij,ij->i", hours[left], hours[right]),
        "weekday_profile": np.einsum("ij,ij->i", days[left], days[right]),
        "text_amount": amount,
        "style_x_amount": style * amount,
        "compression_x_amount": comp * amount,
        "word_x_amount": word * amount,
        "tags_x_amount": tags * amount,
    }
    for i, name in enumerate(f for f in FEATURES if f.startswith("habit_")):
        columns[name] = habit_cols[:, i]
    if not pairs:
        return np.zeros((0, len(FEATURES)))
    return np.column_stack([columns[f] for f in FEATURES])


def amount_ok(profiles: Sequence[Profile], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """Which pairs have enough text on both sides for the trained evidence."""
    enough = np.array([p.enough_text for p in profiles], dtype=bool)
    return np.array([enough[a] and enough[b] for a, b in pairs], dtype=bool)
