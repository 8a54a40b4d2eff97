"""The trained part: pair scores for style, tags and timing, fused and calibrated to a log10 LR."""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from footprint.analyse.link.profile import RULES_DIR, Profile
from footprint.errors import AnalysisError

MODEL_FILE = "fusion.json"
HABITS = ("length", "links", "mentions", "hashtags", "capitals", "end_punctuation", "emoji", "lower_start")
FEATURES = (
    "style_cosine",
    "word_cosine",
    "style_normalised",
    "word_normalised",
    "compression",
    *(f"habit_{h}" for h in HABITS),
    "tags_cosine",
    "hour_profile",
    "weekday_profile",
    "text_amount",
    "style_x_amount",
    "compression_x_amount",
    "word_x_amount",
    "tags_x_amount",
)
# Which evidence kind each trained feature explains.
KIND_OF = {
    "style_cosine": "style",
    "word_cosine": "style",
    "style_normalised": "style",
    "word_normalised": "style",
    "word_x_amount": "style",
    "compression": "style",
    **{f"habit_{h}": "style" for h in HABITS},
    "style_x_amount": "style",
    "compression_x_amount": "style",
    "tags_cosine": "tags",
    "tags_x_amount": "tags",
    "hour_profile": "timing",
    "weekday_profile": "timing",
    "text_amount": "style",
}
HABIT_SCALE = np.array([0.5, 0.2, 0.2, 0.2, 0.05, 0.2, 0.1, 0.2], dtype=np.float32)


# Similarity features on which the model is constrained to be non-decreasing (a pair more alike in
# cohort-normalised style, compression, tags or timing never gets a lower likelihood ratio).
MONOTONE = (
    "style_normalised",
    "word_normalised",
    "compression",
    "tags_cosine",
    "hour_profile",
    "weekday_profile",
)
AMOUNT = FEATURES.index("text_amount")
_LN10 = math.log(10)


