"""Train the linkage model: n-gram IDF and the fusion/calibration weights, from time-split pairs.

    .venv/bin/python tools/train_link.py ../shared/data/ira-troll-tweets/tweets_dev.csv.gz

Writes ``src/footprint/rules/link/style_idf.json`` and ``fusion.json``. Training uses only the
training handles (70% of the developer set, seed 20261128); ``bench/eval_link.py`` evaluates on the rest.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from footprint.analyse.link import text as tx
from footprint.analyse.link.evalset import load_handles, make_pairs, pair_matrix, split_handles
from footprint.analyse.link.fusion import FEATURES, MONOTONE
from footprint.analyse.link.profile import DIM, RULES_DIR, ngram_counts, word_counts

SEED = 20261128
TEST_SHARE = 0.3
KS = (5, 20, 100)
# Chosen by 5-fold cross-validation over the training handles only (grouped by handle), never the
# held-out handles: 200 trees of at most 15 leaves beat one logistic regression per band of text
# amount by about +0.012 AUC at k = 20 (0.865 -> 0.877) and +0.006 at k = 100.
TREE_SETTINGS: dict[str, Any] = {
    "max_iter": 200,
    "learning_rate": 0.05,
    "max_leaf_nodes": 15,
    "min_samples_leaf": 40,
}
MODEL_ID = f"link-fusion-trees-{SEED}"


def fit_idf(handles: list, sample: int, seed: int, counter: Any = ngram_counts) -> np.ndarray:
    """Smoothed IDF of hashed features over a sample of training messages (one message = one document)."""
    texts = [m.text for h in handles for m in h.messages]
    random.Random(seed).shuffle(texts)
    df = np.zeros(DIM, dtype=np.int64)
    for t in texts[:sample]:
        ids, _ = counter(tx.mask(t))
        df[ids] += 1
    n = min(sample, len(texts))
    return (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)


def write_idf(name: str, what: str, idf: np.ndarray, args: Any, train: list) -> None:
    """Ship an IDF vector as base64 float16 inside JSON."""
    (RULES_DIR / name).write_text(
        json.dumps(
            {
                "what": what,
                "bits": 18,
                "documents": min(args.idf_sample, sum(len(h.messages) for h in train)),
                "trained_on": "IRA troll tweets (developer set), training handles only; see SOURCES.md",
                "idf_float16_b64": base64.b64encode(idf.astype(np.float16).tobytes()).decode("ascii"),
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


def _pack(idx: np.ndarray, val: np.ndarray, keep: int) -> dict[str, str]:
    top = np.sort(np.argsort(-val)[:keep])
    return {
        "idx": base64.b64encode(idx[top].astype(np.int32).tobytes()).decode("ascii"),
        "val": base64.b64encode(val[top].astype(np.float16).tobytes()).decode("ascii"),
    }


def write_cohort(train: list, size: int, k: int = 50, keep: int = 2500) -> None:
    """Background pseudo-accounts (k middle messages of training handles), heaviest features only."""
    from footprint.analyse.link.profile import style_vector, word_vector

    chosen = sorted(train, key=lambda h: h.name)
    random.Random(SEED).shuffle(chosen)
    chars, words = [], []
    for h in [h for h in chosen if len(h.messages) >= k][:size]:
        mid = len(h.messages) // 2
        text = "\n".join(tx.mask(m.text) for m in h.messages[mid - k // 2 : mid + k // 2])
        chars.append(_pack(*style_vector(text), keep))
        words.append(_pack(*word_vector(text), keep))
    (RULES_DIR / "cohort.json").write_text(
        json.dumps(
            {
                "what": "hashed style vectors of background pseudo-accounts (heaviest features only)",
                "accounts": len(chars),
                "trained_on": "IRA troll tweets (developer set), training handles only; see SOURCES.md",
                "chars": chars,
                "words": words,
            }
        )
        + "\n",
        encoding="utf-8",
    )


def export_trees(clf: HistGradientBoostingClassifier) -> list[dict[str, list[Any]]]:
    """The fitted trees as plain lists; a split node's value is the count-weighted mean of its leaves."""
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        if (nodes["is_categorical"] != 0).any():
            raise SystemExit("categorical splits are not supported")
        value = nodes["value"].astype(np.float64).copy()
        count = nodes["count"].astype(np.float64).copy()
        for i in sorted(range(len(nodes)), key=lambda i: -int(nodes["depth"][i])):
            if not leaf[i]:
                left, right = int(nodes["left"][i]), int(nodes["right"][i])
                count[i] = count[left] + count[right]
                value[i] = (value[left] * count[left] + value[right] * count[right]) / count[i]
        trees.append(
            {
                "feature": [0 if leaf[i] else int(nodes["feature_idx"][i]) for i in range(len(nodes))],
                "threshold": [
                    0.0 if leaf[i] else float(nodes["num_threshold"][i]) for i in range(len(nodes))
                ],
                "left": [-1 if leaf[i] else int(nodes["left"][i]) for i in range(len(nodes))],
                "right": [-1 if leaf[i] else int(nodes["right"][i]) for i in range(len(nodes))],
                "value": [float(v) for v in value],
            }
        )
    return trees


