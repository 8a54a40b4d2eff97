"""Threats and calls for violence as real people write them: a hand-labelled set from training splits.

The labels (``real_threats_labels.csv``: source, id, label, split) were written by hand by the Footprint
team from the *training* rows of public data sets; the texts are never stored in the project, they are
read here from ``../shared/data`` by id:

* ``edos``      EDOS ``edos_train_dev.csv``, rows with split ``train``; id = ``rewire_id``
* ``hatexplain`` HateXplain, ``train`` post ids only (``tools/public_splits.py``); id = post id
* ``davidson``  Davidson et al., the seeded 80 % training slice (``tools/public_splits.py``); id = the
  row number in the file's first (unnamed) column
* ``olid``      ``olid-training-v1.0.tsv``; id = ``id``
* ``cmsb``      ``cmsb-call-me-sexist/sexism_data.csv``; id = ``id``
* ``cyberbullying`` ``cyberbullying_tweets.csv`` (no id column); id = the 0-based data row number in
  file order, header not counted

Labels: ``threat_to_kill``, ``threat_violence``, ``threat_sexual`` (a threat or call for violence, see
"Threats from real posts (round 6)" in docs/detection.md for the guideline) and ``none`` (a contrast: a
violent word but no threat). The split is fixed by a hash of ``source:id`` (even first byte of SHA-256:
``dev``, odd: ``held``), written into the file once, before any rule was changed.

Run: ``python tools/dev_detect/real_threats.py [--show-misses N] [--split dev|held|both]`` prints
recall per label and the share of contrasts left unflagged (1 - false-positive rate), for dev and held-out
separately; misses are listed for dev only.
``--candidates PATTERN`` lists unlabelled training rows matching a regex, for annotation.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from public_splits import DAVIDSON_SEED, DAVIDSON_TRAIN_SHARE  # noqa: E402
from threat_tally import tally  # noqa: E402

from footprint.analyse.detect import Detector  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LABELS = Path(__file__).resolve().parent / "real_threats_labels.csv"
KIND = {"threat_to_kill": "kill", "threat_violence": "violence", "threat_sexual": "sexual", "none": "none"}


def split_of(source: str, ident: str) -> str:
    """``dev`` or ``held``, fixed by a hash of the source and id."""
    return "dev" if hashlib.sha256(f"{source}:{ident}".encode()).digest()[0] % 2 == 0 else "held"


def load(data: Path = DATA) -> dict[tuple[str, str], str]:
    """The training rows of the permitted sets, keyed by (source, id)."""
    out: dict[tuple[str, str], str] = {}
    with (data / "edos" / "edos_train_dev.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["split"] == "train":
                out["edos", r["rewire_id"]] = r["text"]

    train = set(
        json.loads((data / "hatexplain" / "post_id_divisions.json").read_text(encoding="utf-8"))["train"]
    )
    with (data / "hatexplain" / "hatexplain_mbib.csv").open(encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for r in reader:
            if r[0] in train:
                out["hatexplain", r[0]] = r[1]
    with (data / "davidson-hate-offensive" / "labeled_data.csv").open(encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        rows = [(r[0], r[6]) for r in reader]
    order = np.random.default_rng(DAVIDSON_SEED).permutation(len(rows))
    for i in order[: int(DAVIDSON_TRAIN_SHARE * len(rows))]:
        out["davidson", rows[i][0]] = rows[i][1]
    with (data / "olid" / "olid-training-v1.0.tsv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            out["olid", r["id"]] = r["tweet"]
    with (data / "cmsb-call-me-sexist" / "sexism_data.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out["cmsb", r["id"]] = r["text"]
    with (data / "cyberbullying-tweets" / "cyberbullying_tweets.csv").open(encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for i, r in enumerate(reader):
            out["cyberbullying", str(i)] = r[0]
    return out


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show-misses", type=int, default=40)
    parser.add_argument("--candidates", default="", help="regex: list unlabelled rows that match")
    parser.add_argument("--source", default="", help="with --candidates: only this source")
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument(
        "--split", choices=["dev", "held", "both"], default="both", help="which half to measure"
    )
    args = parser.parse_args()
    texts = load()
    labelled = read_labels() if LABELS.exists() else []
    det = Detector()
    if args.candidates:
        seen = {(r["source"], r["id"]) for r in labelled}
        pat = re.compile(args.candidates, re.I)
        keys = [
            k
            for k, t in texts.items()
            if k not in seen and pat.search(t) and (not args.source or k[0] == args.source)
        ]
        rng = np.random.default_rng(1)
        keys = [keys[i] for i in sorted(rng.permutation(len(keys))[: args.limit])]
        for k, res in zip(keys, det.classify_many([texts[k] for k in keys]), strict=True):
            flag = ",".join(sorted(c[7:] for c in res.labels if c.startswith("threat_")))
            print(f"{k[0]},{k[1]}\t[{flag}]\t{' '.join(texts[k].split())[:260]}")
        return
    rows: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in labelled:
        assert r["split"] == split_of(r["source"], r["id"]), r
        kind = KIND[r["label"]]
        frame = kind if kind != "none" else "c.contrast"
        rows[r["split"]].append((frame, texts[r["source"], r["id"]], kind))
    for split in ("dev", "held") if args.split == "both" else (args.split,):
        data = rows[split]
        print(f"\n===== {split} ({len(data)} rows)")
        results = det.classify_many([t for _, t, _ in data])
        tally(data, results, show_misses=args.show_misses if split == "dev" else 0)


if __name__ == "__main__":
    main()
