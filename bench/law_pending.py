"""The `law` analyser's run time and the stored size of its finding, before and after a change, side by side.

    # a case of about N items (bench/analyse_scale.py: her WhatsApp chat and Telegram export, her accounts
    # and his attributed; its invented text links three accounts attributed to no one to his)
    PYTHONPATH=src .venv/bin/python bench/analyse_scale.py build /tmp/fp-law-3k --items 3000
    # another tree's code (--before; e.g. `git archive BASE src | tar -x -C /tmp/b`) and this one's, in
    # turn, each in a fresh process on its own copy of the case: every analyser once, then `law` alone
    # --runs times (CPU seconds of the process, and wall seconds, of each)
    PYTHONPATH=src .venv/bin/python bench/law_pending.py /tmp/fp-law-3k --before /tmp/b/src --runs 5

Prints, per tree, the median CPU and wall seconds of a `law` run, the bytes of its finding's stored details
and how many elements carry a pending-attribution note.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# run in the child, with the tree's code: every analyser once, then law alone, timed
CHILD = """
import json, sys, time
from pathlib import Path
from footprint.analyse import run_analysers
from footprint.case import Case
from footprint.settings import Settings
case = Case.open(Path(sys.argv[1]), Settings(actor="bench", role="investigator"))
run_analysers(case, strict=True)
cpu, wall = [], []
for _ in range(int(sys.argv[2])):
    c, w = time.process_time(), time.perf_counter()
    run_analysers(case, ["law"], strict=True)
    cpu.append(time.process_time() - c)
    wall.append(time.perf_counter() - w)
[law] = case.store.findings("offence_assessment")
pending = sum(
    1 for p in [law.details] for o in p["offences"] for e in o["elements"] if e.get("pending")
)
row = case.store.engine.connect().exec_driver_sql(
    "SELECT length(CAST(details AS BLOB)) FROM finding WHERE id = ?", (law.id,)
).scalar()
print(json.dumps({"cpu": cpu, "wall": wall, "bytes": row, "pending": pending}))
"""


def measure(folder: Path, tree: Path, runs: int, scratch: Path) -> dict[str, object]:
    """``law`` timed with ``tree``'s code on a fresh copy of the case (``CHILD``)."""
    copy = scratch / "case"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy)
    env = {**os.environ, "PYTHONPATH": str(tree), "FOOTPRINT_ACTOR": "bench"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(copy), str(runs)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"law with {tree} failed:\n{done.stdout}\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--before", type=Path, required=True, help="the other tree's src folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2, help="processes per tree, taken in turn")
    args = parser.parse_args()
    after = Path(__file__).resolve().parent.parent / "src"
    got: dict[str, list[dict[str, object]]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory(prefix="footprint-bench-law-") as scratch:
        for _ in range(args.rounds):
            for name, tree in (("before", args.before), ("after", after)):
                got[name].append(measure(args.folder, tree, args.runs, Path(scratch)))
    for name, rows in got.items():
        cpu = [t for r in rows for t in r["cpu"]]  # type: ignore[attr-defined]
        wall = [t for r in rows for t in r["wall"]]  # type: ignore[attr-defined]
        print(
            f"{name}: law median {statistics.median(cpu):.2f} s CPU ({min(cpu):.2f}–{max(cpu):.2f}),"
            f" {statistics.median(wall):.2f} s wall over {len(cpu)} runs; stored details"
            f" {rows[-1]['bytes']:,} bytes; elements with a pending note: {rows[-1]['pending']}"
        )


if __name__ == "__main__":
    main()
