"""The shipped fusion trees: exact export from sklearn, shares that add up, monotone similarities."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from footprint.analyse.link.fusion import FEATURES, MONOTONE, load_model, pair_features, tree_model
from footprint.analyse.link.profile import RULES_DIR, Message, build_profile
from footprint.analyse.link.score import score_pair

TOOLS = Path(__file__).parents[3] / "tools"


def _rows() -> np.ndarray:
    """Feature rows of real (synthetic-text) pairs, so every tree path seen is a plausible one."""
    writers = [
        [f"msg {i} from writer {w}: {'innit !!!' if w % 2 else 'Kind regards.'} #tag{w}" for i in range(30)]
        for w in range(4)
    ]
    profiles = [
        build_profile(
            f"w{w}", [Message(t, f"2024-01-{1 + i % 28:02d}T1{w}:00:00Z") for i, t in enumerate(ts)]
        )
        for w, ts in enumerate(writers)
    ]
    return np.array([pair_features(a, b) for a in profiles for b in profiles if a is not b])


def test_exported_trees_reproduce_sklearn() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    sys.path.insert(0, str(TOOLS))
    try:
        from train_link import export_trees
    finally:
        sys.path.remove(str(TOOLS))
    rng = np.random.default_rng(1)
    x = rng.normal(size=(600, len(FEATURES)))
    y = (x[:, 0] + x[:, 4] * x[:, 16] + rng.normal(scale=0.5, size=600) > 0).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=7, random_state=0).fit(x, y)
    model = tree_model(
        {"model_id": "t", "base": float(clf._baseline_prediction.ravel()[0]), "trees": export_trees(clf)}
    )
    probe = rng.normal(size=(200, len(FEATURES)))
    assert np.allclose(model.log10_lr(probe) * np.log(10), clf.decision_function(probe), atol=1e-9)


def test_kind_shares_add_up_to_the_trained_log10_lr() -> None:
    model = load_model()
    rows = _rows()
    lr = model.log10_lr(rows)
    for row, value in zip(rows, lr, strict=True):
        parts = model.contributions(row)
        assert set(parts) == {"style", "tags", "timing", "baseline"}
        assert sum(parts.values()) == pytest.approx(float(value), abs=1e-9)


def test_more_alike_never_lowers_the_score() -> None:
    model = load_model()
    rows = _rows()
    for name in MONOTONE:
        col = FEATURES.index(name)
        grid = np.linspace(rows[:, col].min() - 1, rows[:, col].max() + 1, 25)
        for row in rows[:4]:
            probe = np.repeat(row[None, :], len(grid), axis=0)
            probe[:, col] = grid
            assert np.all(np.diff(model.log10_lr(probe)) >= -1e-12), name


def test_shipped_model_is_json_trees_and_small() -> None:
    path = RULES_DIR / "fusion.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES) and len(data["trees"]) == data["settings"]["max_iter"]
    assert path.stat().st_size < 2_000_000


def test_score_pair_kinds_match_the_model_shares() -> None:
    lines = [f"well i never said that, did i? not once... {i}" for i in range(20)]
    # the texts differ between the accounts (the same text sent by both is left out of style)
    a = build_profile("a", [Message(t, f"2024-03-{i + 1:02d}T09:00:00Z") for i, t in enumerate(lines[:10])])
    b = build_profile("b", [Message(t, f"2024-04-{i + 1:02d}T09:30:00Z") for i, t in enumerate(lines[10:])])
    scored = score_pair(a, b)
    parts = load_model().contributions(np.array(pair_features(a, b)))
    assert scored.kinds["style"] == pytest.approx(parts["style"], abs=1e-3)
    assert scored.kinds["baseline"] == pytest.approx(parts["baseline"], abs=1e-3)
    # the total is the trained shares plus the expert evidence (here: never active at the same time)
    assert any(e.reason.startswith("never active at the same time") for e in scored.evidence)
    assert scored.log10_lr == pytest.approx(sum(scored.kinds.values()), abs=2e-3)
