"""Evaluate the detect analyser beside its peers: functional suite, HateCheck, public held-out splits, speed.

Usage (from the repository root):
    LC_ALL=en_US.UTF-8 .venv/bin/python bench/eval_detect.py [--data ../shared/data] [--messages 1000000]

Prints Markdown tables (the figures in docs/evaluation.md). Peers run on the same inputs in the same
process: alt-profanity-check (predict_prob) and hatesonar (1 - P(neither); needs the en_US.UTF-8
locale). A TF-IDF (word + char n-gram) logistic-regression baseline is trained here on exactly the
public training data the shipped model saw. Nothing here trains on HateCheck or any test split.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import multiprocessing
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

import public_splits  # noqa: E402

from footprint.analyse.detect import CATEGORIES, Detector  # noqa: E402
from footprint.analyse.detect.model import load_model  # noqa: E402
from footprint.analyse.detect.taxonomy import ABUSE  # noqa: E402

HATECHECK_ABUSE_NH = {"target_indiv_nh", "target_group_nh"}  # threats/insults at people: abuse here
THREAT_FUNCS = ("threat_dir_h", "threat_norm_h")
CONTRAST_FUNCS = (
    "counter_quote_nh",
    "counter_ref_nh",
    "negate_neg_nh",
    "ident_neutral_nh",
    "ident_pos_nh",
    "profanity_nh",
    "slur_homonym_nh",
    "slur_reclaimed_nh",
    "target_obj_nh",
)
Scorer = Callable[[Sequence[str]], tuple[np.ndarray, np.ndarray]]  # -> (score, flagged)


def ours(detector: Detector) -> Scorer:
    def score(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        s, f = [], []
        for i in range(0, len(texts), 4096):
            for r in detector.classify_many(list(texts[i : i + 4096])):
                s.append(max(r.scores[c] for c in ABUSE))
                f.append(any(c in ABUSE for c in r.labels))
        return np.array(s), np.array(f)

    return score


def category_scores(detector: Detector, texts: Sequence[str], cats: Sequence[str]) -> np.ndarray:
    out = []
    for i in range(0, len(texts), 4096):
        out += [max(r.scores[c] for c in cats) for r in detector.classify_many(list(texts[i : i + 4096]))]
    return np.array(out)


def peers() -> dict[str, Scorer]:
    found: dict[str, Scorer] = {}
    try:
        from profanity_check import predict_prob

        def apc(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
            p = np.asarray(predict_prob(list(texts)))
            return p, p >= 0.5

        found["alt-profanity-check"] = apc
    except Exception as exc:  # pragma: no cover - depends on the bench extras
        print(f"alt-profanity-check unavailable: {exc}", file=sys.stderr)
    try:
        from hatesonar import Sonar

        sonar = Sonar()

        def hs(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
            s, f = [], []
            for t in texts:
                r = sonar.ping(t)
                neither = next(c["confidence"] for c in r["classes"] if c["class_name"] == "neither")
                s.append(1.0 - neither)
                f.append(r["top_class"] != "neither")
            return np.array(s), np.array(f)

        found["hatesonar"] = hs
    except Exception as exc:  # pragma: no cover - needs the en_US.UTF-8 locale
        print(f"hatesonar unavailable ({type(exc).__name__}: {str(exc)[:120]})", file=sys.stderr)
    return found


def tfidf_baseline(data: Path) -> Scorer:
    """TF-IDF word 1-2 + char_wb 2-4 grams + LR on the shipped model's public training data (any abuse)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union
    from train_detect import read_public

    rows = read_public(data)
    texts = [t for t, _, _ in rows]
    y = [int(any(v == 1 for v in labels.values())) for _, labels, _ in rows]
    model = make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=3, sublinear_tf=True),
        ),
        LogisticRegression(C=4.0, max_iter=1000, class_weight="balanced"),
    )
    model.fit(texts, y)

    def score(batch: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        p = model.predict_proba(list(batch))[:, 1]
        return p, p >= 0.5

    return score


def auc(y: Sequence[int], s: np.ndarray) -> float:
    return float(roc_auc_score(np.asarray(y), s)) if len(set(y)) == 2 else float("nan")


def load_suite() -> list[tuple[str | None, str, frozenset[str]]]:
    path = ROOT / "tests" / "analyse" / "detect" / "detect_suite.py"
    spec = importlib.util.spec_from_file_location("detect_suite", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.CASES)


def functional_suite(detector: Detector) -> None:
    cases = load_suite()
    results = detector.classify_many([t for _, t, _ in cases], speakers=[s for s, _, _ in cases])
    print(f"\n### Functional suite ({len(cases)} cases, tests/analyse/detect/detect_suite.py)\n")
    print("| category | positives | precision | recall | F1 | ROC-AUC |\n|---|---|---|---|---|---|")
    for cat in CATEGORIES:
        y = [int(cat in e) for _, _, e in cases]
        got = [int(cat in r.labels) for r in results]
        tp = sum(a and b for a, b in zip(y, got, strict=True))
        p = tp / max(1, sum(got))
        r = tp / max(1, sum(y))
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        a = auc(y, np.array([res.scores[cat] for res in results]))
        print(f"| {cat} | {sum(y)} | {p:.2f} | {r:.2f} | {f1:.2f} | {a:.3f} |")


def hatecheck(data: Path, scorers: dict[str, Scorer], detector: Detector) -> None:
    path = data / "hatecheck" / "test_suite_cases.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    texts = [r["test_case"].strip() for r in rows]
    funcs = [r["functionality"] for r in rows]
    hateful = [int(r["label_gold"] == "hateful") for r in rows]
    abuse = [int(h or fn in HATECHECK_ABUSE_NH) for h, fn in zip(hateful, funcs, strict=True)]
    results = {name: scorer(texts) for name, scorer in scorers.items()}
    print(f"\n### HateCheck ({len(rows)} cases), relabelled for abuse\n")
    print("| model | any-abuse ROC-AUC | accuracy | hate ROC-AUC (original labels) |\n|---|---|---|---|")
    hate = category_scores(detector, texts, ("identity_hate", "misogynistic_abuse"))
    for name, (s, flag) in results.items():
        acc = float(np.mean(np.asarray(abuse) == flag))
        h = auc(hateful, hate) if name == "footprint detect" else auc(hateful, s)
        print(f"| {name} | {auc(abuse, s):.3f} | {acc:.3f} | {h:.3f} |")
    by: dict[str, list[int]] = defaultdict(list)
    for i, fn in enumerate(funcs):
        by[fn].append(i)
    names = list(results)
    print("\nAccuracy per functionality (abuse = hateful, plus target_indiv_nh and target_group_nh):\n")
    print("| functionality | n | abuse? | " + " | ".join(names) + " |")
    print("|---|---|---|" + "---|" * len(names))
    for fn in sorted(by):
        idx = by[fn]
        label = abuse[idx[0]]
        accs = [float(np.mean(results[n][1][idx] == np.array([abuse[i] for i in idx]))) for n in names]
        mark = " (threat)" if fn in THREAT_FUNCS else " (contrast)" if fn in CONTRAST_FUNCS else ""
        print(
            f"| {fn}{mark} | {len(idx)} | {'yes' if label else 'no'} | "
            + " | ".join(f"{a:.2f}" for a in accs)
            + " |"
        )


def public_sets(data: Path, scorers: dict[str, Scorer], detector: Detector) -> None:
    sets: dict[str, tuple[list[str], list[int]]] = {}
    with (data / "edos" / "edos_train_dev.csv").open(encoding="utf-8") as f:
        dev = [r for r in csv.DictReader(f) if r["split"] == "dev"]
    sets["EDOS dev (sexist)"] = ([r["text"] for r in dev], [int(r["label_sexist"] == "sexist") for r in dev])
    labels = {}
    with (data / "olid" / "labels-levela.csv").open(encoding="utf-8") as f:
        labels = {r["id"]: int(r["label"] == "OFF") for r in csv.DictReader(f)}
    with (data / "olid" / "testset-levela.tsv").open(encoding="utf-8") as f:
        test = list(csv.DictReader(f, delimiter="\t"))
    sets["OLID test A (offensive)"] = ([r["tweet"] for r in test], [labels[r["id"]] for r in test])
    hx = [(t, int(c in ("1", "2"))) for t, c in public_splits.hatexplain(data, "test") if c != "3"]
    sets["HateXplain test (hate+offensive)"] = ([t for t, _ in hx], [y for _, y in hx])
    held = public_splits.davidson(data)[1]
    sets["Davidson held-out 20 % (peers trained on it)"] = (
        [t for t, _ in held],
        [int(c in ("0", "1")) for _, c in held],
    )
    names = list(scorers)
    print("\n### Public held-out splits: binary any-abuse ROC-AUC (F1 at each tool's own threshold)\n")
    print("| data set | n | " + " | ".join(names) + " |\n|---|---|" + "---|" * len(names))
    for title, (texts, y) in sets.items():
        cells = []
        for n in names:
            s, flag = scorers[n](texts)
            tp = int(np.sum(flag & (np.asarray(y) == 1)))
            f1 = 2 * tp / max(1, int(np.sum(flag)) + sum(y))
            cells.append(f"{auc(y, s):.3f} ({f1:.2f})")
        print(f"| {title} | {len(texts)} | " + " | ".join(cells) + " |")
    texts, y = sets["EDOS dev (sexist)"]
    mis = category_scores(detector, texts, ("misogynistic_abuse",))
    print(f"\nEDOS dev, footprint `misogynistic_abuse` score alone: ROC-AUC {auc(y, mis):.3f}")


# -- throughput ----------------------------------------------------------------------------------

BENIGN = [
    "ok see you later",
    "what time is dinner?",
    "can you pick up milk on the way",
    "running late, sorry",
    "love you x",
    "the kids are asleep",
    "did you get my email about the school trip",
    "haha that's brilliant",
    "I'm at work till {n}",
    "call me when you can",
    "Happy birthday {name}!",
    "train delayed again",
    "have you seen my keys",
    "meeting moved to {n}pm",
    "thanks for today",
    "mum says hi",
]
NAMES = ["Amy", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harry"]


def synthetic(n: int, seed: int = 0) -> list[str]:
    """A synthetic production: the demo's messages (about 10 %) mixed into everyday chat."""
    from footprint.synth import script

    abusive = [t for *_, t, _ in script.WHATSAPP_JANE if t] + [t for *_, t, _ in script.SMS_BURNER]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        if rng.random() < 0.1:
            out.append(rng.choice(abusive))
        else:
            out.append(rng.choice(BENIGN).format(n=rng.randint(1, 12), name=rng.choice(NAMES)))
    return out


def _work(texts: list[str]) -> int:
    detector = Detector()
    for i in range(0, len(texts), 4096):
        detector.classify_many(texts[i : i + 4096])
    return len(texts)


def throughput(n: int) -> None:
    load_model.cache_clear()
    t = time.perf_counter()
    load_model()
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    Detector()
    init_s = time.perf_counter() - t
    texts = synthetic(n)
    wall = time.perf_counter()
    cpu = time.process_time()
    _work(texts)
    one_wall = time.perf_counter() - wall
    one_cpu = time.process_time() - cpu
    halves = [texts[: n // 2], texts[n // 2 :]]
    wall = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_work, halves)
    two_wall = time.perf_counter() - wall
    print(f"\n### Throughput ({n:,} synthetic messages, rules + model, {os.cpu_count()} cores)\n")
    print(f"- model load {load_s:.2f} s; detector load (rules + model) {init_s:.2f} s")
    print(f"- 1 process: {n / one_wall:,.0f} msg/s wall, {n / one_cpu:,.0f} msg/s per CPU-second")
    print(f"- 2 processes: {n / two_wall:,.0f} msg/s wall")
    print(f"- load average during the run: {os.getloadavg()[0]:.1f} (other work shares the 2 cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--messages", type=int, default=1_000_000, help="throughput sample size")
    parser.add_argument(
        "--skip", nargs="*", default=[], help="sections to skip: suite hatecheck public speed"
    )
    args = parser.parse_args()
    detector = Detector()
    if "suite" not in args.skip:
        functional_suite(detector)
    if not args.data.is_dir():
        print(f"\n(shared data not found at {args.data}: public evaluations skipped)")
    else:
        scorers: dict[str, Scorer] = {"footprint detect": ours(detector)}
        scorers.update(peers())
        if "public" not in args.skip or "hatecheck" not in args.skip:
            t = time.perf_counter()
            scorers["TF-IDF + LR baseline"] = tfidf_baseline(args.data)
            print(f"\n(TF-IDF baseline trained in {time.perf_counter() - t:.0f} s)", file=sys.stderr)
        if "hatecheck" not in args.skip:
            hatecheck(args.data, scorers, detector)
        if "public" not in args.skip:
            public_sets(args.data, scorers, detector)
    if "speed" not in args.skip:
        throughput(args.messages)


if __name__ == "__main__":
    main()
