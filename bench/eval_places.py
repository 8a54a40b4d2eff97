"""Precision and recall of the disclosure copy's address and place rules on their small synthetic set.

    PYTHONPATH=src:. .venv/bin/python bench/eval_places.py

The set (``tests/report/places_set.py``) is written for the rules: 68 sentences they were settled on
(28 hard negatives) and 16 held out (written afterwards, not tuned on). Precision and recall are of the
addresses and places masked; towns are only listed, and not counted.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from report.places_set import HELD_OUT, SENTENCES, score  # noqa: E402


def main() -> None:
    print("| set | sentences | masked right | masked wrong | missed | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    for label, sentences in (("settled on", SENTENCES), ("held out", HELD_OUT)):
        s = score(sentences)
        print(
            f"| {label} | {s.sentences} | {s.masked_right} | {s.masked_wrong} | {s.missed} |"
            f" {s.precision:.2f} | {s.recall:.2f} |"
        )


if __name__ == "__main__":
    main()
