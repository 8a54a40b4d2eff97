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
from sklearn.linear_model import LogisticRegression

from footprint.analyse.link import text as tx
from footprint.analyse.link.evalset import load_handles, make_pairs, pair_matrix, split_handles
from footprint.analyse.link.fusion import AMOUNT, FEATURES, FusionModel
from footprint.analyse.link.profile import DIM, RULES_DIR, ngram_counts, word_counts

SEED = 20261128
TEST_SHARE = 0.3
KS = (5, 20, 100)
EDGES = (3.0, 3.6)  # log10 characters of the shorter account: about 1,000 and 4,000
MODEL_ID = f"link-fusion-banded-{SEED}"


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


def fit_band(x: np.ndarray, y: np.ndarray, label: str) -> FusionModel:
    """One standardised, balanced logistic regression; inputs clamped to the 1st-99th percentiles."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    clf = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000)
    clf.fit((x - mean) / scale, y)
    print(f"{label}: {len(y)} pairs")
    for name, c in zip(FEATURES, clf.coef_[0], strict=True):
        print(f"  {name:22s} {c:+.3f}")
    return FusionModel(
        model_id=label,
        mean=tuple(round(float(v), 6) for v in mean),
        scale=tuple(round(float(v), 6) for v in scale),
        coef=tuple(round(float(v), 6) for v in clf.coef_[0]),
        intercept=round(float(clf.intercept_[0]), 6),
        low=tuple(round(float(v), 6) for v in np.percentile(x, 1, axis=0)),
        high=tuple(round(float(v), 6) for v in np.percentile(x, 99, axis=0)),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--idf-sample", type=int, default=40_000)
    parser.add_argument("--repeats", type=int, default=2)
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
        x, y = pair_matrix(accounts, pairs)
        xs.append(x)
        ys.append(y)
        print(f"k={k}: {len(pairs)} training pairs ({time.time() - started:.0f}s)")
    x, y = np.vstack(xs), np.concatenate(ys)
    which = np.searchsorted(np.array(EDGES), x[:, AMOUNT], side="right")
    bands = []
    for band in range(len(EDGES) + 1):
        rows = which == band
        bands.append(fit_band(x[rows], y[rows], f"band {band}"))
    data = {
        "model_id": MODEL_ID,
        "features": list(FEATURES),
        "what": "standardised logistic regression per band of text amount; logit = ln LR (balanced classes)",
        "edges": list(EDGES),
        "bands": [b.to_json() for b in bands],
        "trained_on": {
            "data": "IRA troll tweets developer set (MIT), training handles only",
            "handles": len(train),
            "pairs": int(len(y)),
            "k": list(KS),
            "seed": SEED,
            "split": "block: k consecutive messages from the earlier and the later half of each handle",
        },
    }
    (RULES_DIR / "fusion.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"done in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
