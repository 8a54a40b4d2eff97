"""Precision and recall of the disclosure copy's name recogniser on its small synthetic set.

    PYTHONPATH=src:. .venv/bin/python bench/eval_names.py

The set (``tests/report/names_set.py``) is written for the recogniser: 66 sentences the rules were
settled on and 20 held out (written afterwards, not tuned on). Precision and recall are of the names it
masks; "listed" counts the missed names it listed for the disclosure officer to check.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from report.names_set import HELD_OUT, SENTENCES, score  # noqa: E402


def main() -> None:
    print(
        "| set | sentences | masked right | masked wrong | missed | missed but listed | precision | recall |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, sentences in (("settled on", SENTENCES), ("held out", HELD_OUT)):
        s = score(sentences)
        print(
            f"| {label} | {s.sentences} | {s.masked_right} | {s.masked_wrong} | {s.missed} |"
            f" {s.missed_but_listed} | {s.precision:.2f} | {s.recall:.2f} |"
        )


if __name__ == "__main__":
    main()
