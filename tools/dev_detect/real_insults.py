"""Insults and derogation as real people write them: recall and false positives on hand-labelled posts.

The labels (``real_insults_labels.csv`` beside this file: source, id, label, subtype, split) were written by
hand for posts drawn from the *training* parts of public data sets only, following the guideline in
docs/detection.md ("Insults and derogation from real posts (round 6)"). The file holds no text: this
script reads each post from the shared data by its id —

- ``olid``: the ``id`` column of ``olid/olid-training-v1.0.tsv`` (the training file; never the test set);
- ``hatexplain``: the post id (first column of ``hatexplain_mbib.csv``), checked to be in the ``train`` split;
- ``davidson``: the row index (first column of ``labeled_data.csv``), checked to be in the seeded 80 %
  training slice of ``tools/public_splits.py``.

The split is a hash of ``source:id`` (SHA-256, even → dev, odd → held), so it never depends on the text or
on the detector; the script checks that the file agrees. Figures for the held-out half are printed only
with ``--held``, and misses and false positives are listed for dev only, so rules are written from dev.

Usage (from the repository root):
    PYTHONPATH=src:. .venv/bin/python tools/dev_detect/real_insults.py [--data DIR] [--held] [--quiet]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

import public_splits  # noqa: E402

from footprint.analyse.detect import Detector  # noqa: E402
from footprint.analyse.detect.taxonomy import ABUSE  # noqa: E402

LABELS = Path(__file__).with_name("real_insults_labels.csv")
ABUSIVE = ("abusive_individual", "abusive_group")


def split_of(source: str, ident: str) -> str:
    """dev or held, from a hash of the source and the row id (fixed before any rule was written)."""
    return "dev" if int(hashlib.sha256(f"{source}:{ident}".encode()).hexdigest(), 16) % 2 == 0 else "held"


def texts(data: Path, wanted: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    """The texts of the labelled rows, read by id from the training parts only."""
    out: dict[tuple[str, str], str] = {}
    if wanted.get("olid"):
        with (data / "olid" / "olid-training-v1.0.tsv").open(encoding="utf-8") as f:
            for r in csv.reader(f, delimiter="\t"):
                if r[0] in wanted["olid"]:
                    out["olid", r[0]] = r[1]
    if wanted.get("hatexplain"):
        train = set(json.loads((data / "hatexplain" / "post_id_divisions.json").read_text())["train"])
        assert wanted["hatexplain"] <= train, "a HateXplain id outside the train split"
        with (data / "hatexplain" / "hatexplain_mbib.csv").open(encoding="utf-8") as f:
            for r in csv.reader(f):
                if r[0] in wanted["hatexplain"]:
                    out["hatexplain", r[0]] = r[1]
    if wanted.get("davidson"):
        with (data / "davidson-hate-offensive" / "labeled_data.csv").open(encoding="utf-8") as f:
            rows = list(csv.reader(f))[1:]
        order = np.random.default_rng(public_splits.DAVIDSON_SEED).permutation(len(rows))
        train = {rows[i][0] for i in order[: int(public_splits.DAVIDSON_TRAIN_SHARE * len(rows))]}
        assert wanted["davidson"] <= train, "a Davidson row outside the training slice"
        for r in rows:
            if r[0] in wanted["davidson"]:
                out["davidson", r[0]] = r[6]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--held", action="store_true", help="also print the held-out figures (no listing)")
    parser.add_argument("--quiet", action="store_true", help="figures only, no listing of dev errors")
    args = parser.parse_args()

    with LABELS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        assert r["split"] == split_of(r["source"], r["id"]), f"split of {r['source']}:{r['id']} changed"
    wanted: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        wanted[r["source"]].add(r["id"])
    text = texts(args.data, wanted)
    missing = [(r["source"], r["id"]) for r in rows if (r["source"], r["id"]) not in text]
    assert not missing, f"rows not found: {missing[:5]}"

    detector = Detector()
    keys = [(r["source"], r["id"]) for r in rows]
    results = detector.classify_many([text[k] for k in keys])
    flagged = {k: sorted(c for c in res.labels if c in ABUSE) for k, res in zip(keys, results, strict=True)}
    rules = {
        k: sorted(
            {rid for d in res.detections for rid in d.rule_ids}
            | {d.model_id or "" for d in res.detections} - {""}
        )
        for k, res in zip(keys, results, strict=True)
    }

    for split in ("dev", "held") if args.held else ("dev",):
        part = [r for r in rows if r["split"] == split]
        print(f"\n## {split} ({len(part)} posts)\n")
        print("| label | subtype | n | share flagged |")
        print("|---|---|---|---|")
        groups: dict[tuple[str, str], list[bool]] = defaultdict(list)
        for r in part:
            hit = bool(flagged[r["source"], r["id"]])
            groups[r["label"], "all"].append(hit)
            groups[r["label"], r["subtype"]].append(hit)
            if r["label"] in ABUSIVE:
                groups["abusive (both)", "all"].append(hit)
        for (label, sub), hits in sorted(groups.items()):
            what = "recall" if label != "not_abusive" else "false positives"
            print(f"| {label} | {sub} | {len(hits)} | {sum(hits) / len(hits):.3f} ({what}) |")
        if split == "dev" and not args.quiet:
            print("\n### dev misses\n")
            for r in part:
                k = (r["source"], r["id"])
                if r["label"] in ABUSIVE and not flagged[k]:
                    print(f"- [{r['label']}/{r['subtype']}] {k[0]}:{k[1]} {text[k][:240]!r}")
            print("\n### dev false positives\n")
            for r in part:
                k = (r["source"], r["id"])
                if r["label"] == "not_abusive" and flagged[k]:
                    print(f"- [{r['subtype']}] {k[0]}:{k[1]} {flagged[k]} {rules[k]} {text[k][:240]!r}")


if __name__ == "__main__":
    main()
