"""Time `footprint suggestions` on the demo case holding an advocate's notes and suggested links (a
benchmark, not a test).

Builds the demo case in ``--out`` (once), marks its exhibits as supplied by the complainant (so the
advocate sees every account), then has an advocate note ``--notes`` findings and suggest ``--links`` links
between its accounts (cycling through the pairs), and times ``footprint suggestions`` (a new process each
run, as a user runs it: start-up included) and the queue itself in-process, ``--runs`` times each:

    PYTHONPATH=src .venv/bin/python bench/suggestions_queue.py --notes 300 --links 300
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import time
from pathlib import Path

from footprint.case import Case
from footprint.demo import build_demo
from footprint.review import decide
from footprint.review.suggest import suggest_link
from footprint.review.suggestions import suggestion_queue
from footprint.review.supplied import mark_supplied
from footprint.settings import Settings
from footprint.store.scope import SUPPLIER

OFFICER = Settings(actor="bench", role="investigator")


def _fill(folder: Path, notes: int, links: int) -> None:
    """The demo case with ``notes`` notes and ``links`` suggested links by an advocate (once)."""
    if (folder / "case" / "case.json").exists():
        return
    build_demo(folder, OFFICER)
    case = Case.open(folder / "case", OFFICER)
    try:
        for exhibit in case.store.exhibits():
            if exhibit.supplied_by != SUPPLIER:
                mark_supplied(case, exhibit.ref, "the complainant supplied it")
        ann = case.acting_as("Ann", "advocate")
        findings = [f.id for f in case.store.findings() if f.item_id is not None]
        for n, finding in zip(range(notes), itertools.cycle(findings), strict=False):
            decide(ann, finding, "note", f"note {n}")
        keys = [a.key for a in case.store.accounts()]
        pairs = itertools.cycle(itertools.combinations(keys, 2))
        for n, (a, b) in zip(range(links), pairs, strict=False):
            suggest_link(ann, a, b, f"suggestion {n}")
    finally:
        case.close()


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--out", type=Path, default=Path("/tmp/fp-suggestions"))
    options.add_argument("--notes", type=int, default=300)
    options.add_argument("--links", type=int, default=300)
    options.add_argument("--runs", type=int, default=3)
    args = options.parse_args()
    _fill(args.out, args.notes, args.links)
    command = [sys.executable, "-m", "footprint", "--actor", "bench", "suggestions", str(args.out / "case")]
    for run in range(args.runs):
        started = time.perf_counter()
        shown = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        took = time.perf_counter() - started
        case = Case.open(args.out / "case", OFFICER)
        try:
            began = time.perf_counter()
            queue = suggestion_queue(case)
            queued = time.perf_counter() - began
        finally:
            case.close()
        print(
            f"run {run + 1}: `footprint suggestions` {took:.2f} s ({len(shown.splitlines())} lines);"
            f" the queue in-process {queued * 1000:.0f} ms ({len(queue.entries)} entries)"
        )


if __name__ == "__main__":
    main()
