"""Evaluate account linkage on held-out IRA handles with pseudo-accounts split in time.

    .venv/bin/python bench/eval_link.py [../shared/data/ira-troll-tweets/tweets_dev.csv.gz] [--json OUT]

Pseudo-accounts are k consecutive messages from the earlier half of a handle's history versus k
consecutive messages from the later half (never random samples). Only handles not used by
``tools/train_link.py`` are scored. Reports ROC-AUC, EER, recall and precision at 1% false
positives, Brier and Cllr, per evidence kind and fused, for k = 5, 20 and 100; and the fused score as
the analyser reports it (abstaining below 5 messages / 300 characters, clamped): the share abstained,
c@1, and recall, false-positive rate and precision at its finding and candidate-person thresholds.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from footprint.analyse.link.analyser import FINDING_FROM
from footprint.analyse.link.evalset import (
    Handle,
    load_handles,
    make_pairs,
    metrics,
    pair_matrix,
    shipped_figures,
    split_handles,
)
from footprint.analyse.link.fusion import FEATURES, load_model
from footprint.analyse.link.joining import CLUSTER_FROM

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from train_link import KS, SEED, TEST_SHARE  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "ira-troll-tweets" / "tweets_dev.csv.gz"
KINDS = {
    "style: char 1-4 TF-IDF (masked)": ("style_cosine", "style_x_amount", "text_amount"),
    "style: words TF-IDF (masked)": ("word_cosine", "word_x_amount", "text_amount"),
    "style: compression (zlib NCD)": ("compression", "compression_x_amount", "text_amount"),
    "style: habits (rates)": tuple(f for f in FEATURES if f.startswith("habit_")),
    "tags: mentions, hashtags": ("tags_cosine", "tags_x_amount", "text_amount"),
    "timing: hour + weekday": ("hour_profile", "weekday_profile"),
}


def kind_calibrators(train: list[Handle], repeats: int) -> dict[str, tuple[list[int], LogisticRegression]]:
    """One logistic calibration per evidence kind, fitted on the training handles only."""
    xs, ys = [], []
    for k in KS:
        accounts, pairs = make_pairs(train, k, SEED + k, repeats=repeats)
        x, y, _ = pair_matrix(accounts, pairs)
        xs.append(x)
        ys.append(y)
    x, y = np.vstack(xs), np.concatenate(ys)
    out = {}
    for name, features in KINDS.items():
        cols = [FEATURES.index(f) for f in features]
        clf = LogisticRegression(class_weight="balanced", max_iter=2000).fit(x[:, cols], y)
        out[name] = (cols, clf)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--mode",
        choices=("block", "halves"),
        default="block",
        help="block: k consecutive messages from each half; halves: k drawn from each half (reference)",
    )
    parser.add_argument("--exclude", default="", help="comma-separated account categories to leave out")
    parser.add_argument(
        "--negatives",
        choices=("random", "category"),
        default="random",
        help="random: another held-out handle; category: one of the same account category (hard negatives)",
    )
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data}; nothing evaluated")
        return 0
    model = load_model()
    handles = load_handles(args.data)
    train, test = split_handles(handles, TEST_SHARE, SEED)
    calibrators = kind_calibrators(train, 2)
    excluded = {c for c in args.exclude.split(",") if c}
    test = [h for h in test if h.category not in excluded]
    results: dict[str, dict[str, dict[str, float]]] = {}
    for k in KS:
        started = time.time()
        accounts, pairs = make_pairs(
            test, k, SEED + 1000 + k, repeats=args.repeats, mode=args.mode, negatives=args.negatives
        )
        x, y, enough = pair_matrix(accounts, pairs)
        row = {
            name: metrics(y, clf.decision_function(x[:, cols]) / np.log(10))
            for name, (cols, clf) in calibrators.items()
        }
        fused = model.log10_lr(x)
        row["fused (calibrated log10 LR)"] = metrics(y, fused)
        shipped = shipped_figures(y, fused, ~enough)
        handles_used = len({p.a.split("|")[0] for p in pairs})
        results[f"k={k}"] = {**row, "as shipped (abstention, clamp, thresholds)": shipped}
        print(f"\nk = {k}: {handles_used} held-out handles, {len(pairs)} pairs, {time.time() - started:.1f}s")
        heads = " ".join(f"{h:>6s}" for h in ("AUC", "EER", "R@1%", "P@1%", "Brier", "Cllr"))
        print(f"  {'evidence kind':34s} {heads}")
        for name, m in row.items():
            print(
                f"  {name:34s} {m['auc']:6.3f} {m['eer']:6.3f} {m['recall_at_1pct_fpr']:6.3f}"
                f" {m['precision_at_1pct_fpr']:6.3f} {m['brier']:6.3f} {m['cllr']:6.3f}"
            )
        print(
            "  as shipped: "
            + ", ".join(f"{name} {value:.3f}" for name, value in shipped.items())
            + f" (finding from log10 LR {FINDING_FROM}, candidate person from {CLUSTER_FROM})"
        )
    print(
        f"\nmode {args.mode}, {args.negatives} negatives; model {model.model_id};"
        " per-kind rows use a logistic calibration fitted on training handles"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
