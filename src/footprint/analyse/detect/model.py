"""The shipped linear model: hashed word and character n-grams, one logistic head each, plain npz weights."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray

from footprint.analyse.detect.features import bucket, hashed_ngrams
from footprint.errors import AnalysisError

MODEL_FILE = "model.npz"
META_FILE = "model.json"


def vectoriser(n_features: int) -> Any:
    """The feature extractor the model was trained with (stateless, so nothing to ship but weights;
    scikit-learn is imported here, not with the module: ``features._murmur``)."""
    from sklearn.feature_extraction.text import HashingVectorizer  # type: ignore[import-untyped]

    return HashingVectorizer(
        n_features=n_features,
        ngram_range=(1, 2),
        alternate_sign=False,
        norm="l2",
        binary=True,
        lowercase=False,
        token_pattern=r"(?u)\b\w+\b|[!?]",
        dtype=np.float32,
    )


def char_vectoriser(n_features: int) -> Any:
    """Optional character 3-5 grams within words (robust to misspellings; slower)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        n_features=n_features,
        analyzer="char_wb",
        ngram_range=(3, 5),
        alternate_sign=False,
        norm="l2",
        binary=True,
        lowercase=False,
        dtype=np.float32,
    )


def features(texts: list[str], n_features: int, char_features: int = 0) -> Any:
    """The sparse feature matrix: word n-grams, then (if the model uses them) character n-grams."""
    x = vectoriser(n_features).transform(texts)
    if not char_features:
        return x
    from scipy.sparse import hstack  # type: ignore[import-untyped]

    return hstack([x, char_vectoriser(char_features).transform(texts)], format="csr")


def word_buckets(words: list[str], n_features: int) -> Any:
    """Sparse words x buckets matrix: a 1 where the word vectoriser hashes each word (as a unigram)."""
    m = vectoriser(n_features).transform(words).tocsr()
    m.data[:] = 1.0
    return m


def embedding_features(x_word: Any, buckets: Any, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
    """Training only: each text's dense word-embedding feature.

    ``x_word`` is the texts' hashed word matrix (binary, l2-normalised, as ``vectoriser`` makes it),
    ``buckets`` is ``word_buckets(words)`` and ``vectors`` the words' embeddings: the feature is
    ``x_word @ buckets.T @ vectors``, the l2-weighted sum of the embeddings of the listed words in the
    text (a bucket shared by two listed words carries the sum of their embeddings).
    """
    return np.asarray((x_word @ buckets.T) @ vectors, dtype=np.float32)


def fold_embeddings(
    buckets: Any, vectors: NDArray[np.float32], head: NDArray[np.float32]
) -> NDArray[np.float32]:
    """What a head's weights on the embedding feature add to its hashed word weights.

    ``x_word @ fold_embeddings(b, e, v) == embedding_features(x_word, b, e) @ v`` for every text (up to
    float rounding), hash collisions included, since both are ``x_word @ b.T @ e @ v``: after the fold
    the model needs no embeddings at run time.
    """
    return np.asarray(buckets.T @ (vectors @ head), dtype=np.float32).reshape(-1)


@dataclass(frozen=True)
class LinearModel:
    """Weights (features x heads), biases, head names and a temperature per head for calibration."""

    version: int
    heads: tuple[str, ...]
    weights: NDArray[np.float32]
    bias: NDArray[np.float32]
    temperature: NDArray[np.float32]
    n_features: int
    meta: dict[str, Any]
    char_features: int = 0

    @property
    def model_id(self) -> str:
        return f"detect-model@{self.version}"

    def predict(self, texts: list[str]) -> NDArray[np.float32]:
        """Calibrated probabilities, one row per text, one column per head."""
        x = hashed_ngrams(self.n_features, self.char_features).matrix(texts)
        z = (x @ self.weights + self.bias) / self.temperature
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float32)

    def top_terms(self, text: str, head: str, limit: int = 3) -> list[str]:
        """The words and word pairs in ``text`` that push ``head`` up most (for the explanation)."""
        k = self.heads.index(head)
        analyse = vectoriser(self.n_features).build_analyzer()
        weighted: dict[str, float] = {}
        for gram in analyse(text):
            index = bucket(gram, self.n_features)
            weighted[gram] = float(self.weights[index, k])
        best = sorted((w, g) for g, w in weighted.items() if w > 0.5)[::-1]
        return [g for _, g in best[:limit]]


@cache
def load_model() -> LinearModel:
    """Load the shipped weights (numpy arrays only: ``allow_pickle=False``)."""
    base = resources.files("footprint").joinpath("rules", "detect")
    try:
        meta = json.loads(base.joinpath(META_FILE).read_text(encoding="utf-8"))
        with resources.as_file(base.joinpath(MODEL_FILE)) as path, np.load(path, allow_pickle=False) as data:
            weights = data["weights"].astype(np.float32)
            bias = data["bias"].astype(np.float32)
            temperature = data["temperature"].astype(np.float32)
    except (OSError, KeyError, ValueError) as exc:
        raise AnalysisError(
            f"detect model files are missing or unreadable ({exc}); reinstall Footprint or run"
            " tools/train_detect.py"
        ) from None
    heads = tuple(meta["heads"])
    char_features = int(meta.get("char_features", 0))
    if weights.shape != (int(meta["n_features"]) + char_features, len(heads)):
        raise AnalysisError("detect model weights do not match model.json; run tools/train_detect.py again")
    return LinearModel(
        version=int(meta["version"]),
        heads=heads,
        weights=weights,
        bias=bias,
        temperature=temperature,
        n_features=int(meta["n_features"]),
        meta=meta,
        char_features=char_features,
    )
