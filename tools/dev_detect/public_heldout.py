"""The public held-out figures of ``bench/eval_detect.py`` (footprint column only), four decimals, per model.

Usage: LC_ALL=en_US.UTF-8 PYTHONPATH=src:. .venv/bin/python tools/dev_detect/public_heldout.py [MODEL_DIR ...]

Same sets and scores as the bench's "Public held-out splits" table (EDOS dev, OLID test A, HateXplain
test, Davidson 20 %: any-abuse ROC-AUC of the whole analyser; and EDOS dev with ``misogynistic_abuse``
alone). These are test splits: for measuring a candidate already chosen, never for choosing.
``shipped`` (the default) is the model in ``src/footprint/rules/detect``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tools" / "dev_detect"))

from eval_detect import auc, category_scores, ours  # noqa: E402
from model_val import load  # noqa: E402

from footprint.analyse.detect import Detector  # noqa: E402
from footprint.analyse.detect.model import load_model  # noqa: E402


def sets(data: Path) -> dict[str, tuple[list[str], list[int]]]:
    import csv

    import public_splits

    out: dict[str, tuple[list[str], list[int]]] = {}
    with (data / "edos" / "edos_train_dev.csv").open(encoding="utf-8") as f:
        dev = [r for r in csv.DictReader(f) if r["split"] == "dev"]
    out["EDOS dev"] = ([r["text"] for r in dev], [int(r["label_sexist"] == "sexist") for r in dev])
    with (data / "olid" / "labels-levela.csv").open(encoding="utf-8") as f:
        labels = {r["id"]: int(r["label"] == "OFF") for r in csv.DictReader(f)}
    with (data / "olid" / "testset-levela.tsv").open(encoding="utf-8") as f:
        test = list(csv.DictReader(f, delimiter="\t"))
    out["OLID test A"] = ([r["tweet"] for r in test], [labels[r["id"]] for r in test])
    hx = [(t, int(c in ("1", "2"))) for t, c in public_splits.hatexplain(data, "test") if c != "3"]
    out["HateXplain test"] = ([t for t, _ in hx], [y for _, y in hx])
    held = public_splits.davidson(data)[1]
    out["Davidson 20 %"] = ([t for t, _ in held], [int(c in ("0", "1")) for _, c in held])
    return out


def main() -> None:
    data = ROOT.parent / "shared" / "data"
    s = sets(data)
    print("| model | " + " | ".join(s) + " | EDOS dev, misogynistic_abuse |\n|---|" + "---|" * (len(s) + 1))
    for arg in sys.argv[1:] or ["shipped"]:
        det = Detector(model=load_model() if arg == "shipped" else load(Path(arg)))
        score = ours(det)
        cells = [f"{auc(y, score(texts)[0]):.4f}" for texts, y in s.values()]
        texts, y = s["EDOS dev"]
        cells.append(f"{auc(y, category_scores(det, texts, ('misogynistic_abuse',))):.4f}")
        print(f"| {arg} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