def fit_trees(x: np.ndarray, y: np.ndarray) -> HistGradientBoostingClassifier:
    """Gradient-boosted trees, non-decreasing in the ``MONOTONE`` similarities."""
    clf = HistGradientBoostingClassifier(
        random_state=SEED,
        monotonic_cst=[1 if f in MONOTONE else 0 for f in FEATURES],
        early_stopping=False,
        **TREE_SETTINGS,
    )
    clf.fit(x, y)
    return clf


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--idf-sample", type=int, default=40_000)
    parser.add_argument("--repeats", type=int, default=6)
    parser.add_argument("--cohort", type=int, default=100)
    args = parser.parse_args()
    started = time.time()
    handles = load_handles(args.data)
    train, test = split_handles(handles, TEST_SHARE, SEED)
    print(f"{len(handles)} handles: {len(train)} training, {len(test)} held out")
    RULES_DIR.mkdir(parents=True, exist_ok=True)
    idf = fit_idf(train, args.idf_sample, SEED, word_counts)
    write_idf(
        "word_idf.json", "smoothed IDF of hashed lower-cased words of masked messages", idf, args, train
    )
    idf = fit_idf(train, args.idf_sample, SEED)
    write_idf(
        "style_idf.json", "smoothed IDF of hashed character 1-4-grams of masked messages", idf, args, train
    )
    from footprint.analyse.link import profile

    profile.idf.cache_clear()
    profile.word_idf.cache_clear()
    write_cohort(train, args.cohort)
    profile.cohort.cache_clear()
    xs, ys = [], []
    for k in KS:
        accounts, pairs = make_pairs(train, k, SEED + k, repeats=args.repeats)
        x, y, _ = pair_matrix(accounts, pairs)
        xs.append(x)
        ys.append(y)
        print(f"k={k}: {len(pairs)} training pairs ({time.time() - started:.0f}s)")
    x, y = np.vstack(xs), np.concatenate(ys)
    clf = fit_trees(x, y)
    trees = export_trees(clf)
    data = {
        "model_id": MODEL_ID,
        "features": list(FEATURES),
        "what": (
            "gradient-boosted trees (sklearn HistGradientBoostingClassifier, exported as plain lists);"
            " output = ln LR (balanced classes); node value = the tree's output at the node"
        ),
        "settings": {**TREE_SETTINGS, "monotone_increasing": list(MONOTONE)},
        "base": float(clf._baseline_prediction.ravel()[0]),
        "trees": trees,
        "trained_on": {
            "data": "IRA troll tweets developer set (MIT), training handles only",
            "handles": len(train),
            "pairs": int(len(y)),
            "k": list(KS),
            "seed": SEED,
            "split": "block: k consecutive messages from the earlier and the later half of each handle",
        },
    }
    (RULES_DIR / "fusion.json").write_text(json.dumps(data) + "\n", encoding="utf-8")
    from footprint.analyse.link import fusion

    fusion.load_model.cache_clear()
    check = fusion.load_model().log10_lr(x) * np.log(10)
    drift = float(np.abs(check - clf.decision_function(x)).max())
    print(f"{len(trees)} trees; shipped model vs sklearn: max difference {drift:.2e} (ln LR)")
    if drift > 1e-6:
        raise SystemExit("the exported trees do not reproduce the fitted model")
    print(f"done in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
