"""Time-split pseudo-account pairs from a labelled corpus, and the verification metrics (bench/tools)."""

from __future__ import annotations

import csv
import gzip
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve  # type: ignore[import-untyped]

from footprint.analyse.link.profile import Message
from footprint.times import utc_order_key


@dataclass(frozen=True)
class Handle:
    """One labelled handle's messages in time order."""

    name: str
    category: str
    messages: tuple[Message, ...]


def load_handles(path: Path, min_messages: int = 40) -> list[Handle]:
    """Read the IRA CSV (``author_id``, ``publish_date``, ``content``), messages sorted by time."""
    rows: dict[str, list[Message]] = defaultdict(list)
    category: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            when = row["publish_date"].replace(" ", "T") + "Z"
            rows[row["author_id"]].append(Message(text=row["content"], sent_at_utc=when))
            category[row["author_id"]] = row["account_category"]
    out = []
    for name in sorted(rows):
        msgs = sorted(rows[name], key=lambda m: (utc_order_key(m.sent_at_utc or ""), m.text))
        if len(msgs) >= min_messages:
            out.append(Handle(name, category[name], tuple(msgs)))
    return out


def split_handles(handles: list[Handle], test_share: float, seed: int) -> tuple[list[Handle], list[Handle]]:
    """Disjoint training and test handles."""
    order = sorted(handles, key=lambda h: h.name)
    random.Random(seed).shuffle(order)
    cut = int(len(order) * (1 - test_share))
    return order[:cut], order[cut:]


def time_split(
    handle: Handle, k: int, rng: random.Random, mode: str = "block"
) -> tuple[list[Message], list[Message]] | None:
    """Earlier and later pseudo-accounts from each half of the history.

    ``block``: k consecutive messages from each half (an account's life is a stretch of time);
    ``halves``: k messages drawn from anywhere in each half (the reference baseline's time mode).
    """
    half = len(handle.messages) // 2
    if half < k:
        return None
    early, late = handle.messages[:half], handle.messages[half:]
    if mode == "halves":
        a = sorted(rng.sample(range(len(early)), k))
        b = sorted(rng.sample(range(len(late)), k))
        return [early[i] for i in a], [late[i] for i in b]
    i = rng.randrange(0, len(early) - k + 1)
    j = rng.randrange(0, len(late) - k + 1)
    return list(early[i : i + k]), list(late[j : j + k])


@dataclass(frozen=True)
class PairSpec:
    """A pair of pseudo-accounts and whether one handle wrote both."""

    a: str
    b: str
    same: bool


def make_pairs(
    handles: list[Handle],
    k: int,
    seed: int,
    repeats: int = 1,
    mode: str = "block",
    negatives: str = "random",
) -> tuple[dict[str, list[Message]], list[PairSpec]]:
    """One positive (early_h, late_h) and one negative (early_h, late_h') per handle and repeat.

    ``negatives="category"`` takes h' from h's own account category (hard negatives); a handle alone
    in its category then has no negative.
    """
    category = {h.name: h.category for h in handles}
    rng = random.Random(seed)
    accounts: dict[str, list[Message]] = {}
    pairs: list[PairSpec] = []
    for r in range(repeats):
        usable = []
        for h in handles:
            split = time_split(h, k, rng, mode)
            if split is None:
                continue
            accounts[f"{h.name}|{r}|early"], accounts[f"{h.name}|{r}|late"] = split
            usable.append(h.name)
        for index, name in enumerate(usable):
            pairs.append(PairSpec(f"{name}|{r}|early", f"{name}|{r}|late", True))
            if negatives == "category":
                alike = [n for n in usable if n != name and category[n] == category[name]]
                if alike:
                    pairs.append(PairSpec(f"{name}|{r}|early", f"{rng.choice(alike)}|{r}|late", False))
                continue
            other = usable[(index + 1 + rng.randrange(len(usable) - 1)) % len(usable)]
            pairs.append(PairSpec(f"{name}|{r}|early", f"{other}|{r}|late", False))
    return accounts, pairs


