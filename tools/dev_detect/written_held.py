"""The held part of the written training sets (``tools/written_training.py``): what a model does on it.

Usage: PYTHONPATH=src:. .venv/bin/python tools/dev_detect/written_held.py [MODEL_DIR ...] [--part held]

For each model directory (``shipped`` = the model in ``src/footprint/rules/detect``), per written source:
the share of positives the whole detector flags with the row's category (threat heads: any threat
category; identity_hate / misogynistic_abuse: either; insult_harassment: any abuse; sexual_harassment:
sexual_harassment or threat_sexual), the share of contrasts it flags with any abuse category, and the
ROC-AUC of each model head alone on the rows annotated for it. Only aggregate figures are printed.
The held part is for choosing settings and reporting; never train on it.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tools" / "dev_detect"))

from model_val import load  # noqa: E402
from written_training import SOURCES, written_rows  # noqa: E402

from footprint.analyse.detect import Detector  # noqa: E402
from footprint.analyse.detect.model import load_model  # noqa: E402
from footprint.analyse.detect.normalise import normalise  # noqa: E402
from footprint.analyse.detect.taxonomy import ABUSE  # noqa: E402

THREATS = {"threat_violence", "threat_to_kill", "threat_sexual"}
HATE = {"identity_hate", "misogynistic_abuse"}
WANT = {
    "threat_violence": THREATS,
    "identity_hate": HATE,
    "misogynistic_abuse": HATE,
    "insult_harassment": set(ABUSE),
    "sexual_harassment": {"sexual_harassment", "threat_sexual"},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", default=["shipped"])
    parser.add_argument("--part", default="held", choices=["held", "train"])
    args = parser.parse_args()
    rows = [r for r in written_rows(ROOT.parent / "shared" / "data") if r.part == args.part]
    texts = [r.text for r in rows]
    norm = [normalise(t).norm for t in texts]
    for arg in args.models:
        model = load_model() if arg == "shipped" else load(Path(arg))
        probs = model.predict(norm)
        res = Detector(model=model).classify_many(texts, speakers=["other"] * len(texts))
        print(f"\n## {arg} (model v{model.version}), {args.part} part, {len(rows)} rows")
        print("| source | positives flagged | contrasts flagged | " + " | ".join(model.heads) + " |")
        print("|---|---|---|" + "---|" * len(model.heads))
        pooled: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for source in (*SOURCES, "all"):
            idx = [i for i, r in enumerate(rows) if source in ("all", r.source)]
            if not idx:
                continue
            pos = [i for i in idx if any(v == 1 for v in rows[i].labels.values())]
            neg = [i for i in idx if i not in set(pos)]
            hit = sum(
                1
                for i in pos
                if set(res[i].labels) & set().union(*(WANT[h] for h, v in rows[i].labels.items() if v == 1))
            )
            fp = sum(1 for i in neg if set(res[i].labels) & set(ABUSE))
            cells = []
            for k, head in enumerate(model.heads):
                ys = [(rows[i].labels[head], float(probs[i, k])) for i in idx if head in rows[i].labels]
                y = [a for a, _ in ys]
                if source != "all":
                    pooled[head][0].extend(y)
                    pooled[head][1].extend(s for _, s in ys)
                cells.append(
                    f"{roc_auc_score(y, [s for _, s in ys]):.3f} ({sum(y)}/{len(y) - sum(y)})"
                    if 0 < sum(y) < len(y)
                    else "–"
                )
            print(
                f"| {source} | {hit}/{len(pos)} ({hit / max(1, len(pos)):.3f}) |"
                f" {fp}/{len(neg)} ({fp / max(1, len(neg)):.3f}) | " + " | ".join(cells) + " |"
            )
        # the detector's own score (rules + model), threat categories, on the threat-annotated rows
        ti = [i for i, r in enumerate(rows) if "threat_violence" in r.labels]
        y = [rows[i].labels["threat_violence"] for i in ti]
        s = [max(res[i].scores[c] for c in THREATS) for i in ti]
        a = [max(res[i].scores[c] for c in ABUSE) for i in range(len(rows))]
        ya = [int(any(v == 1 for v in r.labels.values())) for r in rows]
        print(
            f"\ndetector threat score ROC-AUC on threat-annotated rows {roc_auc_score(y, s):.4f}"
            f" (n={len(y)});"
            f" detector any-abuse ROC-AUC on all rows {roc_auc_score(ya, a):.4f};"
            f" model threat head {roc_auc_score(y, probs[ti, model.heads.index('threat_violence')]):.4f}"
        )
        heads = [f"{h}: {roc_auc_score(*pooled[h]):.4f}" for h in model.heads if pooled[h][0]]
        print("pooled over sources, model head ROC-AUC: " + " | ".join(heads))


if __name__ == "__main__":
    main()
