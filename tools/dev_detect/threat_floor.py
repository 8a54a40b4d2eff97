"""Choose the threat head's floor (and the below-floor factor) on permitted data only.

Usage: PYTHONPATH=src:. .venv/bin/python tools/dev_detect/threat_floor.py MODEL [--floors F ...] [--below B]

For each setting: on the held part of the written sets, threat positives flagged with a threat category and
contrasts flagged with any abuse category; threat findings made by the model alone (no rule); on the
HateXplain *validation* ids, the detector's any-abuse ROC-AUC and how many posts annotated "normal" get a
threat finding. Aggregate figures only. Never run on a test split.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tools" / "dev_detect"))

import public_splits  # noqa: E402
from model_val import load  # noqa: E402
from written_training import written_rows  # noqa: E402

from footprint.analyse.detect import Detector  # noqa: E402
from footprint.analyse.detect import detector as detector_module  # noqa: E402
from footprint.analyse.detect.model import load_model  # noqa: E402
from footprint.analyse.detect.taxonomy import ABUSE  # noqa: E402

THREATS = {"threat_violence", "threat_to_kill", "threat_sexual"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--floors", type=float, nargs="*", default=[0.995, 0.99, 0.98, 0.95])
    parser.add_argument("--below", type=float, nargs="*", default=[0.45])
    args = parser.parse_args()
    model = load_model() if args.model == "shipped" else load(Path(args.model))
    rows = [r for r in written_rows(ROOT.parent / "shared" / "data") if r.part == "held"]
    pos = [r.text for r in rows if r.labels.get("threat_violence") == 1]
    neg = [r.text for r in rows if all(v == 0 for v in r.labels.values())]
    hx = [(t, c) for t, c in public_splits.hatexplain(ROOT.parent / "shared" / "data", "val") if c != "3"]
    hx_y = [int(c in ("1", "2")) for _, c in hx]
    normal = [i for i, (_, c) in enumerate(hx) if c == "0"]
    print(f"threat positives {len(pos)}, contrasts {len(neg)} (written held part); HateXplain val {len(hx)}")
    print(
        "| threat floor | below-floor factor | held threats flagged | held contrasts flagged |"
        " model-alone threat findings (held pos / contrasts) | HX val any-abuse ROC-AUC |"
        " HX val normal posts with a threat finding |"
    )
    print("|---|---|---|---|---|---|---|")
    original = dict(detector_module.MODEL_FLOOR), detector_module.BELOW_FLOOR
    try:
        for floor in args.floors:
            for below in args.below:
                detector_module.MODEL_FLOOR["threat_violence"] = floor
                detector_module.BELOW_FLOOR = below
                det = Detector(model=model)
                rp = det.classify_many(pos, speakers=["other"] * len(pos))
                rn = det.classify_many(neg, speakers=["other"] * len(neg))
                hit = sum(bool(set(r.labels) & THREATS) for r in rp)
                fp = sum(bool(set(r.labels) & set(ABUSE)) for r in rn)
                alone = [
                    sum(any(d.category in THREATS and not d.rule_ids for d in r.detections) for r in rs)
                    for rs in (rp, rn)
                ]
                rh = det.classify_many([t for t, _ in hx])
                score = [max(r.scores[c] for c in ABUSE) for r in rh]
                thr = sum(bool(set(rh[i].labels) & THREATS) for i in normal)
                print(
                    f"| {floor} | {below} | {hit}/{len(pos)} | {fp}/{len(neg)} | {alone[0]} / {alone[1]} |"
                    f" {roc_auc_score(hx_y, score):.4f} | {thr}/{len(normal)} |"
                )
    finally:
        detector_module.MODEL_FLOOR.clear()
        detector_module.MODEL_FLOOR.update(original[0])
        detector_module.BELOW_FLOOR = original[1]


if __name__ == "__main__":
    main()