@dataclass(frozen=True)
class TreeModel:
    """Gradient-boosted trees over pair features, trained with balanced classes (sum = ln LR).

    All trees are stored flat: node ``i`` splits on ``feature[i]`` at ``threshold[i]`` (``<=`` goes
    to ``left[i]``, otherwise ``right[i]``); a leaf has ``left[i] == -1``. ``value[i]`` is the tree's
    output at the node (for a split node: the training-weighted mean of its leaves), so the change of
    value along a pair's path can be credited to the feature of each split (Saabas attribution): the
    contributions and the baseline add up exactly to the model's output.
    """

    model_id: str
    base: float
    roots: tuple[int, ...]
    feature: npt.NDArray[np.int64]
    threshold: npt.NDArray[np.float64]
    left: npt.NDArray[np.int64]
    right: npt.NDArray[np.int64]
    value: npt.NDArray[np.float64]

    def _walk(
        self, x: npt.NDArray[np.float64], attribute: bool
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64] | None]:
        """Raw output (ln LR) per row and, when asked, each feature's share of it (Saabas)."""
        x = np.nan_to_num(np.asarray(x, dtype=np.float64))
        n = len(x)
        out = np.full(n, self.base + float(self.value[list(self.roots)].sum()), dtype=np.float64)
        shares = np.zeros((n, x.shape[1]), dtype=np.float64) if attribute else None
        roots = np.array(self.roots, dtype=np.int64)
        for start in range(0, n, 4096):
            rows = np.arange(start, min(n, start + 4096))
            node = np.broadcast_to(roots, (len(rows), len(roots))).copy()
            row = np.broadcast_to(rows[:, None], node.shape)
            while True:
                inner = self.left[node] >= 0
                if not inner.any():
                    break
                f = self.feature[node]
                goes_left = x[row, f] <= self.threshold[node]
                child = np.where(inner, np.where(goes_left, self.left[node], self.right[node]), node)
                gain = self.value[child] - self.value[node]
                out[rows] += gain.sum(axis=1)
                if shares is not None:
                    np.add.at(shares, (row[inner], f[inner]), gain[inner])
                node = child
        return out, shares

    def log10_lr(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """log10 likelihood ratios for rows of features (balanced training: output = ln LR)."""
        x = np.nan_to_num(np.asarray(x, dtype=np.float64))
        columns = np.ascontiguousarray(x.T)
        out = np.full(len(x), self.base, dtype=np.float64)
        leaf = self.left < 0
        for root in self.roots:
            node = np.full(len(x), root, dtype=np.int64)
            while True:
                rows = np.flatnonzero(~leaf[node])
                if not len(rows):
                    break
                at = node[rows]
                goes_left = columns[self.feature[at], rows] <= self.threshold[at]
                node[rows] = np.where(goes_left, self.left[at], self.right[at])
            out += self.value[node]
        return out / _LN10

    def contributions(self, x: npt.NDArray[np.float64]) -> dict[str, float]:
        """Each evidence kind's share of one pair's log10 LR; ``baseline`` is an average pair's."""
        _, shares = self._walk(np.asarray(x, dtype=np.float64)[None, :], attribute=True)
        assert shares is not None
        out: dict[str, float] = {}
        for name, value in zip(FEATURES, shares[0], strict=True):
            out[KIND_OF[name]] = out.get(KIND_OF[name], 0.0) + float(value) / _LN10
        out["baseline"] = (self.base + float(self.value[list(self.roots)].sum())) / _LN10
        return out


@lru_cache(maxsize=1)
def load_model() -> TreeModel:
    """The fusion model shipped in ``footprint/rules/link``."""
    path = RULES_DIR / MODEL_FILE
    if not path.is_file():
        raise AnalysisError(
            "the linkage model footprint/rules/link/fusion.json is missing; reinstall Footprint"
            " or rebuild it with tools/train_link.py"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES or "trees" not in data:
        raise AnalysisError("footprint/rules/link/fusion.json was trained on other features; retrain it")
    return tree_model(data)


def tree_model(data: dict[str, Any]) -> TreeModel:
    """A ``TreeModel`` from its JSON form (``{"model_id", "base", "trees": [{"feature", ...}]}``)."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    for tree in data["trees"]:
        offset = len(feature)
        roots.append(offset)
        feature += tree["feature"]
        threshold += tree["threshold"]
        left += [c + offset if c >= 0 else -1 for c in tree["left"]]
        right += [c + offset if c >= 0 else -1 for c in tree["right"]]
        value += tree["value"]
    return TreeModel(
        model_id=str(data["model_id"]),
        base=float(data["base"]),
        roots=tuple(roots),
        feature=np.array(feature, dtype=np.int64),
        threshold=np.array(threshold, dtype=np.float64),
        left=np.array(left, dtype=np.int64),
        right=np.array(right, dtype=np.int64),
        value=np.array(value, dtype=np.float64),
    )


def style_cosine(a: Profile, b: Profile) -> float:
    """Cosine of the two accounts' masked character n-gram TF-IDF vectors."""
    _, ia, ib = np.intersect1d(a.style_idx, b.style_idx, assume_unique=True, return_indices=True)
    return float(np.dot(a.style_val[ia], b.style_val[ib]))


def word_cosine(a: Profile, b: Profile) -> float:
    """Cosine of the two accounts' masked word TF-IDF vectors."""
    _, ia, ib = np.intersect1d(a.word_idx, b.word_idx, assume_unique=True, return_indices=True)
    return float(np.dot(a.word_val[ia], b.word_val[ib]))


def compression_similarity(a: Profile, b: Profile) -> float:
    """1 - normalised compression distance of the masked texts (zlib)."""
    if not a.ncd_text or not b.ncd_text:
        return 0.0
    both = len(zlib.compress(a.ncd_text + b"\n" + b.ncd_text, 6))
    ncd = (both - min(a.ncd_size, b.ncd_size)) / max(a.ncd_size, b.ncd_size)
    return 1.0 - ncd


def tags_cosine(a: Profile, b: Profile) -> float:
    """Cosine of sub-linear mention and hashtag counts."""
    shared = a.tags.keys() & b.tags.keys()
    if not shared:
        return 0.0

    def weight(n: int) -> float:
        return 1.0 + math.log(n)

    dot = sum(weight(a.tags[t]) * weight(b.tags[t]) for t in shared)
    na = math.sqrt(sum(weight(n) ** 2 for n in a.tags.values()))
    nb = math.sqrt(sum(weight(n) ** 2 for n in b.tags.values()))
    return dot / (na * nb)


def pair_features(a: Profile, b: Profile, style: float | None = None) -> list[float]:
    """The trained features of one pair, in ``FEATURES`` order."""
    s = style_cosine(a, b) if style is None else style
    c = compression_similarity(a, b)
    g = tags_cosine(a, b)
    w = word_cosine(a, b)
    habits = [-float(v) for v in np.abs(a.habits - b.habits) / HABIT_SCALE]
    amount = math.log10(max(1, min(a.n_chars, b.n_chars)))
    ma, sa, wma, wsa = a.style_norm
    mb, sb, wmb, wsb = b.style_norm
    return [
        s,
        w,
        0.5 * ((s - ma) / sa + (s - mb) / sb),
        0.5 * ((w - wma) / wsa + (w - wmb) / wsb),
        c,
        *habits,
        g,
        float(np.dot(a.hours, b.hours)),
        float(np.dot(a.days, b.days)),
        amount,
        s * amount,
        c * amount,
        w * amount,
        g * amount,
    ]
