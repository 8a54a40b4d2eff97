"""How often English messages are taken for another language (`footprint.language.message_language`).

Usage (from the repository root):
    .venv/bin/python bench/language_false_alarms.py [--data ../shared/data]

Reads the English posts of OLID (training set), Davidson and EDOS, and prints for each: posts read, posts
taken for another language (the message rate, with the languages named), and the share of 20-post
"exhibits" (consecutive posts) that `analyse` would name as partly not English (2 or more posts and at
least a fifth of them: detect's DetectAnalyser rule). The figures are in docs/detection.md.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from footprint.analyse.detect.analyser import not_english  # noqa: E402
from footprint.language import message_language  # noqa: E402

EXHIBIT = 20


def _posts(data: Path) -> dict[str, list[str]]:
    csv.field_size_limit(10**7)
    out: dict[str, list[str]] = {}
    with (data / "olid" / "olid-training-v1.0.tsv").open(encoding="utf-8") as f:
        out["OLID (training)"] = [r["tweet"] for r in csv.DictReader(f, delimiter="\t")]
    with (data / "davidson-hate-offensive" / "labeled_data.csv").open(encoding="utf-8") as f:
        out["Davidson"] = [r["tweet"] for r in csv.DictReader(f)]
    with (data / "edos" / "edos_train_dev.csv").open(encoding="utf-8") as f:
        out["EDOS"] = [r["text"] for r in csv.DictReader(f)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    print("| set | posts | taken for another language | 20-post exhibits named |")
    print("|---|---|---|---|")
    for name, posts in _posts(args.data).items():
        tags = [message_language(p) for p in posts]
        wrong = Counter(t for t in tags if t)
        chunks = [tags[i : i + EXHIBIT] for i in range(0, len(tags) - EXHIBIT + 1, EXHIBIT)]
        named = sum(1 for c in chunks if not_english(Counter(c), len(c)))
        langs = ", ".join(f"{t} {n}" for t, n in wrong.most_common(4))
        taken = sum(wrong.values())
        print(
            f"| {name} | {len(posts):,} | {taken:,} ({100 * taken / len(posts):.2f} %; {langs}) |"
            f" {named:,} of {len(chunks):,} ({100 * named / max(1, len(chunks)):.2f} %) |"
        )


if __name__ == "__main__":
    main()
