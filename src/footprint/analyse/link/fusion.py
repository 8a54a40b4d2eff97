"""The trained part: pair scores for style, tags and timing, fused and calibrated to a log10 LR."""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

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


@dataclass(frozen=True)
class FusionModel:
    """Standardised logistic regression over pair features, trained with balanced classes."""

    model_id: str
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    low: tuple[float, ...]
    high: tuple[float, ...]

    def _z(self, x: np.ndarray[Any, np.dtype[np.float64]]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Standardised features, clamped to the training range (no extrapolation)."""
        clamped = np.clip(x, np.array(self.low), np.array(self.high))
        return np.asarray((clamped - np.array(self.mean)) / np.array(self.scale), dtype=np.float64)

    def log10_lr(self, x: np.ndarray[Any, np.dtype[np.float64]]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """log10 likelihood ratios for rows of features (balanced training: logit = ln LR)."""
        z = self._z(x)
        logit = z @ np.array(self.coef) + self.intercept
        return np.asarray(logit / math.log(10), dtype=np.float64)

    def contributions(self, x: np.ndarray[Any, np.dtype[np.float64]]) -> dict[str, float]:
        """Each evidence kind's share of one pair's log10 LR (relative to an average pair)."""
        z = self._z(x)
        parts = z * np.array(self.coef) / math.log(10)
        out: dict[str, float] = {}
        for name, value in zip(FEATURES, parts, strict=True):
            out[KIND_OF[name]] = out.get(KIND_OF[name], 0.0) + float(value)
        out["baseline"] = self.intercept / math.log(10)
        return out

    def to_json(self) -> dict[str, Any]:
        """The shipped form (JSON: no pickles)."""
        return {
            "model_id": self.model_id,
            "features": list(FEATURES),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "low": list(self.low),
            "high": list(self.high),
        }


@dataclass(frozen=True)
class BandedModel:
    """One fusion model per band of text amount (log10 characters of the shorter account)."""

    model_id: str
    edges: tuple[float, ...]
    bands: tuple[FusionModel, ...]

    def _band(self, amount: float) -> int:
        return int(np.searchsorted(np.array(self.edges), amount, side="right"))

    def log10_lr(self, x: np.ndarray[Any, np.dtype[np.float64]]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """log10 likelihood ratios, each row by the model of its text-amount band."""
        out = np.zeros(len(x), dtype=np.float64)
        which = np.searchsorted(np.array(self.edges), x[:, AMOUNT], side="right")
        for i, band in enumerate(self.bands):
            rows = which == i
            if rows.any():
                out[rows] = band.log10_lr(x[rows])
        return out

    def contributions(self, x: np.ndarray[Any, np.dtype[np.float64]]) -> dict[str, float]:
        """Each evidence kind's share of one pair's log10 LR, from the model of its band."""
        return self.bands[self._band(float(x[AMOUNT]))].contributions(x)


AMOUNT = FEATURES.index("text_amount")


def _band_model(data: dict[str, Any]) -> FusionModel:
    return FusionModel(
        model_id=str(data.get("model_id", "")),
        mean=tuple(data["mean"]),
        scale=tuple(data["scale"]),
        coef=tuple(data["coef"]),
        intercept=float(data["intercept"]),
        low=tuple(data["low"]),
        high=tuple(data["high"]),
    )


@lru_cache(maxsize=1)
def load_model() -> BandedModel:
    """The fusion model shipped in ``footprint/rules/link``."""
    path = RULES_DIR / MODEL_FILE
    if not path.is_file():
        raise AnalysisError(
            "the linkage model footprint/rules/link/fusion.json is missing; reinstall Footprint"
            " or rebuild it with tools/train_link.py"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise AnalysisError("footprint/rules/link/fusion.json was trained on other features; retrain it")
    return BandedModel(
        model_id=str(data["model_id"]),
        edges=tuple(float(e) for e in data["edges"]),
        bands=tuple(_band_model(b) for b in data["bands"]),
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
