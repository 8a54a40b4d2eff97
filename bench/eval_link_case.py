"""Evaluate the whole pair scorer (trained part *and* expert evidence) at the report's thresholds.

    .venv/bin/python bench/eval_link_case.py [DATA] [--split train|test] [--before REF] [--json OUT]

``bench/eval_link.py`` scores the trained part alone. This scores each pseudo-account pair as the
analyser does (``score_pair``: shared identifiers weighed in a case made of every pseudo-account of
that k, copied texts, the gap between accounts, abstention, clamps) and reports, per k, the share
abstained, ROC-AUC, and recall, false-positive rate and precision at the finding (log10 LR >= 1) and
candidate-person (>= 2) thresholds, with how often each expert signal fired on same-handle and
different-handle pairs and the likelihood ratio that implies.

``--before REF`` scores the same pairs, in the same run, with the scorer of git revision REF (its
``src`` unpacked into a temporary folder and run in a subprocess) and prints both side by side.
Weights are judged on ``--split train`` (the handles the model was trained on); the held-out handles
(``--split test``, the default) are only reported.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

from footprint.analyse.link.analyser import FINDING_FROM
from footprint.analyse.link.evalset import load_handles, make_pairs, split_handles
from footprint.analyse.link.joining import CLUSTER_FROM
from footprint.analyse.link.profile import build_profile
from footprint.analyse.link.score import CaseContext, score_pair

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from train_link import KS, SEED, TEST_SHARE  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "ira-troll-tweets" / "tweets_dev.csv.gz"
SIGNALS = {
    "identifier counted": lambda e: e["kind"] == "identifiers" and e["weight_log10"] > 0,
    "identifier not counted: public site": lambda e: (
        e["kind"] == "identifiers" and "public site" in e["reason"]
    ),
    "identifier not counted: 3+ accounts": lambda e: (
        e["kind"] == "identifiers" and "accounts in the case quote" in e["reason"]
    ),
    "identifier not counted: business": lambda e: (
        e["kind"] == "identifiers" and ("a UK 0" in e["reason"] or "role mailbox" in e["reason"])
    ),
    "gap counted": lambda e: e["reason"].startswith("never active") and e["weight_log10"] > 0,
    "gap not counted": lambda e: e["reason"].startswith("never active") and e["weight_log10"] == 0,
    "copied texts left out": lambda e: "sent word for word by both accounts" in e["reason"],
}


def score(data: Path, split: str, mode: str, negatives: str, repeats: int) -> dict[str, Any]:
    """Every k's pairs scored with the scorer on ``sys.path``."""
    train, test = split_handles(load_handles(data), TEST_SHARE, SEED)
    handles = train if split == "train" else test
    out: dict[str, Any] = {}
    for k in KS:
        accounts, pairs = make_pairs(
            handles, k, SEED + 2000 + k, repeats=repeats, mode=mode, negatives=negatives
        )
        needed = sorted({p.a for p in pairs} | {p.b for p in pairs})
        profiles = {key: build_profile(key, accounts[key]) for key in needed}
        # one case per repeat (a handle's earlier and later account once each), as its accounts would be
        cases: dict[str, list[str]] = {}
        for key in needed:
            cases.setdefault(key.split("|")[1], []).append(key)
        ctx = {}
        for repeat, keys in cases.items():
            spread: Counter[tuple[str, str]] = Counter(i for key in keys for i in profiles[key].identifiers)
            ctx[repeat] = CaseContext(accounts=len(keys), identifier_accounts=dict(spread))
        rows = []
        for pair in pairs:
            link = score_pair(profiles[pair.a], profiles[pair.b], ctx[pair.a.split("|")[1]], explain=False)
            evidence = [
                {"kind": e.kind, "reason": e.reason, "weight_log10": round(e.weight, 3)}
                for e in link.evidence
            ]
            fired = [name for name, test_ in SIGNALS.items() if any(test_(e) for e in evidence)]
            rows.append((int(pair.same), link.log10_lr, link.abstained, fired))
        out[f"k={k}"] = rows
    return out


def figures(rows: list[tuple[int, float, bool, list[str]]]) -> dict[str, float]:
    """Abstained share, AUC, and recall / FPR / precision at the report's thresholds."""
    y = np.array([r[0] for r in rows])
    lr = np.array([r[1] for r in rows])
    out = {
        "pairs": float(len(rows)),
        "abstained": float(np.mean([r[2] for r in rows])),
        "auc": float(roc_auc_score(y, lr)),
    }
    for name, threshold in (("finding", FINDING_FROM), ("person", CLUSTER_FROM)):
        said = lr >= threshold
        tp, fp = int(np.sum(said & (y == 1))), int(np.sum(said & (y == 0)))
        out[f"recall_{name}"] = tp / max(1, int(np.sum(y == 1)))
        out[f"fpr_{name}"] = fp / max(1, int(np.sum(y == 0)))
        out[f"precision_{name}"] = tp / (tp + fp) if tp + fp else math.nan
    for signal in SIGNALS:
        same = np.mean([signal in r[3] for r in rows if r[0] == 1])
        other = np.mean([signal in r[3] for r in rows if r[0] == 0])
        out[f"{signal}: share of same-handle pairs"] = float(same)
        out[f"{signal}: share of different-handle pairs"] = float(other)
    return {k: round(v, 4) for k, v in out.items()}


def before(ref: str, argv: list[str]) -> dict[str, Any]:
    """The same scoring with git revision ``ref``'s scorer, in a subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "src.tar"
        subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), ref, "src"], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        out = Path(tmp) / "before.json"
        env_path = f"{tmp}/src"
        subprocess.run(
            [sys.executable, __file__, *argv, "--raw", str(out)],
            check=True,
            env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
        )
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--split", choices=("train", "test"), default="test")
    parser.add_argument("--mode", choices=("block", "halves"), default="block")
    parser.add_argument("--negatives", choices=("random", "category"), default="random")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--before", metavar="REF", help="also score with git revision REF's scorer")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--raw", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data}; nothing evaluated")
        return 0
    common = [str(args.data), "--split", args.split, "--mode", args.mode, "--negatives", args.negatives]
    common += ["--repeats", str(args.repeats)]
    if args.raw:  # the subprocess of --before
        raw = score(args.data, args.split, args.mode, args.negatives, args.repeats)
        args.raw.write_text(json.dumps(raw), encoding="utf-8")
        return 0
    runs = {"after": score(args.data, args.split, args.mode, args.negatives, args.repeats)}
    if args.before:
        runs = {"before": before(args.before, common), **runs}
    results = {name: {k: figures(rows) for k, rows in raw.items()} for name, raw in runs.items()}
    print(f"split {args.split}, mode {args.mode}, {args.negatives} negatives, {args.repeats} repeats")
    for k in results["after"]:
        print(f"\n{k}")
        for metric in results["after"][k]:
            cells = "  ".join(f"{name} {results[name][k][metric]:.4f}" for name in results)
            print(f"  {metric:42s} {cells}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
