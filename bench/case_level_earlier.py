"""`footprint findings` on a big case whose case-level findings were decided in an earlier analysis.

    # a case of about N items (bench/analyse_scale.py's), analysed; its course of conduct confirmed and its
    # offence assessment dismissed; analysed again, then the decided findings' words changed (as an older
    # analyser version's words), so each current one is matched to its earlier decision on every read
    PYTHONPATH=src .venv/bin/python bench/case_level_earlier.py build /tmp/fp-case-level --items 20000
    # `footprint findings --json`, in a fresh process each, alternating the older tree's code (--before;
    # e.g. `git archive BASE src | tar -x -C /tmp/b`) with this tree's
    PYTHONPATH=src .venv/bin/python bench/case_level_earlier.py run /tmp/fp-case-level --before /tmp/b/src

Prints each run's wall and CPU time and peak memory, the medians and their ratios, and the case-level
findings' ``earlier_decision`` as each tree gave it (the older code: none).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analyse_scale import alternate, timed_on_a_copy  # noqa: E402
from analyse_scale import build as build_case  # noqa: E402

DECIDED = {"course_of_conduct": "confirm", "offence_assessment": "dismiss"}


def build(folder: Path, items: int) -> None:
    """The case (``folder``/case): analysed, its case-level findings decided, analysed again, and the
    decided findings' words changed."""
    import sqlite3
    from contextlib import closing

    from footprint.analyse.base import run_analysers
    from footprint.case import Case
    from footprint.review import decide
    from footprint.settings import Settings

    build_case(folder / "case", items)
    settings = Settings(actor="bench", role="investigator")
    case = Case.open(folder / "case", settings)
    run_analysers(case)
    decided = [f.id for f in case.store.findings(without_details=DECIDED) if f.category in DECIDED]
    for f in case.store.findings(ids=decided, without_details=DECIDED):
        decide(case, f.id, DECIDED[f.category], "bench")
    run_analysers(case)
    case.close()
    with closing(sqlite3.connect(folder / "case" / "case.db")) as db, db:
        marks = ",".join("?" * len(decided))
        db.execute(
            f"UPDATE finding SET explanation = 'earlier words ' || explanation WHERE id IN ({marks})", decided
        )
    print(f"{folder / 'case'}: {len(decided)} case-level finding(s) decided, then reworded")


def findings_once(folder: Path, tree: Path, scratch: Path) -> dict[str, object]:
    """``footprint findings --json`` with ``tree``'s code on a fresh copy: its figures and the case-level
    findings' ``earlier_decision``."""
    copy, done, figures = timed_on_a_copy(folder, tree, scratch, "findings", ("--json",))
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    earlier = [(r["category"], r.get("earlier_decision")) for r in rows if r["item_id"] is None]
    shutil.rmtree(copy)
    return {**figures, "earlier": earlier}


def run(folder: Path, before: Path, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="footprint-bench-case-level-") as scratch:
        figures = alternate(
            before, runs, lambda tree: findings_once(folder / "case", tree, Path(scratch)), lambda _: ""
        )
    for name, found in figures.items():
        print(f"{name}: {found[0]['earlier']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    made = sub.add_parser("build")
    made.add_argument("folder", type=Path)
    made.add_argument("--items", type=int, default=20_000)
    timed = sub.add_parser("run")
    timed.add_argument("folder", type=Path)
    timed.add_argument("--before", type=Path, required=True, help="the src folder of the code to compare")
    timed.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.what == "build":
        build(args.folder, args.items)
    else:
        run(args.folder, args.before, args.runs)


if __name__ == "__main__":
    main()
