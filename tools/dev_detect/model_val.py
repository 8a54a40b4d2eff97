"""Model selection on HateXplain *val* (aggregate figures only; no row is printed).

Usage: PYTHONPATH=src:. .venv/bin/python tools/dev_detect/model_val.py MODEL_DIR [MODEL_DIR ...]

For each candidate directory (model.npz + model.json, as tools/train_detect.py --out writes them):
ROC-AUC on the HateXplain validation ids of the model alone (hate+offensive vs normal, as the largest
of the identity_hate and insult_harassment heads; hate vs rest with identity_hate) and of the whole
detector (rules + that model, largest abuse score); and the same on the subset of posts holding a
word never seen in the training texts (what the embedding fold of version 4 is for).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

import public_splits  # noqa: E402
from train_detect import TEMPLATES, read_public  # noqa: E402

from footprint.analyse.detect import Detector  # noqa: E402
from footprint.analyse.detect.model import LinearModel  # noqa: E402
from footprint.analyse.detect.normalise import normalise  # noqa: E402
from footprint.analyse.detect.taxonomy import ABUSE  # noqa: E402


def load(path: Path) -> LinearModel:
    meta = json.loads((path / "model.json").read_text(encoding="utf-8"))
    with np.load(path / "model.npz", allow_pickle=False) as data:
        return LinearModel(
            version=int(meta["version"]),
            heads=tuple(meta["heads"]),
            weights=data["weights"].astype(np.float32),
            bias=data["bias"].astype(np.float32),
            temperature=data["temperature"].astype(np.float32),
            n_features=int(meta["n_features"]),
            meta=meta,
            char_features=int(meta.get("char_features", 0)),
        )


def main() -> None:
    data = ROOT.parent / "shared" / "data"
    rows = [(t, c) for t, c in public_splits.hatexplain(data, "val") if c != "3"]
    texts = [t for t, _ in rows]
    any_y = np.array([int(c in ("1", "2")) for _, c in rows])
    hate_y = np.array([int(c == "1") for _, c in rows])
    norm = [normalise(t).norm for t in texts]
    seen = {w for t, _, _ in read_public(data) for w in re.findall(r"[a-z]+", normalise(t).norm)}
    seen.update(w for ts in TEMPLATES.values() for t in ts for w in re.findall(r"[a-z]+", t))
    new = np.array([bool(set(re.findall(r"[a-z]+", t)) - seen) for t in norm])
    for arg in sys.argv[1:]:
        model = load(Path(arg))
        p = model.predict(norm)
        ih, ins = model.heads.index("identity_hate"), model.heads.index("insult_harassment")
        alone = np.maximum(p[:, ih], p[:, ins])
        det = Detector(model=model)
        full = np.array([max(r.scores[c] for c in ABUSE) for r in det.classify_many(texts)])
        print(
            f"{arg}: n={len(rows)} model any-abuse {roc_auc_score(any_y, alone):.4f}"
            f" | model hate (identity_hate) {roc_auc_score(hate_y, p[:, ih]):.4f}"
            f" | detector any-abuse {roc_auc_score(any_y, full):.4f}"
            f" || posts with a word unseen in training (n={int(new.sum())}): model any-abuse"
            f" {roc_auc_score(any_y[new], alone[new]):.4f},"
            f" detector {roc_auc_score(any_y[new], full[new]):.4f}"
        )


if __name__ == "__main__":
    main()
