"""Scale: score all pairs among N accounts of K messages (vectorise once, block, score candidates).

    .venv/bin/python bench/link_scale.py [--accounts 10000] [--messages 100] [--workers 2]

Accounts are built from the IRA developer set when present (K messages of one handle each), else
from generated text. Each account is vectorised once (in parallel); a count-sketch of every
account's style vector scores all N(N-1)/2 pairs approximately in one matrix product and keeps each
account's nearest neighbours plus every pair sharing an identifier or a name stem; the candidates are
then scored in full with the shipped fused model (features and trees, in the workers). Prints the
time of each stage.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
from pathlib import Path

import numpy as np

from footprint.analyse.link.batch import amount_ok, features_for_pairs
from footprint.analyse.link.block import NEIGHBOURS, nearest, shared_keys
from footprint.analyse.link.evalset import load_handles
from footprint.analyse.link.fusion import load_model
from footprint.analyse.link.profile import Message, Profile, build_profile

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ira-troll-tweets" / "tweets_dev.csv.gz"
_ACCOUNTS: list[list[Message]] = []
_PROFILES: list[Profile] = []


def _build(index: int) -> tuple[Profile, float]:
    started = time.process_time()
    profile = build_profile(f"acc{index}", _ACCOUNTS[index], explain=False)
    return profile, time.process_time() - started


def _score(chunk: list[tuple[int, int]]) -> tuple[np.ndarray, float]:
    started = time.process_time()
    lr = load_model().log10_lr(features_for_pairs(_PROFILES, chunk))
    return lr, time.process_time() - started


def make_accounts(n: int, k: int, seed: int = 7) -> list[list[Message]]:
    """n accounts of k messages each: consecutive messages of IRA handles, or generated text."""
    rng = random.Random(seed)
    if DATA.exists():
        handles = [h for h in load_handles(DATA) if len(h.messages) >= k]
        out = []
        for i in range(n):
            h = handles[i % len(handles)]
            start = rng.randrange(0, len(h.messages) - k + 1)
            out.append(list(h.messages[start : start + k]))
        return out
    words = [f"w{i}" for i in range(5000)]
    return [
        [
            Message(
                " ".join(rng.choices(words, k=15)) + rng.choice([".", "!", "?", ""]), "2024-01-01T10:00:00Z"
            )
            for _ in range(k)
        ]
        for _ in range(n)
    ]


def main() -> int:
    global _ACCOUNTS, _PROFILES
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--neighbours", type=int, default=NEIGHBOURS)
    args = parser.parse_args()
    t0 = time.time()
    _ACCOUNTS = make_accounts(args.accounts, args.messages)
    t1 = time.time()
    print(f"built {args.accounts:,} accounts x {args.messages} messages in {t1 - t0:.1f}s (not timed below)")
    ctx = mp.get_context("fork")
    with ctx.Pool(args.workers) as pool:
        built = pool.map(_build, range(len(_ACCOUNTS)), chunksize=50)
    _PROFILES = [p for p, _ in built]
    cpu_build = sum(c for _, c in built)
    t2 = time.time()
    print(f"vectorised each account once: {t2 - t1:.1f}s wall, {cpu_build:.1f}s CPU")
    c2 = time.process_time()
    pairs = sorted(nearest(_PROFILES, args.neighbours) | shared_keys(_PROFILES))
    cpu_block = time.process_time() - c2
    t3 = time.time()
    total = args.accounts * (args.accounts - 1) // 2
    print(f"blocking: all {total:,} pairs sketched, {len(pairs):,} candidates kept: {t3 - t2:.1f}s")
    chunks = [pairs[i : i + 2_000] for i in range(0, len(pairs), 2_000)]
    with ctx.Pool(args.workers) as pool:
        scored = pool.map(_score, chunks)
    cpu_score = sum(c for _, c in scored)
    lr = np.concatenate([p for p, _ in scored]) if scored else np.zeros(0)
    lr[~amount_ok(_PROFILES, pairs)] = 0.0
    t4 = time.time()
    print(f"scored {len(pairs):,} candidate pairs in full: {t4 - t3:.1f}s wall, {cpu_score:.1f}s CPU")
    print(f"pairs with log10 LR >= 2: {int((lr >= 2).sum()):,}")
    print(f"TOTAL (vectorise + block + score): {t4 - t1:.1f}s wall on {args.workers} worker(s)")
    cpu = cpu_build + cpu_block + cpu_score
    print(f"CPU time {cpu:.1f}s: {cpu_block:.1f}s serial blocking + the rest split over {args.workers} cores")
    print(f"  = {cpu_block + (cpu - cpu_block) / args.workers:.1f}s on an otherwise idle machine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
