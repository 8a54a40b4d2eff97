"""Precision and recall of the disclosure copy's name recogniser on its small synthetic set.

    PYTHONPATH=src:. .venv/bin/python bench/eval_names.py

The set (``tests/report/names_set.py``) is written for the recogniser: 66 sentences the rules were
settled on and 20 held out (written afterwards, not tuned on). Precision and recall are of the names it
masks; "listed" counts the missed names it listed for the disclosure officer to check. A third set, 26
sentences held out for a known person's first name or surname alone (rules N6 and L4; written before
those rules were measured, not tuned on), is read by the whole redactor of a case that knows six people.
Four more, written on 30 November with the rules they measure (not held out, reported apart): officers'
names in examiners' notes and reviewers' reasons (kept unless a known private person's), a known
person's ordinary-word first name at a sentence's start, ordinary sentences that must mask nothing
("close the door", "I will", "hope so": every mask and every word listed counted against), and the
owners named in images' EXIF make and model; and two small sets written after those rules were
settled, not tuned on ("held out (30 Nov)").
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from report.names_set import (  # noqa: E402
    DEVICES_HELD_OUT_30NOV,
    HELD_OUT,
    HELD_OUT_30NOV,
    KNOWN_HELD_OUT,
    SENTENCES,
    score,
    score_devices,
    score_held_out_30nov,
    score_known,
    score_officers,
    score_ordinary,
    score_start,
)


def main() -> None:
    print(
        "| set | sentences | masked right | masked wrong | missed | missed but listed | precision | recall |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, s in (
        ("settled on", score(SENTENCES)),
        ("held out", score(HELD_OUT)),
        ("known people, held out", score_known(KNOWN_HELD_OUT)),
        ("officers and private people (30 Nov)", score_officers()),
        ("known ordinary-word names at a sentence's start (30 Nov)", score_start()),
        ("ordinary sentences: every mask is wrong (30 Nov)", score_ordinary()),
        ("device owners in EXIF make and model (30 Nov)", score_devices()),
        ("officers and known names, held out (30 Nov)", score_held_out_30nov(HELD_OUT_30NOV)),
        ("device owners, held out (30 Nov)", score_devices(DEVICES_HELD_OUT_30NOV)),
    ):
        masked, wanted = s.masked_right + s.masked_wrong, s.masked_right + s.missed
        precision = f"{s.precision:.2f}" if masked else "–"
        recall = f"{s.recall:.2f}" if wanted else "–"
        print(
            f"| {label} | {s.sentences} | {s.masked_right} | {s.masked_wrong} | {s.missed} |"
            f" {s.missed_but_listed} | {precision} | {recall} |"
        )


if __name__ == "__main__":
    main()
