"""Ranking on the real-post held halves: ROC-AUC of the detector's scores (findings are what the two
``real_*.py`` scripts count; this adds how well the scores *order* the posts). Aggregate figures only.

Usage (once, at the end of a round; the held halves are never for choosing):
    PYTHONPATH=src:. .venv/bin/python tools/dev_detect/real_held_ranking.py

Runs the detector found on PYTHONPATH (so the same file measures an older tree: put its ``src`` first).
Threats: the largest threat-category score, threat labels vs ``none``. Insults: the largest abuse score,
abusive vs not abusive.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from sklearn.metrics import roc_auc_score

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import real_insults  # noqa: E402
import real_threats  # noqa: E402

from footprint.analyse.detect import Detector  # noqa: E402
from footprint.analyse.detect.taxonomy import ABUSE  # noqa: E402

THREATS = ("threat_violence", "threat_to_kill", "threat_sexual")


def main() -> None:
    data = HERE.parents[2] / "shared" / "data"
    det = Detector()
    posts = real_threats.load(data)
    rows = [r for r in real_threats.read_labels() if r["split"] == "held"]
    texts = [posts[r["source"], r["id"]] for r in rows]
    y = [int(r["label"] != "none") for r in rows]
    res = det.classify_many(texts, speakers=["other"] * len(texts))
    s = [max(x.scores[c] for c in THREATS) for x in res]
    print(
        f"{det.model.model_id}: real threats held (n={len(y)}, {sum(y)} threats) threat-score ROC-AUC "
        f"{roc_auc_score(y, s):.4f}"
    )
    with real_insults.LABELS.open(encoding="utf-8") as f:
        labelled = [r for r in csv.DictReader(f) if r["split"] == "held"]
    wanted: dict[str, set[str]] = {}
    for r in labelled:
        wanted.setdefault(r["source"], set()).add(r["id"])
    found = real_insults.texts(data, wanted)
    keep = [r for r in labelled if (r["source"], r["id"]) in found]
    res = det.classify_many([found[r["source"], r["id"]] for r in keep], speakers=["other"] * len(keep))
    y = [int(r["label"] in real_insults.ABUSIVE) for r in keep]
    s = [max(x.scores[c] for c in ABUSE) for x in res]
    print(
        f"{det.model.model_id}: real insults held (n={len(y)}, {sum(y)} abusive) any-abuse ROC-AUC "
        f"{roc_auc_score(y, s):.4f}"
    )


if __name__ == "__main__":
    main()
