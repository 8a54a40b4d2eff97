"""The learned model: npz weights loaded without pickle, the embedding fold of version 4 exact, and when
a head may make a finding alone."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from footprint.analyse.detect import THRESHOLDS, Detector
from footprint.analyse.detect.detector import BELOW_FLOOR
from footprint.analyse.detect.model import (
    LinearModel,
    embedding_features,
    fold_embeddings,
    load_model,
    vectoriser,
    word_buckets,
)


def test_model_loads_from_plain_arrays() -> None:
    base = resources.files("footprint").joinpath("rules", "detect")
    with resources.as_file(base.joinpath("model.npz")) as path, np.load(path, allow_pickle=False) as data:
        assert sorted(data.files) == ["bias", "temperature", "weights"]
        assert all(data[k].dtype != object for k in data.files)
    meta = json.loads(base.joinpath("model.json").read_text(encoding="utf-8"))
    model = load_model()
    assert model.model_id == f"detect-model@{meta['version']}"
    assert model.weights.shape == (model.n_features + model.char_features, len(model.heads))
    p = model.predict(["see you at six", "you are a worthless piece of shit"])
    assert p.shape == (2, len(model.heads))
    assert ((p > 0) & (p < 1)).all()


def test_fold_is_exact_on_a_tiny_model() -> None:
    """Training reads ``embedding_features``; the shipped weights carry ``fold_embeddings``: same scores."""
    n = 64  # few buckets, so that words collide, and collisions are covered too
    words = ["cat", "dog", "vermin", "rat", "lovely", "idiot", "moron", "the", "are", "you"]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(words), 8)).astype(np.float32)
    head = rng.normal(size=8).astype(np.float32)
    word_weights = rng.normal(size=n).astype(np.float32)
    texts = ["you are vermin", "the cat and the dog", "idiot moron!", "nothing listed here", "rat rat rat"]
    x = vectoriser(n).transform(texts).tocsr()
    buckets = word_buckets(words, n)
    assert buckets.shape == (len(words), n) and buckets.nnz == len(words)
    unfolded = x @ word_weights + embedding_features(x, buckets, vectors) @ head
    folded = x @ (word_weights + fold_embeddings(buckets, vectors, head))
    np.testing.assert_allclose(folded, unfolded, atol=1e-5)
    # only the buckets of listed words change
    changed = set(np.flatnonzero(fold_embeddings(buckets, vectors, head)))
    assert changed <= set(buckets.indices)


def _constant_model(probability: float) -> LinearModel:
    """A model whose every head gives ``probability`` to every text (zero weights, a fitted bias)."""
    heads = (
        "threat_violence",
        "misogynistic_abuse",
        "identity_hate",
        "insult_harassment",
        "sexual_harassment",
    )
    logit = float(np.log(probability / (1 - probability)))
    return LinearModel(
        version=0,
        heads=heads,
        weights=np.zeros((16, len(heads)), dtype=np.float32),
        bias=np.full(len(heads), logit, dtype=np.float32),
        temperature=np.ones(len(heads), dtype=np.float32),
        n_features=16,
        meta={},
    )


def test_below_its_floor_a_head_ranks_but_never_finds() -> None:
    """A head alone makes a finding only at its floor (0.95; threat 0.995); below, x BELOW_FLOOR ranks."""
    detector = Detector(model=_constant_model(0.9))
    result = detector.classify("I'll hit you up tomorrow", speaker="other")
    assert not set(result.labels) & set(detector.model.heads)
    assert result.scores["threat_violence"] == pytest.approx(0.9 * BELOW_FLOOR, abs=1e-3)
    assert all(BELOW_FLOOR * 1.0 < THRESHOLDS[h] for h in detector.model.heads)  # never a finding below
    between = Detector(model=_constant_model(0.97)).classify("see you at six", speaker="other")
    assert "insult_harassment" in between.labels or "identity_hate" in between.labels
    assert "threat_violence" not in between.labels  # its floor is 0.995
    assert between.scores["threat_violence"] == pytest.approx(0.97 * BELOW_FLOOR, abs=1e-3)