def metrics(y: np.ndarray, log10_lr: np.ndarray) -> dict[str, float]:
    """ROC-AUC, EER, precision at 1% FPR, Brier (at even prior odds) and Cllr."""
    auc = float(roc_auc_score(y, log10_lr))
    fpr, tpr, _ = roc_curve(y, log10_lr)
    fnr = 1 - tpr
    i = int(np.nanargmin(np.abs(fnr - fpr)))
    eer = float((fpr[i] + fnr[i]) / 2)
    ok = fpr <= 0.01
    tp_rate = float(tpr[ok].max()) if ok.any() else 0.0
    fp_rate = float(fpr[ok][np.argmax(tpr[ok])]) if ok.any() else 0.0
    pos, neg = float(y.sum()), float(len(y) - y.sum())
    denom = tp_rate * pos + fp_rate * neg
    precision = tp_rate * pos / denom if denom > 0 else float("nan")
    clipped = np.clip(log10_lr, -30, 30)
    p = 1 / (1 + 10.0 ** (-clipped))
    brier = float(np.mean((p - y) ** 2))
    lr = 10.0**clipped
    cllr = 0.5 * (float(np.mean(np.log2(1 + 1 / lr[y == 1]))) + float(np.mean(np.log2(1 + lr[y == 0]))))
    return {
        "auc": round(auc, 4),
        "eer": round(eer, 4),
        "recall_at_1pct_fpr": round(tp_rate, 4),
        "precision_at_1pct_fpr": round(precision, 4) if not math.isnan(precision) else float("nan"),
        "brier": round(brier, 4),
        "cllr": round(cllr, 4),
    }


def shipped_figures(y: np.ndarray, log10_lr: np.ndarray, abstained: np.ndarray) -> dict[str, float]:
    """The trained part as the analyser reports it: clamped, 0 where it abstains (too little text).

    ``c_at_1`` counts an abstention (log10 LR exactly 0) as a non-answer (PAN, Peñas & Rodrigo 2011);
    recall, false-positive rate and precision are at the analyser's own thresholds: an ``account_link``
    finding from ``FINDING_FROM`` and a candidate person from ``CLUSTER_FROM`` (log10 LR).
    """
    from footprint.analyse.link.analyser import FINDING_FROM
    from footprint.analyse.link.joining import CLUSTER_FROM
    from footprint.analyse.link.score import TRAINED_CLIP

    shipped = np.where(abstained, 0.0, np.clip(log10_lr, -TRAINED_CLIP, TRAINED_CLIP))
    n = len(y)
    answered = shipped != 0
    correct = int(np.sum(answered & ((shipped > 0) == (y == 1))))
    out = {
        "abstained": float(np.mean(abstained)),
        "auc_as_shipped": float(roc_auc_score(y, shipped)),
        "c_at_1": (correct + (n - int(answered.sum())) * correct / n) / n,
    }
    for name, threshold in (("finding", FINDING_FROM), ("cluster", CLUSTER_FROM)):
        said = shipped >= threshold
        tp, fp = int(np.sum(said & (y == 1))), int(np.sum(said & (y == 0)))
        out[f"recall_at_{name}"] = tp / max(1, int(np.sum(y == 1)))
        out[f"fpr_at_{name}"] = fp / max(1, int(np.sum(y == 0)))
        out[f"precision_at_{name}"] = tp / (tp + fp) if tp + fp else float("nan")
    return {k: round(v, 4) for k, v in out.items()}


def pair_matrix(
    accounts: dict[str, list[Message]], pairs: list[PairSpec]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Trained-feature rows, labels, and whether both accounts have enough text (each vectorised once)."""
    from footprint.analyse.link.batch import amount_ok
    from footprint.analyse.link.fusion import pair_features
    from footprint.analyse.link.profile import build_profile

    needed = sorted({p.a for p in pairs} | {p.b for p in pairs})
    profiles = {k: build_profile(k, accounts[k], explain=False) for k in needed}
    x = np.array([pair_features(profiles[p.a], profiles[p.b]) for p in pairs], dtype=np.float64)
    y = np.array([1 if p.same else 0 for p in pairs], dtype=np.int64)
    index = {k: i for i, k in enumerate(needed)}
    enough = amount_ok([profiles[k] for k in needed], [(index[p.a], index[p.b]) for p in pairs])
    return x, y, enough
