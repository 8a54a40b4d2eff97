"""How often English messages are taken for another language, wholly (`footprint.language.message_language`)
or in a clause, or in another script (`unread_in`, which detect counts).

Usage (from the repository root):
    .venv/bin/python bench/language_false_alarms.py [--data ../shared/data]

Reads the English posts of OLID (training set), Davidson and EDOS, and prints for each: posts read, posts
taken for another language as a whole and in a clause (the message rates, with the languages named), and
the share of 20-post "exhibits" (consecutive posts) that `analyse` would name as holding a post in another
language (detect names each such exhibit, with the posts' item ids). The figures are in docs/detection.md.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from footprint.language import message_language, unread_in  # noqa: E402

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
    print("| set | posts | another language (whole) | … or a clause, or script | 20-post exhibits named |")
    print("|---|---|---|---|---|")
    for name, posts in _posts(args.data).items():
        tags = [message_language(p) for p in posts]
        wrong = Counter(t for t in tags if t)
        parts = [unread_in(p) for p in posts]
        partly = Counter(t.name for t in parts if t)
        chunks = [parts[i : i + EXHIBIT] for i in range(0, len(parts) - EXHIBIT + 1, EXHIBIT)]
        named = sum(1 for c in chunks if any(c))
        print(
            f"| {name} | {len(posts):,} | {_rate(wrong, len(posts))} | {_rate(partly, len(posts))} |"
            f" {named:,} of {len(chunks):,} ({100 * named / max(1, len(chunks)):.1f} %) |"
        )


def _rate(found: Counter[str], posts: int) -> str:
    langs = ", ".join(f"{t} {n}" for t, n in found.most_common(4))
    taken = sum(found.values())
    return f"{taken:,} ({100 * taken / posts:.2f} %; {langs})"


if __name__ == "__main__":
    main()
