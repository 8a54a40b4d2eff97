"""Precision and recall of the disclosure copy's name recogniser on its small synthetic set.

    PYTHONPATH=src:. .venv/bin/python bench/eval_names.py

The set (``tests/report/names_set.py``) is written for the recogniser: 66 sentences the rules were
settled on and 20 held out (written afterwards, not tuned on). Precision and recall are of the names it
masks; "listed" counts the missed names it listed for the disclosure officer to check. A third set, 26
sentences held out for a known person's first name or surname alone (rules N6 and L4; written before
those rules were measured, not tuned on), is read by the whole redactor of a case that knows six people.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from report.names_set import HELD_OUT, KNOWN_HELD_OUT, SENTENCES, score, score_known  # noqa: E402


def main() -> None:
    print(
        "| set | sentences | masked right | masked wrong | missed | missed but listed | precision | recall |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, s in (
        ("settled on", score(SENTENCES)),
        ("held out", score(HELD_OUT)),
        ("known people, held out", score_known(KNOWN_HELD_OUT)),
    ):
        print(
            f"| {label} | {s.sentences} | {s.masked_right} | {s.masked_wrong} | {s.missed} |"
            f" {s.missed_but_listed} | {s.precision:.2f} | {s.recall:.2f} |"
        )


if __name__ == "__main__":
    main()
